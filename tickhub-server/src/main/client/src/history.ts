// Gap repair from the hub's stored ticks (GET /api/v1/history/{symbol}, docs/architecture.md):
// the page starts at the hub time of the last seq received, and every tick with a seq inside the
// gap comes back as a price update. A tick of another epoch, or a seq the store lacks, is not
// invented: what is still missing afterwards is reported lost.
import type { PriceUpdate } from './messages.js';
import type { FetchLike } from './transport.js';

interface Tick {
  seq: number;
  ts: number;
  price: number;
  bid: number | null;
  ask: number | null;
  volume: number;
  provider: string;
  providerTime: string;
}

interface TickPage {
  epoch: string;
  items: Tick[];
  nextCursor: string | null;
}

export interface Repair {
  /** The updates found, in seq order. */
  found: PriceUpdate[];
  /** Inclusive seq ranges still missing. */
  lost: { from: number; to: number }[];
}

/** At most this many pages (of 1,000 ticks) are read for one gap; past that the rest is lost. */
const MAX_PAGES = 10;

export async function repairFromHistory(
  fetcher: FetchLike,
  baseUrl: string,
  headers: Record<string, string>,
  symbol: string,
  epoch: string | undefined,
  afterTs: number,
  from: number,
  to: number,
): Promise<Repair> {
  const found: PriceUpdate[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ from: String(Math.floor(afterTs / 1000)), limit: '1000' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetcher(`${baseUrl}/api/v1/history/${encodeURIComponent(symbol)}?${query}`, { headers });
    if (!response.ok) break;
    const body = (await response.json()) as TickPage;
    if (epoch !== undefined && body.epoch !== epoch) break;
    for (const tick of body.items) {
      if (tick.seq >= from && tick.seq <= to) found.push(toUpdate(symbol, tick));
    }
    const last = body.items.at(-1);
    cursor = body.nextCursor;
    if (!cursor || last === undefined || last.seq >= to) break;
  }
  found.sort((a, b) => a.seq - b.seq);
  return { found, lost: missing(found, from, to) };
}

function toUpdate(symbol: string, tick: Tick): PriceUpdate {
  return {
    type: 'price_update',
    symbol,
    seq: tick.seq,
    ts: tick.ts,
    data: {
      price: tick.price,
      volume: tick.volume,
      timestamp: Date.parse(tick.providerTime),
      bid: tick.bid,
      ask: tick.ask,
      change: null,
      changePercent: null,
      previousClose: null,
      marketState: null,
      provider: tick.provider,
    },
  };
}

function missing(found: PriceUpdate[], from: number, to: number): { from: number; to: number }[] {
  const lost: { from: number; to: number }[] = [];
  let next = from;
  for (const u of found) {
    if (u.seq > next) lost.push({ from: next, to: u.seq - 1 });
    next = Math.max(next, u.seq + 1);
  }
  if (next <= to) lost.push({ from: next, to });
  return lost;
}
