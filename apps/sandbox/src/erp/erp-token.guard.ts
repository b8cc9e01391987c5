import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { ApplicationError } from '@lanegate/platform';

import { erpOperation } from './erp-faults.interceptor.js';
import { ErpOAuthService } from './erp-oauth.service.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

/**
 * Admits calls bearing an access token from the sandbox ERP's own token endpoint. A rejected call is not
 * authenticated, so it does not count against the quota, but it does show in the statistics.
 */
@Injectable()
export class ErpTokenGuard implements CanActivate {
  constructor(
    private readonly oauth: ErpOAuthService,
    private readonly state: SandboxErpState,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!this.oauth.isValid(token)) {
      this.state.recordCall(erpOperation(request), 401);

      throw new ApplicationError({
        code: 'ERP_TOKEN_INVALID',
        status: 401,
        title: 'Invalid ERP access token',
        detail: 'The access token is missing, unknown or expired. Obtain one from /sandbox/erp/oauth/token.',
        headers: { 'WWW-Authenticate': 'Bearer realm="sandbox-erp", error="invalid_token"' },
      });
    }

    return true;
  }
}
