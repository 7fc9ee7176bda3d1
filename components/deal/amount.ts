/**
 * Money as people type it ⇄ integer minor units as deals store it. Pure.
 *
 * Typed amounts accept the common ways of writing a number: "1250", "1,250.50", "1 250,50",
 * "1.250,50", "1'250.50". With one kind of separator, a single "." is the decimal point, a
 * single "," is the decimal comma unless exactly three digits follow ("1,250" is a thousand two
 * hundred and fifty), and a repeated one separates thousands. With both, the last is the decimal.
 */
import { currencyDigits } from '@/lib/value/recompute';

export type AmountResult = { ok: true; minorUnits: number } | { ok: false; error: string };

/** `digits` overrides the currency's minor-unit digits (to check a number's shape alone). */
export function parseAmount(text: string, currency: string, digits: number = currencyDigits(currency)): AmountResult {
  const compact = text.trim().replace(/[\s\u00a0\u202f'’_]/g, '');
  if (compact === '') return { ok: false, error: 'Enter an amount, like 1250 or 1,250.50.' };
  if (compact.startsWith('-')) return { ok: false, error: 'Enter an amount of 0 or more.' };
  if (!/^[\d.,]+$/.test(compact)) return { ok: false, error: 'Enter the amount as a number only, like 1250 or 1,250.50.' };

  const split = splitDecimal(compact);
  if (!split) return { ok: false, error: 'That is not a number we can read; write it like 1250 or 1,250.50.' };
  const [whole, fraction] = split;
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${digits} decimals.`,
    };
  }
  const minor = Number(`${whole || '0'}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: 'That amount is too large.' };
  return { ok: true, minorUnits: minor };
}

/** [whole digits, fraction digits] with thousands separators removed, or null if malformed. */
function splitDecimal(text: string): [string, string] | null {
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  let decimal: '.' | ',' | null = null;
  if (dots && commas) decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
  else if (dots === 1) decimal = '.';
  else if (commas === 1 && !/,\d{3}$/.test(text)) decimal = ',';

  let whole = text;
  let fraction = '';
  if (decimal) {
    const at = text.lastIndexOf(decimal);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (!/^\d*$/.test(fraction) || (whole === '' && fraction === '')) return null;
  }
  if (/[.,]/.test(whole)) {
    // Whatever separators remain group thousands: one kind, 1–3 digits first, then threes.
    if (whole.includes('.') && whole.includes(',')) return null;
    const groups = whole.split(/[.,]/);
    if (!/^\d{1,3}$/.test(groups[0]!) || !groups.slice(1).every((group) => /^\d{3}$/.test(group))) return null;
    whole = groups.join('');
  }
  if (!/^\d*$/.test(whole)) return null;
  return [whole, fraction];
}

/** "$1,250.50" in the reader's locale (or `locale`), from minor units. */
export function formatMinorUnits(minorUnits: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minorUnits / 10 ** digits);
  } catch {
    return `${(minorUnits / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** The same for an amount already in major units (model outputs). */
export function formatAmount(amount: number, currency: string, locale?: string): string {
  // Predictions are estimates: whole units read better than spurious cents on large sums.
  const fractionDigits = Math.abs(amount) >= 100 ? 0 : currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
