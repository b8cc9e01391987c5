import type { LifecycleStep, LoadCarrier, LoadFormat, LoadPlan, LoadStop } from './load-lifecycle.generator.js';

/** Where the canonical dispatch events of vendors that speak Lanegate's own model go (accessorials, here). */
export const CANONICAL_EVENTS_PATH = '/process/v1/dispatch-events';

/** The source the sandbox names itself by in canonical events. */
export const SANDBOX_DISPATCH_SOURCE = 'sandbox-dispatch';

/** What one lifecycle step becomes on the wire. */
export interface EncodedMessage {
  /** `tms`: a signed vendor message to the system layer; `canonical`: a canonical event to the process layer. */
  channel: 'tms' | 'canonical';
  /** Path under the receiving layer's base URL. */
  path: string;
  /** The vendor whose signing secret signs it (`tms` only). */
  vendor?: LoadFormat;
  contentType: string;
  body: string;
}

export type Encoding = { message: EncodedMessage } | { skipped: string };

export interface EncodingContext {
  loadId: string;
  plan: LoadPlan;
  step: LifecycleStep;
  /** 1-based position of the step in the lifecycle; the per-shipment sequence of formats that carry one. */
  sequence: number;
  /** The carrier and route miles in force when the step happens. */
  carrier: LoadCarrier;
  routeMiles: number;
  /** Interchange control number of an X12 message, unique per message. */
  controlNumber: number;
  /** When the message is put together, ISO 8601 UTC. */
  sentAt: string;
}

const TMS_PATHS: Record<LoadFormat, string> = {
  nmfta: '/system/v1/tms/webhooks/nmfta',
  trackline: '/system/v1/tms/webhooks/trackline',
  x12: '/system/v1/tms/x12',
};

/**
 * One lifecycle step in the load's format. Accessorials go as canonical events to the process layer in every
 * format, since no vendor format here carries them; a step the format cannot express is skipped, with the reason.
 */
export function encodeStep(format: LoadFormat, context: EncodingContext): Encoding {
  if (context.step.kind.startsWith('accessorial_')) {
    return { message: canonical(context) };
  }
  const body = ENCODERS[format](context);
  if (typeof body !== 'string') {
    return body;
  }

  return {
    message: {
      channel: 'tms',
      path: TMS_PATHS[format],
      vendor: format,
      contentType: format === 'x12' ? 'application/edi-x12' : 'application/json',
      body,
    },
  };
}

type Encoder = (context: EncodingContext) => string | { skipped: string };

const ENCODERS: Record<LoadFormat, Encoder> = { nmfta, trackline, x12 };

function canonical({ loadId, plan, step, sequence }: EncodingContext): EncodedMessage {
  return {
    channel: 'canonical',
    path: CANONICAL_EVENTS_PATH,
    contentType: 'application/json',
    body: JSON.stringify({
      eventId: `${loadId}-${sequence}`,
      shipmentId: plan.shipmentId,
      kind: step.kind,
      occurredAt: step.occurredAt,
      sequence,
      source: SANDBOX_DISPATCH_SOURCE,
      vendorEventId: `${loadId}-${sequence}`,
      data: step.data,
    }),
  };
}

// Trackline: one route event per webhook.

const TRACKLINE_EVENT_TYPES: Partial<Record<LifecycleStep['kind'], string>> = {
  assigned: 'DriverAssigned',
  reassigned: 'DriverReassigned',
  departed_origin: 'RouteStarted',
  arrived_stop: 'RouteStopArrival',
  departed_stop: 'RouteStopDeparture',
  delivered: 'RouteCompleted',
  pod_captured: 'DocumentSubmitted',
  exception_raised: 'ExceptionReported',
  exception_cleared: 'ExceptionResolved',
  cancelled: 'RouteCancelled',
};

function trackline({
  loadId,
  plan,
  step,
  sequence,
  carrier,
  routeMiles,
}: EncodingContext): string | { skipped: string } {
  const eventType = TRACKLINE_EVENT_TYPES[step.kind];
  if (eventType === undefined) {
    return { skipped: `Trackline has no event for ${step.kind}` };
  }
  const data = step.data;
  const stop = stopOf(plan, data);
  const assignment = step.kind === 'assigned' || step.kind === 'reassigned';

  return JSON.stringify({
    eventId: `tl-${loadId}-${sequence}`,
    eventTime: step.occurredAt,
    eventType,
    orgId: 4412,
    data: {
      route: {
        id: `rt-${plan.shipmentId}`,
        externalIds: { lanegateShipmentId: plan.shipmentId },
        plannedMiles: Math.round(assignment ? Number(data.routeMiles) : routeMiles),
      },
      ...(stop ? { routeStop: { sequence: stop.sequence, ...(stop.name ? { name: stop.name } : {}) } } : {}),
      ...(assignment ? { carrier: data.carrier } : { carrier: { ...carrier } }),
      ...(step.kind === 'pod_captured'
        ? { document: { documentType: 'proofOfDelivery', url: data.documentUrl, signedBy: data.signedBy } }
        : {}),
      ...(step.kind === 'exception_raised' ? { exception: { code: data.code, description: data.reason } } : {}),
      ...(step.kind === 'exception_cleared' ? { exception: { code: data.code, description: data.resolution } } : {}),
      ...(step.kind === 'cancelled' && data.reason ? { cancellationReason: data.reason } : {}),
    },
  });
}

// NMFTA In-Transit Visibility: an EventBatch of one event per webhook.

function nmfta(context: EncodingContext): string | { skipped: string } {
  const { loadId, plan, step, sequence, carrier, sentAt } = context;
  const data = step.data;
  const type = nmftaType(step, plan);
  if (typeof type !== 'string') {
    return type;
  }
  const stop = stopOf(plan, data);
  const origin = plan.stops[0];
  const destination = plan.stops[plan.stops.length - 1];
  const location = step.kind === 'departed_origin' ? origin : stop;
  const attributes: Record<string, unknown> = {
    ...(stop ? { stopSequence: stop.sequence } : {}),
    ...(step.kind === 'pod_captured' ? { signedBy: data.signedBy } : {}),
  };

  const event = {
    eventId: `nm-${loadId}-${sequence}`,
    type,
    ...(step.kind === 'exception_raised' && type === 'DELAY' ? { status: data.code } : {}),
    occurredAt: step.occurredAt,
    reportedAt: sentAt,
    sequence,
    ...(location ? { location: nmftaLocation(plan, location) } : {}),
    ...(nmftaNote(step) ? { notes: nmftaNote(step) } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(step.kind === 'pod_captured' && data.documentUrl
      ? { documents: [{ type: 'POD', url: data.documentUrl }] }
      : {}),
    shipment: {
      shipmentId: plan.shipmentId,
      mode: 'FTL',
      scac: carrier.scac,
      origin: nmftaLocation(plan, origin),
      destination: nmftaLocation(plan, destination),
    },
  };

  return JSON.stringify({ deliveryId: `dlv-${loadId}-${sequence}`, sentAt, events: [event] });
}

/** What each kind becomes in the format: a status, a status chosen by the step, or why the format cannot carry it. */
type StatusRule =
  string | ((step: LifecycleStep, plan: LoadPlan) => string | { skipped: string }) | { skipped: string };

function applyRule(rule: StatusRule, step: LifecycleStep, plan: LoadPlan): string | { skipped: string } {
  return typeof rule === 'function' ? rule(step, plan) : rule;
}

const NO_NMFTA_EVENT = (kind: string): { skipped: string } => ({
  skipped: `NMFTA In-Transit Visibility has no event type for ${kind}`,
});

const NMFTA_TYPES: Record<LifecycleStep['kind'], StatusRule> = {
  assigned: NO_NMFTA_EVENT('assigned'),
  reassigned: NO_NMFTA_EVENT('reassigned'),
  departed_origin: 'PICKED_UP',
  arrived_stop: 'ARRIVED_AT_TERMINAL',
  departed_stop: 'DEPARTED_TERMINAL',
  delivered: 'DELIVERED',
  pod_captured: 'PROOF_OF_DELIVERY',
  exception_raised: (step) => (step.data.code === 'CUSTOMS_HOLD' ? 'CUSTOMS_HOLD' : 'DELAY'),
  exception_cleared: (step) =>
    step.data.code === 'CUSTOMS_HOLD'
      ? 'CUSTOMS_CLEARED'
      : { skipped: 'NMFTA In-Transit Visibility clears only customs holds (CUSTOMS_CLEARED)' },
  cancelled: 'CANCELLED',
  accessorial_submitted: NO_NMFTA_EVENT('accessorial_submitted'),
  accessorial_approved: NO_NMFTA_EVENT('accessorial_approved'),
  accessorial_rejected: NO_NMFTA_EVENT('accessorial_rejected'),
};

function nmftaType(step: LifecycleStep, plan: LoadPlan): string | { skipped: string } {
  return applyRule(NMFTA_TYPES[step.kind], step, plan);
}

function nmftaNote(step: LifecycleStep): string | undefined {
  const note =
    step.kind === 'exception_raised' ? step.data.reason : step.kind === 'cancelled' ? step.data.reason : undefined;

  return typeof note === 'string' ? note : undefined;
}

function nmftaLocation(plan: LoadPlan, stop: LoadStop): Record<string, unknown> {
  return {
    locationId: `${plan.shipmentId}-S${stop.sequence}`,
    ...(stop.name ? { name: stop.name } : {}),
    type: 'FACILITY',
    ...(stop.city ? { city: stop.city } : {}),
    ...(stop.state ? { state: stop.state } : {}),
    ...(stop.postalCode ? { postalCode: stop.postalCode } : {}),
    country: 'USA',
  };
}

// X12 214: one interchange with one transaction set and one LX loop per message; times in UTC (UT).

/** AT7 shipment status codes that raise an exception, as the 214 mapping reads them. */
const X12_EXCEPTION_STATUSES = new Set(['SD', 'AH', 'A3', 'A7', 'A9']);

function x12(context: EncodingContext): string | { skipped: string } {
  const { plan, step, carrier, controlNumber, sentAt } = context;
  const status = at7Status(plan, step);
  if (typeof status !== 'string') {
    return status;
  }
  const stop = stopOf(plan, step.data);
  const location = step.kind === 'departed_origin' ? plan.stops[0] : (stop ?? plan.stops[plan.stops.length - 1]);
  const occurred = new Date(step.occurredAt);
  const sent = new Date(sentAt);
  const control = String(controlNumber).padStart(9, '0');
  const group = String(controlNumber);
  const transaction = [
    'ST*214*0001',
    `B10*PRO${plan.shipmentId.replace(/[^A-Za-z0-9]/g, '').slice(-10)}*${plan.shipmentId}*${carrier.scac}`,
    'LX*1',
    `AT7*${status}*NS***${x12Date(occurred)}*${x12Time(occurred)}*UT`,
    ...(location.city && location.state ? [`MS1*${location.city.toUpperCase()}*${location.state}*US`] : []),
    `MS2*${carrier.scac}*TRK${String(controlNumber).slice(-4)}`,
    ...(stop ? [`L11*${stop.sequence}*QN`] : []),
  ];
  const segments = [
    `ISA*00*${' '.repeat(10)}*00*${' '.repeat(10)}*02*${carrier.scac.padEnd(15)}*ZZ*${'LANEGATE'.padEnd(15)}*` +
      `${x12Date(sent).slice(2)}*${x12Time(sent)}*U*00401*${control}*0*P*>`,
    `GS*QM*${carrier.scac}*LANEGATE*${x12Date(sent)}*${x12Time(sent)}*${group}*X*004010`,
    ...transaction,
    `SE*${transaction.length + 1}*0001`,
    `GE*1*${group}`,
    `IEA*1*${control}`,
  ];

  return `${segments.join('~\n')}~\n`;
}

const NO_AT7_STATUS = (kind: string): { skipped: string } => ({
  skipped: `an X12 214 has no shipment status for ${kind}`,
});

const AT7_STATUSES: Record<LifecycleStep['kind'], StatusRule> = {
  assigned: NO_AT7_STATUS('assigned'),
  reassigned: NO_AT7_STATUS('reassigned'),
  departed_origin: 'AF',
  arrived_stop: (step, plan) => (stopOf(plan, step.data)?.type === 'pickup' ? 'X3' : 'X1'),
  departed_stop: 'CD',
  delivered: 'D1',
  pod_captured: NO_AT7_STATUS('pod_captured'),
  exception_raised: (step) => (X12_EXCEPTION_STATUSES.has(String(step.data.code)) ? String(step.data.code) : 'SD'),
  exception_cleared: NO_AT7_STATUS('exception_cleared'),
  cancelled: 'CA',
  accessorial_submitted: NO_AT7_STATUS('accessorial_submitted'),
  accessorial_approved: NO_AT7_STATUS('accessorial_approved'),
  accessorial_rejected: NO_AT7_STATUS('accessorial_rejected'),
};

function at7Status(plan: LoadPlan, step: LifecycleStep): string | { skipped: string } {
  return applyRule(AT7_STATUSES[step.kind], step, plan);
}

function stopOf(plan: LoadPlan, data: Record<string, unknown>): LoadStop | undefined {
  return typeof data.stopSequence === 'number'
    ? plan.stops.find((stop) => stop.sequence === data.stopSequence)
    : undefined;
}

function x12Date(at: Date): string {
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

function x12Time(at: Date): string {
  return at.toISOString().slice(11, 16).replace(':', '');
}
