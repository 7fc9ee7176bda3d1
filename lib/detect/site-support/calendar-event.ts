/**
 * What the calendar site readers share: an invitee's response and organizer flag as the calendars
 * word them, the event's "when" line read into a start and a duration, and the collection of the
 * event's people into contacts (organizer `from`, invitees `to`) and the event context. Pure.
 */
import type { DetectedContactInput, EventPerson, PageContextInput } from '../../model/detected';
import type { SiteReading } from '../types';
import { Participants } from './mail-participants';
import { signedIn } from './signed-in-user';
import { localTime, monthIndex, tidy } from './webmail-dates';

type Response = EventPerson['response'];

/**
 * The answers as Google Calendar and Outlook word them in English ("Accepted", "Attending",
 * "Maybe", "Tentative", "Awaiting", "Didn't respond", "No response"…), most specific first:
 * "not attending" must not read as "attending".
 */
const RESPONSES: [RegExp, Response][] = [
  [/\b(?:declined|not attending|not going|no,? not going)\b/i, 'declined'],
  [/\b(?:tentative(?:ly accepted)?|maybe)\b/i, 'tentative'],
  [/\b(?:awaiting|needs action|no response|not responded|(?:didn|hasn|haven)[’']?t (?:yet )?(?:responded|respond)|response pending)\b/i, 'needs-action'],
  [/\b(?:accepted|attending|going)\b/i, 'accepted'],
];

/** The response a label or text states, if it states one. */
export function responseIn(text: string | null | undefined): Response | undefined {
  if (!text) return undefined;
  return RESPONSES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Whether a label or text marks its person as the event's organizer. */
export function saysOrganizer(text: string | null | undefined): boolean {
  return !!text && /\borgani[sz]er\b/i.test(text);
}

const CLOCK = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?`;
const RANGE = new RegExp(String.raw`^${CLOCK}\s*(?:[-–—]|to)\s*${CLOCK}$`, 'i');
const MONTH_FIRST = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:,? (\d{4}))?(?:,|\s|$)/;
const DAY_FIRST = /^(\d{1,2})\.? ([A-Za-z]{3,9})\.?(?:,? (\d{4}))?(?:,|\s|$)/;
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:,|\s|$)/;

interface Day {
  year: number;
  month: number;
  day: number;
}

/** The date the line starts with, and the rest of the line. */
function leadingDate(text: string, year: number | undefined, monthFirst: boolean | undefined): [Day, string] | undefined {
  const monthFirstMatch = MONTH_FIRST.exec(text);
  const named = monthFirstMatch ?? DAY_FIRST.exec(text);
  if (named) {
    const monthWordFirst = named === monthFirstMatch;
    const month = monthIndex(monthWordFirst ? named[1]! : named[2]!);
    const day = Number(monthWordFirst ? named[2] : named[1]);
    const fullYear = named[3] ? Number(named[3]) : year;
    if (month === undefined || fullYear === undefined) return undefined;
    return [{ year: fullYear, month, day }, text.slice(named[0].length)];
  }
  const numeric = NUMERIC.exec(text);
  if (!numeric) return undefined;
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  const readMonthFirst = first > 12 ? false : second > 12 ? true : monthFirst;
  if (readMonthFirst === undefined) return undefined;
  const [month, day] = readMonthFirst ? [first, second] : [second, first];
  return [{ year: Number(numeric[3]), month: month - 1, day }, text.slice(numeric[0].length)];
}

/** "10", "10:30" with "am"/"pm" (its own, or the range end's: "10:00 – 11:00am") → hour, minute. */
function hourOf(hour: string, minute: string | undefined, meridiem: string | undefined): [number, number] | undefined {
  let h = Number(hour);
  const m = minute ? Number(minute) : 0;
  if (!minute && !meridiem) return undefined;
  if (meridiem) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  return h > 23 || m > 59 ? undefined : [h, m];
}

export interface EventTime {
  start?: number;
  durationMinutes?: number;
}

/**
 * An event's "when" line, as the page shows it in the viewer's time zone: Google's "Monday,
 * December 7⋅10:00 – 11:00am" or "Monday, December 7" (all day), Outlook's
 * "Mon 12/7/2026 2:00 PM - 2:30 PM". The whole line must be a date and a time range (or a date
 * alone); anything else is undefined, never a guess. `year` is used when the line omits it.
 */
export function parseEventTime(raw: string | null | undefined, options: { year?: number; monthFirst?: boolean } = {}): EventTime | undefined {
  if (!raw || raw.length > 120) return undefined;
  const text = tidy(raw.replace(/[⋅·•]/g, ' ')).replace(/\s*,\s*$/, '');
  const dated = leadingDate(text, options.year, options.monthFirst);
  if (!dated) return undefined;
  const [{ year, month, day }, rest] = dated;
  const times = rest.replace(/^[\s,]+/, '').trim();
  if (!times) {
    const start = localTime(year, month, day, 0, 0);
    return start === undefined ? undefined : { start };
  }
  const range = RANGE.exec(times);
  if (!range) return undefined;
  const endMeridiem = range[6];
  const from = hourOf(range[1]!, range[2], range[3] ?? endMeridiem);
  const to = hourOf(range[4]!, range[5], endMeridiem);
  if (!from || !to) return undefined;
  const start = localTime(year, month, day, ...from);
  if (start === undefined) return undefined;
  let minutes = to[0] * 60 + to[1] - (from[0] * 60 + from[1]);
  if (minutes <= 0) minutes += 24 * 60; // ends after midnight
  return { start, durationMinutes: minutes };
}

/** The first element under `root` whose whole text is an event's "when" line, read. */
export function eventTimeIn(root: ParentNode, options: { year?: number; monthFirst?: boolean }): EventTime | undefined {
  for (const element of root.querySelectorAll('div, span, time')) {
    if (element.children.length > 6) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > 120) continue;
    const time = parseEventTime(text, options);
    if (time) return time;
  }
  return undefined;
}

/** One person of the event as its reader saw them. */
export interface SeenPerson {
  email: string;
  name?: string;
  response?: Response;
  organizer: boolean;
  element: Element;
}

type EventSite = Extract<PageContextInput, { kind: 'event' }>['site'];

export interface CalendarEventReading {
  site: EventSite;
  url: URL;
  id: string | undefined;
  title: string;
  time: EventTime | undefined;
  people: SeenPerson[];
  account: string | undefined;
}

/**
 * The reading of an open event: its people as contacts (the organizer `from`, invitees `to`; the
 * signed-in user reported, never proposed) and, when the event has an id, its context with every
 * invitee's response. An organizer who shows no response has accepted (they sent the invitation).
 */
export function calendarReading(reading: CalendarEventReading): SiteReading {
  const contacts = new Participants(reading.site);
  const byEmail = new Map<string, EventPerson & { organizer: boolean }>();
  for (const person of reading.people) {
    contacts.add(person.email, person.name, person.organizer ? 'from' : 'to', person.element);
    const known = byEmail.get(person.email);
    if (known) {
      known.name ??= person.name;
      known.organizer ||= person.organizer;
      if (person.response) known.response = person.response;
      continue;
    }
    byEmail.set(person.email, {
      email: person.email,
      ...(person.name ? { name: person.name } : {}),
      response: person.response ?? (person.organizer ? 'accepted' : 'needs-action'),
      organizer: person.organizer,
    });
  }
  const signedInUser = signedIn([reading.account]);
  const everyone = [...byEmail.values()].map(({ organizer, ...person }) => ({ organizer, person }));
  const organizer = everyone.find((entry) => entry.organizer)?.person;
  let context: PageContextInput | undefined;
  if (reading.id && everyone.length > 0) {
    context = {
      kind: 'event',
      site: reading.site,
      url: reading.url.href,
      ...(reading.account ? { account: reading.account } : {}),
      event: {
        id: reading.id.slice(0, 500),
        title: reading.title.slice(0, 1000),
        ...(reading.time?.start !== undefined ? { start: reading.time.start } : {}),
        ...(reading.time?.durationMinutes !== undefined ? { durationMinutes: Math.min(reading.time.durationMinutes, 24 * 60) } : {}),
        ...(organizer ? { organizer } : {}),
        attendees: everyone.filter((entry) => !entry.organizer).map((entry) => entry.person).slice(0, 500),
      },
    };
  }
  const people: DetectedContactInput[] = contacts.list(reading.account ? [reading.account] : []);
  return { contacts: people, ...(context ? { context } : {}), ...(signedInUser ? { signedInUser } : {}) };
}
