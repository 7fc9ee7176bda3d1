// @vitest-environment happy-dom
/**
 * Outreach to a saved segment in the panel (components/outreach): the preview lists who is
 * skipped, who has no address and whose placeholders are missing before anything opens; then
 * one member at a time, keyboard first, with progress stored so a closed panel resumes. Real
 * IndexedDB (fake-indexeddb), the real components; tabs.create is the fake browser's.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OutreachView } from '@/components/outreach/OutreachView';
import { SavedSegments } from '@/components/segments/SavedSegments';
import { addInteraction, createSegment, crmDatabase, interactionsOf, readOutreach, saveTemplate } from '@/lib/db';
import { Contact, type Segment } from '@/lib/model';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();
const DAY = 86_400_000;

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
const click = (element: Element) => act(async () => void (element as HTMLElement).click());
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
const status = () => [...host.querySelectorAll('[role="status"]')].map((node) => node.textContent).join(' | ');
const listUnder = (heading: string) => {
  const h3 = [...host.querySelectorAll('h3')].find((node) => node.textContent === heading);
  return h3 ? [...host.querySelectorAll(`ul[aria-labelledby="${CSS.escape(h3.id)}"] li`)].map((li) => li.textContent) : null;
};

async function person(id: string, name: string, extra: Partial<Contact> = {}): Promise<void> {
  await crmDatabase().contacts.put(Contact.parse({ id, name, emails: [`${id}@example.org`], tags: ['vip'], createdAt: 1, updatedAt: 1, ...extra }));
}

let segment: Segment;
freshCrmDatabase(async (db) => {
  await person('ada', 'Ada Lovelace', { company: 'Engines' });
  await person('alan', 'Alan Turing');
  await person('grace', 'Grace Hopper', { company: 'Navy' });
  await person('kat', 'Katherine Johnson', { emails: [] });
  await person('other', 'Not In Segment', { tags: [] });
  await addInteraction(db, { contactId: 'grace', kind: 'call', at: Date.now() - 3 * DAY });
  await saveTemplate(db, { name: 'Check-in', subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}, how is {{company}}?' });
  segment = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('outreach to a segment', () => {
  it('is offered from each saved segment, by a link named after it', async () => {
    await render(<SavedSegments applied={null} onApply={() => {}} ownerName={(id) => id} writable />);
    await until(() => host.querySelector('a[aria-label="Outreach to segment VIPs"]') !== null);
    expect(host.querySelector('a[aria-label="Outreach to segment VIPs"]')!.getAttribute('href')).toBe(`#outreach/${segment.id}`);
  });

  it('previews, then walks member by member: open the draft, log it, skip, resume after the panel closes', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await render(<OutreachView segmentId={segment.id} onBack={() => {}} />);
    await until(() => status().includes('2 to draft, 1 skipped, 1 without an email address.'));
    expect(host.querySelector('h2')!.textContent).toBe('Outreach to “VIPs”');
    expect(listUnder('Missing placeholder values')).toEqual(['Alan Turing: {{company}}']);
    expect(listUnder('Skipped: contacted recently')).toEqual(['Grace Hopper: last contacted 3 days ago']);
    expect(listUnder('No email address')).toEqual(['Katherine Johnson']);
    expect(button('Start outreach (2 drafts)')).toBeDefined();

    // Every control has a label.
    for (const control of host.querySelectorAll('select, input')) expect(host.querySelector(`label[for="${CSS.escape(control.id)}"]`)).not.toBeNull();

    await click(button('Start outreach (2 drafts)')!);
    await until(() => host.querySelector('.outreach-member h3')?.textContent === '1 of 2: Ada Lovelace');
    expect(status()).toContain('0 of 2 drafted');
    expect(document.activeElement?.textContent).toBe('Open draft in Gmail');
    expect(host.querySelector('[role="group"][aria-label="Message to Ada Lovelace"]')!.textContent).toBe('Hello AdaHi Ada, how is Engines?');

    await click(button('Open draft in Gmail')!);
    expect(create).toHaveBeenCalledTimes(1);
    const url = new URL(create.mock.calls[0]![0].url!);
    expect([url.origin + url.pathname, url.searchParams.get('view'), url.searchParams.get('to'), url.searchParams.get('su'), url.searchParams.get('body')]).toEqual([
      'https://mail.google.com/mail/',
      'cm',
      'ada@example.org',
      'Hello Ada',
      'Hi Ada, how is Engines?',
    ]);
    expect(host.textContent).toContain('The draft to Ada Lovelace is open in Gmail');

    await click(button('Drafted — next')!);
    await until(() => host.querySelector('.outreach-member h3')?.textContent === '2 of 2: Alan Turing');
    expect(status()).toContain('1 of 2 drafted');
    expect(document.activeElement?.textContent).toBe('Open draft in Gmail');
    expect(host.textContent).toContain('Missing for Alan Turing: {{company}}');
    expect((await interactionsOf(crmDatabase(), 'ada')).map(({ kind, direction, subject, to }) => ({ kind, direction, subject, to }))).toEqual([
      { kind: 'email', direction: 'out', subject: 'Hello Ada', to: ['ada@example.org'] },
    ]);

    // The panel closes and opens again: the outreach resumes at Alan.
    await render(<p>closed</p>);
    await render(<OutreachView segmentId={segment.id} onBack={() => {}} />);
    await until(() => host.querySelector('.outreach-member h3')?.textContent === '2 of 2: Alan Turing');

    await click(button('Skip')!);
    await until(() => status().includes('Done: 1 of 2 drafted, 1 skipped.'));
    expect(await interactionsOf(crmDatabase(), 'alan')).toEqual([]);
    expect(host.querySelector<HTMLProgressElement>('progress')!.value).toBe(2);

    // A new outreach now skips Ada, contacted just now.
    await click(button('Start a new outreach')!);
    await until(() => status().includes('1 to draft, 2 skipped, 1 without an email address.'));
    expect(listUnder('Skipped: contacted recently')).toEqual(['Ada Lovelace: last contacted today', 'Grace Hopper: last contacted 3 days ago']);
    expect(await readOutreach(crmDatabase(), segment.id)).toBeUndefined();
  });

  it('opens Outlook’s compose link when Outlook is chosen, and refuses a bad number of days', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await render(<OutreachView segmentId={segment.id} onBack={() => {}} />);
    await until(() => status().includes('to draft'));
    const days = host.querySelector<HTMLInputElement>('input')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(days, 'soon');
      days.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(host.querySelector('.error')!.textContent).toBe('Type a whole number of days from 0 to 3650.');
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(button('Start outreach')!.disabled).toBe(true);
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(days, '0');
      days.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => status().includes('3 to draft, 1 without an email address.'));

    const mailbox = [...host.querySelectorAll('select')][1]!;
    await act(async () => {
      mailbox.value = 'outlook';
      mailbox.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click(button('Start outreach (3 drafts)')!);
    await until(() => button('Open draft in Outlook') !== undefined);
    await click(button('Open draft in Outlook')!);
    const url = new URL(create.mock.calls[0]![0].url!);
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/mail/deeplink/compose');
    expect(Object.fromEntries(url.searchParams)).toEqual({ to: 'ada@example.org', subject: 'Hello Ada', body: 'Hi Ada, how is Engines?' });
  });

  it('lists first, and picks by default, the templates written for this segment (issue 22)', async () => {
    const db = crmDatabase();
    const other = await createSegment(db, 'Leads', [{ field: 'stage', op: 'is', value: 'lead' }]);
    await saveTemplate(db, { name: 'Anniversary', body: 'Hi {{firstName}}', segmentId: segment.id });
    await saveTemplate(db, { name: 'Berlin meetup', body: 'Servus', segmentId: other.id });
    await render(<OutreachView segmentId={segment.id} onBack={() => {}} />);
    await until(() => status().includes('to draft'));
    const picker = host.querySelector<HTMLSelectElement>('select')!;
    const groups = [...picker.querySelectorAll('optgroup')].map((group) => [group.label, [...group.querySelectorAll('option')].map((option) => option.textContent)]);
    expect(groups).toEqual([
      ['For VIPs', ['Anniversary']],
      ['Other templates', ['Berlin meetup', 'Check-in']],
    ]);
    expect(picker.selectedOptions[0]!.textContent).toBe('Anniversary');
  });
});
