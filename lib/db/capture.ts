/**
 * History captured without the user writing it down, beyond webmail messages (interactions.ts):
 * a recruiter's visit to a known contact's profile page, logged at most once a day per profile;
 * a calendar event opened with known contacts, logged once as a meeting; and, when the user
 * opted in, people they email with repeatedly added as contacts.
 */
import type { z } from 'zod';
import { siteLabel } from '../detect/sites';
import { Interaction, MAX_FUTURE_MS, normalizeEmail, type DetectedContact, type EmailThreadContext, type EventContext, type ProfileContext } from '../model';
import { localIsoDay } from '../value/recompute';
import { recordInteractions } from './activity';
import { saveDetectedContact } from './contacts';
import type { CrmDatabase } from './types';
import { newId } from './ids';
import { interactionStamp, readTeamStamp } from './team-stamp';

type Profile = z.infer<typeof ProfileContext>;
type EmailThread = z.infer<typeof EmailThreadContext>;
type CalendarEvent = z.infer<typeof EventContext>;

/** Threads it takes before a correspondent is added automatically. */
export const CORRESPONDENT_THREADS = 2;
const correspondentKey = (email: string) => `capture:threads:${email}`;

/**
 * Logs a visit to a known contact's profile page, once per profile per local day (the day is in
 * the interaction's external id, so re-renders and reloads never add a second). Returns whether
 * one was logged.
 */
export async function logProfileVisit(db: CrmDatabase, profile: Profile, now: number = Date.now()): Promise<boolean> {
  const team = interactionStamp(await readTeamStamp(db), 'visit', true);
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const contact = (await db.contacts.where('profileUrls').equals(profile.url).toArray()).find((row) => !row.deletedAt);
    if (!contact) return false;
    const externalId = `visit:${profile.url}:${localIsoDay(now)}`;
    if ((await db.interactions.where('externalId').equals(externalId).count()) > 0) return false;
    const visit = Interaction.parse({
      id: newId(now),
      contactId: contact.id,
      kind: 'visit',
      at: now,
      subject: `Visited their ${siteLabel(profile.site)} profile`,
      url: profile.url,
      externalId,
      ...team,
    });
    await db.interactions.add(visit);
    await recordInteractions(db, [visit], now);
    return true;
  });
}

/** A meeting's dedupe key: the calendar's event id, under its site (ids of two calendars may meet). */
export const meetingKey = (event: CalendarEvent) => `meeting:${event.site}:${event.event.id}`.slice(0, 500);

/**
 * Logs an open calendar event as one "meeting" interaction for each known contact among its
 * organizer and attendees (the signed-in account aside), dated at the event's start (when the
 * page shows none, now), with its duration and title. The event id is the key, so opening it
 * again or re-scanning never logs it twice; nor does the same meeting read under another id
 * (Outlook's peek and its full view): a contact's meeting at the same start with the same title
 * is that meeting. A meeting more than a day ahead is not history yet: nothing is logged until
 * the event is opened again once it is near or past. Returns how many interactions were added.
 */
export async function logMeeting(db: CrmDatabase, event: CalendarEvent, now: number = Date.now()): Promise<number> {
  const account = event.account ? normalizeEmail(event.account) : undefined;
  const { organizer, attendees, start, durationMinutes, title } = event.event;
  const emails = [organizer, ...attendees]
    .filter((person): person is NonNullable<typeof person> => !!person)
    .map((person) => normalizeEmail(person.email))
    .filter((email) => email !== account);
  if (emails.length === 0 || (start !== undefined && start > now + MAX_FUTURE_MS)) return 0;
  const externalId = meetingKey(event);
  const at = start ?? now;
  const team = interactionStamp(await readTeamStamp(db), 'meeting', true);
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const contacts = (await db.contacts.where('emails').anyOf(emails).toArray()).filter((contact) => !contact.deletedAt);
    if (contacts.length === 0) return 0;
    const logged = new Set((await db.interactions.where('externalId').equals(externalId).toArray()).map((row) => row.contactId));
    const written: Interaction[] = [];
    for (const contact of new Map(contacts.map((row) => [row.id, row])).values()) {
      if (logged.has(contact.id)) continue;
      const sameMeeting = await db.interactions
        .where('[contactId+at]')
        .equals([contact.id, at])
        .filter((row) => row.kind === 'meeting' && (row.subject ?? '') === title)
        .count();
      if (start !== undefined && sameMeeting > 0) continue;
      const meeting = Interaction.parse({
        id: newId(now),
        contactId: contact.id,
        kind: 'meeting',
        at,
        ...(title ? { subject: title } : {}),
        ...(durationMinutes !== undefined ? { durationMinutes } : {}),
        url: event.url,
        externalId,
        ...team,
      });
      await db.interactions.add(meeting);
      written.push(meeting);
    }
    await recordInteractions(db, written, now);
    return written.length;
  });
}

/**
 * Counts the threads each correspondent appears in (the signed-in account and ignored people
 * aside) and adds as a contact anyone seen in enough distinct threads who is not one yet. Only
 * called when the user turned "auto-add correspondents" on. Returns the contacts added.
 */
export async function addFrequentCorrespondents(
  db: CrmDatabase,
  thread: EmailThread,
  detected: readonly DetectedContact[],
  isIgnored: (email: string) => boolean,
  now: number = Date.now(),
): Promise<string[]> {
  const account = thread.account ? normalizeEmail(thread.account) : undefined;
  const emails = new Set<string>();
  for (const message of thread.messages) {
    for (const email of [message.from, ...message.to, ...message.cc]) if (email) emails.add(normalizeEmail(email));
  }
  if (account) emails.delete(account);
  const added: string[] = [];
  for (const email of emails) {
    if (isIgnored(email)) continue;
    const key = correspondentKey(email);
    const seen = ((await db.meta.get(key))?.value as string[] | undefined) ?? [];
    // Only the first few thread ids are kept: enough to know the threshold was reached.
    if (!seen.includes(thread.threadId) && seen.length < CORRESPONDENT_THREADS) {
      seen.push(thread.threadId);
      await db.meta.put({ key, value: seen });
    }
    if (seen.length < CORRESPONDENT_THREADS) continue;
    if ((await db.contacts.where('emails').equals(email).count()) > 0) continue;
    const person = detected.find((contact) => contact.emails.map(normalizeEmail).includes(email));
    const { contact, created } = await saveDetectedContact(
      db,
      person ?? { emails: [email], phones: [], profiles: [], role: 'mentioned', evidence: [] },
      { kind: 'auto-correspondent', url: thread.url },
      now,
    );
    if (created) added.push(contact.id);
  }
  return added;
}
