// @vitest-environment happy-dom
/**
 * Add a condition → Owner (issue 22): offered only while syncing, with the team's members (you
 * first) and Unassigned as choices; the condition counts live and is saved in the rule. Real
 * IndexedDB (fake-indexeddb), the real form, a membership row as the background stores it.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SaveSegmentForm } from '@/components/segments/SaveSegmentForm';
import { addableFields } from '@/components/segments/condition-draft';
import { crmDatabase } from '@/lib/db';
import { Contact, UNASSIGNED } from '@/lib/model';
import { clearMembership, memberName, saveMembership, type Membership } from '@/lib/sync/client/membership';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

const membership: Membership = {
  user: 'usr_me',
  workspace: 'ws',
  workspaceName: 'Acme',
  role: 'editor',
  members: [
    { user: 'usr_me', email: 'me@acme.io', name: 'Me', role: 'editor', lastSeenAt: null },
    { user: 'usr_ravi', email: 'ravi@acme.io', name: 'Ravi', role: 'owner', lastSeenAt: null },
  ],
};

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}
function choose(select: HTMLSelectElement, value: string): Promise<void> {
  return act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const select = (label: string) => host.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;
const options = (label: string) => [...select(label).options].map((option) => option.textContent);
const button = (name: string) => [...host.querySelectorAll('button')].find((candidate) => candidate.textContent === name)!;
const conditions = () => [...host.querySelectorAll('.segment-conditions li span')].map((li) => li.textContent);
const count = () => host.querySelector('.segment-count')?.textContent ?? '';
const ownerName = (id: string) => memberName(membership, id) ?? id;

beforeEach(async () => {
  fakeBrowser.reset();
  const db = crmDatabase();
  if (!db.isOpen()) await db.open();
  const person = (id: string, ownerId?: string) => Contact.parse({ id, name: id, createdAt: 1, updatedAt: 1, ...(ownerId ? { ownerId } : {}) });
  await db.contacts.bulkPut([person('ada', 'usr_ravi'), person('grace', 'usr_ravi'), person('alan', 'usr_me'), person('edsger')]);
});
afterEach(async () => {
  await crmDatabase().meta.clear();
  await crmDatabase().delete();
});

describe('Owner condition', () => {
  it('goes back to the first field when sync is turned off while Owner is chosen', async () => {
    await saveMembership(membership, crmDatabase());
    await render(<SaveSegmentForm initialRule={[]} leftOut={[]} ownerName={ownerName} onSaved={() => {}} onCancel={() => {}} />);
    await until(() => options('Condition field').includes('Owner'));
    await choose(select('Condition field'), 'owner');
    await act(() => clearMembership(crmDatabase()));
    await until(() => !options('Condition field').includes('Owner'));
    expect(select('Condition field').value).toBe('tier');
    expect(options('Condition value').length).toBeGreaterThan(0); // the tiers, not an empty owner list
  });

  it('is not offered without sync', async () => {
    await render(<SaveSegmentForm initialRule={[]} leftOut={[]} ownerName={ownerName} onSaved={() => {}} onCancel={() => {}} />);
    await until(() => count() === '4 contacts match.');
    expect(options('Condition field')).not.toContain('Owner');
    expect(addableFields(false).some(({ field }) => field === 'owner')).toBe(false);
  });

  it('offers the members and Unassigned while syncing, counts live and saves the owner in the rule', async () => {
    await saveMembership(membership, crmDatabase());
    const onSaved = vi.fn();
    await render(<SaveSegmentForm initialRule={[]} leftOut={[]} ownerName={ownerName} onSaved={onSaved} onCancel={() => {}} />);
    await until(() => options('Condition field').includes('Owner'));
    await choose(select('Condition field'), 'owner');
    expect(options('Condition operator')).toEqual(['is', 'is not']);
    expect(options('Condition value')).toEqual(['You', 'Ravi', 'Unassigned']);
    expect(select('Condition value').value).toBe('usr_me');

    await choose(select('Condition value'), 'usr_ravi');
    await act(async () => void button('Add condition').click());
    expect(conditions()).toEqual(['Owner is Ravi']);
    await until(() => count() === '2 contacts match.');

    await choose(select('Condition operator'), 'is-not');
    await choose(select('Condition value'), UNASSIGNED);
    await act(async () => void button('Add condition').click());
    expect(conditions()).toEqual(['Owner is Ravi', 'Owner is not nobody (unassigned)']);
    await until(() => count() === '2 contacts match.');

    const name = host.querySelector<HTMLInputElement>('input:not([type])')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(name, 'Ravi’s');
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => void host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await until(() => onSaved.mock.calls.length === 1);
    const [saved] = await crmDatabase().segments.toArray();
    expect(saved?.rule).toEqual([
      { field: 'owner', op: 'is', value: 'usr_ravi' },
      { field: 'owner', op: 'is-not', value: UNASSIGNED },
    ]);
  });
});
