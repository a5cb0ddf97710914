// From the inbound queue to the listeners: in order, one message at a time, awaiting a listener
// that returns a promise (which is what lets the queue fill; see inbox.ts for its policy). Keeps
// the last seq delivered per symbol, where a resume starts after an overflow, and the lag.
import type { Counters, Emitter } from './events.js';
import { Inbox, type QueuePolicy } from './inbox.js';
import type { PriceUpdate, ServerMessage } from './messages.js';
import type { Position } from './sequence.js';

export class Delivery {
  /** symbol → the last price update handed to listeners. */
  readonly delivered = new Map<string, Position>();
  /** Updates that came from REST history, flagged to the quote listeners. */
  readonly repaired = new WeakSet<PriceUpdate>();
  private readonly inbox: Inbox;
  private draining = false;

  constructor(
    capacity: number,
    policy: QueuePolicy,
    private readonly events: Emitter,
    private readonly counters: Counters,
    private readonly epoch: () => string | undefined,
    private readonly now: () => number,
    /** Called after an overflow emptied the queue: the client reconnects and resumes from `delivered`. */
    private readonly overflowed: () => void,
  ) {
    this.inbox = new Inbox(capacity, policy);
  }

  enqueue(message: ServerMessage): void {
    const offer = this.inbox.offer(message);
    if (offer === 'conflated') this.counters.conflated++;
    if (offer === 'overflow') {
      this.counters.overflows++;
      this.inbox.clear();
      this.events.emit('error', { code: 'overflow', message: 'inbound queue full: reconnecting to resume from the last update delivered' });
      this.overflowed();
      return;
    }
    void this.drain();
  }

  size(): number {
    return this.inbox.size();
  }

  highWaterMark(): number {
    return this.inbox.highWaterMark();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      let message: ServerMessage | undefined;
      while ((message = this.inbox.take()) !== undefined) {
        const pending = this.deliver(message);
        if (pending.length > 0) await Promise.all(pending);
      }
    } finally {
      this.draining = false;
    }
  }

  private deliver(message: ServerMessage): Promise<unknown>[] {
    this.counters.delivered++;
    const pending = this.events.emit('message', message);
    if (message.type === 'price_update') {
      this.delivered.set(message.symbol, { seq: message.seq, ts: message.ts, epoch: this.epoch() });
      const lag = Math.max(0, this.now() - message.ts / 1000);
      this.counters.lagMs = lag;
      this.counters.maxLagMs = Math.max(this.counters.maxLagMs, lag);
      pending.push(...this.events.emit('quote', message, { repaired: this.repaired.has(message) }));
    } else if (message.type === 'bar') {
      pending.push(...this.events.emit('bar', message));
    } else if (message.type === 'news') {
      pending.push(...this.events.emit('news', message));
    }
    return pending;
  }
}
