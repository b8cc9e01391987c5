import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import { Get, Inject, Module, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AxiosInstance } from 'axios';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createLayerClient,
  Deprecated,
  LANEGATE_CONFIG,
  type LanegateConfig,
  LayerController,
  Scopes,
  TokenIssuer,
} from '@lanegate/platform';
import { freePort, startTestApp, type TestApp } from '@lanegate/platform/testing';

const SELF = Symbol('SELF');

/** A layer that exists only for these tests, to exercise the platform's policies in isolation. */
@LayerController({ layer: 'process', path: 'platform-checks', tag: 'checks' })
@Scopes('ops', 'internal')
class PlatformChecksController {
  constructor(@Inject(SELF) private readonly self: AxiosInstance) {}

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('old')
  @Deprecated({ since: '2026-06-01T00:00:00Z', sunset: '2027-06-30T00:00:00Z', successor: '/process/v2/checks' })
  old(): { ok: boolean } {
    return { ok: true };
  }

  @Get('seen-correlation')
  seen(@Req() request: FastifyRequest): { correlationId: string; traceparent?: string } {
    return { correlationId: String(request.id), traceparent: request.headers.traceparent as string | undefined };
  }

  @Get('relay')
  async relay(): Promise<unknown> {
    const { data } = await this.self.get<unknown>('/process/v1/platform-checks/seen-correlation');

    return data;
  }
}

@Module({
  controllers: [PlatformChecksController],
  providers: [
    {
      provide: SELF,
      inject: [LANEGATE_CONFIG, TokenIssuer],
      useFactory: (config: LanegateConfig, tokens: TokenIssuer) =>
        createLayerClient({ baseUrl: config.layerUrls.process, caller: 'checks', tokens, timeoutMs: 2000 }),
    },
  ],
})
class PlatformChecksModule {}

describe('platform policies', () => {
  let checks: TestApp;

  beforeAll(async () => {
    checks = await startTestApp({ app: 'gateway', layers: [PlatformChecksModule] });
  });

  afterAll(async () => {
    await checks.dispose();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${checks.baseUrl}/process/v1/platform-checks/${path}`, {
      headers: { authorization: checks.bearer(['ops']), ...headers },
    });

  it('answers an unexpected error with a 500 problem that hides the internal message', async () => {
    const response = await get('boom');
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(JSON.parse(text)).toMatchObject({ code: 'INTERNAL_ERROR', correlationId: expect.any(String) });
  });

  it('marks a deprecated route with Deprecation, Sunset and successor Link headers', async () => {
    const response = await get('old');

    expect(response.status).toBe(200);
    expect(response.headers.get('deprecation')).toBe(`@${Date.parse('2026-06-01T00:00:00Z') / 1000}`);
    expect(response.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    expect(response.headers.get('link')).toBe('</process/v2/checks>; rel="successor-version"');
  });

  it('leaves routes that are not deprecated without deprecation headers', async () => {
    const response = await get('seen-correlation');

    expect(response.headers.get('deprecation')).toBeNull();
  });

  it('passes the correlation id and trace id on to layer-to-layer calls', async () => {
    const response = await get('relay', {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'x-correlation-id': 'order-9001',
    });
    const seen = (await response.json()) as { correlationId: string; traceparent: string };

    expect(seen.correlationId).toBe('order-9001');
    expect(seen.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(seen.traceparent).not.toContain('00f067aa0ba902b7');
  });

  it('rejects an unsigned token (alg none)', async () => {
    const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
      sub: 'intruder',
      scope: 'ops',
      iss: 'lanegate',
      aud: 'lanegate',
      exp: Math.floor(Date.now() / 1000) + 60,
    })}.`;
    const response = await fetch(`${checks.baseUrl}/process/v1/platform-checks/old`, {
      headers: { authorization: `Bearer ${unsigned}` },
    });

    expect(response.status).toBe(401);
  });

  it('uses the trace id of a traceparent as the correlation id when none is given', async () => {
    const response = await get('seen-correlation', {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });

    expect(response.headers.get('x-correlation-id')).toBe('0af7651916cd43dd8448eb211c80319c');
  });
});

describe('RS256 tokens through a JWKS URL', () => {
  const kid = randomUUID();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwksServer: Server;
  let checks: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
    jwksServer = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(port, '127.0.0.1', resolve));
    checks = await startTestApp({
      app: 'gateway',
      layers: [PlatformChecksModule],
      env: { JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` },
    });
  });

  afterAll(async () => {
    await checks.dispose();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  const rs256 = (key: string | Buffer, keyId = kid): string =>
    new JwtService().sign(
      { sub: 'partner-idp-user', scope: 'ops' },
      { algorithm: 'RS256', privateKey: key, keyid: keyId, issuer: 'lanegate', audience: 'lanegate', expiresIn: 60 },
    );

  it('accepts a token signed by a key the JWKS publishes', async () => {
    const token = rs256(privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const response = await fetch(`${checks.baseUrl}/process/v1/platform-checks/old`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
  });

  it('rejects a token signed by a key the JWKS does not publish', async () => {
    const token = rs256(stranger.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const response = await fetch(`${checks.baseUrl}/process/v1/platform-checks/old`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(401);
  });

  it('still accepts HS256 tokens signed with the configured secret', async () => {
    const response = await fetch(`${checks.baseUrl}/process/v1/platform-checks/old`, {
      headers: { authorization: checks.bearer(['ops']) },
    });

    expect(response.status).toBe(200);
  });
});
