import { describe, expect, it } from 'vitest';
import { parseRoute, symbolHash } from './routes';

describe('routes', () => {
  it('reads a symbol page with its chart settings and writes it back', () => {
    const route = parseRoute('#/s/aapl?i=5m&sma=10&ema=off&vs=msft');
    expect(route).toEqual({ page: 'symbol', symbol: 'AAPL', settings: { auto: false, interval: '5m', sma: 10, ema: null, vs: 'MSFT' } });
    if (route.page === 'symbol') expect(parseRoute(symbolHash(route.symbol, route.settings))).toEqual(route);
  });

  it('falls back to defaults for an unknown interval or a bad window', () => {
    expect(parseRoute('#/s/MSFT?i=3m&sma=1&ema=x&vs=MSFT')).toEqual(
      { page: 'symbol', symbol: 'MSFT', settings: { auto: true, interval: '1m', sma: 20, ema: 9, vs: null } });
  });

  it('leaves the interval out of the address while the page picks it', () => {
    const route = parseRoute('#/s/AAPL');
    expect(route).toMatchObject({ settings: { auto: true } });
    if (route.page === 'symbol') expect(symbolHash('AAPL', route.settings)).toBe('#/s/AAPL?sma=20&ema=9');
  });

  it('sends anything else to the tickers', () => {
    expect(parseRoute('')).toEqual({ page: 'tickers' });
    expect(parseRoute('#/s/bad%20symbol!')).toEqual({ page: 'tickers' });
    expect(parseRoute('#/providers')).toEqual({ page: 'providers' });
  });
});
