// Test doubles: a scripted WebSocket the tests drive frame by frame, and a hub's history route.
import type { SocketLike } from './transport.js';

export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readonly sent: unknown[] = [];
  closed: { code?: number; reason?: string } | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static latest(): FakeSocket {
    const socket = FakeSocket.all.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  /** The hub accepts: open, then its `connection` message. */
  accept(epoch = 'e1', heartbeatMs = 15_000): void {
    this.onopen?.({});
    this.push({ type: 'connection', status: 'connected', client_id: 'c', epoch, heartbeat_ms: heartbeatMs, server: 't', limits: {} });
  }

  push(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  end(code: number, reason = ''): void {
    this.onclose?.({ code, reason });
  }

  /** The hub refuses the upgrade, as Node's `ws` reports it: an error naming the status, then 1006. */
  refuse(status: number): void {
    this.onerror?.({ message: `Unexpected server response: ${status}` });
    this.onclose?.({ code: 1006, reason: '' });
  }
}

export function quote(symbol: string, seq: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'price_update', symbol, seq, ts: 1_700_000_000_000_000 + seq * 1000,
    data: { price: 100 + seq, volume: 1, timestamp: 1_700_000_000_000 + seq, bid: null, ask: null, change: null, changePercent: null, previousClose: null, marketState: 'REGULAR', provider: 'test' },
    ...extra,
  };
}

export function tick(seq: number): Record<string, unknown> {
  return {
    seq, ts: 1_700_000_000_000_000 + seq * 1000, price: 100 + seq, bid: null, ask: null, volume: 1, provider: 'test',
    providerTime: '2023-11-14T22:13:20Z', hubTime: '2023-11-14T22:13:20Z',
  };
}
