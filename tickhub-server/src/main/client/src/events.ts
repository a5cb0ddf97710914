// The client's events and counters: what a user of the library listens to and reads.
import type { BarUpdate, ErrorMessage, NewsUpdate, PriceUpdate, ServerMessage } from './messages.js';

export type ClientState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface StateChange {
  state: ClientState;
  /** Failed attempts since the last connection opened (0 when it opens). */
  attempt: number;
  /** Why the connection is not (or no longer) up. */
  reason?: string;
  /** The close code or HTTP status behind `reason`, when there was one. */
  code?: number;
  /** `closed` only: true when the hub's answer was final (auth, limits, 4004), false for close(). */
  final?: boolean;
  /** `reconnecting` only: the wait before the next attempt, ms. */
  delayMs?: number;
  /**
   * The hub address this change is about: the one being tried (`connecting`), in use
   * (`connected`), just lost or refused (`reconnecting`, `closed`).
   */
  endpoint?: string;
}

export interface QuoteMeta {
  /** The update came from REST history, to fill a gap, not from the stream. */
  repaired: boolean;
}

export interface GapReport {
  symbol: string;
  /** Seqs from..to (inclusive) were never received on the stream. */
  from: number;
  to: number;
  /** How many of them REST history supplied (delivered before the update that showed the gap). */
  repaired: number;
}

export interface LossReport {
  symbol: string;
  from: number;
  /** null: unknown, the history changed (`epoch`) or went back (`reset`). */
  to: number | null;
  reason: 'not_in_history' | 'epoch' | 'reset';
}

export interface StaleReport {
  /** null for the whole connection (then the client reconnects). */
  symbol: string | null;
  silentMs: number;
}

export type Listener<T> = (value: T, ...rest: never[]) => void | Promise<void>;

export interface ClientEvents {
  state: (change: StateChange) => void;
  /** Every message in order, after duplicates are dropped and gaps repaired. */
  message: (message: ServerMessage) => void | Promise<void>;
  quote: (update: PriceUpdate, meta: QuoteMeta) => void | Promise<void>;
  bar: (update: BarUpdate) => void | Promise<void>;
  news: (update: NewsUpdate) => void | Promise<void>;
  gap: (gap: GapReport) => void;
  lost: (loss: LossReport) => void;
  stale: (stale: StaleReport) => void;
  /** Hub `error` frames, and the client's own: `overflow` (inbound queue), `repair_failed`. */
  error: (error: Pick<ErrorMessage, 'code' | 'message'>) => void;
}

export interface Counters {
  /** Messages parsed off the connection. */
  received: number;
  /** Messages handed to listeners. */
  delivered: number;
  /** Price updates dropped because their seq had been delivered. */
  duplicates: number;
  /** Gaps detected (each a range of seqs). */
  gaps: number;
  /** Updates supplied by REST history. */
  repaired: number;
  /** Seqs reported lost. */
  lost: number;
  /** Connections opened after the first. */
  reconnects: number;
  /** Price updates the client replaced in its own queue (policy `conflate`). */
  conflated: number;
  /** Sum of the hub's `conflated:n`: updates the hub skipped for this client. */
  hubConflated: number;
  /** Inbound queue overflows (each one a reconnect). */
  overflows: number;
  /** Staleness reports. */
  stale: number;
  queueSize: number;
  queueHighWater: number;
  /** Hub acceptance to delivery of the last price update, ms (clocks of hub and client). */
  lagMs: number;
  maxLagMs: number;
}

export function zeroCounters(): Counters {
  return {
    received: 0, delivered: 0, duplicates: 0, gaps: 0, repaired: 0, lost: 0, reconnects: 0, conflated: 0,
    hubConflated: 0, overflows: 0, stale: 0, queueSize: 0, queueHighWater: 0, lagMs: 0, maxLagMs: 0,
  };
}

/** A small typed emitter; a listener that throws is reported on the console and does not stop the others. */
export class Emitter {
  private readonly listeners = new Map<keyof ClientEvents, Set<(...args: never[]) => unknown>>();

  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (...args: never[]) => unknown);
    return () => set.delete(listener as (...args: never[]) => unknown);
  }

  /** Calls every listener; returns the promises of those that returned one. */
  emit<K extends keyof ClientEvents>(event: K, ...args: Parameters<ClientEvents[K]>): Promise<unknown>[] {
    const pending: Promise<unknown>[] = [];
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        const result = (listener as (...a: unknown[]) => unknown)(...args);
        if (result instanceof Promise) pending.push(result.catch((e) => console.error(`tickhub: ${event} listener failed`, e)));
      } catch (e) {
        console.error(`tickhub: ${event} listener failed`, e);
      }
    }
    return pending;
  }
}
