import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp, waitUntil } from '@lanegate/platform/testing';

import { SANDBOX_DOCUMENT, SandboxModule } from '../src/sandbox.module.js';

const PROBLEM_JSON = 'application/problem+json';
const secret = (label: string): string =>
  `whsec_${Buffer.from(`sandbox-dispatch-e2e-${label}-key`).toString('base64')}`;
const SECRETS = { nmfta: secret('nmfta'), trackline: secret('trackline'), x12: secret('x12') };
const API_KEY = 'sandbox-dispatch-e2e-api-key';

/** Response bodies are asserted on, not typed twice. */
const json = (response: Response): Promise<any> => response.json() as Promise<any>;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature verified with the vendor's secret (`tms` messages only). */
  verified: boolean;
}

/**
 * Stands in for the gateway: records every message the platform sends and checks its Standard Webhooks signature
 * with the vendor's secret, answering 202 like the TMS adapter (or `answer` when set).
 */
class Receiver {
  readonly messages: Received[] = [];
  answer = 202;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '';
        const vendor = Object.keys(SECRETS).find((name) => path.includes(name)) as keyof typeof SECRETS | undefined;
        // Verified by signing again: the library's own verify() also parses the body as JSON, which an X12 is not.
        const id = String(request.headers['webhook-id']);
        const at = new Date(Number(request.headers['webhook-timestamp']) * 1000);
        const verified =
          vendor !== undefined &&
          request.headers['webhook-signature'] === new Webhook(SECRETS[vendor]).sign(id, at, body);
        this.messages.push({ path, headers: request.headers, body, verified });
        response.writeHead(this.answer, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'accepted' }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));

    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  forLoad(loadId: string): Received[] {
    return this.messages.filter(
      (message) =>
        String(message.headers['webhook-id'] ?? '').startsWith(`msg_${loadId}_`) ||
        message.body.includes(`"${loadId}-`),
    );
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const STOPS = [
  {
    sequence: 1,
    type: 'pickup',
    appointmentAt: '2026-12-07T14:00:00Z',
    name: 'Midwest Paper DC',
    city: 'Chicago',
    state: 'IL',
    postalCode: '60607',
  },
  {
    sequence: 2,
    type: 'delivery',
    appointmentAt: '2026-12-08T09:00:00Z',
    name: 'Buckeye Grocers',
    city: 'Columbus',
    state: 'OH',
    postalCode: '43215',
  },
];

function load(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shipmentId: 'SHP-7c1e4a90',
    format: 'trackline',
    stops: STOPS,
    carrier: { scac: 'SWFT', name: 'Swift Transportation' },
    routeMiles: 410,
    ...overrides,
  };
}

/** The process layer's scenario: reassigned to carrier B at 436 miles, 09:50 to 13:00 at the consignee, late POD. */
const SCRIPTED_STEPS = [
  {
    kind: 'assigned',
    occurredAt: '2026-12-07T08:00:00Z',
    data: { carrier: { scac: 'SWFT', name: 'Swift Transportation' }, routeMiles: 410 },
  },
  { kind: 'arrived_stop', occurredAt: '2026-12-07T13:55:00Z', data: { stopSequence: 1 } },
  { kind: 'departed_origin', occurredAt: '2026-12-07T15:10:00Z', data: {} },
  {
    kind: 'reassigned',
    occurredAt: '2026-12-07T18:00:00Z',
    data: { carrier: { scac: 'KNXT', name: 'Knight Transportation' }, routeMiles: 436 },
  },
  { kind: 'arrived_stop', occurredAt: '2026-12-08T09:50:00Z', data: { stopSequence: 2 } },
  { kind: 'delivered', occurredAt: '2026-12-08T12:40:00Z', data: {} },
  { kind: 'departed_stop', occurredAt: '2026-12-08T13:00:00Z', data: { stopSequence: 2 } },
  {
    kind: 'pod_captured',
    occurredAt: '2026-12-08T13:20:00Z',
    data: { signedBy: 'M. Alvarez', documentUrl: 'https://pod.example.com/SHP-7c1e4a90.pdf' },
  },
];

describe('sandbox dispatch platform', () => {
  let sandbox: TestApp;
  let receiver: Receiver;
  let ops: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.baseUrl}${path}`, {
      method,
      headers: {
        authorization: ops,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const startLoad = async (body: Record<string, unknown>): Promise<any> => {
    const response = await call('POST', '/sandbox/dispatch/loads', body);
    expect(response.status).toBe(202);

    return json(response);
  };

  const completed = async (loadId: string): Promise<any> => {
    let shown: any;
    await waitUntil(async () => {
      shown = await json(await call('GET', `/sandbox/dispatch/loads/${loadId}`));

      return shown.status === 'completed';
    }, 20_000);

    return shown;
  };

  beforeAll(async () => {
    receiver = new Receiver();
    const gateway = await receiver.start();
    sandbox = await startTestApp({
      app: 'sandbox',
      layers: [SandboxModule],
      documents: [SANDBOX_DOCUMENT],
      env: {
        SYSTEM_API_URL: gateway,
        PROCESS_API_URL: gateway,
        DISPATCH_PLATFORM_API_KEY: API_KEY,
        TMS_WEBHOOK_SECRETS: `nmfta=${SECRETS.nmfta};trackline=${SECRETS.trackline};x12=${SECRETS.x12}`,
      },
    });
    ops = sandbox.bearer(['ops'], { subject: 'dispatch-sandbox-tests' });
  });

  afterAll(async () => {
    await sandbox?.dispose();
    await receiver?.stop();
  });

  beforeEach(async () => {
    receiver.answer = 202;
    await call('DELETE', '/sandbox/dispatch/faults');
    await call('POST', '/sandbox/dispatch/reset');
  });

  describe('POST /sandbox/dispatch/loads', () => {
    it('generates the same lifecycle from the same seed, and another from another seed', async () => {
      const first = await startLoad(load({ seed: 4242 }));
      const again = await startLoad(load({ seed: 4242 }));
      const other = await startLoad(load({ seed: 4243 }));

      expect(first.steps.length).toBeGreaterThan(6);
      expect(again.steps).toEqual(first.steps);
      expect(other.steps).not.toEqual(first.steps);
      expect(first).toMatchObject({ seed: 4242, scripted: false, format: 'trackline', shipmentId: 'SHP-7c1e4a90' });
    });

    it('delivers a scripted lifecycle exactly, signed, in order, each step once', async () => {
      const started = await startLoad(load({ steps: SCRIPTED_STEPS, correlationId: 'order-7781' }));
      const shown = await completed(started.loadId);
      const received = receiver.forLoad(started.loadId);

      expect(shown.steps).toEqual(SCRIPTED_STEPS);
      expect(shown.messages.map((message: any) => [message.kind, message.status, message.answerStatus])).toEqual(
        SCRIPTED_STEPS.map((step) => [step.kind, 'delivered', 202]),
      );
      expect(received).toHaveLength(SCRIPTED_STEPS.length);
      expect(received.every((message) => message.verified)).toBe(true);
      expect(received.every((message) => message.path === '/system/v1/tms/webhooks/trackline')).toBe(true);
      expect(received.map((message) => message.headers['x-correlation-id'])).toEqual(
        SCRIPTED_STEPS.map(() => 'order-7781'),
      );
      expect(received.map((message) => message.headers['webhook-id'])).toEqual(
        shown.messages.map((message: any) => message.webhookId),
      );
      const bodies = received.map((message) => JSON.parse(message.body));
      expect(bodies.map((body) => [body.eventType, body.eventTime])).toEqual([
        ['DriverAssigned', '2026-12-07T08:00:00Z'],
        ['RouteStopArrival', '2026-12-07T13:55:00Z'],
        ['RouteStarted', '2026-12-07T15:10:00Z'],
        ['DriverReassigned', '2026-12-07T18:00:00Z'],
        ['RouteStopArrival', '2026-12-08T09:50:00Z'],
        ['RouteCompleted', '2026-12-08T12:40:00Z'],
        ['RouteStopDeparture', '2026-12-08T13:00:00Z'],
        ['DocumentSubmitted', '2026-12-08T13:20:00Z'],
      ]);
      expect(bodies[3].data).toMatchObject({
        carrier: { scac: 'KNXT', name: 'Knight Transportation' },
        route: { plannedMiles: 436, externalIds: { lanegateShipmentId: 'SHP-7c1e4a90' } },
      });
      expect(bodies[4].data.routeStop).toEqual({ sequence: 2, name: 'Buckeye Grocers' });
      expect(bodies[7].data.document).toEqual({
        documentType: 'proofOfDelivery',
        url: 'https://pod.example.com/SHP-7c1e4a90.pdf',
        signedBy: 'M. Alvarez',
      });
    });

    it('paces the lifecycle by the time scale', async () => {
      const steps = [
        { kind: 'arrived_stop', occurredAt: '2026-12-08T09:00:00Z', data: { stopSequence: 2 } },
        { kind: 'delivered', occurredAt: '2026-12-08T09:30:00Z', data: {} },
        { kind: 'departed_stop', occurredAt: '2026-12-08T10:00:00Z', data: { stopSequence: 2 } },
      ];
      const startedAt = Date.now();
      const started = await startLoad(load({ steps, timeScale: 3_600 }));
      await completed(started.loadId);

      // An hour of lifecycle at 3600 lifecycle seconds per second takes a second.
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
      expect(receiver.forLoad(started.loadId)).toHaveLength(3);
    });

    it('skips, with the reason, the steps an X12 214 cannot carry, and sends the rest as signed interchanges', async () => {
      const started = await startLoad(load({ format: 'x12', steps: SCRIPTED_STEPS }));
      const shown = await completed(started.loadId);
      const skipped = shown.messages.filter((message: any) => message.status === 'skipped');
      const received = receiver.forLoad(started.loadId);

      expect(skipped.map((message: any) => message.kind)).toEqual(['assigned', 'reassigned', 'pod_captured']);
      expect(skipped[0].skippedReason).toBe('an X12 214 has no shipment status for assigned');
      expect(received).toHaveLength(5);
      expect(received.every((message) => message.verified && message.path === '/system/v1/tms/x12')).toBe(true);
      expect(
        received.map((message) => /AT7\*(\w+)\*NS\*\*\*(\d{8})\*(\d{4})\*UT/.exec(message.body)?.slice(1)),
      ).toEqual([
        ['X3', '20261207', '1355'],
        ['AF', '20261207', '1510'],
        ['X1', '20261208', '0950'],
        ['D1', '20261208', '1240'],
        ['CD', '20261208', '1300'],
      ]);
    });

    it('sends duplicates and reorders at the rates set, and none without faults', async () => {
      const faults = await call('PUT', '/sandbox/dispatch/faults', { duplicateRate: 0.3, reorderRate: 0.3 });
      expect(faults.status).toBe(200);
      const loads = await Promise.all(
        Array.from({ length: 16 }, (_, index) =>
          startLoad(load({ shipmentId: `SHP-rate-${index}`, seed: 100 + index })),
        ),
      );
      const shown = await Promise.all(loads.map((started) => completed(started.loadId)));
      const messages = shown.flatMap((item) => item.messages);
      const duplicated = messages.filter((message: any) => message.duplicated);
      const reordered = messages.filter((message: any) => message.reordered);

      expect(messages.length).toBeGreaterThan(100);
      expect(duplicated.length / messages.length).toBeGreaterThan(0.18);
      expect(duplicated.length / messages.length).toBeLessThan(0.42);
      // A swap moves two messages and skips the next draw: 2p / (1 + p), about 0.46 of the messages at p = 0.3.
      expect(reordered.length / messages.length).toBeGreaterThan(0.3);
      expect(reordered.length / messages.length).toBeLessThan(0.62);
      for (const [index, started] of loads.entries()) {
        const received = receiver.forLoad(started.loadId);
        const ids = received.map((message) => String(message.headers['webhook-id']));
        const sent = shown[index].messages;
        for (const message of sent) {
          const copies = received.filter((item) => item.headers['webhook-id'] === message.webhookId);
          expect(copies).toHaveLength(message.duplicated ? 2 : 1);
          expect(new Set(copies.map((copy) => copy.body)).size).toBe(1);
          expect(message.attempts.map((attempt: any) => attempt.duplicate)).toEqual(
            message.duplicated ? [false, true] : [false],
          );
        }
        const firstSeen = [...new Set(ids)];
        const inDeliveryOrder = [...sent]
          .sort((a: any, b: any) => a.deliveryOrder - b.deliveryOrder)
          .map((message: any) => message.webhookId);
        expect(firstSeen).toEqual(inDeliveryOrder);
        const swapped = sent.filter((message: any) => message.reordered);
        for (const message of swapped) {
          expect(message.deliveryOrder).not.toBe(message.sequence);
        }
      }
      const stats = await json(await call('GET', '/sandbox/dispatch/stats'));
      expect(stats).toMatchObject({ loads: 16, duplicatesSent: duplicated.length, reordered: reordered.length });

      await call('DELETE', '/sandbox/dispatch/faults');
      const calm = await completed((await startLoad(load({ seed: 7 }))).loadId);
      expect(calm.messages.some((message: any) => message.duplicated || message.reordered)).toBe(false);
      expect(calm.messages.map((message: any) => message.deliveryOrder)).toEqual(
        calm.messages.map((message: any) => message.sequence),
      );
    });

    it('tries a message again when the gateway fails, and records every try', async () => {
      receiver.answer = 503;
      const started = await startLoad(load({ steps: SCRIPTED_STEPS.slice(0, 1) }));
      const shown = await completed(started.loadId);

      expect(shown.messages[0].status).toBe('failed');
      expect(shown.messages[0].attempts.map((attempt: any) => attempt.status)).toEqual([503, 503, 503]);
      expect(receiver.forLoad(started.loadId)).toHaveLength(3);
    });

    it('answers problem+json naming the fields of a bad load', async () => {
      const response = await call(
        'POST',
        '/sandbox/dispatch/loads',
        load({
          stops: [STOPS[1], { ...STOPS[0], sequence: 2 }],
          steps: [{ kind: 'reassigned', occurredAt: '2026-12-07T18:00:00Z', data: { routeMiles: 436 } }],
        }),
      );
      const problem = await json(response);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(problem.errors.map((error: any) => error.field).sort()).toEqual(
        ['stops.0.type', 'stops.1.sequence', 'stops.1.type', 'steps.0.data.carrier'].sort(),
      );
    });

    it('answers problem+json for an unknown format and a stop the load does not have', async () => {
      const response = await call(
        'POST',
        '/sandbox/dispatch/loads',
        load({ format: 'edifact', steps: [{ kind: 'arrived_stop', occurredAt: '2026-12-08T09:50:00Z', data: {} }] }),
      );
      const problem = await json(response);

      expect(response.status).toBe(400);
      expect(problem.errors.map((error: any) => error.field)).toContain('format');

      const unknownStop = await call(
        'POST',
        '/sandbox/dispatch/loads',
        load({ steps: [{ kind: 'arrived_stop', occurredAt: '2026-12-08T09:50:00Z', data: { stopSequence: 9 } }] }),
      );
      expect(unknownStop.status).toBe(400);
      expect((await json(unknownStop)).errors).toEqual([
        { field: 'steps.0.data.stopSequence', messages: ['the load has no stop 9'] },
      ]);
    });
  });

  describe('GET /sandbox/dispatch/loads/{loadId}', () => {
    it('answers 404 problem+json for a load it never started', async () => {
      const response = await call('GET', '/sandbox/dispatch/loads/LD-999999');

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
    });
  });

  describe('faults and inspection', () => {
    it('changes only the faults given, refuses a delay range upside down, and resets', async () => {
      const changed = await json(await call('PUT', '/sandbox/dispatch/faults', { delayMs: { min: 5, max: 20 } }));
      const refused = await call('PUT', '/sandbox/dispatch/faults', { delayMs: { min: 30, max: 10 } });
      const reset = await json(await call('DELETE', '/sandbox/dispatch/faults'));

      expect(changed).toMatchObject({ delayMs: { min: 5, max: 20 }, duplicateRate: 0, reorderRate: 0 });
      expect(refused.status).toBe(400);
      expect((await json(refused)).errors).toEqual([{ field: 'delayMs.max', messages: ['max must be at least min'] }]);
      expect(reset.delayMs).toEqual({ min: 0, max: 0 });
    });

    it('admits only ops tokens', async () => {
      const anonymous = await fetch(`${sandbox.baseUrl}/sandbox/dispatch/stats`);
      const portal = await call('GET', '/sandbox/dispatch/stats', undefined, {
        authorization: sandbox.bearer(['portal'], { customerId: 'C-1001' }),
      });

      expect(anonymous.status).toBe(401);
      expect(portal.status).toBe(403);
    });
  });

  describe('POST /sandbox/dispatch/tenders', () => {
    const tender = {
      tenderId: 'TND-SHP-7c1e4a90-1',
      shipmentId: 'SHP-7c1e4a90',
      carrier: { scac: 'SWFT', name: 'Swift Transportation' },
      routeMiles: 410,
      stops: STOPS,
      rateCents: 116_850,
      tenderedAt: '2026-12-06T16:00:00Z',
    };
    const postTender = (body: unknown, headers: Record<string, string> = { 'x-api-key': API_KEY }) =>
      fetch(`${sandbox.baseUrl}/sandbox/dispatch/tenders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it('records a tender once, however often it arrives', async () => {
      const first = await postTender(tender);
      const repeat = await postTender(tender, { 'x-api-key': API_KEY, 'idempotency-key': 'TND-SHP-7c1e4a90-1' });
      const listed = await json(await call('GET', '/sandbox/dispatch/tenders'));

      expect(first.status).toBe(201);
      expect(repeat.status).toBe(200);
      const receipt = await json(first);
      expect(await json(repeat)).toEqual(receipt);
      expect(receipt).toMatchObject({ tenderId: tender.tenderId, status: 'accepted', platformLoadId: 'PL-000001' });
      expect(listed.items).toHaveLength(1);
      expect(listed.items[0]).toMatchObject({ tenderId: tender.tenderId, receipts: 2, tender: { routeMiles: 410 } });
    });

    it('refuses a call without the API key, and a tender id reused for another shipment', async () => {
      const anonymous = await postTender(tender, {});
      const wrongKey = await postTender(tender, { 'x-api-key': 'not-the-key-of-this-platform' });
      await postTender(tender);
      const reused = await postTender({ ...tender, shipmentId: 'SHP-other' });

      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect((await json(wrongKey)).code).toBe('DISPATCH_API_KEY_INVALID');
      expect(reused.status).toBe(409);
      expect((await json(reused)).code).toBe('TENDER_CONFLICT');
    });

    it('answers 503 with Retry-After to the tenders the faults refuse, recording nothing', async () => {
      await call('PUT', '/sandbox/dispatch/faults', { failNextTenders: 2, tenderRetryAfterSeconds: 3 });
      const refused = [await postTender(tender), await postTender(tender)];
      const accepted = await postTender(tender);
      const stats = await json(await call('GET', '/sandbox/dispatch/stats'));

      expect(refused.map((response) => response.status)).toEqual([503, 503]);
      expect(refused[0].headers.get('retry-after')).toBe('3');
      expect((await json(refused[0])).code).toBe('DISPATCH_PLATFORM_UNAVAILABLE');
      expect(accepted.status).toBe(201);
      expect(stats).toMatchObject({ tenders: 1, tenderRepeats: 0, tendersRefused: 2 });
    });

    it('answers 400 problem+json naming a bad field', async () => {
      const response = await postTender({ ...tender, routeMiles: -3 });

      expect(response.status).toBe(400);
      expect((await json(response)).errors.map((error: any) => error.field)).toEqual(['routeMiles']);
    });
  });
});
