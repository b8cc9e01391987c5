import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';

import { Public } from '../auth/auth.decorators.js';
import { NotReadyException } from './not-ready.exception.js';
import { ReadinessProbes } from './readiness-probes.js';

const PROBE_TIMEOUT_MS = 2000;

@Controller('health')
@ApiTags('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probes: ReadinessProbes,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness', description: 'Answers 200 while the process is running.' })
  @ApiResponse({ status: 200, description: 'The process is alive.' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness',
    description: 'Answers 200 when every dependency of this process (databases, NATS, Redis) is reachable.',
  })
  @ApiResponse({ status: 200, description: 'Every dependency is reachable.' })
  @ApiResponse({ status: 503, description: 'At least one dependency is down; the body names it.' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(
        this.probes.entries().map(
          ([name, probe]) =>
            () =>
              this.indicators
                .check(name)
                .attempt(async () => {
                  await probe();
                })
                .withTimeout(PROBE_TIMEOUT_MS),
        ),
      );
    } catch (error) {
      // Terminus's own 503 would reach the problem filter as a bare "Service Unavailable" and lose the names.
      if (error instanceof ServiceUnavailableException) {
        throw new NotReadyException(error.getResponse() as HealthCheckResult);
      }
      throw error;
    }
  }
}
