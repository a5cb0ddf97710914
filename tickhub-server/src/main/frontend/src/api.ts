// The hub's REST API as the dashboard uses it: typed views of the JSON, and errors that carry the
// hub's own messages (FastAPI-style `errors[].msg` or problem+json `detail`) so forms can show them.
// Every call carries the tab's key (auth.ts), and a refusal of it is reported back there.
import { type Refusal, refusalOf } from './auth';

export interface QuoteView {
  symbol: string;
  seq: number;
  ts: number;
  price: number;
  bid: number | null;
  ask: number | null;
  volume: number | null;
  change: number | null;
  changePercent: number | null;
  provider: string;
  providerTime: string;
  hubTime: string;
  stale: boolean;
}

export interface Bar {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  closed: boolean;
}

export interface HistoryPoint {
  seq: number;
  ts: number;
  price: number;
  volume: number | null;
  provider: string;
  providerTime: string;
}

export interface RateLimitView {
  limited: boolean;
  until: string | null;
  permits: number | null;
  period: string | null;
  available: number | null;
}

export interface ProviderView {
  name: string;
  kind: 'polling' | 'streaming' | 'source';
  enabled: boolean;
  state: string;
  lastSuccess: string | null;
  lastError: string | null;
  message: string | null;
  quotes: number;
  rateLimit: RateLimitView;
}

export interface SymbolProgress {
  symbol: string;
  polls: number;
  changes: number;
  lastPrice: number | null;
  lastSuccess: string | null;
  lastError: string | null;
  failures: number;
  nextPoll: string | null;
}

export interface JobView {
  id: string;
  symbols: string[];
  interval: number;
  provider: string;
  createdAt: string;
  state: string;
  reason: string | null;
  progress: SymbolProgress[];
}

export interface JobRequest {
  symbols: string[];
  interval: number;
  provider?: string;
}

/** A request the hub refused, with the messages it gave and its stable `code` if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly code: string | null = null,
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
  }
}

/** Where REST calls get their key and report refusals; the dashboard's Session (auth.ts). */
export interface CallerCredentials {
  token(): string | null;
  refused(refusal: Refusal): void;
}

let credentials: CallerCredentials = { token: () => null, refused: () => {} };

export function useCredentials(c: CallerCredentials): void {
  credentials = c;
}

export const INTERVALS = ['1s', '1m', '5m', '1h', '1d'] as const;
export type Interval = (typeof INTERVALS)[number];

export const INTERVAL_SECONDS: Record<Interval, number> = { '1s': 1, '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 };

/** The hub's messages from an error body: each `errors[].msg` (with its field), else `detail`. */
export function errorMessages(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const b = body as { errors?: unknown; detail?: unknown };
  if (Array.isArray(b.errors) && b.errors.length > 0) {
    return b.errors.map((e) => {
      const err = e as { loc?: unknown[]; msg?: string };
      const field = Array.isArray(err.loc) ? err.loc.filter((p) => p !== 'body').join('.') : '';
      const msg = err.msg ?? String(e);
      return field && !msg.startsWith(field) ? `${field}: ${msg}` : msg;
    });
  }
  if (Array.isArray(b.detail)) return errorMessages({ errors: b.detail });
  if (typeof b.detail === 'string') return [b.detail];
  return [];
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const token = credentials.token();
  const headers: Record<string, string> = { Accept: 'application/json', ...(init?.headers as Record<string, string>) };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const code = body !== null && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string'
      ? (body as { code: string }).code : null;
    if (response.status === 401 || response.status === 403) credentials.refused(refusalOf(response.status, body));
    throw new ApiError(response.status, errorMessages(body), code);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Follows `nextCursor` through at most `MAX_PAGES` pages, so a huge range cannot stall a view. */
const MAX_PAGES = 5;

async function pages<T>(path: string, params: Record<string, string>, field: string, maxPages = MAX_PAGES): Promise<{ items: T[] }> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const query = new URLSearchParams(params);
    if (cursor) query.set('cursor', cursor);
    const r = await request<Record<string, unknown> & { nextCursor: string | null }>(`${path}?${query}`);
    items.push(...(r[field] as T[]));
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return { items };
}

export const api = {
  quotes: () => request<{ quotes: QuoteView[] }>('/api/v1/quotes').then((r) => r.quotes),

  bars: (symbol: string, interval: Interval, from: Date): Promise<Bar[]> =>
    pages<Bar>(`/api/v1/bars/${encodeURIComponent(symbol)}`, { interval, from: from.toISOString(), limit: '2000' }, 'bars')
      .then((r) => r.items),

  /**
   * The last `keep` stored ticks of the past five minutes, oldest first. History pages run oldest
   * first, so every page of the window is read (bounded) and only its tail kept: a busy symbol's
   * first page would be five minutes old.
   */
  recentTicks: (symbol: string, keep: number, windowMs = 5 * 60_000, maxPages = MAX_PAGES): Promise<HistoryPoint[]> =>
    pages<HistoryPoint>(`/api/v1/history/${encodeURIComponent(symbol)}`,
      { from: new Date(Date.now() - windowMs).toISOString(), limit: '1000' }, 'items', maxPages)
      .then((r) => r.items.slice(-keep)),

  providers: () => request<{ providers: ProviderView[] }>('/api/v1/providers').then((r) => r.providers),

  jobs: () => request<{ jobs: JobView[] }>('/api/v1/jobs').then((r) => r.jobs),

  createJob: (job: JobRequest) =>
    request<JobView>('/api/v1/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(job),
    }),

  deleteJob: (id: string) => request<void>(`/api/v1/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
