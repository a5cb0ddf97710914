import { describe, expect, it } from 'vitest';
import { type Candle, CandleSeries, intervalFor, toCandle } from './candles';

const candle = (time: number, close: number, closed = true): Candle => ({
  time, open: close, high: close, low: close, close, volume: 1, ticks: 1, closed,
});

describe('CandleSeries', () => {
  it('converts a hub bar to a candle at its start in epoch seconds', () => {
    expect(toCandle({ t: '2026-11-21T14:30:00.000Z', o: 1, h: 3, l: 0.5, c: 2, v: 10, n: 4, closed: false }))
      .toEqual({ time: 1795271400, open: 1, high: 3, low: 0.5, close: 2, volume: 10, ticks: 4, closed: false });
  });

  it('appends a newer bar and replaces the live one in place', () => {
    const series = new CandleSeries();
    expect(series.upsert(candle(60, 1, false))).toBe('appended');
    expect(series.upsert(candle(60, 2, false))).toBe('updated-last');
    expect(series.upsert(candle(120, 3, false))).toBe('appended');
    expect(series.closes()).toEqual([2, 3]);
  });

  it('puts a late or refilled bar in time order', () => {
    const series = new CandleSeries();
    series.merge([candle(60, 1), candle(180, 3)]);
    expect(series.upsert(candle(120, 2))).toBe('rewrote');
    expect(series.upsert(candle(60, 1.5))).toBe('rewrote');
    expect(series.candles.map((c) => [c.time, c.close])).toEqual([[60, 1.5], [120, 2], [180, 3]]);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const series = new CandleSeries(2);
    series.merge([candle(60, 1), candle(120, 2)]);
    expect(series.upsert(candle(180, 3))).toBe('rewrote');
    expect(series.closes()).toEqual([2, 3]);
  });
});

describe('intervalFor', () => {
  const intervals = [
    { name: '1s', seconds: 1 }, { name: '1m', seconds: 60 }, { name: '5m', seconds: 300 }, { name: '1h', seconds: 3600 },
  ] as const;
  const every = (ms: number, n = 50) => Array.from({ length: n }, (_, i) => i * ms);

  it('picks the shortest interval whose candles hold several ticks', () => {
    expect(intervalFor(every(50), intervals, '1m')).toBe('1s'); // 20 a second
    expect(intervalFor(every(1_000), intervals, '1m')).toBe('1m'); // one a second: 1s bars would be dashes
    expect(intervalFor(every(30_000), intervals, '1m')).toBe('5m');
    expect(intervalFor(every(3_600_000), intervals, '1m')).toBe('1h');
  });

  it('keeps the fallback without two ticks to measure', () => {
    expect(intervalFor([], intervals, '1m')).toBe('1m');
    expect(intervalFor([5], intervals, '1m')).toBe('1m');
  });
});
