import { describe, expect, it } from 'vitest';
import { ago, percent, price, signed } from './format';
import { sparkPoints } from './sparkline';
import { errorMessages } from './api';

describe('formats', () => {
  it('shows prices to the cent, small ones to four places, unknown as a dash', () => {
    expect(price(1234.5)).toBe('1,234.50');
    expect(price(0.12345)).toBe('0.1235');
    expect(price(null)).toBe('–');
  });
  it('signs changes with a real minus', () => {
    expect(signed(1.234)).toBe('+1.23');
    expect(signed(-0.5)).toBe('−0.50');
    expect(percent(0)).toBe('0.00%');
  });
  it('says how long ago', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(ago('2026-11-21T11:59:30Z', now)).toBe('30s ago');
    expect(ago('2026-11-21T10:00:00Z', now)).toBe('2h ago');
    expect(ago(null, now)).toBe('never');
  });
});

describe('sparkPoints', () => {
  it('scales the lowest price to the bottom and the highest to the top', () => {
    expect(sparkPoints([1, 3, 2], 100, 20)).toBe('0,20 50,0 100,10');
  });
  it('draws a flat series across the middle', () => {
    expect(sparkPoints([5, 5], 10, 20)).toBe('0,10 10,10');
  });
});

describe('errorMessages', () => {
  it("reads the hub's 422 errors with their field", () => {
    expect(errorMessages({
      status: 422,
      detail: 'body.symbols: not a valid symbol: AA PL',
      errors: [{ type: 'value_error', loc: ['body', 'interval'], msg: 'Input should be greater than 0' }],
    })).toEqual(['interval: Input should be greater than 0']);
  });
  it('reads a FastAPI detail list and a plain detail', () => {
    expect(errorMessages({ detail: [{ loc: ['body', 'symbols'], msg: 'Field required' }] })).toEqual(['symbols: Field required']);
    expect(errorMessages({ detail: 'Job poll_1 not found' })).toEqual(['Job poll_1 not found']);
    expect(errorMessages('nonsense')).toEqual([]);
  });
});
