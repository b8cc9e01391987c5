import { describe, expect, it } from 'vitest';

import {
  type AlertFacts,
  deadLetterDepth,
  duplicateCharges,
  evaluateAlertPolicies,
  podMissing,
  postingFailed,
  type ShipmentChargesFact,
  slaBreaches,
} from './alert-policies.js';

const NOW = new Date('2026-12-10T12:00:00Z');
const hoursAgo = (hours: number): Date => new Date(NOW.getTime() - hours * 3_600_000);

const delivered = (shipmentId: string, hours: number, extra: { pod?: Date; posted?: Date } = {}) => ({
  shipmentId,
  deliveredAt: hoursAgo(hours),
  podCapturedAt: extra.pod ?? null,
  invoicePostedAt: extra.posted ?? null,
  correlationId: `order-${shipmentId}`,
});

const lumper = (
  accessorialId: string,
  overrides: Partial<ShipmentChargesFact['approvedAccessorials'][number]> = {},
) => ({
  accessorialId,
  kind: 'lumper',
  amountCents: 18_500,
  currency: 'USD',
  description: 'Lumper receipt 44871',
  receiptUrl: null,
  ...overrides,
});

const charges = (overrides: Partial<ShipmentChargesFact> = {}): ShipmentChargesFact => ({
  shipmentId: 'SHP-1',
  standingInvoices: [],
  approvedAccessorials: [],
  correlationId: 'order-1',
  ...overrides,
});

describe('alert policies', () => {
  describe('pod_missing', () => {
    it('finds a shipment delivered at least the threshold ago without proof of delivery', () => {
      const findings = podMissing(
        [delivered('SHP-late', 25), delivered('SHP-recent', 23), delivered('SHP-pod', 30, { pod: hoursAgo(29) })],
        NOW,
        24,
      );

      expect(findings).toEqual([
        expect.objectContaining({
          policy: 'pod_missing',
          subjectKey: 'SHP-late',
          severity: 'warning',
          correlationId: 'order-SHP-late',
          details: { shipmentId: 'SHP-late', deliveredAt: '2026-12-09T11:00:00.000Z', thresholdHours: 24 },
        }),
      ]);
      expect(findings[0].summary).toContain('25 h ago');
    });

    it('with a threshold of 0 finds every delivered shipment without proof of delivery, but none delivered later', () => {
      expect(
        podMissing([delivered('SHP-now', 0), delivered('SHP-future', -2)], NOW, 0).map((f) => f.subjectKey),
      ).toEqual(['SHP-now']);
    });
  });

  describe('sla_breach', () => {
    it('finds a shipment delivered longer ago than the target whose invoice is not posted', () => {
      const findings = slaBreaches(
        [
          delivered('SHP-breached', 49, { pod: hoursAgo(48) }),
          delivered('SHP-within', 47),
          delivered('SHP-posted', 60, { posted: hoursAgo(50) }),
        ],
        NOW,
        48,
      );

      expect(findings.map((finding) => [finding.policy, finding.subjectKey, finding.details.slaHours])).toEqual([
        ['sla_breach', 'SHP-breached', 48],
      ]);
    });
  });

  describe('posting_failed', () => {
    it('finds a shipment with a document the ERP rejected, and one whose billing gave up after its retries', () => {
      const findings = postingFailed([
        {
          shipmentId: 'SHP-rejected',
          rejected: [
            {
              invoiceId: 'INV-SHP-rejected-v1',
              kind: 'invoice',
              code: 'PERIOD_CLOSED',
              detail: 'closed',
              rejectedAt: new Date('2026-12-04T08:00:00Z'),
            },
          ],
          gaveUp: null,
          correlationId: null,
        },
        {
          shipmentId: 'SHP-gave-up',
          rejected: [],
          gaveUp: { reason: 'UPSTREAM_UNAVAILABLE', at: hoursAgo(1) },
          correlationId: 'order-9',
        },
        { shipmentId: 'SHP-fine', rejected: [], gaveUp: null, correlationId: null },
      ]);

      expect(findings.map((finding) => [finding.subjectKey, finding.severity])).toEqual([
        ['SHP-rejected', 'critical'],
        ['SHP-gave-up', 'critical'],
      ]);
      expect(findings[0].summary).toContain('the ERP rejected INV-SHP-rejected-v1: PERIOD_CLOSED');
      expect(findings[1].details.gaveUp).toEqual({ reason: 'UPSTREAM_UNAVAILABLE', at: '2026-12-10T11:00:00.000Z' });
    });
  });

  describe('dead_letter_depth', () => {
    it('opens above the threshold only, with the depth per consumer', () => {
      const depth = (open: number) => ({ open, oldestFailedAt: hoursAgo(2), byConsumer: { 'process.billing': open } });

      expect(deadLetterDepth(depth(10), 10)).toEqual([]);
      expect(deadLetterDepth(depth(11), 10)).toEqual([
        expect.objectContaining({
          policy: 'dead_letter_depth',
          subjectKey: 'dead-letters',
          details: {
            open: 11,
            threshold: 10,
            oldestFailedAt: '2026-12-10T10:00:00.000Z',
            byConsumer: { 'process.billing': 11 },
          },
        }),
      ]);
    });
  });

  describe('duplicate_charge', () => {
    it('finds two standing invoices for one shipment', () => {
      const findings = duplicateCharges([
        charges({
          standingInvoices: [
            { invoiceId: 'INV-SHP-1-v1', erpDocumentNumber: 'INV-000101', totalCents: 162_231 },
            { invoiceId: 'INV-SHP-1-v2', erpDocumentNumber: 'INV-000102', totalCents: 162_231 },
          ],
        }),
        charges({
          shipmentId: 'SHP-2',
          standingInvoices: [{ invoiceId: 'INV-SHP-2-v2', erpDocumentNumber: 'INV-000200', totalCents: 90_000 }],
        }),
      ]);

      expect(findings.map((finding) => finding.subjectKey)).toEqual(['SHP-1']);
      expect(findings[0].summary).toContain('2 standing invoices (INV-SHP-1-v1, INV-SHP-1-v2)');
    });

    it('finds the same accessorial approved twice under two ids, by receipt or else by description', () => {
      const [byDescription] = duplicateCharges([
        charges({
          approvedAccessorials: [lumper('ACC-2'), lumper('ACC-1', { description: ' lumper  RECEIPT 44871 ' })],
        }),
      ]);
      const [byReceipt] = duplicateCharges([
        charges({
          approvedAccessorials: [
            lumper('ACC-1', { receiptUrl: 'https://receipts.example.com/44871', description: 'Lumper' }),
            lumper('ACC-2', { receiptUrl: 'https://receipts.example.com/44871', description: 'Unloading' }),
          ],
        }),
      ]);

      expect(byDescription.details.duplicateAccessorials).toEqual([
        [expect.objectContaining({ accessorialId: 'ACC-1' }), expect.objectContaining({ accessorialId: 'ACC-2' })],
      ]);
      expect(byDescription.summary).toContain('the same lumper of 18500 cents 2 times (ACC-1, ACC-2)');
      expect(byReceipt.subjectKey).toBe('SHP-1');
    });

    it('takes accessorials that differ in amount, kind, receipt or description, or that say nothing, as distinct', () => {
      expect(
        duplicateCharges([
          charges({
            approvedAccessorials: [
              lumper('ACC-1'),
              lumper('ACC-2', { amountCents: 18_000 }),
              lumper('ACC-3', { kind: 'driver_assist' }),
              lumper('ACC-4', { description: 'Lumper receipt 44872' }),
              lumper('ACC-5', { receiptUrl: 'https://receipts.example.com/1' }),
              lumper('ACC-6', { kind: 'layover', description: null }),
              lumper('ACC-7', { kind: 'layover', description: null }),
            ],
          }),
        ]),
      ).toEqual([]);
    });
  });

  it('evaluates every policy over one set of facts', () => {
    const facts: AlertFacts = {
      now: NOW,
      delivered: [delivered('SHP-1', 72)],
      postingFailures: [],
      deadLetters: { open: 0, oldestFailedAt: null, byConsumer: {} },
      charges: [],
    };

    expect(
      evaluateAlertPolicies(facts, { podMissingHours: 24, slaInvoicePostedHours: 48, deadLetterDepth: 10 }).map(
        (finding) => `${finding.policy}:${finding.subjectKey}`,
      ),
    ).toEqual(['pod_missing:SHP-1', 'sla_breach:SHP-1']);
  });
});
