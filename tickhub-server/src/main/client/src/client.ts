// TickhubClient: one stream connection (WebSocket /ws or SSE /api/v1/stream) that stays up.
//
// States: connecting → connected → reconnecting → connected … → closed. A connection that ends
// is retried with full-jitter backoff (a Retry-After is a floor), unless the hub's answer is
// final (closeCodes.ts): then the client goes to `closed` with `final:true` and the code.
// After every reconnect it subscribes again, resuming each quote symbol from the last seq
// received, with the epoch those seqs came in; the hub replays what was missed or says it
// cannot (`recovered` complete:false, then a snapshot). Duplicates are dropped; a seq jump the
// hub did not explain with `conflated:n` is a gap, filled from REST history where the store has
// it, and otherwise reported as `lost`, never hidden. A connection silent for 2.5 heartbeats
// is dropped and reconnected; a symbol silent past `staleAfterMs` is reported `stale`. With
// several addresses (a cluster's gateways), each retry goes to the next one (endpoints.ts).
import { Backoff, parseRetryAfter, type BackoffOptions } from './backoff.js';
import { closeVerdict, httpVerdict, type CloseVerdict } from './closeCodes.js';
import { Endpoints } from './endpoints.js';
import {
  Emitter, zeroCounters, type ClientEvents, type Counters, type StateChange,
} from './events.js';
import { GapGate } from './gaps.js';
import { repairFromHistory, type Repair } from './history.js';
import { Delivery } from './delivery.js';
import type { QueuePolicy } from './inbox.js';
import { fromCompact, type CompactPriceUpdate, type PriceUpdate, type ServerMessage } from './messages.js';
import { SequenceTracker, type Position } from './sequence.js';
import {
  openEventStream, openWebSocket, type Ended, type FetchLike, type SocketFactory, type Transport,
} from './transport.js';

export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface ClientOptions {
  /**
   * The hub's base address, e.g. `http://127.0.0.1:8080` (`ws://` works too), or several (the
   * gateways of a cluster): the first is tried first, each retry goes to the next in turn.
   */
  url: string | readonly string[];
  /** Default `websocket`. SSE takes no messages: a change of subscriptions opens a new stream. */
  transport?: 'websocket' | 'sse';
  /** WebSocket only: `?batch=1`, several messages per frame (fewer, larger frames). */
  batch?: boolean;
  /** WebSocket only: `compact` price updates (a third of the bytes; no change, changePercent, provider). */
  format?: 'native' | 'compact';
  /** An API key or JWT, or a callback asked at every connect and on `auth` `expiring`. */
  token?: TokenSource;
  /**
   * Asked after a WebSocket attempt that failed before opening without an HTTP status (a browser
   * hides the upgrade's 401; Node's `ws` reports it, and a 401 or 403 then stops at once): false stops.
   */
  authorized?: () => Promise<boolean>;
  /** Default: the global WebSocket. In Node 20: `(url) => new WebSocket(url)` from `ws`. */
  webSocket?: SocketFactory;
  /** Default: the global fetch (SSE and gap repair). */
  fetch?: FetchLike;
  backoff?: BackoffOptions;
  /** The inbound queue: default 10,000 messages, policy `conflate` (see inbox.ts). */
  queue?: { capacity?: number; policy?: QueuePolicy };
  /** Report a subscribed quote symbol silent this long (ms); 0 (default) reports none. */
  staleAfterMs?: number;
  /** Fill gaps from REST history (default true); false reports every gap as lost. */
  repairGaps?: boolean;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
}

/** Options of one subscribe call. */
export interface SubscribeOptions {
  /**
   * WebSocket only: at most this many updates per second of each symbol of the call (0 < n ≤ 1000);
   * the hub holds the newest in between and marks it `conflated:n` (docs/protocol.md, maxRate).
   * Kept across reconnects. On `*` it limits every symbol not subscribed by name with its own.
   */
  maxRate?: number;
}

const SILENT_HEARTBEATS = 2.5;
const WATCHDOG_TICK_MS = 1000;
const WILDCARD = '*';

export class TickhubClient {
  private readonly events = new Emitter();
  private readonly counters: Counters = zeroCounters();
  private readonly tracker = new SequenceTracker();
  private readonly wanted = new Map<string, Set<string>>();
  /** channel → symbol → maxRate, for the symbols subscribed with one. */
  private readonly rates = new Map<string, Map<string, number>>();
  private readonly delivery: Delivery;
  private readonly backoff: Backoff;
  private readonly endpoints: Endpoints;
  private readonly now: () => number;
  private readonly gaps: GapGate;
  /** symbol → when it last had an update (or was subscribed), and whether it is reported stale. */
  private readonly seen = new Map<string, { at: number; stale: boolean }>();
  private state: StateChange = { state: 'closed', attempt: 0 };
  private transport: Transport | null = null;
  private running = false;
  private attempt = 0;
  private everConnected = false;
  /** A 4002 was answered with a fresh token; a second one before the connection lasted is final. */
  private refreshed = false;
  private connectedAt = 0;
  private heartbeatMs = 15_000;
  private lastTraffic = 0;
  private lastEventId: string | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  /** Counts connect() calls, so that only the latest one opens a connection. */
  private attempts = 0;

  constructor(private readonly options: ClientOptions) {
    this.backoff = new Backoff(options.backoff);
    this.endpoints = new Endpoints(options.url);
    this.now = options.now ?? Date.now;
    this.delivery = new Delivery(options.queue?.capacity ?? 10_000, options.queue?.policy ?? 'conflate', this.events,
      this.counters, () => this.tracker.currentEpoch(), this.now, () => this.overflowed());
    this.gaps = new GapGate(this.tracker, this.delivery, this.events, this.counters,
      options.repairGaps === false ? null : (...args) => this.repairFromHistory(...args));
  }

  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** Starts connecting; no-op while running. */
  start(): this {
    if (this.running) return this;
    this.running = true;
    this.attempt = 0;
    this.refreshed = false;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.checkStaleness(), WATCHDOG_TICK_MS);
    void this.connect();
    return this;
  }

  /** Closes for good (until start()). Positions are kept, so a later start() resumes. */
  close(): void {
    this.halt();
    this.setState({ state: 'closed', attempt: 0, reason: 'closed by the application', final: false });
  }

  getState(): StateChange {
    return this.state;
  }

  stats(): Counters {
    return { ...this.counters, queueSize: this.delivery.size(), queueHighWater: this.delivery.highWaterMark() };
  }

  /** The last seq received per symbol and its epoch, e.g. to persist and resume in another process. */
  positions(): ReadonlyMap<string, Position> {
    return this.delivery.delivered;
  }

  subscribe(symbols: string[], channels: string[] = ['quotes'], options: SubscribeOptions = {}): void {
    const fresh = new Map<string, string[]>();
    for (const channel of channels) {
      const set = this.wanted.get(channel) ?? new Set<string>();
      this.wanted.set(channel, set);
      const rates = this.rates.get(channel) ?? new Map<string, number>();
      this.rates.set(channel, rates);
      // A symbol subscribed again with another maxRate is sent again, so the hub applies the new one.
      const added = symbols.map((s) => (s === WILDCARD ? s : s.toUpperCase()))
        .filter((s) => !set.has(s) || rates.get(s) !== options.maxRate);
      added.forEach((s) => {
        set.add(s);
        if (options.maxRate === undefined) rates.delete(s);
        else rates.set(s, options.maxRate);
      });
      if (added.length > 0) fresh.set(channel, added);
      if (channel === 'quotes') added.forEach((s) => this.seen.set(s, { at: this.now(), stale: false }));
    }
    if (fresh.size === 0) return;
    if (this.options.transport === 'sse') this.restartEventStream();
    else if (this.state.state === 'connected') for (const [channel, added] of fresh) this.sendSubscribe(channel, added);
  }

  unsubscribe(symbols: string[], channels: string[] = ['quotes']): void {
    for (const channel of channels) {
      const set = this.wanted.get(channel);
      if (!set) continue;
      const gone = symbols.map((s) => (s === WILDCARD ? s : s.toUpperCase())).filter((s) => set.delete(s));
      if (gone.length === 0) continue;
      gone.forEach((s) => this.rates.get(channel)?.delete(s));
      if (channel === 'quotes') gone.forEach((s) => this.seen.delete(s));
      if (this.options.transport !== 'sse' && this.state.state === 'connected') {
        this.transport?.send(JSON.stringify({ action: 'unsubscribe', symbols: gone, channels: [channel] }));
      }
    }
    if (this.options.transport === 'sse') this.restartEventStream();
  }

  // ---- connecting ----

  private async connect(): Promise<void> {
    if (!this.running) return;
    const attempt = ++this.attempts;
    if (this.state.state !== 'reconnecting') this.setState({ state: 'connecting', attempt: this.attempt });
    let token: string | undefined;
    try {
      // A callback that answers at once connects in the same turn: no await, no delay.
      const source = this.options.token;
      const value = typeof source === 'function' ? source() : source;
      token = value instanceof Promise ? await value : value;
    } catch (e) {
      this.retry({ code: 0, reason: `the token callback failed: ${(e as Error).message}`, opened: false });
      return;
    }
    if (!this.running || attempt !== this.attempts) return; // stopped, or a later connect() took over
    const handlers = {
      open: () => this.opened(),
      message: (text: string, id?: string) => this.received(text, id),
      end: (ended: Ended) => void this.ended(ended),
    };
    if (this.options.transport === 'sse') {
      const query = this.sseQuery();
      if (query === null) return; // nothing subscribed yet: subscribe() connects
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      this.transport = openEventStream(`${this.httpBase()}/api/v1/stream?${query}`, headers, this.fetcher(), handlers);
    } else {
      const url = new URL(`${this.wsBase()}/ws`);
      if (this.options.batch) url.searchParams.set('batch', '1');
      if (this.options.format === 'compact') url.searchParams.set('format', 'compact');
      if (token) url.searchParams.set('token', token);
      const factory = this.options.webSocket ?? ((u: string) => new WebSocket(u) as unknown as ReturnType<SocketFactory>);
      this.transport = openWebSocket(url.toString(), factory, handlers);
    }
  }

  private opened(): void {
    this.lastTraffic = this.connectedAt = this.now();
    if (this.everConnected) this.counters.reconnects++;
    this.everConnected = true;
    this.attempt = 0;
    if (this.options.transport !== 'sse') this.resubscribe();
    this.setState({ state: 'connected', attempt: 0 });
  }

  private async ended(ended: Ended): Promise<void> {
    this.transport = null;
    if (!this.running) return;
    let verdict: CloseVerdict;
    if (ended.httpStatus !== undefined) {
      verdict = httpVerdict(ended.httpStatus, parseRetryAfter(ended.retryAfter, this.now()));
    } else if (ended.opened) {
      verdict = closeVerdict(ended.code);
    } else if (await this.refusedAtUpgrade()) {
      if (!this.running) return;
      // A browser hides the upgrade's 401; `authorized` found it out over REST.
      ended = { ...ended, httpStatus: 401, reason: 'the hub refused the credential' };
      verdict = { kind: 'final' };
    } else {
      if (!this.running) return;
      verdict = { kind: 'retry' };
    }
    if (verdict.kind === 'final' || (verdict.kind === 'refresh' && this.refreshed)) {
      this.halt();
      this.setState({ state: 'closed', attempt: this.attempt, reason: ended.reason || `closed (${ended.code})`, code: ended.httpStatus ?? ended.code, final: true });
      return;
    }
    if (verdict.kind === 'refresh') {
      this.refreshed = true;
      this.setState({ state: 'reconnecting', attempt: this.attempt, reason: ended.reason || 'token expired', code: ended.code, delayMs: 0 });
      void this.connect();
      return;
    }
    this.retry(ended, verdict.retryAfterMs);
  }

  private retry(ended: Ended, retryAfterMs?: number): void {
    const delayMs = this.backoff.delay(this.attempt, retryAfterMs);
    this.attempt++;
    this.setState({ state: 'reconnecting', attempt: this.attempt, reason: ended.reason || `closed (${ended.code})`, code: ended.httpStatus ?? ended.code, delayMs });
    this.endpoints.advance();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delayMs);
  }

  private async refusedAtUpgrade(): Promise<boolean> {
    if (!this.options.authorized) return false;
    try {
      return !(await this.options.authorized());
    } catch {
      return false;
    }
  }

  private halt(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    const transport = this.transport;
    this.transport = null;
    transport?.close('client closed');
  }

  /** Leaves a live connection (silent, or the queue overflowed) and reconnects, resuming. */
  private drop(reason: string): void {
    const transport = this.transport;
    this.transport = null;
    transport?.close(reason);
    if (this.running) this.retry({ code: 1006, reason, opened: true });
  }

  private restartEventStream(): void {
    if (!this.running) return;
    if (this.transport) {
      // Reopened right away with the new symbols and Last-Event-ID, not through the backoff.
      const transport = this.transport;
      this.transport = null;
      transport.close('subscriptions changed');
      void this.connect();
    } else if (this.state.state === 'connecting') {
      void this.connect();
    }
  }

  // ---- subscribing ----

  /** Named symbols first, with `resume`, so a `*` snapshot cannot overtake their replay. */
  private resubscribe(): void {
    for (const [channel, symbols] of this.wanted) {
      const named = [...symbols].filter((s) => s !== WILDCARD);
      if (named.length > 0) this.sendSubscribe(channel, named);
      if (symbols.has(WILDCARD)) this.sendSubscribe(channel, [WILDCARD]);
    }
  }

  /** One subscribe per maxRate among `symbols` (none first), each with its resume. */
  private sendSubscribe(channel: string, symbols: string[]): void {
    const byRate = new Map<number | undefined, string[]>();
    for (const s of symbols) {
      const rate = this.rates.get(channel)?.get(s);
      byRate.set(rate, [...(byRate.get(rate) ?? []), s]);
    }
    for (const [rate, group] of byRate) {
      const message: Record<string, unknown> = { action: 'subscribe', symbols: group, channels: [channel] };
      if (rate !== undefined) message.maxRate = rate;
      if (channel === 'quotes') {
        const { resume, epoch } = this.tracker.resumeFor(group);
        if (Object.keys(resume).length > 0) {
          message.resume = resume;
          if (epoch !== undefined) message.epoch = epoch;
        }
      }
      this.transport?.send(JSON.stringify(message));
    }
  }

  private sseQuery(): string | null {
    const symbols = new Set<string>();
    const channels: string[] = [];
    for (const [channel, set] of this.wanted) {
      if (set.size === 0) continue;
      channels.push(channel);
      set.forEach((s) => symbols.add(s));
    }
    if (symbols.size === 0) return null;
    return new URLSearchParams({ symbols: [...symbols].join(','), channels: channels.join(',') }).toString();
  }

  // ---- receiving ----

  private received(text: string, eventId?: string): void {
    this.lastTraffic = this.now();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    for (const raw of Array.isArray(parsed) ? parsed : [parsed]) {
      this.counters.received++;
      const message = isCompact(raw) ? fromCompact(raw) : (raw as ServerMessage);
      this.handle(message);
    }
    if (eventId) this.lastEventId = eventId;
  }

  private handle(message: ServerMessage): void {
    switch (message.type) {
      case 'connection':
        this.heartbeatMs = message.heartbeat_ms || this.heartbeatMs;
        this.tracker.setEpoch(message.epoch);
        if (message.auth === 'required') void this.sendAuth();
        break;
      case 'auth':
        if (message.status === 'expiring') void this.sendAuth();
        break;
      case 'price_update':
        this.receiveQuote(message);
        return;
      case 'error':
        this.events.emit('error', { code: message.code, message: message.message });
        break;
      default:
        break;
    }
    this.enqueue(message);
  }

  private receiveQuote(update: PriceUpdate): void {
    const seen = this.seen.get(update.symbol);
    if (seen) {
      seen.at = this.now();
      seen.stale = false;
    }
    this.gaps.receive(update);
  }

  private async repairFromHistory(symbol: string, after: Position, from: number, to: number): Promise<Repair> {
    const token = await this.token();
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return repairFromHistory(this.fetcher(), this.httpBase(), headers, symbol, after.epoch, after.ts, from, to);
  }

  private async sendAuth(): Promise<void> {
    const token = await this.token();
    if (token && this.transport && this.options.transport !== 'sse') this.transport.send(JSON.stringify({ action: 'auth', token }));
  }

  // ---- delivering ----

  private enqueue(message: ServerMessage): void {
    this.delivery.enqueue(message);
  }

  /** After an inbound overflow: forget what was received but not delivered, and resume from there. */
  private overflowed(): void {
    this.gaps.clear();
    this.tracker.restore(this.delivery.delivered);
    this.drop('inbound queue overflow');
  }

  // ---- watching ----

  private checkStaleness(): void {
    const now = this.now();
    if (this.state.state === 'connected' && now - this.connectedAt > this.heartbeatMs) this.refreshed = false;
    if (this.state.state === 'connected' && now - this.lastTraffic > this.heartbeatMs * SILENT_HEARTBEATS) {
      this.counters.stale++;
      this.events.emit('stale', { symbol: null, silentMs: now - this.lastTraffic });
      this.drop('no traffic from the hub');
      return;
    }
    const limit = this.options.staleAfterMs ?? 0;
    if (limit <= 0 || this.state.state !== 'connected') return;
    for (const [symbol, seen] of this.seen) {
      if (symbol === WILDCARD || seen.stale || now - seen.at < limit) continue;
      seen.stale = true;
      this.counters.stale++;
      this.events.emit('stale', { symbol, silentMs: now - seen.at });
    }
  }

  // ---- helpers ----

  private setState(change: StateChange): void {
    this.state = { ...change, endpoint: this.endpoints.http() };
    this.events.emit('state', this.state);
  }

  private async token(): Promise<string | undefined> {
    const source = this.options.token;
    return typeof source === 'function' ? await source() : source;
  }

  private fetcher(): FetchLike {
    return this.options.fetch ?? ((...args) => fetch(...args));
  }

  private httpBase(): string {
    return this.endpoints.http();
  }

  private wsBase(): string {
    return this.endpoints.ws();
  }
}

function isCompact(raw: unknown): raw is CompactPriceUpdate {
  return typeof raw === 'object' && raw !== null && !('type' in raw) && 's' in raw && 'q' in raw;
}
