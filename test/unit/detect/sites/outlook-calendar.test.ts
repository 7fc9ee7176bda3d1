import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { isOutlookMail } from '@/lib/detect/sites/outlook';
import { isOutlookCalendar, outlookEventId } from '@/lib/detect/sites/outlook-calendar';

describe('Outlook calendar URLs and item ids', () => {
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

describe('the Outlook calendar reader', () => {
  it('reads nothing of the calendar grid without an open event, and leaves mail to the mail reader', () => {
    const { document } = parseHTML(
      '<!DOCTYPE html><html lang="en-US"><body><div role="main"><div role="button" aria-label="Review, 4:30 PM to 5:15 PM, Grace Hopper">Review</div></div></body></html>',
    );
    expect(detect(document, 'https://outlook.office.com/calendar/view/week')).toEqual({ contacts: [] });
  });

  it('a peek without a readable time has no stand-in id, so no event; people shown by name only are left out', () => {
    const { document } = parseHTML(`<!DOCTYPE html><html lang="en-US"><body>
      <div role="dialog" aria-label="Event details">
        <div role="heading">Tide tables</div><span>Sometime next week</span>
        <div role="group" aria-label="Organizer"><div data-lpc-hover-target-id="p1"><span title="grace@cobol.dev">Grace Hopper</span></div></div>
        <div role="group" aria-label="Accepted"><div data-lpc-hover-target-id="p2"><span>Charles Babbage</span></div></div>
      </div></body></html>`);
    const result = detect(document, 'https://outlook.office.com/calendar/view/week');
    expect(result.contacts.map((contact) => [contact.emails, contact.role])).toEqual([[['grace@cobol.dev'], 'from']]);
    expect(result.context).toBeUndefined();
  });
});
