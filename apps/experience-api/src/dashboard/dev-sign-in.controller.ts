import { HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import {
  AuthenticatedBy,
  LANEGATE_CONFIG,
  type LanegateConfig,
  LayerController,
  ResourceNotFoundError,
  TokenIssuer,
} from '@lanegate/platform';

/** How long a development sign-in lasts. */
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

/** Development sign-in exists only in the embedded gateway outside production. */
export function devSignInEnabled(config: LanegateConfig): boolean {
  return config.app === 'gateway' && config.environment !== 'production';
}

const isLoopback = (address: string): boolean =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * One-click sign-in for the dashboard on a developer's machine: an `ops` token for callers on the same host, in the
 * embedded gateway only. Everywhere else (a standalone experience-api, production, another host) it does not exist.
 */
@LayerController({ layer: 'experience', path: 'ops', tag: 'operations' })
@AuthenticatedBy('caller on the same host, embedded development mode only')
export class DevSignInController {
  constructor(
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
    @Inject(TokenIssuer) private readonly tokens: TokenIssuer,
  ) {}

  @Post('dev-sign-in')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  signIn(@Req() request: FastifyRequest): { token: string; expiresInSeconds: number } {
    if (!devSignInEnabled(this.config) || !isLoopback(request.ip)) {
      throw new ResourceNotFoundError('route', 'POST /experience/v1/ops/dev-sign-in');
    }

    return {
      token: this.tokens.issue({ subject: 'dev-operator', scopes: ['ops'], ttlSeconds: DEV_TOKEN_TTL_SECONDS }),
      expiresInSeconds: DEV_TOKEN_TTL_SECONDS,
    };
  }
}
