// Test support for the live suites (live.test.ts, gatewaySwitch.test.ts), which run against real
// hubs that the Maven build starts: what a client delivered and reported, and the check that
// every seq is accounted for. Not part of the package (tsconfig.build.json leaves it out).
import WebSocket from 'ws';
import type { TickhubClient } from './client.js';
import { violations } from './contract.js';
import type { LossReport, StateChange } from './events.js';
import type { ServerMessage } from './messages.js';
import type { SocketLike } from './transport.js';

export const nodeSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

/** Resolves once `condition` holds (polled every 50 ms), rejects after `timeoutMs`. */
export function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
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

/** One stream epoch's run of a symbol: the seqs delivered, in order, and the `conflated` each carried. */
interface Run {
  epoch: string | undefined;
  seqs: number[];
  conflated: number[];
}

export class Ledger {
  /** symbol → its runs, a new one at each epoch change. */
  readonly runs = new Map<string, Run[]>();
  readonly lost = new Map<string, LossReport[]>();
  readonly states: StateChange[] = [];
  /** Messages that break their AsyncAPI schema. */
  readonly problems: string[] = [];

  constructor(client: TickhubClient) {
    client.on('state', (s) => void this.states.push(s));
    client.on('message', (m: ServerMessage) => {
      for (const v of violations(m as unknown as Record<string, unknown>)) this.problems.push(`${m.type}: ${v}`);
    });
    client.on('quote', (u) => {
      const epoch = client.positions().get(u.symbol)?.epoch;
      const runs = this.runs.get(u.symbol) ?? this.runs.set(u.symbol, []).get(u.symbol)!;
      if (runs.at(-1)?.epoch !== epoch) runs.push({ epoch, seqs: [], conflated: [] });
      runs.at(-1)!.seqs.push(u.seq);
      runs.at(-1)!.conflated.push(u.conflated ?? 0);
    });
    client.on('lost', (l) => void (this.lost.get(l.symbol) ?? this.lost.set(l.symbol, []).get(l.symbol)!).push(l));
  }

  /** Price updates delivered, of every symbol. */
  count(): number {
    return [...this.runs.values()].flat().reduce((n, run) => n + run.seqs.length, 0);
  }

  /** The states the client went through, e.g. `connecting connected reconnecting connected`. */
  stateNames(): string[] {
    return this.states.map((s) => s.state);
  }

  connectedTo(): (string | undefined)[] {
    return this.states.filter((s) => s.state === 'connected').map((s) => s.endpoint);
  }

  /**
   * What is not accounted for, empty when all is: within an epoch each seq once and in order,
   * and a jump explained by a range reported lost or by the `conflated:n` of the update after it.
   */
  unaccounted(symbols: string[]): string[] {
    const wrong: string[] = [];
    for (const symbol of symbols) {
      const runs = this.runs.get(symbol) ?? [];
      if (runs.length === 0) wrong.push(`${symbol}: nothing delivered`);
      for (const { seqs, conflated } of runs) {
        for (let i = 1; i < seqs.length; i++) {
          const previous = seqs[i - 1]!;
          const seq = seqs[i]!;
          if (seq <= previous) wrong.push(`${symbol}: ${seq} delivered after ${previous}`);
          const missing = seq - previous - 1;
          const reported = (this.lost.get(symbol) ?? []).some((l) => l.from <= previous + 1 && (l.to === null || l.to >= seq - 1));
          if (missing > 0 && !reported && conflated[i]! < missing) wrong.push(`${symbol}: ${previous} → ${seq} unexplained`);
        }
      }
    }
    return wrong;
  }
}
