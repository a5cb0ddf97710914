// Against a real hub, when TICKHUB_URL names one (TypeScriptClientHubTest starts it and runs this
// file): every message the hub sends must match the AsyncAPI schemas, and across a kill -9 and
// restart of the hub every seq of every symbol is delivered once or reported lost, never skipped
// silently. TICKHUB_CONTROL is a file this test writes `kill` into when the hub should die; the
// Java side restarts it on the same port and data.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TickhubClient } from './client.js';
import { violations } from './contract.js';
import type { PriceUpdate, ServerMessage } from './messages.js';
import type { SocketLike } from './transport.js';

const URL_ = process.env.TICKHUB_URL;
const CONTROL = process.env.TICKHUB_CONTROL;
const SYMBOLS = ['AAPL', 'MSFT'];
const nodeSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (condition()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 50);
  });
}

/** Every message checked against its schema; the failures collected for one assertion. */
function schemaChecked(client: TickhubClient, into: string[]): void {
  client.on('message', (m: ServerMessage) => {
    for (const v of violations(m as unknown as Record<string, unknown>)) into.push(`${m.type}: ${v}`);
  });
}

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

  it.runIf(CONTROL)('accounts for every seq across a kill -9 and restart of the hub', async () => {
    const problems: string[] = [];
    const client = new TickhubClient({ url: URL_!, webSocket: nodeSocket, backoff: { baseMs: 200, maxMs: 2000 } });
    schemaChecked(client, problems);
    const lost = new Map<string, { from: number; to: number | null; reason: string }[]>();
    const states: string[] = [];
    client.on('state', (s) => void states.push(s.state));
    // symbol → the seqs delivered, each run of them in one stream epoch.
    const delivered = new Map<string, { epoch: string | undefined; seqs: number[] }[]>();
    client.on('quote', (u) => {
      const epoch = client.positions().get(u.symbol)?.epoch;
      const runs = delivered.get(u.symbol) ?? delivered.set(u.symbol, []).get(u.symbol)!;
      if (runs.at(-1)?.epoch !== epoch) runs.push({ epoch, seqs: [] });
      runs.at(-1)!.seqs.push(u.seq);
    });
    client.on('lost', (l) => void (lost.get(l.symbol) ?? lost.set(l.symbol, []).get(l.symbol)!).push(l));
    client.subscribe(SYMBOLS);
    client.start();
    const count = () => [...delivered.values()].flat().reduce((n, run) => n + run.seqs.length, 0);
    await until(() => count() >= 20, 20_000, '20 quotes before the kill');
    writeFileSync(CONTROL!, 'kill');
    await until(() => states.includes('reconnecting'), 20_000, 'the client to notice the kill');
    const before = count();
    await until(() => client.getState().state === 'connected' && count() >= before + 20, 90_000, '20 quotes after the restart');
    client.close();
    console.log('after kill -9 and restart:', JSON.stringify(client.stats()), JSON.stringify([...lost]));
    for (const symbol of SYMBOLS) {
      const runs = delivered.get(symbol) ?? [];
      expect(runs.length, symbol).toBeGreaterThan(0);
      // A hub that could not prove its history after the kill starts a new epoch: reported lost, never silent.
      expect((lost.get(symbol) ?? []).filter((l) => l.reason === 'epoch')).toHaveLength(runs.length - 1);
      for (const { seqs } of runs) {
        // Within an epoch each seq once, in order; a jump is a range reported lost (or conflated by the hub).
        for (let i = 1; i < seqs.length; i++) {
          expect(seqs[i]!, `${symbol} after ${seqs[i - 1]}`).toBeGreaterThan(seqs[i - 1]!);
          if (seqs[i]! > seqs[i - 1]! + 1) {
            const explained = (lost.get(symbol) ?? []).some((l) => l.from <= seqs[i - 1]! + 1 && (l.to === null || l.to >= seqs[i]! - 1));
            expect(explained || client.stats().hubConflated > 0, `${symbol} ${seqs[i - 1]} → ${seqs[i]} unexplained`).toBe(true);
          }
        }
      }
    }
    expect(states).toContain('reconnecting');
    expect(client.stats().reconnects).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  });
});
