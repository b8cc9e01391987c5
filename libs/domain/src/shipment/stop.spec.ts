import { describe, expect, it } from 'vitest';

import { type Stop, findStop, firstPickup, sortStops } from './stop.js';

function stop(sequence: number, type: Stop['type']): Stop {
  return {
    sequence,
    type,
    location: { name: `Stop ${sequence}`, city: 'Columbus', region: 'OH', postalCode: '43215', countryCode: 'US' },
    appointment: null,
    arrivedAt: null,
    departedAt: null,
  };
}

describe('stop', () => {
  const route = [stop(3, 'delivery'), stop(2, 'pickup'), stop(1, 'pickup')];

  it('sorts stops into route order without touching the input', () => {
    expect(sortStops(route).map((s) => s.sequence)).toEqual([1, 2, 3]);
    expect(route.map((s) => s.sequence)).toEqual([3, 2, 1]);
  });

  it('finds a stop by sequence and returns undefined for a stop not on the route', () => {
    expect(findStop(route, 2)?.type).toBe('pickup');
    expect(findStop(route, 4)).toBeUndefined();
  });

  it('takes the first pickup in route order, not in array order', () => {
    expect(firstPickup(route)?.sequence).toBe(1);
    expect(firstPickup([stop(1, 'delivery')])).toBeUndefined();
  });
});
