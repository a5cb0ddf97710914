import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PriceUpdate } from '@tickhub/client';
import { type ConnectionState, type SocketLike, StreamClient } from './stream';

/** A scripted socket: the test plays the hub. */
class ScriptedSocket implements SocketLike {
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  /** Opens, then greets as the hub does: the client's `onopen` runs before the `connection` message. */
  accept(epoch?: string) {
    this.onopen?.({});
    this.push({ type: 'connection', status: 'connected', client_id: 'c1', heartbeat_ms: 1000, epoch });
  }
  refuse() {
    this.onclose?.({ code: 1006, reason: '' });
  }
  push(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  serverClose(code: number, reason = '') {
    this.onclose?.({ code, reason });
  }
}

function quote(symbol: string, seq: number, extra: Partial<PriceUpdate> = {}): PriceUpdate {
  return {
    type: 'price_update',
    symbol,
    seq,
    ts: seq * 1000,
    data: { price: 100 + seq, volume: 1, timestamp: seq, bid: null, ask: null, change: 0, changePercent: 0,
      previousClose: null, marketState: null, provider: 'simulator' },
    ...extra,
  };
}

describe('StreamClient', () => {
  let sockets: ScriptedSocket[];
  let client: StreamClient;
  let states: ConnectionState[];
  let quotes: PriceUpdate[];

  /** A client on scripted sockets; its backoff draws its jitter from Math.random as it is now. */
  const newClient = () => {
    const made = new StreamClient({
      url: 'http://hub',
      socket: () => {
        const s = new ScriptedSocket();
        sockets.push(s);
        return s;
      },
      minDelayMs: 100,
      maxDelayMs: 400,
    });
    made.listen({ state: (s) => states.push(s), quote: (q) => quotes.push(q) });
    return made;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    states = [];
    quotes = [];
    client = newClient();
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const latest = () => sockets[sockets.length - 1]!;

  it('subscribes what views want once the socket opens, then sends new wants at once', () => {
    client.subscribe('quotes', ['*']);
    client.start();
    latest().accept();
    expect(latest().sent).toEqual([{ action: 'subscribe', symbols: ['*'], channels: ['quotes'] }]);

    client.subscribe('bars.1m', ['AAPL']);
    expect(latest().sent[1]).toEqual({ action: 'subscribe', symbols: ['AAPL'], channels: ['bars.1m'] });
    expect(states.at(-1)).toEqual({ status: 'open', reconnected: false });
  });

  it('unsubscribes only when the last view wanting a symbol lets go', () => {
    client.start();
    latest().accept();
    const first = client.subscribe('quotes', ['AAPL']);
    const second = client.subscribe('quotes', ['AAPL']);
    expect(latest().sent).toHaveLength(1);
    first();
    expect(latest().sent).toHaveLength(1);
    second();
    expect(latest().sent[1]).toEqual({ action: 'unsubscribe', symbols: ['AAPL'], channels: ['quotes'] });
  });

  it('drops updates at or below the last seq but always takes a snapshot', () => {
    client.start();
    latest().accept();
    latest().push(quote('AAPL', 5, { snapshot: true }));
    latest().push(quote('AAPL', 6));
    latest().push(quote('AAPL', 6));
    latest().push(quote('AAPL', 4));
    latest().push(quote('AAPL', 2, { snapshot: true })); // a hub whose seqs went back
    latest().push(quote('AAPL', 3));
    expect(quotes.map((q) => q.seq)).toEqual([5, 6, 2, 3]);
  });

  it('reads batched array frames', () => {
    client.start();
    latest().accept();
    latest().push([quote('AAPL', 1), quote('MSFT', 1)]);
    expect(quotes.map((q) => q.symbol)).toEqual(['AAPL', 'MSFT']);
  });

  it('after a drop reconnects with backoff and resumes named symbols before the wildcard', async () => {
    client.subscribe('quotes', ['*']);
    client.subscribe('quotes', ['AAPL', 'MSFT']);
    client.start();
    latest().accept();
    latest().push(quote('AAPL', 41));

    latest().serverClose(1001);
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', reason: 'hub restarting' });
    await vi.advanceTimersByTimeAsync(100); // the first retry waits a random part of 100 ms
    expect(sockets).toHaveLength(2);
    latest().refuse(); // the hub is still down
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(3);
    latest().accept();

    expect(latest().sent).toEqual([
      { action: 'subscribe', symbols: ['AAPL', 'MSFT'], channels: ['quotes'], resume: { AAPL: 41 } },
      { action: 'subscribe', symbols: ['*'], channels: ['quotes'] },
    ]);
    expect(states.at(-1)).toEqual({ status: 'open', reconnected: true });
    latest().push({ type: 'recovered', symbol: 'AAPL', from: 42, to: 43, complete: true });
    latest().push(quote('AAPL', 42));
    latest().push(quote('AAPL', 43));
    expect(quotes.map((q) => q.seq)).toEqual([41, 42, 43]);
  });

  it('resumes with the epoch its seqs came in, and after a new epoch re-bases on the snapshot', async () => {
    client.subscribe('quotes', ['AAPL']);
    client.start();
    latest().accept('00000000000000e1');
    latest().push(quote('AAPL', 41));

    latest().serverClose(1001);
    await vi.advanceTimersByTimeAsync(1_000);
    latest().accept('00000000000000e2'); // a hub that could not prove continuity
    expect(latest().sent).toEqual([
      { action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], resume: { AAPL: 41 }, epoch: '00000000000000e1' },
    ]);
    latest().push({ type: 'recovered', symbol: 'AAPL', from: 42, to: 7, complete: false, epoch: '00000000000000e2' });
    latest().push(quote('AAPL', 7, { snapshot: true }));
    latest().push(quote('AAPL', 8));
    expect(quotes.map((q) => q.seq)).toEqual([41, 7, 8]);

    latest().serverClose(1001);
    await vi.advanceTimersByTimeAsync(1_000);
    latest().accept('00000000000000e2');
    expect(latest().sent).toEqual([
      { action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], resume: { AAPL: 8 }, epoch: '00000000000000e2' },
    ]);
  });

  it('treats a silent connection as dead and reconnects', async () => {
    client.start();
    latest().accept();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000); // past 2.5 heartbeats of 1 s without a message, at the watchdog's next tick
    expect(sockets[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
  });

  it('backs off between failed attempts up to the cap', async () => {
    client.start();
    latest().refuse();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1 });
    for (let attempt = 2; attempt <= 6; attempt++) {
      const before = sockets.length;
      await vi.advanceTimersByTimeAsync(800); // twice the cap: randomised delays are at most 2 × 400 ms
      expect(sockets.length).toBe(before + 1);
      latest().refuse();
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 6 });
  });

  it('asks for the address at each attempt, so a reconnect carries the current key', async () => {
    const urls: string[] = [];
    let token = 'first';
    const keyed = new StreamClient({
      url: 'http://hub',
      token: () => token,
      socket: (url: string) => {
        urls.push(url);
        const s = new ScriptedSocket();
        sockets.push(s);
        return s;
      },
      minDelayMs: 100,
      maxDelayMs: 400,
    });
    keyed.start();
    latest().accept();
    token = 'second';
    latest().serverClose(1001);
    await vi.advanceTimersByTimeAsync(100);
    expect(urls).toEqual(['ws://hub/ws?batch=1&token=first', 'ws://hub/ws?batch=1&token=second']);
    keyed.stop();
  });

  it('after 4002 (expired) reconnects once at once with the current key; a second 4002 is final', async () => {
    client.subscribe('quotes', ['AAPL']);
    client.start();
    latest().accept();
    latest().serverClose(4002);
    expect(sockets).toHaveLength(2);
    latest().accept();
    latest().serverClose(4002);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sockets).toHaveLength(2);
    expect(states.at(-1)).toMatchObject({ status: 'refused', code: 4002 });
  });

  for (const code of [4001, 4003]) {
    it(`does not reconnect after a close with ${code}: the key will not do`, async () => {
      client.subscribe('quotes', ['AAPL']);
      client.start();
      latest().accept();
      latest().push(quote('AAPL', 7));
      latest().serverClose(code, code === 4003 ? 'key revoked' : '');

      await vi.advanceTimersByTimeAsync(30_000);
      expect(sockets).toHaveLength(1);
      expect(states.at(-1)).toMatchObject({ status: 'refused', code });
      expect(client.isRunning()).toBe(false);
      if (code === 4003) expect(states.at(-1)).toMatchObject({ reason: 'key revoked' });
    });
  }

  it('after a refusal, start() (a new key) connects again and resumes where it was', async () => {
    client.subscribe('quotes', ['AAPL']);
    client.start();
    latest().accept();
    latest().push(quote('AAPL', 7));
    latest().serverClose(4001);

    client.start();
    expect(sockets).toHaveLength(2);
    latest().accept();
    expect(latest().sent).toEqual([{ action: 'subscribe', symbols: ['AAPL'], channels: ['quotes'], resume: { AAPL: 7 } }]);
    expect(states.at(-1)).toEqual({ status: 'open', reconnected: true });
  });

  it('stops retrying when the hub says the credential is refused after a failed upgrade', async () => {
    let authorized = true;
    const asked = vi.fn(async () => authorized);
    const guarded = new StreamClient({
      url: 'http://hub',
      socket: () => {
        const s = new ScriptedSocket();
        sockets.push(s);
        return s;
      },
      minDelayMs: 100,
      maxDelayMs: 400,
      authorized: asked,
    });
    const seen: ConnectionState[] = [];
    guarded.listen({ state: (s) => seen.push(s) });
    guarded.start();
    latest().refuse(); // the hub is down, or refuses the upgrade: a browser cannot tell
    await vi.advanceTimersByTimeAsync(800);
    expect(sockets).toHaveLength(2); // still authorized: the hub was only down
    authorized = false;
    latest().refuse();
    await vi.advanceTimersByTimeAsync(30_000);

    expect(sockets).toHaveLength(2);
    expect(asked).toHaveBeenCalledTimes(2);
    expect(seen.at(-1)).toMatchObject({ status: 'refused', code: 4001 });
  });

  it('a stop during the backoff wait ends that wait; a start after it runs one loop only', async () => {
    // Full jitter draws the first wait from [0, 100) ms: 1 time in 100 it is 0 ms, and the retry
    // then runs inside advanceTimersByTimeAsync(0), before the stop (the flake seen in CI at
    // f445064). A wait of 50 ms makes "during the wait" certain.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    client = newClient();
    client.start();
    latest().refuse();
    await vi.advanceTimersByTimeAsync(0);
    client.stop();
    client.start();
    expect(sockets).toHaveLength(2);
    latest().refuse();
    await vi.advanceTimersByTimeAsync(800);
    expect(sockets).toHaveLength(3); // one retry of the new loop, none of the stopped one
  });

  it('stops for good', async () => {
    client.start();
    latest().accept();
    client.stop();
    expect(latest().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(1);
    expect(states.at(-1)).toEqual({ status: 'stopped' });
  });
});
