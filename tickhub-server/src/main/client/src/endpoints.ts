// The hub's addresses: one hub, or the gateways of a cluster. The first attempt goes to the first
// address; every attempt after a failure or a lost connection goes to the next one in turn, so a
// client whose gateway died tries another one at its first retry, not the dead one again.

export class Endpoints {
  private readonly bases: readonly string[];
  private index = 0;

  constructor(url: string | readonly string[]) {
    const list = typeof url === 'string' ? [url] : [...url];
    if (list.length === 0) throw new Error('url: at least one address of the hub is needed');
    this.bases = list.map((u) => u.replace(/^ws/, 'http').replace(/\/+$/, ''));
  }

  /** The current address, `http(s)://host:port` with no trailing slash. */
  http(): string {
    return this.bases[this.index]!;
  }

  /** The current address as `ws(s)://host:port`. */
  ws(): string {
    return this.http().replace(/^http/, 'ws');
  }

  /** Moves to the next address (with one address, stays). */
  advance(): void {
    this.index = (this.index + 1) % this.bases.length;
  }
}
