/**
 * The options form's text fields ⇄ ValueSettings. People think of shares and rates in percent
 * ("80", "10") and of P(alive) as the 0–1 number the tier explanations show ("0.5"), so the form
 * uses those units. Pure: the form keeps what was typed and shows these messages beside it.
 *
 * Exchange rates are one a line, "EUR 1.08" (one euro is worth 1.08 of the home currency): a
 * list people can paste from wherever they keep rates, with errors that name the line.
 */
import { VALUE_SETTINGS_LIMITS, type ValueSettings } from './value-settings';

export interface ValueSettingsForm {
  /** Percent, e.g. "80". */
  strategicShare: string;
  /** 0–1, e.g. "0.5". */
  atRiskMaxPAlive: string;
  /** Whole weeks, e.g. "52". */
  horizonWeeks: string;
  /** Percent a year, e.g. "10". */
  discountRate: string;
  /** ISO code, e.g. "EUR"; empty: the currency most won deals are in. */
  homeCurrency: string;
  /** One "CODE rate" a line, e.g. "EUR 1.08\nGBP 1.27". */
  rates: string;
}

export type ValueSettingsFormErrors = Partial<Record<keyof ValueSettingsForm, string>>;

export type ValueSettingsFormResult =
  | { ok: true; settings: ValueSettings }
  | { ok: false; errors: ValueSettingsFormErrors };

export function valueSettingsToForm(settings: ValueSettings): ValueSettingsForm {
  return {
    strategicShare: trimNumber(settings.strategicShare * 100),
    atRiskMaxPAlive: trimNumber(settings.atRiskMaxPAlive),
    horizonWeeks: String(settings.horizonWeeks),
    discountRate: trimNumber(settings.discountRate * 100),
    homeCurrency: settings.homeCurrency ?? '',
    // Rates keep every digit typed: a yen rate of 0.0067 must not round to 0.0067's neighbours.
    rates: Object.entries(settings.rates)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, rate]) => `${code} ${rate}`)
      .join('\n'),
  };
}

/** "80" not "80.00000000000001": at most 4 decimals, no trailing zeros. */
function trimNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** A plain decimal as typed ("0.5", ".5", "80", "80%" for percent fields); null if it is not one. */
function readNumber(text: string, allowPercentSign: boolean): number | null {
  let trimmed = text.trim().replace(',', '.');
  if (allowPercentSign) trimmed = trimmed.replace(/\s*%$/, '');
  if (!/^\d*\.?\d+$|^\d+\.$/.test(trimmed)) return null;
  return Number(trimmed);
}

export function parseValueSettingsForm(form: ValueSettingsForm): ValueSettingsFormResult {
  const errors: ValueSettingsFormErrors = {};
  const limits = VALUE_SETTINGS_LIMITS;

  const share = readNumber(form.strategicShare, true);
  const shareMin = limits.strategicShare.min * 100;
  const shareMax = limits.strategicShare.max * 100;
  if (share === null || share < shareMin || share > shareMax) {
    errors.strategicShare = `Enter a percentage from ${shareMin} to ${shareMax}, like 80.`;
  }

  const pAlive = readNumber(form.atRiskMaxPAlive, false);
  if (pAlive === null || pAlive < limits.atRiskMaxPAlive.min || pAlive > limits.atRiskMaxPAlive.max) {
    errors.atRiskMaxPAlive = `Enter a probability from ${limits.atRiskMaxPAlive.min} to ${limits.atRiskMaxPAlive.max}, like 0.5.`;
  }

  const horizon = readNumber(form.horizonWeeks, false);
  if (horizon === null || !Number.isInteger(horizon) || horizon < limits.horizonWeeks.min || horizon > limits.horizonWeeks.max) {
    errors.horizonWeeks = `Enter whole weeks from ${limits.horizonWeeks.min} to ${limits.horizonWeeks.max}, like 52.`;
  }

  const rate = readNumber(form.discountRate, true);
  const rateMax = limits.discountRate.max * 100;
  if (rate === null || rate < limits.discountRate.min * 100 || rate > rateMax) {
    errors.discountRate = `Enter a yearly percentage from 0 to ${rateMax}, like 10 (0 means no discounting).`;
  }

  const home = form.homeCurrency.trim().toUpperCase();
  if (home !== '' && !/^[A-Z]{3}$/.test(home)) {
    errors.homeCurrency = 'Enter a three-letter currency code, like EUR, or leave it empty to use the currency most won deals are in.';
  }

  const rates = readRates(form.rates, home);
  if (!rates.ok) errors.rates = rates.error;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      strategicShare: share! / 100,
      atRiskMaxPAlive: pAlive!,
      horizonWeeks: horizon!,
      discountRate: rate! / 100,
      ...(home === '' ? {} : { homeCurrency: home }),
      rates: rates.ok ? rates.rates : {},
    },
  };
}

type RatesResult = { ok: true; rates: Record<string, number> } | { ok: false; error: string };

/** "EUR 1.08" lines (also "EUR=1.08", "eur: 1,08") → rates; the first bad line is the error. */
export function readRates(text: string, home: string): RatesResult {
  const rates: Record<string, number> = {};
  const { min, max } = VALUE_SETTINGS_LIMITS.rate;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `Line ${index + 1}`;
    const match = /^\s*([A-Za-z]{3})\s*[=:]?\s*(\S+)\s*$/.exec(line);
    const rate = match ? readNumber(match[2]!, false) : null;
    if (!match || rate === null) return { ok: false, error: `${where}: write a currency code and a rate, like EUR 1.08.` };
    const code = match[1]!.toUpperCase();
    if (code === home) return { ok: false, error: `${where}: ${code} is the home currency; it needs no rate.` };
    if (code in rates) return { ok: false, error: `${where}: ${code} has a rate already.` };
    if (rate < min || rate > max) return { ok: false, error: `${where}: the rate must be more than 0, like 1.08.` };
    rates[code] = rate;
  }
  if (Object.keys(rates).length > VALUE_SETTINGS_LIMITS.rates.max) {
    return { ok: false, error: `At most ${VALUE_SETTINGS_LIMITS.rates.max} rates.` };
  }
  return { ok: true, rates };
}
