import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handlers, routeMessage } from '@/entrypoints/background/messages';
import { crmDatabase, saveDetectedContact } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { saveCaptureSettings } from '@/lib/settings/capture-settings';
import {
  clearTabDetections,
  forgetIfNavigatedAway,
  readTabDetections,
  saveTabDetections,
  tabDetectionsKey,
} from '@/lib/session/tab-detections';

const report = (tabId: number, url: string) => ({ tabId, url, title: '', contacts: [], at: 1 });

beforeEach(() => fakeBrowser.reset());

describe('per-tab detections in storage.session', () => {
  it('stores and reads a tab’s detections', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    // `limits` (issue 15) defaults to none for a report stored without it.
    expect(await readTabDetections(3)).toEqual({ ...report(3, 'https://a.example/'), limits: [] });
    expect(await readTabDetections(4)).toBeNull();
  });

  it('treats unparseable stored data as nothing stored', async () => {
    await fakeBrowser.storage.session.set({ [tabDetectionsKey(3)]: { tabId: 'three' } });
    expect(await readTabDetections(3)).toBeNull();
  });

  it('forgets a tab’s detections when it navigates away, but keeps the new page’s report', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    await forgetIfNavigatedAway(3, 'https://a.example/');
    expect(await readTabDetections(3)).not.toBeNull();
    await forgetIfNavigatedAway(3, 'https://b.example/');
    expect(await readTabDetections(3)).toBeNull();
  });

  it('does not let a navigation clear a report that arrived while it was checking', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    // A slow read leaves room for the new page's report to land between the check and the clear.
    const read = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(async (keys) => {
      const result = await read(keys);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return result;
    });
    // Issued together, as the background receives them: the navigation first, then the report.
    await Promise.all([forgetIfNavigatedAway(3, 'https://b.example/'), saveTabDetections(report(3, 'https://b.example/'))]);
    vi.restoreAllMocks();
    expect((await readTabDetections(3))?.url).toBe('https://b.example/');
  });

  it('clears a closed tab', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    await clearTabDetections(3);
    expect(await readTabDetections(3)).toBeNull();
  });
});

describe('background message handlers', () => {
  it('drops a site’s own accounts from a report (the content script leaves that to the background)', async () => {
    const answer = await routeMessage(
      {
        type: 'detections',
        url: 'https://news.example/story',
        contacts: [
          { name: 'Let us know', emails: ['tips@news.example'], evidence: [{ detector: 'mailto', element: 'a' }] },
          { phones: ['+18005551234'], evidence: [{ detector: 'tel', element: 'a' }] },
          { name: 'Jane Doe', emails: ['jane@news.example'], role: 'author', evidence: [{ detector: 'author', element: 'span.byline' }] },
        ],
      },
      { tabId: 12, fromExtensionPage: false, url: 'https://news.example/story', frameId: 0 },
    );
    expect(answer).toEqual({ ok: true, stored: 1 });
    const query = await handlers['get-tab-detections']({ type: 'get-tab-detections', tabId: 12 }, { fromExtensionPage: true });
    expect(query.detections?.contacts.map((contact) => contact.name)).toEqual(['Jane Doe']);
  });

  it('keeps a content script’s report under its tab and answers the panel from there', async () => {
    const answer = await routeMessage(
      { type: 'detections', url: 'https://a.example/', title: 'A', contacts: [{ emails: ['ada@a.example'] }] },
      { tabId: 9, fromExtensionPage: false, url: 'https://a.example/', frameId: 0 },
    );
    expect(answer).toEqual({ ok: true, stored: 1 });
    const query = await handlers['get-tab-detections']({ type: 'get-tab-detections', tabId: 9 }, { fromExtensionPage: true });
    expect(query.detections).toMatchObject({ tabId: 9, url: 'https://a.example/', title: 'A' });
    expect(query.detections?.contacts[0]?.emails).toEqual(['ada@a.example']);
  });

  it('keeps the caps the page reached with the tab’s detections', async () => {
    const fromPage = { tabId: 6, fromExtensionPage: false, url: 'https://a.example/', frameId: 0 };
    const limits = [{ what: 'addresses', read: 200, found: 50_000 }];
    await routeMessage({ type: 'detections', url: 'https://a.example/', contacts: [{ emails: ['ada@a.example'] }], limits }, fromPage);
    expect((await readTabDetections(6))?.limits).toEqual(limits);
    await routeMessage({ type: 'detections', url: 'https://a.example/', contacts: [] }, fromPage);
    expect((await readTabDetections(6))?.limits).toEqual([]);
  });

  it('keeps a fallback reading with the tab’s detections, and drops it with the next report that has none', async () => {
    const fromGmail = { tabId: 7, fromExtensionPage: false, url: 'https://mail.google.com/mail/u/0/#inbox/T1', frameId: 0 };
    const reader = { site: 'gmail', fallback: true, missing: 'the open thread’s subject', outline: 'body\n  div [role=main]' } as const;
    await routeMessage({ type: 'detections', url: fromGmail.url, contacts: [{ emails: ['grace@cobol.dev'] }], reader }, fromGmail);
    expect((await readTabDetections(7))?.reader).toEqual(reader);
    await routeMessage({ type: 'detections', url: fromGmail.url, contacts: [] }, fromGmail);
    expect((await readTabDetections(7))?.reader).toBeUndefined();
  });

  it('stores phones in E.164, using the page’s country for local numbers', async () => {
    await routeMessage(
      { type: 'detections', url: 'https://www.firma.de/team', contacts: [{ name: 'Jo', phones: ['(030) 901820', '+44 20 7946 0958'] }] },
      { tabId: 4, fromExtensionPage: false, url: 'https://www.firma.de/team', frameId: 0 },
    );
    expect((await readTabDetections(4))?.contacts[0]?.phones).toEqual(['+4930901820', '+442079460958']);
  });

  it('logs an open email thread with a known contact as history, once', async () => {
    const db = crmDatabase();
    await saveDetectedContact(db, DetectedContact.parse({ emails: ['ada@engines.co'] }), { kind: 'test' });
    const report = {
      type: 'detections',
      url: 'https://mail.google.com/mail/u/0/#inbox/T1',
      contacts: [{ emails: ['ada@engines.co'], role: 'from' }],
      context: {
        kind: 'email-thread',
        site: 'gmail',
        threadId: 'T1',
        subject: 'Hello',
        url: 'https://mail.google.com/mail/u/0/#inbox/T1',
        account: 'me@lovelace.io',
        messages: [{ id: 'msg-1', from: 'ada@engines.co', to: ['me@lovelace.io'] }],
      },
    };
    const fromGmail = { tabId: 5, fromExtensionPage: false, url: 'https://mail.google.com/mail/u/0/#inbox/T1', frameId: 0 };
    await routeMessage(report, fromGmail);
    await routeMessage(report, fromGmail);
    const logged = await db.interactions.where('externalId').equals('msg-1').toArray();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'email', direction: 'in', subject: 'Hello' });
    await db.delete();
  });

  it('adds no history from a page that claims to be a Gmail thread on another site (and no contact, even with auto-add on)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const db = crmDatabase();
    if (!db.isOpen()) await db.open(); // the test before deleted it
    await saveDetectedContact(db, DetectedContact.parse({ emails: ['ada@engines.co'] }), { kind: 'test' });
    await saveCaptureSettings({ autoAddCorrespondents: true, logProfileVisits: true });
    const forged = {
      type: 'detections',
      url: 'https://evil.example/mail/u/0/#inbox/T2',
      contacts: [{ emails: ['ada@engines.co'], role: 'from' }, { emails: ['new@person.example'], role: 'from' }],
      context: {
        kind: 'email-thread',
        site: 'gmail',
        threadId: 'T2',
        subject: 'Forged',
        url: 'https://evil.example/mail/u/0/#inbox/T2',
        messages: [{ id: 'forged-1', from: 'ada@engines.co', to: ['me@lovelace.io'] }],
      },
    };
    expect(await routeMessage(forged, { tabId: 6, fromExtensionPage: false, url: 'https://evil.example/mail/u/0/', frameId: 0 })).toMatchObject({ ok: false });
    expect(await db.interactions.where('externalId').equals('forged-1').count()).toBe(0);
    expect(await db.contacts.where('emails').equals('new@person.example').count()).toBe(0);
    expect(await readTabDetections(6)).toBeNull();
    warn.mockRestore();
    await db.delete();
  });
});
