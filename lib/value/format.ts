/** Number formatting for the tier explanations people read in the side panel. */

/** "$1,240" for larger sums, "$12.50" below $100 where cents still mean something. */
export function formatMoney(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const text = abs >= 100 ? Math.round(abs).toString() : abs.toFixed(2);
  const [whole, cents] = text.split('.') as [string, string | undefined];
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents === undefined ? '' : `.${cents}`}`;
}

/** "3.1%" below 10%, "80%" above: one decimal only where it changes the reading. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return percent < 10 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}

/** "30 weeks", "1 week", "2.5 weeks". */
export function formatWeeks(weeks: number): string {
  const rounded = weeks >= 10 ? Math.round(weeks) : Math.round(weeks * 10) / 10;
  return `${rounded} week${rounded === 1 ? '' : 's'}`;
}
