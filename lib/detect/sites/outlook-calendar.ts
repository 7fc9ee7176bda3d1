import { decodeSegment, isHttps, toUrl } from '../site-support/url-parts';
import { outlook } from './outlook';
import type { Site } from './site';

/**
 * Outlook on the web's calendar module, on Outlook mail's hosts (work and personal):
 * https://outlook.office.com/calendar/view/week, https://outlook.live.com/calendar/0/item/AQMk…
 */
export function isOutlookCalendar(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && outlook.matches.includes(`https://${url.hostname}/*`) && /^\/calendar(\/|$)/.test(url.pathname);
}

/** The item id of the event open in full: OWA's `/calendar/[n/]item/<id>`, `/calendar/[n/]deeplink/read/<id>`, `?itemid=`. */
export function outlookEventId(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isOutlookCalendar(url)) return undefined;
  const match = /\/(?:item|deeplink\/read)\/([^/?#]+)/.exec(url.pathname);
  const id = match?.[1] ? decodeSegment(match[1]) : undefined;
  return id || url.searchParams.get('itemid') || url.searchParams.get('ItemID') || undefined;
}

/**
 * Outlook on the web's calendar: the event in the peek over the calendar or open in full: title,
 * time, organizer and attendees with their responses; the reading is outlook-calendar.dom.ts.
 * A site of its own beside Outlook mail (same hosts, same content script, other paths), so that
 * each calendar reader is one file and the mail reader stays about mail.
 * Test URLs: https://outlook.office.com/calendar/view/week (a peek),
 * https://outlook.live.com/calendar/0/item/AQMkADAw… (the event open in full).
 */
export const outlookCalendar = {
  name: 'outlook-calendar',
  label: 'Outlook calendar',
  kind: 'event',
  engine: 'outlook',
  matches: outlook.matches,
  isPage: isOutlookCalendar,
  fixtures: ['outlook-calendar-peek.html', 'outlook-calendar-item.html'],
} as const satisfies Site;
