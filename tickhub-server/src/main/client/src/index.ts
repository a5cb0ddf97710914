export { TickhubClient } from './client.js';
export type { ClientOptions, SubscribeOptions, TokenSource } from './client.js';
export type {
  ClientEvents, ClientState, Counters, GapReport, LossReport, QuoteMeta, StaleReport, StateChange,
} from './events.js';
export { Backoff, parseRetryAfter } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { closeVerdict, httpVerdict, FINAL_CLOSE_CODES } from './closeCodes.js';
export type { CloseVerdict } from './closeCodes.js';
export type { QueuePolicy } from './inbox.js';
export type { Position } from './sequence.js';
export type { SocketLike, SocketFactory, FetchLike } from './transport.js';
export { EventStreamParser } from './transport.js';
export * from './messages.js';
