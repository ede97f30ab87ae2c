/** Escape text for HTML (tooltips and reports show citations that come from data files). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number as people read it: thousands separated, at most `digits` decimals. */
export function formatNumber(v: number, digits = 1): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString('en-GB', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : digits });
}

/** "~577", ">1,000", "577 [570–580]": the figure with its qualifier and published range. */
export function formatFigure(o: { value: number; qualifier?: string; low?: number; high?: number }): string {
  const q = !o.qualifier || o.qualifier === '=' ? '' : o.qualifier.replace('>=', '≥').replace('<=', '≤');
  const range =
    o.low !== undefined || o.high !== undefined
      ? ` [${o.low !== undefined ? formatNumber(o.low) : ''}–${o.high !== undefined ? formatNumber(o.high) : ''}]`
      : '';
  return `${q}${formatNumber(o.value)}${range}`;
}

/** "2023-09-01 – 2023-11-30", or the end date alone for a figure "as of" a date. */
export function formatPeriod(o: { periodStart?: string; periodEnd: string }): string {
  return o.periodStart ? `${o.periodStart} – ${o.periodEnd}` : `to ${o.periodEnd}`;
}
