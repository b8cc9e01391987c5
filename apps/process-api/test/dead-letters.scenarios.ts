import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type LayerMessaging, layerMessagingToken, MessagingModule } from '@lanegate/messaging';
import { AuditLog, verifyAuditLog } from '@lanegate/persistence';
import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import { startProcessLayer } from './process-layer.js';

const CONSUMER = 'test.shipment-projection';

/** A consumer whose cause of failure the test can switch on and off, like a bug fixed by a deploy. */
@Injectable()
class SwitchableConsumer implements OnModuleInit {
  static broken = true;
  static applied: string[] = [];

  constructor(@Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging) {}

  onModuleInit(): void {
    this.messaging.consume({
      name: CONSUMER,
      types: ['lanegate.shipment.created.'],
      retry: { maxAttempts: 3, backoffMs: () => 5 },
      effect: (event) => {
        if (SwitchableConsumer.broken) {
          return Promise.reject(Object.assign(new Error('customer mapping missing'), { code: 'MAPPING_MISSING' }));
        }
        SwitchableConsumer.applied.push(event.subject!);

        return Promise.resolve();
      },
    });
  }
}

@Module({ imports: [MessagingModule.forLayer('process')], providers: [SwitchableConsumer] })
class SwitchableConsumerModule {}

/**
 * Dead letters, event history and re-drives through the process layer's ops API, on whatever database and bus the
 * environment selects: SQLite and the in-process bus by default, PostgreSQL and JetStream in the integration suite.
 */
export function deadLetterScenarios(
  environment: () => Promise<{ env: Record<string, string>; cleanup?: () => Promise<void> }>,
) {
  let app: TestApp;
  let ops: string;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const selected = await environment();
    cleanup = selected.cleanup;
    app = await startProcessLayer({ modules: [SwitchableConsumerModule], env: selected.env });
    ops = app.bearer(['ops'], { subject: 'night-shift-operator' });
  });

  afterAll(async () => {
    await app?.dispose();
    await cleanup?.();
  });

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { authorization: ops, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

    return { status: response.status, body: await response.json() };
  };
  const createShipment = async (correlationId: string): Promise<string> => {
    const response = await fetch(`${app.baseUrl}/process/v1/shipments`, {
      method: 'POST',
      headers: { authorization: ops, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({
        customerId: 'C-1001',
        routeMiles: 410,
        stops: [
          {
            kind: 'pickup',
            name: 'DC',
            city: 'Chicago',
            region: 'IL',
            postalCode: '60607',
            country: 'US',
            appointmentAt: '2026-12-07T14:00:00Z',
          },
          {
            kind: 'delivery',
            name: 'WH',
            city: 'Columbus',
            region: 'OH',
            postalCode: '43215',
            country: 'US',
            appointmentAt: '2026-12-08T09:00:00Z',
          },
        ],
      }),
    });

    const created = (await response.json()) as { id: string };
    if (response.status !== 201) {
      throw new Error(`shipment creation answered ${response.status}: ${JSON.stringify(created)}`);
    }

    return created.id;
  };
  const openLetterFor = async (shipmentId: string): Promise<any> => {
    let letter: any;
    await waitUntil(async () => {
      const page = await call('GET', `/process/v1/dead-letters?status=open&consumer=${CONSUMER}`);
      letter = page.body.items.find((item: { subject: string }) => item.subject === shipmentId);

      return letter !== undefined;
    });

    return letter;
  };

  it('keeps a poison event as a dead letter after its attempts, and applies it once when replayed after the fix', async () => {
    const shipmentId = await createShipment('order-dl-1');
    const letter = await openLetterFor(shipmentId);

    expect(letter).toMatchObject({ consumer: CONSUMER, reason: 'MAPPING_MISSING', attempts: 3, status: 'open' });
    expect((await call('GET', `/process/v1/dead-letters/${letter.id}`)).body.event.type).toBe(
      'lanegate.shipment.created.v1',
    );

    const stillBroken = await call('POST', `/process/v1/dead-letters/${letter.id}/replay`);
    expect(stillBroken.status).toBe(422);
    expect(stillBroken.body.code).toBe('DEAD_LETTER_REPLAY_FAILED');
    expect(stillBroken.body.deadLetter).toMatchObject({ status: 'open', attempts: 4 });

    SwitchableConsumer.broken = false;
    const replayed = await call('POST', `/process/v1/dead-letters/${letter.id}/replay`);
    const again = await call('POST', `/process/v1/dead-letters/${letter.id}/replay`);

    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ status: 'replayed', resolvedBy: 'night-shift-operator' });
    expect(again.status).toBe(409);
    expect(SwitchableConsumer.applied.filter((id) => id === shipmentId)).toHaveLength(1);
  });

  it('discards a dead letter with a reason, after which it can no longer be replayed', async () => {
    SwitchableConsumer.broken = true;
    const letter = await openLetterFor(await createShipment('order-dl-2'));

    const discarded = await call('POST', `/process/v1/dead-letters/${letter.id}/discard`, {
      reason: 'Load cancelled in the TMS.',
    });
    const replay = await call('POST', `/process/v1/dead-letters/${letter.id}/replay`);
    const missingReason = await call('POST', `/process/v1/dead-letters/${letter.id}/discard`, {});

    expect(discarded.body).toMatchObject({ status: 'discarded', resolutionNote: 'Load cancelled in the TMS.' });
    expect(replay.status).toBe(409);
    expect(missingReason.status).toBe(400);
  });

  it('replays many letters and reports each outcome', async () => {
    SwitchableConsumer.broken = true;
    const letter = await openLetterFor(await createShipment('order-dl-3'));
    SwitchableConsumer.broken = false;

    const result = await call('POST', '/process/v1/dead-letters/replays', {
      ids: [letter.id, letter.id, 'no-such-letter'],
    });

    expect(result.body.results).toEqual([
      { id: letter.id, outcome: 'applied' },
      { id: letter.id, outcome: 'already_resolved' },
      { id: 'no-such-letter', outcome: 'not_found' },
    ]);
  });

  it('filters dead letters by reason and age', async () => {
    const byReason = await call('GET', '/process/v1/dead-letters?reason=MAPPING_MISSING&status=discarded');
    const tooOld = await call('GET', '/process/v1/dead-letters?failedBefore=2020-01-01T00:00:00Z');

    expect(byReason.body.total).toBe(1);
    expect(tooOld.body.total).toBe(0);
  });

  it("lists a shipment's events with their correlation id and re-drives a consumer over them", async () => {
    SwitchableConsumer.broken = false;
    const shipmentId = await createShipment('order-history-1');
    await waitUntil(() => Promise.resolve(SwitchableConsumer.applied.includes(shipmentId)));
    // The projection announces the new shipment's dispatch state, for billing, in the same history, once it has run.
    const typesInHistory = async (): Promise<string[]> =>
      (await call('GET', `/process/v1/shipments/${shipmentId}/events`)).body.events.map(
        (event: { type: string }) => event.type,
      );
    await waitUntil(async () => (await typesInHistory()).includes('lanegate.shipment.dispatch_state_changed.v1'));

    const history = await call('GET', `/process/v1/shipments/${shipmentId}/events`);
    const redrive = await call('POST', '/process/v1/event-redrives', { consumer: CONSUMER, subject: shipmentId });

    expect(history.body.events[0]).toEqual(
      expect.objectContaining({ type: 'lanegate.shipment.created.v1', correlationId: 'order-history-1', sequence: 1 }),
    );
    expect(redrive.body).toEqual({ consumer: CONSUMER, redriven: 1, failed: [] });
    expect(SwitchableConsumer.applied.filter((id) => id === shipmentId)).toHaveLength(2);
  });

  it('audits every operator action in an intact hash chain', async () => {
    const dataSource = app.app.get<DataSource>(getDataSourceToken('process'));
    const entries = await new AuditLog(dataSource).list({ limit: 100 });
    const verdict = await verifyAuditLog(dataSource);

    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'consumer.redriven',
      'dead_letter.discarded',
      'dead_letter.replay_failed',
      'dead_letter.replayed',
      'dead_letter.replayed',
    ]);
    expect(entries.every((entry) => entry.actor === 'night-shift-operator')).toBe(true);
    expect(verdict.ok).toBe(true);
  });

  it('exposes dead-letter depth and the outbox backlog as metrics', async () => {
    const scrape = async (): Promise<string> => (await fetch(`${app.baseUrl}/metrics`)).text();
    // Billing publishes its own events after each shipment's events; the backlog drains once it is done.
    await waitUntil(async () => /lanegate_outbox_backlog\{outbox="process"\} 0/.test(await scrape()), 15_000);
    const text = await scrape();

    expect(text).toMatch(/lanegate_outbox_backlog\{outbox="process"\} 0/);
    expect(text).toContain(
      'lanegate_events_handled_total{consumer="test.shipment-projection",outcome="dead_lettered"}',
    );
  });
}
