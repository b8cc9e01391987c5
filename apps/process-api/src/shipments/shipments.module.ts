import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { MessagingModule } from '@lanegate/messaging';

import { ProjectionModule } from '../projection/index.js';
import { ShipmentStopEntity } from './shipment-stop.entity.js';
import { ShipmentEntity } from './shipment.entity.js';
import { ShipmentsController } from './shipments.controller.js';
import { ShipmentAdmission } from './shipment-admission.service.js';
import { ShipmentsService } from './shipments.service.js';
import { SystemApiClientModule } from '../system-api/system-api-client.module.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ShipmentEntity, ShipmentStopEntity], 'process'),
    MessagingModule.forLayer('process'),
    ProjectionModule,
    SystemApiClientModule,
  ],
  controllers: [ShipmentsController],
  providers: [ShipmentsService, ShipmentAdmission],
})
export class ShipmentsModule {}
