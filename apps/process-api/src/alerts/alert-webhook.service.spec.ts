import { describe, expect, it } from 'vitest';

import { refusalPauseMs } from './alert-webhook.service.js';

describe('refusalPauseMs', () => {
  it('waits a minute after the first refusal and doubles the pause with each one after', () => {
    expect([1, 2, 3, 4].map(refusalPauseMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('never waits more than an hour, however often the receiver refused', () => {
    expect(refusalPauseMs(7)).toBe(3_600_000);
    expect(refusalPauseMs(1_000)).toBe(3_600_000);
  });
});
