import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { parseEventTime, responseIn } from '@/lib/detect/site-support/calendar-event';
import { googleCalendarEventId, googleEventId, isGoogleCalendar } from '@/lib/detect/sites/google-calendar';
import { isOutlookMail } from '@/lib/detect/sites/outlook';
import { isOutlookCalendar, outlookEventId } from '@/lib/detect/sites/outlook-calendar';
import { EventContext } from '@/lib/model/detected';
import { pinTimeZone } from '../time-zone';

pinTimeZone('UTC');

const at = (month: number, day: number, hour: number, minute = 0, year = 2026) => Date.UTC(year, month - 1, day, hour, minute);

describe('an event’s "when" line', () => {
  it.each([
    ['Monday, December 7⋅10:00 – 11:00am', { year: 2026 }, { start: at(12, 7, 10), durationMinutes: 60 }],
    ['Monday, December 7 ⋅ 10 – 11am', { year: 2026 }, { start: at(12, 7, 10), durationMinutes: 60 }],
    ['Monday, December 7, 2027⋅11:30am – 12:15pm', {}, { start: at(12, 7, 11, 30, 2027), durationMinutes: 45 }],
    ['Monday, December 7⋅1 – 2:30pm', { year: 2026 }, { start: at(12, 7, 13), durationMinutes: 90 }],
    ['Monday, 7 December 2026⋅22:00 – 01:00', {}, { start: at(12, 7, 22), durationMinutes: 180 }],
    ['Monday, December 7', { year: 2026 }, { start: at(12, 7, 0) }],
    ['Mon 12/14/2026 4:30 PM - 5:15 PM', { monthFirst: true }, { start: at(12, 14, 16, 30), durationMinutes: 45 }],
    ['Wed 16/12/2026 09:00 - 10:00', { monthFirst: false }, { start: at(12, 16, 9), durationMinutes: 60 }],
    ['Wed 16/12/2026 09:00 - 10:00', {}, { start: at(12, 16, 9), durationMinutes: 60 }],
    ['Fri 12/11/2026 10:00 - 11:00', { monthFirst: false }, { start: at(11, 12, 10), durationMinutes: 60 }],
  ])('%s reads as its start and duration', (line, options, expected) => {
    expect(parseEventTime(line, options)).toEqual(expected);
  });

  it.each([
    ['a date without a year, when the page gives none', 'Monday, December 7⋅10:00 – 11:00am', {}],
    ['numbers that could be either day or month, with no locale', 'Fri 12/11/2026 10:00 - 11:00', {}],
    ['a recurrence line', 'Weekly on Monday', { year: 2026 }],
    ['times without a date', '10:00 – 11:00am', { year: 2026 }],
    ['a day that does not exist', 'February 30, 2026⋅10:00 – 11:00am', {}],
    ['an hour that does not exist', 'Monday, December 7⋅25:00 – 26:00', { year: 2026 }],
    ['bare hours without am/pm', 'Monday, December 7⋅10 – 11', { year: 2026 }],
    ['a sentence with a date in it', 'Bring the tide tables on December 7 at 10:00', { year: 2026 }],
  ])('%s is not read (never a guess)', (_, line, options) => {
    expect(parseEventTime(line, options)).toBeUndefined();
  });
});

describe('an invitee’s response, as the calendars word it', () => {
  it.each([
    ['Accepted', 'accepted'],
    ['Attending', 'accepted'],
    ['Grace Hopper, Accepted, Organizer', 'accepted'],
    ['Not attending', 'declined'],
    ['Edsger Dijkstra, Declined', 'declined'],
    ['Maybe', 'tentative'],
    ['Tentative 1', 'tentative'],
    ['Tentatively accepted', 'tentative'],
    ['Awaiting', 'needs-action'],
    ['Awaiting response', 'needs-action'],
    ["Didn't respond 1", 'needs-action'],
    ['Didn’t respond', 'needs-action'],
    ['No response', 'needs-action'],
  ])('%s → %s', (label, response) => {
    expect(responseIn(label)).toBe(response);
  });

  it.each(['Organizer', 'Grace Hopper', 'Optional', ''])('%j states none', (label) => {
    expect(responseIn(label)).toBeUndefined();
  });
});

describe('calendar URLs and event ids', () => {
  const eid = 'NmJmM2Q0aGs4cjVxNzBhbDJ2Y2FmNWUxMW8gYWRhQGxvdmVsYWNlLmlv';

  it('reads Google’s eid as the event id it encodes, the same from the URL and from data-eventid', () => {
    expect(googleEventId(eid)).toBe('6bf3d4hk8r5q70al2vcaf5e11o');
    expect(googleCalendarEventId(`https://calendar.google.com/calendar/u/0/r/eventedit/${eid}`)).toBe('6bf3d4hk8r5q70al2vcaf5e11o');
    expect(googleCalendarEventId(`https://calendar.google.com/calendar/event?eid=${eid}`)).toBe('6bf3d4hk8r5q70al2vcaf5e11o');
    expect(googleCalendarEventId(`https://calendar.google.com/calendar/u/0/r/week/2026/12/7?eid=${eid}`)).toBe('6bf3d4hk8r5q70al2vcaf5e11o');
  });

  it('keeps an id that is not an encoded eid as it is, and has none on views and other hosts', () => {
    expect(googleEventId('event-1234')).toBe('event-1234');
    expect(googleEventId('')).toBeUndefined();
    expect(googleCalendarEventId('https://calendar.google.com/calendar/u/0/r/week/2026/12/7')).toBeUndefined();
    expect(googleCalendarEventId(`https://evil.example/calendar/u/0/r/eventedit/${eid}`)).toBeUndefined();
    expect(isGoogleCalendar('http://calendar.google.com/calendar/u/0/r')).toBe(false);
  });

  it('reads Outlook’s item id from the event open in full, never from mail', () => {
    expect(outlookEventId('https://outlook.office.com/calendar/item/AAMkAGI2TG93AAA%3D')).toBe('AAMkAGI2TG93AAA=');
    expect(outlookEventId('https://outlook.live.com/calendar/0/item/AQMkADAw')).toBe('AQMkADAw');
    expect(outlookEventId('https://outlook.office365.com/calendar/deeplink/read/AAMkAGI2')).toBe('AAMkAGI2');
    expect(outlookEventId('https://outlook.cloud.microsoft/calendar/view/week?itemid=AAMkAGI3')).toBe('AAMkAGI3');
    expect(outlookEventId('https://outlook.office.com/calendar/view/week')).toBeUndefined();
    expect(outlookEventId('https://outlook.office.com/mail/inbox/id/AAQkAGI2')).toBeUndefined();
  });

  it('Outlook’s mail and calendar readers share hosts and never a page', () => {
    for (const url of ['https://outlook.office.com/calendar/view/week', 'https://outlook.live.com/mail/0/', 'https://outlook.office.com/people/']) {
      expect(Number(isOutlookCalendar(url)) + Number(isOutlookMail(url)), url).toBeLessThanOrEqual(1);
    }
    expect(isOutlookCalendar('https://outlook.office.com/calendar/view/week')).toBe(true);
    expect(isOutlookCalendar('https://outlook.example.com/calendar/view/week')).toBe(false);
  });
});

const GOOGLE_WEEK = 'https://calendar.google.com/calendar/u/0/r/week/2026/12/7';
const ACCOUNT = '<a aria-label="Google Account: Ada Lovelace (ada@lovelace.io)" href="#"></a>';

function read(body: string, url: string) {
  const { document } = parseHTML(`<!DOCTYPE html><html lang="en"><head><title>Google Calendar</title></head><body>${body}</body></html>`);
  const result = detect(document, url);
  return { ...result, context: result.context ? EventContext.parse(result.context) : undefined };
}

describe('the Google Calendar reader', () => {
  it('reads no event, and nobody, from the grid alone: chips carry ids but no people', () => {
    const result = read(
      `${ACCOUNT}<div role="main"><div role="button" data-eventid="NmJmM2Q0aGs4cjVxNzBhbDJ2Y2FmNWUxMW8gYWRhQGxvdmVsYWNlLmlv"><div>10am to 11am, Review, Grace Hopper, Accepted, December 7, 2026</div></div></div>`,
      GOOGLE_WEEK,
    );
    expect(result.contacts).toEqual([]);
    expect(result.context).toBeUndefined();
  });

  it('counts a guest once when its avatar carries its own hovercard, and takes the id from the URL when the dialog has none', () => {
    const result = read(
      `${ACCOUNT}<div role="dialog" aria-label="Event details">
        <span role="heading">Tide tables</span>
        <div><span>Tuesday, December 8</span><span>⋅</span><span>3 – 4pm</span></div>
        <div role="treeitem" data-email="grace@cobol.dev" aria-label="Grace Hopper, Not attending">
          <img data-hovercard-id="grace@cobol.dev" src="https://lh3.googleusercontent.com/a/x" alt="">
          <span>Grace Hopper</span>
        </div>
      </div>`,
      `${GOOGLE_WEEK}?eid=ZXZ0MTIzNDU2IGFkYUBsb3ZlbGFjZS5pbw`,
    );
    expect(result.contacts).toHaveLength(1);
    expect(result.context?.event).toEqual({
      id: 'evt123456',
      title: 'Tide tables',
      start: at(12, 8, 15),
      durationMinutes: 60,
      attendees: [{ email: 'grace@cobol.dev', name: 'Grace Hopper', response: 'declined' }],
    });
  });

  it('reports no event without an id, but still proposes its people', () => {
    const result = read(
      `${ACCOUNT}<div role="dialog"><span role="heading">Untitled</span><div data-email="grace@cobol.dev" aria-label="Grace Hopper, Accepted"><span>Grace Hopper</span></div></div>`,
      GOOGLE_WEEK,
    );
    expect(result.contacts.map((contact) => contact.emails)).toEqual([['grace@cobol.dev']]);
    expect(result.context).toBeUndefined();
  });

  it('never proposes the signed-in user, who stays among the event’s attendees with their answer', () => {
    const result = read(
      `${ACCOUNT}<div role="dialog" data-eventid="evt-1"><span role="heading">1:1</span>
        <div data-email="ada@lovelace.io" aria-label="Ada Lovelace, Maybe"><span>Ada Lovelace</span></div>
        <div data-email="grace@cobol.dev" aria-label="Grace Hopper, Accepted, Organizer"><span>Grace Hopper</span></div></div>`,
      GOOGLE_WEEK,
    );
    expect(result.contacts.map((contact) => [contact.emails, contact.role])).toEqual([[['grace@cobol.dev'], 'from']]);
    expect(result.context?.account).toBe('ada@lovelace.io');
    expect(result.context?.event.organizer).toEqual({ email: 'grace@cobol.dev', name: 'Grace Hopper', response: 'accepted' });
    expect(result.context?.event.attendees).toEqual([{ email: 'ada@lovelace.io', name: 'Ada Lovelace', response: 'tentative' }]);
  });
});

describe('the Outlook calendar reader', () => {
  it('reads nothing of the calendar grid without an open event, and leaves mail to the mail reader', () => {
    const { document } = parseHTML(
      '<!DOCTYPE html><html lang="en-US"><body><div role="main"><div role="button" aria-label="Review, 4:30 PM to 5:15 PM, Grace Hopper">Review</div></div></body></html>',
    );
    expect(detect(document, 'https://outlook.office.com/calendar/view/week')).toEqual({ contacts: [] });
  });
});
