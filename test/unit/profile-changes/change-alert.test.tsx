// @vitest-environment happy-dom
/**
 * The change alert in the panel on a real (fake-indexeddb) database: the sentence, Update and
 * Keep with their own accessible names; Update writes the fields and a History entry; Keep hides
 * the alert and remembers the page values; a viewer gets Keep only.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistorySection } from '@/components/history/HistorySection';
import { ContactProfile } from '@/components/contact/ContactProfile';
import { PeopleOnPage } from '@/components/on-this-page/OnThisPage';
import { ProfileChangeAlert } from '@/components/profile-changes/ProfileChangeAlert';
import { crmDatabase, editContactField, getContact, saveDetectedContact } from '@/lib/db';
import { DetectedContact, TabDetections, type Contact } from '@/lib/model';
import { KEPT_PAGE_VALUES_KEY } from '@/lib/settings/kept-page-values';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();
const PROFILE_URL = 'https://www.linkedin.com/in/ada-lovelace';

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(check(), host.textContent ?? '').toBe(true);
}

const onPage = (fields: Partial<DetectedContact>) =>
  DetectedContact.parse({ name: 'Ada Lovelace', role: 'subject', profiles: [{ kind: 'linkedin', url: PROFILE_URL }], ...fields });

const profilePage = (person: DetectedContact) =>
  TabDetections.parse({ tabId: 1, url: PROFILE_URL, contacts: [person], context: { kind: 'profile', site: 'linkedin', url: PROFILE_URL }, at: 1 });

/** The alert over the stored contact as the panel reads it: live, so a write shows at once. */
function LiveAlert({ id, person, writable = true }: { id: string; person: DetectedContact; writable?: boolean }) {
  const contact = useLiveQuery(() => getContact(crmDatabase(), id), [id]);
  return contact ? <ProfileChangeAlert contact={contact} person={person} detections={profilePage(person)} writable={writable} /> : null;
}

async function storedAda(): Promise<Contact> {
  const { contact } = await saveDetectedContact(crmDatabase(), onPage({ company: 'Acme' }), { kind: 'linkedin' });
  return editContactField(crmDatabase(), contact.id, 'title', 'Analyst');
}

const button = (name: string) => host.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
const alertText = () => host.querySelector('.change-alert p')?.textContent ?? null;

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(async () => {
  await Promise.all(crmDatabase().tables.map((table) => table.clear()));
});

describe('ProfileChangeAlert', () => {
  it('says what the page shows against what is stored, with keyboard-reachable Update and Keep named for the person', async () => {
    const ada = await storedAda();
    await render(<LiveAlert id={ada.id} person={onPage({ title: 'Head of Data', company: 'Initech' })} />);
    await until(() => alertText() !== null);
    expect(alertText()).toBe('Ada’s profile now says Head of Data at Initech (stored: Analyst at Acme, typed by you).');
    expect(host.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Changes to Ada Lovelace on this page');
    const update = button('Update Ada Lovelace from this page')!;
    const keep = button('Keep Ada Lovelace’s stored details')!;
    for (const control of [update, keep]) {
      expect(control.tagName).toBe('BUTTON');
      expect(control.getAttribute('type')).toBe('button');
      expect(control.disabled).toBe(false);
    }
    // A typed field is still what the user typed: showing the alert changed nothing.
    expect(await getContact(crmDatabase(), ada.id)).toMatchObject({ title: 'Analyst', company: 'Acme' });
  });

  it('Update writes the page values and a History entry, and the alert goes away', async () => {
    const ada = await storedAda();
    await render(
      <>
        <LiveAlert id={ada.id} person={onPage({ title: 'Head of Data', company: 'Initech' })} />
        <HistorySection contactId={ada.id} />
      </>,
    );
    await until(() => button('Update Ada Lovelace from this page') !== null);
    await act(async () => button('Update Ada Lovelace from this page')!.click());
    await until(() => alertText() === null);
    expect(await getContact(crmDatabase(), ada.id)).toMatchObject({ title: 'Head of Data', company: 'Initech' });
    // History counts it under its own filter (happy-dom lays out no rows for the virtual list to show).
    await until(() => (host.textContent ?? '').includes('Profile changes (1)'));
    const [entry] = await crmDatabase().interactions.where('contactId').equals(ada.id).toArray();
    expect(entry).toMatchObject({ kind: 'profile-change', url: PROFILE_URL, subject: 'Title: Analyst → Head of Data · Company: Acme → Initech' });
  });

  it('Keep hides the alert, changes nothing, and the same page value does not ask again; a newer one does', async () => {
    const ada = await storedAda();
    const person = onPage({ title: 'Head of Data' });
    await render(<LiveAlert id={ada.id} person={person} />);
    await until(() => button('Keep Ada Lovelace’s stored details') !== null);
    await act(async () => button('Keep Ada Lovelace’s stored details')!.click());
    await until(() => alertText() === null);
    expect(await getContact(crmDatabase(), ada.id)).toMatchObject({ title: 'Analyst' });
    expect(await crmDatabase().interactions.count()).toBe(0);
    expect(Object.keys((await fakeBrowser.storage.local.get(KEPT_PAGE_VALUES_KEY))[KEPT_PAGE_VALUES_KEY] as object)).toEqual([`${ada.id}\ntitle\nhead of data`]);

    // A fresh panel (another render) remembers the answer…
    await render(<LiveAlert id={ada.id} person={onPage({ title: ' head of data ' })} key="again" />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(alertText()).toBeNull();
    // …but a title the user has not answered for alerts again.
    await render(<LiveAlert id={ada.id} person={onPage({ title: 'VP Data' })} key="newer" />);
    await until(() => alertText() === 'Ada’s profile now says VP Data at Acme (stored: Analyst at Acme, typed by you).');
  });

  it('offers a viewer Keep only, and shows nothing when the page agrees with the contact', async () => {
    const ada = await storedAda();
    await render(<LiveAlert id={ada.id} person={onPage({ location: 'Berlin' })} writable={false} />);
    await until(() => alertText() !== null);
    expect(alertText()).toBe('Ada’s profile now says based in Berlin (stored: no location).');
    expect(button('Update Ada Lovelace from this page')).toBeNull();
    expect(button('Keep Ada Lovelace’s stored details')).not.toBeNull();

    await render(<LiveAlert id={ada.id} person={onPage({ title: 'analyst', company: 'ACME Inc.' })} key="same" />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(host.querySelector('.change-alert')).toBeNull();
  });
});

describe('where the alert shows', () => {
  it('under a recognised person in "On this page", and on their profile when the tab shows them', async () => {
    const ada = await storedAda();
    const person = onPage({ title: 'Head of Data' });
    await render(<PeopleOnPage people={[{ person, contact: ada }]} detections={profilePage(person)} onOpen={() => {}} />);
    await until(() => alertText() === 'Ada’s profile now says Head of Data at Acme (stored: Analyst at Acme, typed by you).');

    await render(<ContactProfile id={ada.id} onBack={() => {}} page={profilePage(person)} key="profile" />);
    await until(() => button('Update Ada Lovelace from this page') !== null);
    // Another person's page says nothing about Ada.
    const grace = DetectedContact.parse({ name: 'Grace Hopper', role: 'subject', title: 'Admiral', profiles: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/grace' }] });
    await render(<ContactProfile id={ada.id} onBack={() => {}} page={profilePage(grace)} key="other" />);
    await until(() => (host.textContent ?? '').includes('History'));
    expect(host.querySelector('.change-alert')).toBeNull();
  });
});
