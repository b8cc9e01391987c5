import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ExperienceApiModule } from '@lanegate/experience-api';
import { AuditLogEntity } from '@lanegate/persistence';
import type { TestApp } from '@lanegate/platform/testing';

import { AlertNotificationEntity } from '../src/alerts/alert.entity.js';
import { ALERT_WEBHOOK_SECRET as SECRET, AlertReceiver, storeDeadLetters } from './alert-fixtures.js';
import { BillingBed, referenceLoad } from './billing-fixtures.js';
import { startProcessLayer } from './process-layer.js';

const MINUTE = 60_000;

/**
 * The reference load moved in time so that it was delivered `minutesAgo` before now, without its proof of delivery
 * unless asked; the proof of delivery comes back as the second element, to report later.
 */
function loadDeliveredAgo(shipmentId: string, minutesAgo: number): { untilDelivery: unknown[]; pod: unknown } {
  const load = referenceLoad(shipmentId);
  const shift = Date.now() - minutesAgo * MINUTE - Date.parse('2026-12-08T12:40:00Z');
  const moved = (at: string): string => new Date(Date.parse(at) + shift).toISOString().replace('.000Z', 'Z');
  const events = load.map((event) => ({
    ...event,
    occurredAt: moved(event.occurredAt),
    ...(event.kind === 'pod_captured'
      ? { data: { ...event.data, capturedAt: moved(event.data.capturedAt as string) } }
      : {}),
  }));

  return { untilDelivery: events.slice(0, 7), pod: events[7] };
}

describe('alerts', () => {
  const receiver = new AlertReceiver(SECRET);
  let app: TestApp;
  let bed: BillingBed;

  const evaluate = async (): Promise<any> => {
    const answer = await bed.call('POST', '/process/v1/alerts/evaluations');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);

    return answer.body;
  };
  const alertsOf = async (policy: string, subjectKey: string): Promise<any[]> =>
    (await bed.call('GET', `/process/v1/alerts?policy=${policy}&subjectKey=${subjectKey}&pageSize=100`)).body.items;
  const openAlert = async (policy: string, subjectKey: string): Promise<any> => {
    const alerts = await alertsOf(policy, subjectKey);
    expect(alerts.filter((alert) => alert.status === 'open')).toHaveLength(1);

    return alerts.find((alert) => alert.status === 'open');
  };
  /** The posting failures the operations overview lists, which must name the shipments the alerts name. */
  const overviewFailureOf = async (shipmentId: string): Promise<any> =>
    (await bed.call('GET', '/process/v1/operations/overview')).body.postingFailures.latest.find(
      (failure: { shipmentId: string }) => failure.shipmentId === shipmentId,
    );

  beforeAll(async () => {
    await receiver.start();
    app = await startProcessLayer({
      modules: [ExperienceApiModule],
      env: {
        ALERT_EVALUATION_INTERVAL_SECONDS: '0',
        ALERT_POD_MISSING_HOURS: '0',
        ALERT_SLA_INVOICE_POSTED_HOURS: '2',
        ALERT_DEAD_LETTER_DEPTH: '2',
        ALERT_WEBHOOK_URL: receiver.url,
        ALERT_WEBHOOK_SECRET: SECRET,
        BILLING_ATTEMPTS: '2',
        BILLING_RETRY_MAX_SECONDS: '1',
      },
    });
    bed = new BillingBed(app);
  });

  beforeEach(async () => {
    receiver.down = false;
    receiver.refusing = undefined;
    await bed.call('DELETE', '/sandbox/erp/faults');
  });

  afterAll(async () => {
    await app?.dispose();
    await receiver.stop();
  });

  describe('POST /process/v1/alerts/evaluations', () => {
    it('pod_missing: opens once for a shipment delivered without proof of delivery, signed, and resolves when it arrives', async () => {
      const shipmentId = await bed.createShipment();
      const { untilDelivery, pod } = loadDeliveredAgo(shipmentId, 10);
      await bed.report(untilDelivery);
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );

      const first = await evaluate();
      const alert = await openAlert('pod_missing', shipmentId);
      expect(first.opened).toContain(alert.id);
      expect(alert).toMatchObject({
        policy: 'pod_missing',
        subjectKey: shipmentId,
        severity: 'warning',
        status: 'open',
        resolvedAt: null,
        details: { shipmentId, thresholdHours: 0 },
        notifications: [{ id: `${alert.id}.opened`, type: 'lanegate.alert.opened.v1', status: 'delivered' }],
      });
      expect(alert.correlationId).toEqual(expect.any(String));
      const [opened] = receiver.acknowledgedFor(alert.id);
      expect(opened.webhookId).toBe(`${alert.id}.opened`);
      expect(opened.headers['webhook-signature']).toMatch(/^v1,/);
      expect(opened.payload).toMatchObject({
        type: 'lanegate.alert.opened.v1',
        data: { id: alert.id, policy: 'pod_missing', subjectKey: shipmentId, status: 'open' },
      });
      expect(receiver.rejectedSignatures).toEqual([]);

      const second = await evaluate();
      expect(second.opened).not.toContain(alert.id);
      expect(await alertsOf('pod_missing', shipmentId)).toHaveLength(1);
      expect(receiver.acknowledgedFor(alert.id)).toHaveLength(1);
      expect((await bed.call('GET', `/process/v1/alerts/${alert.id}`)).body.lastSeenAt > alert.lastSeenAt).toBe(true);

      await bed.report([pod]);
      await bed.waitForReadiness(
        shipmentId,
        (readiness) => !readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );
      const third = await evaluate();

      expect(third.resolved).toContain(alert.id);
      const resolved = (await bed.call('GET', `/process/v1/alerts/${alert.id}`)).body;
      expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
      expect(receiver.acknowledgedFor(alert.id).map((notification) => notification.payload.type)).toEqual([
        'lanegate.alert.opened.v1',
        'lanegate.alert.resolved.v1',
      ]);
      expect(receiver.acknowledgedFor(alert.id)[1].payload.data).toMatchObject({ status: 'resolved' });
      await evaluate();
      expect(receiver.acknowledgedFor(alert.id)).toHaveLength(2);
    });

    it('posting_failed: opens when the ERP rejects the invoice, and resolves once it is posted after the fix', async () => {
      await bed.setErpFaults({
        postingRejection: { code: 'PERIOD_CLOSED', detail: 'Accounting period 2026-12 is closed for posting.' },
      });
      const shipmentId = await bed.createShipment();
      await bed.report(referenceLoad(shipmentId));
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'erp_rejected'),
      );

      await evaluate();
      const alert = await openAlert('posting_failed', shipmentId);
      expect(alert).toMatchObject({
        severity: 'critical',
        details: {
          shipmentId,
          rejected: [{ invoiceId: `INV-${shipmentId}-v1`, kind: 'invoice', code: 'PERIOD_CLOSED' }],
          gaveUp: null,
        },
      });
      expect(alert.summary).toContain('PERIOD_CLOSED');
      expect(await overviewFailureOf(shipmentId)).toMatchObject({
        invoiceId: `INV-${shipmentId}-v1`,
        code: 'PERIOD_CLOSED',
      });
      const [opened] = receiver.acknowledgedFor(alert.id);
      expect(opened.payload).toMatchObject({ type: 'lanegate.alert.opened.v1', data: { policy: 'posting_failed' } });
      expect(receiver.rejectedSignatures).toEqual([]);

      await bed.call('DELETE', '/sandbox/erp/faults');
      await bed.requestReview(shipmentId, { reason: 'Finance reopened period 2026-12.', erpRejectionResolved: true });
      await bed.waitForStatus(shipmentId, 'invoice_posted');
      const evaluation = await evaluate();

      expect(evaluation.resolved).toContain(alert.id);
      expect(await overviewFailureOf(shipmentId)).toBeUndefined();
      expect(receiver.acknowledgedFor(alert.id).map((notification) => notification.payload.type)).toEqual([
        'lanegate.alert.opened.v1',
        'lanegate.alert.resolved.v1',
      ]);
    });

    it('sla_breach: opens for a shipment delivered longer ago than the target without a posted invoice', async () => {
      const shipmentId = await bed.createShipment();
      const { untilDelivery, pod } = loadDeliveredAgo(shipmentId, 3 * 60);
      await bed.report(untilDelivery);
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );

      await evaluate();
      const alert = await openAlert('sla_breach', shipmentId);
      expect(alert).toMatchObject({ severity: 'warning', details: { shipmentId, slaHours: 2 } });
      expect(alert.summary).toContain('3 h ago');

      await bed.report([pod]);
      await bed.waitForStatus(shipmentId, 'invoice_posted');
      expect((await evaluate()).resolved).toContain(alert.id);
    });

    it('dead_letter_depth: opens above the configured depth and resolves once an operator brings it back down', async () => {
      const letters = await storeDeadLetters(app, 3);

      await evaluate();
      const alert = await openAlert('dead_letter_depth', 'dead-letters');
      expect(alert).toMatchObject({
        severity: 'critical',
        details: { open: 3, threshold: 2, byConsumer: { 'process.alerts-e2e': 3 } },
      });

      const discarded = await bed.call('POST', `/process/v1/dead-letters/${letters[0]}/discard`, {
        reason: 'Test letter, nothing to replay.',
      });
      expect(discarded.status).toBe(200);
      expect((await evaluate()).resolved).toContain(alert.id);
      expect(receiver.acknowledgedFor(alert.id).map((notification) => notification.payload.type)).toEqual([
        'lanegate.alert.opened.v1',
        'lanegate.alert.resolved.v1',
      ]);
    });

    it('posting_failed: opens when billing gives up posting after its retries, and resolves once the replay posts', async () => {
      const shipmentId = await bed.createShipment();
      await bed.deliverWhileErpDown(shipmentId);

      await evaluate();
      const alert = await openAlert('posting_failed', shipmentId);
      expect(alert.details).toMatchObject({ rejected: [], gaveUp: { reason: expect.any(String) } });
      expect(alert.summary).toContain('billing gave up after its retries');
      expect(await overviewFailureOf(shipmentId)).toMatchObject({ invoiceId: null, code: 'POSTING_GAVE_UP' });

      await bed.call('DELETE', '/sandbox/erp/faults');
      const letters = await bed.call('GET', '/process/v1/dead-letters?status=open&consumer=process.billing');
      const letter = letters.body.items.find((item: { subject: string }) => item.subject === shipmentId);
      const replay = await bed.replayAfterOutage(letter.id);
      expect(replay.status).toBe(200);
      await bed.waitForStatus(shipmentId, 'invoice_posted');

      expect((await evaluate()).resolved).toContain(alert.id);
      expect(await overviewFailureOf(shipmentId)).toBeUndefined();
    }, 60_000);

    it('duplicate_charge: opens when the same lumper receipt is approved and billed under two ids', async () => {
      const shipmentId = await bed.createShipment();
      const load = referenceLoad(shipmentId);
      await bed.report(load.slice(0, 7));
      const lumpers = ['ACC-LUMPER-1', 'ACC-LUMPER-2'];
      for (const accessorialId of lumpers) {
        const submitted = await bed.call('POST', `/process/v1/shipments/${shipmentId}/accessorials`, {
          accessorialId,
          kind: 'lumper',
          amountCents: 18_500,
          currency: 'USD',
          description: 'Lumper receipt 44871',
        });
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
      }
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some(
          (hold: { reason: string; detail: string }) =>
            hold.reason === 'accessorial_pending' && lumpers.every((id) => hold.detail.includes(id)),
        ),
      );
      for (const accessorialId of lumpers) {
        const approved = await bed.call(
          'POST',
          `/process/v1/shipments/${shipmentId}/accessorials/${accessorialId}/approval`,
          { amountCents: 18_500, currency: 'USD' },
        );
        expect(approved.status, JSON.stringify(approved.body)).toBe(202);
      }
      await bed.report([load[7]]);
      await bed.waitForStatus(shipmentId, 'invoice_posted');

      await evaluate();
      const alert = await openAlert('duplicate_charge', shipmentId);
      expect(alert).toMatchObject({ severity: 'critical', details: { shipmentId, standingInvoices: [] } });
      expect(
        alert.details.duplicateAccessorials[0].map(
          (accessorial: { accessorialId: string }) => accessorial.accessorialId,
        ),
      ).toEqual(['ACC-LUMPER-1', 'ACC-LUMPER-2']);
      expect(receiver.acknowledgedFor(alert.id).map((notification) => notification.payload.type)).toEqual([
        'lanegate.alert.opened.v1',
      ]);
    });

    it('keeps a notification pending while the receiver is down and delivers it, once, when it is back', async () => {
      receiver.down = true;
      const shipmentId = await bed.createShipment();
      await bed.report(loadDeliveredAgo(shipmentId, 5).untilDelivery);
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );

      const whileDown = await evaluate();
      const alert = await openAlert('pod_missing', shipmentId);
      expect(whileDown.opened).toContain(alert.id);
      expect(whileDown.notificationsPending).toBeGreaterThanOrEqual(1);
      expect(alert.notifications).toEqual([
        expect.objectContaining({ status: 'pending', attempts: 1, lastError: 'the receiver answered 503' }),
      ]);
      const refused = receiver.received.filter((notification) => notification.payload.data.id === alert.id);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused.every((notification) => !notification.acknowledged)).toBe(true);

      receiver.down = false;
      const backUp = await evaluate();

      expect(backUp.notificationsDelivered).toBeGreaterThanOrEqual(1);
      const delivered = receiver.acknowledgedFor(alert.id);
      expect(delivered).toHaveLength(1);
      expect(delivered[0].webhookId).toBe(refused[0].webhookId);
      expect(delivered[0].body).toBe(refused[0].body);
      expect((await bed.call('GET', `/process/v1/alerts/${alert.id}`)).body.notifications).toEqual([
        expect.objectContaining({ status: 'delivered', attempts: 2, lastError: null }),
      ]);
      await evaluate();
      expect(receiver.acknowledgedFor(alert.id)).toHaveLength(1);
    });

    it('pauses a notification the receiver refused, a minute after the first refusal, and sends it after the pause', async () => {
      receiver.refusing = 410;
      const shipmentId = await bed.createShipment();
      await bed.report(loadDeliveredAgo(shipmentId, 5).untilDelivery);
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );
      await evaluate();
      const alert = await openAlert('pod_missing', shipmentId);
      const attemptsAt = (): number =>
        receiver.received.filter((notification) => notification.payload.data.id === alert.id).length;
      const [refused] = alert.notifications;

      // A refusal is not retried within the turn, and the next evaluations leave it alone until the pause is over.
      expect(attemptsAt()).toBe(1);
      expect(refused).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the receiver answered 410' });
      expect(Date.parse(refused.notBefore) - Date.now()).toBeGreaterThan(50_000);
      expect(Date.parse(refused.notBefore) - Date.now()).toBeLessThanOrEqual(60_000);
      await evaluate();
      expect(attemptsAt()).toBe(1);

      // The pause runs out (moved into the past here rather than waited for) and the receiver has been fixed.
      receiver.refusing = undefined;
      await app.app
        .get<DataSource>(getDataSourceToken('process'))
        .getRepository(AlertNotificationEntity)
        .update({ id: refused.id }, { claimedUntil: new Date(Date.now() - 1_000) });
      await evaluate();

      expect(attemptsAt()).toBe(2);
      expect(receiver.acknowledgedFor(alert.id)).toHaveLength(1);
      expect((await bed.call('GET', `/process/v1/alerts/${alert.id}`)).body.notifications).toEqual([
        expect.objectContaining({ status: 'delivered', attempts: 2, lastError: null, notBefore: null }),
      ]);
    });

    it('never tells a resolution before the opening it follows when both waited for the receiver', async () => {
      receiver.down = true;
      const shipmentId = await bed.createShipment();
      const { untilDelivery, pod } = loadDeliveredAgo(shipmentId, 5);
      await bed.report(untilDelivery);
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );
      await evaluate();
      const alert = await openAlert('pod_missing', shipmentId);
      await bed.report([pod]);
      await bed.waitForReadiness(
        shipmentId,
        (readiness) => !readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
      );
      expect((await evaluate()).resolved).toContain(alert.id);

      // Two turns of failures opened the circuit; the evaluations deliver once a probe gets through.
      receiver.down = false;
      for (let turn = 0; receiver.acknowledgedFor(alert.id).length < 2 && turn < 30; turn += 1) {
        await evaluate();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }

      expect(receiver.acknowledgedFor(alert.id).map((notification) => notification.payload.type)).toEqual([
        'lanegate.alert.opened.v1',
        'lanegate.alert.resolved.v1',
      ]);
      const attempted = receiver.received.filter((notification) => notification.payload.data.id === alert.id);
      const firstResolution = attempted.findIndex((notification) => notification.payload.type.endsWith('resolved.v1'));
      expect(attempted.slice(0, firstResolution).some((notification) => notification.acknowledged)).toBe(true);
    }, 45_000);
  });

  describe('GET /process/v1/alerts', () => {
    it('lists alerts newest first, filtered by status and policy, and counts the open ones per policy in the metrics', async () => {
      const open = await bed.call('GET', '/process/v1/alerts?status=open&policy=pod_missing');

      expect(open.status).toBe(200);
      expect(open.body.total).toBeGreaterThanOrEqual(1);
      expect(open.body.items.every((alert: any) => alert.status === 'open' && alert.policy === 'pod_missing')).toBe(
        true,
      );
      const all = (await bed.call('GET', '/process/v1/alerts?pageSize=100')).body.items as { openedAt: string }[];
      expect(all.map((alert) => alert.openedAt)).toEqual(
        [...all.map((alert) => alert.openedAt)].sort((a, b) => b.localeCompare(a)),
      );
      const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`lanegate_alerts_open\\{policy="pod_missing"\\} ${open.body.total}\\b`));
      expect(metrics).toMatch(/lanegate_alerts_open\{policy="posting_failed"\} 0\b/);
    });

    it('rejects an unknown policy and answers 404 for an unknown alert', async () => {
      expect((await bed.call('GET', '/process/v1/alerts?policy=weather')).status).toBe(400);
      const missing = await bed.call('GET', '/process/v1/alerts/ALR-nope');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('ALERT_NOT_FOUND');
    });

    it('admits the experience layer (internal) but not a portal token; evaluations are for operators only', async () => {
      const internal = app.bearer(['internal'], { subject: 'experience-api' });
      const portal = app.bearer(['portal'], { customerId: 'C-1001' });
      const as = (token: string, method: string, path: string) =>
        fetch(`${app.baseUrl}${path}`, { method, headers: { authorization: token } });

      expect((await as(internal, 'GET', '/process/v1/alerts')).status).toBe(200);
      expect((await as(portal, 'GET', '/process/v1/alerts')).status).toBe(403);
      expect((await as(internal, 'POST', '/process/v1/alerts/evaluations')).status).toBe(403);
    });
  });

  describe('audit', () => {
    it('records every evaluation an operator asks for, with what it opened and resolved', async () => {
      const evaluation = await evaluate();
      const audit = app.app.get<DataSource>(getDataSourceToken('process')).getRepository(AuditLogEntity);
      const entries = await audit.find({ where: { action: 'alert.evaluation_requested' }, order: { seq: 'DESC' } });

      expect(entries.length).toBeGreaterThanOrEqual(8);
      expect(entries[0]).toMatchObject({ actor: 'billing-tests', targetType: 'alerts' });
      expect(JSON.parse(entries[0].details)).toMatchObject({ evaluatedAt: evaluation.evaluatedAt });
    });
  });

  describe('GET /experience/v1/ops/alerts', () => {
    it("shapes the process layer's open alerts for the dashboard", async () => {
      const answer = await bed.call('GET', '/experience/v1/ops/alerts?status=open&policy=pod_missing');
      const processed = (await bed.call('GET', '/process/v1/alerts?status=open&policy=pod_missing')).body;

      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(processed.total);
      expect(answer.body.items[0]).toEqual({
        id: processed.items[0].id,
        policy: 'pod_missing',
        severity: 'warning',
        status: 'open',
        subject: processed.items[0].subjectKey,
        shipmentId: processed.items[0].subjectKey,
        summary: processed.items[0].summary,
        openedAt: processed.items[0].openedAt,
        resolvedAt: null,
        openSeconds: expect.any(Number),
        notification: 'delivered',
      });
    });

    it('answers 400 for an unknown status and 403 without the ops scope', async () => {
      expect((await bed.call('GET', '/experience/v1/ops/alerts?status=snoozed')).status).toBe(400);
      const portal = app.bearer(['portal'], { customerId: 'C-1001' });
      expect(
        (await fetch(`${app.baseUrl}/experience/v1/ops/alerts`, { headers: { authorization: portal } })).status,
      ).toBe(403);
    });
  });
});
