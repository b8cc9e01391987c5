import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { register } from 'prom-client';

import { Public } from '../auth/auth.decorators.js';

@Controller('metrics')
@ApiTags('metrics')
@Public()
@SkipThrottle()
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Metrics of this process in Prometheus text format.' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Metrics in Prometheus exposition format.' })
  scrape(): Promise<string> {
    return register.metrics();
  }
}
