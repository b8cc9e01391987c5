import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, concatMap, from, type Observable, of, switchMap, throwError } from 'rxjs';

import type { Principal } from '../auth/principal.js';
import { LANEGATE_CONFIG, type LanegateConfig } from '../config/lanegate-config.js';
import { ApplicationError } from '../errors/application.error.js';
import { type Layer, LAYER_METADATA } from '../http/layer.js';
import { IdempotencyStores } from './idempotency-stores.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));

    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }

  return JSON.stringify(value) ?? 'null';
}

function invalidKey(): ApplicationError {
  return new ApplicationError({
    code: 'IDEMPOTENCY_KEY_INVALID',
    status: 400,
    title: 'Invalid Idempotency-Key',
    detail: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.',
  });
}

/**
 * Makes POST routes safe to retry. The same key with the same body replays the stored response without running
 * the handler; the same key with another body answers 422; a key still in flight answers 409. Keys live in the
 * layer's own database and expire after the configured time.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly stores: IdempotencyStores,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const layer = this.reflector.get<Layer | undefined>(LAYER_METADATA, context.getClass());
    const store = layer ? this.stores.get(layer) : undefined;
    if (request.method !== 'POST' || header === undefined || !store) {
      return next.handle();
    }
    if (typeof header !== 'string' || !VALID_KEY.test(header)) {
      throw invalidKey();
    }

    const principal = request.user?.subject ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.routeOptions.url ?? request.url}\n${stableStringify(request.body)}`)
      .digest('hex');
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const expiresAt = new Date(Date.now() + this.config.idempotencyTtlHours * 3_600_000);
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    return from(store.claim({ key: header, principal, requestHash, expiresAt })).pipe(
      switchMap((claim) => {
        if (!claim.claimed) {
          return of(this.replay(claim.existing, requestHash, reply));
        }

        return next.handle().pipe(
          concatMap(async (body: unknown) => {
            await store.complete(header, principal, statusCode, body);

            return body;
          }),
          catchError((error: unknown) =>
            from(store.release(header, principal)).pipe(concatMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  private replay(
    existing: { requestHash: string; state: string; responseBody?: unknown },
    requestHash: string,
    reply: FastifyReply,
  ): unknown {
    if (existing.requestHash !== requestHash) {
      throw new ApplicationError({
        code: 'IDEMPOTENCY_KEY_REUSED',
        status: 422,
        title: 'Idempotency-Key reused',
        detail: 'This Idempotency-Key was first used with a different request body.',
      });
    }
    if (existing.state !== 'completed') {
      throw new ApplicationError({
        code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
        status: 409,
        title: 'Request in progress',
        detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
        headers: { 'Retry-After': '1' },
      });
    }
    reply.header('Idempotent-Replayed', 'true');

    return existing.responseBody;
  }
}
