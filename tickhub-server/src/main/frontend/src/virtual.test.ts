import { describe, expect, it } from 'vitest';
import { OVERSCAN, rowWindow } from './virtual';

describe('rowWindow', () => {
  it('keeps only the rows of the viewport and a margin, whatever the table length', () => {
    const w = rowWindow(5_000, 36, 36 * 2_000, 720);
    expect(w.start).toBe(2_000 - OVERSCAN);
    expect(w.end).toBe(2_000 + 20 + OVERSCAN);
    expect(w.end - w.start).toBeLessThan(40);
    expect(w.above + (w.end - w.start) * 36 + w.below).toBe(5_000 * 36);
  });

  it('starts at the top and stops at the last row', () => {
    expect(rowWindow(15, 36, 0, 720)).toEqual({ start: 0, end: 15, above: 0, below: 0 });
    const bottom = rowWindow(100, 36, 100 * 36, 720);
    expect(bottom.end).toBe(100);
    expect(bottom.below).toBe(0);
    expect(rowWindow(0, 36, 0, 720)).toEqual({ start: 0, end: 0, above: 0, below: 0 });
  });
});
