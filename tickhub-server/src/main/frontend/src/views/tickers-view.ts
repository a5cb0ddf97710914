// The home page: every symbol with its live price, change, bid/ask, volume, day range, market
// state, sparkline, provider and stale marker; sortable, filterable, with a watchlist.
//
// Work per frame is bounded by the screen, not by the market: the table is virtualised (only the
// rows in the scrolled viewport, plus a margin, are in the DOM; spacers stand for the rest), the
// board is updated once per frame (market.ts), and a live re-sort by a moving column happens at
// most every RESORT_MS, so 5,000 symbols at 20 updates a second keep the page responsive.
import * as fmt from '../format';
import { h, setText, svg } from '../dom';
import type { Market } from '../market';
import { sparkPoints } from '../sparkline';
import { type SortKey, type TableQuery, type TickerRow, visibleRows } from '../tickers';
import type { View } from '../view';
import { rowWindow } from '../virtual';
import type { Watchlist } from '../watchlist';

/** The columns after the star, in order; those with a key sort the table. */
const COLUMNS: { label: string; key?: SortKey; numeric?: boolean; narrowHidden?: boolean; title?: string }[] = [
  { key: 'symbol', label: 'Symbol' },
  { key: 'price', label: 'Price', numeric: true },
  { key: 'change', label: 'Change', numeric: true, title: 'Against the previous close when the hub knows it' },
  { key: 'changePercent', label: 'Change %', numeric: true },
  { label: 'Bid', numeric: true, narrowHidden: true },
  { label: 'Ask', numeric: true, narrowHidden: true },
  { key: 'volume', label: 'Volume', numeric: true, narrowHidden: true, title: "The day's volume when the hub sends it, else the last trade's size" },
  { label: 'Day range', numeric: true, narrowHidden: true },
  { label: 'Market', narrowHidden: true },
  { label: 'Trend', narrowHidden: true },
  { key: 'provider', label: 'Provider' },
  { label: 'Updated', numeric: true, narrowHidden: true },
];

/** The shortest time between two re-sorts caused by live prices (a click re-sorts at once). */
const RESORT_MS = 1_000;
/** A row's height before one has been measured (style.css keeps rows this tall). */
const ROW_HEIGHT = 37;

const SPARK_W = 96;
const SPARK_H = 24;

interface RowParts {
  tr: HTMLTableRowElement;
  star: HTMLButtonElement;
  price: HTMLElement;
  change: HTMLElement;
  percent: HTMLElement;
  bid: HTMLElement;
  ask: HTMLElement;
  volume: HTMLElement;
  range: HTMLElement;
  state: HTMLElement;
  spark: SVGElement;
  provider: HTMLElement;
  stale: HTMLElement;
  updated: HTMLElement;
  seq: number;
  /** Alternates, so a new flash restarts the animation without forcing a layout. */
  flip: boolean;
}

export class TickersView implements View {
  readonly title = 'Tickers';
  private readonly query: TableQuery;
  private readonly parts = new Map<string, RowParts>();
  private readonly dirty = new Set<string>();
  private tbody!: HTMLTableSectionElement;
  private wrap!: HTMLElement;
  private table!: HTMLTableElement;
  /** The rows the filter and sort give, in order; only a window of them is in the DOM. */
  private order: TickerRow[] = [];
  private rowHeight = ROW_HEIGHT;
  private lastSort = 0;
  /** The live re-sort is due but waits for RESORT_MS. */
  private resortLater = false;
  private drawn = { start: -1, end: -1, rows: [] as TickerRow[] };
  private count!: HTMLElement;
  private empty!: HTMLElement;
  private headers = new Map<SortKey, HTMLButtonElement>();
  private frame = 0;
  private orderDirty = true;
  private cleanup: (() => void)[] = [];

  constructor(
    private readonly market: Market,
    private readonly watchlist: Watchlist,
  ) {
    this.query = { filter: '', sort: 'symbol', descending: false, watchlistOnly: false, watchlist: watchlist.all() };
  }

  mount(root: HTMLElement): void {
    const filter = h('input', {
      id: 'filter',
      type: 'search',
      placeholder: 'Symbol or provider',
      'aria-keyshortcuts': '/',
      autocomplete: 'off',
      oninput: (e: Event) => {
        this.query.filter = (e.target as HTMLInputElement).value;
        this.reorder();
      },
    });
    const onlyWatched = h('input', {
      id: 'watch-only',
      type: 'checkbox',
      onchange: (e: Event) => {
        this.query.watchlistOnly = (e.target as HTMLInputElement).checked;
        this.reorder();
      },
    });
    this.count = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.tbody = h('tbody');
    this.empty = h('p', { class: 'empty', hidden: true }, 'No symbols match.');
    const head = h('tr', { 'aria-rowindex': 1 }, h('th', { scope: 'col', class: 'star-col' }, h('span', { class: 'sr-only' }, 'Watch')));
    for (const col of COLUMNS) {
      const classes = [col.numeric ? 'num' : '', col.narrowHidden ? 'hide-narrow' : ''].filter(Boolean).join(' ');
      let label: Node | string = col.label;
      if (col.key) {
        const key = col.key;
        const button = h('button', { type: 'button', class: 'sort', onclick: () => this.sortBy(key) }, col.label);
        this.headers.set(key, button);
        label = button;
      }
      head.append(h('th', { scope: 'col', class: classes || null, title: col.title ?? null }, label));
    }

    root.append(
      h('section', { class: 'toolbar', 'aria-label': 'Table controls' },
        h('label', { for: 'filter', class: 'grow' }, h('span', { class: 'sr-only' }, 'Filter'), filter),
        h('label', { class: 'check' }, onlyWatched, ' Watchlist only'),
        this.count),
      this.wrap = h('div', { class: 'table-wrap virtual', id: 'tickers-wrap', onscroll: () => this.schedule() },
        this.table = h('table', { class: 'tickers', id: 'tickers' },
          h('caption', { class: 'sr-only' }, 'Live prices; activate a symbol for its chart'),
          h('thead', {}, head),
          this.tbody)),
      this.empty,
    );
    const onResize = () => this.schedule();
    window.addEventListener('resize', onResize);
    this.cleanup.push(() => window.removeEventListener('resize', onResize));

    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement?.tagName !== 'INPUT') {
        e.preventDefault();
        filter.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    this.cleanup.push(() => document.removeEventListener('keydown', onKey));
    this.cleanup.push(this.market.onChange((symbol) => this.changed(symbol)));
    this.markSort();
    this.changed(null);
  }

  unmount(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.cleanup.forEach((c) => c());
    this.cleanup = [];
    this.parts.clear();
  }

  private sortBy(key: SortKey): void {
    this.query.descending = this.query.sort === key ? !this.query.descending : key !== 'symbol';
    this.query.sort = key;
    this.markSort();
    this.reorder();
  }

  private markSort(): void {
    for (const [key, button] of this.headers) {
      const th = button.parentElement!;
      if (key === this.query.sort) th.setAttribute('aria-sort', this.query.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
  }

  private changed(symbol: string | null): void {
    if (symbol === null) {
      this.parts.forEach((_, s) => this.dirty.add(s));
      this.orderDirty = true;
    } else {
      if (this.parts.has(symbol)) this.dirty.add(symbol);
      if (this.query.sort !== 'symbol' && this.query.sort !== 'provider') this.resortLater = true;
      else if (!this.known.has(symbol)) this.orderDirty = true; // a new symbol takes its place
    }
    this.schedule();
  }

  /** Symbols the current order was computed from. */
  private known = new Set<string>();

  private reorder(): void {
    this.orderDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    this.frame = 0;
    const now = performance.now();
    if (this.resortLater && now - this.lastSort >= RESORT_MS) this.orderDirty = true;
    if (this.orderDirty) {
      this.orderDirty = false;
      this.resortLater = false;
      this.lastSort = now;
      const all = this.market.board.rows();
      this.known = new Set(all.map((r) => r.symbol));
      this.order = visibleRows(all, this.query);
      this.table.setAttribute('aria-rowcount', String(this.order.length + 1));
      setText(this.count, `${this.order.length} of ${all.length} symbols`);
      this.empty.hidden = this.order.length > 0 || !this.market.isLoaded();
    }
    this.drawWindow();
    if (this.resortLater) this.schedule(); // the re-sort is due in a later frame
  }

  /** Puts the rows of the viewport in the DOM (creating, refreshing and dropping rows) and sizes the spacers. */
  private drawWindow(): void {
    const headHeight = this.table.tHead?.offsetHeight ?? 0;
    const scrollTop = Math.max(0, this.wrap.scrollTop - headHeight);
    const w = rowWindow(this.order.length, this.rowHeight, scrollTop, this.wrap.clientHeight || window.innerHeight);
    const rows = this.order.slice(w.start, w.end);
    const sameRows = w.start === this.drawn.start && rows.length === this.drawn.rows.length
      && rows.every((r, i) => r.symbol === this.drawn.rows[i]!.symbol);
    if (!sameRows) {
      const keep = new Set(rows.map((r) => r.symbol));
      for (const symbol of this.parts.keys()) if (!keep.has(symbol)) this.parts.delete(symbol);
      const trs: HTMLElement[] = [];
      if (w.above > 0) trs.push(spacer(w.above));
      rows.forEach((r, i) => {
        const fresh = !this.parts.has(r.symbol);
        const parts = this.partsOf(r);
        parts.tr.setAttribute('aria-rowindex', String(w.start + i + 2));
        if (fresh) this.update(parts, r);
        trs.push(parts.tr);
      });
      if (w.below > 0) trs.push(spacer(w.below));
      this.tbody.replaceChildren(...trs);
      this.drawn = { start: w.start, end: w.end, rows };
      const measured = rows.length > 0 ? this.parts.get(rows[0]!.symbol)!.tr.offsetHeight : 0;
      if (measured > 0 && Math.abs(measured - this.rowHeight) >= 1) {
        this.rowHeight = measured;
        this.schedule(); // spacers and window again with the real height
      }
    }
    for (const symbol of this.dirty) {
      const parts = this.parts.get(symbol);
      const row = this.market.board.get(symbol);
      if (parts && row) this.update(parts, row);
    }
    this.dirty.clear();
  }

  private partsOf(row: TickerRow): RowParts {
    const existing = this.parts.get(row.symbol);
    if (existing) return existing;
    const watched = this.watchlist.has(row.symbol);
    const star = h('button', {
      type: 'button',
      class: 'star',
      'aria-pressed': String(watched),
      'aria-label': `Watch ${row.symbol}`,
      onclick: () => {
        star.setAttribute('aria-pressed', String(this.watchlist.toggle(row.symbol)));
        this.reorder();
      },
    }, '★');
    const spark = svg('svg', { width: SPARK_W, height: SPARK_H, viewBox: `0 0 ${SPARK_W} ${SPARK_H}`, 'aria-hidden': 'true', class: 'spark' });
    spark.append(svg('polyline', { points: '', fill: 'none' }));
    const parts: RowParts = {
      tr: h('tr', { 'data-symbol': row.symbol }),
      star,
      price: h('td', { class: 'num price' }),
      change: h('td', { class: 'num change' }),
      percent: h('td', { class: 'num percent' }),
      bid: h('td', { class: 'num bid hide-narrow' }),
      ask: h('td', { class: 'num ask hide-narrow' }),
      volume: h('td', { class: 'num volume hide-narrow' }),
      range: h('td', { class: 'num range hide-narrow' }),
      state: h('span', { class: 'badge market-state' }),
      spark,
      provider: h('span', { class: 'provider' }),
      stale: h('span', { class: 'badge stale', title: 'No fresh data from any expected provider', hidden: true }, 'stale'),
      updated: h('td', { class: 'num muted hide-narrow' }),
      seq: -1,
      flip: false,
    };
    parts.tr.append(
      h('td', { class: 'star-col' }, star),
      h('th', { scope: 'row' }, h('a', { href: `#/s/${encodeURIComponent(row.symbol)}`, class: 'symbol' }, row.symbol)),
      parts.price,
      parts.change,
      parts.percent,
      parts.bid,
      parts.ask,
      parts.volume,
      parts.range,
      h('td', { class: 'hide-narrow' }, parts.state),
      h('td', { class: 'hide-narrow' }, spark),
      h('td', {}, parts.provider, ' ', parts.stale),
      parts.updated,
    );
    this.parts.set(row.symbol, parts);
    return parts;
  }

  private update(parts: RowParts, row: TickerRow): void {
    setText(parts.price, fmt.price(row.price));
    setText(parts.change, fmt.signed(row.change));
    setText(parts.percent, fmt.percent(row.changePercent));
    setText(parts.bid, fmt.price(row.bid));
    setText(parts.ask, fmt.price(row.ask));
    setText(parts.volume, fmt.volume(row.dayVolume ?? row.volume));
    parts.volume.title = row.dayVolume !== null ? "the day's volume" : "the last trade's size";
    setText(parts.range, fmt.range(row.dayLow, row.dayHigh));
    setText(parts.state, fmt.marketState(row.marketState));
    parts.state.dataset.state = row.marketState ?? 'unknown';
    const trend = (row.change ?? 0) > 0 ? 'up' : (row.change ?? 0) < 0 ? 'down' : 'flat';
    parts.tr.dataset.trend = trend;
    parts.tr.dataset.stale = String(row.stale);
    parts.stale.hidden = !row.stale;
    setText(parts.provider, row.provider);
    setText(parts.updated, fmt.time(row.updatedAt));
    parts.spark.firstElementChild!.setAttribute('points', sparkPoints(row.spark, SPARK_W, SPARK_H - 2));
    if (row.seq !== parts.seq && parts.seq !== -1 && row.direction) {
      // Restart the flash: the other of two identical animations, so no reflow is forced per row.
      parts.price.classList.remove('flash-up', 'flash-down', 'flash-up-b', 'flash-down-b');
      parts.flip = !parts.flip;
      parts.price.classList.add(`flash-${row.direction}${parts.flip ? '-b' : ''}`);
    }
    parts.seq = row.seq;
  }
}

function spacer(height: number): HTMLTableRowElement {
  const tr = h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: COLUMNS.length + 1 }));
  tr.style.height = `${height}px`;
  return tr;
}
