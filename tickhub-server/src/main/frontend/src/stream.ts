// The dashboard's one stream connection, shared by every view: @tickhub/client (src/main/client)
// does the connecting, backoff, resume per symbol with the epoch, duplicate and gap handling and
// the watchdog; this file only counts how many views want each symbol (a symbol stays subscribed
// while one view wants it) and turns the client's states into what the page shows.
//
// Credentials: the token callback is asked at each attempt, so a reconnect carries the tab's
// current key (`?token=`). A final close (4001 auth, 4003 forbidden, a second 4002) or a key the
// hub refuses at the upgrade (`authorized`, asked over REST since a browser hides the 401) ends in
// `refused`: the page asks for a key, and start() with the new one resumes where the stream was.
import { TickhubClient, type SocketLike, type StateChange, type SubscribeOptions } from '@tickhub/client';
import type { BarUpdate, PriceUpdate } from '@tickhub/client';

export type { SocketLike };

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; reconnected: boolean }
  | { status: 'reconnecting'; attempt: number; reason: string }
  /** The hub closed for authentication (or refused the key); not retried until start() again. */
  | { status: 'refused'; code: number; reason: string }
  | { status: 'stopped' };

export interface StreamListener {
  quote?(update: PriceUpdate): void;
  bar?(update: BarUpdate): void;
  state?(state: ConnectionState): void;
}

export interface StreamOptions {
  /** The hub's address, e.g. `http://127.0.0.1:8080` (default: the page's origin). */
  url?: string;
  /** The tab's current key, asked at each attempt. */
  token?: () => string | undefined;
  socket?: (url: string) => SocketLike;
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Asked after an attempt that failed before the socket opened: false means the hub refuses the
   * credential (no point retrying it), true (or a failure to ask) means keep trying.
   */
  authorized?: () => Promise<boolean>;
}

export class StreamClient {
  /** channel → symbol → how many views want it. */
  private readonly wanted = new Map<string, Map<string, number>>();
  private readonly listeners = new Set<StreamListener>();
  private readonly client: TickhubClient;
  private state: ConnectionState = { status: 'connecting', attempt: 1 };
  private everOpened = false;

  constructor(options: StreamOptions = {}) {
    this.client = new TickhubClient({
      url: options.url ?? location.origin,
      batch: true,
      ...(options.token ? { token: options.token } : {}),
      ...(options.socket ? { webSocket: options.socket } : {}),
      ...(options.authorized ? { authorized: options.authorized } : {}),
      backoff: { baseMs: options.minDelayMs ?? 500, maxMs: options.maxDelayMs ?? 8_000 },
    });
    this.client.on('state', (change) => this.setState(this.toConnectionState(change)));
    this.client.on('quote', (update) => this.listeners.forEach((l) => l.quote?.(update)));
    this.client.on('bar', (update) => this.listeners.forEach((l) => l.bar?.(update as BarUpdate)));
    this.client.on('error', (error) => console.warn(`hub: ${error.code}: ${error.message}`));
  }

  /** Connects, unless already running; after stop() or a refusal, starts over (with resume). */
  start(): void {
    if (this.isRunning()) return;
    this.client.start();
  }

  stop(): void {
    this.client.close();
  }

  isRunning(): boolean {
    return this.client.getState().state !== 'closed';
  }

  stats() {
    return this.client.stats();
  }

  listen(listener: StreamListener): () => void {
    this.listeners.add(listener);
    listener.state?.(this.state);
    return () => this.listeners.delete(listener);
  }

  /**
   * Wants `symbols` on `channel` until the returned function is called. `maxRate` applies from
   * the first view that wants a symbol (views of one symbol ask for the same).
   */
  subscribe(channel: string, symbols: string[], options: SubscribeOptions = {}): () => void {
    const counts = this.wanted.get(channel) ?? new Map<string, number>();
    this.wanted.set(channel, counts);
    const fresh = symbols.filter((s) => {
      const n = counts.get(s) ?? 0;
      counts.set(s, n + 1);
      return n === 0;
    });
    if (fresh.length > 0) this.client.subscribe(fresh, [channel], options);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const gone = symbols.filter((s) => {
        const n = (counts.get(s) ?? 1) - 1;
        if (n <= 0) counts.delete(s);
        else counts.set(s, n);
        return n <= 0;
      });
      if (gone.length > 0) this.client.unsubscribe(gone, [channel]);
    };
  }

  private toConnectionState(change: StateChange): ConnectionState {
    switch (change.state) {
      case 'connecting':
        return { status: 'connecting', attempt: change.attempt + 1 };
      case 'connected': {
        const reconnected = this.everOpened;
        this.everOpened = true;
        return { status: 'open', reconnected };
      }
      case 'reconnecting':
        return { status: 'reconnecting', attempt: change.attempt, reason: describeClose(change.code, change.reason) };
      case 'closed':
        return change.final
          ? { status: 'refused', code: change.code === 401 ? 4001 : change.code ?? 4001, reason: describeClose(change.code, change.reason) }
          : { status: 'stopped' };
    }
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.listeners.forEach((l) => l.state?.(state));
  }
}

function describeClose(code: number | undefined, reason: string | undefined): string {
  if (code === 1001) return 'hub restarting';
  if (code === 4008) return 'too slow, conflated';
  if (reason && !/^closed \(\d+\)$/.test(reason)) return reason;
  if (code === 4001) return 'authentication required or failed';
  if (code === 4002) return 'the key or token expired';
  if (code === 4003) return 'forbidden: the key was revoked or lacks the stream scope';
  return reason || `closed (${code})`;
}
