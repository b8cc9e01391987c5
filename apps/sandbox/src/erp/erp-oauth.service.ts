import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

import { SANDBOX_ERP_CLIENT } from './erp-seed.js';

const TOKEN_LIFETIME_SECONDS = 900;

/** Issues and checks the sandbox ERP's OAuth2 client-credentials access tokens. */
@Injectable()
export class ErpOAuthService {
  private readonly tokens = new Map<string, number>();

  issue(clientId: string | undefined, clientSecret: string | undefined): { token: string; expiresIn: number } | null {
    if (clientId !== SANDBOX_ERP_CLIENT.clientId || clientSecret !== SANDBOX_ERP_CLIENT.clientSecret) {
      return null;
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, Date.now() + TOKEN_LIFETIME_SECONDS * 1000);

    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  isValid(token: string): boolean {
    const expiresAt = this.tokens.get(token);

    return expiresAt !== undefined && expiresAt > Date.now();
  }
}
