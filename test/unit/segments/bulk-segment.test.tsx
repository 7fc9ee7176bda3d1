// @vitest-environment happy-dom
/**
 * Bulk actions on a whole segment (issue 22): with a saved segment applied, All contacts lists
 * its first MAX_CANDIDATES members, and "Select all N in segment" selects every member, so Add
 * tag reaches the members past the rows shown. Contacts outside the segment are never touched.
 * Real IndexedDB (fake-indexeddb), the real list.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ContactList } from '@/components/contact/ContactList';
import { createSegment, crmDatabase, MAX_CANDIDATES } from '@/lib/db';
import { Contact } from '@/lib/model';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 300 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), (host.textContent ?? '').slice(0, 500)).toBe(true);
}
const button = (name: string) => [...host.querySelectorAll('button')].find((candidate) => candidate.textContent === name);
const click = (element: Element) => act(async () => void (element as HTMLElement).click());
const MEMBERS = MAX_CANDIDATES + 5;

freshCrmDatabase(async (db) => {
  const person = (id: string, tags: string[]) => Contact.parse({ id, name: id, tags, createdAt: 1, updatedAt: 1 });
  await db.contacts.bulkPut([
    ...Array.from({ length: MEMBERS }, (_, i) => person(`m${String(i).padStart(5, '0')}`, ['vip'])),
    person('outsider', []),
  ]);
});

describe('All contacts → a segment → Select all in segment', () => {
  it('selects every member, not only the rows shown, and Add tag reaches them all', { timeout: 30_000 }, async () => {
    await createSegment(crmDatabase(), 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await render(<ContactList onOpen={() => {}} onMerge={() => {}} />);
    await until(() => !!button('VIPs'));
    // No whole-segment selection without a segment applied.
    expect([...host.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Select all') && b.textContent.endsWith('in segment'))).toBe(false);
    await click(button('VIPs')!);
    const selectAllInSegment = `Select all ${MEMBERS.toLocaleString()} in segment`;
    await until(() => !!button(selectAllInSegment));
    expect(host.textContent).toContain(`Showing the first ${MAX_CANDIDATES.toLocaleString()} of ${MEMBERS.toLocaleString()} contacts in this segment.`);

    await click(button(selectAllInSegment)!);
    const bar = () => host.querySelector('[aria-label="Bulk actions"]');
    await until(() => bar()?.querySelector('.bulk-count')?.textContent === `${MEMBERS.toLocaleString()} selected`);
    expect(button('Clear the selection')?.getAttribute('aria-pressed')).toBe('true');

    await click(button('Add tag')!);
    const tag = bar()!.querySelector<HTMLInputElement>('input[type="text"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(tag, 'q3');
      tag.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button(`Tag ${MEMBERS} contacts`)!);
    await until(() => host.textContent?.includes(`Tagged ${MEMBERS} contacts “q3”.`) === true);
    const tagged = await crmDatabase().contacts.where('tags').equals('q3').primaryKeys();
    expect(tagged.length).toBe(MEMBERS);
    expect(tagged).toContain(`m${String(MEMBERS - 1).padStart(5, '0')}`);
    expect((await crmDatabase().contacts.get('outsider'))?.tags).toEqual([]);
  });
});
