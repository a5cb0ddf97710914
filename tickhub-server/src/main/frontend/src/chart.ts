// The symbol page's chart: candles, volume, SMA/EMA overlays and a compared symbol on
// TradingView's lightweight-charts, coloured from the page's theme.
//
// Scales: volume has its own pane below the prices (its own scale, never drawn over a candle);
// bars keep a readable width (at most MAX_BAR_SPACING px) and the view opens on at least
// MIN_BARS_SHOWN bars' room, so the first bars of a 1m or 5m chart are candles, not one bar
// stretched across the chart. With a compared symbol the price scale shows percent change from
// the first bar shown, so two prices of any size share it.
import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type MouseEventParams,
  PriceScaleMode,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, Change } from './candles';

/** The widest a bar is drawn (px). */
const MAX_BAR_SPACING = 14;
/** The view opens on room for this many bars, however few there are yet. */
const MIN_BARS_SHOWN = 60;
/** The volume pane's height against the price pane's. */
const VOLUME_PANE_SHARE = 0.22;

/** What the legend shows: the bar under the cursor, or the newest when the cursor is away. */
export interface LegendBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  compared?: number;
}

export interface Overlay {
  name: string;
  values: (number | undefined)[];
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export class PriceChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly overlays = new Map<string, ISeriesApi<'Line'>>();
  private compared: ISeriesApi<'Line'> | null = null;
  private comparedValues = new Map<number, number>();
  private shown: readonly Candle[] = [];
  private legendListener: ((bar: LegendBar | null) => void) | null = null;
  /** Volume bar colours, read from the theme once per theme change, not once per bar. */
  private volumeColours = { up: '', down: '' };

  constructor(container: HTMLElement, secondsVisible: boolean) {
    this.chart = createChart(container, {
      autoSize: true,
      timeScale: { timeVisible: true, secondsVisible, rightOffset: 4, maxBarSpacing: MAX_BAR_SPACING },
      rightPriceScale: { borderVisible: false, scaleMargins: { top: 0.08, bottom: 0.05 } },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: true });
    this.volume = this.chart.addSeries(HistogramSeries,
      { priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false }, 1);
    const [prices, volumes] = this.chart.panes();
    prices?.setStretchFactor(1 - VOLUME_PANE_SHARE);
    volumes?.setStretchFactor(VOLUME_PANE_SHARE);
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.applyTheme();
  }

  /** Tells `listener` the bar under the cursor (null: the cursor left; show the newest). */
  onLegend(listener: (bar: LegendBar | null) => void): void {
    this.legendListener = listener;
  }

  /** A second symbol's closes as a line; both on a percent scale. Null removes it. */
  compare(name: string | null, candles: readonly Candle[]): void {
    if (name === null) {
      if (this.compared) this.chart.removeSeries(this.compared);
      this.compared = null;
      this.comparedValues.clear();
      this.chart.applyOptions({ rightPriceScale: { mode: PriceScaleMode.Normal } });
      return;
    }
    if (!this.compared) {
      this.compared = this.chart.addSeries(LineSeries, {
        color: cssVar('--compare'), lineWidth: 2, priceLineVisible: false, title: name,
      });
      this.chart.applyOptions({ rightPriceScale: { mode: PriceScaleMode.Percentage } });
    }
    this.compared.applyOptions({ title: name });
    this.comparedValues = new Map(candles.map((c) => [c.time, c.close]));
    this.compared.setData(candles.map((c) => ({ time: c.time as UTCTimestamp, value: c.close })));
  }

  /** The newest bar of the compared symbol. */
  compareUpdate(candle: Candle): void {
    if (!this.compared) return;
    this.comparedValues.set(candle.time, candle.close);
    try {
      this.compared.update({ time: candle.time as UTCTimestamp, value: candle.close });
    } catch {
      // Older than the line's newest point (a late close): the next full load places it.
    }
  }

  comparedValue(time: number): number | undefined {
    return this.comparedValues.get(time);
  }

  private readonly onCrosshair = (param: MouseEventParams<Time>) => {
    if (!this.legendListener) return;
    if (param.time === undefined || !param.point) {
      this.legendListener(null);
      return;
    }
    const time = param.time as number;
    const candle = this.shown.find((c) => c.time === time);
    if (!candle) {
      this.legendListener(null);
      return;
    }
    const compared = this.comparedValues.get(time);
    this.legendListener({ ...candle, ...(compared !== undefined ? { compared } : {}) });
  };

  applyTheme(): void {
    const up = cssVar('--up');
    const down = cssVar('--down');
    this.volumeColours = { up: cssVar('--up-soft'), down: cssVar('--down-soft') };
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: cssVar('--surface') }, textColor: cssVar('--text'), fontFamily: cssVar('--font') },
      grid: { vertLines: { color: cssVar('--grid') }, horzLines: { color: cssVar('--grid') } },
    });
    this.candles.applyOptions({ upColor: up, downColor: down, wickUpColor: up, wickDownColor: down, borderVisible: false });
    this.overlays.forEach((series, name) => series.applyOptions({ color: cssVar(`--${name.toLowerCase()}`) }));
    this.compared?.applyOptions({ color: cssVar('--compare') });
  }

  /** Shows the candles: all of them after a load or a rewrite, or just the newest. */
  show(candles: readonly Candle[], change: Change | 'all'): void {
    this.shown = candles;
    const last = candles[candles.length - 1];
    if ((change === 'appended' || change === 'updated-last') && last) {
      this.candles.update(this.candleOf(last, candles[candles.length - 2]));
      this.volume.update(this.volumeOf(last));
    } else {
      this.candles.setData(candles.map((c, i) => this.candleOf(c, candles[i - 1])));
      this.volume.setData(candles.map((c) => this.volumeOf(c)));
    }
  }

  overlay(candles: readonly Candle[], overlays: readonly Overlay[]): void {
    for (const [name, series] of this.overlays) {
      if (!overlays.some((o) => o.name === name)) {
        this.chart.removeSeries(series);
        this.overlays.delete(name);
      }
    }
    for (const o of overlays) {
      let series = this.overlays.get(o.name);
      if (!series) {
        series = this.chart.addSeries(LineSeries, {
          color: cssVar(`--${o.name.toLowerCase()}`),
          lineWidth: 2,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
          title: o.name,
        });
        this.overlays.set(o.name, series);
      }
      const points = [];
      for (let i = 0; i < candles.length; i++) {
        const value = o.values[i];
        if (value !== undefined) points.push({ time: candles[i]!.time as UTCTimestamp, value });
      }
      series.setData(points);
    }
  }

  /** All the bars, or room for MIN_BARS_SHOWN with the few there are on the right. */
  fit(): void {
    const n = this.shown.length;
    if (n >= MIN_BARS_SHOWN) this.chart.timeScale().fitContent();
    else this.chart.timeScale().setVisibleLogicalRange({ from: n - MIN_BARS_SHOWN, to: n + 3 });
  }

  destroy(): void {
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.remove();
  }

  /**
   * A bar of one tick is drawn from the previous bar's close to its price, as tick charts do, so
   * 1s bars at one tick a second show each move instead of a flat dash. The legend keeps the
   * hub's own open.
   */
  private candleOf(c: Candle, previous: Candle | undefined) {
    const open = c.ticks <= 1 && previous ? previous.close : c.open;
    return { time: c.time as UTCTimestamp, open, high: Math.max(c.high, open), low: Math.min(c.low, open), close: c.close };
  }

  private volumeOf(c: Candle) {
    return { time: c.time as UTCTimestamp, value: c.volume, color: c.close >= c.open ? this.volumeColours.up : this.volumeColours.down };
  }
}
