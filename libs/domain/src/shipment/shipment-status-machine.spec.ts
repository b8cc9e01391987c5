import { describe, expect, it } from 'vitest';

import { DomainError } from '../shared/domain.error.js';
import type { ActiveShipmentStatus, ShipmentStatus } from './shipment-status.js';
import {
  INITIAL_SHIPMENT_STATUS_STATE,
  SHIPMENT_STATUS_TRANSITIONS,
  type ShipmentStatusState,
  type TransitionRejectionCode,
  allowedNextStatuses,
  assertTransition,
  canTransition,
  transition,
} from './shipment-status-machine.js';

// Written out by hand, not read from the implementation, so that any change to the machine fails here first.
const STATUSES: readonly ShipmentStatus[] = [
  'created',
  'dispatched',
  'in_transit',
  'delivered',
  'billing_hold',
  'billing_ready',
  'invoice_posted',
  'exception_pending',
  'cancelled',
];
const ACTIVE: readonly ActiveShipmentStatus[] = [
  'created',
  'dispatched',
  'in_transit',
  'delivered',
  'billing_hold',
  'billing_ready',
];
const TERMINAL: readonly ShipmentStatus[] = ['invoice_posted', 'cancelled'];

type AllowedCase = readonly [
  from: ShipmentStatus,
  fromResume: ActiveShipmentStatus | null,
  to: ShipmentStatus,
  resultingResume: ActiveShipmentStatus | null,
];

const ALLOWED: readonly AllowedCase[] = [
  ['created', null, 'dispatched', null],
  ['created', null, 'cancelled', null],
  ['created', null, 'exception_pending', 'created'],
  ['dispatched', null, 'in_transit', null],
  ['dispatched', null, 'cancelled', null],
  ['dispatched', null, 'exception_pending', 'dispatched'],
  ['in_transit', null, 'delivered', null],
  ['in_transit', null, 'exception_pending', 'in_transit'],
  ['delivered', null, 'billing_hold', null],
  ['delivered', null, 'billing_ready', null],
  ['delivered', null, 'exception_pending', 'delivered'],
  ['billing_hold', null, 'billing_ready', null],
  ['billing_hold', null, 'exception_pending', 'billing_hold'],
  ['billing_ready', null, 'billing_hold', null],
  ['billing_ready', null, 'invoice_posted', null],
  ['billing_ready', null, 'exception_pending', 'billing_ready'],
  ['exception_pending', 'created', 'created', null],
  ['exception_pending', 'dispatched', 'dispatched', null],
  ['exception_pending', 'in_transit', 'in_transit', null],
  ['exception_pending', 'delivered', 'delivered', null],
  ['exception_pending', 'billing_hold', 'billing_hold', null],
  ['exception_pending', 'billing_ready', 'billing_ready', null],
];

function label(state: ShipmentStatusState): string {
  return state.resumeStatus === null ? state.status : `${state.status}(resume ${state.resumeStatus})`;
}

function expectedRejection(state: ShipmentStatusState, to: ShipmentStatus): TransitionRejectionCode {
  if (state.status === to) {
    return 'ALREADY_IN_STATUS';
  }
  if (TERMINAL.includes(state.status)) {
    return 'TERMINAL_STATUS';
  }
  if (state.status === 'exception_pending') {
    return 'EXCEPTION_MUST_RESUME_PREVIOUS';
  }

  return 'NOT_ALLOWED';
}

const FROM_STATES: readonly ShipmentStatusState[] = STATUSES.flatMap((status): ShipmentStatusState[] =>
  status === 'exception_pending'
    ? ACTIVE.map((resumeStatus) => ({ status, resumeStatus }))
    : [{ status, resumeStatus: null }],
);

function allowedCaseFor(state: ShipmentStatusState, to: ShipmentStatus): AllowedCase | undefined {
  return ALLOWED.find(
    ([from, fromResume, target]) => from === state.status && fromResume === state.resumeStatus && target === to,
  );
}

describe('shipment status machine', () => {
  describe(`${transition.name}: every (from, to) pair`, () => {
    for (const state of FROM_STATES) {
      for (const to of STATUSES) {
        const allowedCase = allowedCaseFor(state, to);

        if (allowedCase !== undefined) {
          it(`moves ${label(state)} to ${to}`, () => {
            const result = transition(state, to);

            expect(result).toEqual({ ok: true, state: { status: to, resumeStatus: allowedCase[3] } });
          });
        } else {
          const code = expectedRejection(state, to);

          it(`rejects ${label(state)} to ${to} with ${code}`, () => {
            const result = transition(state, to);

            expect(result.ok).toBe(false);
            if (result.ok) {
              return;
            }
            expect(result.reason.code).toBe(code);
            expect(result.reason.from).toBe(state.status);
            expect(result.reason.to).toBe(to);
            expect(result.reason.message).toContain(`'${state.status}'`);
            expect(result.reason.message).toContain(`'${to}'`);
          });
        }
      }
    }
  });

  describe('SHIPMENT_STATUS_TRANSITIONS', () => {
    it('has a row for every status', () => {
      expect(Object.keys(SHIPMENT_STATUS_TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    });

    it('lists exactly the pairs the hand-written allowed list contains', () => {
      const fromTable = Object.entries(SHIPMENT_STATUS_TRANSITIONS)
        .flatMap(([from, targets]) => targets.map((to) => `${from} -> ${to}`))
        .sort();
      const fromLiteral = [...new Set(ALLOWED.map(([from, , to]) => `${from} -> ${to}`))].sort();

      expect(fromTable).toEqual(fromLiteral);
    });
  });

  describe('exceptions', () => {
    it('returns a shipment to in_transit once the exception raised in transit is cleared', () => {
      const raised = assertTransition({ status: 'in_transit', resumeStatus: null }, 'exception_pending');
      const cleared = assertTransition(raised, 'in_transit');

      expect(raised).toEqual({ status: 'exception_pending', resumeStatus: 'in_transit' });
      expect(cleared).toEqual({ status: 'in_transit', resumeStatus: null });
      expect(assertTransition(cleared, 'delivered')).toEqual({ status: 'delivered', resumeStatus: null });
    });

    it('rejects clearing an exception into a status the shipment was not in, naming the status to resume', () => {
      const result = transition({ status: 'exception_pending', resumeStatus: 'in_transit' }, 'delivered');

      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason.message).toBe(
        "Shipment cannot move from 'exception_pending' to 'delivered': clearing the exception returns the shipment " +
          "to 'in_transit', the status it was in when the exception was raised.",
      );
    });

    it('rejects cancelling a shipment while its exception is open', () => {
      const result = transition({ status: 'exception_pending', resumeStatus: 'dispatched' }, 'cancelled');

      expect(!result.ok && result.reason.code).toBe('EXCEPTION_MUST_RESUME_PREVIOUS');
    });
  });

  describe('terminal statuses', () => {
    it('rejects putting a posted invoice back on billing hold and points to credit memo and rebill', () => {
      const result = transition({ status: 'invoice_posted', resumeStatus: null }, 'billing_hold');

      expect(!result.ok && result.reason.code).toBe('TERMINAL_STATUS');
      expect(!result.ok && result.reason.message).toMatch(/credit memo and a rebill/);
    });

    it('rejects reviving a cancelled shipment', () => {
      const result = transition({ status: 'cancelled', resumeStatus: null }, 'dispatched');

      expect(!result.ok && result.reason.code).toBe('TERMINAL_STATUS');
      expect(!result.ok && result.reason.message).toMatch(/new shipment/);
    });
  });

  describe('malformed states', () => {
    it.each([
      [{ status: 'created', resumeStatus: 'dispatched' }, 'dispatched'],
      [{ status: 'exception_pending', resumeStatus: null }, 'created'],
      [{ status: 'exception_pending', resumeStatus: 'cancelled' }, 'cancelled'],
      [{ status: 'lost', resumeStatus: null }, 'dispatched'],
      [{ status: 'created', resumeStatus: null }, 'picked_up'],
    ])('rejects %j to %s with INVALID_STATE', (state, to) => {
      const result = transition(state as unknown as ShipmentStatusState, to as ShipmentStatus);

      expect(!result.ok && result.reason.code).toBe('INVALID_STATE');
      expect(!result.ok && result.reason.message).toContain(`'${to}'`);
    });
  });

  describe(canTransition.name, () => {
    it('agrees with the hand-written allowed list for every pair', () => {
      const agreed = FROM_STATES.flatMap((state) => STATUSES.map((to) => [state, to] as const)).every(
        ([state, to]) => canTransition(state, to) === (allowedCaseFor(state, to) !== undefined),
      );

      expect(agreed).toBe(true);
    });
  });

  describe(assertTransition.name, () => {
    it('returns the new state of an allowed change', () => {
      expect(assertTransition(INITIAL_SHIPMENT_STATUS_STATE, 'dispatched')).toEqual({
        status: 'dispatched',
        resumeStatus: null,
      });
    });

    it('throws SHIPMENT_TRANSITION_REJECTED with the reason when a delivered shipment is sent back in transit', () => {
      let thrown: unknown;
      try {
        assertTransition({ status: 'delivered', resumeStatus: null }, 'in_transit');
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('SHIPMENT_TRANSITION_REJECTED');
      expect((thrown as DomainError).details).toEqual({ reason: 'NOT_ALLOWED', from: 'delivered', to: 'in_transit' });
      expect((thrown as DomainError).message).toBe(
        "Shipment cannot move from 'delivered' to 'in_transit': from 'delivered' a shipment may go to " +
          "'billing_hold', 'billing_ready', 'exception_pending' only.",
      );
    });
  });

  describe(allowedNextStatuses.name, () => {
    it('offers the forward steps, an exception and cancellation to a new shipment', () => {
      expect(allowedNextStatuses(INITIAL_SHIPMENT_STATUS_STATE)).toEqual([
        'dispatched',
        'exception_pending',
        'cancelled',
      ]);
    });

    it('offers only the interrupted status to a shipment with an open exception', () => {
      expect(allowedNextStatuses({ status: 'exception_pending', resumeStatus: 'billing_hold' })).toEqual([
        'billing_hold',
      ]);
    });

    it('offers nothing after the invoice is posted', () => {
      expect(allowedNextStatuses({ status: 'invoice_posted', resumeStatus: null })).toEqual([]);
    });
  });
});
