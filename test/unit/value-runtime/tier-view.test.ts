import { describe, expect, it } from 'vitest';
import { NOT_FITTED_FIX, NOT_FITTED_SUMMARY } from '@/components/tier/not-fitted';
import { describeTier } from '@/components/tier/tier-view';
import type { ValuesState } from '@/lib/db';
import type { ContactValue } from '@/lib/model';
import { valuesState } from './fixtures';

const state = (overrides: Partial<ValuesState> = {}): ValuesState =>
  valuesState({ stamp: { wonDealsRevision: 4, settingsKey: 'k', day: '2024-05-01', contacts: 10 }, fitted: true, purchasers: 40, contacts: 50, currencies: { USD: 100 }, written: 1, ...overrides });

const value = (overrides: Partial<ContactValue> = {}): ContactValue => ({
  contactId: 'a',
  historical: 1240,
  predictedPurchases: 2.04,
  pAlive: 0.834,
  expectedSpend: 150,
  clv: 306,
  rfm: { r: 20, f: 3, m: 150 },
  tier: 'growth',
  explanation: 'predicted $306, above the median $120 of customers not strategic or at risk',
  computedAt: 1,
  ...overrides,
});

const input = { revision: 4, hasPurchase: true, currency: 'USD' };

describe('describeTier', () => {
  it('shows the tier, its reason and the model’s figures when fitted', () => {
    expect(describeTier({ ...input, value: value(), state: state() })).toEqual({
      tier: 'growth',
      label: 'Growth',
      reason: 'Predicted $306, above the median $120 of customers not strategic or at risk.',
      facts: 'Expected 2.0 purchases worth $306 in the next 52 weeks; P(alive) 0.83.',
      note: null,
      updating: false,
    });
  });

  it('shows no model number and says why when the model is not fitted', () => {
    const view = describeTier({
      ...input,
      value: value({ tier: 'core', predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, explanation: 'spent $1,240; no prediction yet' }),
      state: state({ fitted: false, reason: 'only 12 customers with a repeat purchase; the model needs at least 30' }),
    });
    expect(view.facts).toBeNull();
    expect(view.label).toBe('Core');
    expect(view.note).toEqual({
      text: `${NOT_FITTED_SUMMARY} ${NOT_FITTED_FIX}`,
      details: 'Only 12 customers with a repeat purchase; the model needs at least 30.',
    });
    expect(`${view.reason} ${view.note!.text}`).not.toMatch(/P\(alive\)|predicted|expected|model|fitted/i);
  });

  it('never shows figures from a row whose state says the model is not fitted', () => {
    // A row left over from an older fitted run: the current state wins.
    const view = describeTier({ ...input, value: value(), state: state({ fitted: false }) });
    expect(view.facts).toBeNull();
    expect(view.note).toEqual({ text: `${NOT_FITTED_SUMMARY} ${NOT_FITTED_FIX}`, details: null });
  });

  it('calls a contact without a row a prospect only if it has no purchase', () => {
    expect(describeTier({ ...input, value: null, state: state(), hasPurchase: false })).toMatchObject({
      tier: 'prospect',
      label: 'Prospect',
      reason: 'No purchase yet.',
      updating: false,
    });
    expect(describeTier({ ...input, value: null, state: state(), hasPurchase: true })).toMatchObject({ tier: null, label: 'Not ranked yet' });
  });

  it('says it is updating while a recompute is due', () => {
    expect(describeTier({ ...input, value: value(), state: state(), revision: 5 }).updating).toBe(true);
    expect(describeTier({ ...input, value: null, state: null }).updating).toBe(true);
  });

  it('writes tiny P(alive) as <0.01 and one purchase in the singular', () => {
    const view = describeTier({ ...input, value: value({ tier: 'at-risk', pAlive: 0.001, predictedPurchases: 1.01, clv: 5 }), state: state({ horizonWeeks: 1 }) });
    expect(view.label).toBe('At risk');
    expect(view.facts).toBe('Expected 1.0 purchase worth $5.00 in the next 1 week; P(alive) <0.01.');
  });
});
