import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { ApplicationError } from '@lanegate/platform';

import { ErpOAuthService } from './erp-oauth.service.js';

/** Admits calls bearing an access token from the sandbox ERP's own token endpoint. */
@Injectable()
export class ErpTokenGuard implements CanActivate {
  constructor(private readonly oauth: ErpOAuthService) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!this.oauth.isValid(token)) {
      throw new ApplicationError({
        code: 'ERP_TOKEN_INVALID',
        status: 401,
        title: 'Invalid ERP access token',
        detail: 'Obtain an access token from /sandbox/erp/oauth/token with client credentials.',
        headers: { 'WWW-Authenticate': 'Bearer realm="sandbox-erp", error="invalid_token"' },
      });
    }

    return true;
  }
}
