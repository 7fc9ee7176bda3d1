import { calendarReading, eventTimeIn, parseEventTime, responseIn, saysOrganizer, type SeenPerson } from '../site-support/calendar-event';
import { personName } from '../site-support/mail-participants';
import { asEmail, emailsIn, textOf } from '../site-support/page-text';
import { siteAdapter } from '../site-support/site-adapter';
import type { SiteReading } from '../types';
import { googleCalendar, googleCalendarEventId, googleEventId } from './google-calendar';

/*
 * Google Calendar obfuscates its class names, so this reads what it keeps stable: the details
 * dialog (`#xDetDlg`, `[role=dialog][data-eventid]`), guests as elements carrying their address in
 * `data-email` / `data-hovercard-id`, each guest's ARIA label ("Grace Hopper, Accepted,
 * Organizer") and the response badge's own label ("Accepted", "Declined", "Maybe", "Awaiting"),
 * the heading as the title, and the "when" line ("Monday, December 7⋅10:00 – 11:00am"). The
 * event's full page (`/r/eventedit/<eid>`) has the title, dates and times in labelled inputs.
 */

const GUEST = '[data-email], [data-hovercard-id*="@"]';

/** The signed-in account, from Google's account button ("Google Account: Ada Lovelace (ada@…)"). */
function accountOf(root: ParentNode): string | undefined {
  const button = root.querySelector('[aria-label^="Google Account"]');
  return emailsIn(button?.getAttribute('aria-label')).at(-1);
}

/**
 * The open event: its details dialog (by id, by event id, else a dialog with guests and a "when"
 * line, not a sharing dialog), else the event page's main area.
 */
function eventRoot(root: ParentNode, url: URL, year: number | undefined): Element | null {
  const dialog =
    root.querySelector('#xDetDlg') ??
    root.querySelector('[role="dialog"][data-eventid]') ??
    [...root.querySelectorAll('[role="dialog"]')].find((candidate) => candidate.querySelector(GUEST) && eventTimeIn(candidate, { year }));
  if (dialog) return dialog;
  return googleCalendarEventId(url) ? (root.querySelector('[role="main"]') ?? root.querySelector('body')) : null;
}

/** The year the "when" line leaves out: the view's date in the URL, else the page title's. */
function yearOf(root: ParentNode, url: URL): number | undefined {
  const fromPath = /\/r\/[a-z]+\/(\d{4})\/\d{1,2}\/\d{1,2}/.exec(url.pathname)?.[1];
  const fromTitle = /\b(19[7-9]\d|2[01]\d\d)\b/.exec(textOf(root.querySelector('title')))?.[1];
  const year = fromPath ?? fromTitle;
  return year ? Number(year) : undefined;
}

function titleOf(event: Element): string {
  const input = event.querySelector('input[aria-label="Title"], input[aria-label="Add title"]');
  if (input) return (input.getAttribute('value') ?? '').trim();
  return textOf(event.querySelector('[role="heading"]'));
}

/** The event page's dates and times, from their inputs ("Dec 7, 2026", "10:00am"), as one line. */
function editedWhen(event: Element): string | undefined {
  const value = (label: string) => event.querySelector(`input[aria-label="${label}"]`)?.getAttribute('value')?.trim();
  const [startDate, startTime, endTime] = [value('Start date'), value('Start time'), value('End time')];
  if (!startDate) return undefined;
  return startTime && endTime ? `${startDate} ${startTime} – ${endTime}` : startDate;
}

/** A guest: address, name, response and organizer flag from the element and its labels. */
function guestOf(element: Element): SeenPerson | undefined {
  const email = asEmail(element.getAttribute('data-email')) ?? asEmail(element.getAttribute('data-hovercard-id'));
  if (!email) return undefined;
  const label = element.getAttribute('aria-label') ?? '';
  const badges = [...element.querySelectorAll('[aria-label], [title]')].map(
    (badge) => `${badge.getAttribute('aria-label') ?? ''} ${badge.getAttribute('title') ?? ''}`,
  );
  const response = responseIn(label) ?? badges.map(responseIn).find((found) => found !== undefined);
  const labelledName = label.split(',')[0];
  const shownName = textOf(element.querySelector('span')) || textOf(element).split(/\s{2,}|,/)[0];
  const name =
    (labelledName && !responseIn(labelledName) && !saysOrganizer(labelledName) ? personName(labelledName, email) : undefined) ??
    personName(shownName, email);
  const organizer =
    saysOrganizer(label) || badges.some(saysOrganizer) || [...element.querySelectorAll('div, span')].some((line) => /^organi[sz]er$/i.test(textOf(line)));
  return { email, ...(name ? { name } : {}), ...(response ? { response } : {}), organizer, element };
}

function readGoogleCalendar(root: ParentNode, url: URL): SiteReading {
  const account = accountOf(root);
  const year = yearOf(root, url);
  const event = eventRoot(root, url, year);
  if (!event) return calendarReading({ site: googleCalendar.name, url, id: undefined, title: '', time: undefined, people: [], account });

  const people: SeenPerson[] = [];
  for (const element of event.querySelectorAll(GUEST)) {
    // A guest element may wrap its avatar's own hovercard: the outermost carrying an address counts.
    if (element.parentElement?.closest(GUEST) && event.contains(element.parentElement.closest(GUEST))) continue;
    const guest = guestOf(element);
    if (guest) people.push(guest);
  }
  const edited = editedWhen(event);
  const time = edited ? parseEventTime(edited, { year }) : eventTimeIn(event, { year });
  const id = googleEventId(event.getAttribute('data-eventid')) ?? googleCalendarEventId(url);
  return calendarReading({ site: googleCalendar.name, url, id, title: titleOf(event), time, people, account });
}

/** Reads Google Calendar's open event (see google-calendar.ts). The signed-in user is reported, never proposed. */
export const googleCalendarAdapter = siteAdapter(googleCalendar, readGoogleCalendar);
