import { describe, expect, it } from 'vitest';

import {
  ACTIVE_SHIPMENT_STATUSES,
  SHIPMENT_STATUSES,
  TERMINAL_SHIPMENT_STATUSES,
  isActiveShipmentStatus,
  isShipmentStatus,
  isTerminalShipmentStatus,
} from './shipment-status.js';

describe('shipment-status', () => {
  it('lists the nine canonical statuses in their normal order', () => {
    expect(SHIPMENT_STATUSES).toEqual([
      'created',
      'dispatched',
      'in_transit',
      'delivered',
      'billing_hold',
      'billing_ready',
      'invoice_posted',
      'exception_pending',
      'cancelled',
    ]);
  });

  it('splits statuses into active, terminal and the exception status, with no overlap', () => {
    const classified = [...ACTIVE_SHIPMENT_STATUSES, ...TERMINAL_SHIPMENT_STATUSES, 'exception_pending'];

    expect([...classified].sort()).toEqual([...SHIPMENT_STATUSES].sort());
  });

  it('recognises canonical statuses and refuses vendor codes', () => {
    expect(isShipmentStatus('in_transit')).toBe(true);
    expect(isShipmentStatus('X3')).toBe(false);
    expect(isShipmentStatus(undefined)).toBe(false);
  });

  it('treats every status before posting as active, and nothing else', () => {
    expect(isActiveShipmentStatus('billing_ready')).toBe(true);
    expect(isActiveShipmentStatus('exception_pending')).toBe(false);
    expect(isActiveShipmentStatus('cancelled')).toBe(false);
    expect(isActiveShipmentStatus('invoice_posted')).toBe(false);
  });

  it('treats only invoice_posted and cancelled as terminal', () => {
    expect(SHIPMENT_STATUSES.filter(isTerminalShipmentStatus)).toEqual(['invoice_posted', 'cancelled']);
  });
});
