import { addFrequentCorrespondents, crmDatabase, logEmailThread, logMeeting, logProfileVisit } from '@/lib/db';
import type { z } from 'zod';
import type { DetectedContact, EmailThreadContext } from '@/lib/model';
import { readCaptureSettings } from '@/lib/settings/capture-settings';
import { ignoredPeople, isIgnored } from '@/lib/site-access/ignored-people';
import { browser } from 'wxt/browser';
import { createMessageRouter, type MessageHandlers } from '@/lib/messaging';
import { samplePageProblem } from '@/lib/messaging/sender-checks';
import { countryForPage, normalizePhones } from '@/lib/model/phone';
import { withoutBrandAccounts } from '@/lib/detect/brand-accounts';
import { readTabDetections, saveTabDetections } from '@/lib/session/tab-detections';
import { renderTemplatesFor } from '@/lib/db/templates';
import { canWrite, readMembership } from '@/lib/sync/client/membership';
import { syncScheduler } from './sync';
import { teamHandlers } from './team-messages';
import { encryptionHandlers } from './encryption-messages';
import { readAuditForPage } from './audit';

/** With "auto-add correspondents" on: people emailed in enough threads become contacts. */
async function captureCorrespondents(thread: z.infer<typeof EmailThreadContext>, detected: readonly DetectedContact[]): Promise<void> {
  if (!(await readCaptureSettings()).autoAddCorrespondents) return;
  const ignored = new Set(await ignoredPeople());
  await addFrequentCorrespondents(crmDatabase(), thread, detected, (email) => isIgnored({ emails: [email], profiles: [] }, ignored)).catch((error: unknown) =>
    console.error('[sidebar-crm] could not add correspondents', error),
  );
}

export const handlers: MessageHandlers = {
  async detections(report, sender) {
    // The router only lets content scripts in a tab send this, so tabId is present.
    const tabId = sender.tabId!;
    const country = countryForPage(report.url, globalThis.navigator?.language);
    // A site's own accounts (role mailboxes, hotlines, "follow us" links) are dropped here, not
    // in the content script, which stays small.
    const contacts = withoutBrandAccounts(report.contacts);
    await saveTabDetections({
      tabId,
      url: report.url,
      title: report.title,
      contacts: contacts.map((contact) => ({ ...contact, phones: normalizePhones(contact.phones, country) })),
      ...(report.context ? { context: report.context } : {}),
      ...(report.limits.length > 0 ? { limits: report.limits } : {}),
      ...(report.reader ? { reader: report.reader } : {}),
      at: Date.now(),
    });
    // A viewer (or a removed member) reads only: what the page shows is not logged, so no change
    // is queued that the server would refuse. The detections above are this tab's, not data.
    if (!canWrite(await readMembership())) return { ok: true, stored: contacts.length };
    if (report.context?.kind === 'email-thread') {
      // History is captured as it is seen; a failure here must not lose the detections above.
      await logEmailThread(crmDatabase(), report.context).catch((error: unknown) => {
        console.error('[sidebar-crm] could not log the email thread', error);
      });
      await captureCorrespondents(report.context, contacts);
    }
    if (report.context?.kind === 'event') {
      // Once per event (its id is the key): opening it again or a re-scan adds nothing.
      await logMeeting(crmDatabase(), report.context).catch((error: unknown) => console.error('[sidebar-crm] could not log the meeting', error));
    }
    if (report.context?.kind === 'profile') {
      const profile = report.context;
      if ((await readCaptureSettings()).logProfileVisits) {
        await logProfileVisit(crmDatabase(), profile).catch((error: unknown) => console.error('[sidebar-crm] could not log the visit', error));
      }
    }
    return { ok: true, stored: contacts.length };
  },
  async 'sample-detections'(report, sender) {
    const problem = samplePageProblem(sender, browser.runtime.getURL('/'));
    if (problem) return { ok: false, error: problem };
    const country = countryForPage(sender.url!, globalThis.navigator?.language);
    await saveTabDetections({
      tabId: sender.tabId!,
      url: sender.url!,
      title: report.title,
      contacts: report.contacts.map((contact) => ({ ...contact, phones: normalizePhones(contact.phones, country) })),
      at: Date.now(),
    });
    // Nothing is logged: the sample's people are only shown, and become contacts when added.
    return { ok: true, stored: report.contacts.length };
  },
  async 'get-tab-detections'(request) {
    return { ok: true, detections: await readTabDetections(request.tabId) };
  },
  async 'render-templates'(request) {
    // Whether the address is a contact stays here: the webmail page's content script needs only the texts.
    const { templates } = await renderTemplatesFor(crmDatabase(), request.email);
    return { ok: true, templates };
  },
  'read-audit': readAuditForPage,
  async 'sync-now'() {
    syncScheduler().now();
    return { ok: true };
  },
  ...teamHandlers,
  ...encryptionHandlers,
};

export const routeMessage = createMessageRouter(handlers);
