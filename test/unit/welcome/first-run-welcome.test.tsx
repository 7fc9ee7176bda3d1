// @vitest-environment happy-dom
/**
 * The first-run welcome (issue 23, item 6) on a real (fake-indexeddb) database: shown while the
 * page has nobody to read and no contact was ever kept; says what is read, where data lives and
 * how to add someone; its two buttons open the bundled sample page and Options' import; gone for
 * good once a contact exists, even one later moved to the trash.
 */
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FirstRunWelcome } from '@/components/welcome/FirstRunWelcome';
import { crmDatabase, deleteContacts, saveDetectedContact } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

async function settle(): Promise<void> {
  for (let tries = 0; tries < 5; tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
}

const welcome = () => host.querySelector('section[aria-labelledby="welcome-heading"]');
const button = (name: string) => [...host.querySelectorAll('button')].find((candidate) => candidate.textContent === name);

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(crmDatabase().tables.map((table) => table.clear()));
});

describe('FirstRunWelcome', () => {
  it('greets a new user on a page with nobody to read, with what it reads, where data lives and how to add someone', async () => {
    await render(<FirstRunWelcome pageHasPeople={false} />);
    await settle();
    expect(welcome()?.querySelector('h2')?.textContent).toBe('Welcome to Sidebar CRM');
    const text = welcome()!.textContent!;
    expect(text).toMatch(/reads the people on the pages you work in/);
    expect(text).toMatch(/stays in this browser/);
    expect(text).toMatch(/Syncing .* is optional/);
    expect(text).toMatch(/press Add beside their name under “On this page”/);
  });

  it('opens the bundled sample page and Options’ import in new tabs', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await render(<FirstRunWelcome pageHasPeople={false} />);
    await settle();
    await act(async () => button('Try it on a sample page')!.click());
    await act(async () => button('Import contacts')!.click());
    expect(create.mock.calls.map(([properties]) => properties.url)).toEqual([
      fakeBrowser.runtime.getURL('/sample.html'),
      fakeBrowser.runtime.getURL('/options.html#import'),
    ]);
  });

  it('stays away while the page shows people, or is still being read', async () => {
    await render(<FirstRunWelcome pageHasPeople={true} />);
    await settle();
    expect(welcome()).toBeNull();
    await render(<FirstRunWelcome pageHasPeople={undefined} />);
    await settle();
    expect(welcome()).toBeNull();
  });

  it('goes away once a contact exists, and does not come back when that contact is trashed', async () => {
    await render(<FirstRunWelcome pageHasPeople={false} />);
    await settle();
    expect(welcome()).not.toBeNull();
    const { contact } = await saveDetectedContact(crmDatabase(), DetectedContact.parse({ name: 'Grace Hopper', emails: ['grace@example.org'] }), { kind: 'page' });
    await settle();
    expect(welcome()).toBeNull();
    await deleteContacts(crmDatabase(), [contact.id]);
    expect((await crmDatabase().contacts.get(contact.id))?.deletedAt).toBeDefined();
    await settle();
    expect(welcome()).toBeNull();
  });
});
