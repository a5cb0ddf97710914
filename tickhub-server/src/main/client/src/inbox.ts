// The bounded inbound queue between the socket and the listeners. Listeners that return a
// promise are awaited one message at a time, so a slow listener makes the queue grow; at
// `capacity` the policy decides:
// - `conflate` (default): a queued price update of the same symbol is replaced by the newer one,
//   which then carries `conflated` = the updates it stands for, as the hub's own conflation does.
//   News, bars and control messages are never conflated; if the queue is full of them, it
//   overflows as under `fail`.
// - `fail`: the queue overflows: the client drops the connection, reports an `overflow` error
//   and reconnects resuming from the last update delivered, so the hub replays what was dropped.
import type { PriceUpdate, ServerMessage } from './messages.js';

export type QueuePolicy = 'conflate' | 'fail';

export type Offer = 'queued' | 'conflated' | 'overflow';

export class Inbox {
  private readonly items: ServerMessage[] = [];
  private highWater = 0;

  constructor(
    private readonly capacity: number,
    private readonly policy: QueuePolicy,
  ) {
    if (!(capacity >= 1)) throw new Error(`queue capacity must be at least 1, got ${capacity}`);
  }

  offer(message: ServerMessage): Offer {
    if (this.items.length < this.capacity) {
      this.items.push(message);
      this.highWater = Math.max(this.highWater, this.items.length);
      return 'queued';
    }
    if (this.policy === 'conflate' && message.type === 'price_update') {
      const i = this.items.findIndex((m) => m.type === 'price_update' && m.symbol === message.symbol);
      if (i >= 0) {
        const older = this.items[i] as PriceUpdate;
        const stands = (older.conflated ?? 0) + 1 + (message.conflated ?? 0);
        this.items.splice(i, 1);
        this.items.push({ ...message, conflated: stands });
        return 'conflated';
      }
    }
    return 'overflow';
  }

  take(): ServerMessage | undefined {
    return this.items.shift();
  }

  clear(): void {
    this.items.length = 0;
  }

  size(): number {
    return this.items.length;
  }

  highWaterMark(): number {
    return this.highWater;
  }
}
