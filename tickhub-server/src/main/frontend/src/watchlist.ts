// The user's watchlist, kept in the browser (localStorage) so it survives reloads and needs no
// account on the hub.

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export class Watchlist {
  private readonly symbols: Set<string>;

  constructor(
    private readonly storage: KeyValueStore,
    private readonly key = 'tickhub.watchlist',
  ) {
    this.symbols = new Set(read(storage, key));
  }

  has(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  all(): ReadonlySet<string> {
    return this.symbols;
  }

  /** Adds or removes; returns whether the symbol is now watched. */
  toggle(symbol: string): boolean {
    const watched = !this.symbols.delete(symbol);
    if (watched) this.symbols.add(symbol);
    this.storage.setItem(this.key, JSON.stringify([...this.symbols].sort()));
    return watched;
  }
}

/** Whatever is stored, a list of strings or nothing: a hand-edited value must not break the page. */
function read(storage: KeyValueStore, key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
