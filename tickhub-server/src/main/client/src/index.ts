export { TickhubClient } from './client';
export type { ClientOptions, TokenSource } from './client';
export type {
  ClientEvents, ClientState, Counters, GapReport, LossReport, QuoteMeta, StaleReport, StateChange,
} from './events';
export { Backoff, parseRetryAfter } from './backoff';
export type { BackoffOptions } from './backoff';
export { closeVerdict, httpVerdict, FINAL_CLOSE_CODES } from './closeCodes';
export type { CloseVerdict } from './closeCodes';
export type { QueuePolicy } from './inbox';
export type { Position } from './sequence';
export type { SocketLike, SocketFactory, FetchLike } from './transport';
export { EventStreamParser } from './transport';
export * from './messages';
