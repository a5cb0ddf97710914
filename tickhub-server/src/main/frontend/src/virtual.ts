// Which rows of a long table are in the DOM: those in the scrolled viewport plus a margin, so a
// table of 5,000 symbols keeps about 40 rows in the page and the rest as two spacers' height.

export interface RowWindow {
  start: number; // index of the first row in the DOM
  end: number; // one past the last
  above: number; // px of the spacer before the first row
  below: number; // px of the spacer after the last
}

/** Rows drawn beyond each edge of the viewport, so a short scroll shows no blank. */
export const OVERSCAN = 8;

export function rowWindow(total: number, rowHeight: number, scrollTop: number, viewport: number): RowWindow {
  if (total === 0 || rowHeight <= 0) return { start: 0, end: 0, above: 0, below: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(first, total - 1) - OVERSCAN);
  const end = Math.min(total, Math.ceil((Math.max(0, scrollTop) + Math.max(viewport, rowHeight)) / rowHeight) + OVERSCAN);
  return { start, end, above: start * rowHeight, below: (total - end) * rowHeight };
}
