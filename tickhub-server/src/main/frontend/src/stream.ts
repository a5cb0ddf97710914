// One native `/ws` connection shared by every view. It keeps what the views want subscribed, and
// after any drop (network, hub restart) it reconnects with jittered backoff and subscribes again
// with `resume` from the last seq it delivered, so a named symbol's updates continue without a
// gap or a duplicate (docs/protocol.md, "Resume"). The resume names the stream epoch those seqs
// came in: a hub of another epoch answers with a snapshot instead of replaying seqs that may
// name other updates there.
import pRetry from 'p-retry';
import type { BarUpdate, PriceUpdate, ServerMessage } from './messages';

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; reconnected: boolean }
  | { status: 'reconnecting'; attempt: number; reason: string }
  | { status: 'stopped' };

/** What the client needs of a browser WebSocket; tests pass a scripted one. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface StreamListener {
  quote?(update: PriceUpdate): void;
  bar?(update: BarUpdate): void;
  state?(state: ConnectionState): void;
}

export interface StreamOptions {
  socket?: (url: string) => SocketLike;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const WILDCARD = '*';
/** Silence longer than this many heartbeat intervals means the connection is dead. */
const SILENT_HEARTBEATS = 2.5;

export class StreamClient {
  /** channel → symbol → how many views want it. */
  private readonly wanted = new Map<string, Map<string, number>>();
  /** symbol → the last seq delivered and the stream epoch it came in. */
  private readonly lastSeqs = new Map<string, { seq: number; epoch: string | undefined }>();
  /** The epoch of the latest `connection` message: what seqs received from now on belong to. */
  private epoch: string | undefined;
  private readonly listeners = new Set<StreamListener>();
  private readonly openSocket: (url: string) => SocketLike;
  private socket: SocketLike | null = null;
  private live = false;
  private everOpened = false;
  private stopped = false;
  private heartbeatMs = 15_000;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private state: ConnectionState = { status: 'connecting', attempt: 1 };

  constructor(
    private readonly url: string,
    private readonly options: StreamOptions = {},
  ) {
    this.openSocket = options.socket ?? ((u) => new WebSocket(u) as unknown as SocketLike);
  }

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.watchdog);
    this.socket?.close(1000, 'dashboard closed');
    this.setState({ status: 'stopped' });
  }

  listen(listener: StreamListener): () => void {
    this.listeners.add(listener);
    listener.state?.(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Wants `symbols` on `channel` until the returned function is called. */
  subscribe(channel: string, symbols: string[]): () => void {
    const counts = this.wanted.get(channel) ?? new Map<string, number>();
    this.wanted.set(channel, counts);
    const fresh = symbols.filter((s) => {
      const n = counts.get(s) ?? 0;
      counts.set(s, n + 1);
      return n === 0;
    });
    if (fresh.length > 0 && this.live) this.sendSubscribe(channel, fresh);
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
      if (gone.length > 0 && this.live) this.send({ action: 'unsubscribe', symbols: gone, channels: [channel] });
    };
  }

  private async connect(): Promise<void> {
    try {
      await pRetry(() => this.open(), {
        forever: true,
        factor: 2,
        minTimeout: this.options.minDelayMs ?? 500,
        maxTimeout: this.options.maxDelayMs ?? 8_000,
        randomize: true,
        shouldRetry: () => !this.stopped,
        onFailedAttempt: (error) =>
          this.setState({ status: 'reconnecting', attempt: error.attemptNumber, reason: error.message }),
      });
    } catch {
      // Only a stop() ends the retries.
    }
  }

  /** Resolves once the socket is open; rejects if it closes first. */
  private open(): Promise<void> {
    if (this.state.status !== 'reconnecting') this.setState({ status: 'connecting', attempt: 1 });
    return new Promise<void>((resolve, reject) => {
      const socket = this.openSocket(this.url);
      this.socket = socket;
      let opened = false;
      socket.onopen = () => {
        opened = true;
        this.live = true;
        const reconnected = this.everOpened;
        this.everOpened = true;
        this.resubscribe();
        this.armWatchdog();
        this.setState({ status: 'open', reconnected });
        resolve();
      };
      socket.onmessage = (event) => {
        this.armWatchdog();
        if (typeof event.data === 'string') this.receive(event.data);
      };
      socket.onerror = () => {
        // A close event always follows; it decides.
      };
      socket.onclose = (event) => {
        if (opened) {
          this.drop(closeReason(event));
        } else {
          reject(new Error(`could not connect (${event.code || 'refused'})`));
        }
      };
    });
  }

  /** Named symbols go first, with `resume`, so a `*` snapshot cannot overtake their replay. */
  private resubscribe(): void {
    for (const [channel, counts] of this.wanted) {
      const named = [...counts.keys()].filter((s) => s !== WILDCARD);
      if (named.length > 0) this.sendSubscribe(channel, named);
      if (counts.has(WILDCARD)) this.sendSubscribe(channel, [WILDCARD]);
    }
  }

  private sendSubscribe(channel: string, symbols: string[]): void {
    const message: Record<string, unknown> = { action: 'subscribe', symbols, channels: [channel] };
    if (channel === 'quotes') {
      // On a reconnect this runs before the new `connection` message arrives, so `this.epoch` is
      // still the one the seqs came in. A seq of an older epoch is not resumed: a snapshot re-bases it.
      const resume: Record<string, number> = {};
      for (const s of symbols) {
        const last = this.lastSeqs.get(s);
        if (last !== undefined && s !== WILDCARD && last.epoch === this.epoch) resume[s] = last.seq;
      }
      if (Object.keys(resume).length > 0) {
        message.resume = resume;
        if (this.epoch !== undefined) message.epoch = this.epoch;
      }
    }
    this.send(message);
  }

  private send(message: unknown): void {
    this.socket?.send(JSON.stringify(message));
  }

  private receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    for (const message of (Array.isArray(parsed) ? parsed : [parsed]) as ServerMessage[]) {
      this.dispatch(message);
    }
  }

  private dispatch(message: ServerMessage): void {
    switch (message.type) {
      case 'connection':
        this.heartbeatMs = message.heartbeat_ms || this.heartbeatMs;
        this.epoch = message.epoch;
        this.armWatchdog();
        break;
      case 'price_update':
        if (this.accept(message)) this.listeners.forEach((l) => l.quote?.(message));
        break;
      case 'bar':
        this.listeners.forEach((l) => l.bar?.(message));
        break;
      case 'error':
        console.warn(`hub: ${message.code}: ${message.message}`);
        break;
      default:
        break;
    }
  }

  /**
   * A snapshot is the hub's word on where a symbol is, so it always counts (and re-bases the seq
   * after a hub whose seqs went back). Anything else at or below the last seq was delivered already.
   */
  private accept(update: PriceUpdate): boolean {
    const last = this.lastSeqs.get(update.symbol);
    if (!update.snapshot && last !== undefined && update.seq <= last.seq) return false;
    this.lastSeqs.set(update.symbol, { seq: update.seq, epoch: this.epoch });
    return true;
  }

  /**
   * Leaves a connection that closed or went silent and starts over. The old socket's handlers are
   * detached first: a browser may take a long time to report the close of a dead connection.
   */
  private drop(reason: string): void {
    const socket = this.socket;
    this.socket = null;
    this.live = false;
    clearTimeout(this.watchdog);
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      socket.close(1000, 'reconnecting');
    }
    if (this.stopped) return;
    this.setState({ status: 'reconnecting', attempt: 0, reason });
    void this.connect();
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    if (!this.live) return;
    this.watchdog = setTimeout(() => this.drop('no traffic from the hub'), this.heartbeatMs * SILENT_HEARTBEATS);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.listeners.forEach((l) => l.state?.(state));
  }
}

function closeReason(event: { code: number; reason: string }): string {
  if (event.code === 1001) return 'hub restarting';
  if (event.code === 4008) return 'too slow, conflated';
  return event.reason || `closed (${event.code})`;
}
