import type { Charge } from '../billing/charge.js';
import type { Carrier } from '../parties/carrier.js';
import { DomainError } from '../shared/domain.error.js';
import { type IsoUtcTimestamp, isIsoUtc, parseIsoUtc } from '../shared/iso-time.js';
import { type CurrencyCode, isCurrencyCode } from '../shared/money.js';
import type { ProofOfDelivery } from './proof-of-delivery.js';
import type { ShipmentStatusState } from './shipment-status-machine.js';
import { type Stop, sortStops } from './stop.js';

/** The customer's and carrier's own numbers for the shipment. */
export interface ShipmentReferences {
  /** Customer purchase order; some customers refuse invoices without it. */
  readonly poNumber?: string;
  /** The carrier's tracking number. */
  readonly proNumber?: string;
  /** Bill of lading number. */
  readonly bolNumber?: string;
}

/**
 * One truckload move from pickup to delivery. `status` and `resumeStatus` change only through the status machine;
 * everything a billing decision depends on bumps `version`.
 */
export interface Shipment extends ShipmentStatusState {
  readonly id: string;
  /** Starts at 1; an invoice is posted once per version. */
  readonly version: number;
  readonly customerId: string;
  readonly currency: CurrencyCode;
  readonly references: ShipmentReferences;
  /** In route order. */
  readonly stops: readonly Stop[];
  readonly carrier: Carrier | null;
  /** Whole miles of the current route; a reassignment replaces them and re-rates the linehaul. */
  readonly routeMiles: number | null;
  readonly proofOfDelivery: ProofOfDelivery | null;
  readonly charges: readonly Charge[];
  readonly createdAt: IsoUtcTimestamp;
  readonly updatedAt: IsoUtcTimestamp;
}

export interface CreateShipmentInput {
  readonly id: string;
  readonly customerId: string;
  readonly currency: CurrencyCode;
  readonly stops: readonly Stop[];
  readonly references?: ShipmentReferences;
  readonly createdAt: IsoUtcTimestamp;
}

/**
 * Builds a new shipment in `created` status, version 1, with its stops in route order.
 * @throws DomainError `INVALID_SHIPMENT` listing every problem found: missing ids, a bad currency or time, duplicate
 * stop sequences, a route that does not start with a pickup and end with a delivery, a departure before an arrival.
 */
export function createShipment(input: CreateShipmentInput): Shipment {
  const stops = sortStops(input.stops);
  const problems = [...headerProblems(input), ...stopProblems(stops)];
  if (problems.length > 0) {
    throw new DomainError('INVALID_SHIPMENT', `Invalid shipment ${input.id}: ${problems.join('; ')}.`, {
      details: { shipmentId: input.id, problems },
    });
  }

  return {
    id: input.id,
    version: 1,
    status: 'created',
    resumeStatus: null,
    customerId: input.customerId,
    currency: input.currency,
    references: { ...input.references },
    stops,
    carrier: null,
    routeMiles: null,
    proofOfDelivery: null,
    charges: [],
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
  };
}

function headerProblems(input: CreateShipmentInput): string[] {
  const problems: string[] = [];
  if (input.id.trim() === '') {
    problems.push('id must not be blank');
  }
  if (input.customerId.trim() === '') {
    problems.push('customerId must not be blank');
  }
  if (!isCurrencyCode(input.currency)) {
    problems.push(`currency must be an ISO 4217 code, got '${String(input.currency)}'`);
  }
  if (!isIsoUtc(input.createdAt)) {
    problems.push(`createdAt must be an ISO 8601 UTC timestamp, got '${String(input.createdAt)}'`);
  }

  return problems;
}

function stopProblems(stops: readonly Stop[]): string[] {
  const problems: string[] = [];
  if (stops[0]?.type !== 'pickup' || stops.at(-1)?.type !== 'delivery' || stops.length < 2) {
    problems.push('the route must start with a pickup and end with a delivery');
  }

  const sequences = stops.map((stop) => stop.sequence);
  if (sequences.some((sequence) => !Number.isSafeInteger(sequence) || sequence < 1)) {
    problems.push('stop sequences must be positive integers');
  }
  if (new Set(sequences).size !== sequences.length) {
    problems.push('stop sequences must be unique');
  }
  for (const stop of stops) {
    problems.push(...stopTimeProblems(stop));
  }

  return problems;
}

function stopTimeProblems(stop: Stop): string[] {
  const times = { arrivedAt: stop.arrivedAt, departedAt: stop.departedAt, ...appointmentTimes(stop) };
  const problems = Object.entries(times)
    .filter(([, value]) => value !== null && !isIsoUtc(value))
    .map(
      ([field, value]) => `stop ${stop.sequence} ${field} must be an ISO 8601 UTC timestamp, got '${String(value)}'`,
    );
  if (problems.length > 0) {
    return problems;
  }
  if (stop.arrivedAt !== null && stop.departedAt !== null && isBefore(stop.departedAt, stop.arrivedAt)) {
    problems.push(`stop ${stop.sequence} departs before it arrives`);
  }
  if (stop.appointment !== null && isBefore(stop.appointment.to, stop.appointment.from)) {
    problems.push(`stop ${stop.sequence} appointment ends before it starts`);
  }
  if (stop.departedAt !== null && stop.arrivedAt === null) {
    problems.push(`stop ${stop.sequence} has a departure without an arrival`);
  }

  return problems;
}

function appointmentTimes(stop: Stop): Record<string, IsoUtcTimestamp | null> {
  return stop.appointment === null
    ? {}
    : { 'appointment.from': stop.appointment.from, 'appointment.to': stop.appointment.to };
}

function isBefore(a: IsoUtcTimestamp, b: IsoUtcTimestamp): boolean {
  return (parseIsoUtc(a) ?? 0) < (parseIsoUtc(b) ?? 0);
}
