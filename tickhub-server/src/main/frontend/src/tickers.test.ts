import { describe, expect, it } from 'vitest';
import type { QuoteView } from './api';
import type { PriceUpdate } from '@tickhub/client';
import { SPARK_POINTS, type TableQuery, TickerBoard, visibleRows } from './tickers';

const quoteView = (symbol: string, seq: number, price: number, stale = false): QuoteView => ({
  symbol, seq, ts: 0, price, bid: null, ask: null, volume: null, change: 1, changePercent: 0.5,
  provider: 'simulator', providerTime: '2026-11-21T14:30:00Z', hubTime: '2026-11-21T14:30:00Z', stale,
});

const update = (symbol: string, seq: number, price: number, provider = 'simulator'): PriceUpdate => ({
  type: 'price_update', symbol, seq, ts: 0,
  data: { price, volume: 1, timestamp: 1_795_271_400_000, bid: null, ask: null, change: -1, changePercent: -0.5,
    previousClose: null, marketState: null, provider },
});

describe('TickerBoard', () => {
  it('takes live updates over the REST snapshot and marks the direction', () => {
    const board = new TickerBoard();
    board.load([quoteView('AAPL', 3, 100)]);
    board.apply(update('AAPL', 4, 101));
    const row = board.get('AAPL')!;
    expect(row).toMatchObject({ seq: 4, price: 101, direction: 'up', change: -1 });
    expect(row.spark).toEqual([100, 101]);
  });

  it('keeps a newer streamed row when an older REST refresh arrives, but takes its stale flag', () => {
    const board = new TickerBoard();
    board.apply(update('AAPL', 9, 105));
    board.load([quoteView('AAPL', 7, 99, true)]);
    expect(board.get('AAPL')).toMatchObject({ seq: 9, price: 105, stale: true });
  });

  it('ignores a streamed update older than a REST refresh, but not a snapshot', () => {
    const board = new TickerBoard();
    board.load([quoteView('AAPL', 10, 110)]);
    board.apply(update('AAPL', 9, 109));
    expect(board.get('AAPL')).toMatchObject({ seq: 10, price: 110 });
    board.apply({ ...update('AAPL', 2, 102), snapshot: true });
    expect(board.get('AAPL')).toMatchObject({ seq: 2, price: 102 });
  });

  it('a live update clears stale: the feed delivered again', () => {
    const board = new TickerBoard();
    board.load([quoteView('AAPL', 1, 100, true)]);
    expect(board.apply(update('AAPL', 2, 100, 'yfinance'))).toMatchObject({ stale: false, provider: 'yfinance', direction: null });
  });

  it('keeps the last sparkline points only, with seeded history in front', () => {
    const board = new TickerBoard();
    board.apply(update('AAPL', 3, 1));
    board.apply(update('AAPL', 4, 2));
    board.seedSpark('AAPL', [{ seq: 1, price: 0.5 }, { seq: 2, price: 0.7 }, { seq: 3, price: 1 }, { seq: 4, price: 2 }]);
    expect(board.get('AAPL')!.spark).toEqual([0.5, 0.7, 1, 2]);
    for (let i = 5; i < 100; i++) board.apply(update('AAPL', i, i));
    expect(board.get('AAPL')!.spark).toHaveLength(SPARK_POINTS);
    expect(board.get('AAPL')!.spark.at(-1)).toBe(99);
  });
});

describe('visibleRows', () => {
  const board = new TickerBoard();
  board.apply(update('AAPL', 1, 200));
  board.apply(update('MSFT', 1, 400, 'yfinance'));
  board.apply(update('TSLA', 1, 300));
  const base: TableQuery = { filter: '', sort: 'symbol', descending: false, watchlistOnly: false, watchlist: new Set() };
  const symbols = (q: Partial<TableQuery>) => visibleRows(board.rows(), { ...base, ...q }).map((r) => r.symbol);

  it('sorts by the chosen column either way', () => {
    expect(symbols({ sort: 'price' })).toEqual(['AAPL', 'TSLA', 'MSFT']);
    expect(symbols({ sort: 'price', descending: true })).toEqual(['MSFT', 'TSLA', 'AAPL']);
  });

  it('filters by symbol or provider, case-insensitively', () => {
    expect(symbols({ filter: 'ts' })).toEqual(['TSLA']);
    expect(symbols({ filter: 'yfin' })).toEqual(['MSFT']);
  });

  it('puts watched symbols first, or shows only them', () => {
    const watchlist = new Set(['TSLA']);
    expect(symbols({ watchlist })).toEqual(['TSLA', 'AAPL', 'MSFT']);
    expect(symbols({ watchlist, watchlistOnly: true })).toEqual(['TSLA']);
  });
});

describe('TickerBoard session figures', () => {
  it('reads bid, ask, the day and the market state when the hub sends them, and changes against the previous close', () => {
    const board = new TickerBoard();
    board.load([{ ...quoteView('AAPL', 1, 110), bid: 109.9, ask: 110.1, previousClose: 100, dayLow: 99, dayHigh: 111,
      dayVolume: 5_000, marketState: 'REGULAR' } as QuoteView]);
    expect(board.get('AAPL')).toMatchObject({ bid: 109.9, ask: 110.1, change: 10, changePercent: 10, dayLow: 99,
      dayHigh: 111, dayVolume: 5_000, marketState: 'REGULAR' });
    board.apply(update('AAPL', 2, 120)); // a live update without the day's fields keeps them
    expect(board.get('AAPL')).toMatchObject({ change: 20, changePercent: 20, dayLow: 99, marketState: 'REGULAR' });
  });

  it('leaves them null without them, and keeps the hub change', () => {
    const board = new TickerBoard();
    board.load([quoteView('MSFT', 1, 50)]);
    expect(board.get('MSFT')).toMatchObject({ change: 1, changePercent: 0.5, dayLow: null, previousClose: null, marketState: null });
  });
});
