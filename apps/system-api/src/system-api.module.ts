import { Module } from '@nestjs/common';

import { PersistenceModule } from '@lanegate/persistence';
import type { LayerDocumentSpec } from '@lanegate/platform';

import { ErpModule } from './erp/erp.module.js';

/** The system layer: adapters to the ERP and the dispatch platforms, behind `/system/v1`. */
@Module({
  imports: [PersistenceModule.forLayer({ layer: 'system', entities: [], migrations: [] }), ErpModule],
})
export class SystemApiModule {}

export const SYSTEM_API_DOCUMENT: LayerDocumentSpec = {
  layer: 'system',
  title: 'Lanegate system API',
  description:
    'Adapters that wrap the cloud ERP and the dispatch platforms, translate vendor formats into canonical events ' +
    "and protect the ERP's quota.",
  version: 1,
  module: SystemApiModule,
};
