// The home page: every symbol with its live price, change, sparkline, provider and stale marker;
// sortable, filterable, with a watchlist. Rows are built once and then only their changed cells
// are touched, at most once per animation frame however fast the updates come.
import * as fmt from '../format';
import { h, setText, svg } from '../dom';
import type { Market } from '../market';
import { sparkPoints } from '../sparkline';
import { type SortKey, type TableQuery, type TickerRow, visibleRows } from '../tickers';
import type { View } from '../view';
import type { Watchlist } from '../watchlist';

/** The columns after the star, in order; those with a key sort the table. */
const COLUMNS: { label: string; key?: SortKey; numeric?: boolean; narrowHidden?: boolean }[] = [
  { key: 'symbol', label: 'Symbol' },
  { key: 'price', label: 'Price', numeric: true },
  { key: 'change', label: 'Change', numeric: true },
  { key: 'changePercent', label: 'Change %', numeric: true },
  { label: 'Trend', narrowHidden: true },
  { key: 'provider', label: 'Provider' },
  { label: 'Updated', numeric: true, narrowHidden: true },
];

const SPARK_W = 96;
const SPARK_H = 24;

interface RowParts {
  tr: HTMLTableRowElement;
  star: HTMLButtonElement;
  price: HTMLElement;
  change: HTMLElement;
  percent: HTMLElement;
  spark: SVGElement;
  provider: HTMLElement;
  stale: HTMLElement;
  updated: HTMLElement;
  seq: number;
}

export class TickersView implements View {
  readonly title = 'Tickers';
  private readonly query: TableQuery;
  private readonly parts = new Map<string, RowParts>();
  private readonly dirty = new Set<string>();
  private tbody!: HTMLTableSectionElement;
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
    const head = h('tr', {}, h('th', { scope: 'col', class: 'star-col' }, h('span', { class: 'sr-only' }, 'Watch')));
    for (const col of COLUMNS) {
      const classes = [col.numeric ? 'num' : '', col.narrowHidden ? 'hide-narrow' : ''].filter(Boolean).join(' ');
      let label: Node | string = col.label;
      if (col.key) {
        const key = col.key;
        const button = h('button', { type: 'button', class: 'sort', onclick: () => this.sortBy(key) }, col.label);
        this.headers.set(key, button);
        label = button;
      }
      head.append(h('th', { scope: 'col', class: classes || null }, label));
    }

    root.append(
      h('section', { class: 'toolbar', 'aria-label': 'Table controls' },
        h('label', { for: 'filter', class: 'grow' }, h('span', { class: 'sr-only' }, 'Filter'), filter),
        h('label', { class: 'check' }, onlyWatched, ' Watchlist only'),
        this.count),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'tickers', id: 'tickers' },
          h('caption', { class: 'sr-only' }, 'Live prices; activate a symbol for its chart'),
          h('thead', {}, head),
          this.tbody)),
      this.empty,
    );

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
    if (symbol === null) this.market.board.rows().forEach((r) => this.dirty.add(r.symbol));
    else this.dirty.add(symbol);
    if (this.query.sort !== 'symbol' || symbol === null || !this.parts.has(symbol)) this.orderDirty = true;
    this.schedule();
  }

  private reorder(): void {
    this.orderDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    this.frame = 0;
    for (const symbol of this.dirty) {
      const row = this.market.board.get(symbol);
      if (row) this.update(this.partsOf(row), row);
    }
    this.dirty.clear();
    if (!this.orderDirty) return;
    this.orderDirty = false;
    const rows = visibleRows(this.market.board.rows(), this.query);
    const wanted = rows.map((r) => this.partsOf(r).tr);
    const current = Array.from(this.tbody.children);
    if (wanted.length !== current.length || wanted.some((tr, i) => tr !== current[i])) this.tbody.replaceChildren(...wanted);
    setText(this.count, `${rows.length} of ${this.market.board.rows().length} symbols`);
    this.empty.hidden = rows.length > 0 || !this.market.isLoaded();
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
      change: h('td', { class: 'num' }),
      percent: h('td', { class: 'num' }),
      spark,
      provider: h('span', { class: 'provider' }),
      stale: h('span', { class: 'badge stale', title: 'No fresh data from any expected provider', hidden: true }, 'stale'),
      updated: h('td', { class: 'num muted hide-narrow' }),
      seq: -1,
    };
    parts.tr.append(
      h('td', { class: 'star-col' }, star),
      h('th', { scope: 'row' }, h('a', { href: `#/s/${encodeURIComponent(row.symbol)}`, class: 'symbol' }, row.symbol)),
      parts.price,
      parts.change,
      parts.percent,
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
    const trend = (row.change ?? 0) > 0 ? 'up' : (row.change ?? 0) < 0 ? 'down' : 'flat';
    parts.tr.dataset.trend = trend;
    parts.tr.dataset.stale = String(row.stale);
    parts.stale.hidden = !row.stale;
    setText(parts.provider, row.provider);
    setText(parts.updated, fmt.time(row.updatedAt));
    parts.spark.firstElementChild!.setAttribute('points', sparkPoints(row.spark, SPARK_W, SPARK_H - 2));
    if (row.seq !== parts.seq && parts.seq !== -1 && row.direction) {
      // Restart the flash animation: remove, force a reflow, add.
      parts.price.classList.remove('flash-up', 'flash-down');
      void parts.price.offsetWidth;
      parts.price.classList.add(row.direction === 'up' ? 'flash-up' : 'flash-down');
    }
    parts.seq = row.seq;
  }
}
