import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { googleCalendarEventId, googleEventId, isGoogleCalendar } from '@/lib/detect/sites/google-calendar';
import { EventContext } from '@/lib/model/detected';
import { pinTimeZone } from '../time-zone';

pinTimeZone('UTC');

const at = (month: number, day: number, hour: number, minute = 0, year = 2026) => Date.UTC(year, month - 1, day, hour, minute);

describe('Google Calendar URLs and event ids', () => {
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
      `${ACCOUNT}<div id="xDetDlg" role="dialog"><span role="heading">Untitled</span><div data-email="grace@cobol.dev" aria-label="Grace Hopper, Accepted"><span>Grace Hopper</span></div></div>`,
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

  it('reads nobody from a dialog that lists people but is no event (sharing a calendar)', () => {
    const result = read(
      `${ACCOUNT}<div role="dialog" aria-label="Share with specific people"><span role="heading">Share with specific people</span>
        <div data-email="grace@cobol.dev" aria-label="Grace Hopper, See all event details"><span>Grace Hopper</span></div></div>`,
      'https://calendar.google.com/calendar/u/0/r/settings/calendar/YWRhQGxvdmVsYWNlLmlv',
    );
    expect(result.contacts).toEqual([]);
    expect(result.context).toBeUndefined();
  });
});
