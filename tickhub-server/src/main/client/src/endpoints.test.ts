import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TickhubClient, type ClientOptions } from './client.js';
import type { StateChange } from './events.js';
import { FakeSocket, quote } from './testing.js';

function client(options: Partial<ClientOptions> = {}): TickhubClient {
  return new TickhubClient({
    url: ['http://gateway-a:8080', 'http://gateway-b:8080/'],
    webSocket: (url) => new FakeSocket(url),
    backoff: { baseMs: 100, maxMs: 1000, random: () => 0.5 },
    fetch: vi.fn(async () => new Response('{}', { status: 404 })),
    ...options,
  });
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('several addresses (a cluster\'s gateways)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('tries the first, moves to the next when the connection is lost, and resumes there with its epoch', async () => {
    const c = client();
    const connectedTo: (string | undefined)[] = [];
    c.on('state', (s: StateChange) => void (s.state === 'connected' && connectedTo.push(s.endpoint)));
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    const onA = FakeSocket.latest();
    expect(onA.url).toBe('ws://gateway-a:8080/ws');
    onA.accept('e1');
    onA.push(quote('AAPL', 41));
    onA.end(1006);
    expect(c.getState()).toMatchObject({ state: 'reconnecting', endpoint: 'http://gateway-a:8080', code: 1006 });
    await vi.advanceTimersByTimeAsync(1000);
    const onB = FakeSocket.latest();
    expect(onB.url).toBe('ws://gateway-b:8080/ws');
    onB.accept('e1');
    expect(onB.sent).toEqual([{ action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], resume: { AAPL: 41 }, epoch: 'e1' }]);
    expect(connectedTo).toEqual(['http://gateway-a:8080', 'http://gateway-b:8080']);
    c.close();
  });

  it('goes round the list while attempts fail, and repairs gaps from the gateway it is on', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request) => new Response(JSON.stringify({ epoch: 'e1', items: [], nextCursor: null }), { status: 200 }));
    const c = client({ fetch });
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    FakeSocket.latest().end(1006); // gateway A: refused before opening
    await vi.advanceTimersByTimeAsync(1000);
    FakeSocket.latest().end(1006); // gateway B too
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['ws://gateway-a:8080/ws', 'ws://gateway-b:8080/ws', 'ws://gateway-a:8080/ws']);
    const onA = FakeSocket.latest();
    onA.accept('e1');
    onA.push(quote('AAPL', 1));
    onA.push(quote('AAPL', 5));
    await flush();
    expect(String(fetch.mock.calls[0]![0])).toMatch(/^http:\/\/gateway-a:8080\/api\/v1\/history\/AAPL\?/);
    c.close();
  });

  it('needs at least one address', () => {
    expect(() => client({ url: [] })).toThrow(/at least one address/);
  });
});

describe('an upgrade the hub refuses, as Node\'s ws reports it', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('is final after one attempt when the status is 401: closed, final, no retry', async () => {
    const c = client({ url: 'http://hub:8080', token: 'thk_wrong' });
    c.subscribe(['AAPL']);
    c.start();
    await flush();
    FakeSocket.latest().refuse(401);
    expect(c.getState()).toMatchObject({ state: 'closed', final: true, code: 401, attempt: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('is retried with backoff when the status is 503', async () => {
    const c = client({ url: 'http://hub:8080' });
    c.start();
    await flush();
    FakeSocket.latest().refuse(503);
    expect(c.getState()).toMatchObject({ state: 'reconnecting', code: 503 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(2);
    c.close();
  });
});
