import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TickhubClient } from './client.js';
import { EventStreamParser } from './transport.js';
import { quote } from './testing.js';

describe('EventStreamParser', () => {
  it('reads unnamed and named events, ids, comments and any line ending, across chunk edges', () => {
    const got: [string, string | undefined][] = [];
    const parser = new EventStreamParser((data, id) => got.push([data, id]));
    parser.push('data: {"type":"connection"}\n\n: ping\r\n');
    parser.push('id: AAPL:42@e1\nevent: price_update\nda');
    parser.push('ta: {"seq":42}\r\n\r\ndata:a\ndata:b\r\r');
    expect(got).toEqual([
      ['{"type":"connection"}', undefined],
      ['{"seq":42}', 'AAPL:42@e1'],
      ['a\nb', 'AAPL:42@e1'],
    ]);
  });
});

/** A hub's SSE response the test writes to event by event. */
function sseResponse(): { response: Response; send(message: unknown, id?: string): void; end(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (message, id) => controller.enqueue(encoder.encode(`${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(message)}\n\n`)),
    end: () => controller.close(),
  };
}

describe('TickhubClient over SSE', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('streams, sends the credential in a header, and resumes with Last-Event-ID after the stream ends', async () => {
    const streams = [sseResponse(), sseResponse()];
    const requests: { url: string; headers: Record<string, string> }[] = [];
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      requests.push({ url: String(url), headers: init?.headers as Record<string, string> });
      return streams[requests.length - 1]!.response;
    });
    const c = new TickhubClient({ url: 'http://hub:8080', transport: 'sse', token: 'thk_x', fetch: fetch as unknown as typeof globalThis.fetch, backoff: { random: () => 0 } });
    const seqs: number[] = [];
    c.on('quote', (u) => void seqs.push(u.seq));
    c.start();
    c.subscribe(['AAPL']);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toEqual({
      url: 'http://hub:8080/api/v1/stream?symbols=AAPL&channels=quotes',
      headers: { Accept: 'text/event-stream', Authorization: 'Bearer thk_x' },
    });
    streams[0]!.send({ type: 'connection', status: 'connected', epoch: 'e1', heartbeat_ms: 15000 });
    streams[0]!.send(quote('AAPL', 41, { snapshot: true }));
    streams[0]!.send(quote('AAPL', 42), 'AAPL:42@e1');
    await vi.waitFor(() => expect(seqs).toEqual([41, 42]));
    streams[0]!.end();
    await vi.waitFor(() => expect(c.getState().state).toBe('reconnecting'));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.headers['Last-Event-ID']).toBe('AAPL:42@e1');
    streams[1]!.send({ type: 'connection', status: 'connected', epoch: 'e1', heartbeat_ms: 15000 });
    streams[1]!.send(quote('AAPL', 42));
    streams[1]!.send(quote('AAPL', 43), 'AAPL:43@e1');
    await vi.waitFor(() => expect(seqs).toEqual([41, 42, 43]));
    expect(c.stats().duplicates).toBe(1);
    c.close();
  });

  it('stops on a close event with a final code, and on a 401', async () => {
    const stream = sseResponse();
    const fetch = vi.fn(async () => stream.response);
    const c = new TickhubClient({ url: 'http://hub:8080', transport: 'sse', fetch: fetch as unknown as typeof globalThis.fetch });
    c.subscribe(['AAPL']);
    c.start();
    await vi.waitFor(() => expect(c.getState().state).toBe('connected'));
    stream.send({ type: 'close', code: 4003, reason: 'key revoked' });
    await vi.waitFor(() => expect(c.getState()).toMatchObject({ state: 'closed', final: true, code: 4003, reason: 'key revoked' }));

    const refused = new TickhubClient({ url: 'http://hub:8080', transport: 'sse', fetch: (async () => new Response('{}', { status: 401 })) as typeof globalThis.fetch });
    refused.subscribe(['AAPL']);
    refused.start();
    await vi.waitFor(() => expect(refused.getState()).toMatchObject({ state: 'closed', final: true, code: 401 }));
  });

  it('waits at least Retry-After after a 429', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 429, headers: { 'Retry-After': '7' } }));
    const c = new TickhubClient({ url: 'http://hub:8080', transport: 'sse', fetch: fetch as unknown as typeof globalThis.fetch, backoff: { random: () => 0 } });
    c.subscribe(['AAPL']);
    c.start();
    await vi.waitFor(() => expect(c.getState()).toMatchObject({ state: 'reconnecting', code: 429, delayMs: 7000 }));
    await vi.advanceTimersByTimeAsync(6900);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetch).toHaveBeenCalledTimes(2);
    c.close();
  });
});
