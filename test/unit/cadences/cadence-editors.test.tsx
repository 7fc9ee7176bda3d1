// @vitest-environment happy-dom
/**
 * Setting cadences: on a saved segment (its row in the panel), on one contact (profile), and the
 * per-tier defaults (Options), off until ticked. Keyboard (Escape gives focus back), errors in
 * words, unique accessible names. Real IndexedDB (fake-indexeddb), WXT's fake storage.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ContactCadence } from '@/components/cadences/ContactCadence';
import { TierCadenceSettings } from '@/components/cadences/TierCadenceSettings';
import { SavedSegments } from '@/components/segments/SavedSegments';
import { createSegment, crmDatabase } from '@/lib/db';
import { Contact } from '@/lib/model';
import { readCadenceSettings } from '@/lib/settings/cadence-settings';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  return act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const click = (element: Element) => act(async () => void (element as HTMLElement).click());
const byName = (name: string) => host.querySelector<HTMLElement>(`[aria-label="${name}"]`);
const labelled = (text: string) => {
  const label = [...host.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  return (label?.htmlFor ? host.querySelector(`#${CSS.escape(label.htmlFor)}`) : label?.querySelector('input')) as HTMLInputElement;
};
const buttonText = (text: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === text)!;

freshCrmDatabase();

describe('cadence editors', () => {
  it('sets, refuses out-of-range, and turns off a segment’s cadence; names are unique per segment', async () => {
    const vips = await createSegment(crmDatabase(), 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await createSegment(crmDatabase(), 'Berlin', [{ field: 'tag', op: 'has', value: 'berlin' }]);
    await render(<SavedSegments applied={null} onApply={() => {}} ownerName={(id) => id} writable />);
    await until(() => byName('Keep-in-touch cadence for segment VIPs') !== null);
    expect(byName('Keep-in-touch cadence for segment Berlin')).not.toBeNull();

    const toggle = byName('Keep-in-touch cadence for segment VIPs')!;
    await click(toggle);
    const form = byName('Keep in touch with segment VIPs')!;
    await typeInto(labelled('Every (days)'), '0');
    await click(buttonText('Save cadence'));
    expect(form.textContent).toContain('A whole number of days from 1 to 365.');
    await act(async () => void form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(byName('Keep in touch with segment VIPs')).toBeNull();
    expect(document.activeElement).toBe(toggle);

    await click(toggle);
    await typeInto(labelled('Every (days)'), '21');
    await click(buttonText('Save cadence'));
    await until(() => toggle.nextElementSibling?.textContent === 'every 21 days');
    expect((await crmDatabase().segments.get(vips.id))!.cadenceDays).toBe(21);

    await click(toggle);
    await click(buttonText('Turn off'));
    await until(() => toggle.nextElementSibling?.textContent === 'none');
    expect((await crmDatabase().segments.get(vips.id))!.cadenceDays).toBeUndefined();
  });

  it('sets a contact’s own cadence from their profile', async () => {
    const ada = Contact.parse({ id: 'ada', name: 'Ada Lovelace', createdAt: 1, updatedAt: 1 });
    await crmDatabase().contacts.put(ada);
    await render(<ContactCadence contact={ada} writable />);
    await click(byName('Keep-in-touch cadence for Ada Lovelace')!);
    await typeInto(labelled('Every (days)'), '14');
    await click(buttonText('Save cadence'));
    await until(() => byName('Keep in touch with Ada Lovelace') === null);
    expect((await crmDatabase().contacts.get('ada'))!.cadenceDays).toBe(14);
  });

  it('offers tier defaults off by default and saves the ones ticked', async () => {
    await render(<TierCadenceSettings />);
    await until(() => byName('Keep-in-touch defaults') !== null);
    const strategic = labelled('Keep in touch with Strategic customers');
    expect(strategic.checked).toBe(false);
    expect(labelled('Growth customers: every (days)').value).toBe('60');
    expect(labelled('Core customers: every (days)').value).toBe('90');
    await click(strategic);
    await typeInto(labelled('Strategic customers: every (days)'), '21');
    await click(buttonText('Save keep-in-touch defaults'));
    await until(() => host.textContent!.includes('Saved.'));
    expect(await readCadenceSettings()).toEqual({ strategic: { on: true, days: 21 }, growth: { on: false, days: 60 }, core: { on: false, days: 90 } });

    const names = [...host.querySelectorAll('input, button')].map((control) => {
      const label = control.closest('label') ?? (control.id ? host.querySelector(`label[for="${control.id}"]`) : null);
      return control.getAttribute('aria-label') ?? label?.textContent?.trim() ?? control.textContent;
    });
    expect(new Set(names).size).toBe(names.length);
  });
});
