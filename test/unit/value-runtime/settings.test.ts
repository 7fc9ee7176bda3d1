import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  DEFAULT_VALUE_SETTINGS,
  onValueSettingsChanged,
  parseStoredValueSettings,
  parseValueSettingsForm,
  readValueSettings,
  saveValueSettings,
  VALUE_SETTINGS_KEY,
  valueSettingsKey,
  valueSettingsToForm,
} from '@/lib/settings';

beforeEach(() => fakeBrowser.reset());

describe('stored value settings', () => {
  it('are the defaults when nothing is stored', async () => {
    expect(await readValueSettings()).toEqual({ strategicShare: 0.8, atRiskMaxPAlive: 0.5, horizonWeeks: 52, discountRate: 0, rates: {} });
  });

  it('round-trip through storage.local', async () => {
    const settings = { strategicShare: 0.7, atRiskMaxPAlive: 0.3, horizonWeeks: 26, discountRate: 0.1, homeCurrency: 'EUR', rates: { USD: 0.92 } };
    await saveValueSettings(settings);
    expect(await fakeBrowser.storage.local.get(VALUE_SETTINGS_KEY)).toEqual({ [VALUE_SETTINGS_KEY]: settings });
    expect(await readValueSettings()).toEqual(settings);
  });

  it('fall back field by field: one bad field keeps the others', () => {
    expect(parseStoredValueSettings({ strategicShare: 7, atRiskMaxPAlive: 0.2, horizonWeeks: 12.5, discountRate: 'x' })).toEqual({
      ...DEFAULT_VALUE_SETTINGS,
      atRiskMaxPAlive: 0.2,
    });
    expect(parseStoredValueSettings({ horizonWeeks: 13 })).toEqual({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 13 });
  });

  it('treat garbage as the defaults', () => {
    for (const stored of [undefined, null, 'nope', 42, [1, 2]]) expect(parseStoredValueSettings(stored)).toEqual(DEFAULT_VALUE_SETTINGS);
  });

  it('refuse to save values out of range', async () => {
    await expect(saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 0 })).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(VALUE_SETTINGS_KEY)).toEqual({});
  });

  it('report changes to listeners until unsubscribed', async () => {
    const seen = vi.fn();
    const stop = onValueSettingsChanged(seen);
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 10 });
    expect(seen).toHaveBeenCalledWith({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 10 });
    stop();
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 11 });
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('have a key that changes with any field', () => {
    const base = valueSettingsKey(DEFAULT_VALUE_SETTINGS);
    expect(valueSettingsKey({ ...DEFAULT_VALUE_SETTINGS })).toBe(base);
    for (const change of [
      { strategicShare: 0.7 },
      { atRiskMaxPAlive: 0.4 },
      { horizonWeeks: 51 },
      { discountRate: 0.05 },
      { homeCurrency: 'EUR' },
      { rates: { USD: 0.92 } },
    ]) {
      expect(valueSettingsKey({ ...DEFAULT_VALUE_SETTINGS, ...change })).not.toBe(base);
    }
  });
});

const BLANK_CURRENCIES = { homeCurrency: '', rates: '' };

describe('the options form', () => {
  it('shows settings in the units people use', () => {
    expect(
      valueSettingsToForm({ strategicShare: 0.57, atRiskMaxPAlive: 0.5, horizonWeeks: 52, discountRate: 0.1, rates: { JPY: 0.0067, EUR: 1.08 } }),
    ).toEqual({
      strategicShare: '57',
      atRiskMaxPAlive: '0.5',
      horizonWeeks: '52',
      discountRate: '10',
      homeCurrency: '',
      rates: 'EUR 1.08\nJPY 0.0067',
    });
  });

  it('parses what it shows back to the same settings', () => {
    const settings = {
      strategicShare: 0.57,
      atRiskMaxPAlive: 0.35,
      horizonWeeks: 39,
      discountRate: 0.125,
      homeCurrency: 'USD',
      rates: { EUR: 1.08, JPY: 0.00671234 },
    };
    const parsed = parseValueSettingsForm(valueSettingsToForm(settings));
    expect(parsed.ok && parsed.settings).toEqual(settings);
  });

  it('accepts a percent sign, spaces and a decimal comma', () => {
    const parsed = parseValueSettingsForm({ ...BLANK_CURRENCIES, strategicShare: ' 75 % ', atRiskMaxPAlive: '0,4', horizonWeeks: '26', discountRate: '7.5%' });
    expect(parsed).toEqual({ ok: true, settings: { strategicShare: 0.75, atRiskMaxPAlive: 0.4, horizonWeeks: 26, discountRate: 0.075, rates: {} } });
  });

  it('explains every bad field in words', () => {
    const parsed = parseValueSettingsForm({ ...BLANK_CURRENCIES, strategicShare: '0.8', atRiskMaxPAlive: '50', horizonWeeks: '2.5', discountRate: '-1' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      strategicShare: 'Enter a percentage from 10 to 99, like 80.',
      atRiskMaxPAlive: 'Enter a probability from 0.01 to 0.99, like 0.5.',
      horizonWeeks: 'Enter whole weeks from 1 to 520, like 52.',
      discountRate: 'Enter a yearly percentage from 0 to 100, like 10 (0 means no discounting).',
    });
  });

  it('rejects empty and non-numeric input', () => {
    const parsed = parseValueSettingsForm({ ...BLANK_CURRENCIES, strategicShare: '', atRiskMaxPAlive: 'half', horizonWeeks: '1e2', discountRate: '0x10' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(['atRiskMaxPAlive', 'discountRate', 'horizonWeeks', 'strategicShare']);
  });
});

describe('currency settings', () => {
  const thresholds = { strategicShare: '80', atRiskMaxPAlive: '0.5', horizonWeeks: '52', discountRate: '0' };

  it('read a home currency and rates one a line, in the ways people write them', () => {
    const parsed = parseValueSettingsForm({ ...thresholds, homeCurrency: ' eur ', rates: 'USD 0.92\n\ngbp: 1,17\r\nJPY=0.0061\n' });
    expect(parsed).toEqual({
      ok: true,
      settings: { ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'EUR', rates: { USD: 0.92, GBP: 1.17, JPY: 0.0061 } },
    });
  });

  it('leave the home currency out when the field is empty (the currency most won deals are in)', () => {
    const parsed = parseValueSettingsForm({ ...thresholds, homeCurrency: '', rates: '' });
    expect(parsed.ok && parsed.settings).toEqual({ ...DEFAULT_VALUE_SETTINGS, rates: {} });
    expect(parsed.ok && 'homeCurrency' in parsed.settings).toBe(false);
  });

  it('name the line that is wrong', () => {
    const errorsOf = (homeCurrency: string, rates: string) => {
      const parsed = parseValueSettingsForm({ ...thresholds, homeCurrency, rates });
      return parsed.ok ? null : parsed.errors;
    };
    expect(errorsOf('EURO', '')).toEqual({
      homeCurrency: 'Enter a three-letter currency code, like EUR, or leave it empty to use the currency most won deals are in.',
    });
    expect(errorsOf('USD', 'EUR 1.08\nGBP')).toEqual({ rates: 'Line 2: write a currency code and a rate, like EUR 1.08.' });
    expect(errorsOf('USD', 'USD 1')).toEqual({ rates: 'Line 1: USD is the home currency; it needs no rate.' });
    expect(errorsOf('USD', 'EUR 1.08\nEUR 1.1')).toEqual({ rates: 'Line 2: EUR has a rate already.' });
    expect(errorsOf('USD', 'EUR 0')).toEqual({ rates: 'Line 1: the rate must be more than 0, like 1.08.' });
    expect(errorsOf('USD', '$ 1.08')).toEqual({ rates: 'Line 1: write a currency code and a rate, like EUR 1.08.' });
  });

  it('are validated when saved and forgiven field by field when read', async () => {
    await expect(saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, rates: { EUR: -1 } })).rejects.toThrow();
    await expect(saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'euro' })).rejects.toThrow();
    expect(parseStoredValueSettings({ horizonWeeks: 13, homeCurrency: 'euro', rates: { EUR: 'x' } })).toEqual({
      ...DEFAULT_VALUE_SETTINGS,
      horizonWeeks: 13,
    });
    expect(parseStoredValueSettings({ homeCurrency: 'CHF', rates: { EUR: 0.95 } })).toEqual({
      ...DEFAULT_VALUE_SETTINGS,
      homeCurrency: 'CHF',
      rates: { EUR: 0.95 },
    });
  });
});
