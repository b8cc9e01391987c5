import { Module } from '@nestjs/common';

import { SystemApiClient } from './system-api.client.js';

/** The process layer's door to the system API, over HTTP. */
@Module({ providers: [SystemApiClient], exports: [SystemApiClient] })
export class SystemApiClientModule {}
