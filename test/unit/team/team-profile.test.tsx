// @vitest-environment happy-dom
/**
 * The profile's team parts on a real (fake-indexeddb) database (issue 18): nothing team-related
 * without membership; the owner select, "Also in touch", attribution, the author's Private/Team
 * switch and the owner's Changes view while syncing.
 */
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistorySection } from '@/components/history/HistorySection';
import { TeamPrefsSection } from '@/components/team/TeamPrefsSection';
import { TeamProfileLines } from '@/components/team/TeamProfileLines';
import { addInteraction, crmDatabase, readTeamPrefs, saveDetectedContact } from '@/lib/db';
import { DetectedContact, type Contact } from '@/lib/model';
import { saveMembership, type Membership } from '@/lib/sync/client/membership';
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
  for (let tries = 0; tries < 100 && !check(); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(check(), host.textContent ?? '').toBe(true);
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  let ok = false;
  for (let tries = 0; tries < 100 && !(ok = await check()); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(ok).toBe(true);
}

async function ada(): Promise<Contact> {
  return (await saveDetectedContact(crmDatabase(), DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@engines.co'] }), { kind: 'page' })).contact;
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(async () => {
  const db = crmDatabase();
  await db.meta.clear(); // the membership first: a viewer's browser may not clear synced tables
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('TeamProfileLines', () => {
  it('shows nothing when this browser does not sync', async () => {
    const contact = await ada();
    await render(<TeamProfileLines contact={contact} />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(host.textContent).toBe('');
  });

  it('shows the owner, lets a writer hand the contact over with the keyboard’s select, and says who else was in touch', async () => {
    await saveMembership(membership, crmDatabase());
    const contact = await ada();
    expect(contact.ownerId).toBe('usr_me');
    await crmDatabase().interactions.bulkPut([
      { id: 'r1', contactId: contact.id, kind: 'email', at: 1, authorId: 'usr_ravi' },
      { id: 'r2', contactId: contact.id, kind: 'email', at: 2, authorId: 'usr_ravi' },
    ]);
    await render(<TeamProfileLines contact={contact} />);
    await until(() => host.querySelector('select') !== null && host.textContent!.includes('Also in touch'));
    const select = host.querySelector('select')!;
    expect(host.querySelector('label')!.textContent).toBe('Owner of this contact');
    expect(select.value).toBe('usr_me');
    expect([...select.options].map((option) => option.textContent)).toEqual(['You', 'Ravi', 'Unassigned']);
    expect(host.textContent).toContain('Also in touch: Ravi, 2 emails');
    expect(host.querySelector('details')).toBeNull(); // Changes is for owners of the workspace

    await act(async () => {
      select.value = 'usr_ravi';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await eventually(async () => (await crmDatabase().contacts.get(contact.id))?.ownerId === 'usr_ravi');
  });

  it('shows a viewer the owner as text', async () => {
    await saveMembership(membership, crmDatabase());
    const contact = await ada(); // made while an editor: a viewer's browser writes nothing
    await saveMembership({ ...membership, role: 'viewer' }, crmDatabase());
    await render(<TeamProfileLines contact={contact} />);
    await until(() => host.textContent!.includes('Owner'));
    expect(host.querySelector('select')).toBeNull();
    expect(host.textContent).toBe('Owner of this contact: You');
  });

  it('gives an owner of the workspace the Changes view, read through the background when opened', async () => {
    await saveMembership({ ...membership, role: 'owner' }, crmDatabase());
    const contact = await ada();
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      asked.push(message);
      return Promise.resolve({
        ok: true,
        changes: [
          { table: 'contacts', id: contact.id, field: 'updatedAt', member: 'usr_ravi', hlc: '0001764756000000-0000-node0001', at: '2026-12-03T10:00:00.000Z' },
          { table: 'contacts', id: contact.id, field: 'title', member: 'usr_ravi', hlc: '0001764756000000-0000-node0001', at: '2026-12-03T10:00:00.000Z' },
        ],
      });
    });
    await render(<TeamProfileLines contact={contact} />);
    await until(() => host.querySelector('details') !== null);
    expect(asked).toEqual([]); // nothing is fetched until it is opened
    const details = host.querySelector('details')!;
    await act(async () => {
      details.open = true;
    });
    await until(() => host.querySelector('ul[aria-label="Changes, newest first"]') !== null);
    expect(asked).toEqual([{ type: 'read-audit', table: 'contacts', id: contact.id }]);
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).toEqual([expect.stringMatching(/^title changed by Ravi, /)]);
    expect(details.textContent).toContain('not the old or new values');
  });

  it('says why the Changes view is empty-handed', async () => {
    await saveMembership({ ...membership, role: 'owner' }, crmDatabase());
    const contact = await ada();
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: false, error: 'Cannot reach the sync server at https://sync.example.org.' }));
    await render(<TeamProfileLines contact={contact} />);
    await until(() => host.querySelector('details') !== null);
    await act(async () => {
      host.querySelector('details')!.open = true;
    });
    await until(() => host.querySelector('[role="alert"]') !== null);
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('Cannot reach the sync server at https://sync.example.org.');
  });
});

describe('HistorySection while syncing', () => {
  // happy-dom lays nothing out: give elements a size, so the virtualiser renders rows.
  const sized = ['clientWidth', 'clientHeight'] as const;
  beforeEach(() => {
    for (const name of sized) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => (name === 'clientWidth' ? 320 : 480) });
  });
  afterEach(() => {
    for (const name of sized) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  });

  it('says who wrote each entry and gives only the author the Private/Team switch', async () => {
    await saveMembership(membership, crmDatabase());
    const contact = await ada();
    const mine = await addInteraction(crmDatabase(), { contactId: contact.id, kind: 'note', at: Date.now() - 2 * 3_600_000, body: 'Mine' });
    await crmDatabase().interactions.put({ id: 'ravis', contactId: contact.id, kind: 'call', at: Date.now() - 3_600_000, authorId: 'usr_ravi' });
    await render(<HistorySection contactId={contact.id} />);
    await until(() => host.querySelectorAll('.history-entry').length === 2);
    const [first, second] = [...host.querySelectorAll('.history-entry')];
    expect(first!.querySelector('.history-author')!.textContent).toBe('Ravi logged a call · 1 h ago');
    expect(first!.querySelector('button')).toBeNull();
    expect(second!.querySelector('.history-author')!.textContent).toBe('You wrote a note · 2 h ago');
    const toggle = second!.querySelector('button')!;
    expect(toggle.textContent).toBe('Team');
    expect(toggle.getAttribute('aria-label')).toBe('Team: everyone in the workspace sees this entry. Make it private');
    await act(async () => toggle.click());
    await until(() => host.querySelector('.history-entry:nth-child(2) button')?.textContent === 'Private');
    expect((await crmDatabase().interactions.get(mine.id))?.visibility).toBe('private');
  });

  it('looks as before in a book of one', async () => {
    const contact = await ada();
    await addInteraction(crmDatabase(), { contactId: contact.id, kind: 'note', at: Date.now(), body: 'Solo' });
    await render(<HistorySection contactId={contact.id} />);
    await until(() => host.querySelectorAll('.history-entry').length === 1);
    expect(host.querySelector('.history-author')).toBeNull();
    expect(host.querySelector('.history-entry button')).toBeNull();
  });
});

describe('TeamPrefsSection', () => {
  it('is absent without sync; an owner sets captured emails for the workspace through the background, and the team-actions choice stays in this browser', async () => {
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      asked.push(message);
      return Promise.resolve({ ok: true, settings: { capturedEmails: 'team' } });
    });
    await render(<TeamPrefsSection />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(host.textContent).toBe('');
    await saveMembership({ ...membership, role: 'owner' }, crmDatabase());
    await until(() => host.querySelectorAll('input[type="checkbox"]').length === 2);
    expect(host.querySelector('h2')!.textContent).toBe('Team preferences');
    const [emails, actions] = [...host.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect([emails!.checked, emails!.disabled, actions!.checked]).toEqual([false, false, false]);
    await act(async () => emails!.click());
    await until(() => host.querySelector('[role="status"]')!.textContent === 'Saved for everyone in the workspace.');
    expect(asked).toEqual([{ type: 'team:update-settings', capturedEmails: 'team' }]);
    await act(async () => actions!.click());
    await eventually(async () => (await readTeamPrefs(crmDatabase(), 'ws')).teamActions);
    expect(await readTeamPrefs(crmDatabase(), 'other-ws')).toEqual({ teamActions: false });
    // The refreshed membership carries the workspace's setting: the box shows it.
    await saveMembership({ ...membership, role: 'owner', settings: { capturedEmails: 'team' } }, crmDatabase());
    await until(() => host.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked);
  });

  it('shows an editor the workspace’s setting read-only', async () => {
    await saveMembership({ ...membership, role: 'editor', settings: { capturedEmails: 'team' } }, crmDatabase());
    await render(<TeamPrefsSection />);
    await until(() => host.querySelectorAll('input[type="checkbox"]').length === 2);
    const [emails] = [...host.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect([emails!.checked, emails!.disabled]).toEqual([true, true]);
    expect(host.textContent).toContain('Only an owner can change this for the workspace.');
  });
});

