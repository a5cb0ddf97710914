// Where each symbol's stream stands: the last seq received, the hub time it had, and the stream
// epoch it came in. Each price update is judged against it: delivered, dropped as a duplicate,
// or delivered after a gap that must be repaired or reported (docs/protocol.md "Delivery rules").
import type { PriceUpdate } from './messages.js';

export interface Position {
  seq: number;
  /** Hub time of that seq, epoch µs: where a REST repair starts looking. */
  ts: number;
  epoch: string | undefined;
}

export type Judgement =
  | { kind: 'deliver' }
  | { kind: 'duplicate' }
  /** Deliver, but seqs from..to (inclusive) were never received. */
  | { kind: 'gap'; from: number; to: number; after: Position }
  /** The hub's history changed (another epoch): what came since `after` cannot be known. */
  | { kind: 'rebased'; after: Position };

export class SequenceTracker {
  private readonly positions = new Map<string, Position>();
  /** The epoch of the current connection: the one seqs received from now on belong to. */
  private epoch: string | undefined;

  setEpoch(epoch: string | undefined): void {
    this.epoch = epoch;
  }

  currentEpoch(): string | undefined {
    return this.epoch;
  }

  position(symbol: string): Position | undefined {
    return this.positions.get(symbol);
  }

  /** The `resume` to send for these symbols: only seqs of `epoch`, the epoch they would be resumed in. */
  resumeFor(symbols: Iterable<string>): { resume: Record<string, number>; epoch: string | undefined } {
    const resume: Record<string, number> = {};
    let epoch: string | undefined;
    for (const symbol of symbols) {
      const p = this.positions.get(symbol);
      if (p === undefined || symbol === '*') continue;
      if (epoch === undefined) epoch = p.epoch;
      if (p.epoch === epoch) resume[symbol] = p.seq;
    }
    return { resume, epoch };
  }

  judge(update: PriceUpdate): Judgement {
    const last = this.positions.get(update.symbol);
    const here = { seq: update.seq, ts: update.ts, epoch: this.epoch };
    if (last === undefined) {
      this.positions.set(update.symbol, here);
      return { kind: 'deliver' };
    }
    if (last.epoch !== this.epoch) {
      this.positions.set(update.symbol, here);
      return { kind: 'rebased', after: last };
    }
    if (update.seq <= last.seq) {
      // A snapshot below the last seq is the hub's word that its history went back; take it.
      if (update.snapshot && update.seq < last.seq) {
        this.positions.set(update.symbol, here);
        return { kind: 'rebased', after: last };
      }
      return { kind: 'duplicate' };
    }
    this.positions.set(update.symbol, here);
    const skippedByHub = update.conflated ?? 0;
    const missing = update.seq - last.seq - 1;
    if (missing > skippedByHub) return { kind: 'gap', from: last.seq + 1, to: update.seq - 1, after: last };
    return { kind: 'deliver' };
  }

  /** Puts positions back (after an inbound overflow dropped what was received but not delivered). */
  restore(delivered: ReadonlyMap<string, Position>): void {
    this.positions.clear();
    for (const [symbol, p] of delivered) this.positions.set(symbol, p);
  }

  forget(symbol: string): void {
    this.positions.delete(symbol);
  }
}
