import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';

import { ApplicationError } from '../errors/application.error.js';
import { IS_PUBLIC, OWN_AUTHENTICATION, REQUIRED_SCOPES } from './auth.decorators.js';
import type { Principal, Scope } from './principal.js';

export class UnauthenticatedError extends ApplicationError {
  constructor(reason: string) {
    super({
      code: 'UNAUTHENTICATED',
      status: 401,
      title: 'Authentication required',
      detail: `A valid bearer token is required: ${reason}.`,
      headers: { 'WWW-Authenticate': 'Bearer realm="lanegate"' },
    });
  }
}

export class ForbiddenScopeError extends ApplicationError {
  constructor(required: Scope[]) {
    super({
      code: 'INSUFFICIENT_SCOPE',
      status: 403,
      title: 'Insufficient scope',
      detail:
        required.length > 0
          ? `This route needs a token with one of these scopes: ${required.join(', ')}.`
          : 'This route declares no scopes, so no token may call it.',
      extensions: { requiredScopes: required },
    });
  }
}

/**
 * Authenticates every route with passport-jwt, then authorises by the scopes the route declares. Routes
 * marked public, or that authenticate with their own scheme, skip both; a route that declares no scopes admits nobody (fail closed).
 */
@Injectable()
export class LanegateAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ||
      this.reflector.getAllAndOverride<string>(OWN_AUTHENTICATION, targets)
    ) {
      return true;
    }

    await super.canActivate(context);

    const required = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? [];
    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
    if (!required.some((scope) => principal.scopes.includes(scope))) {
      throw new ForbiddenScopeError(required);
    }

    return true;
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error || !user) {
      const reason = info instanceof Error ? info.message : error instanceof Error ? error.message : 'token rejected';

      throw new UnauthenticatedError(reason);
    }

    return user;
  }
}
