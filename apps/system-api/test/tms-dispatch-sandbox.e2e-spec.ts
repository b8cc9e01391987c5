import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SandboxModule } from '@lanegate/sandbox';
import { startTestApp, type TestApp, waitUntil } from '@lanegate/platform/testing';

import { outboxEvents, startTmsApp, TEST_SECRETS } from './tms-testing.js';

const STOPS = [
  {
    sequence: 1,
    type: 'pickup',
    appointmentAt: '2026-12-07T14:00:00Z',
    name: 'Midwest Paper DC',
    city: 'Chicago',
    state: 'IL',
  },
  {
    sequence: 2,
    type: 'delivery',
    appointmentAt: '2026-12-08T02:00:00Z',
    name: 'Hoosier Foods',
    city: 'Indianapolis',
    state: 'IN',
  },
  {
    sequence: 3,
    type: 'delivery',
    appointmentAt: '2026-12-08T09:00:00Z',
    name: 'Buckeye Grocers',
    city: 'Columbus',
    state: 'OH',
  },
];

/** The process layer's scenario: reassigned to carrier B at 436 miles, 09:50 to 13:00 at the consignee, POD 40 minutes late. */
const SCENARIO = [
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
  {
    kind: 'exception_raised',
    occurredAt: '2026-12-07T20:00:00Z',
    data: { code: 'SD', reason: 'Shipment delayed by weather' },
  },
  {
    kind: 'exception_cleared',
    occurredAt: '2026-12-07T21:00:00Z',
    data: { code: 'SD', resolution: 'Weather cleared' },
  },
  { kind: 'arrived_stop', occurredAt: '2026-12-08T02:30:00Z', data: { stopSequence: 2 } },
  { kind: 'departed_stop', occurredAt: '2026-12-08T03:30:00Z', data: { stopSequence: 2 } },
  { kind: 'arrived_stop', occurredAt: '2026-12-08T09:50:00Z', data: { stopSequence: 3 } },
  { kind: 'delivered', occurredAt: '2026-12-08T12:40:00Z', data: {} },
  { kind: 'departed_stop', occurredAt: '2026-12-08T13:00:00Z', data: { stopSequence: 3 } },
  {
    kind: 'pod_captured',
    occurredAt: '2026-12-08T13:20:00Z',
    data: { signedBy: 'M. Alvarez', documentUrl: 'https://pod.example.com/7781.pdf' },
  },
];

const kindOf = (event: Record<string, unknown>): string =>
  String(event.type).replace(/^lanegate\.dispatch\.(.+)\.v1$/, '$1');
const occurredAt = (event: Record<string, unknown>): string => (event.data as { occurredAt: string }).occurredAt;

describe('the sandbox dispatch platform delivering to the TMS adapter', () => {
  let system: TestApp;
  let sandbox: TestApp;

  const startLoad = async (body: Record<string, unknown>): Promise<any> => {
    const response = await fetch(`${sandbox.baseUrl}/sandbox/dispatch/loads`, {
      method: 'POST',
      headers: { authorization: sandbox.bearer(['ops']), 'content-type': 'application/json' },
      body: JSON.stringify({
        stops: STOPS,
        carrier: { scac: 'SWFT', name: 'Swift Transportation' },
        routeMiles: 410,
        ...body,
      }),
    });
    expect(response.status).toBe(202);
    const { loadId } = (await response.json()) as { loadId: string };
    let shown: any;
    await waitUntil(async () => {
      const current = await fetch(`${sandbox.baseUrl}/sandbox/dispatch/loads/${loadId}`, {
        headers: { authorization: sandbox.bearer(['ops']) },
      });
      shown = await current.json();

      return shown.status === 'completed';
    }, 20_000);

    return shown;
  };

  beforeAll(async () => {
    system = await startTmsApp();
    sandbox = await startTestApp({
      app: 'sandbox',
      layers: [SandboxModule],
      env: {
        SYSTEM_API_URL: system.baseUrl,
        TMS_WEBHOOK_SECRETS:
          `nmfta=${TEST_SECRETS.nmfta};trackline=${TEST_SECRETS.trackline},${TEST_SECRETS.tracklinePrevious};` +
          `x12=${TEST_SECRETS.x12}`,
      },
    });
  });

  afterAll(async () => {
    await sandbox?.dispose();
    await system?.dispose();
  });

  it('turns a scripted Trackline lifecycle into exactly its canonical events, in the system outbox', async () => {
    const load = await startLoad({
      shipmentId: 'SHP-scenario-7781',
      format: 'trackline',
      steps: SCENARIO,
      correlationId: 'order-7781',
    });
    const events = await outboxEvents(system, ['SHP-scenario-7781']);

    expect(load.messages.map((message: any) => message.answerStatus)).toEqual(SCENARIO.map(() => 202));
    expect(events.map((event) => [kindOf(event), occurredAt(event)])).toEqual(
      SCENARIO.map((step) => [step.kind, step.occurredAt]),
    );
    expect(events.every((event) => event.correlationid === 'order-7781')).toBe(true);
    const byKind = (kind: string) => events.filter((event) => kindOf(event) === kind).map((event) => event.data);
    expect(byKind('reassigned')).toEqual([
      expect.objectContaining({ carrier: { scac: 'KNXT', name: 'Knight Transportation' }, routeMiles: 436 }),
    ]);
    expect(byKind('arrived_stop').map((data: any) => data.stopSequence)).toEqual([1, 2, 3]);
    expect(byKind('exception_cleared')).toEqual([
      expect.objectContaining({ code: 'SD', resolution: 'Weather cleared' }),
    ]);
    expect(byKind('pod_captured')).toEqual([
      expect.objectContaining({
        capturedAt: '2026-12-08T13:20:00Z',
        signedBy: 'M. Alvarez',
        documentUrl: 'https://pod.example.com/7781.pdf',
      }),
    ]);
  });

  it.each(['trackline', 'nmfta', 'x12'])(
    'keeps one canonical event per step of a generated %s lifecycle, through duplicates and reordering',
    async (format) => {
      await fetch(`${sandbox.baseUrl}/sandbox/dispatch/faults`, {
        method: 'PUT',
        headers: { authorization: sandbox.bearer(['ops']), 'content-type': 'application/json' },
        body: JSON.stringify({ duplicateRate: 0.4, reorderRate: 0.4 }),
      });
      const shipmentId = `SHP-generated-${format}`;
      const load = await startLoad({ shipmentId, format, seed: 20_261_207 });
      const sent = load.messages.filter((message: any) => message.status !== 'skipped');
      const events = await outboxEvents(system, [shipmentId]);

      expect(load.messages.some((message: any) => message.duplicated)).toBe(true);
      expect(load.messages.some((message: any) => message.reordered)).toBe(true);
      expect(sent.every((message: any) => message.status === 'delivered')).toBe(true);
      expect(events.map((event) => [kindOf(event), occurredAt(event)]).sort()).toEqual(
        sent.map((message: any) => [message.kind, message.occurredAt]).sort(),
      );
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    },
  );
});
