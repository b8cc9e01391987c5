import { SetMetadata } from '@nestjs/common';

import type { Scope } from './principal.js';

export const IS_PUBLIC = 'lanegate:public';
export const REQUIRED_SCOPES = 'lanegate:scopes';

/** Marks a route that needs no token. Only health, metrics and documentation routes may use it. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route admits a token holding any one of these scopes. */
export const Scopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

export const OWN_AUTHENTICATION = 'lanegate:own-authentication';

/**
 * The route authenticates callers with its own scheme (a webhook signature, the sandbox ERP's OAuth tokens)
 * through its own guard, instead of Lanegate bearer tokens. It is still protected: the name says by what.
 */
export const AuthenticatedBy = (scheme: string): MethodDecorator & ClassDecorator =>
  SetMetadata(OWN_AUTHENTICATION, scheme);
