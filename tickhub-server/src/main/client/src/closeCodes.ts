// Which ends of a connection are worth another attempt (docs/protocol.md "Close codes",
// docs/security.md). A final one stops the client in `closed` with the reason: retrying would
// only be refused again, or would break a limit the hub set on purpose.

export type CloseVerdict =
  /** Reconnect with backoff, resuming. */
  | { kind: 'retry'; retryAfterMs?: number }
  /** Reconnect once with a fresh credential from the callback (4002 token expired). */
  | { kind: 'refresh' }
  /** Stop: nothing changes by trying again. */
  | { kind: 'final' };

/** WebSocket close codes that end the client. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  1002, // protocol error: a bug in the client
  1003, // unsupported data
  1007, // invalid UTF-8
  1008, // policy: the key's subscriptions or upstream symbols (compat routes)
  1009, // a message larger than max_frame_bytes
  4001, // no successful auth in time
  4003, // forbidden: key revoked or no stream scope
  4004, // ticker not found
  4006, // the key holds its maximum of streaming connections
]);

export function closeVerdict(code: number): CloseVerdict {
  if (FINAL_CLOSE_CODES.has(code)) return { kind: 'final' };
  if (code === 4002) return { kind: 'refresh' };
  // 1000, 1001 (shutdown or ping timeout), 1006 (dropped), 1011, 4008 (slow consumer), 4029 (rate).
  return { kind: 'retry' };
}

/**
 * An HTTP answer to the upgrade or to the SSE request: 401 and 403 are final (the credential will
 * not do), 429 and 503 wait for their Retry-After, other 4xx are final, 5xx retry.
 */
export function httpVerdict(status: number, retryAfterMs: number | undefined): CloseVerdict {
  if (status === 429 || status === 503) return retryAfterMs === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs };
  if (status >= 400 && status < 500) return { kind: 'final' };
  return { kind: 'retry' };
}
