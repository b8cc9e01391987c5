import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import {
  ProjectionModule,
  SHIPMENT_PROJECTED_HOOKS,
  type ShipmentProjectedChange,
  type ShipmentProjectedHook,
  ShipmentProjectionEntity,
  ShipmentTimeline,
  ShipmentTimelineEntryEntity,
} from '../src/projection/index.js';
import {
  call,
  createShipment,
  journey,
  processDataSource,
  projectedEvents,
  storedEvents,
} from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

interface HookCall {
  change: ShipmentProjectedChange;
  inTransaction: boolean;
  /** The projection version the hook's own manager reads: the one this update just wrote. */
  versionSeen: number | undefined;
}

/** A billing stand-in: records each call, writes to the timeline, and can be told to fail once. */
@Injectable()
class RecordingHook implements ShipmentProjectedHook, OnModuleInit {
  static calls: HookCall[] = [];
  static failOnceWhenProjecting = new Set<string>();

  constructor(
    @Inject(SHIPMENT_PROJECTED_HOOKS) private readonly hooks: ShipmentProjectedHook[],
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {}

  onModuleInit(): void {
    this.hooks.push(this);
  }

  async onProjected(manager: EntityManager, change: ShipmentProjectedChange): Promise<void> {
    const stored = await manager.findOneBy(ShipmentProjectionEntity, { shipmentId: change.shipmentId });
    RecordingHook.calls.push({
      change,
      inTransaction: manager.queryRunner?.isTransactionActive === true,
      versionSeen: stored?.version,
    });
    await this.timeline.record(manager, {
      shipmentId: change.shipmentId,
      kind: 'test.hook',
      summary: `hook saw ${change.after.decisions.length} decisions`,
      correlationId: change.correlationId,
      source: 'billing',
    });

    const failing = change.after.decisions.find((decision) =>
      RecordingHook.failOnceWhenProjecting.has(decision.eventId),
    );
    if (failing !== undefined) {
      RecordingHook.failOnceWhenProjecting.delete(failing.eventId);
      throw new Error('billing store unavailable');
    }
  }
}

@Module({ imports: [ProjectionModule], providers: [RecordingHook] })
class RecordingHookModule {}

describe('ShipmentProjectedHook', () => {
  let app: TestApp;
  let vendor: string;

  beforeAll(async () => {
    app = await startProcessLayer({ modules: [RecordingHookModule] });
    vendor = app.bearer(['dispatch:write']);
  });

  afterAll(async () => {
    await app.dispose();
  });

  const callsFor = (shipmentId: string): HookCall[] =>
    RecordingHook.calls.filter((hookCall) => hookCall.change.shipmentId === shipmentId);
  const report = (events: unknown[]) => call(app, vendor, 'POST', '/process/v1/dispatch-events', { events });
  const timelineKinds = async (shipmentId: string): Promise<string[]> =>
    (await processDataSource(app).getRepository(ShipmentTimelineEntryEntity).findBy({ shipmentId })).map(
      (entry) => entry.kind,
    );

  it('is called once per projection update, inside the transaction, with the projection before and after', async () => {
    const shipmentId = await createShipment(app, 'order-hooked');
    const events = journey(shipmentId).slice(0, 3);
    for (const event of events) {
      await report([event]);
      await projectedEvents(app, shipmentId, events.indexOf(event) + 1);
    }

    const calls = callsFor(shipmentId);
    expect(calls).toHaveLength(4);
    expect(calls.every((hookCall) => hookCall.inTransaction)).toBe(true);
    expect(calls.map((hookCall) => hookCall.versionSeen)).toEqual([1, 2, 3, 4]);
    expect(calls[0].change.before).toBeNull();
    expect(calls[0].change.correlationId).toBe('order-hooked');
    expect(calls.map((hookCall) => hookCall.change.after.status)).toEqual([
      'created',
      'dispatched',
      'dispatched',
      'in_transit',
    ]);
    for (let index = 1; index < calls.length; index += 1) {
      expect(calls[index].change.before).toEqual(calls[index - 1].change.after);
    }
  });

  it('rolls the whole handling back when a hook throws, and applies the event once when it is delivered again', async () => {
    const shipmentId = await createShipment(app, 'order-hook-fails');
    const [assigned] = journey(shipmentId);
    RecordingHook.failOnceWhenProjecting.add(assigned.eventId as string);
    await report([assigned]);
    await projectedEvents(app, shipmentId, 1);

    const calls = callsFor(shipmentId);
    expect(calls.map((hookCall) => hookCall.change.after.status)).toEqual(['created', 'dispatched', 'dispatched']);
    expect(await storedEvents(app, shipmentId)).toHaveLength(1);
    await waitUntil(async () => (await timelineKinds(shipmentId)).includes('status.changed'));
    expect((await timelineKinds(shipmentId)).filter((kind) => kind === 'test.hook')).toHaveLength(2);
    expect((await timelineKinds(shipmentId)).filter((kind) => kind === 'dispatch_event.received')).toHaveLength(1);
    expect((await timelineKinds(shipmentId)).filter((kind) => kind === 'status.changed')).toHaveLength(1);
  });
});
