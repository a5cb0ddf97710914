import { describe, expect, it } from 'vitest';
import { type KeyValueStore, Watchlist } from './watchlist';

class MemoryStore implements KeyValueStore {
  values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
}

describe('Watchlist', () => {
  it('survives a reload through the storage', () => {
    const storage = new MemoryStore();
    const first = new Watchlist(storage);
    expect(first.toggle('MSFT')).toBe(true);
    expect(first.toggle('AAPL')).toBe(true);
    expect(first.toggle('MSFT')).toBe(false);
    expect([...new Watchlist(storage).all()]).toEqual(['AAPL']);
  });

  it('starts empty when the stored value is not a list of strings', () => {
    for (const junk of ['not json', '{"a":1}', '[1, "AAPL", null]']) {
      const storage = new MemoryStore();
      storage.setItem('tickhub.watchlist', junk);
      expect([...new Watchlist(storage).all()]).toEqual(junk.startsWith('[') ? ['AAPL'] : []);
    }
  });
});
