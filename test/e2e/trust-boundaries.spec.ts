import type { Page } from '@playwright/test';
import { inContentScript } from './content-script-world';
import { expect, test } from './extension-fixture';

/**
 * The page and the content script are untrusted. A content script running on an ordinary page
 * (here the generic page reader on the fixtures' origin) is made to send what a compromised one
 * could: a report claiming a Gmail thread with a known contact. The background must refuse it,
 * and no history may be written.
 */

/** Interactions stored with this external id, read straight from IndexedDB on an extension page. */
async function interactionsWithExternalId(page: Page, externalId: string): Promise<number> {
  return page.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = db.transaction('interactions').objectStore('interactions').index('externalId').count(wanted);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  }, externalId);
}

test('a page on a non-webmail origin cannot add history by claiming to be a Gmail thread', async ({ context, pagesOrigin, openPanelBeside }) => {
  // Ada is a known contact, added from the team page the way a user adds one.
  const team = await context.newPage();
  await team.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(team);
  const people = panel.getByRole('list', { name: 'People on this page' });
  await people.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await expect(people.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();

  // The content script on that (non-webmail) page reports a Gmail thread in which Ada wrote.
  const thread = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN';
  const forged = {
    type: 'detections',
    url: thread,
    title: 'Invoice',
    contacts: [{ emails: ['ada.lovelace@analyticalengines.co.uk'], role: 'from' }],
    context: {
      kind: 'email-thread',
      site: 'gmail',
      threadId: 'T-forged',
      subject: 'Forged',
      url: thread,
      messages: [{ id: 'forged-message', from: 'ada.lovelace@analyticalengines.co.uk', to: ['me@example.org'], date: Date.UTC(2026, 0, 1) }],
    },
  };
  const answer = await inContentScript(team, `chrome.runtime.sendMessage(${JSON.stringify(forged)})`);
  expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/not accepted/) });
  // Nor as a report about its own page carrying a Gmail thread.
  const ownPage = { ...forged, url: team.url(), context: { ...forged.context, url: team.url() } };
  expect(await inContentScript(team, `chrome.runtime.sendMessage(${JSON.stringify(ownPage)})`)).toMatchObject({ ok: false });

  expect(await interactionsWithExternalId(panel, 'forged-message')).toBe(0);
});
