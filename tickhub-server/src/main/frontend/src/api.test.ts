import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, useCredentials } from './api';
import type { Refusal } from './auth';

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

describe('credentials on REST calls', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    useCredentials({ token: () => null, refused: () => {} });
  });

  it('sends the tab\'s key as a Bearer token on every call, and none without a key', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ quotes: [], jobs: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    let token: string | null = 'thk_key';
    useCredentials({ token: () => token, refused: () => {} });

    await api.quotes();
    await api.deleteJob('poll_1').catch(() => {});
    token = null;
    await api.jobs();

    const headers = fetch.mock.calls.map((c) => (c as unknown[])[1] as RequestInit).map((i) => i.headers as Record<string, string>);
    expect(headers[0]).toEqual({ Accept: 'application/json', Authorization: 'Bearer thk_key' });
    expect(headers[1]!.Authorization).toBe('Bearer thk_key');
    expect(headers[2]).toEqual({ Accept: 'application/json' });
  });

  it('reports 401 and 403 to the session with the hub\'s code and message, and throws them', async () => {
    const answers = [
      { status: 401, body: { code: 'key_revoked', detail: 'This API key was revoked' } },
      { status: 403, body: { code: 'forbidden', detail: "lacks the 'jobs' scope" } },
      { status: 422, body: { errors: [{ loc: ['body', 'symbols'], msg: 'not a valid symbol: BAD!' }] } },
    ];
    vi.stubGlobal('fetch', vi.fn(async () => {
      const a = answers.shift()!;
      return new Response(JSON.stringify(a.body), { status: a.status });
    }));
    const refused: Refusal[] = [];
    useCredentials({ token: () => 'thk_key', refused: (r) => refused.push(r) });

    await expect(api.quotes()).rejects.toMatchObject({ status: 401, code: 'key_revoked' });
    const forbidden = await api.createJob({ symbols: ['AAPL'], interval: 60 }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect((forbidden as ApiError).messages).toEqual(["lacks the 'jobs' scope"]);
    await expect(api.createJob({ symbols: ['BAD!'], interval: 60 })).rejects.toMatchObject({ status: 422, code: null });

    expect(refused).toEqual([
      { status: 401, code: 'key_revoked', message: 'This API key was revoked' },
      { status: 403, code: 'forbidden', message: "lacks the 'jobs' scope" },
    ]);
  });
});
