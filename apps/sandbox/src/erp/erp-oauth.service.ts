import { Injectable } from '@nestjs/common';

import { SANDBOX_ERP_CLIENT } from './erp-seed.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

/** Issues and checks the sandbox ERP's OAuth2 client-credentials access tokens. */
@Injectable()
export class ErpOAuthService {
  constructor(private readonly state: SandboxErpState) {}

  /** A token for the known client, or null when the client id or secret is wrong. */
  issue(clientId: string, clientSecret: string): { token: string; expiresIn: number } | null {
    if (clientId !== SANDBOX_ERP_CLIENT.clientId || clientSecret !== SANDBOX_ERP_CLIENT.clientSecret) {
      return null;
    }

    return this.state.issueToken(Date.now());
  }

  isValid(token: string): boolean {
    return this.state.isTokenValid(token, Date.now());
  }
}
