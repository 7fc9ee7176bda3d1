// @vitest-environment happy-dom
/**
 * A viewer reads only, in the browser too: the background logs nothing from what their tabs show
 * (no change is queued that the server would refuse), "On this page" offers no Add, and the panel
 * says why; a removed member is told so. Real IndexedDB (fake-indexeddb), the real router.
 */
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { routeMessage } from '@/entrypoints/background/messages';
import { PeopleOnPage } from '@/components/on-this-page/OnThisPage';
import { TeamNotice } from '@/components/team/TeamNotice';
import { crmDatabase, saveDetectedContact } from '@/lib/db';
import { DetectedContact, TabDetections } from '@/lib/model';
import { clearMembership, saveMembership, type Membership } from '@/lib/sync/client/membership';
import { reactHost } from '../ui/react-host';
import { freshCrmDatabase } from '../ui/fresh-crm-database';

const { host, render } = reactHost();

const membership = (role: Membership['role'], removedAt?: number): Membership => ({
  user: 'usr_me',
  workspace: 'ws_1',
  workspaceName: 'Northwind sales',
  role,
  members: [],
  ...(removedAt === undefined ? {} : { removedAt }),
});

const calendarUrl = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
const start = Date.UTC(2026, 10, 23, 10);
const meetingReport = {
  type: 'detections',
  url: calendarUrl,
  contacts: [{ emails: ['grace@cobol.dev'], role: 'from' }],
  context: {
    kind: 'event',
    site: 'google-calendar',
    url: calendarUrl,
    account: 'ada@lovelace.io',
    event: { id: '6bf3d4hk8r5q70al2vcaf5e11o', title: 'Roadmap review', start, durationMinutes: 60, organizer: { email: 'grace@cobol.dev', response: 'accepted' }, attendees: [] },
  },
};
const fromCalendar = { tabId: 11, fromExtensionPage: false, url: calendarUrl, frameId: 0 };

freshCrmDatabase();

describe('a viewer’s browser queues no writes from what it sees', () => {
  it('logs no meeting for a viewer or a removed member, and does for an editor', async () => {
    const db = crmDatabase();
    await saveDetectedContact(db, DetectedContact.parse({ emails: ['grace@cobol.dev'] }), { kind: 'test' });
    const outboxBefore = await db.outbox.count();

    for (const reader of [membership('viewer'), membership('editor', 1)]) {
      await saveMembership(reader, db);
      expect(await routeMessage(meetingReport, fromCalendar)).toMatchObject({ ok: true, stored: 1 });
      expect(await db.interactions.count()).toBe(0);
      expect(await db.outbox.count()).toBe(outboxBefore);
    }

    await saveMembership(membership('editor'), db);
    expect(await routeMessage(meetingReport, fromCalendar)).toMatchObject({ ok: true });
    expect(await db.interactions.count()).toBe(1);
    expect(await db.outbox.count()).toBeGreaterThan(outboxBefore);
  });
});

describe('the read-only panel', () => {
  const article = TabDetections.parse({ tabId: 2, url: 'https://www.news-site.net/story', contacts: [], at: 1 });
  const people = [{ person: DetectedContact.parse({ name: 'Alan Turing', role: 'author', emails: ['alan@bletchley.uk'] }), contact: null }];
  const buttons = () => [...host.querySelectorAll('button')].map((button) => button.textContent);

  it('lists the people on the page without Add for a viewer', () => {
    render(<PeopleOnPage people={people} detections={article} onOpen={() => {}} writable={false} />);
    expect(host.textContent).toContain('Alan Turing');
    expect(buttons()).not.toContain('Add');
    render(<PeopleOnPage people={people} detections={article} onOpen={() => {}} />);
    expect(buttons()).toContain('Add');
  });

  it('says a viewer can read, a removed member was removed, and nothing for an editor', async () => {
    const db = crmDatabase();
    await saveMembership(membership('viewer'), db);
    render(<TeamNotice />);
    await vi.waitFor(() => expect(host.querySelector('[role="note"]')?.textContent).toBe('You can read this workspace; an owner can make you an editor.'));

    await act(() => saveMembership(membership('viewer', 5), db));
    await vi.waitFor(() => expect(host.querySelector('[role="alert"]')?.textContent).toContain('You were removed from Northwind sales.'));
    expect(buttons()).toEqual(['Keep a local copy', 'Remove…']);

    await act(() => saveMembership(membership('editor'), db));
    await vi.waitFor(() => expect(host.textContent).toBe(''));
    await act(() => clearMembership(db));
    expect(host.textContent).toBe('');
  });
});
