import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';

import { ApplicationError, LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

export const DISPATCH_API_KEY_HEADER = 'x-api-key';
export const DISPATCH_AUTHENTICATION = 'sandbox-dispatch-api-key';

/**
 * Admits calls bearing the API key the platform issued to Lanegate in `X-Api-Key`, as SaaS dispatch platforms
 * authenticate shippers. The sandbox accepts the one key Lanegate is configured with (`DISPATCH_PLATFORM_API_KEY`).
 */
@Injectable()
export class DispatchApiKeyGuard implements CanActivate {
  private readonly key: Buffer;

  constructor(@Inject(LANEGATE_CONFIG) config: LanegateConfig) {
    this.key = Buffer.from(config.dispatch.apiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const offered = Buffer.from(String(request.headers[DISPATCH_API_KEY_HEADER] ?? ''));
    if (offered.length !== this.key.length || !timingSafeEqual(offered, this.key)) {
      throw new ApplicationError({
        code: 'DISPATCH_API_KEY_INVALID',
        status: 401,
        title: 'Invalid dispatch platform API key',
        detail: 'The X-Api-Key header is missing or is not a key this dispatch platform issued.',
        headers: { 'WWW-Authenticate': 'ApiKey realm="sandbox-dispatch", header="X-Api-Key"' },
      });
    }

    return true;
  }
}
