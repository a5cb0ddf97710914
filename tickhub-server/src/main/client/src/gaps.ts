// Every price update passes here on its way to the queue: duplicates are dropped, a seq jump the
// hub did not explain is a gap whose symbol is held while REST history fills it (the found
// updates go first, then the held ones, so the symbol stays in seq order), and what cannot be
// filled, or a history that changed (another epoch), is reported `lost`.
import type { Delivery } from './delivery.js';
import type { Counters, Emitter, LossReport } from './events.js';
import type { Repair } from './history.js';
import type { PriceUpdate } from './messages.js';
import type { Position, SequenceTracker } from './sequence.js';

/** Reads the missing seqs from..to of a symbol from history, starting after `after`. */
export type RepairSource = (symbol: string, after: Position, from: number, to: number) => Promise<Repair>;

export class GapGate {
  /** symbol → updates held while its gap is being repaired. */
  private readonly held = new Map<string, PriceUpdate[]>();

  constructor(
    private readonly tracker: SequenceTracker,
    private readonly delivery: Delivery,
    private readonly events: Emitter,
    private readonly counters: Counters,
    /** null: gaps are reported lost without asking history. */
    private readonly history: RepairSource | null,
  ) {}

  receive(update: PriceUpdate): void {
    const judgement = this.tracker.judge(update);
    if (update.conflated) this.counters.hubConflated += update.conflated;
    switch (judgement.kind) {
      case 'duplicate':
        this.counters.duplicates++;
        return;
      case 'rebased':
        this.reportLost({ symbol: update.symbol, from: judgement.after.seq + 1, to: null, reason: judgement.after.epoch !== this.tracker.currentEpoch() ? 'epoch' : 'reset' });
        break;
      case 'gap':
        this.counters.gaps++;
        if (!this.held.has(update.symbol)) {
          this.held.set(update.symbol, [update]);
          void this.repair(update.symbol, judgement.after, judgement.from, judgement.to);
          return;
        }
        break;
      case 'deliver':
        break;
    }
    const held = this.held.get(update.symbol);
    if (held) held.push(update);
    else this.delivery.enqueue(update);
  }

  /** Forgets held updates (after an inbound overflow, the hub replays them). */
  clear(): void {
    this.held.clear();
  }

  private async repair(symbol: string, after: Position, from: number, to: number): Promise<void> {
    let repair: Repair = { found: [], lost: [{ from, to }] };
    if (this.history) {
      try {
        repair = await this.history(symbol, after, from, to);
      } catch (e) {
        this.events.emit('error', { code: 'repair_failed', message: `${symbol} ${from}..${to}: ${(e as Error).message}` });
      }
    }
    if (!this.held.has(symbol)) return; // cleared meanwhile: the hub replays it
    repair.found.forEach((u) => this.delivery.repaired.add(u));
    this.counters.repaired += repair.found.length;
    this.events.emit('gap', { symbol, from, to, repaired: repair.found.length });
    repair.lost.forEach((range) => this.reportLost({ symbol, ...range, reason: 'not_in_history' }));
    const held = this.held.get(symbol) ?? [];
    this.held.delete(symbol);
    [...repair.found, ...held].forEach((u) => this.delivery.enqueue(u));
  }

  private reportLost(loss: LossReport): void {
    if (loss.to !== null) this.counters.lost += loss.to - loss.from + 1;
    this.events.emit('lost', loss);
  }
}
