import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './api';

/** The hub's history pages: oldest first, `nextCursor` until the last. */
function historyPages(total: number, pageSize: number) {
  return vi.fn(async (url: string) => {
    const cursor = new URL(url, 'http://hub').searchParams.get('cursor');
    const start = cursor ? Number(cursor) : 1;
    const end = Math.min(total, start + pageSize - 1);
    const items = [];
    for (let seq = start; seq <= end; seq++) items.push({ seq, price: seq, volume: 1, provider: 'p', providerTime: '2026-11-21T14:30:00Z', ts: seq });
    return new Response(JSON.stringify({ items, nextCursor: end < total ? String(end + 1) : null }), { status: 200 });
  });
}

describe('api.recentTicks', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the newest ticks of the window, not the first page', async () => {
    const fetch = historyPages(2500, 1000);
    vi.stubGlobal('fetch', fetch);

    const ticks = await api.recentTicks('AAPL', 3);

    expect(ticks.map((t) => t.seq)).toEqual([2498, 2499, 2500]);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('reads at most five pages', async () => {
    const fetch = historyPages(100_000, 1000);
    vi.stubGlobal('fetch', fetch);

    await api.recentTicks('AAPL', 1);

    expect(fetch).toHaveBeenCalledTimes(5);
  });
});
