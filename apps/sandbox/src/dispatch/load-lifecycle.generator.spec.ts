import { describe, expect, it } from 'vitest';

import { FREE_TIME_MINUTES, generateLifecycle, type LifecycleStep, type LoadPlan } from './load-lifecycle.generator.js';

const PLAN: LoadPlan = {
  shipmentId: 'SHP-7c1e4a90',
  stops: [
    { sequence: 1, type: 'pickup', appointmentAt: '2026-12-07T14:00:00Z', city: 'Chicago', state: 'IL' },
    { sequence: 2, type: 'delivery', appointmentAt: '2026-12-08T02:00:00Z', city: 'Indianapolis', state: 'IN' },
    { sequence: 3, type: 'delivery', appointmentAt: '2026-12-08T09:00:00Z', city: 'Columbus', state: 'OH' },
  ],
  carrier: { scac: 'SWFT', name: 'Swift Transportation' },
  routeMiles: 410,
};

const SEEDS = Array.from({ length: 60 }, (_, index) => index * 7919 + 1);
const minutesBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;
const only = (steps: LifecycleStep[], kind: string): LifecycleStep[] => steps.filter((step) => step.kind === kind);

describe('generateLifecycle', () => {
  it('plays the same lifecycle for the same seed, and another for another seed', () => {
    const first = generateLifecycle(PLAN, { seed: 7781, accessorials: true });

    expect(generateLifecycle(PLAN, { seed: 7781, accessorials: true })).toEqual(first);
    expect(generateLifecycle(PLAN, { seed: 7782, accessorials: true })).not.toEqual(first);
  });

  it('assigns first, arrives and departs at every stop, delivers at the last one and captures the POD later', () => {
    for (const seed of SEEDS) {
      const steps = generateLifecycle(PLAN, { seed, accessorials: false });
      const times = steps.map((step) => Date.parse(step.occurredAt));

      expect(steps[0]).toMatchObject({ kind: 'assigned', data: { carrier: PLAN.carrier, routeMiles: 410 } });
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(steps.every((step) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/.test(step.occurredAt))).toBe(true);
      expect(only(steps, 'arrived_stop').map((step) => step.data.stopSequence)).toEqual([1, 2, 3]);
      expect(only(steps, 'departed_origin')).toHaveLength(1);
      expect(only(steps, 'departed_stop').map((step) => step.data.stopSequence)).toEqual([2, 3]);
      const [delivered] = only(steps, 'delivered');
      const [pod] = only(steps, 'pod_captured');
      expect(minutesBetween(delivered.occurredAt, pod.occurredAt)).toBeGreaterThanOrEqual(20);
      expect(only(steps, 'accessorial_submitted')).toEqual([]);
    }
  });

  it('sometimes keeps a stop past its free time, reassigns with corrected miles, and raises and clears an exception', () => {
    const lifecycles = SEEDS.map((seed) => generateLifecycle(PLAN, { seed, accessorials: true }));
    const dwells = lifecycles.flatMap((steps) =>
      only(steps, 'arrived_stop').map((arrival) => {
        const stop = arrival.data.stopSequence;
        const departure = steps.find(
          (step) =>
            (step.kind === 'departed_stop' && step.data.stopSequence === stop) ||
            (stop === 1 && step.kind === 'departed_origin'),
        );

        return minutesBetween(arrival.occurredAt, departure?.occurredAt ?? arrival.occurredAt);
      }),
    );
    const reassignments = lifecycles.flatMap((steps) => only(steps, 'reassigned'));
    const withException = lifecycles.filter((steps) => only(steps, 'exception_raised').length === 1);

    expect(dwells.some((minutes) => minutes > FREE_TIME_MINUTES)).toBe(true);
    expect(dwells.some((minutes) => minutes <= FREE_TIME_MINUTES)).toBe(true);
    expect(reassignments.length).toBeGreaterThan(5);
    for (const reassignment of reassignments) {
      expect(reassignment.data.routeMiles).not.toBe(PLAN.routeMiles);
      expect((reassignment.data.carrier as { scac: string }).scac).not.toBe(PLAN.carrier.scac);
    }
    expect(withException.length).toBeGreaterThan(5);
    for (const steps of withException) {
      const [raised] = only(steps, 'exception_raised');
      const [cleared] = only(steps, 'exception_cleared');
      expect(cleared.data.code).toBe(raised.data.code);
      expect(Date.parse(cleared.occurredAt)).toBeGreaterThan(Date.parse(raised.occurredAt));
    }
    const lumpers = lifecycles.flatMap((steps) => only(steps, 'accessorial_submitted'));
    expect(lumpers.length).toBeGreaterThan(5);
    expect(lumpers.every((step) => Number.isInteger(step.data.amountCents) && step.data.kind === 'lumper')).toBe(true);
  });
});
