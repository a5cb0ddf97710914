// The native protocol's server messages the dashboard reads (docs/protocol.md).
import type { Bar, Interval } from './api';

export interface PriceData {
  price: number;
  volume: number | null;
  timestamp: number;
  bid: number | null;
  ask: number | null;
  change: number | null;
  changePercent: number | null;
  /** The previous session's close; `change` is against it. */
  previousClose?: number | null;
  marketState?: 'PRE' | 'REGULAR' | 'POST' | 'CLOSED' | null;
  provider: string;
}

export interface PriceUpdate {
  type: 'price_update';
  symbol: string;
  seq: number;
  ts: number;
  data: PriceData;
  snapshot?: boolean;
  conflated?: number;
}

export interface BarUpdate {
  type: 'bar';
  symbol: string;
  interval: Interval;
  data: Bar;
}

export interface Connected {
  type: 'connection';
  client_id: string;
  heartbeat_ms: number;
  /** The stream epoch the seqs of this connection belong to; sent back with a `resume`. */
  epoch?: string;
}

export interface Recovered {
  type: 'recovered';
  symbol: string;
  from: number;
  to: number;
  complete: boolean;
  epoch?: string;
}

export interface Heartbeat {
  type: 'heartbeat';
  ts: number;
  seqs: Record<string, number>;
}

export interface SubscriptionReply {
  type: 'subscription';
  status: string;
  accepted: string[];
  rejected: { symbol: string; reason: string; channel?: string }[];
  channels: string[];
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
}

export type ServerMessage =
  | PriceUpdate
  | BarUpdate
  | Connected
  | Recovered
  | Heartbeat
  | SubscriptionReply
  | ErrorMessage
  | { type: 'pong' | 'subscriptions' | 'news' };
