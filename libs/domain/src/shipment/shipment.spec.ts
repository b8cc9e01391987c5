import { describe, expect, it } from 'vitest';

import { DomainError } from '../shared/domain.error.js';
import { type CreateShipmentInput, createShipment } from './shipment.js';
import type { Stop } from './stop.js';

function stop(sequence: number, type: Stop['type'], overrides: Partial<Stop> = {}): Stop {
  return {
    sequence,
    type,
    location: { name: `Dock ${sequence}`, city: 'Chicago', region: 'IL', postalCode: '60607', countryCode: 'US' },
    appointment: null,
    arrivedAt: null,
    departedAt: null,
    ...overrides,
  };
}

const input: CreateShipmentInput = {
  id: 'shp_1',
  customerId: 'cus_acme',
  currency: 'USD',
  stops: [stop(2, 'delivery'), stop(1, 'pickup')],
  references: { poNumber: 'PO-7781' },
  createdAt: '2024-03-05T14:00:00Z',
};

function problemsOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError && error.code === 'INVALID_SHIPMENT' ? error.details['problems'] : error;
  }

  return undefined;
}

describe(createShipment.name, () => {
  it('creates a shipment at version 1 in created status with its stops in route order', () => {
    const shipment = createShipment(input);

    expect(shipment).toMatchObject({
      id: 'shp_1',
      version: 1,
      status: 'created',
      resumeStatus: null,
      carrier: null,
      routeMiles: null,
      proofOfDelivery: null,
      charges: [],
      references: { poNumber: 'PO-7781' },
      updatedAt: '2024-03-05T14:00:00Z',
    });
    expect(shipment.stops.map((s) => s.sequence)).toEqual([1, 2]);
  });

  it('accepts a multi-stop route with recorded times and an appointment', () => {
    const shipment = createShipment({
      ...input,
      stops: [
        stop(1, 'pickup', {
          appointment: { from: '2024-03-06T09:00:00Z', to: '2024-03-06T10:00:00Z' },
          arrivedAt: '2024-03-06T09:50:00Z',
          departedAt: '2024-03-06T13:00:00Z',
        }),
        stop(2, 'pickup'),
        stop(3, 'delivery'),
      ],
    });

    expect(shipment.stops).toHaveLength(3);
  });

  it('rejects a route that does not end with a delivery', () => {
    expect(problemsOf(() => createShipment({ ...input, stops: [stop(1, 'pickup'), stop(2, 'pickup')] }))).toEqual([
      'the route must start with a pickup and end with a delivery',
    ]);
  });

  it('rejects a route with a single stop', () => {
    expect(problemsOf(() => createShipment({ ...input, stops: [stop(1, 'pickup')] }))).toHaveLength(1);
  });

  it('rejects duplicate and non-positive stop sequences', () => {
    expect(problemsOf(() => createShipment({ ...input, stops: [stop(0, 'pickup'), stop(0, 'delivery')] }))).toEqual([
      'stop sequences must be positive integers',
      'stop sequences must be unique',
    ]);
  });

  it('rejects local times and a departure before the arrival', () => {
    const problems = problemsOf(() =>
      createShipment({
        ...input,
        stops: [
          stop(1, 'pickup', { arrivedAt: '2024-03-06T09:50:00', departedAt: '2024-03-06T13:00:00Z' }),
          stop(2, 'delivery', { arrivedAt: '2024-03-06T18:00:00Z', departedAt: '2024-03-06T17:00:00Z' }),
        ],
      }),
    );

    expect(problems).toEqual([
      "stop 1 arrivedAt must be an ISO 8601 UTC timestamp, got '2024-03-06T09:50:00'",
      'stop 2 departs before it arrives',
    ]);
  });

  it('rejects an appointment that ends before it starts and a departure without an arrival', () => {
    const problems = problemsOf(() =>
      createShipment({
        ...input,
        stops: [
          stop(1, 'pickup', { appointment: { from: '2024-03-06T10:00:00Z', to: '2024-03-06T09:00:00Z' } }),
          stop(2, 'delivery', { departedAt: '2024-03-06T17:00:00Z' }),
        ],
      }),
    );

    expect(problems).toEqual(['stop 1 appointment ends before it starts', 'stop 2 has a departure without an arrival']);
  });

  it('rejects blank ids, a bad currency and a local creation time', () => {
    expect(
      problemsOf(() => createShipment({ ...input, id: ' ', customerId: '', currency: 'usd', createdAt: '2024-03-05' })),
    ).toHaveLength(4);
  });
});
