import { afterEach, describe, expect, it } from 'vitest';
import { formatAmount, formatMinorUnits, parseAmount } from '@/components/deal/amount';
import { emptyDealForm, parseDealForm } from '@/components/deal/deal-form';
import { localIsoDay } from '@/lib/value/recompute';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('parseAmount', () => {
  it.each([
    ['1250', 'USD', 125000],
    ['1250.5', 'USD', 125050],
    ['1,250.50', 'USD', 125050],
    ['1.250,50', 'EUR', 125050],
    ['1 250,50', 'EUR', 125050],
    ['1\u00a0250,50', 'EUR', 125050],
    ["1'250.50", 'CHF', 125050],
    ['1,250', 'USD', 125000],
    ['12,5', 'EUR', 1250],
    ['1.234.567', 'USD', 123456700],
    ['1,234,567.89', 'USD', 123456789],
    ['.5', 'USD', 50],
    ['5.', 'USD', 500],
    ['0', 'USD', 0],
    ['1500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
  ])('reads %j in %s as %d minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, minorUnits: minor });
  });

  it.each([
    ['', 'USD', 'Enter an amount, like 1250 or 1,250.50.'],
    ['-5', 'USD', 'Enter an amount of 0 or more.'],
    ['$5', 'USD', 'Enter the amount as a number only, like 1250 or 1,250.50.'],
    ['1e5', 'USD', 'Enter the amount as a number only, like 1250 or 1,250.50.'],
    ['1.005', 'USD', 'USD amounts have at most 2 decimals.'],
    ['12.5', 'JPY', 'JPY amounts have no decimals.'],
    ['1,2,3', 'USD', 'That is not a number we can read; write it like 1250 or 1,250.50.'],
    ['1.5.0', 'USD', 'That is not a number we can read; write it like 1250 or 1,250.50.'],
    ['1.25,5', 'EUR', 'That is not a number we can read; write it like 1250 or 1,250.50.'],
    ['.', 'USD', 'That is not a number we can read; write it like 1250 or 1,250.50.'],
    ['99999999999999999999', 'USD', 'That amount is too large.'],
  ])('refuses %j in %s, saying why', (text, currency, error) => {
    expect(parseAmount(text, currency)).toEqual({ ok: false, error });
  });
});

describe('formatting', () => {
  it('formats minor units in the currency', () => {
    expect(formatMinorUnits(125050, 'USD', 'en-US')).toBe('$1,250.50');
    expect(formatMinorUnits(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMinorUnits(125050, 'EUR', 'de-DE')).toBe('1.250,50\u00a0€');
  });

  it('rounds large model figures to whole units and keeps cents on small ones', () => {
    expect(formatAmount(1234.567, 'USD', 'en-US')).toBe('$1,235');
    expect(formatAmount(12.345, 'USD', 'en-US')).toBe('$12.35');
  });
});

describe('parseDealForm', () => {
  const today = '2024-05-01';

  it('turns valid fields into a deal at local midnight of the picked day', () => {
    process.env.TZ = 'Australia/Sydney';
    const parsed = parseDealForm({ title: ' Annual licence ', amount: '1,200', currency: 'usd', status: 'won', date: '2024-04-30' }, 'c1', today);
    expect(parsed).toEqual({
      ok: true,
      deal: { contactId: 'c1', title: 'Annual licence', amount: 120000, currency: 'USD', status: 'won', at: new Date(2024, 3, 30).getTime() },
    });
    if (parsed.ok) expect(localIsoDay(parsed.deal.at)).toBe('2024-04-30');
  });

  it('explains each bad field', () => {
    const parsed = parseDealForm({ title: '  ', amount: '', currency: 'dollars', status: 'maybe', date: '2024-02-30' }, 'c1', today);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        title: 'Give the deal a title, like “Annual licence”.',
        amount: 'Enter an amount, like 1250 or 1,250.50.',
        currency: 'Use a three-letter currency code, like USD or EUR.',
        status: 'Choose open, won or lost.',
        date: 'Enter a date, like 2025-03-31.',
      },
    });
  });

  it('checks the amount against the currency once the currency is valid', () => {
    const parsed = parseDealForm({ title: 'x', amount: '10.5', currency: 'JPY', status: 'won', date: today }, 'c1', today);
    expect(parsed).toEqual({ ok: false, errors: { amount: 'JPY amounts have no decimals.' } });
  });

  it('lets an open deal close in the future but not a won or lost one', () => {
    const fields = { title: 'Renewal', amount: '10', currency: 'USD', date: '2024-06-01' };
    expect(parseDealForm({ ...fields, status: 'open' }, 'c1', today).ok).toBe(true);
    expect(parseDealForm({ ...fields, status: 'won' }, 'c1', today)).toEqual({
      ok: false,
      errors: { date: 'A won deal has already closed: pick today or an earlier date.' },
    });
  });

  it('starts empty with a won deal dated today', () => {
    expect(emptyDealForm(today)).toEqual({ title: '', amount: '', currency: 'USD', status: 'won', date: today });
    expect(emptyDealForm(today, 'EUR').currency).toBe('EUR');
  });
});

describe('parseDealForm amount checks without a currency', () => {
  it('still says when the amount is not a number', () => {
    const parsed = parseDealForm({ title: 'x', amount: 'lots', currency: '', status: 'won', date: '2024-05-01' }, 'c1', '2024-05-01');
    expect(parsed).toEqual({
      ok: false,
      errors: {
        amount: 'Enter the amount as a number only, like 1250 or 1,250.50.',
        currency: 'Use a three-letter currency code, like USD or EUR.',
      },
    });
  });
});
