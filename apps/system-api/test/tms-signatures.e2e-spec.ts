import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigurationError, loadConfig } from '@lanegate/platform';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';

import { SystemApiModule } from '../src/system-api.module.js';
import {
  fixture,
  postSigned,
  rawMessageCount,
  signatureHeaders,
  type TmsResponse,
  webhookSecret,
} from './tms-testing.js';

/** Both JSON vendors are mid-rotation: each has a new secret and the old one it is replacing. */
const SECRETS = {
  nmfta: { current: webhookSecret('nmfta-2027'), previous: webhookSecret('nmfta-2026') },
  trackline: { current: webhookSecret('trackline-2027'), previous: webhookSecret('trackline-2026') },
} as const;
const STRANGER = webhookSecret('never-issued');

const ROTATING =
  `nmfta=${SECRETS.nmfta.current},${SECRETS.nmfta.previous};` +
  `trackline=${SECRETS.trackline.current},${SECRETS.trackline.previous}`;
const ROTATED = `nmfta=${SECRETS.nmfta.current};trackline=${SECRETS.trackline.current}`;

const VENDORS = [
  {
    vendor: 'nmfta' as const,
    route: '/system/v1/tms/webhooks/nmfta',
    body: () => fixture('nmfta/event-batch-two-shipments.json'),
  },
  {
    vendor: 'trackline' as const,
    route: '/system/v1/tms/webhooks/trackline',
    body: () => JSON.stringify((JSON.parse(fixture('trackline/route-webhooks.json')) as unknown[])[0]),
  },
];

const MINUTE = 60_000;

function startWithSecrets(secrets: string): Promise<TestApp> {
  return startTestApp({ app: 'gateway', layers: [SystemApiModule], env: { TMS_WEBHOOK_SECRETS: secrets } });
}

function expectUnauthorized(response: TmsResponse, failedCheck: 'headers' | 'timestamp' | 'signature', vendor: string) {
  expect(response.status).toBe(401);
  expect(response.contentType).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 401, vendor, failedCheck });
  expect(response.headers.get('www-authenticate')).toBe(`Signature realm="lanegate-tms", vendor="${vendor}"`);
}

describe.each(VENDORS)('POST $route signatures', ({ vendor, route, body }) => {
  let app: TestApp;
  const secrets = SECRETS[vendor];

  beforeAll(async () => {
    app = await startWithSecrets(ROTATING);
  });

  afterAll(async () => {
    await app?.dispose();
  });

  const post = (input: { secret: string; body?: string; at?: Date; headers?: Record<string, string> }) =>
    postSigned(app, route, { body: input.body ?? body(), ...input });

  describe('success', () => {
    it('reads the rotation from TMS_WEBHOOK_SECRETS: newest secret first, then the old one', () => {
      expect(app.config.tms.webhookSecrets[vendor]).toEqual([secrets.current, secrets.previous]);
      expect(app.config.tms.usesDevelopmentSecrets).toBe(false);
    });

    it('accepts a message signed with the current secret', async () => {
      expect((await post({ secret: secrets.current })).status).toBe(202);
    });

    it('accepts a message signed with the old secret while both are configured', async () => {
      expect((await post({ secret: secrets.previous })).status).toBe(202);
    });

    it('accepts a header carrying several signatures when one of them matches', async () => {
      const payload = body();
      const headers = signatureHeaders({ secret: secrets.previous, body: payload });
      const stranger = signatureHeaders({ secret: STRANGER, body: payload, id: headers['webhook-id'] });
      headers['webhook-signature'] = `${stranger['webhook-signature']} ${headers['webhook-signature']}`;

      expect((await post({ secret: STRANGER, headers })).status).toBe(202);
    });

    it('accepts a message signed four minutes ago, inside the tolerance', async () => {
      expect((await post({ secret: secrets.current, at: new Date(Date.now() - 4 * MINUTE) })).status).toBe(202);
    });
  });

  describe('failure', () => {
    it('answers 401 to a message signed with neither secret, and keeps nothing', async () => {
      const before = await rawMessageCount(app);
      const response = await post({ secret: STRANGER });

      expectUnauthorized(response, 'signature', vendor);
      expect(response.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      expect(await rawMessageCount(app)).toBe(before);
    });

    it("answers 401 to a message signed with the other vendor's secret", async () => {
      const other = vendor === 'nmfta' ? SECRETS.trackline.current : SECRETS.nmfta.current;

      expectUnauthorized(await post({ secret: other }), 'signature', vendor);
    });

    it('answers 401 to a body changed after it was signed', async () => {
      const signed = body();
      const headers = signatureHeaders({ secret: secrets.current, body: signed });
      const tampered = signed.replace('2026-12-07', '2026-12-08');

      expect(tampered).not.toBe(signed);
      expectUnauthorized(await post({ secret: secrets.current, body: tampered, headers }), 'signature', vendor);
    });

    it('answers 401 to a captured message replayed six minutes later', async () => {
      const response = await post({ secret: secrets.current, at: new Date(Date.now() - 6 * MINUTE) });

      expectUnauthorized(response, 'timestamp', vendor);
      expect(response.body.code).toBe('WEBHOOK_TIMESTAMP_STALE');
      expect(response.body.detail).toMatch(/webhook-timestamp is 3\d\d s old/);
    });

    it('answers 401 to a timestamp six minutes in the future', async () => {
      const response = await post({ secret: secrets.current, at: new Date(Date.now() + 6 * MINUTE) });

      expectUnauthorized(response, 'timestamp', vendor);
      expect(response.body.detail).toContain('in the future');
    });

    it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
      'answers 401 naming a missing %s header',
      async (missing) => {
        const payload = body();
        const headers = signatureHeaders({ secret: secrets.current, body: payload });
        delete headers[missing];
        const response = await post({ secret: secrets.current, body: payload, headers });

        expectUnauthorized(response, 'headers', vendor);
        expect(response.body.code).toBe('WEBHOOK_HEADERS_MISSING');
        expect(response.body.detail).toBe(`The request has no ${missing} header; it must be signed.`);
      },
    );

    it('answers 401 to an unsigned message', async () => {
      const response = await post({ secret: secrets.current, headers: {} });

      expectUnauthorized(response, 'headers', vendor);
      expect(response.body.detail).toContain('webhook-id, webhook-timestamp, webhook-signature headers');
    });

    it('answers 401 to a timestamp that is not Unix seconds', async () => {
      const payload = body();
      const headers = signatureHeaders({ secret: secrets.current, body: payload });
      headers['webhook-timestamp'] = new Date().toISOString();

      expectUnauthorized(await post({ secret: secrets.current, body: payload, headers }), 'headers', vendor);
    });
  });
});

describe('TMS webhook secrets after a rotation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startWithSecrets(ROTATED);
  });

  afterAll(async () => {
    await app?.dispose();
  });

  it.each(VENDORS)(
    '$vendor: the old secret is refused once the configuration drops it',
    async ({ vendor, route, body }) => {
      const response = await postSigned(app, route, { body: body(), secret: SECRETS[vendor].previous });

      expectUnauthorized(response, 'signature', vendor);
      expect((await postSigned(app, route, { body: body(), secret: SECRETS[vendor].current })).status).toBe(202);
    },
  );

  it('refuses every message of a vendor the configuration gives no secret', async () => {
    const response = await postSigned(app, '/system/v1/tms/x12', {
      body: fixture('x12/214-swft-two-shipments.edi'),
      secret: SECRETS.nmfta.current,
      contentType: 'application/edi-x12',
    });

    expectUnauthorized(response, 'signature', 'x12');
    expect(response.body.detail).toContain('none are configured');
  });
});

describe('TMS_WEBHOOK_SECRETS', () => {
  it.each([
    ['a secret without the whsec_ prefix', `nmfta=${SECRETS.nmfta.current.slice('whsec_'.length)}`],
    ['a secret shorter than 24 bytes', `nmfta=whsec_${Buffer.from('short').toString('base64')}`],
    ['an empty second secret', `trackline=${SECRETS.trackline.current},`],
  ])('refuses to start with %s', (_case, value) => {
    const load = () => loadConfig('gateway', { NODE_ENV: 'test', TMS_WEBHOOK_SECRETS: value });

    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/TMS_WEBHOOK_SECRETS/);
  });

  it('reads several vendors, each with one or more secrets, including base64 padding', () => {
    const padded = webhookSecret('x12-2027-pad');
    const config = loadConfig('gateway', { NODE_ENV: 'test', TMS_WEBHOOK_SECRETS: `${ROTATING};x12=${padded}` });

    expect(padded).toMatch(/=$/);
    expect(config.tms.webhookSecrets).toEqual({
      nmfta: [SECRETS.nmfta.current, SECRETS.nmfta.previous],
      trackline: [SECRETS.trackline.current, SECRETS.trackline.previous],
      x12: [padded],
    });
  });
});
