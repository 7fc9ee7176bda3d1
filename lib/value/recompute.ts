/**
 * The pure half of the background recompute: stored deals → the purchases and options that
 * `computeValues` takes. No I/O; `lib/db` reads the rows and the background writes the results.
 *
 * Days. A deal's `at` is an instant; the model works on calendar days. Both the deal and the
 * calibration end ("today") are taken as the user's *local* calendar day, so a deal entered for
 * today always counts today, whatever the time zone (taking UTC days would push a morning deal in
 * Sydney to "yesterday" and an evening deal in California to "tomorrow", after the calibration
 * end, where the model ignores it).
 *
 * Money. Amounts are stored in integer minor units of their currency and handed to the model in
 * major units (cents → dollars; yen have none). One currency is assumed: amounts in different
 * currencies are added as if they were the same (there is no exchange-rate source in a local-first
 * extension). `currencies` in the result counts won deals per currency so the UI can say so.
 * Refunds (negative amounts) are left out: the spend model has no notion of negative purchases.
 */
import type { ComputeValuesOptions } from './model';
import type { Purchase } from './summary';
import type { TierOptions } from './tiers';

export interface DealLike {
  contactId: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
  /** Epoch milliseconds. */
  at: number;
}

export interface ModelSettings {
  strategicShare: number;
  atRiskMaxPAlive: number;
  horizonWeeks: number;
  discountRate: number;
}

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

const MS_PER_DAY = 86_400_000;

/** The local calendar day of an instant, as a Date at UTC midnight of that day (what lib/value reads). */
export function localDay(ms: number): Date {
  const date = new Date(ms);
  return new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
}

/** `YYYY-MM-DD` of the local calendar day of an instant. */
export function localIsoDay(ms: number): string {
  return localDay(ms).toISOString().slice(0, 10);
}

/** Local midnight of a `YYYY-MM-DD` day: how a date the user picked is stored as `at`. */
export function localMidnight(isoDay: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(isoDay)}`);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

export interface WonPurchases {
  purchases: Purchase[];
  /** Won deals per currency code, among those turned into purchases. */
  currencies: Record<string, number>;
  /** Won deals left out because their amount is negative (refunds). */
  skippedNegative: number;
}

/**
 * Won deals as purchases. `liveContactIds`, when given, keeps only deals of those contacts (a
 * deleted contact's deals stop counting).
 */
export function purchasesFromDeals(deals: Iterable<DealLike>, liveContactIds?: ReadonlySet<string>): WonPurchases {
  const purchases: Purchase[] = [];
  const currencies: Record<string, number> = {};
  let skippedNegative = 0;
  // Local-day conversion is the hot spot for a million deals: memoise it per UTC day and offset.
  const dayCache = new Map<number, Date>();
  for (const deal of deals) {
    if (deal.status !== 'won') continue;
    if (liveContactIds && !liveContactIds.has(deal.contactId)) continue;
    if (!(deal.amount >= 0)) {
      skippedNegative += 1;
      continue;
    }
    const offsetMs = new Date(deal.at).getTimezoneOffset() * 60_000;
    const dayNumber = Math.floor((deal.at - offsetMs) / MS_PER_DAY);
    let date = dayCache.get(dayNumber);
    if (!date) {
      date = new Date(dayNumber * MS_PER_DAY);
      dayCache.set(dayNumber, date);
    }
    purchases.push({ customerId: deal.contactId, date, amount: minorUnitsToAmount(deal.amount, deal.currency) });
    currencies[deal.currency] = (currencies[deal.currency] ?? 0) + 1;
  }
  return { purchases, currencies, skippedNegative };
}

/** The most used currency among won deals (for display), or undefined when there are none. */
export function mainCurrency(currencies: Record<string, number>): string | undefined {
  let best: string | undefined;
  for (const [code, count] of Object.entries(currencies)) {
    if (best === undefined || count > currencies[best]! || (count === currencies[best]! && code < best)) best = code;
  }
  return best;
}

export function tierOptionsOf(settings: ModelSettings): Partial<TierOptions> {
  return { strategicShare: settings.strategicShare, atRiskMaxPAlive: settings.atRiskMaxPAlive };
}

/** `computeValues` options: calibration ends today (local day), horizon and thresholds from settings. */
export function valueModelOptions(settings: ModelSettings, now: number, contactIds: readonly string[]): ComputeValuesOptions {
  return {
    calibrationEnd: localIsoDay(now),
    horizonWeeks: settings.horizonWeeks,
    discountRate: settings.discountRate,
    tierOptions: tierOptionsOf(settings),
    contactIds,
  };
}
