// Moving averages over bar closes, with the same definitions as the hub's
// /api/v1/indicators (tickhub-core Indicators): EMA smoothing 2/(n+1), seeded with the SMA of the
// first n values. A point before the window is full has no value.

export function sma(values: readonly number[], window: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(values.length).fill(undefined);
  if (window < 1) return out;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= window) sum -= values[i - window]!;
    if (i >= window - 1) out[i] = sum / window;
  }
  return out;
}

export function ema(values: readonly number[], window: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(values.length).fill(undefined);
  if (window < 1 || values.length < window) return out;
  const alpha = 2 / (window + 1);
  let value = 0;
  for (let i = 0; i < window; i++) value += values[i]!;
  value /= window;
  out[window - 1] = value;
  for (let i = window; i < values.length; i++) {
    value += alpha * (values[i]! - value);
    out[i] = value;
  }
  return out;
}
