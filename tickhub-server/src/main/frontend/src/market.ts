// The live market every page shows: the ticker board fed by `*` on the shared stream, refreshed
// from REST for what the stream does not carry (each symbol's `stale` flag) and after reconnects.
import { api } from './api';
import type { StreamClient } from './stream';
import { TickerBoard, SPARK_POINTS } from './tickers';

export const STALE_REFRESH_MS = 10_000;

export class Market {
  readonly board = new TickerBoard();
  private readonly listeners = new Set<(symbol: string | null) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private loaded = false;

  constructor(private readonly stream: StreamClient) {
    this.stream.subscribe('quotes', ['*']);
    this.stream.listen({
      quote: (update) => {
        this.board.apply(update);
        this.notify(update.symbol);
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
    await Promise.all(
      this.board.rows().map(async (row) => {
        try {
          this.board.seedSpark(row.symbol, await api.recentTicks(row.symbol, SPARK_POINTS));
        } catch {
          // No history (store down): the sparkline starts from live ticks.
        }
      }),
    );
    this.notify(null);
  }

  private notify(symbol: string | null): void {
    this.listeners.forEach((l) => l(symbol));
  }
}
