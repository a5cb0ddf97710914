// A symbol's candles at one interval, kept in time order as REST pages and live `bar` messages
// arrive. The live bar replaces the one with the same start; a bar older than the newest is put
// in its place (a late close), never appended out of order, which the chart would refuse.
import type { Bar } from './api';

export interface Candle {
  time: number; // epoch seconds, the bar's start
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Updates in the bar (the hub's `n`). */
  ticks: number;
  closed: boolean;
}

export function toCandle(bar: Bar): Candle {
  return {
    time: Math.floor(Date.parse(bar.t) / 1000),
    open: bar.o,
    high: bar.h,
    low: bar.l,
    close: bar.c,
    volume: bar.v,
    ticks: bar.n,
    closed: bar.closed,
  };
}

export type Change = 'appended' | 'updated-last' | 'rewrote';

export class CandleSeries {
  private readonly list: Candle[] = [];

  constructor(private readonly capacity = 5_000) {}

  get candles(): readonly Candle[] {
    return this.list;
  }

  last(): Candle | undefined {
    return this.list[this.list.length - 1];
  }

  /** Puts a bar in its place and says how much of the chart must change. */
  upsert(candle: Candle): Change {
    const last = this.last();
    if (!last || candle.time > last.time) {
      this.list.push(candle);
      if (this.list.length > this.capacity) {
        this.list.shift();
        return 'rewrote';
      }
      return 'appended';
    }
    if (candle.time === last.time) {
      this.list[this.list.length - 1] = candle;
      return 'updated-last';
    }
    const at = this.list.findIndex((c) => c.time >= candle.time);
    if (this.list[at]!.time === candle.time) this.list[at] = candle;
    else this.list.splice(at, 0, candle);
    return 'rewrote';
  }

  /** Merges a page of bars (the first load, or the refill after a reconnect). */
  merge(candles: readonly Candle[]): void {
    for (const c of candles) this.upsert(c);
  }

  closes(): number[] {
    return this.list.map((c) => c.close);
  }
}

/** Ticks per bar wanted at least, for a candle to show a move rather than a dash. */
export const TICKS_PER_CANDLE = 5;

/**
 * The default interval for a symbol: the shortest whose bars hold TICKS_PER_CANDLE ticks at the
 * rate of its recent ticks (20 a second: 1s; one a second: 1m; one a minute: 5m…).
 */
export function intervalFor<I extends string>(tickTimes: readonly number[], intervals: readonly { name: I; seconds: number }[], fallback: I): I {
  if (tickTimes.length < 2) return fallback;
  const span = (Math.max(...tickTimes) - Math.min(...tickTimes)) / 1000;
  if (span <= 0) return intervals[0]?.name ?? fallback;
  const perSecond = (tickTimes.length - 1) / span;
  return intervals.find((i) => perSecond * i.seconds >= TICKS_PER_CANDLE)?.name ?? intervals[intervals.length - 1]?.name ?? fallback;
}
