// One symbol: candles at a chosen interval from /api/v1/bars, continued live by the `bars.*`
// channel, with SMA/EMA overlays, an OHLC legend under the cursor, a second symbol to compare,
// the session's figures (bid/ask, day range and volume, previous close, market state) and the
// recent ticks. After a reconnect the bars missed while away are fetched again and the ticks
// resume by seq, so the chart has no gap.
import { api, INTERVAL_SECONDS, INTERVALS, type Interval } from '../api';
import { CandleSeries, intervalFor, toCandle, type Candle, type Change } from '../candles';
import { type LegendBar, PriceChart, type Overlay } from '../chart';
import { h, setText } from '../dom';
import * as fmt from '../format';
import { ema, sma } from '../indicators';
import type { Market } from '../market';
import type { BarUpdate, PriceUpdate } from '@tickhub/client';
import type { StreamClient } from '../stream';
import type { View } from '../view';
import type { Watchlist } from '../watchlist';
import { compareOf } from '../routes';

export interface ChartSettings {
  /** No interval in the address: the page picks one from the symbol's tick rate. */
  auto: boolean;
  interval: Interval;
  sma: number | null; // window, or null when off
  ema: number | null;
  /** A symbol compared on a percent scale, or null. */
  vs: string | null;
}

/** The symbol's own quotes unthrottled: the hub's highest maxRate, which lifts the board's `*` limit for it. */
const OWN_MAX_RATE = 1000;

const BARS_SHOWN = 300;

/** The session's figures under the price, in order. */
const FACTS = [
  ['bid', 'Bid'], ['ask', 'Ask'], ['spread', 'Spread'], ['range', 'Day range'], ['volume', 'Day volume'],
  ['previousClose', 'Prev. close'], ['market', 'Market'],
] as const;
type FactKey = (typeof FACTS)[number][0];
const TICKS_SHOWN = 50;

interface Tick {
  seq: number;
  price: number;
  volume: number | null;
  provider: string;
  time: number;
}

export class SymbolView implements View {
  readonly title: string;
  private chart: PriceChart | null = null;
  private series = new CandleSeries();
  private ticks: Tick[] = [];
  private releaseBars: (() => void) | null = null;
  private pending: BarUpdate[] | null = null;
  private cleanup: (() => void)[] = [];
  private loadToken = 0;
  private compared = new CandleSeries();
  private releaseCompared: (() => void) | null = null;
  private releaseDay: (() => void) | null = null;
  /** Today's bar (the hub's 1d bar): the day's range and volume. */
  private day: Candle | null = null;
  private els!: {
    price: HTMLElement; change: HTMLElement; provider: HTMLElement; stale: HTMLElement;
    status: HTMLElement; ticks: HTMLTableSectionElement; chart: HTMLElement; intervals: HTMLElement;
    legend: HTMLElement; compare: HTMLInputElement; facts: Record<string, HTMLElement>;
  };

  constructor(
    private readonly symbol: string,
    private readonly settings: ChartSettings,
    private readonly stream: StreamClient,
    private readonly market: Market,
    private readonly watchlist: Watchlist,
    private readonly onSettings: (settings: ChartSettings) => void,
  ) {
    this.title = symbol;
  }

  mount(root: HTMLElement): void {
    const star = h('button', {
      type: 'button', class: 'star', 'aria-pressed': String(this.watchlist.has(this.symbol)), 'aria-label': `Watch ${this.symbol}`,
      onclick: () => star.setAttribute('aria-pressed', String(this.watchlist.toggle(this.symbol))),
    }, '★');
    this.els = {
      price: h('span', { class: 'big-price', id: 'symbol-price' }, '–'),
      change: h('span', { class: 'change' }),
      provider: h('span', { class: 'provider' }),
      stale: h('span', { class: 'badge stale', hidden: true }, 'stale'),
      status: h('p', { class: 'muted status', role: 'status' }, 'Loading bars…'),
      ticks: h('tbody'),
      chart: h('div', { class: 'chart', id: 'chart', role: 'img', 'aria-label': `${this.symbol} candlestick chart` }),
      intervals: h('div', { class: 'segmented', role: 'group', 'aria-label': 'Bar interval' }),
      legend: h('div', { class: 'legend', id: 'legend', 'aria-live': 'off' }),
      compare: h('input', {
        id: 'compare', type: 'search', placeholder: 'Compare with…', autocomplete: 'off', list: 'compare-symbols',
        value: this.settings.vs ?? '', 'aria-label': 'Compare with symbol',
        onchange: () => this.setCompare(this.els.compare.value),
      }),
      facts: Object.fromEntries(FACTS.map(([key]) => [key, h('dd', { id: `fact-${key}` }, '—')])),
    };
    for (const interval of INTERVALS) {
      this.els.intervals.append(h('button', {
        type: 'button', 'data-interval': interval, 'aria-pressed': String(interval === this.settings.interval),
        onclick: () => this.setInterval(interval),
      }, interval));
    }
    root.append(
      h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, '← All tickers'), h('span', { class: 'muted hint' }, 'Esc')),
      h('header', { class: 'symbol-head' },
        h('h1', {}, this.symbol), star, this.els.price, this.els.change, this.els.provider, this.els.stale),
      h('section', { class: 'toolbar', 'aria-label': 'Chart controls' },
        this.els.intervals,
        this.overlayControl('SMA', 'sma'),
        this.overlayControl('EMA', 'ema'),
        h('span', { class: 'compare' }, this.els.compare,
          h('datalist', { id: 'compare-symbols' },
            ...this.market.board.rows().map((r) => r.symbol).filter((s) => s !== this.symbol).sort().slice(0, 500)
              .map((s) => h('option', { value: s }))))),
      h('dl', { class: 'facts', id: 'facts' },
        ...FACTS.flatMap(([key, label]) => [h('dt', {}, label), this.els.facts[key]!])),
      h('div', { class: 'chart-frame' }, this.els.chart, this.els.legend),
      this.els.status,
      h('section', { 'aria-labelledby': 'ticks-title' },
        h('h2', { id: 'ticks-title' }, 'Recent ticks'),
        h('div', { class: 'table-wrap' },
          h('table', { class: 'ticks', id: 'ticks' },
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, 'Time'), h('th', { scope: 'col', class: 'num' }, 'Price'),
              h('th', { scope: 'col', class: 'num' }, 'Volume'), h('th', { scope: 'col' }, 'Provider'),
              h('th', { scope: 'col', class: 'num' }, 'Seq'))),
            this.els.ticks))),
    );

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && document.activeElement?.tagName !== 'INPUT') location.hash = '#/';
    };
    const onTheme = () => this.chart?.applyTheme();
    document.addEventListener('keydown', onKey);
    window.addEventListener('themechange', onTheme);
    this.cleanup.push(
      () => document.removeEventListener('keydown', onKey),
      () => window.removeEventListener('themechange', onTheme),
      this.stream.subscribe('quotes', [this.symbol], { maxRate: OWN_MAX_RATE }),
      () => this.releaseCompared?.(),
      () => this.releaseDay?.(),
      this.stream.listen({
        quote: (u) => this.onQuote(u),
        bar: (b) => this.onBar(b),
        state: (s) => {
          if (s.status === 'open' && s.reconnected) void this.refill();
        },
      }),
      this.market.onChange((symbol) => {
        if (symbol === this.symbol || symbol === null) this.showHeader();
      }),
    );
    this.showHeader();
    void this.loadDay();
    void this.loadTicks().then(() => {
      if (this.settings.auto) this.pickInterval();
      this.newChart();
      void this.load();
    });
  }

  /** The interval whose candles hold several ticks at this symbol's recent rate. */
  private pickInterval(): void {
    const options = INTERVALS.map((name) => ({ name, seconds: INTERVAL_SECONDS[name] }));
    this.settings.interval = intervalFor(this.ticks.map((t) => t.time), options, this.settings.interval);
    for (const b of this.els.intervals.querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.interval === this.settings.interval));
    }
  }

  private newChart(): void {
    this.chart?.destroy();
    this.chart = new PriceChart(this.els.chart, this.settings.interval === '1s');
    this.chart.onLegend((bar) => this.showLegend(bar));
  }

  private showLegend(bar: LegendBar | null): void {
    const shown = bar ?? this.legendOfLast();
    if (!shown) {
      setText(this.els.legend, '');
      return;
    }
    const move = shown.open !== 0 ? ((shown.close - shown.open) / shown.open) * 100 : 0;
    this.els.legend.dataset.time = String(shown.time);
    this.els.legend.dataset.hover = String(bar !== null);
    this.els.legend.dataset.trend = shown.close > shown.open ? 'up' : shown.close < shown.open ? 'down' : 'flat';
    setText(this.els.legend, `${this.symbol} ${fmt.dateTime(shown.time * 1000)}  O ${fmt.price(shown.open)}  H ${fmt.price(shown.high)}`
      + `  L ${fmt.price(shown.low)}  C ${fmt.price(shown.close)}  ${fmt.percent(move)}  V ${fmt.volume(shown.volume)}`
      + (this.settings.vs && shown.compared !== undefined ? `  ·  ${this.settings.vs} ${fmt.price(shown.compared)}` : ''));
  }

  private legendOfLast(): LegendBar | null {
    const last = this.series.last();
    if (!last) return null;
    const compared = this.compared.candles.find((c) => c.time === last.time)?.close;
    return { ...last, ...(compared !== undefined ? { compared } : {}) };
  }

  private setCompare(value: string): void {
    const vs = compareOf(value, this.symbol);
    this.els.compare.setAttribute('aria-invalid', String(value.trim() !== '' && vs === null));
    if (vs === this.settings.vs) return;
    this.settings.vs = vs;
    this.onSettings(this.settings);
    void this.loadCompared();
  }

  /** The compared symbol's bars at the chart's interval, then live. */
  private async loadCompared(): Promise<void> {
    this.releaseCompared?.();
    this.releaseCompared = null;
    this.compared = new CandleSeries();
    const vs = this.settings.vs;
    if (vs === null) {
      this.chart?.compare(null, []);
      this.showLegend(null);
      return;
    }
    const token = this.loadToken;
    const interval = this.settings.interval;
    this.releaseCompared = this.stream.subscribe(`bars.${interval}`, [vs]);
    try {
      const bars = await api.bars(vs, interval, new Date(Date.now() - BARS_SHOWN * INTERVAL_SECONDS[interval] * 1000));
      if (token !== this.loadToken || vs !== this.settings.vs) return;
      this.compared.merge(bars.map(toCandle));
    } catch (e) {
      setText(this.els.status, `Could not load ${vs}: ${(e as Error).message}`);
    }
    this.chart?.compare(vs, this.compared.candles);
    this.showLegend(null);
  }

  /** Today's bar, for the day's range and volume; kept live by `bars.1d`. */
  private async loadDay(): Promise<void> {
    this.releaseDay = this.stream.subscribe('bars.1d', [this.symbol]);
    try {
      const bars = await api.bars(this.symbol, '1d', new Date(Date.now() - 2 * 86_400_000));
      const last = bars[bars.length - 1];
      if (last && (!this.day || toCandle(last).time >= this.day.time)) this.day = toCandle(last);
    } catch {
      // The quote's own day fields, if any, still show.
    }
    this.showHeader();
  }

  unmount(): void {
    this.loadToken++;
    this.releaseBars?.();
    this.releaseBars = null;
    this.cleanup.forEach((c) => c());
    this.cleanup = [];
    this.chart?.destroy();
    this.chart = null;
  }

  private overlayControl(name: 'SMA' | 'EMA', key: 'sma' | 'ema'): HTMLElement {
    const id = `overlay-${key}`;
    const window = h('input', {
      type: 'number', min: 2, max: 500, value: this.settings[key] ?? (key === 'sma' ? 20 : 9),
      'aria-label': `${name} window`, class: 'window', id: `${id}-window`,
      onchange: () => this.setOverlay(key, toggle.checked, window.valueAsNumber),
    });
    const toggle = h('input', {
      type: 'checkbox', id, checked: this.settings[key] !== null,
      onchange: () => this.setOverlay(key, toggle.checked, window.valueAsNumber),
    });
    return h('span', { class: `overlay ${key}` }, h('label', { class: 'check', for: id }, toggle, ` ${name}`), window);
  }

  private setOverlay(key: 'sma' | 'ema', on: boolean, window: number): void {
    this.settings[key] = on && Number.isInteger(window) && window >= 2 && window <= 500 ? window : null;
    this.onSettings(this.settings);
    this.drawOverlays();
  }

  private setInterval(interval: Interval): void {
    if (interval === this.settings.interval) return;
    this.settings.interval = interval;
    this.settings.auto = false;
    this.onSettings(this.settings);
    for (const b of this.els.intervals.querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.interval === interval));
    }
    this.newChart();
    void this.load();
  }

  /** Subscribes first and holds live bars, loads the history, then applies what was held. */
  private async load(): Promise<void> {
    const token = ++this.loadToken;
    const interval = this.settings.interval;
    this.releaseBars?.();
    this.series = new CandleSeries();
    this.pending = [];
    this.releaseBars = this.stream.subscribe(`bars.${interval}`, [this.symbol]);
    setText(this.els.status, 'Loading bars…');
    const from = new Date(Date.now() - BARS_SHOWN * INTERVAL_SECONDS[interval] * 1000);
    try {
      const bars = await api.bars(this.symbol, interval, from);
      if (token !== this.loadToken) return;
      this.series.merge(bars.map(toCandle));
    } catch (e) {
      if (token !== this.loadToken) return;
      setText(this.els.status, `Could not load bars: ${(e as Error).message}. Live bars continue.`);
    }
    const held = this.pending ?? [];
    this.pending = null;
    held.forEach((b) => this.series.upsert(toCandle(b.data)));
    this.draw('all');
    this.chart?.fit();
    void this.loadCompared();
  }

  /** Bars that closed while the connection was down. */
  private async refill(): Promise<void> {
    const last = this.series.last();
    if (!last || this.pending) return;
    const token = this.loadToken;
    try {
      const bars = await api.bars(this.symbol, this.settings.interval, new Date(last.time * 1000));
      if (token !== this.loadToken) return;
      this.series.merge(bars.map(toCandle));
      this.draw('all');
    } catch {
      // Still away; the next reconnect tries again.
    }
  }

  private onBar(update: BarUpdate): void {
    if (update.symbol === this.symbol && update.interval === '1d') {
      const day = toCandle(update.data);
      if (!this.day || day.time >= this.day.time) this.day = day;
      this.showHeader();
    }
    if (update.symbol === this.settings.vs && update.interval === this.settings.interval && this.releaseCompared) {
      const candle = toCandle(update.data);
      this.compared.upsert(candle);
      this.chart?.compareUpdate(candle);
    }
    if (update.symbol !== this.symbol || update.interval !== this.settings.interval) return;
    if (this.pending) {
      this.pending.push(update);
      return;
    }
    this.draw(this.series.upsert(toCandle(update.data)));
    if (this.els.legend.dataset.hover !== 'true') this.showLegend(null);
  }

  private draw(change: Change | 'all'): void {
    const candles = this.series.candles;
    this.chart?.show(candles, change);
    this.drawOverlays();
    if (candles.length === 0) {
      setText(this.els.status, `No ${this.settings.interval} bars yet; they appear with the next update.`);
      return;
    }
    const waiting = (['sma', 'ema'] as const)
      .filter((k) => this.settings[k] !== null && candles.length < this.settings[k]!)
      .map((k) => `${k.toUpperCase()} ${this.settings[k]} appears after ${this.settings[k]} bars`);
    setText(this.els.status, `${candles.length} bars of ${this.settings.interval}`
      + `${candles[candles.length - 1]!.closed ? '' : ', the last one live'}${waiting.length ? `; ${waiting.join(', ')}` : ''}`);
  }

  private drawOverlays(): void {
    const candles: readonly Candle[] = this.series.candles;
    const closes = this.series.closes();
    const overlays: Overlay[] = [];
    if (this.settings.sma !== null) overlays.push({ name: 'SMA', values: sma(closes, this.settings.sma) });
    if (this.settings.ema !== null) overlays.push({ name: 'EMA', values: ema(closes, this.settings.ema) });
    this.chart?.overlay(candles, overlays);
  }

  private async loadTicks(): Promise<void> {
    try {
      const items = await api.recentTicks(this.symbol, TICKS_SHOWN);
      const known = new Set(this.ticks.map((t) => t.seq));
      const older = items.filter((i) => !known.has(i.seq)).map((i) => ({
        seq: i.seq, price: i.price, volume: i.volume, provider: i.provider, time: Date.parse(i.providerTime),
      }));
      this.ticks = [...this.ticks, ...older].sort((a, b) => b.seq - a.seq).slice(0, TICKS_SHOWN);
      this.renderTicks();
    } catch {
      // The live ticks still come.
    }
  }

  private onQuote(update: PriceUpdate): void {
    if (update.symbol !== this.symbol) return;
    if (this.ticks.length > 0 && update.seq <= this.ticks[0]!.seq) return;
    this.ticks.unshift({ seq: update.seq, price: update.data.price, volume: update.data.volume, provider: update.data.provider, time: update.data.timestamp });
    this.ticks.length = Math.min(this.ticks.length, TICKS_SHOWN);
    this.renderTicks();
  }

  private renderTicks(): void {
    this.els.ticks.replaceChildren(...this.ticks.map((t, i) => {
      const before = this.ticks[i + 1];
      const dir = before ? (t.price > before.price ? 'up' : t.price < before.price ? 'down' : '') : '';
      return h('tr', { 'data-seq': t.seq },
        h('td', {}, fmt.time(t.time)),
        h('td', { class: `num ${dir}` }, fmt.price(t.price)),
        h('td', { class: 'num' }, fmt.volume(t.volume)),
        h('td', {}, t.provider),
        h('td', { class: 'num muted' }, String(t.seq)));
    }));
  }

  private showHeader(): void {
    const row = this.market.board.get(this.symbol);
    if (!row) {
      setText(this.els.price, '–');
      setText(this.els.change, 'waiting for the first price');
      return;
    }
    setText(this.els.price, fmt.price(row.price));
    setText(this.els.change, `${fmt.signed(row.change)} (${fmt.percent(row.changePercent)})`);
    this.els.change.dataset.trend = (row.change ?? 0) > 0 ? 'up' : (row.change ?? 0) < 0 ? 'down' : 'flat';
    setText(this.els.provider, row.provider);
    this.els.stale.hidden = !row.stale;
    const low = row.dayLow ?? this.day?.low ?? null;
    const high = row.dayHigh ?? this.day?.high ?? null;
    const facts: Record<FactKey, string> = {
      bid: fmt.price(row.bid),
      ask: fmt.price(row.ask),
      spread: row.bid !== null && row.ask !== null ? fmt.price(row.ask - row.bid) : '—',
      range: fmt.range(low, high),
      volume: row.dayVolume !== null ? fmt.volume(row.dayVolume) : this.day ? fmt.volume(this.day.volume) : '—',
      previousClose: row.previousClose !== null ? fmt.price(row.previousClose) : '—',
      market: fmt.marketState(row.marketState),
    };
    for (const [key, text] of Object.entries(facts)) setText(this.els.facts[key]!, text === '–' ? '—' : text);
    this.els.facts.market!.dataset.state = row.marketState ?? 'unknown';
  }
}
