import type { HealthCheckResult } from '@nestjs/terminus';

import { ApplicationError } from '../errors/application.error.js';

/**
 * `/health/ready` answers 503 with this problem while a dependency is down. The detail names the dependencies that
 * are down and `details` holds every probe's outcome, in the same shape as the 200 answer.
 */
export class NotReadyException extends ApplicationError {
  constructor(result: HealthCheckResult) {
    const down = Object.entries(result.details)
      .filter(([, outcome]) => outcome.status !== 'up')
      .map(([name]) => name);

    super({
      code: 'NOT_READY',
      status: 503,
      title: 'Not ready',
      detail:
        down.length > 0
          ? `Not ready: ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down.`
          : 'Not ready: the process is shutting down.',
      extensions: { details: result.details },
      headers: { 'Retry-After': '5' },
    });
  }
}
