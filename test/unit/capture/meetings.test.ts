import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { routeMessage } from '@/entrypoints/background/messages';
import { crmDatabase, logMeeting, meetingKey, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { DetectedContact, EventContext } from '@/lib/model';

/*
 * An open calendar event with known contacts becomes one "meeting" each, keyed by the event id:
 * against real IndexedDB (fake-indexeddb), so the dedupe is the database's, not a fake's.
 */

let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`meetings-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

// Past dates: history is never more than a day ahead of the real clock (RecordedAt).
const start = Date.UTC(2026, 10, 23, 10);
const now = Date.UTC(2026, 10, 24, 9);
const event = (overrides: Partial<EventContext['event']> = {}, url = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23') =>
  EventContext.parse({
    kind: 'event',
    site: 'google-calendar',
    url,
    account: 'ada@lovelace.io',
    event: {
      id: '6bf3d4hk8r5q70al2vcaf5e11o',
      title: 'Quarterly roadmap review',
      start,
      durationMinutes: 60,
      organizer: { email: 'grace@cobol.dev', name: 'Grace Hopper', response: 'accepted' },
      attendees: [
        { email: 'ada@lovelace.io', response: 'accepted' },
        { email: 'Edsger@Structured.nl', response: 'declined' },
        { email: 'alan@bletchley.uk' },
      ],
      ...overrides,
    },
  });
type EventContext = ReturnType<typeof EventContext.parse>;

async function contact(email: string, name?: string): Promise<string> {
  const { contact: saved } = await saveDetectedContact(db, DetectedContact.parse({ name, emails: [email] }), { kind: 'test' });
  return saved.id;
}

describe('meetings from calendar events', () => {
  it('logs the event once for each known contact among organizer and guests, with start, duration and title', async () => {
    const grace = await contact('grace@cobol.dev', 'Grace Hopper');
    const edsger = await contact('edsger@structured.nl', 'Edsger Dijkstra');
    expect(await logMeeting(db, event(), now)).toBe(2);
    const rows = await db.interactions.orderBy('contactId').toArray();
    expect(rows.map((row) => row.contactId).sort()).toEqual([grace, edsger].sort());
    for (const row of rows) {
      expect(row).toMatchObject({
        kind: 'meeting',
        at: start,
        durationMinutes: 60,
        subject: 'Quarterly roadmap review',
        url: 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23',
        externalId: 'meeting:google-calendar:6bf3d4hk8r5q70al2vcaf5e11o',
      });
    }
    expect((await db.activity.get(grace))?.lastContactedAt).toBe(start);
  });

  it('opening the event again or re-scanning it logs nothing more', async () => {
    await contact('grace@cobol.dev');
    expect(await logMeeting(db, event(), now)).toBe(1);
    expect(await logMeeting(db, event(), now + 60_000)).toBe(0);
    expect(await logMeeting(db, event({}, 'https://calendar.google.com/calendar/u/0/r/eventedit/NmJmM2Q0aGs4cjVxNzBhbDJ2Y2FmNWUxMW8'), now + 120_000)).toBe(0);
    expect(await db.interactions.count()).toBe(1);
  });

  it('a contact added later gets the meeting; those already logged do not get it twice', async () => {
    await contact('grace@cobol.dev');
    expect(await logMeeting(db, event(), now)).toBe(1);
    await contact('alan@bletchley.uk');
    expect(await logMeeting(db, event(), now)).toBe(1);
    expect(await db.interactions.count()).toBe(2);
  });

  it('never logs for the signed-in account, nor for people who are not contacts', async () => {
    await contact('ada@lovelace.io');
    expect(await logMeeting(db, event(), now)).toBe(0);
    expect(await db.interactions.count()).toBe(0);
  });

  it('the same meeting read under another id (Outlook’s peek, then the event in full) is logged once; another occurrence is its own', async () => {
    await contact('grace@cobol.dev');
    const outlook = (id: string, at = start) =>
      EventContext.parse({ ...event({ id, start: at }), site: 'outlook-calendar', url: 'https://outlook.office.com/calendar/view/week' });
    expect(await logMeeting(db, outlook(`peek:${start}:grace@cobol.dev:Quarterly roadmap review`), now)).toBe(1);
    expect(await logMeeting(db, outlook('AAMkAGI2TG93AAA='), now)).toBe(0);
    expect(await logMeeting(db, outlook('AAMkAGI2TG94AAA=', start - 7 * 86_400_000), now)).toBe(1);
    expect(await db.interactions.count()).toBe(2);
  });

  it('an event whose page shows no start is dated when it was seen, and still logged once', async () => {
    await contact('grace@cobol.dev');
    const undated = event({ start: undefined, durationMinutes: undefined });
    expect(await logMeeting(db, undated, now)).toBe(1);
    expect(await logMeeting(db, undated, now + 5_000)).toBe(0);
    const [row] = await db.interactions.toArray();
    expect(row).toMatchObject({ at: now, kind: 'meeting' });
    expect(row?.durationMinutes).toBeUndefined();
  });

  it('a meeting more than a day ahead is not history yet: it is logged once opened again when it is near', async () => {
    await contact('grace@cobol.dev');
    const weekBefore = start - 7 * 86_400_000;
    expect(await logMeeting(db, event(), weekBefore)).toBe(0);
    expect(await db.interactions.count()).toBe(0);
    expect(await logMeeting(db, event(), start - 3_600_000)).toBe(1);
    expect(await logMeeting(db, event(), start + 86_400_000)).toBe(0);
    expect((await db.interactions.toArray()).map((row) => row.at)).toEqual([start]);
  });

  it('keys the meeting by site and event id', () => {
    expect(meetingKey(event())).toBe('meeting:google-calendar:6bf3d4hk8r5q70al2vcaf5e11o');
  });
});

describe('the background logs a meeting from a calendar page’s report', () => {
  beforeEach(() => fakeBrowser.reset());

  const calendarUrl = 'https://calendar.google.com/calendar/u/0/r/week/2026/11/23';
  const report = (url: string, contextUrl = url) => ({
    type: 'detections',
    url,
    contacts: [{ emails: ['grace@cobol.dev'], role: 'from' }],
    context: { ...event({}, contextUrl), url: contextUrl },
  });

  it('once, however often the page reports the open event', async () => {
    const crm = crmDatabase();
    if (!crm.isOpen()) await crm.open();
    await saveDetectedContact(crm, DetectedContact.parse({ emails: ['grace@cobol.dev'] }), { kind: 'test' });
    const fromCalendar = { tabId: 11, fromExtensionPage: false, url: calendarUrl, frameId: 0 };
    expect(await routeMessage(report(calendarUrl), fromCalendar)).toMatchObject({ ok: true });
    expect(await routeMessage(report(calendarUrl), fromCalendar)).toMatchObject({ ok: true });
    const logged = await crm.interactions.where('externalId').equals('meeting:google-calendar:6bf3d4hk8r5q70al2vcaf5e11o').toArray();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'meeting', at: start, durationMinutes: 60, subject: 'Quarterly roadmap review' });
    await crm.delete();
  });

  it.each([
    ['from another site', 'https://evil.example/calendar/u/0/r/week', undefined, /google-calendar event from https:\/\/evil\.example, which is not Google Calendar/],
    ['about another page, from Google Calendar', calendarUrl, 'https://evil.example/x', /an event of another page/],
  ])('and refuses an event %s, logging nothing', async (_, url, contextUrl, reason) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const crm = crmDatabase();
    if (!crm.isOpen()) await crm.open();
    await saveDetectedContact(crm, DetectedContact.parse({ emails: ['grace@cobol.dev'] }), { kind: 'test' });
    const sender = { tabId: 12, fromExtensionPage: false, url, frameId: 0 };
    expect(await routeMessage(report(url, contextUrl ?? url), sender)).toEqual({ ok: false, error: expect.stringMatching(reason) });
    expect(await crm.interactions.count()).toBe(0);
    warn.mockRestore();
    await crm.delete();
  });
});
