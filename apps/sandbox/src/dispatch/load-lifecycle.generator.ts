import type { DispatchEventKind } from '@lanegate/domain';

import { SeededRandom } from './seeded-random.js';

/** The formats the sandbox dispatch platform reports a load's status in, as the system layer's TMS adapter reads them. */
export const LOAD_FORMATS = ['nmfta', 'trackline', 'x12'] as const;
export type LoadFormat = (typeof LOAD_FORMATS)[number];

export const STOP_TYPES = ['pickup', 'delivery'] as const;
export type StopType = (typeof STOP_TYPES)[number];

export interface LoadStop {
  sequence: number;
  type: StopType;
  /** Appointment, ISO 8601 UTC. */
  appointmentAt: string;
  name?: string;
  city?: string;
  /** Two-letter state or province code. */
  state?: string;
  postalCode?: string;
}

export interface LoadCarrier {
  scac: string;
  name: string;
}

/** The load as it was offered to the platform. */
export interface LoadPlan {
  shipmentId: string;
  /** In route order. */
  stops: LoadStop[];
  carrier: LoadCarrier;
  routeMiles: number;
}

/** One fact of a load's lifecycle, as a canonical dispatch event kind with its canonical payload. */
export interface LifecycleStep {
  kind: DispatchEventKind;
  /** ISO 8601 UTC. */
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Waiting at a stop longer than this is detention. */
export const FREE_TIME_MINUTES = 120;

const MINUTE_MS = 60_000;
const AVERAGE_MPH = 50;

/** Carriers a load may be reassigned to mid-route. */
const OTHER_CARRIERS: readonly LoadCarrier[] = [
  { scac: 'HJBT', name: 'J.B. Hunt Transport' },
  { scac: 'SWFT', name: 'Swift Transportation' },
  { scac: 'KNXT', name: 'Knight Transportation' },
  { scac: 'SNDR', name: 'Schneider National' },
  { scac: 'WERN', name: 'Werner Enterprises' },
];

/** Exceptions a driver may report on the road: X12 AT7 codes, so that every format can carry them. */
const ROAD_EXCEPTIONS = [
  { code: 'SD', reason: 'Shipment delayed by weather', resolution: 'Weather cleared; back on the road' },
  { code: 'SD', reason: 'Shipment delayed by a mechanical breakdown', resolution: 'Tractor repaired' },
  { code: 'SD', reason: 'Shipment delayed by traffic closure', resolution: 'Road reopened' },
] as const;

const CONSIGNEE_SIGNERS = ['M. Alvarez', 'J. Chen', 'R. Okafor', 'S. Novak', 'T. Brennan'] as const;

/** How likely each twist of a lifecycle is. */
const CHANCES = {
  /** A stop's dwell runs past the free time. */
  detention: 0.35,
  /** The load is reassigned on one leg. */
  reassignment: 0.3,
  /** An exception is raised and cleared on one leg. */
  exception: 0.35,
  /** A lumper is paid at a delivery stop and submitted for approval. */
  lumper: 0.4,
} as const;

/**
 * The whole lifecycle of a load, the same for the same plan and seed: assignment; arrival at the first stop and
 * departure from origin; arrival and departure at every further stop (dwell past the free time at some, detention);
 * sometimes a reassignment to another carrier with corrected miles, sometimes an exception raised and cleared on a
 * leg; delivery during the last stop's dwell; proof of delivery arriving 20 minutes to 4 hours after delivery; and,
 * when `accessorials` is on, sometimes a lumper receipt submitted. Steps are in time order.
 */
export function generateLifecycle(plan: LoadPlan, options: { seed: number; accessorials: boolean }): LifecycleStep[] {
  const random = new SeededRandom(options.seed);
  const steps: LifecycleStep[] = [];
  const add = (kind: DispatchEventKind, at: number, data: Record<string, unknown> = {}): void => {
    steps.push({ kind, occurredAt: isoMinute(at), data });
  };
  const legMiles = plan.routeMiles / Math.max(1, plan.stops.length - 1);
  const legMinutes = Math.max(30, Math.round((legMiles / AVERAGE_MPH) * 60));
  const reassignAfterStop = random.chance(CHANCES.reassignment) ? random.integer(1, plan.stops.length - 1) : 0;
  const exceptionAfterStop = random.chance(CHANCES.exception) ? random.integer(1, plan.stops.length - 1) : 0;

  const firstAppointment = Date.parse(plan.stops[0].appointmentAt);
  add('assigned', firstAppointment - random.integer(2 * 60, 24 * 60) * MINUTE_MS, {
    carrier: { ...plan.carrier },
    routeMiles: plan.routeMiles,
  });

  let carrier = plan.carrier;
  let departedAt = 0;
  for (const [index, stop] of plan.stops.entries()) {
    const last = index === plan.stops.length - 1;
    const appointment = Date.parse(stop.appointmentAt);
    const earliest = index === 0 ? appointment - 60 * MINUTE_MS : departedAt + legMinutes * MINUTE_MS;
    const arrivedAt = Math.max(earliest, appointment + random.integer(-45, 60) * MINUTE_MS);
    const dwellMinutes = random.chance(CHANCES.detention)
      ? random.integer(FREE_TIME_MINUTES + 10, FREE_TIME_MINUTES + 240)
      : random.integer(30, FREE_TIME_MINUTES - 5);
    departedAt = arrivedAt + dwellMinutes * MINUTE_MS;

    add('arrived_stop', arrivedAt, { stopSequence: stop.sequence });
    if (last) {
      const deliveredAt = departedAt - random.integer(5, 20) * MINUTE_MS;
      add('delivered', deliveredAt);
      add('departed_stop', departedAt, { stopSequence: stop.sequence });
      const capturedAt = deliveredAt + random.integer(20, 240) * MINUTE_MS;
      add('pod_captured', capturedAt, {
        capturedAt: isoMinute(capturedAt),
        signedBy: random.pick(CONSIGNEE_SIGNERS),
        documentUrl: `https://dispatch.sandbox.lanegate.test/pod/${encodeURIComponent(plan.shipmentId)}.pdf`,
      });
    } else {
      add(
        index === 0 ? 'departed_origin' : 'departed_stop',
        departedAt,
        index === 0 ? {} : { stopSequence: stop.sequence },
      );
    }
    if (stop.type === 'delivery' && options.accessorials && random.chance(CHANCES.lumper)) {
      add('accessorial_submitted', departedAt + random.integer(10, 90) * MINUTE_MS, {
        accessorialId: `ACC-${plan.shipmentId}-${stop.sequence}`,
        kind: 'lumper',
        amountCents: random.integer(30, 90) * 500,
        currency: 'USD',
        description: `Lumper unloading at stop ${stop.sequence}`,
        receiptUrl: `https://dispatch.sandbox.lanegate.test/receipts/${encodeURIComponent(plan.shipmentId)}-${stop.sequence}.pdf`,
      });
    }

    const legNumber = index + 1;
    if (legNumber === reassignAfterStop) {
      carrier = random.pick(OTHER_CARRIERS.filter((other) => other.scac !== carrier.scac));
      const correctedMiles = plan.routeMiles + random.pick([-1, 1]) * random.integer(5, 40);
      add('reassigned', departedAt + random.integer(10, Math.max(11, legMinutes / 3)) * MINUTE_MS, {
        carrier: { ...carrier },
        routeMiles: Math.max(1, correctedMiles),
      });
    }
    if (legNumber === exceptionAfterStop) {
      const exception = random.pick(ROAD_EXCEPTIONS);
      const raisedAt = departedAt + random.integer(Math.floor(legMinutes / 3), Math.floor(legMinutes / 2)) * MINUTE_MS;
      add('exception_raised', raisedAt, { code: exception.code, reason: exception.reason });
      add('exception_cleared', raisedAt + random.integer(15, 45) * MINUTE_MS, {
        code: exception.code,
        resolution: exception.resolution,
      });
      // The delay pushes the rest of the route back.
      departedAt += 60 * MINUTE_MS;
    }
  }

  return steps.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** ISO 8601 UTC to the minute, as dispatch platforms report times: `2026-12-08T09:50:00Z`. */
function isoMinute(at: number): string {
  return new Date(Math.floor(at / MINUTE_MS) * MINUTE_MS).toISOString().replace('.000Z', 'Z');
}
