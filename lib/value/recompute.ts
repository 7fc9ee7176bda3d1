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
 * Money. Amounts are stored in integer minor units of their own currency and handed to the model
 * in major units of the home currency (lib/value/currency.ts): the user's choice, else the currency
 * most won deals are in. A deal in a currency without an exchange rate is left out and counted in
 * `unconverted`, never added as if it were the home currency. Refunds (negative amounts) are left
 * out too: the spend model has no notion of negative purchases.
 */
import { minorUnitsToAmount, rateToHome, resolveHomeCurrency } from './currency';
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

export { currencyDigits, mainCurrency, minorUnitsToAmount } from './currency';

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
  /** Amounts in major units of `homeCurrency`. */
  purchases: Purchase[];
  /** Won deals per currency code, among those kept (live contact, not a refund), converted or not. */
  currencies: Record<string, number>;
  /** The home currency the purchases are in. */
  homeCurrency: string;
  /** Won deals left out per currency because it has no exchange rate to the home currency. */
  unconverted: Record<string, number>;
  /** Won deals left out because their amount is negative (refunds). */
  skippedNegative: number;
}

/** The user's currency settings: no home currency means "the one most won deals are in". */
export interface CurrencySettings {
  homeCurrency?: string;
  rates: Readonly<Record<string, number>>;
}

/** A won deal kept for the model: only what the purchase needs, so the deal row itself can go. */
interface KeptDeal {
  contactId: string;
  amount: number;
  currency: string;
  date: Date;
}

/**
 * Won deals folded into purchases a batch at a time (`add`), then converted to the home currency
 * (`finish`): a million deals are read in chunks, and each chunk's rows can be dropped once added
 * instead of all of them being held until the end. `liveContactIds`, when given, keeps only deals
 * of those contacts (a deleted contact's deals stop counting).
 */
export class WonPurchaseCollector {
  // Two passes: the home currency may depend on which currency most kept deals are in.
  private readonly kept: KeptDeal[] = [];
  private readonly currencies: Record<string, number> = {};
  private skippedNegative = 0;
  // Local-day conversion is the hot spot for a million deals: memoise it per UTC day and offset.
  private readonly dayCache = new Map<number, Date>();

  constructor(private readonly liveContactIds?: ReadonlySet<string>) {}

  add(deals: Iterable<DealLike>): void {
    const { kept, currencies, dayCache, liveContactIds } = this;
    for (const deal of deals) {
      if (deal.status !== 'won') continue;
      if (liveContactIds && !liveContactIds.has(deal.contactId)) continue;
      if (!(deal.amount >= 0)) {
        this.skippedNegative += 1;
        continue;
      }
      const offsetMs = new Date(deal.at).getTimezoneOffset() * 60_000;
      const dayNumber = Math.floor((deal.at - offsetMs) / MS_PER_DAY);
      let date = dayCache.get(dayNumber);
      if (!date) {
        date = new Date(dayNumber * MS_PER_DAY);
        dayCache.set(dayNumber, date);
      }
      kept.push({ contactId: deal.contactId, amount: deal.amount, currency: deal.currency, date });
      currencies[deal.currency] = (currencies[deal.currency] ?? 0) + 1;
    }
  }

  finish(currency: CurrencySettings = { rates: {} }): WonPurchases {
    const { kept, currencies } = this;
    const homeCurrency = resolveHomeCurrency(currency.homeCurrency, currencies);
    const conversion = { home: homeCurrency, rates: currency.rates };
    const rateOf = new Map(Object.keys(currencies).map((code) => [code, rateToHome(code, conversion)]));
    const purchases: Purchase[] = [];
    const unconverted: Record<string, number> = {};
    for (const deal of kept) {
      const rate = rateOf.get(deal.currency);
      if (rate === undefined) {
        unconverted[deal.currency] = (unconverted[deal.currency] ?? 0) + 1;
        continue;
      }
      purchases.push({ customerId: deal.contactId, date: deal.date, amount: minorUnitsToAmount(deal.amount, deal.currency) * rate });
    }
    kept.length = 0;
    return { purchases, currencies: { ...currencies }, homeCurrency, unconverted, skippedNegative: this.skippedNegative };
  }
}

/**
 * Won deals as purchases in the home currency. `liveContactIds`, when given, keeps only deals of
 * those contacts (a deleted contact's deals stop counting).
 */
export function purchasesFromDeals(
  deals: Iterable<DealLike>,
  liveContactIds?: ReadonlySet<string>,
  currency: CurrencySettings = { rates: {} },
): WonPurchases {
  const collector = new WonPurchaseCollector(liveContactIds);
  collector.add(deals);
  return collector.finish(currency);
}

/** Tier thresholds from settings; `currency` is the home currency the reasons are written in. */
export function tierOptionsOf(settings: ModelSettings, currency?: string): Partial<TierOptions> {
  return { strategicShare: settings.strategicShare, atRiskMaxPAlive: settings.atRiskMaxPAlive, ...(currency ? { currency } : {}) };
}

/**
 * `computeValues` options: calibration ends today (local day), horizon and thresholds from
 * settings, tier reasons in `currency` (the home currency of the purchases).
 */
export function valueModelOptions(
  settings: ModelSettings,
  now: number,
  contactIds: readonly string[],
  currency?: string,
): ComputeValuesOptions {
  return {
    calibrationEnd: localIsoDay(now),
    horizonWeeks: settings.horizonWeeks,
    discountRate: settings.discountRate,
    tierOptions: tierOptionsOf(settings, currency),
    contactIds,
  };
}
