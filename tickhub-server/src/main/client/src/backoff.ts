// Reconnect delays: full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff
// and Jitter"): attempt n waits a uniform random time in [0, min(max, base * 2^n)), so a hub
// restart does not bring every client back in the same instant. A Retry-After from the hub is a
// floor, never shortened by the jitter.

export interface BackoffOptions {
  /** The first attempt's ceiling, ms (default 500). */
  baseMs?: number;
  /** The ceiling for every attempt, ms (default 30,000). */
  maxMs?: number;
  /** [0, 1); injected so tests decide the jitter. */
  random?: () => number;
}

export class Backoff {
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /** The wait before attempt `attempt` (0 = the first retry), at least `retryAfterMs` when given. */
  delay(attempt: number, retryAfterMs?: number): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(attempt, 30));
    const jittered = Math.floor(this.random() * ceiling);
    return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
  }
}

/** A Retry-After header's value in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
