// Hash routes, so the hub serves one page and any link can be reloaded:
// `#/` tickers, `#/s/AAPL?i=1m&sma=20&ema=9` a symbol, `#/providers` providers and jobs.
import { INTERVALS, type Interval } from './api';
import type { ChartSettings } from './views/symbol-view';

export type Route =
  | { page: 'tickers' }
  | { page: 'symbol'; symbol: string; settings: ChartSettings }
  | { page: 'providers' };

// The hub's rule (tickhub-core Symbols): a letter, digit or ^, then up to 31 of these and . _ = : -
const SYMBOL = /^[A-Z0-9^][A-Z0-9._=:^-]{0,31}$/;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'providers') return { page: 'providers' };
  if (parts[0] === 's' && parts[1]) {
    const symbol = decodeURIComponent(parts[1]).toUpperCase();
    if (SYMBOL.test(symbol)) {
      const params = new URLSearchParams(query);
      const interval = params.get('i');
      return {
        page: 'symbol',
        symbol,
        settings: {
          interval: (INTERVALS as readonly string[]).includes(interval ?? '') ? (interval as Interval) : '1m',
          sma: windowOf(params.get('sma'), 20),
          ema: windowOf(params.get('ema'), 9),
        },
      };
    }
  }
  return { page: 'tickers' };
}

export function symbolHash(symbol: string, settings: ChartSettings): string {
  const params = new URLSearchParams({ i: settings.interval, sma: String(settings.sma ?? 'off'), ema: String(settings.ema ?? 'off') });
  return `#/s/${encodeURIComponent(symbol)}?${params}`;
}

/** A window in 2..500, `off` for none, or the default when absent or unreadable. */
function windowOf(value: string | null, fallback: number): number | null {
  if (value === 'off') return null;
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 2 && n <= 500 ? n : fallback;
}
