import { decodeSegment, isHttps, toUrl } from '../site-support/url-parts';
import type { Site } from './site';

/** Google Calendar's web app: https://calendar.google.com/calendar/u/0/r/week (any account, any view). */
export function isGoogleCalendar(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && url.hostname === 'calendar.google.com' && /^\/calendar(\/|$)/.test(url.pathname);
}

/**
 * The event id Google Calendar's `eid` carries. An eid (in the URL, and as `data-eventid` on the
 * page) is base64 of "<event id> <calendar id>": read as the event id alone, the same event keys
 * the same from every calendar that shows it. An eid that is not that is kept as it is.
 */
export function googleEventId(eid: string | null | undefined): string | undefined {
  const raw = eid?.trim();
  if (!raw || raw.length > 1000) return undefined;
  try {
    const decoded = atob(raw.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(raw.length / 4) * 4, '='));
    const id = /^([a-z0-9_]{5,}) \S+$/i.exec(decoded)?.[1];
    if (id) return id;
  } catch {
    // not base64: the page's own id, as it is
  }
  return raw;
}

/** The event a URL opens: `/r/eventedit/<eid>`, `/event?eid=…` or a view's `?eid=…`. */
export function googleCalendarEventId(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isGoogleCalendar(url)) return undefined;
  const inPath = /\/(?:eventedit|event)\/([^/?#]+)/.exec(url.pathname)?.[1];
  return googleEventId((inPath && decodeSegment(inPath)) || url.searchParams.get('eid'));
}

/**
 * Google Calendar: the open event (its details dialog or its full page): title, time, organizer
 * and guests with their responses; the reading is google-calendar.dom.ts.
 * Test URLs: https://calendar.google.com/calendar/u/0/r/week/2026/12/7 (a dialog over the week),
 * https://calendar.google.com/calendar/u/0/r/eventedit/NmJmM2… (the event's page).
 */
export const googleCalendar = {
  name: 'google-calendar',
  label: 'Google Calendar',
  kind: 'event',
  engine: 'calendar',
  matches: ['https://calendar.google.com/*'],
  isPage: isGoogleCalendar,
  fixtures: ['google-calendar-dialog.html', 'google-calendar-eventedit.html'],
} as const satisfies Site;
