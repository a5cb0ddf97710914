// The two ways to the hub: a native WebSocket (/ws) and Server-Sent Events (/api/v1/stream) read
// through fetch, which, unlike EventSource, sees the HTTP status and Retry-After of a refusal and
// can send the credential in a header. Either reports text messages and one end.

/** How a connection ended: a close code, or the HTTP status of a refused request. */
export interface Ended {
  code: number;
  reason: string;
  /** The HTTP status when the hub refused the request itself (SSE, or a WebSocket library that tells). */
  httpStatus?: number;
  retryAfter?: string | null;
  /** Whether the connection had opened before it ended. */
  opened: boolean;
}

export interface TransportHandlers {
  open(): void;
  message(text: string, lastEventId?: string): void;
  end(ended: Ended): void;
}

export interface Transport {
  send(text: string): void;
  close(reason: string): void;
}

/** What the client needs of a WebSocket: the browser's, Node's `ws`, or a test double. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export function openWebSocket(url: string, factory: SocketFactory, on: TransportHandlers): Transport {
  const socket = factory(url);
  let opened = false;
  let done = false;
  let refusedWith: number | undefined;
  const detach = () => {
    done = true;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
  };
  socket.onopen = () => {
    opened = true;
    on.open();
  };
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') on.message(event.data);
    else if (event.data != null && typeof (event.data as { toString(): string }).toString === 'function' && !(event.data instanceof ArrayBuffer)) {
      on.message(String(event.data));
    }
  };
  socket.onerror = (event) => {
    // A close always follows and decides. Node's `ws` says why an upgrade failed, so a 401 is
    // final there without asking `authorized`; a browser never tells (see ClientOptions.authorized).
    if (!opened) refusedWith = upgradeStatus(event) ?? refusedWith;
  };
  socket.onclose = (event) => {
    if (done) return;
    detach();
    if (refusedWith !== undefined) {
      on.end({ code: event.code, reason: `the hub refused the upgrade with HTTP ${refusedWith}`, httpStatus: refusedWith, opened });
    } else {
      on.end({ code: event.code, reason: event.reason, opened });
    }
  };
  return {
    send: (text) => socket.send(text),
    close: (reason) => {
      if (done) return;
      detach();
      socket.close(1000, reason);
    },
  };
}

/** The HTTP status in `ws`'s error for a refused upgrade ("Unexpected server response: 401"). */
function upgradeStatus(event: unknown): number | undefined {
  const message = (event as { message?: unknown } | null)?.message;
  const status = typeof message === 'string' ? /^Unexpected server response: (\d{3})$/.exec(message)?.[1] : undefined;
  return status === undefined ? undefined : Number(status);
}

export type FetchLike = typeof fetch;

/** One SSE request; `headers` carries the credential and Last-Event-ID. */
export function openEventStream(
  url: string,
  headers: Record<string, string>,
  fetcher: FetchLike,
  on: TransportHandlers,
): Transport {
  const abort = new AbortController();
  let done = false;
  let opened = false;
  const end = (ended: Omit<Ended, 'opened'>) => {
    if (done) return;
    done = true;
    abort.abort();
    on.end({ ...ended, opened });
  };
  void (async () => {
    let response: Response;
    try {
      response = await fetcher(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
    } catch (e) {
      end({ code: 1006, reason: `could not connect (${(e as Error).message})` });
      return;
    }
    if (!response.ok || response.body === null) {
      end({ code: 1006, reason: `HTTP ${response.status}`, httpStatus: response.status, retryAfter: response.headers.get('Retry-After') });
      return;
    }
    opened = true;
    on.open();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new EventStreamParser((data, id) => {
      if (done) return;
      const close = closeEvent(data);
      if (close) end(close);
      else on.message(data, id);
    });
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        parser.push(value);
      }
      end({ code: 1006, reason: 'stream ended' });
    } catch (e) {
      end({ code: 1006, reason: `stream broken (${(e as Error).message})` });
    }
  })();
  return {
    send: () => {
      throw new Error('an SSE stream takes no messages');
    },
    close: () => {
      done = true;
      abort.abort();
    },
  };
}

function closeEvent(data: string): { code: number; reason: string } | undefined {
  if (!data.startsWith('{"type":"close"')) return undefined;
  try {
    const m = JSON.parse(data) as { code: number; reason: string };
    return { code: m.code, reason: m.reason };
  } catch {
    return undefined;
  }
}

/**
 * The text/event-stream format (WHATWG HTML, "Server-sent events"): `data:` lines joined by
 * newlines, dispatched at a blank line; `id:` kept; comments (`: ping`) and `event:` names ignored,
 * since every Tickhub event's JSON carries its `type`, named events or not.
 */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private id: string | undefined;

  constructor(private readonly dispatch: (data: string, id: string | undefined) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.dispatch(this.data.join('\n'), this.id);
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}
