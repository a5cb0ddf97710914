// The symbol page's chart: candles, volume, and SMA/EMA overlays on TradingView's
// lightweight-charts, coloured from the page's theme.
import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, Change } from './candles';

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
  /** Volume bar colours, read from the theme once per theme change, not once per bar. */
  private volumeColours = { up: '', down: '' };

  constructor(container: HTMLElement, secondsVisible: boolean) {
    this.chart = createChart(container, {
      autoSize: true,
      timeScale: { timeVisible: true, secondsVisible, rightOffset: 4 },
      rightPriceScale: { borderVisible: false },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: true });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: '', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    this.applyTheme();
  }

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
  }

  /** Shows the candles: all of them after a load or a rewrite, or just the newest. */
  show(candles: readonly Candle[], change: Change | 'all'): void {
    const last = candles[candles.length - 1];
    if ((change === 'appended' || change === 'updated-last') && last) {
      this.candles.update(this.candleOf(last));
      this.volume.update(this.volumeOf(last));
    } else {
      this.candles.setData(candles.map((c) => this.candleOf(c)));
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

  fit(): void {
    this.chart.timeScale().fitContent();
  }

  destroy(): void {
    this.chart.remove();
  }

  private candleOf(c: Candle) {
    return { time: c.time as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close };
  }

  private volumeOf(c: Candle) {
    return { time: c.time as UTCTimestamp, value: c.volume, color: c.close >= c.open ? this.volumeColours.up : this.volumeColours.down };
  }
}
