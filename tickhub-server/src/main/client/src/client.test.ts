import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TickhubClient, type ClientOptions } from './client.js';
import type { LossReport, StateChange } from './events.js';
import type { PriceUpdate } from './messages.js';
import { FakeSocket, quote, tick } from './testing.js';

function client(options: Partial<ClientOptions> = {}): TickhubClient {
  return new TickhubClient({
    url: 'http://hub:8080',
    webSocket: (url) => new FakeSocket(url),
    backoff: { baseMs: 100, maxMs: 1000, random: () => 0.5 },
    fetch: vi.fn(async () => new Response('{}', { status: 404 })),
    ...options,
  });
}

function seqsOf(updates: PriceUpdate[]): number[] {
  return updates.map((u) => u.seq);
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('TickhubClient over WebSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('goes connecting, connected, reconnecting, connected and resumes from the last seq with its epoch', async () => {
    const c = client();
    const states: string[] = [];
    c.on('state', (s) => void states.push(s.state));
    c.subscribe(['aapl']);
    c.start();
    await flush();
    const first = FakeSocket.latest();
    expect(first.url).toBe('ws://hub:8080/ws');
    first.accept('e1');
    expect(first.sent).toEqual([{ action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'] }]);
    first.push(quote('AAPL', 41, { snapshot: true }));
    first.end(1001, 'shutting down');
    expect(c.getState()).toMatchObject({ state: 'reconnecting', attempt: 1, delayMs: 50, code: 1001 });
    await vi.advanceTimersByTimeAsync(50);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.accept('e1');
    expect(second.sent).toEqual([{ action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], resume: { AAPL: 41 }, epoch: 'e1' }]);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(c.stats().reconnects).toBe(1);
    c.close();
  });

  it('drops duplicates and delivers every seq once, in order, across a replay', async () => {
    const c = client();
    const got: PriceUpdate[] = [];
    c.on('quote', (u) => void got.push(u));
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    const s = FakeSocket.latest();
    s.accept();
    [1, 2, 3, 2, 3, 4].forEach((n) => s.push(quote('AAPL', n)));
    expect(seqsOf(got)).toEqual([1, 2, 3, 4]);
    expect(c.stats().duplicates).toBe(2);
    c.close();
  });

  it('takes the hub\'s conflated:n as explained, not as a gap', async () => {
    const c = client();
    const gaps: unknown[] = [];
    c.on('gap', (g) => void gaps.push(g));
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    const s = FakeSocket.latest();
    s.accept();
    s.push(quote('AAPL', 1));
    s.push(quote('AAPL', 5, { conflated: 3 }));
    expect(gaps).toEqual([]);
    expect(c.stats().hubConflated).toBe(3);
    c.close();
  });

  it('fills a gap from REST history before the update that showed it, and reports what history lacks as lost', async () => {
    const fetch = vi.fn(async (url: string | URL | Request, _init?: RequestInit) => {
      expect(String(url)).toMatch(/^http:\/\/hub:8080\/api\/v1\/history\/AAPL\?from=1700000000001&limit=1000/);
      return Response.json({ symbol: 'AAPL', epoch: 'e1', items: [tick(2), tick(3), tick(5)], nextCursor: null });
    });
    const c = client({ fetch: fetch as unknown as typeof globalThis.fetch, token: 'thk_test' });
    const got: [number, boolean][] = [];
    const lost: LossReport[] = [];
    c.on('quote', (u, meta) => void got.push([u.seq, meta.repaired]));
    c.on('lost', (l) => void lost.push(l));
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    const s = FakeSocket.latest();
    expect(s.url).toBe('ws://hub:8080/ws?token=thk_test');
    s.accept('e1');
    s.push(quote('AAPL', 1));
    s.push(quote('AAPL', 7));
    s.push(quote('AAPL', 8));
    await flush();
    await vi.waitFor(() => expect(got).toHaveLength(6));
    expect(got).toEqual([[1, false], [2, true], [3, true], [5, true], [7, false], [8, false]]);
    expect(lost).toEqual([
      { symbol: 'AAPL', from: 4, to: 4, reason: 'not_in_history' },
      { symbol: 'AAPL', from: 6, to: 6, reason: 'not_in_history' },
    ]);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ headers: { Authorization: 'Bearer thk_test' } });
    expect(c.stats()).toMatchObject({ gaps: 1, repaired: 3, lost: 2 });
    c.close();
  });

  it('reports the updates of another epoch as lost and takes the new snapshot', async () => {
    const c = client();
    const lost: LossReport[] = [];
    const got: number[] = [];
    c.on('lost', (l) => void lost.push(l));
    c.on('quote', (u) => void got.push(u.seq));
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    FakeSocket.latest().accept('e1');
    FakeSocket.latest().push(quote('AAPL', 40));
    FakeSocket.latest().end(1006);
    await vi.advanceTimersByTimeAsync(1000);
    const s = FakeSocket.latest();
    s.accept('e2');
    s.push({ type: 'recovered', symbol: 'AAPL', from: 41, to: 3, complete: false, epoch: 'e2' });
    s.push(quote('AAPL', 3, { snapshot: true }));
    expect(got).toEqual([40, 3]);
    expect(lost).toEqual([{ symbol: 'AAPL', from: 41, to: null, reason: 'epoch' }]);
    c.close();
  });

  it.each([4001, 4003, 4004, 4006, 1008, 1009])('stops for good on the final close code %i', async (code) => {
    const c = client();
    c.start();
    await flush();
    FakeSocket.latest().accept();
    FakeSocket.latest().end(code, 'no');
    expect(c.getState()).toMatchObject({ state: 'closed', final: true, code });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('retries a slow-consumer close (4008) with backoff', async () => {
    const c = client();
    c.start();
    await flush();
    FakeSocket.latest().accept();
    FakeSocket.latest().end(4008, 'slow consumer');
    expect(c.getState()).toMatchObject({ state: 'reconnecting', code: 4008 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(2);
    c.close();
  });

  it('asks the token callback again on auth expiring and after 4002, once', async () => {
    let n = 0;
    const c = client({ token: () => `jwt${++n}` });
    c.start();
    await flush();
    const s = FakeSocket.latest();
    expect(s.url).toContain('token=jwt1');
    s.accept();
    s.push({ type: 'auth', status: 'expiring', expires_at: '2026-12-05T10:15:00Z' });
    await flush();
    expect(s.sent).toContainEqual({ action: 'auth', token: 'jwt2' });
    s.end(4002, 'token expired');
    await flush();
    expect(FakeSocket.latest().url).toContain('token=jwt3');
    FakeSocket.latest().accept();
    FakeSocket.latest().end(4002, 'token expired');
    await flush();
    expect(c.getState()).toMatchObject({ state: 'closed', final: true, code: 4002 });
  });

  it('stops when the hub refuses the credential at the upgrade, as `authorized` tells', async () => {
    const c = client({ authorized: async () => false });
    c.start();
    await flush();
    FakeSocket.latest().end(1006);
    await flush();
    expect(c.getState()).toMatchObject({ state: 'closed', final: true });
  });

  it('backs off with full jitter between failed attempts', async () => {
    const c = client({ backoff: { baseMs: 100, maxMs: 1000, random: () => 0.999 } });
    const delays: number[] = [];
    c.on('state', (s: StateChange) => void (s.delayMs !== undefined && delays.push(s.delayMs)));
    c.start();
    for (let i = 0; i < 6; i++) {
      await flush();
      FakeSocket.latest().end(1006);
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
    c.close();
  });

  it('drops a connection silent for 2.5 heartbeats and reports symbols silent past staleAfterMs', async () => {
    const c = client({ staleAfterMs: 3000 });
    const stale: unknown[] = [];
    c.on('stale', (s) => void stale.push(s));
    c.subscribe(['AAPL', 'MSFT']);
    c.start();
    await flush();
    const s = FakeSocket.latest();
    s.accept('e1', 2000);
    for (let t = 0; t < 4; t++) {
      s.push(quote('AAPL', t + 1));
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(stale).toEqual([{ symbol: "MSFT", silentMs: 3000 }]);
    await vi.advanceTimersByTimeAsync(6000);
    expect(stale).toContainEqual({ symbol: null, silentMs: 6000 });
    expect(s.closed).toMatchObject({ reason: 'no traffic from the hub' });
    c.close();
  });

  it('conflates quotes to the latest per symbol behind a slow listener, counting them', async () => {
    const c = client({ queue: { capacity: 2, policy: 'conflate' } });
    const got: PriceUpdate[] = [];
    let release!: () => void;
    c.on('quote', (u) => {
      got.push(u);
      return u.symbol === "AAPL" && u.seq === 1 ? new Promise<void>((r) => (release = r)) : undefined;
    });
    c.subscribe(['AAPL', 'MSFT']);
    c.start();
    await flush();
    const s = FakeSocket.latest();
    s.accept();
    s.push(quote('AAPL', 1));
    s.push(quote('MSFT', 1));
    [2, 3, 4].forEach((n) => s.push(quote('AAPL', n)));
    release();

    await vi.waitFor(() => expect(got).toHaveLength(3));
    expect(got.map((u) => [u.symbol, u.seq, u.conflated])).toEqual([
      ['AAPL', 1, undefined], ['MSFT', 1, undefined], ['AAPL', 4, 2],
    ]);
    expect(c.stats()).toMatchObject({ conflated: 2, queueHighWater: 2 });
    c.close();
  });

  it('under policy fail, an overflow reconnects and resumes from the last update delivered', async () => {
    const c = client({ queue: { capacity: 1, policy: 'fail' } });
    const errors: string[] = [];
    let release!: () => void;
    c.on('error', (e) => void errors.push(e.code));
    c.on('quote', (u) => (u.seq === 1 ? new Promise<void>((r) => (release = r)) : undefined));
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    const s = FakeSocket.latest();
    s.accept();
    [1, 2, 3].forEach((n) => s.push(quote('AAPL', n)));
    expect(errors).toEqual(['overflow']);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    FakeSocket.latest().accept();
    expect(FakeSocket.latest().sent[0]).toMatchObject({ resume: { AAPL: 1 } });
    c.close();
  });

  it('reads batch arrays and the compact format', async () => {
    const c = client();
    const got: PriceUpdate[] = [];
    c.on('quote', (u) => void got.push(u));
    c.start();
    await flush();
    const s = FakeSocket.latest();
    s.accept();
    s.onmessage?.({ data: JSON.stringify([quote('AAPL', 1), { s: 'MSFT', q: 7, ts: 1_700_000_000_000_000, p: 410.5, v: 3, b: 410.4 }]) });
    expect(got.map((u) => [u.symbol, u.seq, u.data.price, u.data.bid, u.data.ask])).toEqual([
      ['AAPL', 1, 101, null, null], ['MSFT', 7, 410.5, 410.4, null],
    ]);
    c.close();
  });

  it('sends maxRate with the symbols subscribed with it, apart from the others, and again after a reconnect', async () => {
    const c = client();
    c.subscribe(['*'], ['quotes'], { maxRate: 2 });
    c.subscribe(['AAPL'], ['quotes'], { maxRate: 1000 });
    c.subscribe(['MSFT']);
    c.start();
    await flush();
    const first = FakeSocket.latest();
    first.accept('e1');
    expect(first.sent).toEqual([
      { action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], maxRate: 1000 },
      { action: 'subscribe', symbols: ['MSFT'], channels: ['quotes'] },
      { action: 'subscribe', symbols: ['*'], channels: ['quotes'], maxRate: 2 },
    ]);
    c.subscribe(['*'], ['quotes'], { maxRate: 2 }); // the same again: nothing to send
    c.subscribe(['*'], ['quotes'], { maxRate: 0.5 });
    expect(first.sent.slice(3)).toEqual([{ action: 'subscribe', symbols: ['*'], channels: ['quotes'], maxRate: 0.5 }]);
    first.end(1001, 'shutting down');
    await vi.advanceTimersByTimeAsync(50);
    const second = FakeSocket.latest();
    second.accept('e1');
    expect(second.sent).toContainEqual({ action: 'subscribe', symbols: ['*'], channels: ['quotes'], maxRate: 0.5 });
    expect(second.sent).toContainEqual({ action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], maxRate: 1000 });
    c.close();
  });
});
