import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { MessagingModule } from '@lanegate/messaging';

import { ProjectionModule } from '../projection/index.js';
import { ShipmentStopEntity } from './shipment-stop.entity.js';
import { ShipmentEntity } from './shipment.entity.js';
import { ShipmentsController } from './shipments.controller.js';
import { ShipmentsService } from './shipments.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ShipmentEntity, ShipmentStopEntity], 'process'),
    MessagingModule.forLayer('process'),
    ProjectionModule,
  ],
  controllers: [ShipmentsController],
  providers: [ShipmentsService],
})
export class ShipmentsModule {}
