import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { PROBLEM_CONTENT_TYPE } from './problem-details.js';
import { toProblem } from './problem.mapper.js';

/** Answers every error with RFC 9457 problem details; unexpected ones are logged with their stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(exception, { correlationId: String(request.id), instance: request.url.split('?')[0] });

    if (problem.unexpected) {
      this.logger.error(
        { err: exception, correlationId: request.id, route: request.routeOptions.url },
        'request failed',
      );
    } else {
      this.logger.debug({ code: problem.body.code, status: problem.body.status }, 'request rejected');
    }

    void reply
      .headers(problem.headers)
      .status(problem.body.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.body));
  }
}
