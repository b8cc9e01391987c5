import { Module } from '@nestjs/common';

import { ErpClient } from './erp.client.js';
import { ErpController } from './erp.controller.js';

@Module({ controllers: [ErpController], providers: [ErpClient] })
export class ErpModule {}
