import { describe, expect, it } from 'vitest';

import type { DispatchEvent } from '../dispatch/dispatch-event.js';
import { type ShipmentProjection, projectShipment } from '../dispatch/shipment-projection.js';
import { dispatchEvent, plannedShipment } from '../testing/dispatch-event.fixture.js';
import { DETENTION_RULE } from './detention.rule.js';
import { FUEL_SURCHARGE_RULE } from './fuel-surcharge.rule.js';
import { LINEHAUL_FLAT_RULE, LINEHAUL_PER_MILE_RULE } from './linehaul.rule.js';
import {
  ACCESSORIAL_APPROVED_AMOUNT_RULE,
  ACCESSORIAL_CONTRACT_PRICE_RULE,
  type ShipmentContract,
  type ShipmentRatingInput,
  rateShipment,
} from './shipment-rating.js';

const SWIFT = { scac: 'SWFT', name: 'Swift Transportation' };
const HUNT = { scac: 'HJBT', name: 'J.B. Hunt Transport' };

const contract: ShipmentContract = {
  laneRate: { basis: 'per_mile', rateCentsPerMile: 285, currency: 'USD' },
  detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 6_000, capCents: 48_000, currency: 'USD' },
  accessorialPrices: [
    { kind: 'lumper', priceCents: 25_000 },
    { kind: 'layover', priceCents: 30_000 },
    { kind: 'tonu', priceCents: 15_000 },
  ],
};

const fuelSurcharge = {
  fuelSurchargeTable: {
    currency: 'USD',
    bands: [
      { basis: 'per_mile', minDieselCents: 300, maxDieselCents: 379, surchargeCentsPerMile: 52 },
      { basis: 'per_mile', minDieselCents: 380, maxDieselCents: 399, surchargeCentsPerMile: 58 },
      { basis: 'per_mile', minDieselCents: 400, maxDieselCents: 499, surchargeCentsPerMile: 63 },
    ],
  },
  dieselPrices: [
    { effectiveDate: '2024-02-26', centsPerGallon: 402 },
    { effectiveDate: '2024-03-04', centsPerGallon: 389 },
  ],
} as const satisfies Pick<ShipmentRatingInput, 'fuelSurchargeTable' | 'dieselPrices'>;

/** Assigned to Swift at 410 mi, reassigned mid-route to J.B. Hunt at 436 mi; 09:50 to 13:00 at the consignee. */
const reassignedLoad: readonly DispatchEvent[] = [
  dispatchEvent('evt_assigned', 'assigned', '2024-03-05T15:00:00Z', { carrier: SWIFT, routeMiles: 410 }),
  dispatchEvent('evt_arrived_1', 'arrived_stop', '2024-03-06T05:00:00Z', { stopSequence: 1 }),
  dispatchEvent('evt_departed_1', 'departed_stop', '2024-03-06T06:30:00Z', { stopSequence: 1 }),
  dispatchEvent('evt_reassigned', 'reassigned', '2024-03-06T07:30:00Z', { carrier: HUNT, routeMiles: 436 }),
  dispatchEvent('evt_arrived_2', 'arrived_stop', '2024-03-06T09:50:00Z', { stopSequence: 2 }),
  dispatchEvent('evt_delivered', 'delivered', '2024-03-06T12:40:00Z', {}),
  dispatchEvent('evt_pod', 'pod_captured', '2024-03-06T12:45:00Z', {
    capturedAt: '2024-03-06T12:45:00Z',
    signedBy: 'R. Okafor',
  }),
  dispatchEvent('evt_departed_2', 'departed_stop', '2024-03-06T13:00:00Z', { stopSequence: 2 }),
];

function project(extra: readonly DispatchEvent[] = [], events = reassignedLoad): ShipmentProjection {
  return projectShipment(plannedShipment(), [...events, ...extra]);
}

function rate(projection: ShipmentProjection, overrides: Partial<ShipmentRatingInput> = {}) {
  return rateShipment({ projection, contract, ...fuelSurcharge, currency: 'USD', ...overrides });
}

function accessorial(
  id: string,
  kind: 'lumper' | 'layover' | 'tonu' | 'stop_off',
  amountCents: number,
  decision?: 'approved' | 'rejected',
): DispatchEvent[] {
  const data = { accessorialId: id, kind, amountCents, currency: 'USD' };
  const submitted = dispatchEvent(`${id}_submitted`, 'accessorial_submitted', '2024-03-06T14:00:00Z', {
    ...data,
    description: `${kind} at the consignee`,
  });
  if (decision === undefined) {
    return [submitted];
  }

  const decided =
    decision === 'approved'
      ? dispatchEvent(`${id}_approved`, 'accessorial_approved', '2024-03-06T15:00:00Z', data)
      : dispatchEvent(`${id}_rejected`, 'accessorial_rejected', '2024-03-06T15:00:00Z', {
          ...data,
          reason: 'no receipt',
        });

  return [submitted, decided];
}

describe(rateShipment.name, () => {
  it('rates a reassigned load on the new carrier miles, with 1 h 15 min detention at the consignee', () => {
    const rating = rate(project());

    expect(rating.problems).toEqual([]);
    expect(rating.charges).toEqual([
      {
        kind: 'linehaul',
        description: 'Linehaul: 436 mi at 285 cents/mi',
        quantity: 436,
        quantityUnit: 'mile',
        rate: 285,
        rateUnit: 'cents_per_mile',
        amountCents: 124_260,
        currency: 'USD',
        sourceEventIds: ['evt_reassigned'],
        rule: LINEHAUL_PER_MILE_RULE,
      },
      {
        kind: 'fuel_surcharge',
        description: 'Fuel surcharge: 436 mi at 58 cents/mi (diesel at 389 cents/gal from 2024-03-04)',
        quantity: 436,
        quantityUnit: 'mile',
        rate: 58,
        rateUnit: 'cents_per_mile',
        amountCents: 25_288,
        currency: 'USD',
        sourceEventIds: ['evt_reassigned', 'evt_departed_1'],
        rule: FUEL_SURCHARGE_RULE,
      },
      {
        kind: 'detention',
        description: 'Detention at stop 2: 3 h 10 min on site, 2 h free, 1 h 15 min billed at 6000 cents/h',
        quantity: 75,
        quantityUnit: 'minute',
        rate: 6_000,
        rateUnit: 'cents_per_hour',
        amountCents: 7_500,
        currency: 'USD',
        sourceEventIds: ['evt_arrived_2', 'evt_departed_2'],
        rule: DETENTION_RULE,
      },
    ]);
  });

  it('rates the first assignment miles, citing the assignment, when nobody reassigned the load', () => {
    const rating = rate(
      project(
        [],
        reassignedLoad.filter((event) => event.eventId !== 'evt_reassigned'),
      ),
    );

    expect(rating.charges[0]).toMatchObject({ quantity: 410, amountCents: 116_850, sourceEventIds: ['evt_assigned'] });
    expect(rating.charges[1]).toMatchObject({ quantity: 410, amountCents: 23_780 });
  });

  it('bills a flat lane rate and still charges the fuel surcharge on the route miles', () => {
    const rating = rate(project(), {
      contract: { ...contract, laneRate: { basis: 'flat', flatCents: 150_000, currency: 'USD' } },
    });

    expect(rating.charges.map((charge) => [charge.rule, charge.amountCents])).toEqual([
      [LINEHAUL_FLAT_RULE, 150_000],
      [FUEL_SURCHARGE_RULE, 25_288],
      [DETENTION_RULE, 7_500],
    ]);
  });

  it('takes the pickup date the caller knows over the UTC date of the departure', () => {
    const rating = rate(project(), { pickupDate: '2024-03-03' });

    expect(rating.charges[1]).toMatchObject({ rate: 63, amountCents: 27_468 });
  });

  it('charges no detention at a stop whose departure was never reported', () => {
    const rating = rate(
      project(
        [],
        reassignedLoad.filter((event) => event.eventId !== 'evt_departed_2'),
      ),
    );

    expect(rating.charges.map((charge) => charge.kind)).toEqual(['linehaul', 'fuel_surcharge']);
    expect(rating.problems).toEqual([]);
  });

  it('bills one line per approved accessorial, none for pending or rejected ones, by kind then id', () => {
    const rating = rate(
      project([
        ...accessorial('acc_lumper_b', 'lumper', 32_000, 'approved'),
        ...accessorial('acc_layover', 'layover', 30_000),
        ...accessorial('acc_lumper_a', 'lumper', 18_000, 'rejected'),
        ...accessorial('acc_stop_off', 'stop_off', 7_500),
      ]),
    );

    expect(rating.charges.slice(3)).toEqual([
      {
        kind: 'lumper',
        description: 'Lumper acc_lumper_b: lumper at the consignee',
        quantity: 1,
        quantityUnit: 'each',
        rate: 32_000,
        rateUnit: 'cents_each',
        amountCents: 32_000,
        currency: 'USD',
        sourceEventIds: ['acc_lumper_b_submitted', 'acc_lumper_b_approved'],
        rule: ACCESSORIAL_APPROVED_AMOUNT_RULE,
      },
      expect.objectContaining({
        kind: 'stop_off',
        amountCents: 7_500,
        sourceEventIds: ['acc_stop_off_submitted'],
      }),
    ]);
  });

  it('prices an accessorial approved without an amount from the contract price list', () => {
    const rating = rate(project(accessorial('acc_layover', 'layover', 0, 'approved')));

    expect(rating.charges[3]).toMatchObject({
      kind: 'layover',
      amountCents: 30_000,
      description: 'Layover acc_layover: layover at the consignee (contract price)',
      rule: ACCESSORIAL_CONTRACT_PRICE_RULE,
    });
  });

  it('reports an accessorial that neither the approval nor the contract prices', () => {
    const rating = rate(project(accessorial('acc_stop_off', 'stop_off', 0)));

    expect(rating.charges).toHaveLength(3);
    expect(rating.problems).toEqual([
      {
        code: 'NO_ACCESSORIAL_PRICE',
        rule: ACCESSORIAL_CONTRACT_PRICE_RULE,
        message:
          "Accessorial 'acc_stop_off' was approved without an amount and the contract has no price for stop_off.",
      },
    ]);
  });

  it('bills a cancelled shipment for its truck order not used only', () => {
    const events = [
      dispatchEvent('evt_assigned', 'assigned', '2024-03-05T15:00:00Z', { carrier: SWIFT, routeMiles: 410 }),
      dispatchEvent('evt_cancelled', 'cancelled', '2024-03-05T18:00:00Z', { reason: 'order withdrawn' }),
      ...accessorial('acc_tonu', 'tonu', 15_000, 'approved'),
    ];
    const rating = rate(projectShipment(plannedShipment(), events));

    expect(rating.problems).toEqual([]);
    expect(rating.charges.map((charge) => [charge.kind, charge.amountCents])).toEqual([['tonu', 15_000]]);
  });

  it('reports missing miles and a missing pickup date instead of guessing them', () => {
    const rating = rate(projectShipment(plannedShipment(), []));

    expect(rating.charges).toEqual([]);
    expect(rating.problems.map((problem) => [problem.rule, problem.code])).toEqual([
      [LINEHAUL_PER_MILE_RULE, 'NO_ROUTE_MILES'],
      [FUEL_SURCHARGE_RULE, 'NO_ROUTE_MILES'],
    ]);

    const planned = rate(projectShipment(plannedShipment(2, 420), []));

    expect(planned.problems.map((problem) => problem.code)).toEqual(['NO_PICKUP_DATE']);
    expect(planned.charges[0]).toMatchObject({ quantity: 420, sourceEventIds: [] });
  });

  it('passes on what a rule refuses, next to the charges the other rules priced', () => {
    const rating = rate(project(), { dieselPrices: [{ effectiveDate: '2024-03-11', centsPerGallon: 389 }] });

    expect(rating.charges.map((charge) => charge.kind)).toEqual(['linehaul', 'detention']);
    expect(rating.problems).toEqual([
      { code: 'NO_DIESEL_PRICE', rule: FUEL_SURCHARGE_RULE, message: 'No diesel price is in effect on 2024-03-06.' },
    ]);
  });

  it('refuses to rate when a contract price is in another currency than the invoice', () => {
    const rating = rate(project(), { currency: 'CAD' });

    expect(rating.charges).toEqual([]);
    expect(rating.problems.map((problem) => [problem.rule, problem.code])).toEqual([
      [LINEHAUL_PER_MILE_RULE, 'CURRENCY_MISMATCH'],
      [FUEL_SURCHARGE_RULE, 'CURRENCY_MISMATCH'],
      [DETENTION_RULE, 'CURRENCY_MISMATCH'],
    ]);
  });

  it('gives the same lines whatever order the events arrived in', () => {
    const events = [...reassignedLoad, ...accessorial('acc_lumper', 'lumper', 32_000, 'approved')];

    expect(rate(projectShipment(plannedShipment(), [...events].reverse()))).toEqual(
      rate(projectShipment(plannedShipment(), events)),
    );
  });
});
