import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SandboxModule } from '@lanegate/sandbox';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';

import { SystemApiModule } from '../src/system-api.module.js';

const ROUTE = '/system/v1/tms/tenders';
const PROBLEM_JSON = 'application/problem+json';
const API_KEY = 'tms-tenders-e2e-api-key';

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

function tender(tenderId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenderId,
    shipmentId: `SHP-${tenderId}`,
    carrier: { scac: 'SWFT', name: 'Swift Transportation' },
    routeMiles: 410,
    stops: [
      { sequence: 1, type: 'pickup', appointmentAt: '2026-12-07T14:00:00Z', city: 'Chicago', state: 'IL' },
      { sequence: 2, type: 'delivery', appointmentAt: '2026-12-08T09:00:00Z', city: 'Columbus', state: 'OH' },
    ],
    rateCents: 116_850,
    tenderedAt: '2026-12-06T16:00:00Z',
    ...overrides,
  };
}

/** The sandbox dispatch platform and a system layer tendering to it, each on its own port. */
class TenderBed {
  private constructor(
    readonly sandbox: TestApp,
    readonly system: TestApp,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TenderBed> {
    const sandbox = await startTestApp({
      app: 'sandbox',
      layers: [SandboxModule],
      env: { DISPATCH_PLATFORM_API_KEY: API_KEY },
    });
    const system = await startTestApp({
      app: 'system-api',
      layers: [SystemApiModule],
      env: {
        ERP_BASE_URL: `${sandbox.baseUrl}/sandbox/erp`,
        DISPATCH_PLATFORM_URL: `${sandbox.baseUrl}/sandbox/dispatch`,
        DISPATCH_PLATFORM_API_KEY: API_KEY,
        ...env,
      },
    });

    return new TenderBed(sandbox, system);
  }

  tender(body: unknown, scopes: ('dispatch:write' | 'internal' | 'ops')[] = ['dispatch:write']): Promise<Answer> {
    return call(this.system.baseUrl, this.system.bearer(scopes, { subject: 'dispatch-workflow' }), 'POST', ROUTE, body);
  }

  platform(method: string, path: string, body?: unknown): Promise<Answer> {
    return call(this.sandbox.baseUrl, this.sandbox.bearer(['ops']), method, `/sandbox/dispatch${path}`, body);
  }

  async setFaults(faults: Record<string, unknown>): Promise<void> {
    const answer = await this.platform('PUT', '/faults', faults);
    if (answer.status !== 200) {
      throw new Error(`could not set dispatch faults: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  async tenders(): Promise<{ tenderId: string; receipts: number }[]> {
    return (await this.platform('GET', '/tenders')).body.items;
  }

  async close(): Promise<void> {
    await this.system.dispose();
    await this.sandbox.dispose();
  }
}

async function call(baseUrl: string, bearer: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();

  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('POST /system/v1/tms/tenders', () => {
  describe('while the platform recovers', () => {
    let bed: TenderBed;

    beforeAll(async () => {
      bed = await TenderBed.start({ DISPATCH_PLATFORM_TIMEOUT_MS: '400' });
    });

    afterAll(async () => {
      await bed?.close();
    });

    afterEach(async () => {
      await bed.platform('DELETE', '/faults');
    });

    it('delivers the tender to the platform, with the tender id as idempotency key', async () => {
      const answer = await bed.tender(tender('TND-OK-1'));
      const [received] = (await bed.tenders()).filter((item) => item.tenderId === 'TND-OK-1');

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        tenderId: 'TND-OK-1',
        shipmentId: 'SHP-TND-OK-1',
        status: 'accepted',
        repeated: false,
      });
      expect(answer.body.platformLoadId).toMatch(/^PL-\d{6}$/);
      expect(received).toMatchObject({ receipts: 1, idempotencyKeys: ['TND-OK-1'], tender: { routeMiles: 410 } });
    });

    it('delivers the tender once when the platform refuses twice, waiting out its Retry-After', async () => {
      await bed.setFaults({ failNextTenders: 2, tenderRetryAfterSeconds: 1 });

      const startedAt = performance.now();
      const answer = await bed.tender(tender('TND-FLAKY-1'));
      const waitedMs = performance.now() - startedAt;
      const stats = (await bed.platform('GET', '/stats')).body;

      expect(answer.status).toBe(201);
      expect(answer.body.repeated).toBe(false);
      // Two refusals, each asking for a second: the gate waited at least that long before the third try.
      expect(waitedMs).toBeGreaterThanOrEqual(1_950);
      expect((await bed.tenders()).filter((item) => item.tenderId === 'TND-FLAKY-1')).toMatchObject([{ receipts: 1 }]);
      expect(stats.tendersRefused).toBe(2);
    });

    it('makes no second tender when the answers are lost and the tender is sent again', async () => {
      // The platform records each try but answers after the gateway's 400 ms timeout.
      await bed.setFaults({ tenderLatencyMs: 700 });
      const lost = await bed.tender(tender('TND-SLOW-1'));
      await bed.platform('DELETE', '/faults');
      const again = await bed.tender(tender('TND-SLOW-1'));
      const received = (await bed.tenders()).filter((item) => item.tenderId === 'TND-SLOW-1');

      expect(lost.status).toBe(503);
      expect(lost.body.code).toBe('DISPATCH_PLATFORM_UNAVAILABLE');
      expect(again.status).toBe(201);
      expect(again.body.repeated).toBe(true);
      expect(received).toHaveLength(1);
      expect(received[0].receipts).toBeGreaterThan(2);
    }, 30_000);

    it('answers 503 problem+json at once when the platform asks for a longer pause than is worth waiting', async () => {
      await bed.setFaults({ failNextTenders: 1, tenderRetryAfterSeconds: 30 });

      const answer = await bed.tender(tender('TND-PAUSE-1'));

      // Only the first try fails: had the gateway waited out the pause and tried again, the tender would be placed.
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(answer.headers.get('retry-after')).toBe('30');
      expect(answer.body).toMatchObject({ code: 'DISPATCH_PLATFORM_UNAVAILABLE', status: 503, retryAfterSeconds: 30 });
      expect(await bed.tenders()).not.toContainEqual(expect.objectContaining({ tenderId: 'TND-PAUSE-1' }));
    });

    it('passes a tender id reused for another shipment back as 409', async () => {
      await bed.tender(tender('TND-REUSED-1'));
      const answer = await bed.tender(tender('TND-REUSED-1', { shipmentId: 'SHP-someone-else' }));

      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('TENDER_CONFLICT');
    });

    it('answers 400 problem+json naming the bad fields, and admits only dispatch:write and internal tokens', async () => {
      const invalid = await bed.tender(tender('TND-BAD-1', { routeMiles: 0, stops: [] }));
      const ops = await bed.tender(tender('TND-OPS-1'), ['ops']);
      const internal = await bed.tender(tender('TND-INTERNAL-1'), ['internal']);

      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'routeMiles',
        'stops',
      ]);
      expect(ops.status).toBe(403);
      expect(internal.status).toBe(201);
    });
  });

  describe('when the platform keeps failing', () => {
    let bed: TenderBed;

    beforeAll(async () => {
      bed = await TenderBed.start();
    });

    afterAll(async () => {
      await bed?.close();
    });

    it('opens the circuit after repeated failures, then fails fast without calling the platform', async () => {
      // The circuit stays open as long as the platform's Retry-After: 3 s leaves a loaded machine time to send the
      // third tender while it is open.
      await bed.setFaults({ tenderErrorRate: 1, tenderRetryAfterSeconds: 3 });

      const first = await bed.tender(tender('TND-DOWN-1'));
      const refusedOnFirst = (await bed.platform('GET', '/stats')).body.tendersRefused;
      const second = await bed.tender(tender('TND-DOWN-2'));
      const refusedBefore = (await bed.platform('GET', '/stats')).body.tendersRefused;
      // The circuit stays open as long as the platform's Retry-After, which is also how long the second tender's
      // retries wait: the third may fall on the moment it half-opens and probe. A failed probe opens it again, so
      // the next tender is then refused without a call.
      const tenderCounted = async (id: string): Promise<{ answer: Answer; refused: number }> => {
        const answer = await bed.tender(tender(id));

        return { answer, refused: (await bed.platform('GET', '/stats')).body.tendersRefused };
      };
      let fastFail = await tenderCounted('TND-DOWN-3');
      let refusedWhileOpen = refusedBefore;
      if (!String(fastFail.answer.body.detail).includes('paused')) {
        refusedWhileOpen = fastFail.refused;
        fastFail = await tenderCounted('TND-DOWN-3B');
      }
      const { answer: third, refused: refusedAfter } = fastFail;

      expect([first.status, second.status, third.status]).toEqual([503, 503, 503]);
      // Four tries of the first tender, and the fifth failure in a row, on the second, opens the circuit; while
      // it is open the second tender's retries fail fast or probe once the platform's Retry-After has passed.
      expect(refusedOnFirst).toBe(4);
      expect(refusedBefore).toBeGreaterThanOrEqual(5);
      expect(refusedBefore).toBeLessThanOrEqual(8);
      expect(third.body.code).toBe('DISPATCH_PLATFORM_UNAVAILABLE');
      expect(third.body.detail).toContain('paused');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(3);
      // Failing fast: refused without a call reaching the platform.
      expect(refusedAfter).toBe(refusedWhileOpen);

      await bed.platform('DELETE', '/faults');
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      const recovered = await bed.tender(tender('TND-DOWN-4'));
      expect(recovered.status).toBe(201);
      expect((await bed.tenders()).map((item) => item.tenderId)).toEqual(['TND-DOWN-4']);
    }, 60_000);
  });
});
