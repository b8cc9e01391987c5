import { DomainError } from '../shared/domain.error.js';
import {
  type ActiveShipmentStatus,
  type ShipmentStatus,
  type TerminalShipmentStatus,
  isActiveShipmentStatus,
  isShipmentStatus,
  isTerminalShipmentStatus,
} from './shipment-status.js';

/**
 * What the status machine needs to know about a shipment. `resumeStatus` is the status an open exception
 * interrupted: set exactly when `status` is `exception_pending`, `null` otherwise.
 */
export interface ShipmentStatusState {
  readonly status: ShipmentStatus;
  readonly resumeStatus: ActiveShipmentStatus | null;
}

/** The state of a shipment that was just created. */
export const INITIAL_SHIPMENT_STATUS_STATE: ShipmentStatusState = { status: 'created', resumeStatus: null };

/**
 * Every status change the machine allows, as data: docs, AsyncAPI and dashboards read this table.
 *
 * From `exception_pending` the table lists every active status, but a given shipment may only go back to its own
 * `resumeStatus`. Reassignment and rebilling are not status changes and so do not appear here.
 */
export const SHIPMENT_STATUS_TRANSITIONS = {
  created: ['dispatched', 'exception_pending', 'cancelled'],
  dispatched: ['in_transit', 'exception_pending', 'cancelled'],
  in_transit: ['delivered', 'exception_pending'],
  delivered: ['billing_hold', 'billing_ready', 'exception_pending'],
  billing_hold: ['billing_ready', 'exception_pending'],
  billing_ready: ['billing_hold', 'invoice_posted', 'exception_pending'],
  invoice_posted: [],
  exception_pending: ['created', 'dispatched', 'in_transit', 'delivered', 'billing_hold', 'billing_ready'],
  cancelled: [],
} as const satisfies Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>>;

/** Why each terminal status cannot be left; quoted in rejections. */
export const TERMINAL_STATUS_REASONS = {
  invoice_posted:
    'a posted invoice is corrected by a credit memo and a rebill, which do not change the shipment status',
  cancelled: 'a cancelled shipment stays cancelled; a revived load is a new shipment',
} as const satisfies Readonly<Record<TerminalShipmentStatus, string>>;

/** Machine-readable reasons a status change is refused. */
export const TRANSITION_REJECTION_CODES = [
  'ALREADY_IN_STATUS',
  'TERMINAL_STATUS',
  'EXCEPTION_MUST_RESUME_PREVIOUS',
  'NOT_ALLOWED',
  'INVALID_STATE',
] as const;

export type TransitionRejectionCode = (typeof TRANSITION_REJECTION_CODES)[number];

/** A refused status change: a code for machines and a sentence, naming both statuses, for people. */
export interface TransitionRejection {
  readonly code: TransitionRejectionCode;
  readonly from: ShipmentStatus;
  readonly to: ShipmentStatus;
  readonly message: string;
}

export type TransitionResult =
  | { readonly ok: true; readonly state: ShipmentStatusState }
  | { readonly ok: false; readonly reason: TransitionRejection };

/**
 * Decides whether a shipment in `state` may move to `to`, and returns the resulting state or the reason it may not.
 * Raising an exception remembers the interrupted status; clearing it must return to exactly that status.
 */
export function transition(state: ShipmentStatusState, to: ShipmentStatus): TransitionResult {
  const from = state.status;
  const invalid = describeInvalidState(state, to);
  if (invalid !== null) {
    return reject('INVALID_STATE', from, to, invalid);
  }
  if (from === to) {
    return reject('ALREADY_IN_STATUS', from, to, `the shipment is already '${to}'`);
  }
  if (isTerminalShipmentStatus(from)) {
    return reject('TERMINAL_STATUS', from, to, `'${from}' is terminal: ${TERMINAL_STATUS_REASONS[from]}`);
  }
  if (from === 'exception_pending') {
    return resumeAfterException(state, to);
  }

  const allowed: readonly ShipmentStatus[] = SHIPMENT_STATUS_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    return reject('NOT_ALLOWED', from, to, `from '${from}' a shipment may go to ${quoteList(allowed)} only`);
  }

  const resumeStatus = to === 'exception_pending' && isActiveShipmentStatus(from) ? from : null;

  return { ok: true, state: { status: to, resumeStatus } };
}

/** True when {@link transition} would accept the change. */
export function canTransition(state: ShipmentStatusState, to: ShipmentStatus): boolean {
  return transition(state, to).ok;
}

/**
 * {@link transition} for callers that treat a refusal as a bug or a bad request.
 * @throws DomainError `SHIPMENT_TRANSITION_REJECTED`, with the rejection's `code`, `from` and `to` in `details`.
 */
export function assertTransition(state: ShipmentStatusState, to: ShipmentStatus): ShipmentStatusState {
  const result = transition(state, to);
  if (!result.ok) {
    const { code, from, message } = result.reason;
    throw new DomainError('SHIPMENT_TRANSITION_REJECTED', message, { details: { reason: code, from, to } });
  }

  return result.state;
}

/** The statuses this particular shipment may move to next, e.g. for the buttons of an ops screen. */
export function allowedNextStatuses(state: ShipmentStatusState): ShipmentStatus[] {
  return SHIPMENT_STATUS_TRANSITIONS[state.status].filter((to) => canTransition(state, to));
}

function resumeAfterException(state: ShipmentStatusState, to: ShipmentStatus): TransitionResult {
  if (to !== state.resumeStatus) {
    const resume = String(state.resumeStatus);

    return reject(
      'EXCEPTION_MUST_RESUME_PREVIOUS',
      state.status,
      to,
      `clearing the exception returns the shipment to '${resume}', the status it was in when the exception was raised`,
    );
  }

  return { ok: true, state: { status: to, resumeStatus: null } };
}

// States come from storage and requests too, so the type alone does not guarantee them.
function describeInvalidState(state: ShipmentStatusState, to: ShipmentStatus): string | null {
  if (!isShipmentStatus(state.status)) {
    return `'${String(state.status)}' is not a shipment status`;
  }
  if (!isShipmentStatus(to)) {
    return `'${String(to)}' is not a shipment status`;
  }
  if (state.status === 'exception_pending' && !isActiveShipmentStatus(state.resumeStatus)) {
    return `an open exception must remember an active status to resume, got '${String(state.resumeStatus)}'`;
  }
  if (state.status !== 'exception_pending' && state.resumeStatus !== null) {
    return `only an open exception has a status to resume, got '${String(state.resumeStatus)}'`;
  }

  return null;
}

function reject(
  code: TransitionRejectionCode,
  from: ShipmentStatus,
  to: ShipmentStatus,
  why: string,
): TransitionResult {
  return { ok: false, reason: { code, from, to, message: `Shipment cannot move from '${from}' to '${to}': ${why}.` } };
}

function quoteList(statuses: readonly ShipmentStatus[]): string {
  return statuses.map((status) => `'${status}'`).join(', ');
}
