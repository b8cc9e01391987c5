import { createSecretKey } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';

import { LANEGATE_CONFIG, type LanegateConfig } from '../config/lanegate-config.js';
import { isScope, type LanegateClaims, type Principal } from './principal.js';

function algorithmOf(rawJwt: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(rawJwt.split('.')[0], 'base64url').toString('utf8')) as { alg?: string };

    return header.alg;
  } catch {
    return undefined;
  }
}

/**
 * HS256 tokens are checked against the configured secret; RS256 tokens against the JWKS endpoint when one is
 * configured. Any other algorithm is refused before signature checks.
 */
function keyProvider(config: LanegateConfig): SecretOrKeyProvider {
  // A KeyObject, not the raw string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key
  // on every request, which cost a sixth of the CPU of an authenticated read.
  const secret = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  const jwks = config.auth.jwksUrl
    ? passportJwtSecret({ jwksUri: config.auth.jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 })
    : undefined;

  return (request, rawJwt: string, done) => {
    const algorithm = algorithmOf(rawJwt);
    if (algorithm === 'HS256') {
      done(null, secret as unknown as string);

      return;
    }
    if (algorithm === 'RS256' && jwks) {
      jwks(request, rawJwt, done);

      return;
    }
    done(new Error(`tokens signed with ${algorithm ?? 'an unknown algorithm'} are not accepted`));
  };
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(LANEGATE_CONFIG) config: LanegateConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider(config),
      algorithms: config.auth.jwksUrl ? ['HS256', 'RS256'] : ['HS256'],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ignoreExpiration: false,
    });
  }

  validate(claims: LanegateClaims): Principal | false {
    const scopes = (claims.scope ?? '').split(' ').filter(isScope);
    if (!claims.sub || scopes.length === 0) {
      return false;
    }
    if (scopes.includes('portal') && !claims.customer_id) {
      return false;
    }

    return { subject: claims.sub, scopes, customerId: claims.customer_id };
  }
}
