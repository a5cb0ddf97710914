import { describe, expect, it } from 'vitest';
import { BOARD_MAX_RATE, Market } from './market';
import type { PriceUpdate } from '@tickhub/client';
import type { StreamClient, StreamListener } from './stream';

const update = (symbol: string, seq: number, price: number): PriceUpdate => ({
  type: 'price_update', symbol, seq, ts: 0,
  data: { price, volume: 1, timestamp: 0, bid: null, ask: null, change: null, changePercent: null, previousClose: null, marketState: null, provider: 'simulator' },
});

/** A stream that records what the market asked for and lets the test push quotes. */
function fakeStream() {
  const listeners: StreamListener[] = [];
  const subscribed: { channel: string; symbols: string[]; options: unknown }[] = [];
  const stream = {
    subscribe: (channel: string, symbols: string[], options: unknown) => {
      subscribed.push({ channel, symbols, options });
      return () => {};
    },
    listen: (l: StreamListener) => {
      listeners.push(l);
      return () => {};
    },
  } as unknown as StreamClient;
  return { stream, subscribed, push: (u: PriceUpdate) => listeners.forEach((l) => l.quote?.(u)) };
}

describe('Market', () => {
  it('subscribes every symbol with the board maxRate, so the hub conflates for it', () => {
    const { stream, subscribed } = fakeStream();
    new Market(stream, () => {});
    expect(subscribed).toEqual([{ channel: 'quotes', symbols: ['*'], options: { maxRate: BOARD_MAX_RATE } }]);
  });

  it('applies what arrived once per frame and tells the views once per symbol', () => {
    const { stream, push } = fakeStream();
    const frames: (() => void)[] = [];
    const market = new Market(stream, (cb) => frames.push(cb));
    const told: (string | null)[] = [];
    market.onChange((s) => told.push(s));
    for (let seq = 1; seq <= 1_000; seq++) push(update(seq % 2 ? 'AAPL' : 'MSFT', seq, 100 + seq));
    expect(frames).toHaveLength(1); // one frame asked for, however many updates
    expect(market.board.get('AAPL')).toBeUndefined(); // nothing applied before the frame
    frames.shift()!();
    expect(told).toEqual(['AAPL', 'MSFT']);
    expect(market.board.get('MSFT')).toMatchObject({ seq: 1_000, price: 1_100 });
    push(update('AAPL', 1_001, 1));
    expect(frames).toHaveLength(1); // the next batch asks for the next frame
  });
});
