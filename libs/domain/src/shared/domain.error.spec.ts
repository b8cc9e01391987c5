import { describe, expect, it } from 'vitest';

import { DomainError } from './domain.error.js';

class ShipmentNotFoundError extends DomainError {
  constructor(shipmentId: string) {
    super('SHIPMENT_NOT_FOUND', `No shipment ${shipmentId}.`, { details: { shipmentId } });
  }
}

describe(DomainError.name, () => {
  it('carries a machine-readable code, a message and details', () => {
    const error = new DomainError('INVALID_MONEY', 'amount must be whole cents', { details: { amount: 1.5 } });

    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('INVALID_MONEY');
    expect(error.message).toBe('amount must be whole cents');
    expect(error.details).toEqual({ amount: 1.5 });
    expect(error.name).toBe('DomainError');
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('root');

    expect(new DomainError('X', 'wrapped', { cause }).cause).toBe(cause);
  });

  it('names subclasses after themselves so logs show the real error type', () => {
    const error = new ShipmentNotFoundError('shp_1');

    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('ShipmentNotFoundError');
    expect(error.code).toBe('SHIPMENT_NOT_FOUND');
    expect(error.details).toEqual({ shipmentId: 'shp_1' });
  });
});
