import { describe, expect, it } from 'vitest';

import { overallStatus } from './shipment-projector.service.js';

describe('overallStatus', () => {
  it('follows the dispatch status before delivery', () => {
    expect(overallStatus('created', 'dispatched')).toBe('dispatched');
    expect(overallStatus('in_transit', 'exception_pending')).toBe('exception_pending');
  });

  it('keeps the status billing set while the dispatch events still say delivered', () => {
    expect(overallStatus('billing_hold', 'delivered')).toBe('billing_hold');
    expect(overallStatus('billing_ready', 'delivered')).toBe('billing_ready');
  });

  it('lets an exception after delivery interrupt billing', () => {
    expect(overallStatus('billing_ready', 'exception_pending')).toBe('exception_pending');
  });

  it('returns a cleared exception to the dispatch status, for billing to decide again', () => {
    expect(overallStatus('exception_pending', 'delivered')).toBe('delivered');
  });

  it('never leaves invoice_posted: corrections after posting are credit memos and rebills', () => {
    expect(overallStatus('invoice_posted', 'delivered')).toBe('invoice_posted');
    expect(overallStatus('invoice_posted', 'exception_pending')).toBe('invoice_posted');
  });
});
