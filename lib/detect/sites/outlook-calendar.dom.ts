import { calendarReading, eventTimeIn, responseIn, saysOrganizer, type SeenPerson } from '../site-support/calendar-event';
import { personName } from '../site-support/mail-participants';
import { emailsIn, textOf } from '../site-support/page-text';
import { siteAdapter } from '../site-support/site-adapter';
import type { SiteReading } from '../types';
import { outlookCalendar, outlookEventId } from './outlook-calendar';

/*
 * Outlook on the web hashes its class names per build, so this reads what it keeps stable: the
 * event peek (a `[role=dialog]` over the calendar) or the event open in full (`[role=main]` on an
 * `/item/<id>` URL), persona buttons (`[data-lpc-hover-target-id]`, `span[title*="@"]`) whose
 * text, label or title carries the address, and ARIA: a persona's label ("Grace Hopper,
 * Organizer", "Edsger Dijkstra, Tentative") or the group it is listed under ("Accepted 2",
 * "Didn't respond 1", "Organizer"). People shown by name only have no address and are left out.
 */

const PERSON = '[data-lpc-hover-target-id], span[title*="@"], [role="button"][aria-label*="@"]';

/** The mailbox shown, from the account manager (the mail reader's sources, minus the folder tree). */
function accountOf(root: ParentNode): string | undefined {
  const candidates = [
    textOf(root.querySelector('#mectrl_currentAccount_secondary')),
    root.querySelector('#O365_MainLink_Me')?.getAttribute('aria-label'),
    root.querySelector('button[aria-label^="Account manager"]')?.getAttribute('aria-label'),
    textOf(root.querySelector('title')),
  ];
  return candidates.map((candidate) => emailsIn(candidate).at(-1)).find((email) => !!email);
}

function eventRoot(root: ParentNode, url: URL): Element | null {
  const peek = [...root.querySelectorAll('[role="dialog"]')].find((dialog) => dialog.querySelector(PERSON));
  if (peek) return peek;
  return outlookEventId(url) ? root.querySelector('[role="main"]') : null;
}

/** What the element and the groups around it (up to the event) say: labels and headings, nearest first. */
function labelsAround(element: Element, event: Element): string[] {
  const labels: string[] = [];
  for (let at: Element | null = element; at && at !== event; at = at.parentElement) {
    labels.push(at.getAttribute('aria-label') ?? '');
    const heading = [...at.children].find((child) => child.getAttribute('role') === 'heading' || child.tagName === 'LABEL');
    if (heading && at !== element) labels.push(textOf(heading));
  }
  return labels;
}

function personOf(element: Element, event: Element): SeenPerson | undefined {
  const text = textOf(element);
  const own = element.getAttribute('aria-label') ?? '';
  const titled = element.querySelector('[title*="@"]')?.getAttribute('title');
  const email = emailsIn(text)[0] ?? emailsIn(own)[0] ?? emailsIn(element.getAttribute('title'))[0] ?? emailsIn(titled)[0];
  if (!email) return undefined;
  const shown = text.split('<')[0]!.trim();
  const name = personName(shown, email) ?? personName(own.split(',')[0], email);
  const labels = labelsAround(element, event);
  const response = labels.map(responseIn).find((found) => found !== undefined);
  const organizer = labels.some(saysOrganizer);
  return { email, ...(name ? { name } : {}), ...(response ? { response } : {}), organizer, element };
}

function readOutlookCalendar(root: ParentNode, url: URL): SiteReading {
  const account = accountOf(root);
  const event = eventRoot(root, url);
  const people: SeenPerson[] = [];
  for (const element of event?.querySelectorAll(PERSON) ?? []) {
    if (element.parentElement?.closest(PERSON)) continue; // the persona's own name span
    const person = personOf(element, event!);
    if (person) people.push(person);
  }
  const lang = root.querySelector('html')?.getAttribute('lang') ?? '';
  const monthFirst = /^en-us$/i.test(lang) ? true : lang ? false : undefined;
  const time = event ? eventTimeIn(event, { monthFirst }) : undefined;
  const title = textOf(event?.querySelector('[role="heading"]'));
  // A peek has no id of its own: the occurrence (start, organizer, title) stands in for one.
  const organizer = people.find((person) => person.organizer)?.email ?? '';
  const id = outlookEventId(url) ?? (time?.start !== undefined ? `peek:${time.start}:${organizer}:${title.slice(0, 300)}` : undefined);
  return calendarReading({ site: outlookCalendar.name, url, id, title, time, people, account });
}

/** Reads Outlook on the web's open calendar event (see outlook-calendar.ts). The signed-in user is reported, never proposed. */
export const outlookCalendarAdapter = siteAdapter(outlookCalendar, readOutlookCalendar);
