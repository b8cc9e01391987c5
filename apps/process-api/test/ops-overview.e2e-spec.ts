import { MoreThanOrEqual } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REFERENCE_STOPS, referenceLoad } from '@lanegate/domain/testing';
import { ExperienceApiModule } from '@lanegate/experience-api';
import { InboxEventEntity } from '@lanegate/messaging';
import { SandboxModule } from '@lanegate/sandbox';
import { SystemApiModule } from '@lanegate/system-api';
import { type SeededOperations, seedOperations, startTestApp, type TestApp } from '@lanegate/platform/testing';

import { ProcessApiModule } from '../src/process-api.module.js';
import { call, processDataSource } from './dispatch-fixtures.js';

/** What the process layer's own tables say, counted row by row in the test rather than by the overview's queries. */
async function countedFromRecords(app: TestApp): Promise<{
  byStatus: Record<string, number>;
  awaitingInvoice: number;
  withoutPod: number;
  holds: Record<string, number>;
  rejected: number;
}> {
  const db = processDataSource(app);
  const shipments: { id: string; status: string }[] = await db.query('SELECT id, status FROM shipments');
  const projections: { shipment_id: string; delivered_at: unknown; pod_captured_at: unknown }[] = await db.query(
    'SELECT shipment_id, delivered_at, pod_captured_at FROM shipment_projections',
  );
  const holds: { reason: string }[] = await db.query('SELECT reason FROM billing_holds');
  const invoices: { shipment_id: string; status: string }[] = await db.query(
    'SELECT shipment_id, status FROM invoices',
  );
  const statusOf = new Map(shipments.map((shipment) => [shipment.id, shipment.status]));
  const delivered = projections.filter((projection) => projection.delivered_at !== null);
  const tally = (values: string[]): Record<string, number> =>
    values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});

  return {
    byStatus: tally(shipments.map((shipment) => shipment.status)),
    awaitingInvoice: delivered.filter(
      (projection) => !['invoice_posted', 'cancelled'].includes(statusOf.get(projection.shipment_id) ?? ''),
    ).length,
    withoutPod: delivered.filter((projection) => projection.pod_captured_at === null).length,
    holds: tally(holds.map((hold) => hold.reason)),
    rejected: new Set(invoices.filter((invoice) => invoice.status === 'rejected').map((row) => row.shipment_id)).size,
  };
}

const nonZero = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));

describe('operations views of the experience layer', () => {
  let app: TestApp;
  let seeded: SeededOperations;
  let ops: string;

  beforeAll(async () => {
    app = await startTestApp({
      app: 'gateway',
      layers: [SandboxModule, SystemApiModule, ProcessApiModule, ExperienceApiModule],
    });
    ops = app.bearer(['ops'], { subject: 'night-shift-operator' });
    seeded = await seedOperations(app, { stops: REFERENCE_STOPS, events: referenceLoad });
  }, 120_000);

  afterAll(async () => {
    await app?.dispose();
  });

  it("counts what the process layer's records hold: statuses, waiting shipments, holds and posting failures", async () => {
    const overview = (await call(app, ops, 'GET', '/experience/v1/ops/overview')).body;
    const counted = await countedFromRecords(app);

    expect(nonZero(overview.shipmentsByStatus)).toEqual(counted.byStatus);
    expect(overview.awaitingInvoice.count).toBe(counted.awaitingInvoice);
    expect(overview.deliveredWithoutPod.count).toBe(counted.withoutPod);
    expect(nonZero(overview.holdsByReason)).toEqual(counted.holds);
    expect(overview.postingFailures.count).toBe(counted.rejected);
    // The seed itself: 5 shipments, 1 posted, 2 held after delivery, 1 without its proof of delivery.
    expect(counted.byStatus).toEqual({ invoice_posted: 1, billing_hold: 2, in_transit: 1, created: 1 });
    // A shipment counts once per reason that holds it; the ones not yet delivered are held awaiting delivery too.
    expect(counted.holds).toEqual({
      awaiting_delivery: 2,
      awaiting_pod: 3,
      erp_rejected: 1,
      rating_failed: 1,
      tax_unresolved: 2,
    });
    expect(overview.deliveredWithoutPod.oldest.map((row: { shipmentId: string }) => row.shipmentId)).toEqual([
      seeded.withoutPod,
    ]);
    expect(overview.postingFailures.latest).toEqual([
      expect.objectContaining({ shipmentId: seeded.rejected, code: 'PERIOD_CLOSED', customerId: 'C-1001' }),
    ]);
  });

  it('measures event lag and ERP call latency, and the SLA from delivery to posting of the invoiced shipment', async () => {
    const overview = (await call(app, ops, 'GET', '/experience/v1/ops/overview?windowHours=2')).body;

    expect(overview.window.hours).toBe(2);
    // Every event the process layer handled in the window counts, the system layer's dispatch events too.
    const handled = await processDataSource(app)
      .getRepository(InboxEventEntity)
      .findBy({ handledAt: MoreThanOrEqual(new Date(Date.now() - 2 * 3_600_000)) });
    expect(overview.integrationLatency.eventLag.samples).toBe(handled.length);
    expect(handled.map((row) => row.consumer)).toContain('process.dispatch-projection');
    expect(overview.integrationLatency.eventLag.p95Ms).toBeGreaterThanOrEqual(
      overview.integrationLatency.eventLag.p50Ms,
    );
    expect(overview.integrationLatency.erpCalls.samples).toBeGreaterThan(0);
    expect(overview.sla.deliveryToPosted.shipments).toBe(1);
    expect(overview.sla.series).toHaveLength(24);
    expect(overview.sla.series.reduce((sum: number, point: any) => sum + point.deliveryToPosted.shipments, 0)).toBe(1);
  });

  it('answers 400 naming the field for a window out of range', async () => {
    const answer = await call(app, ops, 'GET', '/experience/v1/ops/overview?windowHours=0');

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(answer.body.errors)).toContain('windowHours');
  });

  describe('GET /experience/v1/ops/chains/{reference}', () => {
    it('follows an invoiced shipment from order to ERP posting, found by its correlation id', async () => {
      const answer = await call(app, ops, 'GET', '/experience/v1/ops/chains/seed-posted');

      expect(answer.status).toBe(200);
      const [chain] = answer.body.shipments;
      expect(chain.shipmentId).toBe(seeded.posted);
      expect(chain.stages.map((stage: { stage: string; state: string }) => [stage.stage, stage.state])).toEqual([
        ['order', 'done'],
        ['dispatch', 'done'],
        ['delivery', 'done'],
        ['invoice', 'done'],
        ['erp_posting', 'done'],
      ]);
      expect(chain.stages[4].summary).toContain(`INV-${seeded.posted}-v1`);
      expect(chain.entries.map((entry: { stage: string }) => entry.stage)).toEqual(
        expect.arrayContaining(['order', 'dispatch', 'delivery', 'invoice', 'erp_posting']),
      );
    });

    it('shows where a chain stops: waiting for delivery, or failed at the ERP', async () => {
      const inTransit = (await call(app, ops, 'GET', `/experience/v1/ops/chains/${seeded.inTransit}`)).body
        .shipments[0];
      const rejected = (await call(app, ops, 'GET', `/experience/v1/ops/chains/${seeded.rejected}`)).body.shipments[0];

      expect(inTransit.stages.map((stage: { state: string }) => stage.state)).toEqual([
        'done',
        'done',
        'waiting',
        'waiting',
        'waiting',
      ]);
      expect(rejected.stages[4]).toMatchObject({ stage: 'erp_posting', state: 'failed' });
      expect(rejected.stages[4].summary).toContain('PERIOD_CLOSED');
    });

    it('answers 404 problem+json for a reference nobody knows', async () => {
      const answer = await call(app, ops, 'GET', '/experience/v1/ops/chains/no-such-order');

      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
