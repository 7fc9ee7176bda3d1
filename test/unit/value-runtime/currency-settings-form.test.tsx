// @vitest-environment happy-dom
/**
 * Options → Value tiers → Currencies: the home currency and the exchange rates are typed, checked
 * (the wrong line named, focus on the field), and saved with the rest of the value settings.
 */
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValueSettingsSection } from '@/components/value/ValueSettingsSection';
import { DEFAULT_VALUE_SETTINGS, readValueSettings, saveValueSettings } from '@/lib/settings';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}

function field(label: string): HTMLInputElement | HTMLTextAreaElement {
  const control = [...host.querySelectorAll('label')].find((element) => element.textContent === label)?.control;
  expect(control, `no control labelled ${label}`).toBeTruthy();
  return control as HTMLInputElement | HTMLTextAreaElement;
}

function type(label: string, value: string): void {
  const control = field(label);
  const prototype = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(control, value);
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

async function save(): Promise<void> {
  const button = [...host.querySelectorAll('button')].find((element) => element.textContent === 'Save')!;
  await act(async () => button.click());
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => fakeBrowser.reset());

describe('Options → Value model currencies', () => {
  it('saves a home currency and exchange rates typed one a line', async () => {
    await render(<ValueSettingsSection />);
    await until(() => host.querySelector('form') !== null);
    const fieldset = host.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).toBe('Currencies');
    await act(async () => {
      type('Home currency (three-letter code)', 'eur');
      type('Exchange rates (one a line)', 'USD 0.92\ngbp 1.17');
    });
    // The hint says what the rates are worth in: the home currency just typed.
    expect(host.textContent).toContain('what one unit of it is worth in EUR');
    await save();
    await until(() => host.textContent!.includes('Saved.'));
    expect(await readValueSettings()).toEqual({ ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'EUR', rates: { USD: 0.92, GBP: 1.17 } });
  });

  it('shows the saved currencies, and names the wrong line without saving', async () => {
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'CHF', rates: { EUR: 0.95 } });
    await render(<ValueSettingsSection />);
    await until(() => host.querySelector('form') !== null);
    expect(field('Home currency (three-letter code)').value).toBe('CHF');
    expect(field('Exchange rates (one a line)').value).toBe('EUR 0.95');

    await act(async () => type('Exchange rates (one a line)', 'EUR 0.95\nUSD one'));
    await save();
    const rates = field('Exchange rates (one a line)');
    await until(() => rates.getAttribute('aria-invalid') === 'true');
    const error = host.querySelector(`#${CSS.escape(rates.id)}-error`);
    expect(error?.textContent).toBe('Line 2: write a currency code and a rate, like EUR 1.08.');
    expect(rates.getAttribute('aria-describedby')).toContain(`${rates.id}-error`);
    expect(document.activeElement).toBe(rates);
    expect(host.textContent).toContain('Nothing saved');
    expect(await readValueSettings()).toEqual({ ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'CHF', rates: { EUR: 0.95 } });
  });

  it('keeps the currencies when the thresholds are reset to their defaults', async () => {
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 10, homeCurrency: 'CHF', rates: { EUR: 0.95 } });
    await render(<ValueSettingsSection />);
    await until(() => host.querySelector('form') !== null);
    const fill = [...host.querySelectorAll('button')].find((element) => element.textContent === 'Fill in defaults')!;
    await act(async () => fill.click());
    expect(field('Prediction horizon (weeks)').value).toBe('52');
    expect(field('Home currency (three-letter code)').value).toBe('CHF');
    expect(field('Exchange rates (one a line)').value).toBe('EUR 0.95');
  });
});
