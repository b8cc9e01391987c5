import type { AlertPolicy, AlertSeverity } from './alert.entity.js';
import type { PostingFailure } from '../billing/posting-failures.js';

/** Subject of the one alert about the depth of the dead-letter queue. */
export const DEAD_LETTERS_SUBJECT = 'dead-letters';

const HOUR_MS = 3_600_000;

/** A condition one policy found now: the alert it opens, or keeps open. */
export interface AlertFinding {
  readonly policy: AlertPolicy;
  readonly subjectKey: string;
  readonly severity: AlertSeverity;
  readonly summary: string;
  readonly details: Record<string, unknown>;
  readonly correlationId: string | null;
}

export interface AlertThresholds {
  readonly podMissingHours: number;
  readonly slaInvoicePostedHours: number;
  readonly deadLetterDepth: number;
}

/** A delivered shipment that lacks its proof of delivery or its posted invoice. */
export interface DeliveredShipmentFact {
  readonly shipmentId: string;
  readonly deliveredAt: Date;
  readonly podCapturedAt: Date | null;
  /** When its first invoice was posted to the ERP. */
  readonly invoicePostedAt: Date | null;
  readonly correlationId: string | null;
}

/** A shipment whose last posting the ERP refused, or whose billing gave up after its retries. */
/** A shipment not in the ledger, read by the rule the operations overview shares. */
export interface PostingFailureFact extends PostingFailure {
  readonly correlationId: string | null;
}

export interface DeadLetterDepthFact {
  readonly open: number;
  readonly oldestFailedAt: Date | null;
  readonly byConsumer: Readonly<Record<string, number>>;
}

/** What may bill one shipment twice. */
export interface ShipmentChargesFact {
  readonly shipmentId: string;
  /** Posted invoices and rebills that no credit memo reverses. */
  readonly standingInvoices: readonly {
    readonly invoiceId: string;
    readonly erpDocumentNumber: string | null;
    readonly totalCents: number;
  }[];
  /** Approved accessorials: each is a charge line of the invoice. */
  readonly approvedAccessorials: readonly {
    readonly accessorialId: string;
    readonly kind: string;
    readonly amountCents: number;
    readonly currency: string;
    readonly description: string | null;
    readonly receiptUrl: string | null;
  }[];
  readonly correlationId: string | null;
}

export interface AlertFacts {
  readonly now: Date;
  readonly delivered: readonly DeliveredShipmentFact[];
  readonly postingFailures: readonly PostingFailureFact[];
  readonly deadLetters: DeadLetterDepthFact;
  readonly charges: readonly ShipmentChargesFact[];
}

/** Every policy over the facts: the alerts that should be open now. */
export function evaluateAlertPolicies(facts: AlertFacts, thresholds: AlertThresholds): AlertFinding[] {
  return [
    ...duplicateCharges(facts.charges),
    ...podMissing(facts.delivered, facts.now, thresholds.podMissingHours),
    ...postingFailed(facts.postingFailures),
    ...deadLetterDepth(facts.deadLetters, thresholds.deadLetterDepth),
    ...slaBreaches(facts.delivered, facts.now, thresholds.slaInvoicePostedHours),
  ];
}

/** `pod_missing`: delivered at least `hours` ago and still without proof of delivery. */
export function podMissing(delivered: readonly DeliveredShipmentFact[], now: Date, hours: number): AlertFinding[] {
  return delivered
    .filter((fact) => fact.podCapturedAt === null && hoursSince(fact.deliveredAt, now) >= hours)
    .map((fact) => ({
      policy: 'pod_missing',
      subjectKey: fact.shipmentId,
      severity: 'warning',
      summary:
        `Shipment ${fact.shipmentId} was delivered at ${fact.deliveredAt.toISOString()} ` +
        `(${wholeHours(fact.deliveredAt, now)} h ago) and has no proof of delivery; it cannot be invoiced without one.`,
      details: { shipmentId: fact.shipmentId, deliveredAt: fact.deliveredAt.toISOString(), thresholdHours: hours },
      correlationId: fact.correlationId,
    }));
}

/** `sla_breach`: delivered at least `hours` ago and no invoice posted to the ERP yet. */
export function slaBreaches(delivered: readonly DeliveredShipmentFact[], now: Date, hours: number): AlertFinding[] {
  return delivered
    .filter((fact) => fact.invoicePostedAt === null && hoursSince(fact.deliveredAt, now) >= hours)
    .map((fact) => ({
      policy: 'sla_breach',
      subjectKey: fact.shipmentId,
      severity: 'warning',
      summary:
        `Shipment ${fact.shipmentId} was delivered at ${fact.deliveredAt.toISOString()} ` +
        `(${wholeHours(fact.deliveredAt, now)} h ago) and its invoice is not posted; the target is ${hours} h.`,
      details: { shipmentId: fact.shipmentId, deliveredAt: fact.deliveredAt.toISOString(), slaHours: hours },
      correlationId: fact.correlationId,
    }));
}

/** `posting_failed`: the ERP rejected a document of the shipment, or billing gave up posting after its retries. */
export function postingFailed(failures: readonly PostingFailureFact[]): AlertFinding[] {
  return failures
    .filter((fact) => fact.rejected.length > 0 || fact.gaveUp !== null)
    .map((fact) => {
      const rejections = fact.rejected.map((document) => `the ERP rejected ${document.invoiceId}: ${document.code}`);
      const gaveUp = fact.gaveUp === null ? [] : [`billing gave up after its retries (${fact.gaveUp.reason})`];

      return {
        policy: 'posting_failed',
        subjectKey: fact.shipmentId,
        severity: 'critical',
        summary: `Shipment ${fact.shipmentId} is not posted: ${[...rejections, ...gaveUp].join('; ')}.`,
        details: {
          shipmentId: fact.shipmentId,
          rejected: fact.rejected.map(({ invoiceId, kind, code, detail }) => ({ invoiceId, kind, code, detail })),
          gaveUp: fact.gaveUp === null ? null : { reason: fact.gaveUp.reason, at: fact.gaveUp.at.toISOString() },
        },
        correlationId: fact.correlationId,
      };
    });
}

/** `dead_letter_depth`: more open dead letters than the threshold. */
export function deadLetterDepth(fact: DeadLetterDepthFact, threshold: number): AlertFinding[] {
  if (fact.open <= threshold) {
    return [];
  }

  return [
    {
      policy: 'dead_letter_depth',
      subjectKey: DEAD_LETTERS_SUBJECT,
      severity: 'critical',
      summary:
        `${fact.open} dead letters are open, more than ${threshold}` +
        `${fact.oldestFailedAt === null ? '' : `; the oldest failed at ${fact.oldestFailedAt.toISOString()}`}.`,
      details: {
        open: fact.open,
        threshold,
        oldestFailedAt: fact.oldestFailedAt?.toISOString() ?? null,
        byConsumer: { ...fact.byConsumer },
      },
      correlationId: null,
    },
  ];
}

/**
 * `duplicate_charge`: the same charge billed twice for one shipment. Either two standing invoices (posted invoices
 * or rebills that no credit memo reverses), or two approved accessorials that are the same charge: same kind,
 * amount and currency, and the same receipt (or, both without a receipt, the same description). Accessorials with
 * neither are never taken for each other: two layover nights look alike and are both due.
 */
export function duplicateCharges(charges: readonly ShipmentChargesFact[]): AlertFinding[] {
  return charges.flatMap((fact): AlertFinding[] => {
    const invoices = fact.standingInvoices.length > 1 ? fact.standingInvoices : [];
    const accessorials = sameAccessorials(fact.approvedAccessorials);
    if (invoices.length === 0 && accessorials.length === 0) {
      return [];
    }
    const reasons = [
      ...(invoices.length === 0
        ? []
        : [`${invoices.length} standing invoices (${invoices.map((invoice) => invoice.invoiceId).join(', ')})`]),
      ...accessorials.map(
        (group) =>
          `the same ${group[0].kind} of ${group[0].amountCents} cents ${group.length} times ` +
          `(${group.map((accessorial) => accessorial.accessorialId).join(', ')})`,
      ),
    ];

    return [
      {
        policy: 'duplicate_charge',
        subjectKey: fact.shipmentId,
        severity: 'critical',
        summary: `Shipment ${fact.shipmentId} is billed twice for the same charge: ${reasons.join('; ')}.`,
        details: {
          shipmentId: fact.shipmentId,
          standingInvoices: invoices.map((invoice) => ({ ...invoice })),
          duplicateAccessorials: accessorials.map((group) => group.map((accessorial) => ({ ...accessorial }))),
        },
        correlationId: fact.correlationId,
      },
    ];
  });
}

type Accessorial = ShipmentChargesFact['approvedAccessorials'][number];

/** Groups of two or more accessorials that are one charge, each group in accessorial id order. */
function sameAccessorials(accessorials: readonly Accessorial[]): Accessorial[][] {
  const groups = new Map<string, Accessorial[]>();
  for (const accessorial of accessorials) {
    const description = normalised(accessorial.description);
    const identity =
      accessorial.receiptUrl === null
        ? description === null
          ? null
          : `description ${description}`
        : `receipt ${accessorial.receiptUrl}`;
    if (identity === null) {
      continue;
    }
    const key = [accessorial.kind, accessorial.amountCents, accessorial.currency, identity].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), accessorial]);
  }

  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => [...group].sort((a, b) => a.accessorialId.localeCompare(b.accessorialId)));
}

function normalised(text: string | null): string | null {
  const trimmed = text?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';

  return trimmed === '' ? null : trimmed;
}

function hoursSince(at: Date, now: Date): number {
  return (now.getTime() - at.getTime()) / HOUR_MS;
}

function wholeHours(at: Date, now: Date): number {
  return Math.max(0, Math.floor(hoursSince(at, now)));
}
