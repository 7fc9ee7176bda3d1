// @vitest-environment happy-dom
/**
 * Tasks → Keep in touch: a contact due by a tier default is listed with why, snoozing hides them
 * (and says until when), logging a call clears them. Real IndexedDB (fake-indexeddb), the real
 * components, WXT's fake storage.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TasksView } from '@/components/task/TasksView';
import { DEFAULT_CADENCE_SETTINGS } from '@/lib/cadences';
import { addInteraction, crmDatabase } from '@/lib/db';
import { Contact, type ContactValue, type ValueTier } from '@/lib/model';
import { CADENCE_SNOOZES_KEY, saveCadenceSettings } from '@/lib/settings/cadence-settings';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();
const DAY = 86_400_000;

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
const click = (element: Element) => act(async () => void (element as HTMLElement).click());
const list = () => host.querySelector('ul[aria-label="Keep in touch"]');
const button = (name: string) => host.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

async function person(id: string, name: string, tier: ValueTier, lastCallDaysAgo: number): Promise<void> {
  const db = crmDatabase();
  const now = Date.now();
  await db.contacts.put(Contact.parse({ id, name, createdAt: now - 300 * DAY, updatedAt: now - 300 * DAY }));
  const value: ContactValue = { contactId: id, historical: 0, predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, rfm: { r: 0, f: 0, m: 0 }, tier, explanation: '', computedAt: 1 };
  await db.values.put(value);
  await addInteraction(db, { contactId: id, kind: 'call', at: now - lastCallDaysAgo * DAY }, now - lastCallDaysAgo * DAY);
}

freshCrmDatabase(async () => {
  await person('ada', 'Ada Lovelace', 'strategic', 41);
  await person('grace', 'Grace Hopper', 'growth', 41);
});

describe('Keep in touch in Tasks', () => {
  it('lists nobody while tier defaults are off, then the due contact with why once Strategic is on', async () => {
    await render(<TasksView onBack={() => {}} />);
    await until(() => host.textContent!.includes('No open follow-ups.'));
    expect(list()).toBeNull();

    await act(() => saveCadenceSettings({ ...DEFAULT_CADENCE_SETTINGS, strategic: { on: true, days: 30 } }));
    await until(() => list() !== null);
    expect(host.textContent).toContain('Keep in touch (1)');
    expect(list()!.textContent).toContain('Ada Lovelace · Strategic customers: every 30 days — last touch 41 days ago');
    // Grace is in Growth, whose default (60 days) is still off.
    expect(list()!.textContent).not.toContain('Grace Hopper');
    const snoozeNames = [...list()!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(snoozeNames).toEqual(['Snooze until tomorrow 9:00: keep in touch with Ada Lovelace', 'Snooze until next week: keep in touch with Ada Lovelace']);
  });

  it('snoozing hides the contact and says until when; logging a call clears them', async () => {
    await saveCadenceSettings({ ...DEFAULT_CADENCE_SETTINGS, strategic: { on: true, days: 30 } });
    await render(<TasksView onBack={() => {}} />);
    await until(() => list() !== null);
    await click(button('Snooze until tomorrow 9:00: keep in touch with Ada Lovelace')!);
    await until(() => list() === null);
    expect(host.textContent).toContain('Keep-in-touch with Ada Lovelace snoozed until tomorrow 9:00.');

    await act(() => fakeBrowser.storage.local.remove(CADENCE_SNOOZES_KEY));
    await until(() => list() !== null);
    await act(async () => void (await addInteraction(crmDatabase(), { contactId: 'ada', kind: 'call', at: Date.now() })));
    await until(() => list() === null);
  });
});
