// Against a real hub, when TICKHUB_URL names one (ClientExamplesTest starts it and runs this
// file): every message the hub sends must match the AsyncAPI schemas; a key the hub does not know
// closes the client for good after one attempt; a consumer that stops reading overflows its
// queue, reconnects and resumes; and across a kill -9 and restart of the hub every seq of every
// symbol is delivered once or reported lost, never skipped silently. TICKHUB_CONTROL is a file
// this test writes `kill` into when the hub should die; the Java side restarts it on the same
// port and data. gatewaySwitch.test.ts does the same on a cluster's two gateways.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TickhubClient } from './client.js';
import { violations } from './contract.js';
import { Ledger, nodeSocket, until } from './ledger.js';
import type { PriceUpdate, ServerMessage } from './messages.js';

const URL_ = process.env.TICKHUB_URL;
const CONTROL = process.env.TICKHUB_CONTROL;
const SYMBOLS = ['AAPL', 'MSFT'];

/** Every message checked against its schema; the failures collected for one assertion. */
function schemaChecked(client: TickhubClient, into: string[]): void {
  client.on('message', (m: ServerMessage) => {
    for (const v of violations(m as unknown as Record<string, unknown>)) into.push(`${m.type}: ${v}`);
  });
}

/** Requests and upgrades the hub refused before their route (its audit counter, every outcome). */
async function refusals(): Promise<number> {
  const text = await (await fetch(`${URL_}/actuator/prometheus`, { headers: { Accept: 'text/plain' } })).text();
  return text.split('\n').filter((line) => line.startsWith('tickhub_security_audit_total{') && line.includes('event="refused"'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const elapse = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(URL_)('against a real hub', () => {
  it('speaks the native forms (plain, batch, compact) as the AsyncAPI document says', async () => {
    const problems: string[] = [];
    for (const query of ['', '?batch=1', '?format=compact&batch=1']) {
      const socket = new WebSocket(`${URL_!.replace(/^http/, 'ws')}/ws${query}`);
      const frames: unknown[] = [];
      socket.on('message', (data) => {
        const parsed = JSON.parse(String(data)) as unknown;
        frames.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      });
      await new Promise((resolve) => socket.once('open', resolve));
      for (const action of [
        { action: 'subscribe', symbols: ['AAPL'], resume: { AAPL: 1 }, epoch: '0000000000000000' },
        { action: 'subscribe', symbols: SYMBOLS, channels: ['quotes', 'bars.1s'] },
        { action: 'list' }, { action: 'ping', id: 7 }, { action: 'nope' },
      ]) socket.send(JSON.stringify(action));
      const typesOf = () => new Set(frames.map((f) => (f as { type?: string }).type ?? 'compact'));
      const wanted = ['connection', 'subscription', 'subscriptions', 'pong', 'error', 'recovered', 'bar', query.includes('compact') ? 'compact' : 'price_update'];
      await until(() => wanted.every((t) => typesOf().has(t)), 10_000, `${wanted} on /ws${query}`).catch((e: Error) => {
        throw new Error(`${e.message}, got ${[...typesOf()]}`);
      });
      socket.close();
      for (const f of frames) for (const v of violations(f as Record<string, unknown>)) problems.push(`/ws${query}: ${JSON.stringify(f)}: ${v}`);
    }
    expect(problems).toEqual([]);
  });

  it('streams over SSE with schema-valid events', async () => {
    const problems: string[] = [];
    const client = new TickhubClient({ url: URL_!, transport: 'sse' });
    schemaChecked(client, problems);
    const quotes: PriceUpdate[] = [];
    client.on('quote', (u) => void quotes.push(u));
    client.subscribe(SYMBOLS);
    client.start();
    await until(() => quotes.length >= 5, 15_000, 'quotes over SSE');
    client.close();
    expect(problems).toEqual([]);
  });

    it('stops for good after one attempt when the hub refuses its key, over WebSocket and SSE', async () => {
    for (const transport of ['websocket', 'sse'] as const) {
      const before = await refusals();
      const client = new TickhubClient({
        url: URL_!, transport, token: 'thk_nosuchkey_0000000000000000', webSocket: nodeSocket, backoff: { baseMs: 50, maxMs: 100 },
      });
      const ledger = new Ledger(client);
      client.subscribe(SYMBOLS);
      client.start();
      await until(() => client.getState().state === 'closed', 10_000, `${transport}: closed`);
      // A loop at this backoff (at most 100 ms a wait) would make ten more attempts in this second.
      await elapse(1000);
      expect(ledger.stateNames(), transport).toEqual(['connecting', 'closed']);
      expect(client.getState(), transport).toMatchObject({ state: 'closed', final: true, code: 401 });
      expect(await refusals() - before, `${transport}: attempts the hub refused`).toBe(1);
      client.close();
    }
  });

  it('overflows the queue of a consumer that stops, reconnects, resumes, and accounts for every seq', async () => {
    const client = new TickhubClient({
      url: URL_!, webSocket: nodeSocket, backoff: { baseMs: 100, maxMs: 500 }, queue: { capacity: 20, policy: 'fail' },
    });
    const ledger = new Ledger(client);
    let resume: () => void = () => {};
    let paused: Promise<void> | null = null;
    client.on('quote', () => paused ?? undefined);
    client.subscribe(SYMBOLS);
    client.start();
    await until(() => ledger.count() >= 20, 20_000, '20 quotes before the pause');
    paused = new Promise((resolve) => (resume = resolve));
    await until(() => client.stats().overflows >= 1 && client.stats().reconnects >= 1, 20_000, 'an overflow and a reconnect');
    paused = null;
    resume();
    const before = ledger.count();
    await until(() => client.getState().state === 'connected' && ledger.count() >= before + 40, 20_000, '40 quotes after the pause');
    client.close();
    console.log('slow consumer:', JSON.stringify(client.stats()), JSON.stringify([...ledger.lost]));
    expect(ledger.unaccounted(SYMBOLS)).toEqual([]);
    expect([...ledger.lost.values()].flat(), 'the hub replays from its ring what the overflow dropped').toEqual([]);
    expect(ledger.problems).toEqual([]);
  });

  it.runIf(CONTROL)('accounts for every seq across a kill -9 and restart of the hub', async () => {
    const client = new TickhubClient({ url: URL_!, webSocket: nodeSocket, backoff: { baseMs: 200, maxMs: 2000 } });
    const ledger = new Ledger(client);
    client.subscribe(SYMBOLS);
    client.start();
    await until(() => ledger.count() >= 20, 20_000, '20 quotes before the kill');
    writeFileSync(CONTROL!, 'kill');
    await until(() => ledger.stateNames().includes('reconnecting'), 20_000, 'the client to notice the kill');
    const before = ledger.count();
    await until(() => client.getState().state === 'connected' && ledger.count() >= before + 20, 90_000, '20 quotes after the restart');
    client.close();
    console.log('after kill -9 and restart:', JSON.stringify(client.stats()), JSON.stringify([...ledger.lost]));
    for (const symbol of SYMBOLS) {
      // kill -9 loses nothing the journal took (the page cache keeps it): the hub restarted on the
      // same data continues the same epoch, so the client resumes with no epoch change and no loss to one.
      expect(ledger.runs.get(symbol)?.length, symbol).toBe(1);
      expect((ledger.lost.get(symbol) ?? []).filter((l) => l.reason === 'epoch')).toHaveLength(0);
    }
    expect(ledger.unaccounted(SYMBOLS)).toEqual([]);
    expect(client.stats().reconnects).toBeGreaterThanOrEqual(1);
    expect(ledger.problems).toEqual([]);
  });
});
