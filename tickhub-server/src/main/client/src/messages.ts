// The native stream's messages (docs/protocol.md), as /ws and /api/v1/stream send them. The
// AsyncAPI document (tickhub-server/src/main/resources/asyncapi/tickhub.yaml) describes the same
// messages; asyncapi.test.ts checks that every type here has exactly the properties its schema
// there has, using the field lists below, which the compiler checks against the types.

export interface PriceData {
  price: number;
  volume: number | null;
  timestamp: number;
  bid: number | null;
  ask: number | null;
  change: number | null;
  changePercent: number | null;
  /** The previous session's close (or the first price the hub accepted until it has seen one); `change` is against it. */
  previousClose: number | null;
  /** NYSE/Nasdaq session at the provider's time (null only when read from a compact update, which lacks it). */
  marketState: 'PRE' | 'REGULAR' | 'POST' | 'CLOSED' | null;
  provider: string;
}

export interface PriceUpdate {
  type: 'price_update';
  symbol: string;
  seq: number;
  /** Hub acceptance time, epoch microseconds. */
  ts: number;
  data: PriceData;
  snapshot?: boolean;
  /** How many updates of the symbol the hub skipped for this client before this one. */
  conflated?: number;
}

/** `?format=compact`: a price update with short keys. */
export interface CompactPriceUpdate {
  s: string;
  q: number;
  ts: number;
  p: number;
  v: number;
  b?: number;
  a?: number;
  snapshot?: boolean;
  conflated?: number;
}

export interface BarData {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  closed: boolean;
  revised?: boolean;
}

export interface BarUpdate {
  type: 'bar';
  symbol: string;
  interval: string;
  data: BarData;
}

export interface NewsItem {
  id: string;
  symbols: string[];
  headline: string;
  summary: string | null;
  source: string | null;
  url: string | null;
  published: string;
}

export interface NewsUpdate {
  type: 'news';
  data: NewsItem;
}

export interface Limits {
  max_symbols: number;
  max_subscriptions: number;
  max_messages_per_second: number;
  max_frame_bytes: number;
}

export interface Connection {
  type: 'connection';
  status: 'connected';
  auth?: 'required';
  client_id: string;
  /** The stream epoch the seqs of this connection belong to; sent back with a `resume`. */
  epoch: string;
  heartbeat_ms: number;
  server: string;
  limits: Limits;
}

export interface Recovered {
  type: 'recovered';
  symbol: string;
  from: number;
  to: number;
  complete: boolean;
  epoch: string;
}

export interface Heartbeat {
  type: 'heartbeat';
  ts: number;
  seqs: Record<string, number>;
}

/** A subscribed symbol has had no update for the hub's stale-after time; its next `price_update` ends it. */
export interface Stale {
  type: 'stale';
  symbol: string;
  /** Seq of the symbol's latest update. */
  seq: number;
  /** Hub time of that update, epoch microseconds. */
  ts: number;
}

export interface Rejection {
  symbol: string;
  reason: string;
  channel?: string;
}

export interface Subscription {
  type: 'subscription';
  status: 'subscribed' | 'unsubscribed';
  symbols: string[];
  accepted: string[];
  rejected: Rejection[];
  channels: string[];
}

export interface Subscriptions {
  type: 'subscriptions';
  channels: Record<string, string[]>;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
  symbols?: string[];
}

export interface AuthMessage {
  type: 'auth';
  status: 'ok' | 'expiring';
  subject?: string;
  scopes?: string[];
  expires_at: string | null;
}

export interface Pong {
  type: 'pong';
  id?: unknown;
}

/** SSE only: the last event before the hub ends a stream. */
export interface CloseMessage {
  type: 'close';
  code: number;
  reason: string;
}

export type ServerMessage =
  | PriceUpdate
  | BarUpdate
  | NewsUpdate
  | Connection
  | Recovered
  | Heartbeat
  | Stale
  | Subscription
  | Subscriptions
  | ErrorMessage
  | AuthMessage
  | Pong
  | CloseMessage;

/** Every key of T, no more and no fewer: the compiler rejects a list that drifts from its type. */
const fields =
  <T>() =>
  <const K extends Record<keyof T, true>>(keys: K & Record<Exclude<keyof K, keyof T>, never>): string[] =>
    Object.keys(keys);

/** The properties of each message type, for the check against the AsyncAPI schemas. */
export const MESSAGE_FIELDS: Record<string, string[]> = {
  PriceUpdate: fields<PriceUpdate>()({ type: true, symbol: true, seq: true, ts: true, data: true, snapshot: true, conflated: true }),
  PriceData: fields<PriceData>()({ price: true, volume: true, timestamp: true, bid: true, ask: true, change: true, changePercent: true, previousClose: true, marketState: true, provider: true }),
  CompactPriceUpdate: fields<CompactPriceUpdate>()({ s: true, q: true, ts: true, p: true, v: true, b: true, a: true, snapshot: true, conflated: true }),
  BarUpdate: fields<BarUpdate>()({ type: true, symbol: true, interval: true, data: true }),
  BarData: fields<BarData>()({ t: true, o: true, h: true, l: true, c: true, v: true, n: true, closed: true, revised: true }),
  NewsUpdate: fields<NewsUpdate>()({ type: true, data: true }),
  NewsItem: fields<NewsItem>()({ id: true, symbols: true, headline: true, summary: true, source: true, url: true, published: true }),
  Connection: fields<Connection>()({ type: true, status: true, auth: true, client_id: true, epoch: true, heartbeat_ms: true, server: true, limits: true }),
  Limits: fields<Limits>()({ max_symbols: true, max_subscriptions: true, max_messages_per_second: true, max_frame_bytes: true }),
  Recovered: fields<Recovered>()({ type: true, symbol: true, from: true, to: true, complete: true, epoch: true }),
  Heartbeat: fields<Heartbeat>()({ type: true, ts: true, seqs: true }),
  Stale: fields<Stale>()({ type: true, symbol: true, seq: true, ts: true }),
  Subscription: fields<Subscription>()({ type: true, status: true, symbols: true, accepted: true, rejected: true, channels: true }),
  Rejection: fields<Rejection>()({ symbol: true, reason: true, channel: true }),
  Subscriptions: fields<Subscriptions>()({ type: true, channels: true }),
  ErrorMessage: fields<ErrorMessage>()({ type: true, code: true, message: true, symbols: true }),
  AuthMessage: fields<AuthMessage>()({ type: true, status: true, subject: true, scopes: true, expires_at: true }),
  Pong: fields<Pong>()({ type: true, id: true }),
  CloseMessage: fields<CloseMessage>()({ type: true, code: true, reason: true }),
};

/** Reads a compact update as a `price_update` (fields the compact form lacks are null). */
export function fromCompact(m: CompactPriceUpdate): PriceUpdate {
  const update: PriceUpdate = {
    type: 'price_update',
    symbol: m.s,
    seq: m.q,
    ts: m.ts,
    data: { price: m.p, volume: m.v, timestamp: Math.floor(m.ts / 1000), bid: m.b ?? null, ask: m.a ?? null, change: null, changePercent: null, previousClose: null, marketState: null, provider: '' },
  };
  if (m.snapshot) update.snapshot = true;
  if (m.conflated !== undefined) update.conflated = m.conflated;
  return update;
}
