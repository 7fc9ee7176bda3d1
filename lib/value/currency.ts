/**
 * Money in several currencies, brought to one home currency. Pure: no exchange-rate source is
 * fetched (a local-first extension has none it can trust offline); the user types the rates in
 * Options → Value model, and they are applied here.
 *
 * A rate is how many units of the home currency one unit of the other currency is worth
 * (home USD, EUR 1.08: €1 = $1.08), in major units. An amount in a currency with no rate is never
 * added 1:1: it is left out of the total and counted, so the UI can say what was left out.
 */

/** The home currency and the rates to it. */
export interface CurrencyConversion {
  home: string;
  /** Units of `home` per one unit of each other currency. */
  rates: Readonly<Record<string, number>>;
}

/** What a currency is when nothing says otherwise (no setting, no deals). */
export const FALLBACK_HOME_CURRENCY = 'USD';

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point in a currency's minor unit (USD 2, JPY 0, KWD 3); 2 if unknown. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export function minorUnitsToAmount(minorUnits: number, currency: string): number {
  return minorUnits / 10 ** currencyDigits(currency);
}

/** Units of home per unit of `currency`: 1 for the home currency, undefined without a usable rate. */
export function rateToHome(currency: string, conversion: CurrencyConversion): number | undefined {
  if (currency === conversion.home) return 1;
  const rate = conversion.rates[currency];
  return rate !== undefined && Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/** Minor units of `currency` as major units of the home currency; null when there is no rate. */
export function toHomeAmount(minorUnits: number, currency: string, conversion: CurrencyConversion): number | null {
  const rate = rateToHome(currency, conversion);
  return rate === undefined ? null : minorUnitsToAmount(minorUnits, currency) * rate;
}

/** The most used currency in a count per code (ties: the first code alphabetically), or undefined. */
export function mainCurrency(counts: Readonly<Record<string, number>>): string | undefined {
  let best: string | undefined;
  for (const [code, count] of Object.entries(counts)) {
    if (best === undefined || count > counts[best]! || (count === counts[best]! && code < best)) best = code;
  }
  return best;
}

/**
 * The home currency in use: the one the user chose, else the one most won deals are in (so a
 * seller who only ever sold in euros sees euros without setting anything), else USD.
 */
export function resolveHomeCurrency(chosen: string | undefined, wonDealsPerCurrency: Readonly<Record<string, number>>): string {
  return chosen ?? mainCurrency(wonDealsPerCurrency) ?? FALLBACK_HOME_CURRENCY;
}

export interface HomeTotal {
  /** Major units of the home currency. */
  total: number;
  /** Amounts added into `total`. */
  counted: number;
  /** Amounts left out, per currency without a rate. */
  leftOut: Record<string, number>;
}

/** Adds minor-unit amounts in the home currency, leaving out (and counting) those without a rate. */
export function sumInHome(
  amounts: Iterable<{ amount: number; currency: string }>,
  conversion: CurrencyConversion,
): HomeTotal {
  const result: HomeTotal = { total: 0, counted: 0, leftOut: {} };
  for (const { amount, currency } of amounts) {
    const converted = toHomeAmount(amount, currency, conversion);
    if (converted === null) {
      result.leftOut[currency] = (result.leftOut[currency] ?? 0) + 1;
    } else {
      result.total += converted;
      result.counted += 1;
    }
  }
  return result;
}

/** How many amounts were left out in all. */
export function leftOutCount(leftOut: Readonly<Record<string, number>> | undefined): number {
  return Object.values(leftOut ?? {}).reduce((sum, count) => sum + count, 0);
}

export interface CurrencyTotal {
  currency: string;
  /** Minor units of `currency`. */
  amount: number;
}

/**
 * Amounts summed per currency, never across: how one contact's deals read in their own
 * currencies ("€1,200 + $300"). Most-used currency first, then alphabetical.
 */
export function totalsByCurrency(amounts: Iterable<{ amount: number; currency: string }>): CurrencyTotal[] {
  const sums = new Map<string, { amount: number; count: number }>();
  for (const { amount, currency } of amounts) {
    const entry = sums.get(currency) ?? { amount: 0, count: 0 };
    entry.amount += amount;
    entry.count += 1;
    sums.set(currency, entry);
  }
  return [...sums.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .map(([currency, { amount }]) => ({ currency, amount }));
}
