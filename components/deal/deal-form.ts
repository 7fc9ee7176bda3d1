/**
 * The "Add deal" form's fields → a deal for lib/db, or a message per bad field. Pure, so the
 * form can keep exactly what was typed and show the messages beside it.
 */
import type { DealInput } from '@/lib/db/deals';
import { DealStatus } from '@/lib/model';
import { localMidnight } from '@/lib/value/recompute';
import { parseAmount } from './amount';

export interface DealFormFields {
  title: string;
  amount: string;
  currency: string;
  status: string;
  /** `YYYY-MM-DD`, as a date input gives it. */
  date: string;
}

export type DealFormErrors = Partial<Record<keyof DealFormFields, string>>;

export type DealFormResult = { ok: true; deal: DealInput } | { ok: false; errors: DealFormErrors };

export const DEFAULT_CURRENCY = 'USD';

export function emptyDealForm(today: string, currency: string = DEFAULT_CURRENCY): DealFormFields {
  return { title: '', amount: '', currency, status: 'won', date: today };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `today` is the user's local day as `YYYY-MM-DD`: won and lost deals cannot close after it. */
export function parseDealForm(fields: DealFormFields, contactId: string, today: string): DealFormResult {
  const errors: DealFormErrors = {};
  const title = fields.title.trim();
  if (title === '') errors.title = 'Give the deal a title, like “Annual licence”.';
  else if (title.length > 300) errors.title = `Keep the title under 300 characters (it has ${title.length}).`;

  const currency = fields.currency.trim().toUpperCase();
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  if (!currencyOk) errors.currency = 'Use a three-letter currency code, like USD or EUR.';

  let amount = 0;
  // Without a valid currency only the number's shape can be checked; its decimals wait for one.
  const parsed = currencyOk ? parseAmount(fields.amount, currency) : parseAmount(fields.amount, currency, 4);
  if (parsed.ok) amount = parsed.minorUnits;
  else errors.amount = parsed.error;

  const status = DealStatus.safeParse(fields.status);
  if (!status.success) errors.status = 'Choose open, won or lost.';

  const date = fields.date.trim();
  if (!isRealDay(date)) errors.date = 'Enter a date, like 2025-03-31.';
  else if (status.success && status.data !== 'open' && date > today) {
    errors.date = `A ${status.data} deal has already closed: pick today or an earlier date.`;
  }

  if (Object.keys(errors).length > 0 || !status.success) return { ok: false, errors };
  return {
    ok: true,
    deal: { contactId, title, amount, currency, status: status.data, at: localMidnight(date) },
  };
}
