import { describe, expect, it } from 'vitest';
import { ema, sma } from './indicators';

describe('sma', () => {
  it('averages the last n values once n are there', () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toEqual([undefined, undefined, 2, 3, 4]);
  });
  it('has nothing for a series shorter than the window', () => {
    expect(sma([1, 2], 3)).toEqual([undefined, undefined]);
  });
});

describe('ema', () => {
  it('is seeded with the sma of the first n values, then smooths by 2/(n+1)', () => {
    const out = ema([1, 2, 3, 4, 5], 3);
    expect(out.slice(0, 2)).toEqual([undefined, undefined]);
    expect(out[2]).toBe(2);
    expect(out[3]).toBeCloseTo(3); // 2 + 0.5 × (4 − 2)
    expect(out[4]).toBeCloseTo(4); // 3 + 0.5 × (5 − 3)
  });
  it('matches the hub: window 2 over 10, 11, 13 → 12.166…', () => {
    // Indicators.ema in tickhub-core: seed (10+11)/2 = 10.5, then 10.5 + 2/3 × (13 − 10.5).
    expect(ema([10, 11, 13], 2)[2]).toBeCloseTo(12.1667, 4);
  });
});
