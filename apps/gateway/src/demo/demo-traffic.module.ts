import { Module } from '@nestjs/common';

import { DemoTraffic } from './demo-traffic.service.js';

/** The embedded gateway's demonstration traffic (`DEMO_LOADS_PER_MINUTE`). */
@Module({ providers: [DemoTraffic] })
export class DemoTrafficModule {}
