import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { catchError, from, mergeMap, type Observable, tap, throwError } from 'rxjs';

import { ApplicationError } from '@lanegate/platform';

import { type ErpAdmission, SandboxErpState } from './sandbox-erp-state.service.js';

const ERP_BASE_PATH = '/sandbox/erp';

/** The operation a call made, named as the ERP's contract names it: `GET /customers/{customerId}`. */
export function erpOperation(request: FastifyRequest): string {
  const template = (request.routeOptions.url ?? request.url.split('?')[0]).replace(ERP_BASE_PATH, '');

  return `${request.method} ${template.replace(/:([A-Za-z]+)/g, '{$1}')}`;
}

/**
 * Puts the faults of a real cloud ERP in front of every authenticated call: maintenance windows (503), the
 * per-second quota (429), random internal errors (500, before the handler runs) and latency (on every answer).
 * Records each answer's status in the statistics.
 */
@Injectable()
export class ErpFaultsInterceptor implements NestInterceptor {
  constructor(private readonly state: SandboxErpState) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const operation = erpOperation(request);
    const admission = this.state.admit(Date.now(), Math.random());
    const { latencyMs } = this.state.currentFaults();

    return from(latencyMs > 0 ? sleep(latencyMs) : Promise.resolve()).pipe(
      mergeMap(() => (admission.outcome === 'admitted' ? next.handle() : throwError(() => faultError(admission)))),
      tap(() => this.state.recordCall(operation, reply.statusCode)),
      catchError((error: unknown) => {
        this.state.recordCall(operation, statusOf(error));

        return throwError(() => error);
      }),
    );
  }
}

function faultError(admission: Exclude<ErpAdmission, { outcome: 'admitted' }>): ApplicationError {
  switch (admission.outcome) {
    case 'maintenance':
      return new ApplicationError({
        code: 'ERP_MAINTENANCE',
        status: 503,
        title: 'ERP under maintenance',
        detail: `The tenant is in a scheduled maintenance window until ${admission.endsAt}.`,
        headers: { 'Retry-After': String(admission.retryAfterSeconds) },
      });
    case 'quota_exceeded':
      return new ApplicationError({
        code: 'ERP_QUOTA_EXCEEDED',
        status: 429,
        title: 'ERP request quota exceeded',
        detail: `The tenant's quota of ${admission.quotaPerSecond} requests per second is used up.`,
        headers: { 'Retry-After': String(admission.retryAfterSeconds) },
      });
    case 'failed':
      return new ApplicationError({
        code: 'ERP_INTERNAL_ERROR',
        status: 500,
        title: 'ERP internal error',
        detail: 'The ERP failed before processing the request; nothing was changed. Retry later.',
      });
  }
}

function statusOf(error: unknown): number {
  if (error instanceof ApplicationError) {
    return error.status;
  }

  return error instanceof HttpException ? error.getStatus() : 500;
}
