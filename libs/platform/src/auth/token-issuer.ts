import { JwtService } from '@nestjs/jwt';

import type { LanegateConfig } from '../config/lanegate-config.js';
import type { LanegateClaims, Scope } from './principal.js';

export interface TokenRequest {
  subject: string;
  scopes: Scope[];
  customerId?: string;
  ttlSeconds?: number;
}

/** Signs HS256 tokens with the configured secret: development tokens and layer-to-layer calls. */
export class TokenIssuer {
  private readonly jwt: JwtService;

  constructor(private readonly config: LanegateConfig) {
    this.jwt = new JwtService({ secret: config.auth.jwtSecret, signOptions: { algorithm: 'HS256' } });
  }

  issue(request: TokenRequest): string {
    const claims: LanegateClaims = {
      sub: request.subject,
      scope: request.scopes.join(' '),
      ...(request.customerId ? { customer_id: request.customerId } : {}),
    };

    return this.jwt.sign(claims, {
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      expiresIn: request.ttlSeconds ?? 3600,
    });
  }
}
