// @vitest-environment happy-dom
/**
 * All contacts → Save as segment, and the saved segments' list: a live count, the rule built from
 * the filter and the condition form, apply, rename, delete with Undo, keyboard and unique
 * accessible names. Real IndexedDB (fake-indexeddb), the real components.
 */
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ContactList } from '@/components/contact/ContactList';
import { SaveSegmentForm } from '@/components/segments/SaveSegmentForm';
import { SavedSegments } from '@/components/segments/SavedSegments';
import { createSegment, crmDatabase, listSegments } from '@/lib/db';
import { Contact, type ContactValue, type Segment, type ValueTier } from '@/lib/model';
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
function choose(select: HTMLSelectElement, value: string): Promise<void> {
  return act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const click = (element: Element) => act(async () => void (element as HTMLElement).click());
const key = (element: Element, name: string) => act(async () => void element.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true })));

const byLabel = <T extends Element = HTMLElement>(label: string) => host.querySelector<T & Element>(`[aria-label="${label}"]`);
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
const status = () => host.querySelector('.segment-count')?.textContent ?? '';

/** Every control's accessible name: its aria-label, else its label element or text. */
function accessibleNames(): string[] {
  return [...host.querySelectorAll('button, input, select')].map((control) => {
    const label = control.getAttribute('aria-label') ?? (control.id ? host.querySelector(`label[for="${control.id}"]`)?.textContent : null);
    return label ?? control.textContent ?? '';
  });
}

async function person(id: string, name: string, extra: Partial<Contact>, tier?: ValueTier): Promise<void> {
  const db = crmDatabase();
  await db.contacts.put(Contact.parse({ id, name, emails: [`${id}@example.org`], createdAt: 1, updatedAt: 1, ...extra }));
  if (tier) await setTier(id, tier);
}
async function setTier(contactId: string, tier: ValueTier): Promise<void> {
  const value: ContactValue = { contactId, historical: 0, predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, rfm: { r: 0, f: 0, m: 0 }, tier, explanation: '', computedAt: 1 };
  await crmDatabase().values.put(value);
}

freshCrmDatabase(async () => {
  await person('ada', 'Ada Lovelace', { tags: ['vip'] }, 'strategic');
  await person('grace', 'Grace Hopper', { tags: ['vip'], emails: [] }, 'growth');
  await person('alan', 'Alan Turing', {}, 'strategic');
});

describe('Save as segment', () => {
  it('counts live as conditions are added and removed, explains the plan, and saves', async () => {
    const onSaved = vi.fn();
    await render(<SaveSegmentForm initialRule={[{ field: 'tag', op: 'has', value: 'vip' }]} leftOut={[]} ownerName={(id) => id} onSaved={onSaved} onCancel={() => {}} />);
    await until(() => status() === '2 contacts match.');
    expect(host.textContent).toContain('Read through the tag index (vip).');
    expect([...host.querySelectorAll('.segment-conditions li span')].map((li) => li.textContent)).toEqual(['Tag has “vip”']);

    await choose(byLabel<HTMLSelectElement>('Condition field')!, 'email');
    await choose(byLabel<HTMLSelectElement>('Condition operator')!, 'lacks');
    await click(button('Add condition')!);
    await until(() => status() === '1 contact matches.');
    expect(host.textContent).toContain('then the other condition is checked on those contacts');

    await click(button('Remove condition: Tag has “vip”')!);
    await until(() => host.textContent!.includes('Every contact is read: Lacks an email address: contacts without one have no key in the index.'));
    expect(status()).toBe('1 contact matches.');

    const name = host.querySelector<HTMLInputElement>('#' + CSS.escape(host.querySelector('label')!.htmlFor))!;
    expect(host.querySelector('label')!.textContent).toBe('Segment name');
    await typeInto(name, 'No email');
    await act(async () => void host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => onSaved.mock.calls.length === 1);
    const saved = (await listSegments(crmDatabase()))[0]!;
    expect(saved).toMatchObject({ name: 'No email', rule: [{ field: 'email', op: 'lacks' }] });
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it('says what is wrong: a missing name, a taken name, a bad value', async () => {
    await createSegment(crmDatabase(), 'VIPs', []);
    await render(<SaveSegmentForm initialRule={[]} leftOut={['the search words']} ownerName={(id) => id} onSaved={() => {}} onCancel={() => {}} />);
    expect(host.textContent).toContain('Not saved in a segment: the search words.');
    const submit = () => act(async () => void host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await submit();
    await until(() => host.querySelector('[role="alert"]')?.textContent === 'Give the segment a name.');
    await typeInto(host.querySelector<HTMLInputElement>('input:not([type])')!, 'vips');
    await submit();
    await until(() => host.querySelector('[role="alert"]')?.textContent === 'A segment named “VIPs” already exists. Choose another name.');

    await choose(byLabel<HTMLSelectElement>('Condition field')!, 'pAlive');
    const percent = byLabel<HTMLInputElement>('Percent')!;
    await typeInto(percent, '150');
    await key(percent, 'Enter'); // Enter in a value adds the condition, and does not submit the form
    expect(host.querySelector('.segment-adder .error')?.textContent).toBe('Type a percentage from 0 to 100.');
    expect(percent.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(percent.getAttribute('aria-describedby')!)?.textContent).toBe('Type a percentage from 0 to 100.');
    await typeInto(percent, '50');
    await key(percent, 'Enter');
    expect([...host.querySelectorAll('.segment-conditions li span')].map((li) => li.textContent)).toEqual(['P(alive) at least 50%']);
    expect(await crmDatabase().segments.count()).toBe(1);
  });
});

describe('saved segments', () => {
  it('applies, renames (Escape cancels), deletes with Undo, each control named after its segment', async () => {
    const db = crmDatabase();
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    await createSegment(db, 'Strategic', [{ field: 'tier', op: 'is', value: 'strategic' }]);
    const applied: Array<Segment | null> = [];
    await render(<SavedSegments applied={null} onApply={(segment) => applied.push(segment)} ownerName={(id) => id} writable />);
    await until(() => host.querySelectorAll('.segment-apply').length === 2);
    expect([...host.querySelectorAll('.segment-apply')].map((b) => b.textContent)).toEqual(['Strategic', 'VIPs']);
    expect(host.textContent).toContain('Tag has “vip”');
    const names = accessibleNames();
    expect(new Set(names).size, names.join(' | ')).toBe(names.length);

    await click(button('VIPs')!);
    expect(applied).toEqual([vips]);

    await click(button('Rename segment VIPs')!);
    const field = byLabel<HTMLInputElement>('New name for segment VIPs')!;
    expect(document.activeElement).toBe(field);
    await typeInto(field, 'Strategic');
    await act(async () => void field.form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => host.querySelector('[role="alert"]')?.textContent === 'A segment named “Strategic” already exists. Choose another name.');
    await key(field, 'Escape');
    expect(byLabel('New name for segment VIPs')).toBeNull();

    await click(button('Rename segment VIPs')!);
    await typeInto(byLabel<HTMLInputElement>('New name for segment VIPs')!, 'Key people');
    await click(button('Save name')!);
    await until(() => button('Key people') !== undefined);
    expect((await db.segments.get(vips.id))?.rule).toEqual(vips.rule);

    await click(button('Delete segment Key people')!);
    await until(() => button('Key people') === undefined && host.textContent!.includes('Deleted segment “Key people”.'));
    await click(button('Undo deleting segment Key people')!);
    await until(() => button('Key people') !== undefined);
    expect((await listSegments(db)).map((segment) => segment.name)).toEqual(['Key people', 'Strategic']);
  });

  it('offers no rename or delete to a reader', async () => {
    await createSegment(crmDatabase(), 'VIPs', []);
    await render(<SavedSegments applied={null} onApply={() => {}} ownerName={(id) => id} writable={false} />);
    await until(() => button('VIPs') !== undefined);
    expect(button('Rename segment VIPs')).toBeUndefined();
    expect(button('Delete segment VIPs')).toBeUndefined();
  });
});

describe('All contacts with segments', () => {
  it('saves the filter as a segment, lists its members, and follows a tier move', async () => {
    await render(<ContactList onOpen={() => {}} onMerge={() => {}} />);
    await until(() => button('Save as segment…') !== undefined);
    await choose(byLabel<HTMLSelectElement>('Filter by tier')!, 'strategic');
    await click(button('Save as segment…')!);
    await until(() => status() === '2 contacts match.');
    expect([...host.querySelectorAll('.segment-conditions li span')].map((li) => li.textContent)).toEqual(['Tier is strategic']);
    await typeInto(host.querySelector<HTMLInputElement>('.segment-form input')!, 'Strategic');
    await act(async () => void host.querySelector('.segment-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));

    // Saved and applied: the list shows the segment's members, the filter is put away.
    await until(() => host.querySelector('.segment-bar')?.textContent?.startsWith('Segment “Strategic”: 2 contacts') === true);
    expect(host.querySelector('.filter-controls')!.hasAttribute('hidden')).toBe(true);
    expect(button('Strategic')!.getAttribute('aria-pressed')).toBe('true');

    await act(async () => setTier('grace', 'strategic'));
    await until(() => host.querySelector('.segment-bar')?.textContent?.startsWith('Segment “Strategic”: 3 contacts') === true);
    await act(async () => setTier('ada', 'at-risk'));
    await until(() => host.querySelector('.segment-bar')?.textContent?.startsWith('Segment “Strategic”: 2 contacts') === true);

    await click(button('Show all contacts')!);
    await until(() => host.querySelector('.segment-bar') === null);
    expect(host.querySelector('.filter-controls')!.hasAttribute('hidden')).toBe(false);
  });
});
