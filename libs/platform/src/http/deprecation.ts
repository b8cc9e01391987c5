import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';

export const DEPRECATION_METADATA = 'lanegate:deprecation';

export interface DeprecationPolicy {
  /** When the route was deprecated (ISO 8601). */
  since: string;
  /** When the route stops answering (ISO 8601). */
  sunset: string;
  /** Path of the route that replaces it, advertised as the successor version. */
  successor?: string;
}

/** Marks a route deprecated: it answers with `Deprecation`, `Sunset` and `Link` headers, and the OpenAPI says so. */
export function Deprecated(policy: DeprecationPolicy): MethodDecorator {
  return applyDecorators(SetMetadata(DEPRECATION_METADATA, policy), ApiOperation({ deprecated: true }));
}

/** Sets the deprecation headers (RFC 9745 `Deprecation`, RFC 8594 `Sunset`) on routes marked {@link Deprecated}. */
@Injectable()
export class DeprecationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.get<DeprecationPolicy | undefined>(DEPRECATION_METADATA, context.getHandler());
    if (policy) {
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      reply.header('Deprecation', `@${Math.floor(Date.parse(policy.since) / 1000)}`);
      reply.header('Sunset', new Date(policy.sunset).toUTCString());
      if (policy.successor) {
        reply.header('Link', `<${policy.successor}>; rel="successor-version"`);
      }
    }

    return next.handle();
  }
}
