import { describe, expect, it } from 'vitest';

import { isWholeMiles } from './miles.js';

describe(isWholeMiles.name, () => {
  it.each([0, 1, 436, 3_000])('accepts %s miles', (miles) => {
    expect(isWholeMiles(miles)).toBe(true);
  });

  it.each([436.5, -1, Number.NaN, Infinity, '436'])('refuses %j as miles', (miles) => {
    expect(isWholeMiles(miles)).toBe(false);
  });
});
