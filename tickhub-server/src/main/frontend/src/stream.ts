// One native `/ws` connection shared by every view. It keeps what the views want subscribed, and
// after any drop (network, hub restart) it reconnects with jittered backoff and subscribes again
// with `resume` from the last seq it delivered, so a named symbol's updates continue without a
// gap or a duplicate (docs/protocol.md, "Resume"). The resume names the stream epoch those seqs
// came in: a hub of another epoch answers with a snapshot instead of replaying seqs that may
// name other updates there.
//
// Credentials: the address is asked for at each attempt, so it carries the tab's current key
// (`?token=`). A close for authentication (4001 failed or missing, 4002 expired, 4003 forbidden,
// docs/protocol.md) is not retried with the same key: the client stops with `refused` and the page
// asks for a key. A hub that refuses the key at the upgrade (HTTP 401) looks to a browser like any
// failed connection, so after each failed attempt `authorized` (if given) asks the hub over REST.
import pRetry, { AbortError } from 'p-retry';
import type { BarUpdate, PriceUpdate, ServerMessage } from './messages';

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; reconnected: boolean }
  | { status: 'reconnecting'; attempt: number; reason: string }
  /** The hub closed for authentication (or refused the key); not retried until start() again. */
  | { status: 'refused'; code: number; reason: string }
  | { status: 'stopped' };

/** The close codes that mean "this credential will not do" (docs/protocol.md, close codes). */
export const AUTH_CLOSE_CODES: ReadonlySet<number> = new Set([4001, 4002, 4003]);

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
  /**
   * Asked after an attempt that failed before the socket opened: false means the hub refuses the
   * credential (no point retrying it), true (or a failure to ask) means keep trying.
   */
  authorized?: () => Promise<boolean>;
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
  private stopped = true;
  /** Ends the current run's retries (its backoff timer included) when stopped. */
  private run: AbortController | null = null;
  private heartbeatMs = 15_000;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private state: ConnectionState = { status: 'connecting', attempt: 1 };

  constructor(
    private readonly url: string | (() => string),
    private readonly options: StreamOptions = {},
  ) {
    this.openSocket = options.socket ?? ((u) => new WebSocket(u) as unknown as SocketLike);
  }

  /** Connects, unless already running; after stop() or a refusal, starts over (with resume). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.halt('dashboard closed');
    this.setState({ status: 'stopped' });
  }

  isRunning(): boolean {
    return !this.stopped;
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
    const run = new AbortController();
    this.run = run;
    try {
      await pRetry(() => this.open(), {
        forever: true,
        factor: 2,
        minTimeout: this.options.minDelayMs ?? 500,
        maxTimeout: this.options.maxDelayMs ?? 8_000,
        randomize: true,
        signal: run.signal,
        shouldRetry: async (error) => !run.signal.aborted && !(await this.refusedAt(error as Error, run)),
        onFailedAttempt: (error) => {
          if (!run.signal.aborted) this.setState({ status: 'reconnecting', attempt: error.attemptNumber, reason: error.message });
        },
      });
    } catch {
      // Only stop() or a refusal ends the retries; each has set the state.
    }
  }

  /** After an attempt that never opened: whether the hub refuses the credential (then stops). */
  private async refusedAt(error: Error, run: AbortController): Promise<boolean> {
    if (!this.options.authorized) return false;
    let authorized: boolean;
    try {
      authorized = await this.options.authorized();
    } catch {
      return false;
    }
    if (authorized || run.signal.aborted) return false;
    this.refuse(4001, `the hub refused the credential (${error.message})`);
    return true;
  }

  /** Stops for a credential that will not do: no retry until start(). */
  private refuse(code: number, reason: string): void {
    this.halt('credential refused');
    this.setState({ status: 'refused', code, reason });
  }

  private halt(reason: string): void {
    this.stopped = true;
    this.live = false;
    this.run?.abort();
    this.run = null;
    clearTimeout(this.watchdog);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      socket.close(1000, reason);
    }
  }

  /** Resolves once the socket is open; rejects if it closes first. */
  private open(): Promise<void> {
    if (this.state.status !== 'reconnecting') this.setState({ status: 'connecting', attempt: 1 });
    return new Promise<void>((resolve, reject) => {
      const socket = this.openSocket(typeof this.url === 'string' ? this.url : this.url());
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
        if (AUTH_CLOSE_CODES.has(event.code)) {
          this.refuse(event.code, closeReason(event));
          if (!opened) reject(new AbortError(closeReason(event)));
        } else if (opened) {
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
  if (event.reason) return event.reason;
  if (event.code === 4001) return 'authentication required or failed';
  if (event.code === 4002) return 'the key or token expired';
  if (event.code === 4003) return 'forbidden: the key was revoked or lacks the stream scope';
  return event.reason || `closed (${event.code})`;
}
