// The ticker table's model: one row per symbol, fed by the REST snapshot and the live stream,
// and the pure sort/filter that decides what the table shows.
import type { QuoteView } from './api';
import type { PriceUpdate } from '@tickhub/client';

export interface TickerRow {
  symbol: string;
  seq: number;
  price: number;
  change: number | null;
  changePercent: number | null;
  provider: string;
  stale: boolean;
  updatedAt: number; // epoch ms, the provider's time
  spark: number[];
  sparkSince: number; // seq of the first sparkline point
  direction: 'up' | 'down' | null; // of the last change, for the flash
  bid: number | null;
  ask: number | null;
  /** The last trade's size. */
  volume: number | null;
  /** The session's figures, when the hub sends them (null otherwise: shown as "—"). */
  dayLow: number | null;
  dayHigh: number | null;
  dayVolume: number | null;
  previousClose: number | null;
  /** PRE, REGULAR, POST or CLOSED, when the hub sends it. */
  marketState: string | null;
}

/** Fields a quote may carry (newer hubs), read when present and numeric, else null. */
export interface SessionFields {
  bid?: number | null;
  ask?: number | null;
  volume?: number | null;
  dayLow?: number | null;
  dayHigh?: number | null;
  dayVolume?: number | null;
  previousClose?: number | null;
  marketState?: string | null;
}

function sessionOf(q: SessionFields) {
  return {
    bid: numberOr(q.bid),
    ask: numberOr(q.ask),
    volume: numberOr(q.volume),
    dayLow: numberOr(q.dayLow),
    dayHigh: numberOr(q.dayHigh),
    dayVolume: numberOr(q.dayVolume),
    previousClose: numberOr(q.previousClose),
    marketState: typeof q.marketState === 'string' && q.marketState ? q.marketState : null,
  };
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Change against the previous session's close when the quote carries that close, else the hub's
 * own change and change % (against the first price it saw).
 */
function changeOf(price: number, previousClose: number | null, change: number | null, changePercent: number | null) {
  if (previousClose === null || previousClose === 0) return { change, changePercent };
  const diff = price - previousClose;
  return { change: diff, changePercent: (diff / previousClose) * 100 };
}

export const SPARK_POINTS = 60;

export class TickerBoard {
  private readonly bySymbol = new Map<string, TickerRow>();

  rows(): TickerRow[] {
    return [...this.bySymbol.values()];
  }

  get(symbol: string): TickerRow | undefined {
    return this.bySymbol.get(symbol);
  }

  /** The REST view is the only source of `stale`; it never moves a row back in seq. */
  load(quotes: readonly QuoteView[]): void {
    for (const q of quotes) {
      const row = this.bySymbol.get(q.symbol);
      if (row && row.seq >= q.seq) {
        row.stale = q.stale;
        continue;
      }
      this.bySymbol.set(q.symbol, {
        symbol: q.symbol,
        seq: q.seq,
        price: q.price,
        ...changeOf(q.price, numberOr((q as SessionFields).previousClose), q.change, q.changePercent),
        ...sessionOf(q as SessionFields),
        provider: q.provider,
        stale: q.stale,
        updatedAt: Date.parse(q.providerTime),
        ...(row ? nextSpark(row, q.price) : { spark: [q.price], sparkSince: q.seq }),
        direction: row ? directionOf(row.price, q.price) : null,
      });
    }
  }

  /**
   * A live update: the feed delivered, so the row is fresh again. One older than the row (a REST
   * refresh can get ahead of the stream) is ignored, unless it is a snapshot, which re-bases.
   */
  apply(update: PriceUpdate): TickerRow {
    const row = this.bySymbol.get(update.symbol);
    if (row && !update.snapshot && update.seq <= row.seq) return row;
    const next: TickerRow = {
      symbol: update.symbol,
      seq: update.seq,
      price: update.data.price,
      ...changeOf(update.data.price, numberOr((update.data as SessionFields).previousClose) ?? row?.previousClose ?? null,
        update.data.change, update.data.changePercent),
      ...sessionOf(update.data as SessionFields),
      ...keptFrom(row, update.data as SessionFields),
      provider: update.data.provider,
      stale: false,
      updatedAt: update.data.timestamp,
      ...(row ? nextSpark(row, update.data.price) : { spark: [update.data.price], sparkSince: update.seq }),
      direction: row ? directionOf(row.price, update.data.price) : null,
    };
    this.bySymbol.set(update.symbol, next);
    return next;
  }

  /** Ticks from before the first sparkline point go in front of it; later ones are there already. */
  seedSpark(symbol: string, ticks: readonly { seq: number; price: number }[]): void {
    const row = this.bySymbol.get(symbol);
    if (!row) return;
    const earlier = ticks.filter((t) => t.seq < row.sparkSince);
    if (earlier.length === 0) return;
    const spark = [...earlier.map((t) => t.price), ...row.spark];
    const dropped = Math.max(0, spark.length - SPARK_POINTS);
    row.spark = spark.slice(dropped);
    row.sparkSince = dropped < earlier.length ? earlier[dropped]!.seq : row.sparkSince;
  }
}

/** Session figures a live update leaves out (a compact update, an older hub) stay as the REST view had them. */
function keptFrom(row: TickerRow | undefined, data: SessionFields) {
  if (!row) return {};
  const kept: Partial<TickerRow> = {};
  for (const key of ['dayLow', 'dayHigh', 'dayVolume', 'previousClose', 'marketState'] as const) {
    // Absent or null (a compact update has no market state): the row keeps what it knew.
    if (data[key] == null && row[key] !== null) (kept as Record<string, unknown>)[key] = row[key];
  }
  return kept;
}

function nextSpark(row: TickerRow, price: number): { spark: number[]; sparkSince: number } {
  if (row.spark.length < SPARK_POINTS) return { spark: [...row.spark, price], sparkSince: row.sparkSince };
  // The oldest point leaves; its seq is unknown, so the next one's is taken as unknown-but-later.
  return { spark: [...row.spark.slice(1), price], sparkSince: row.sparkSince + 1 };
}

function directionOf(before: number, after: number): 'up' | 'down' | null {
  return after > before ? 'up' : after < before ? 'down' : null;
}

export type SortKey = 'symbol' | 'price' | 'change' | 'changePercent' | 'provider' | 'volume' | 'dayVolume';

export interface TableQuery {
  filter: string;
  sort: SortKey;
  descending: boolean;
  watchlistOnly: boolean;
  watchlist: ReadonlySet<string>;
}

/** Watched symbols first, then by the chosen column; the filter matches symbol or provider. */
export function visibleRows(rows: readonly TickerRow[], query: TableQuery): TickerRow[] {
  const needle = query.filter.trim().toUpperCase();
  const sign = query.descending ? -1 : 1;
  return rows
    .filter((r) => !query.watchlistOnly || query.watchlist.has(r.symbol))
    .filter((r) => !needle || r.symbol.includes(needle) || r.provider.toUpperCase().includes(needle))
    .sort((a, b) => {
      const watched = Number(query.watchlist.has(b.symbol)) - Number(query.watchlist.has(a.symbol));
      if (watched !== 0) return watched;
      const byKey = compare(a[query.sort], b[query.sort]);
      return byKey !== 0 ? sign * byKey : a.symbol.localeCompare(b.symbol);
    });
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // unknowns last, whichever the direction
  if (b === null) return -1;
  return typeof a === 'string' ? a.localeCompare(b as string) : a - (b as number);
}
