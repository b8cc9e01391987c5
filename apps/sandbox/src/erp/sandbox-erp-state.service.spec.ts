import { describe, expect, it } from 'vitest';

import { taxOnCents } from './erp-customers.service.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

const T0 = Date.parse('2026-12-08T09:00:00.000Z');
const NO_ERROR = 0.99;

describe(SandboxErpState.name, () => {
  it('admits quotaPerSecond calls in any sliding second and refuses the next with a Retry-After of 1', () => {
    const state = new SandboxErpState();
    state.updateFaults({ quotaPerSecond: 3 });

    const outcomes = [0, 100, 200, 300].map((offset) => state.admit(T0 + offset, NO_ERROR));

    expect(outcomes.map((admission) => admission.outcome)).toEqual([
      'admitted',
      'admitted',
      'admitted',
      'quota_exceeded',
    ]);
    expect(outcomes[3]).toMatchObject({ retryAfterSeconds: 1, quotaPerSecond: 3 });
  });

  it('does not count refused calls, so the window frees up one second after the oldest admitted call', () => {
    const state = new SandboxErpState();
    state.updateFaults({ quotaPerSecond: 1 });
    state.admit(T0, NO_ERROR);
    for (let offset = 100; offset < 1_000; offset += 100) {
      expect(state.admit(T0 + offset, NO_ERROR).outcome).toBe('quota_exceeded');
    }

    expect(state.admit(T0 + 1_000, NO_ERROR).outcome).toBe('admitted');
  });

  it('answers maintenance before the quota, with the seconds left rounded up', () => {
    const state = new SandboxErpState();
    state.updateFaults({
      quotaPerSecond: 1,
      maintenance: { startsAt: '2026-12-08T09:00:00.000Z', endsAt: '2026-12-08T09:00:02.500Z' },
    });

    expect(state.admit(T0 + 100, NO_ERROR)).toMatchObject({ outcome: 'maintenance', retryAfterSeconds: 3 });
    expect(state.admit(T0 + 2_400, NO_ERROR)).toMatchObject({ outcome: 'maintenance', retryAfterSeconds: 1 });
    expect(state.admit(T0 + 2_500, NO_ERROR).outcome).toBe('admitted');
  });

  it('fails admitted calls whose draw falls under the error rate', () => {
    const state = new SandboxErpState();
    state.updateFaults({ errorRate: 0.25 });

    expect(state.admit(T0, 0.2).outcome).toBe('failed');
    expect(state.admit(T0, 0.25).outcome).toBe('admitted');
  });

  it('numbers documents per type and restarts the numbering on reset', () => {
    const state = new SandboxErpState();

    expect([state.nextDocumentNumber('invoice'), state.nextDocumentNumber('invoice')]).toEqual([
      'INV-000001',
      'INV-000002',
    ]);
    expect(state.nextDocumentNumber('credit_memo')).toBe('CM-000001');
    state.reset();
    expect(state.nextDocumentNumber('invoice')).toBe('INV-000001');
  });

  it('keeps faults it was not given and restores the defaults on request', () => {
    const state = new SandboxErpState();
    state.updateFaults({ latencyMs: 250 });

    expect(state.updateFaults({ errorRate: 0.5 })).toMatchObject({
      latencyMs: 250,
      errorRate: 0.5,
      quotaPerSecond: 20,
    });
    expect(state.resetFaults()).toEqual({
      quotaPerSecond: 20,
      latencyMs: 0,
      errorRate: 0,
      maintenance: null,
      tokenTtlSeconds: 900,
      postingRejection: null,
    });
  });
});

describe(taxOnCents.name, () => {
  it('rounds half a cent up, and half a cent of a credit away from zero', () => {
    expect(taxOnCents(150, 700)).toBe(11);
    expect(taxOnCents(10_000, 625)).toBe(625);
    expect(taxOnCents(-150, 700)).toBe(-11);
    expect(taxOnCents(1, 625)).toBe(0);
  });
});
