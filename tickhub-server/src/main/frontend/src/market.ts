// The live market every page shows: the ticker board fed by `*` on the shared stream, refreshed
// from REST for what the stream does not carry (each symbol's `stale` flag) and after reconnects.
//
// Load: `*` is subscribed with a maxRate, so the hub conflates each symbol to BOARD_MAX_RATE
// updates a second (500 symbols at 20 a second arrive as 1,000 a second, not 10,000), and the
// updates are applied to the board once per animation frame, the newest of each symbol, so the
// page's work per frame is bounded by the symbols, not by the rate.
import { api } from './api';
import type { PriceUpdate } from '@tickhub/client';
import type { StreamClient } from './stream';
import { TickerBoard, SPARK_POINTS } from './tickers';

export const STALE_REFRESH_MS = 10_000;
/** Updates per second of each symbol on the board: a price a reader can follow, and a flash (0.8 s) that ends. */
export const BOARD_MAX_RATE = 2;
/** Sparklines seeded from history at load: the first symbols only, a few calls at a time. */
const SEEDED_SPARKLINES = 100;
const SEED_CONCURRENCY = 4;

/** Runs a callback before the next paint (requestAnimationFrame; a timer where there is none, as in tests). */
export type FrameScheduler = (callback: () => void) => void;

const nextFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

export class Market {
  readonly board = new TickerBoard();
  private readonly listeners = new Set<(symbol: string | null) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private loaded = false;
  /** Updates received since the last frame, in arrival order; applied together. */
  private pending: PriceUpdate[] = [];
  private framePending = false;

  constructor(
    private readonly stream: StreamClient,
    private readonly schedule: FrameScheduler = nextFrame,
  ) {
    this.stream.subscribe('quotes', ['*'], { maxRate: BOARD_MAX_RATE });
    this.stream.listen({
      quote: (update) => {
        this.pending.push(update);
        if (!this.framePending) {
          this.framePending = true;
          this.schedule(() => this.flush());
        }
      },
      state: (state) => {
        if (state.status === 'open' && state.reconnected && this.timer !== undefined) void this.refresh();
      },
    });
  }

  /** Loads and keeps refreshing; again after stop() (a new key), without a second timer. */
  start(): void {
    if (this.timer !== undefined) return;
    void this.refresh().then(() => this.seedSparklines());
    this.timer = setInterval(() => void this.refresh(), STALE_REFRESH_MS);
  }

  /** While the tab has no key the hub would only refuse the calls. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  isLoaded(): boolean {
    return this.loaded;
  }

  /** Called with the symbol that changed, or null when many did. */
  onChange(listener: (symbol: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies what arrived since the last frame and tells the views once per changed symbol. */
  flush(): void {
    this.framePending = false;
    const updates = this.pending;
    this.pending = [];
    const changed = new Set<string>();
    for (const update of updates) {
      this.board.apply(update);
      changed.add(update.symbol);
    }
    changed.forEach((symbol) => this.notify(symbol));
  }

  private async refresh(): Promise<void> {
    try {
      this.board.load(await api.quotes());
      this.loaded = true;
      this.notify(null);
    } catch {
      // The hub is away; the connection indicator already says so and the next refresh retries.
    }
  }

  /** The last ticks of each symbol, so sparklines have a shape before the stream fills them. */
  private async seedSparklines(): Promise<void> {
    // Bounded: 5,000 symbols would otherwise be 5,000 history calls at once.
    const queue = this.board.rows().map((r) => r.symbol).sort().slice(0, SEEDED_SPARKLINES);
    const worker = async () => {
      for (let symbol = queue.shift(); symbol !== undefined; symbol = queue.shift()) {
        try {
          this.board.seedSpark(symbol, await api.recentTicks(symbol, SPARK_POINTS, 60_000, 1));
        } catch {
          // No history (store down): the sparkline starts from live ticks.
        }
      }
    };
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
    this.notify(null);
  }

  private notify(symbol: string | null): void {
    this.listeners.forEach((l) => l(symbol));
  }
}
