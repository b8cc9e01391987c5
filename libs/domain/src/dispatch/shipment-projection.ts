import { type AccessorialKind, SUBMITTED_ACCESSORIAL_KINDS, requiresApproval } from '../billing/charge.js';
import { type Carrier, isScac } from '../parties/carrier.js';
import { type IsoUtcTimestamp, isIsoUtc, parseIsoUtc } from '../shared/iso-time.js';
import { isWholeMiles } from '../shared/miles.js';
import { type CurrencyCode, isCents, isCurrencyCode } from '../shared/money.js';
import type { ProofOfDelivery } from '../shipment/proof-of-delivery.js';
import {
  INITIAL_SHIPMENT_STATUS_STATE,
  type ShipmentStatusState,
  TERMINAL_STATUS_REASONS,
  TRANSITION_REJECTION_CODES,
  type TransitionRejection,
  type TransitionResult,
  transition,
} from '../shipment/shipment-status-machine.js';
import { type ShipmentStatus, isActiveShipmentStatus } from '../shipment/shipment-status.js';
import type { AppointmentWindow, StopType } from '../shipment/stop.js';
import {
  type DispatchEvent,
  type DispatchEventKind,
  type DispatchEventOf,
  compareDispatchEvents,
  isDispatchEventKind,
} from './dispatch-event.js';

/** A stop as planned when the shipment was created, before any truck reached it. */
export interface PlannedStop {
  /** 1-based position on the route; unique within a shipment. */
  readonly sequence: number;
  readonly type: StopType;
  readonly appointment: AppointmentWindow | null;
}

/** What a shipment looked like when it was created, in `created` status, before any dispatch event. */
export interface ProjectionBase {
  readonly shipmentId: string;
  /** Planned whole miles, or `null` when the order had none; the first assignment replaces them. */
  readonly routeMiles: number | null;
  readonly stops: readonly PlannedStop[];
}

/** A planned stop with the times the dispatch events reported, and the events that reported them. */
export interface ProjectedStop extends PlannedStop {
  readonly arrivedAt: IsoUtcTimestamp | null;
  readonly arrivedEventId: string | null;
  readonly departedAt: IsoUtcTimestamp | null;
  readonly departedEventId: string | null;
}

/** One carrier assignment, as an `assigned` or `reassigned` event made it. */
export interface CarrierAssignment {
  readonly carrier: Carrier;
  readonly routeMiles: number;
  readonly eventId: string;
  readonly kind: 'assigned' | 'reassigned';
  readonly occurredAt: IsoUtcTimestamp;
}

/** An exception raised and not yet cleared. */
export interface OpenException {
  /** The vendor's or X12 status code, e.g. `SD`; clearing names the same code. */
  readonly code: string;
  readonly reason: string;
  readonly raisedAt: IsoUtcTimestamp;
  readonly eventId: string;
}

export const ACCESSORIAL_STATES = ['pending_approval', 'approved', 'rejected'] as const;

export type AccessorialState = (typeof ACCESSORIAL_STATES)[number];

/** A submitted accessorial and where its approval stands. */
export interface ProjectedAccessorial {
  readonly accessorialId: string;
  readonly kind: AccessorialKind;
  readonly state: AccessorialState;
  /** Integer cents: the approved amount once approved, the submitted amount otherwise. */
  readonly amountCents: number;
  readonly submittedAmountCents: number;
  readonly currency: CurrencyCode;
  readonly description: string | null;
  readonly receiptUrl: string | null;
  readonly submittedEventId: string;
  /** The approval or rejection; `null` while pending and for kinds approved on submission. */
  readonly decisionEventId: string | null;
  readonly rejectionReason: string | null;
}

export const PROJECTION_OUTCOMES = ['applied', 'rejected', 'duplicate', 'conflicting_duplicate'] as const;

export type ProjectionOutcome = (typeof PROJECTION_OUTCOMES)[number];

/** Why an event was not applied: the status machine's codes, then the projection's own. */
export const PROJECTION_REJECTION_CODES = [
  ...TRANSITION_REJECTION_CODES,
  'WRONG_SHIPMENT',
  'INVALID_EVENT',
  'NOT_ASSIGNED',
  'UNKNOWN_STOP',
  'EXCEPTION_ALREADY_OPEN',
  'EXCEPTION_NOT_OPEN',
  'ACCESSORIAL_ALREADY_SUBMITTED',
  'UNKNOWN_ACCESSORIAL',
  'ACCESSORIAL_ALREADY_DECIDED',
  'ACCESSORIAL_MISMATCH',
] as const;

export type ProjectionRejectionCode = (typeof PROJECTION_REJECTION_CODES)[number];

/** Remarks on an applied event that a timeline should show: it applied, but not quite as sent. */
export const PROJECTION_NOTE_CODES = [
  'ASSIGNED_AGAIN',
  'POST_DELIVERY_CORRECTION',
  'IMPLIED_IN_TRANSIT',
  'RESUME_STATUS_CHANGED',
  'STOP_TIME_REPLACED',
  'STOP_TIME_KEPT',
  'DEPARTED_BEFORE_ARRIVAL',
  'POD_REPLACED',
  'EXCEPTIONS_STILL_OPEN',
  'DECIDED_BEFORE_SUBMISSION',
] as const;

export type ProjectionNoteCode = (typeof PROJECTION_NOTE_CODES)[number];

export interface ProjectionNote {
  readonly code: ProjectionNoteCode;
  readonly message: string;
}

/** What the projection did with one received event. */
export interface ProjectionDecision {
  readonly eventId: string;
  readonly kind: DispatchEventKind;
  readonly outcome: ProjectionOutcome;
  /** Set when `outcome` is `rejected`. */
  readonly code?: ProjectionRejectionCode;
  /** Why it was rejected or ignored, for people. */
  readonly reason?: string;
  /** Remarks on an applied event. */
  readonly notes?: readonly ProjectionNote[];
}

/**
 * A shipment's dispatch state as its events say. `status` and `resumeStatus` follow the status machine; every
 * value that an event set names that event, so charges can cite their sources.
 */
export interface ShipmentProjection extends ShipmentStatusState {
  readonly shipmentId: string;
  readonly carrier: Carrier | null;
  /** Every assignment that applied, oldest first; the last one is the current carrier and route. */
  readonly carrierHistory: readonly CarrierAssignment[];
  readonly routeMiles: number | null;
  /** The assignment that set `routeMiles`; `null` while the planned miles stand. */
  readonly routeMilesEventId: string | null;
  /** In route order. */
  readonly stops: readonly ProjectedStop[];
  readonly proofOfDelivery: ProofOfDelivery | null;
  readonly proofOfDeliveryEventId: string | null;
  /** Oldest first. */
  readonly openExceptions: readonly OpenException[];
  /** By accessorial id. */
  readonly accessorials: Readonly<Record<string, ProjectedAccessorial>>;
  readonly deliveredAt: IsoUtcTimestamp | null;
  readonly deliveredEventId: string | null;
  /** One entry per received event (duplicates included), in the order they were applied. */
  readonly decisions: readonly ProjectionDecision[];
}

/**
 * Folds every dispatch event received for a shipment, in any order and with duplicates, into its dispatch state.
 * The result depends only on the set of distinct events, so a late or repeated event gives the same state as the
 * same events delivered once, in order. It never throws: an event that cannot apply is a `rejected` decision.
 *
 * Replay:
 * - Events are deduplicated by `eventId`. Identical copies are `duplicate`. Copies that differ keep the one that
 *   sorts first (by {@link compareDispatchEvents}, then by content); each other variant is `conflicting_duplicate`.
 * - The kept events are applied in {@link compareDispatchEvents} order. Duplicate decisions follow the decision
 *   of the event they repeat.
 * - An event for another shipment, with a bad time or with data the projection cannot use (a malformed SCAC,
 *   fractional miles or cents) is rejected as `WRONG_SHIPMENT` or `INVALID_EVENT`.
 * - Once cancelled, only accessorial events apply (a TONU is submitted after the cancellation); everything else
 *   is rejected as `TERMINAL_STATUS`.
 *
 * Status: any change the status machine refuses is rejected with its code and message. While an exception is
 * open, `departed_*` and `delivered` move the status the shipment resumes to instead, checked by the machine from
 * that status (note `RESUME_STATUS_CHANGED`).
 * - `assigned`: `created` → `dispatched`, sets carrier and miles. Once dispatched, a further `assigned` acts as a
 *   reassignment (note `ASSIGNED_AGAIN`): vendors resend tenders on a carrier change.
 * - `reassigned`: replaces carrier and miles, no status change. Rejected as `NOT_ASSIGNED` before any assignment.
 *   Accepted after delivery (note `POST_DELIVERY_CORRECTION`): corrected carrier or miles must reach billing, which
 *   re-rates and, if the invoice was posted, issues a credit memo and a rebill.
 * - `departed_origin` and `departed_stop` of the first pickup: `dispatched` → `in_transit`; a shipment already in
 *   transit or delivered stays where it is. `departed_origin` fills the first pickup's departure only when none is
 *   recorded (note `STOP_TIME_KEPT`); an explicit `departed_stop` replaces it.
 * - `arrived_stop`, `departed_stop`: set the stop's time; an unknown stop is `UNKNOWN_STOP`. A later report for the
 *   same stop replaces the earlier (note `STOP_TIME_REPLACED`): with sequences, the later message is the vendor's
 *   correction. A departure before the arrival is kept and noted `DEPARTED_BEFORE_ARRIVAL`; detention refuses it.
 *   Other stops' events never change the status.
 * - `delivered`: → `delivered`, sets `deliveredAt`. From `dispatched` it passes through `in_transit` (note
 *   `IMPLIED_IN_TRANSIT`): the departure was missed, the delivery was not. A second delivery is `ALREADY_IN_STATUS`.
 * - `pod_captured`: sets the proof of delivery, also before the delivery event. A later one replaces it (note
 *   `POD_REPLACED`): vendors resend a better scan. Rejected as `NOT_ASSIGNED` before any assignment.
 * - `exception_raised`: → `exception_pending`, remembering the status to resume. Further exceptions stack; a code
 *   that is already open is `EXCEPTION_ALREADY_OPEN`.
 * - `exception_cleared`: closes its code (`EXCEPTION_NOT_OPEN` if none) and resumes once no exception is open.
 * - `cancelled`: only from `created` or `dispatched`; with an exception open the machine asks for it to be
 *   cleared first.
 *
 * Accessorials:
 * - `accessorial_submitted`: `pending_approval` when its kind requires approval, else `approved` at once. An id
 *   submitted twice is `ACCESSORIAL_ALREADY_SUBMITTED`.
 * - `accessorial_approved` / `accessorial_rejected` decide a pending accessorial; the approval's amount is the
 *   approved amount. Deciding one already decided (including a kind approved on submission) is
 *   `ACCESSORIAL_ALREADY_DECIDED`; a different kind or currency is `ACCESSORIAL_MISMATCH`.
 * - A decision that sorts before its submission (event times skew when there are no sequences) waits for it and
 *   applies right after it (note `DECIDED_BEFORE_SUBMISSION`). If no submission was received it is rejected as
 *   `UNKNOWN_ACCESSORIAL`, after every other decision.
 */
export function projectShipment(base: ProjectionBase, events: readonly DispatchEvent[]): ShipmentProjection {
  const { kept, duplicatesOf } = deduplicate(events);
  const draft = startDraft(base);
  const record = (event: DispatchEvent, verdict: Settled): void => {
    draft.decisions.push(decisionFor(event, verdict), ...(duplicatesOf.get(event.eventId) ?? []));
  };

  for (const event of replayOrder(kept)) {
    const verdict = applyEvent(draft, base.shipmentId, event);
    if (verdict.outcome === 'waiting') {
      continue;
    }

    record(event, verdict);
    if (event.kind === 'accessorial_submitted' && verdict.outcome === 'applied') {
      applyWaitingDecisions(draft, event.data.accessorialId, record);
    }
  }

  for (const waiting of draft.waitingDecisions.values()) {
    for (const event of waiting) {
      const reason = `no submission of accessorial '${event.data.accessorialId}' was received`;
      record(event, reject('UNKNOWN_ACCESSORIAL', reason));
    }
  }

  return finish(base, draft);
}

type AccessorialDecisionEvent = DispatchEventOf<'accessorial_approved'> | DispatchEventOf<'accessorial_rejected'>;

type Verdict =
  | { readonly outcome: 'applied'; readonly notes: readonly ProjectionNote[] }
  | { readonly outcome: 'rejected'; readonly code: ProjectionRejectionCode; readonly reason: string }
  | { readonly outcome: 'waiting' };

/** A verdict on an event that was applied or rejected, not held back. */
type Settled = Exclude<Verdict, { outcome: 'waiting' }>;

type Rejection = Extract<Verdict, { outcome: 'rejected' }>;

interface DraftStop {
  readonly planned: PlannedStop;
  arrivedAt: IsoUtcTimestamp | null;
  arrivedEventId: string | null;
  departedAt: IsoUtcTimestamp | null;
  departedEventId: string | null;
}

// The fold mutates this local draft event by event; nothing outside `projectShipment` ever sees it.
interface Draft {
  statusState: ShipmentStatusState;
  readonly carrierHistory: CarrierAssignment[];
  routeMiles: number | null;
  routeMilesEventId: string | null;
  readonly stops: DraftStop[];
  proofOfDelivery: ProofOfDelivery | null;
  proofOfDeliveryEventId: string | null;
  openExceptions: OpenException[];
  readonly accessorials: Map<string, ProjectedAccessorial>;
  readonly waitingDecisions: Map<string, AccessorialDecisionEvent[]>;
  deliveredAt: IsoUtcTimestamp | null;
  deliveredEventId: string | null;
  readonly decisions: ProjectionDecision[];
}

const IN_TRANSIT_OR_LATER: readonly ShipmentStatus[] = [
  'in_transit',
  'delivered',
  'billing_hold',
  'billing_ready',
  'invoice_posted',
];

const DELIVERED_OR_LATER: readonly ShipmentStatus[] = ['delivered', 'billing_hold', 'billing_ready', 'invoice_posted'];

const ACCESSORIAL_EVENT_KINDS: readonly DispatchEventKind[] = [
  'accessorial_submitted',
  'accessorial_approved',
  'accessorial_rejected',
];

function deduplicate(events: readonly DispatchEvent[]): {
  kept: DispatchEvent[];
  duplicatesOf: Map<string, ProjectionDecision[]>;
} {
  const copiesById = new Map<string, { event: DispatchEvent; text: string }[]>();
  for (const event of events) {
    const copies = copiesById.get(event.eventId) ?? [];
    copies.push({ event, text: canonicalJson(event) });
    copiesById.set(event.eventId, copies);
  }

  const kept: DispatchEvent[] = [];
  const duplicatesOf = new Map<string, ProjectionDecision[]>();
  for (const [eventId, copies] of copiesById) {
    // Content breaks ties between differing copies, so the choice never depends on arrival order.
    const [first, ...others] = copies.sort(
      (a, b) => compareDispatchEvents(a.event, b.event) || compareText(a.text, b.text),
    );
    const seen = new Set([first.text]);
    kept.push(first.event);
    duplicatesOf.set(
      eventId,
      others.map(({ event, text }) => {
        const conflicting = !seen.has(text);
        seen.add(text);

        return conflicting
          ? {
              eventId,
              kind: event.kind,
              outcome: 'conflicting_duplicate',
              reason: 'another event with this id and different content sorts first and was applied instead',
            }
          : { eventId, kind: event.kind, outcome: 'duplicate', reason: 'this event was already received' };
      }),
    );
  }

  return { kept, duplicatesOf };
}

// Sorting by id first gives every set of events one starting order, so that even a comparison that is not a
// total order (sequences on some events only) sorts the same set the same way.
function replayOrder(events: readonly DispatchEvent[]): DispatchEvent[] {
  return [...events].sort((a, b) => compareText(a.eventId, b.eventId)).sort(compareDispatchEvents);
}

function startDraft(base: ProjectionBase): Draft {
  return {
    statusState: INITIAL_SHIPMENT_STATUS_STATE,
    carrierHistory: [],
    routeMiles: base.routeMiles,
    routeMilesEventId: null,
    stops: [...base.stops]
      .sort((a, b) => a.sequence - b.sequence)
      .map((planned) => ({ planned, arrivedAt: null, arrivedEventId: null, departedAt: null, departedEventId: null })),
    proofOfDelivery: null,
    proofOfDeliveryEventId: null,
    openExceptions: [],
    accessorials: new Map(),
    waitingDecisions: new Map(),
    deliveredAt: null,
    deliveredEventId: null,
    decisions: [],
  };
}

function applyEvent(draft: Draft, shipmentId: string, event: DispatchEvent): Verdict {
  const invalid = describeInvalidEvent(event, shipmentId);
  if (invalid !== null) {
    return invalid;
  }
  if (draft.statusState.status === 'cancelled' && !ACCESSORIAL_EVENT_KINDS.includes(event.kind)) {
    return reject('TERMINAL_STATUS', `the shipment is cancelled: ${TERMINAL_STATUS_REASONS.cancelled}`);
  }

  switch (event.kind) {
    case 'assigned':
    case 'reassigned':
      return applyAssignment(draft, event);
    case 'departed_origin':
      return applyDepartedOrigin(draft, event);
    case 'arrived_stop':
    case 'departed_stop':
      return applyStopEvent(draft, event);
    case 'delivered':
      return applyDelivered(draft, event);
    case 'pod_captured':
      return applyProofOfDelivery(draft, event);
    case 'exception_raised':
      return applyExceptionRaised(draft, event);
    case 'exception_cleared':
      return applyExceptionCleared(draft, event);
    case 'cancelled':
      return applyCancelled(draft);
    case 'accessorial_submitted':
      return applyAccessorialSubmitted(draft, event);
    case 'accessorial_approved':
    case 'accessorial_rejected':
      return applyAccessorialDecision(draft, event);
  }
}

function applyAssignment(draft: Draft, event: DispatchEventOf<'assigned'> | DispatchEventOf<'reassigned'>): Verdict {
  const current = currentStatus(draft.statusState);
  const notes: ProjectionNote[] = [];
  if (current === 'created') {
    if (event.kind === 'reassigned') {
      return reject('NOT_ASSIGNED', 'a reassignment needs an earlier assignment; the shipment is still created');
    }

    const refused = changeStatus(draft, 'dispatched', notes);
    if (refused !== null) {
      return refused;
    }
  } else {
    const previous = draft.carrierHistory.at(-1);
    if (event.kind === 'assigned') {
      notes.push({
        code: 'ASSIGNED_AGAIN',
        message: `already assigned to ${previous?.carrier.scac ?? 'a carrier'}; applied as a reassignment`,
      });
    }
    if (DELIVERED_OR_LATER.includes(current)) {
      notes.push({
        code: 'POST_DELIVERY_CORRECTION',
        message: 'changes carrier or miles after delivery; billing re-rates the shipment',
      });
    }
  }

  const { carrier, routeMiles } = event.data;
  draft.carrierHistory.push({
    carrier: { scac: carrier.scac, name: carrier.name },
    routeMiles,
    eventId: event.eventId,
    kind: event.kind,
    occurredAt: event.occurredAt,
  });
  draft.routeMiles = routeMiles;
  draft.routeMilesEventId = event.eventId;

  return applied(notes);
}

function applyDepartedOrigin(draft: Draft, event: DispatchEventOf<'departed_origin'>): Verdict {
  const notes: ProjectionNote[] = [];
  const refused = advanceToInTransit(draft, notes);
  if (refused !== null) {
    return refused;
  }

  const origin = firstPickup(draft.stops);
  if (origin === undefined) {
    return applied(notes);
  }
  if (origin.departedAt !== null) {
    notes.push({
      code: 'STOP_TIME_KEPT',
      message: `stop ${origin.planned.sequence} departure ${origin.departedAt} was already recorded and is kept`,
    });

    return applied(notes);
  }

  return applied([...notes, ...recordStopTime(origin, 'departed', event)]);
}

function applyStopEvent(
  draft: Draft,
  event: DispatchEventOf<'arrived_stop'> | DispatchEventOf<'departed_stop'>,
): Verdict {
  const { stopSequence } = event.data;
  const stop = draft.stops.find((candidate) => candidate.planned.sequence === stopSequence);
  if (stop === undefined) {
    const known = draft.stops.map((candidate) => candidate.planned.sequence).join(', ');

    return reject('UNKNOWN_STOP', `the route has no stop ${stopSequence} (stops: ${known || 'none'})`);
  }

  const notes: ProjectionNote[] = [];
  if (event.kind === 'departed_stop' && stop === firstPickup(draft.stops)) {
    const refused = advanceToInTransit(draft, notes);
    if (refused !== null) {
      return refused;
    }
  }

  return applied([...notes, ...recordStopTime(stop, event.kind === 'arrived_stop' ? 'arrived' : 'departed', event)]);
}

function applyDelivered(draft: Draft, event: DispatchEventOf<'delivered'>): Verdict {
  const notes: ProjectionNote[] = [];
  if (currentStatus(draft.statusState) === 'dispatched') {
    // Checked before anything changes, so that a refused delivery leaves the status as it was.
    const refused = refusal(moveTo(draft.statusState, 'in_transit'));
    if (refused !== null) {
      return refused;
    }

    changeStatus(draft, 'in_transit', notes);
    notes.push({ code: 'IMPLIED_IN_TRANSIT', message: 'no departure was received; passed through in_transit' });
  }

  const before = draft.statusState;
  const refused = changeStatus(draft, 'delivered', notes);
  if (refused !== null) {
    draft.statusState = before;

    return refused;
  }

  draft.deliveredAt = event.occurredAt;
  draft.deliveredEventId = event.eventId;

  return applied(dropRepeatedNotes(notes));
}

function applyProofOfDelivery(draft: Draft, event: DispatchEventOf<'pod_captured'>): Verdict {
  if (currentStatus(draft.statusState) === 'created') {
    return reject('NOT_ASSIGNED', 'a proof of delivery needs an assigned shipment; the shipment is still created');
  }

  const notes: ProjectionNote[] = [];
  if (draft.proofOfDelivery !== null) {
    notes.push({
      code: 'POD_REPLACED',
      message: `replaces the proof of delivery captured at ${draft.proofOfDelivery.capturedAt}`,
    });
  }

  const { capturedAt, signedBy, documentUrl } = event.data;
  draft.proofOfDelivery = documentUrl === undefined ? { capturedAt, signedBy } : { capturedAt, signedBy, documentUrl };
  draft.proofOfDeliveryEventId = event.eventId;

  return applied(notes);
}

function applyExceptionRaised(draft: Draft, event: DispatchEventOf<'exception_raised'>): Verdict {
  const { code, reason } = event.data;
  if (draft.openExceptions.some((open) => open.code === code)) {
    return reject('EXCEPTION_ALREADY_OPEN', `exception '${code}' is already open`);
  }
  if (draft.statusState.status !== 'exception_pending') {
    const result = transition(draft.statusState, 'exception_pending');
    if (!result.ok) {
      return rejectTransition(result.reason);
    }

    draft.statusState = result.state;
  }

  draft.openExceptions.push({ code, reason, raisedAt: event.occurredAt, eventId: event.eventId });

  return applied([]);
}

function applyExceptionCleared(draft: Draft, event: DispatchEventOf<'exception_cleared'>): Verdict {
  const { code } = event.data;
  if (!draft.openExceptions.some((open) => open.code === code)) {
    return reject('EXCEPTION_NOT_OPEN', `no open exception has code '${code}'`);
  }

  const remaining = draft.openExceptions.filter((open) => open.code !== code);
  if (remaining.length > 0) {
    draft.openExceptions = remaining;
    const codes = remaining.map((open) => open.code).join(', ');

    return applied([{ code: 'EXCEPTIONS_STILL_OPEN', message: `still open: ${codes}` }]);
  }

  const { resumeStatus } = draft.statusState;
  const result = transition(draft.statusState, resumeStatus ?? draft.statusState.status);
  if (!result.ok) {
    return rejectTransition(result.reason);
  }

  draft.openExceptions = remaining;
  draft.statusState = result.state;

  return applied([]);
}

function applyCancelled(draft: Draft): Verdict {
  const result = transition(draft.statusState, 'cancelled');
  if (!result.ok) {
    return rejectTransition(result.reason);
  }

  draft.statusState = result.state;

  return applied([]);
}

function applyAccessorialSubmitted(draft: Draft, event: DispatchEventOf<'accessorial_submitted'>): Verdict {
  const { accessorialId, kind, amountCents, currency, description, receiptUrl } = event.data;
  const existing = draft.accessorials.get(accessorialId);
  if (existing !== undefined) {
    return reject(
      'ACCESSORIAL_ALREADY_SUBMITTED',
      `accessorial '${accessorialId}' was already submitted by event ${existing.submittedEventId}`,
    );
  }

  draft.accessorials.set(accessorialId, {
    accessorialId,
    kind,
    state: requiresApproval(kind) ? 'pending_approval' : 'approved',
    amountCents,
    submittedAmountCents: amountCents,
    currency,
    description: description ?? null,
    receiptUrl: receiptUrl ?? null,
    submittedEventId: event.eventId,
    decisionEventId: null,
    rejectionReason: null,
  });

  return applied([]);
}

function applyAccessorialDecision(draft: Draft, event: AccessorialDecisionEvent): Verdict {
  const { accessorialId } = event.data;
  const accessorial = draft.accessorials.get(accessorialId);
  if (accessorial === undefined) {
    draft.waitingDecisions.set(accessorialId, [...(draft.waitingDecisions.get(accessorialId) ?? []), event]);

    return { outcome: 'waiting' };
  }

  return decideAccessorial(draft, accessorial, event);
}

function decideAccessorial(draft: Draft, accessorial: ProjectedAccessorial, event: AccessorialDecisionEvent): Settled {
  const { accessorialId, kind, currency } = event.data;
  if (accessorial.state !== 'pending_approval') {
    const how =
      accessorial.decisionEventId === null
        ? `approved on submission: ${accessorial.kind} needs no approval`
        : `already ${accessorial.state} by event ${accessorial.decisionEventId}`;

    return reject('ACCESSORIAL_ALREADY_DECIDED', `accessorial '${accessorialId}' was ${how}`);
  }
  if (kind !== accessorial.kind || currency !== accessorial.currency) {
    return reject(
      'ACCESSORIAL_MISMATCH',
      `accessorial '${accessorialId}' was submitted as ${accessorial.kind} in ${accessorial.currency}, ` +
        `not ${kind} in ${currency}`,
    );
  }

  draft.accessorials.set(
    accessorialId,
    event.kind === 'accessorial_approved'
      ? { ...accessorial, state: 'approved', amountCents: event.data.amountCents, decisionEventId: event.eventId }
      : { ...accessorial, state: 'rejected', decisionEventId: event.eventId, rejectionReason: event.data.reason },
  );

  return applied([]);
}

function applyWaitingDecisions(
  draft: Draft,
  accessorialId: string,
  record: (event: DispatchEvent, verdict: Settled) => void,
): void {
  const waiting = draft.waitingDecisions.get(accessorialId) ?? [];
  draft.waitingDecisions.delete(accessorialId);
  for (const event of waiting) {
    // Each decision sees the state the one before it left; the submission has just been stored.
    const accessorial = draft.accessorials.get(accessorialId);
    const verdict: Settled =
      accessorial === undefined
        ? reject('UNKNOWN_ACCESSORIAL', `no submission of accessorial '${accessorialId}' was received`)
        : decideAccessorial(draft, accessorial, event);
    const note: ProjectionNote = {
      code: 'DECIDED_BEFORE_SUBMISSION',
      message: 'sorted before its submission and was applied right after it',
    };
    record(event, verdict.outcome === 'applied' ? applied([note, ...verdict.notes]) : verdict);
  }
}

/** The status a shipment is in, or returns to once its open exceptions are cleared. */
function currentStatus(state: ShipmentStatusState): ShipmentStatus {
  return state.status === 'exception_pending' && state.resumeStatus !== null ? state.resumeStatus : state.status;
}

/** {@link transition}, except that with an exception open it moves the status to resume to instead. */
function moveTo(state: ShipmentStatusState, to: ShipmentStatus): TransitionResult {
  const { status, resumeStatus } = state;
  if (status !== 'exception_pending' || resumeStatus === null || !isActiveShipmentStatus(to)) {
    return transition(state, to);
  }

  const result = transition({ status: resumeStatus, resumeStatus: null }, to);

  return result.ok ? { ok: true, state: { status, resumeStatus: to } } : result;
}

function changeStatus(draft: Draft, to: ShipmentStatus, notes: ProjectionNote[]): Rejection | null {
  const result = moveTo(draft.statusState, to);
  if (!result.ok) {
    return rejectTransition(result.reason);
  }

  draft.statusState = result.state;
  if (result.state.status === 'exception_pending') {
    notes.push({
      code: 'RESUME_STATUS_CHANGED',
      message: `an exception is open; the shipment resumes to '${to}' once it is cleared`,
    });
  }

  return null;
}

/** A departure puts a dispatched shipment in transit; one already in transit or delivered stays where it is. */
function advanceToInTransit(draft: Draft, notes: ProjectionNote[]): Rejection | null {
  if (IN_TRANSIT_OR_LATER.includes(currentStatus(draft.statusState))) {
    return null;
  }

  return changeStatus(draft, 'in_transit', notes);
}

function recordStopTime(stop: DraftStop, which: 'arrived' | 'departed', event: DispatchEvent): ProjectionNote[] {
  const notes: ProjectionNote[] = [];
  const previous = which === 'arrived' ? stop.arrivedAt : stop.departedAt;
  if (previous !== null) {
    notes.push({
      code: 'STOP_TIME_REPLACED',
      message: `replaces stop ${stop.planned.sequence} ${which} time ${previous} with ${event.occurredAt}`,
    });
  }
  if (which === 'arrived') {
    stop.arrivedAt = event.occurredAt;
    stop.arrivedEventId = event.eventId;
  } else {
    stop.departedAt = event.occurredAt;
    stop.departedEventId = event.eventId;
  }

  const arrivedMs = stop.arrivedAt === null ? null : parseIsoUtc(stop.arrivedAt);
  const departedMs = stop.departedAt === null ? null : parseIsoUtc(stop.departedAt);
  if (arrivedMs !== null && departedMs !== null && departedMs < arrivedMs) {
    notes.push({
      code: 'DEPARTED_BEFORE_ARRIVAL',
      message: `stop ${stop.planned.sequence} departure ${stop.departedAt} is before its arrival ${stop.arrivedAt}`,
    });
  }

  return notes;
}

function firstPickup(stops: readonly DraftStop[]): DraftStop | undefined {
  return stops.find((stop) => stop.planned.type === 'pickup');
}

function describeInvalidEvent(event: DispatchEvent, shipmentId: string): Rejection | null {
  if (event.shipmentId !== shipmentId) {
    return reject('WRONG_SHIPMENT', `the event is for shipment '${event.shipmentId}', not '${shipmentId}'`);
  }

  const problem = eventProblem(event);

  return problem === null ? null : reject('INVALID_EVENT', problem);
}

// Only what the projection itself relies on; the edge validates events fully before they are stored.
function eventProblem(event: DispatchEvent): string | null {
  if (!isDispatchEventKind(event.kind)) {
    return `'${String(event.kind)}' is not a dispatch event kind`;
  }
  if (!isIsoUtc(event.occurredAt)) {
    return `occurredAt must be an ISO 8601 UTC timestamp, got '${String(event.occurredAt)}'`;
  }
  if (typeof event.data !== 'object' || event.data === null) {
    return 'the event has no data';
  }

  switch (event.kind) {
    case 'assigned':
    case 'reassigned':
      return assignmentProblem(event.data.carrier, event.data.routeMiles);
    case 'arrived_stop':
    case 'departed_stop':
      return Number.isSafeInteger(event.data.stopSequence) ? null : 'stopSequence must be an integer';
    case 'pod_captured':
      return isIsoUtc(event.data.capturedAt) ? null : 'the proof of delivery needs a UTC capturedAt';
    case 'exception_raised':
    case 'exception_cleared':
      return typeof event.data.code === 'string' && event.data.code !== '' ? null : 'the exception needs a code';
    case 'accessorial_submitted':
    case 'accessorial_approved':
    case 'accessorial_rejected':
      return accessorialProblem(event.data.kind, event.data.amountCents, event.data.currency);
    case 'departed_origin':
    case 'delivered':
    case 'cancelled':
      return null;
  }
}

function assignmentProblem(carrier: Carrier | undefined, routeMiles: number): string | null {
  if (!isScac(carrier?.scac)) {
    return `the carrier needs a SCAC of 2-4 uppercase letters, got '${String(carrier?.scac)}'`;
  }

  return isWholeMiles(routeMiles) ? null : `routeMiles must be whole miles, got ${String(routeMiles)}`;
}

function accessorialProblem(kind: AccessorialKind, amountCents: number, currency: CurrencyCode): string | null {
  if (!(SUBMITTED_ACCESSORIAL_KINDS as readonly string[]).includes(kind)) {
    return `'${String(kind)}' is not an accessorial kind`;
  }
  if (!isCents(amountCents) || amountCents < 0) {
    return `amountCents must be non-negative whole cents, got ${String(amountCents)}`;
  }

  return isCurrencyCode(currency) ? null : `currency must be an ISO 4217 code, got '${String(currency)}'`;
}

function finish(base: ProjectionBase, draft: Draft): ShipmentProjection {
  return {
    shipmentId: base.shipmentId,
    status: draft.statusState.status,
    resumeStatus: draft.statusState.resumeStatus,
    carrier: draft.carrierHistory.at(-1)?.carrier ?? null,
    carrierHistory: draft.carrierHistory,
    routeMiles: draft.routeMiles,
    routeMilesEventId: draft.routeMilesEventId,
    stops: draft.stops.map(({ planned, ...times }) => ({ ...planned, ...times })),
    proofOfDelivery: draft.proofOfDelivery,
    proofOfDeliveryEventId: draft.proofOfDeliveryEventId,
    openExceptions: draft.openExceptions,
    accessorials: Object.fromEntries(draft.accessorials),
    deliveredAt: draft.deliveredAt,
    deliveredEventId: draft.deliveredEventId,
    decisions: draft.decisions,
  };
}

function decisionFor(event: DispatchEvent, verdict: Settled): ProjectionDecision {
  const { eventId, kind } = event;
  if (verdict.outcome === 'rejected') {
    return { eventId, kind, outcome: 'rejected', code: verdict.code, reason: verdict.reason };
  }

  return verdict.notes.length === 0
    ? { eventId, kind, outcome: 'applied' }
    : { eventId, kind, outcome: 'applied', notes: verdict.notes };
}

function applied(notes: readonly ProjectionNote[]): Settled {
  return { outcome: 'applied', notes };
}

function reject(code: ProjectionRejectionCode, reason: string): Rejection {
  return { outcome: 'rejected', code, reason };
}

function rejectTransition(reason: TransitionRejection): Rejection {
  return reject(reason.code, reason.message);
}

function refusal(result: TransitionResult): Rejection | null {
  return result.ok ? null : rejectTransition(result.reason);
}

function dropRepeatedNotes(notes: readonly ProjectionNote[]): ProjectionNote[] {
  return notes.filter(
    (note, index) => notes.findIndex((other) => other.code === note.code && other.message === note.message) === index,
  );
}

/** JSON with object keys sorted, so that two copies of an event compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown): unknown =>
    typeof nested === 'object' && nested !== null && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => compareText(a, b)))
      : nested,
  );
}

// Code-unit order, not locale order, so that every replica sorts the same way.
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}
