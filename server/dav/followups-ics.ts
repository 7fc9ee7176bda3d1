/**
 * Follow-ups as an iCalendar feed (RFC 5545), written by ical.js so escaping, line folding and
 * CRLFs follow the standard: one VTODO per follow-up, due at its time, with an alarm at its
 * reminder (else when due), its contact's link, and done ones COMPLETED. Any calendar that
 * subscribes to a URL (Thunderbird, Apple Calendar, Outlook, DAVx⁵'s ICSx⁵) shows them.
 */
import ICAL from 'ical.js';
import type { FollowUp } from '../store/followups';

const utc = (millis: number) => ICAL.Time.fromJSDate(new Date(millis), true);

/** "Follow up: Ada Lovelace — renewal": the contact as a person would name them. */
export function summaryOf(followUp: FollowUp): string {
  const who = followUp.contact.name ?? followUp.contact.email;
  return who ? `Follow up: ${who} — ${followUp.title}` : `Follow up: ${followUp.title}`;
}

function todoOf(followUp: FollowUp, now: number): InstanceType<typeof ICAL.Component> {
  const todo = new ICAL.Component('vtodo');
  todo.updatePropertyWithValue('uid', `${followUp.id}@sidebar-crm`);
  todo.updatePropertyWithValue('dtstamp', utc(now));
  todo.updatePropertyWithValue('summary', summaryOf(followUp));
  todo.updatePropertyWithValue('due', utc(followUp.dueAt));
  if (followUp.contact.link) todo.updatePropertyWithValue('url', followUp.contact.link);
  if (followUp.doneAt !== undefined) {
    todo.updatePropertyWithValue('status', 'COMPLETED');
    todo.updatePropertyWithValue('completed', utc(followUp.doneAt));
    todo.updatePropertyWithValue('percent-complete', 100);
    return todo;
  }
  todo.updatePropertyWithValue('status', 'NEEDS-ACTION');
  // An absolute trigger: a VTODO without DTSTART has nothing a relative one could count from.
  const alarm = new ICAL.Component('valarm');
  alarm.updatePropertyWithValue('action', 'DISPLAY');
  alarm.updatePropertyWithValue('description', summaryOf(followUp));
  const trigger = new ICAL.Property('trigger');
  trigger.setParameter('value', 'DATE-TIME');
  trigger.setValue(utc(followUp.remindAt ?? followUp.dueAt));
  alarm.addProperty(trigger);
  todo.addSubcomponent(alarm);
  return todo;
}

export function followUpsCalendar(followUps: readonly FollowUp[], calendarName: string, now: number): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Sidebar CRM//Follow-ups//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', calendarName);
  for (const followUp of [...followUps].sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id))) calendar.addSubcomponent(todoOf(followUp, now));
  return `${calendar.toString()}\r\n`;
}
