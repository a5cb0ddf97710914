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
          // No interval named: the page picks one for the symbol's tick rate (symbol-view.ts).
          auto: !(INTERVALS as readonly string[]).includes(interval ?? ''),
          interval: (INTERVALS as readonly string[]).includes(interval ?? '') ? (interval as Interval) : '1m',
          sma: windowOf(params.get('sma'), 20),
          ema: windowOf(params.get('ema'), 9),
          vs: compareOf(params.get('vs'), symbol),
        },
      };
    }
  }
  return { page: 'tickers' };
}

export function symbolHash(symbol: string, settings: ChartSettings): string {
  const params = new URLSearchParams();
  if (!settings.auto) params.set('i', settings.interval);
  params.set('sma', String(settings.sma ?? 'off'));
  params.set('ema', String(settings.ema ?? 'off'));
  if (settings.vs) params.set('vs', settings.vs);
  return `#/s/${encodeURIComponent(symbol)}?${params}`;
}

/** A symbol to compare with: valid, and not the page's own. */
export function compareOf(value: string | null, own: string): string | null {
  const vs = (value ?? '').trim().toUpperCase();
  return vs && vs !== own && SYMBOL.test(vs) ? vs : null;
}

/** A window in 2..500, `off` for none, or the default when absent or unreadable. */
function windowOf(value: string | null, fallback: number): number | null {
  if (value === 'off') return null;
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 2 && n <= 500 ? n : fallback;
}
