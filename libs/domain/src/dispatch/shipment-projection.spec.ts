import { describe, expect, it } from 'vitest';

import { type ShipmentRating, rateShipment } from '../billing/shipment-rating.js';
import { type InvoiceDocument, buildInvoice } from '../billing/invoice-document.js';
import { type AccessorialKind, requiresApproval } from '../billing/charge.js';
import { multiplyCents } from '../shared/money.js';
import { FIXTURE_SHIPMENT_ID, dispatchEvent, plannedShipment } from '../testing/dispatch-event.fixture.js';
import type { DispatchEvent } from './dispatch-event.js';
import { type ShipmentProjection, projectShipment } from './shipment-projection.js';

const SWIFT = { scac: 'SWFT', name: 'Swift Transportation' };
const HUNT = { scac: 'HJBT', name: 'J.B. Hunt Transport' };
const KNIGHT = { scac: 'KNX', name: 'Knight Transportation' };

const assigned = dispatchEvent('evt_assigned', 'assigned', '2024-03-05T15:00:00Z', { carrier: SWIFT, routeMiles: 410 });
const arrivedPickup = dispatchEvent('evt_arrived_1', 'arrived_stop', '2024-03-06T05:00:00Z', { stopSequence: 1 });
const departedPickup = dispatchEvent('evt_departed_1', 'departed_stop', '2024-03-06T06:30:00Z', { stopSequence: 1 });
const reassigned = dispatchEvent('evt_reassigned', 'reassigned', '2024-03-06T07:30:00Z', {
  carrier: HUNT,
  routeMiles: 436,
});
const arrivedConsignee = dispatchEvent('evt_arrived_2', 'arrived_stop', '2024-03-06T09:50:00Z', { stopSequence: 2 });
const delivered = dispatchEvent('evt_delivered', 'delivered', '2024-03-06T12:40:00Z', {});
const departedConsignee = dispatchEvent('evt_departed_2', 'departed_stop', '2024-03-06T13:00:00Z', {
  stopSequence: 2,
});
const pod = dispatchEvent('evt_pod', 'pod_captured', '2024-03-06T12:45:00Z', {
  capturedAt: '2024-03-06T12:45:00Z',
  signedBy: 'R. Okafor',
});

function project(events: readonly DispatchEvent[]): ShipmentProjection {
  return projectShipment(plannedShipment(), events);
}

function decisionOf(projection: ShipmentProjection, eventId: string) {
  return projection.decisions.find((decision) => decision.eventId === eventId);
}

describe(projectShipment.name, () => {
  it('replaces carrier and miles on a reassignment and keeps both assignments in the history', () => {
    const projection = project([reassigned, assigned]);

    expect(projection).toMatchObject({ status: 'dispatched', carrier: HUNT, routeMiles: 436 });
    expect(projection.routeMilesEventId).toBe('evt_reassigned');
    expect(projection.carrierHistory.map((entry) => [entry.carrier.scac, entry.routeMiles, entry.kind])).toEqual([
      ['SWFT', 410, 'assigned'],
      ['HJBT', 436, 'reassigned'],
    ]);
  });

  it('refuses a reassignment of a shipment nobody was assigned', () => {
    const projection = project([reassigned]);

    expect(projection.status).toBe('created');
    expect(decisionOf(projection, 'evt_reassigned')).toMatchObject({ outcome: 'rejected', code: 'NOT_ASSIGNED' });
  });

  it('takes a departure that arrives after the delivery without moving the status back', () => {
    const projection = project([assigned, arrivedConsignee, delivered, departedPickup]);

    expect(projection.status).toBe('delivered');
    expect(projection.stops[0]).toMatchObject({
      departedAt: '2024-03-06T06:30:00Z',
      departedEventId: 'evt_departed_1',
    });
    expect(decisionOf(projection, 'evt_delivered')).toMatchObject({ outcome: 'applied' });
  });

  it('keeps an explicit pickup departure over a departed_origin report', () => {
    const origin = dispatchEvent('evt_origin', 'departed_origin', '2024-03-06T06:40:00Z', {});
    const projection = project([origin, departedPickup, assigned]);

    expect(projection.stops[0]).toMatchObject({
      departedAt: '2024-03-06T06:30:00Z',
      departedEventId: 'evt_departed_1',
    });
    expect(decisionOf(projection, 'evt_origin')?.notes?.map((note) => note.code)).toEqual(['STOP_TIME_KEPT']);
  });

  it('records arrival and departure at each stop with the events that reported them, for detention', () => {
    const projection = project([departedConsignee, arrivedConsignee, departedPickup, arrivedPickup, assigned]);

    expect(projection.stops).toEqual([
      {
        sequence: 1,
        type: 'pickup',
        appointment: null,
        arrivedAt: '2024-03-06T05:00:00Z',
        arrivedEventId: 'evt_arrived_1',
        departedAt: '2024-03-06T06:30:00Z',
        departedEventId: 'evt_departed_1',
      },
      {
        sequence: 2,
        type: 'delivery',
        appointment: null,
        arrivedAt: '2024-03-06T09:50:00Z',
        arrivedEventId: 'evt_arrived_2',
        departedAt: '2024-03-06T13:00:00Z',
        departedEventId: 'evt_departed_2',
      },
    ]);
  });

  it('refuses a report for a stop the route does not have', () => {
    const projection = project([
      assigned,
      dispatchEvent('evt_stop_9', 'arrived_stop', '2024-03-06T09:00:00Z', { stopSequence: 9 }),
    ]);

    expect(decisionOf(projection, 'evt_stop_9')).toMatchObject({ outcome: 'rejected', code: 'UNKNOWN_STOP' });
  });

  it('keeps a proof of delivery captured before the delivery event', () => {
    const earlyPod = dispatchEvent('evt_pod_early', 'pod_captured', '2024-03-06T12:30:00Z', {
      capturedAt: '2024-03-06T12:30:00Z',
      signedBy: 'R. Okafor',
    });
    const projection = project([delivered, earlyPod, assigned]);

    expect(projection).toMatchObject({
      status: 'delivered',
      proofOfDelivery: { capturedAt: '2024-03-06T12:30:00Z', signedBy: 'R. Okafor' },
      proofOfDeliveryEventId: 'evt_pod_early',
      deliveredEventId: 'evt_delivered',
    });
  });

  it('stacks exceptions and resumes only once the last one is cleared', () => {
    const delay = dispatchEvent('evt_sd', 'exception_raised', '2024-03-06T08:00:00Z', { code: 'SD', reason: 'delay' });
    const breakdown = dispatchEvent('evt_ai', 'exception_raised', '2024-03-06T08:10:00Z', {
      code: 'AI',
      reason: 'mechanical breakdown',
    });
    const delayCleared = dispatchEvent('evt_sd_clear', 'exception_cleared', '2024-03-06T09:00:00Z', { code: 'SD' });
    const breakdownCleared = dispatchEvent('evt_ai_clear', 'exception_cleared', '2024-03-06T11:00:00Z', {
      code: 'AI',
    });
    const open = project([assigned, departedPickup, delay, breakdown, delayCleared]);

    expect(open).toMatchObject({ status: 'exception_pending', resumeStatus: 'in_transit' });
    expect(open.openExceptions.map((exception) => exception.code)).toEqual(['AI']);
    expect(decisionOf(open, 'evt_sd_clear')?.notes?.map((note) => note.code)).toEqual(['EXCEPTIONS_STILL_OPEN']);

    const cleared = project([breakdownCleared, delayCleared, breakdown, delay, departedPickup, assigned, delivered]);

    expect(cleared).toMatchObject({ status: 'delivered', resumeStatus: null, openExceptions: [] });
  });

  it('refuses a second exception with a code that is already open, and clearing one that is not', () => {
    const delay = dispatchEvent('evt_sd', 'exception_raised', '2024-03-06T08:00:00Z', { code: 'SD', reason: 'delay' });
    const again = dispatchEvent('evt_sd_2', 'exception_raised', '2024-03-06T08:05:00Z', { code: 'SD', reason: 'x' });
    const clearA9 = dispatchEvent('evt_a9_clear', 'exception_cleared', '2024-03-06T08:10:00Z', { code: 'A9' });
    const projection = project([assigned, delay, again, clearA9]);

    expect(decisionOf(projection, 'evt_sd_2')).toMatchObject({ code: 'EXCEPTION_ALREADY_OPEN' });
    expect(decisionOf(projection, 'evt_a9_clear')).toMatchObject({ code: 'EXCEPTION_NOT_OPEN' });
  });

  it('applies an accessorial approval that sorts before its submission right after the submission', () => {
    const lumper = { accessorialId: 'acc_lumper', kind: 'lumper', amountCents: 32_000, currency: 'USD' } as const;
    const approved = dispatchEvent('acc_approved', 'accessorial_approved', '2024-03-06T13:55:00Z', {
      ...lumper,
      amountCents: 30_000,
    });
    const submitted = dispatchEvent('acc_submitted', 'accessorial_submitted', '2024-03-06T14:00:00Z', lumper);
    const projection = project([approved, submitted, assigned]);

    expect(projection.accessorials['acc_lumper']).toMatchObject({
      state: 'approved',
      amountCents: 30_000,
      submittedAmountCents: 32_000,
      submittedEventId: 'acc_submitted',
      decisionEventId: 'acc_approved',
    });
    expect(projection.decisions.map((decision) => decision.eventId)).toEqual([
      'evt_assigned',
      'acc_submitted',
      'acc_approved',
    ]);
    expect(decisionOf(projection, 'acc_approved')?.notes?.map((note) => note.code)).toEqual([
      'DECIDED_BEFORE_SUBMISSION',
    ]);
  });

  it('rejects a decision for an accessorial that was never submitted', () => {
    const rejected = dispatchEvent('acc_rejected', 'accessorial_rejected', '2024-03-06T13:55:00Z', {
      accessorialId: 'acc_ghost',
      kind: 'layover',
      amountCents: 30_000,
      currency: 'USD',
      reason: 'no layover happened',
    });
    const projection = project([assigned, rejected]);

    expect(projection.accessorials).toEqual({});
    expect(decisionOf(projection, 'acc_rejected')).toMatchObject({ outcome: 'rejected', code: 'UNKNOWN_ACCESSORIAL' });
  });

  it('ignores identical duplicates and says so, with the same state as one copy', () => {
    const once = project([assigned, departedPickup, delivered, pod]);
    const twice = project([pod, delivered, assigned, departedPickup, delivered, { ...assigned }]);

    expect({ ...twice, decisions: [] }).toEqual({ ...once, decisions: [] });
    expect(twice.decisions.map((decision) => [decision.eventId, decision.outcome])).toEqual([
      ['evt_assigned', 'applied'],
      ['evt_assigned', 'duplicate'],
      ['evt_departed_1', 'applied'],
      ['evt_delivered', 'applied'],
      ['evt_delivered', 'duplicate'],
      ['evt_pod', 'applied'],
    ]);
  });

  it('keeps the copy that sorts first when two copies of an event differ, whatever order they came in', () => {
    const corrected = { ...assigned, data: { carrier: KNIGHT, routeMiles: 415 } } as DispatchEvent;
    const oneWay = project([assigned, corrected]);
    const otherWay = project([corrected, assigned]);

    expect(otherWay).toEqual(oneWay);
    expect(oneWay.decisions.map((decision) => decision.outcome)).toEqual(['applied', 'conflicting_duplicate']);
    expect(oneWay.carrierHistory).toHaveLength(1);
  });

  it('cancels a dispatched shipment, then refuses everything but accessorials', () => {
    const cancelled = dispatchEvent('evt_cancelled', 'cancelled', '2024-03-05T18:00:00Z', { reason: 'withdrawn' });
    const tonu = { accessorialId: 'acc_tonu', kind: 'tonu', amountCents: 15_000, currency: 'USD' } as const;
    const projection = project([
      assigned,
      cancelled,
      departedPickup,
      dispatchEvent('acc_tonu_submitted', 'accessorial_submitted', '2024-03-05T18:10:00Z', tonu),
    ]);

    expect(projection.status).toBe('cancelled');
    expect(decisionOf(projection, 'evt_departed_1')).toMatchObject({ outcome: 'rejected', code: 'TERMINAL_STATUS' });
    expect(projection.accessorials['acc_tonu']?.state).toBe('pending_approval');
  });

  it('refuses to cancel a shipment already in transit', () => {
    const cancelled = dispatchEvent('evt_cancelled', 'cancelled', '2024-03-06T07:00:00Z', {});
    const projection = project([assigned, departedPickup, cancelled]);

    expect(projection.status).toBe('in_transit');
    expect(decisionOf(projection, 'evt_cancelled')).toMatchObject({ outcome: 'rejected' });
  });

  it('refuses an event of another shipment', () => {
    const projection = project([{ ...assigned, shipmentId: 'SHP-0001' }]);

    expect(projection.status).toBe('created');
    expect(decisionOf(projection, 'evt_assigned')).toMatchObject({ code: 'WRONG_SHIPMENT' });
  });

  describe('any interleaving of duplicate and late events', () => {
    it('gives the state, charges and invoice of the same events delivered once, in order', () => {
      for (let seed = 1; seed <= RUNS; seed += 1) {
        const random = seededRandom(seed);
        const lifecycle = randomLifecycle(random);
        const clean = projectShipment(lifecycle.base, lifecycle.events);
        const received = projectShipment(lifecycle.base, shuffled(withDuplicates(lifecycle.events, random), random));
        const context = `seed ${seed}`;

        expect(
          clean.decisions.filter((d) => d.outcome === 'rejected'),
          context,
        ).toEqual([]);
        expect(clean.status, context).toBe('delivered');
        expect(withoutDuplicateDecisions(received), context).toEqual(clean);
        expect(
          received.decisions.filter((d) => d.outcome !== 'applied').every((d) => d.outcome === 'duplicate'),
          context,
        ).toBe(true);

        const cleanRating = rate(clean);
        const receivedRating = rate(received);

        expect(cleanRating.problems, context).toEqual([]);
        expect(cleanRating.charges.length, context).toBeGreaterThanOrEqual(2);
        expect(receivedRating, context).toEqual(cleanRating);
        expect(invoiceOf(receivedRating, received), context).toEqual(invoiceOf(cleanRating, clean));
      }
    });
  });
});

// The property test draws its lifecycles from a seeded generator, so that a failure names a seed that replays it.
const RUNS = 300;
const MINUTE_MS = 60_000;
const CARRIERS = [SWIFT, HUNT, KNIGHT, { scac: 'WERN', name: 'Werner Enterprises' }];
const ACCESSORIAL_KINDS: readonly AccessorialKind[] = ['lumper', 'layover', 'tonu', 'stop_off', 'driver_assist'];

type AddEvent = (id: string, kind: DispatchEvent['kind'], at: number, data: DispatchEvent['data']) => void;

interface Lifecycle {
  readonly base: ReturnType<typeof plannedShipment>;
  /** In the order they happened, once each. */
  readonly events: readonly DispatchEvent[];
}

/** Mulberry32: a small, fast PRNG whose sequence depends only on the seed. Returns floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[between(random, 0, items.length - 1)];
}

/**
 * A realistic load: assignment, an optional reassignment with new miles, arrival and departure at 2-4 stops with
 * random dwell, an optional exception raised and cleared, delivery, a proof of delivery up to three days late, and
 * 0-3 accessorials, approved or rejected when their kind needs it. Half of the sources send sequences.
 */
function randomLifecycle(random: () => number): Lifecycle {
  const stopCount = between(random, 2, 4);
  const events: { id: string; kind: DispatchEvent['kind']; at: number; data: DispatchEvent['data'] }[] = [];
  const add: AddEvent = (id, kind, at, data) => {
    events.push({ id, kind, at, data });
  };

  let clock = Date.parse('2024-03-04T12:00:00Z') + between(random, 0, 14 * 24 * 60) * MINUTE_MS;
  add('evt_assigned', 'assigned', clock, { carrier: pick(random, CARRIERS), routeMiles: between(random, 150, 1_200) });
  const stopTimes: number[] = [];
  for (let sequence = 1; sequence <= stopCount; sequence += 1) {
    clock += between(random, 60, 600) * MINUTE_MS;
    const arrival = clock;
    clock += between(random, 20, 420) * MINUTE_MS;
    stopTimes.push(arrival, clock);
    add(`evt_arrived_${sequence}`, 'arrived_stop', arrival, { stopSequence: sequence });
    add(`evt_departed_${sequence}`, 'departed_stop', clock, { stopSequence: sequence });
  }

  const [firstDeparture, lastArrival, lastDeparture] = [stopTimes[1], stopTimes.at(-2) ?? 0, stopTimes.at(-1) ?? 0];
  const deliveredAt = between(random, lastArrival + MINUTE_MS, lastDeparture - 1);
  add('evt_delivered', 'delivered', deliveredAt, {});
  if (random() < 0.5) {
    add('evt_reassigned', 'reassigned', between(random, firstDeparture, deliveredAt - 1), {
      carrier: pick(random, CARRIERS),
      routeMiles: between(random, 150, 1_200),
    });
  }
  if (random() < 0.5) {
    const raisedAt = between(random, firstDeparture + 1, deliveredAt - 1);
    const code = pick(random, ['SD', 'AI', 'AO']);
    add('evt_exception', 'exception_raised', raisedAt, { code, reason: 'reported by the driver' });
    add('evt_exception_cleared', 'exception_cleared', raisedAt + between(random, 1, 600) * MINUTE_MS, { code });
  }

  const capturedAt = deliveredAt + between(random, 0, 3 * 24 * 60) * MINUTE_MS;
  add('evt_pod', 'pod_captured', capturedAt, { capturedAt: new Date(capturedAt).toISOString(), signedBy: 'R. Okafor' });
  for (let index = 1; index <= between(random, 0, 3); index += 1) {
    addAccessorial(random, index, lastDeparture, add);
  }

  const sequenced = random() < 0.5;
  const ordered = [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));

  return {
    base: plannedShipment(stopCount, null),
    events: ordered.map(({ id, kind, at, data }, index) =>
      dispatchEvent(id, kind, new Date(at).toISOString(), data as never, sequenced ? index + 1 : undefined),
    ),
  };
}

function addAccessorial(random: () => number, index: number, after: number, add: AddEvent): void {
  const kind = pick(random, ACCESSORIAL_KINDS);
  const data = { accessorialId: `acc_${index}`, kind, amountCents: between(random, 1, 600) * 100, currency: 'USD' };
  const submittedAt = after + between(random, 10, 2_000) * MINUTE_MS;
  add(`acc_${index}_submitted`, 'accessorial_submitted', submittedAt, { ...data, description: `${kind} ${index}` });
  if (!requiresApproval(kind)) {
    return;
  }

  // One decision in five carries a time before its submission: dispatch platforms' clocks disagree.
  const decidedAt = submittedAt + (random() < 0.2 ? -1 : 1) * between(random, 1, 600) * MINUTE_MS;
  if (random() < 0.5) {
    add(`acc_${index}_approved`, 'accessorial_approved', decidedAt, data);
  } else {
    add(`acc_${index}_rejected`, 'accessorial_rejected', decidedAt, { ...data, reason: 'no receipt' });
  }
}

/** Each event one to three times, as at-least-once delivery does; copies are separate objects. */
function withDuplicates(events: readonly DispatchEvent[], random: () => number): DispatchEvent[] {
  return events.flatMap((event) =>
    Array.from({ length: between(random, 1, 3) }, () => JSON.parse(JSON.stringify(event)) as DispatchEvent),
  );
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = between(random, 0, index);
    [result[index], result[other]] = [result[other], result[index]];
  }

  return result;
}

/** Duplicates are the only decisions a clean run has not: they follow the event they repeat. */
function withoutDuplicateDecisions(projection: ShipmentProjection): ShipmentProjection {
  return { ...projection, decisions: projection.decisions.filter((d) => d.outcome !== 'duplicate') };
}

function rate(projection: ShipmentProjection): ShipmentRating {
  return rateShipment({
    projection,
    contract: {
      laneRate: { basis: 'per_mile', rateCentsPerMile: 285, currency: 'USD' },
      detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 6_000, capCents: 48_000, currency: 'USD' },
      accessorialPrices: [{ kind: 'layover', priceCents: 30_000 }],
    },
    fuelSurchargeTable: {
      currency: 'USD',
      bands: [
        { basis: 'per_mile', minDieselCents: 0, maxDieselCents: 379, surchargeCentsPerMile: 52 },
        { basis: 'per_mile', minDieselCents: 380, maxDieselCents: 999, surchargeCentsPerMile: 58 },
      ],
    },
    dieselPrices: [
      { effectiveDate: '2024-02-26', centsPerGallon: 402 },
      { effectiveDate: '2024-03-04', centsPerGallon: 389 },
      { effectiveDate: '2024-03-11', centsPerGallon: 377 },
      { effectiveDate: '2024-03-18', centsPerGallon: 381 },
    ],
    currency: 'USD',
  });
}

function invoiceOf(rating: ShipmentRating, projection: ShipmentProjection): InvoiceDocument | string {
  const subtotal = rating.charges.reduce((sum, charge) => sum + charge.amountCents, 0);
  const result = buildInvoice({
    invoiceId: `INV-${FIXTURE_SHIPMENT_ID}-v1`,
    shipmentId: FIXTURE_SHIPMENT_ID,
    shipmentVersion: 1,
    customerId: 'C-1001',
    poNumber: 'PO-88213',
    currency: 'USD',
    charges: rating.charges,
    taxQuote: {
      quoteId: 'TQ-000042',
      taxCents: multiplyCents(subtotal, { numerator: 625, denominator: 10_000 }),
      rateBasisPoints: 625,
      taxRegion: 'US-OH',
    },
    carrier: projection.carrier,
  });

  return result.ok ? result.document : result.code;
}
