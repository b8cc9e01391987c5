import { describe, expect, it } from 'vitest';

import type { DispatchEvent } from '../dispatch/dispatch-event.js';
import { projectShipment } from '../dispatch/shipment-projection.js';
import type { Customer } from '../parties/customer.js';
import { dispatchEvent, plannedShipment } from '../testing/dispatch-event.fixture.js';
import {
  BILLING_HOLD_REASONS,
  type BillingHoldReason,
  type BillingReadinessInput,
  assessBillingReadiness,
} from './billing-readiness.js';
import type { Charge } from './charge.js';

const linehaul: Charge = {
  kind: 'linehaul',
  description: 'Linehaul: 436 mi at 285 cents/mi',
  quantity: 436,
  quantityUnit: 'mile',
  rate: 285,
  rateUnit: 'cents_per_mile',
  amountCents: 124_260,
  currency: 'USD',
  sourceEventIds: ['evt_assigned'],
  rule: 'linehaul.per_mile.v1',
};

const customer: Customer = {
  id: 'C-1001',
  name: 'Midwest Appliance Supply',
  status: 'active',
  creditLimitCents: 5_000_000,
  openBalanceCents: 1_200_000,
  billingRules: { poRequired: true, currency: 'USD', taxRegion: 'US-OH', paymentTermsDays: 30 },
};

const assigned = dispatchEvent('evt_assigned', 'assigned', '2024-03-05T15:00:00Z', {
  carrier: { scac: 'SWFT', name: 'Swift Transportation' },
  routeMiles: 436,
});
const delivered = dispatchEvent('evt_delivered', 'delivered', '2024-03-06T12:40:00Z', {});
const pod = dispatchEvent('evt_pod', 'pod_captured', '2024-03-06T12:45:00Z', {
  capturedAt: '2024-03-06T12:45:00Z',
  signedBy: 'R. Okafor',
});
const lumper = { accessorialId: 'acc_lumper', kind: 'lumper', amountCents: 32_000, currency: 'USD' } as const;
const lumperSubmitted = dispatchEvent('acc_lumper_submitted', 'accessorial_submitted', '2024-03-06T13:00:00Z', lumper);
const lumperApproved = dispatchEvent('acc_lumper_approved', 'accessorial_approved', '2024-03-06T14:00:00Z', lumper);
const delayed = dispatchEvent('evt_delayed', 'exception_raised', '2024-03-06T11:00:00Z', {
  code: 'SD',
  reason: 'shipment delayed',
});
const delayCleared = dispatchEvent('evt_delay_cleared', 'exception_cleared', '2024-03-06T11:30:00Z', { code: 'SD' });

const DELIVERED_WITH_POD: readonly DispatchEvent[] = [assigned, delivered, pod];

function readiness(events: readonly DispatchEvent[], overrides: Partial<BillingReadinessInput> = {}) {
  return assessBillingReadiness({
    projection: projectShipment(plannedShipment(), events),
    customer,
    references: { poNumber: 'PO-88213' },
    rating: { charges: [linehaul], problems: [] },
    taxStatus: 'resolved',
    lastErpRejection: null,
    ...overrides,
  });
}

const rejection = { invoiceId: 'INV-SHP-7781-v1', code: 'TAX_VALIDATION_FAILED', rejectedAt: '2024-03-07T09:00:00Z' };
const ratingProblem = { code: 'NO_DIESEL_PRICE', rule: 'fuel_surcharge.v1', message: 'No diesel price.' } as const;

/** For each reason: the events and inputs that hold billing for it alone, then the ones that clear it. */
const CASES: readonly (readonly [
  BillingHoldReason,
  readonly [readonly DispatchEvent[], Partial<BillingReadinessInput>],
  readonly [readonly DispatchEvent[], Partial<BillingReadinessInput>],
])[] = [
  ['awaiting_delivery', [[assigned, pod], {}], [[assigned, pod, delivered], {}]],
  ['awaiting_pod', [[assigned, delivered], {}], [[assigned, delivered, pod], {}]],
  [
    'accessorial_pending',
    [[...DELIVERED_WITH_POD, lumperSubmitted], {}],
    [[...DELIVERED_WITH_POD, lumperSubmitted, lumperApproved], {}],
  ],
  [
    'exception_open',
    [[assigned, delayed, delivered, pod], {}],
    [[assigned, delayed, delivered, pod, delayCleared], {}],
  ],
  ['tax_unresolved', [DELIVERED_WITH_POD, { taxStatus: 'pending' }], [DELIVERED_WITH_POD, { taxStatus: 'resolved' }]],
  ['po_missing', [DELIVERED_WITH_POD, { references: { poNumber: '  ' } }], [DELIVERED_WITH_POD, {}]],
  [
    'erp_rejected',
    [DELIVERED_WITH_POD, { lastErpRejection: { ...rejection, resolvedAt: null } }],
    [DELIVERED_WITH_POD, { lastErpRejection: { ...rejection, resolvedAt: '2024-03-07T10:00:00Z' } }],
  ],
  [
    'rating_failed',
    [DELIVERED_WITH_POD, { rating: { charges: [linehaul], problems: [ratingProblem] } }],
    [DELIVERED_WITH_POD, { rating: { charges: [linehaul], problems: [] } }],
  ],
  [
    'credit_hold',
    [DELIVERED_WITH_POD, { customer: { ...customer, status: 'on_hold' } }],
    [DELIVERED_WITH_POD, { customer: { ...customer, status: 'active' } }],
  ],
];

describe(assessBillingReadiness.name, () => {
  it('is ready for a delivered shipment with its proof of delivery, tax, PO and credit in order', () => {
    expect(readiness(DELIVERED_WITH_POD)).toEqual({ ready: true, holds: [] });
  });

  it('has a case below for every hold reason', () => {
    expect(CASES.map(([reason]) => reason)).toEqual(BILLING_HOLD_REASONS);
  });

  it.each(CASES)('holds billing for %s, and releases it once the cause is cleared', (reason, held, released) => {
    expect(readiness(...held)).toEqual({ ready: false, holds: [reason] });
    expect(readiness(...released)).toEqual({ ready: true, holds: [] });
  });

  it('holds a customer whose available credit does not cover the charges, and not one whose credit does', () => {
    const nearLimit = { ...customer, openBalanceCents: customer.creditLimitCents - linehaul.amountCents };

    expect(
      readiness(DELIVERED_WITH_POD, { customer: { ...nearLimit, openBalanceCents: nearLimit.openBalanceCents + 1 } }),
    ).toEqual({ ready: false, holds: ['credit_hold'] });
    expect(readiness(DELIVERED_WITH_POD, { customer: nearLimit })).toEqual({ ready: true, holds: [] });
  });

  it('needs no PO from a customer that does not require one', () => {
    const noPoRule = { ...customer, billingRules: { ...customer.billingRules, poRequired: false } };

    expect(readiness(DELIVERED_WITH_POD, { customer: noPoRule, references: {} }).ready).toBe(true);
  });

  it('reports every reason at once, in the order of the reason list', () => {
    const result = readiness([assigned, delayed, lumperSubmitted], {
      taxStatus: 'failed',
      references: {},
      customer: { ...customer, status: 'inactive' },
      rating: { charges: [linehaul], problems: [ratingProblem] },
      lastErpRejection: { ...rejection, resolvedAt: null },
    });

    expect(result).toEqual({ ready: false, holds: BILLING_HOLD_REASONS });
  });

  it('bills a cancelled shipment with an approved truck order not used without delivery or proof', () => {
    const tonu = { accessorialId: 'acc_tonu', kind: 'tonu', amountCents: 15_000, currency: 'USD' } as const;
    const events = [
      assigned,
      dispatchEvent('evt_cancelled', 'cancelled', '2024-03-05T18:00:00Z', {}),
      dispatchEvent('acc_tonu_submitted', 'accessorial_submitted', '2024-03-05T18:10:00Z', tonu),
      dispatchEvent('acc_tonu_approved', 'accessorial_approved', '2024-03-05T19:00:00Z', tonu),
    ];

    expect(readiness(events)).toEqual({ ready: true, holds: [] });
  });
});
