// Number and time formats of the dashboard: prices to the cent (more below 1), signed changes.

export function price(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const digits = Math.abs(value) < 1 ? 4 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function signed(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function percent(value: number | null | undefined): string {
  const text = signed(value);
  return text === '–' ? text : `${text}%`;
}

export function time(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}

export function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  return `${Math.floor(seconds / 3600)}h ago`;
}

export function volume(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A day's range, low to high; "—" when the hub does not send it. */
export function range(low: number | null | undefined, high: number | null | undefined): string {
  if (low === null || low === undefined || high === null || high === undefined) return '—';
  return `${price(low)} – ${price(high)}`;
}

const STATES: Record<string, string> = { PRE: 'Pre-market', REGULAR: 'Open', POST: 'After hours', CLOSED: 'Closed' };

/** The exchange session a quote's `marketState` names; "—" when the hub does not send one. */
export function marketState(state: string | null | undefined): string {
  if (!state) return '—';
  return STATES[state] ?? state;
}

/** A bar's start: the time, with the date when it is not today. */
export function dateTime(epochMs: number): string {
  const d = new Date(epochMs);
  const today = new Date().toDateString() === d.toDateString();
  return today ? time(epochMs) : `${d.toLocaleDateString('en-CA')} ${time(epochMs)}`;
}
