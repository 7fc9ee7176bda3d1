/** Number formatting for the tier explanations people read in the side panel. */
import { currencyDigits } from './currency';

/**
 * "$1,240" / "€1,240" for larger sums, "$12.50" below 100 where cents still mean something (none
 * for currencies without a minor unit), in the reader's locale and the given (home) currency.
 */
export function formatMoney(value: number, currency: string = 'USD', locale?: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : currencyDigits(currency);
  const format = moneyFormat(locale, currency, digits);
  return format ? format.format(value) : `${value.toFixed(digits)} ${currency}`;
}

// Making an Intl.NumberFormat costs far more than using one (~70 µs against ~1 µs in Node), and a
// recompute writes a hundred thousand explanations with one or two sums each: one per kind.
const moneyFormats = new Map<string, Intl.NumberFormat | null>();

/** The formatter for these options, made once; null when the currency code is not one Intl knows. */
function moneyFormat(locale: string | undefined, currency: string, digits: number): Intl.NumberFormat | null {
  const key = `${locale ?? ''}|${currency}|${digits}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      format = null;
    }
    moneyFormats.set(key, format);
  }
  return format;
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
