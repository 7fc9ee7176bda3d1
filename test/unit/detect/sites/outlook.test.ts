import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { outlookAdapter } from '@/lib/detect/sites/outlook.dom';

const INBOX = 'https://outlook.office.com/mail/inbox';
const OPEN = 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS05';

function read(body: string, url = OPEN, lang = 'en-US') {
  const { document } = parseHTML(`<!DOCTYPE html><html lang="${lang}"><head><title>Mail - Ada Lovelace - Outlook</title></head><body>${body}</body></html>`);
  return outlookAdapter.read(document, new URL(url));
}

const ACCOUNT = `<button id="O365_MainLink_Me" aria-label="Account manager for Ada Lovelace"></button><div id="mectrl_currentAccount_secondary">ada@analyticalengines.co.uk</div>`;
const person = (text: string, extra = '') => `<span data-lpc-hover-target-id="lpc" class="pU1YL" ${extra}>${text}</span>`;
const well = (label: string, people: string) =>
  `<div aria-label="${label} …"><label>${label}</label><div data-testid="RecipientWell">${people}</div></div>`;
const message = (header: string, date = 'Thu 11/19/2026 4:45 PM', body = '<p>Hello</p>') =>
  `<div aria-label="Email message" role="region">${header}<div data-testid="SentReceivedSavedTime">${date}</div><div role="document" aria-label="Message body">${body}</div></div>`;
const pane = (messages: string, subject = 'Service contract') =>
  `<div id="ReadingPaneContainerId"><div id="ConversationReadingPaneContainer"><div role="heading" aria-level="2"><span title="${subject}">${subject}</span></div>${messages}</div></div>`;

describe('Outlook adapter', () => {
  it('runs on Outlook mail only', () => {
    expect(outlookAdapter.matches(new URL(OPEN))).toBe(true);
    expect(outlookAdapter.matches(new URL('https://outlook.live.com/mail/0/'))).toBe(true);
    expect(outlookAdapter.matches(new URL('https://outlook.office.com/calendar/'))).toBe(false);
  });

  it('reports the mailbox but nobody else when no message is open', () => {
    const reading = read(
      `${ACCOUNT}<div role="listbox"><div role="option" data-convid="AAQk1" aria-selected="true"><span title="charles@differenceengine.co.uk">Charles Babbage</span></div></div>`,
      INBOX,
    );
    expect(reading).toEqual({ contacts: [], signedInUser: { emails: ['ada@analyticalengines.co.uk'] } });
  });

  it('reads sender and recipients with their roles, and stands the account in for its name', () => {
    const reading = read(
      ACCOUNT +
        pane(
          message(
            person('Charles Babbage&lt;Charles@DifferenceEngine.co.uk&gt;', 'aria-label="From: Charles Babbage"') +
              well('To:', `${person('Ada Lovelace')}; ${person('Alan Turing')}`) +
              well('Cc:', person('Mary Somerville&lt;mary@somerville-science.org&gt;')) +
              well('Bcc:', person('Michael Faraday', 'title="faraday@royal-institution.org.uk"')),
          ),
        ),
    );
    expect(reading.contacts).toEqual([
      { name: 'Charles Babbage', emails: ['charles@differenceengine.co.uk'], role: 'from', evidence: [{ detector: 'outlook', element: 'span.pU1YL' }] },
      { name: 'Mary Somerville', emails: ['mary@somerville-science.org'], role: 'cc', evidence: [{ detector: 'outlook', element: 'span.pU1YL' }] },
      { name: 'Michael Faraday', emails: ['faraday@royal-institution.org.uk'], role: 'cc', evidence: [{ detector: 'outlook', element: 'span.pU1YL' }] },
    ]);
    expect(reading.context).toMatchObject({
      kind: 'email-thread',
      site: 'outlook',
      threadId: 'AAQkADAwATM3ZmYAZS05',
      subject: 'Service contract',
      account: 'ada@analyticalengines.co.uk',
      messages: [
        {
          from: 'charles@differenceengine.co.uk',
          // Alan Turing is shown by name only: no address, so neither a contact nor a recipient.
          to: ['ada@analyticalengines.co.uk'],
          cc: ['mary@somerville-science.org', 'faraday@royal-institution.org.uk'],
        },
      ],
    });
  });

  it('never proposes the signed-in mailbox, even when shown with its address', () => {
    const reading = read(ACCOUNT + pane(message(person('Ada Lovelace&lt;ada@analyticalengines.co.uk&gt;') + well('To:', person('Charles&lt;charles@differenceengine.co.uk&gt;')))));
    expect(reading.contacts.map((contact) => contact.emails)).toEqual([['charles@differenceengine.co.uk']]);
    expect(reading.signedInUser).toEqual({ emails: ['ada@analyticalengines.co.uk'] });
  });

  it('finds the mailbox in the folder tree only when it names one address', () => {
    const tree = (...emails: string[]) =>
      `<div role="tree">${emails.map((email) => `<div role="treeitem" title="${email}">${email}</div>`).join('')}</div>`;
    expect(read(tree('ada.lovelace@outlook.com'), INBOX).signedInUser).toEqual({ emails: ['ada.lovelace@outlook.com'] });
    expect(read(tree('ada.lovelace@outlook.com', 'ada@analyticalengines.co.uk'), INBOX).signedInUser).toBeUndefined();
  });

  it('takes the conversation id of the selected row when the URL has none', () => {
    const reading = read(
      `<div role="option" data-convid="AAQkOther" aria-selected="false"></div><div role="option" data-convid="AAQkSelected" aria-selected="true"></div>` +
        pane(message(person('Charles&lt;charles@differenceengine.co.uk&gt;'))),
      INBOX,
    );
    const shown = new Date(2026, 10, 19, 16, 45).getTime();
    expect(reading.context).toMatchObject({ threadId: 'AAQkSelected', messages: [{ id: `AAQkSelected:${shown}`, date: shown }] });
  });

  it('gives people but no context when no conversation id can be told', () => {
    const reading = read(
      `<div data-convid="AAQk1"></div><div data-convid="AAQk2"></div>` + pane(message(person('Charles&lt;charles@differenceengine.co.uk&gt;'))),
      INBOX,
    );
    expect(reading.contacts).toHaveLength(1);
    expect(reading.context).toBeUndefined();
  });

  it('reads dates in the page locale and names messages without a date by their place', () => {
    const messages = message(person('Charles&lt;charles@differenceengine.co.uk&gt;'), 'Thu 05/11/2026 10:04') + message(person('Mary&lt;mary@somerville-science.org&gt;'), 'yesterday');
    const us = read(pane(messages), OPEN, 'en-US').context;
    const gb = read(pane(messages), OPEN, 'en-GB').context;
    const ids = (context: typeof us) => (context?.kind === 'email-thread' ? context.messages?.map((item) => [item.id, item.date]) : undefined);
    const may11 = new Date(2026, 4, 11, 10, 4).getTime();
    expect(ids(us)).toEqual([
      [`AAQkADAwATM3ZmYAZS05:${may11}`, may11],
      ['AAQkADAwATM3ZmYAZS05:#2', undefined],
    ]);
    expect(ids(gb)?.[0]?.[1]).toBe(new Date(2026, 10, 5, 10, 4).getTime());
  });

  it('reads a localized OWA (no English message label) as one message when it shows one date', () => {
    const reading = read(
      `<div id="ItemReadingPaneContainer"><div aria-label="Електронний лист">${person('Charles&lt;charles@differenceengine.co.uk&gt;')}${well('Кому:', person('Mary&lt;mary@somerville-science.org&gt;'))}<div data-testid="SentReceivedSavedTime">Чт 19.11.2026 16:45</div></div></div>`,
      'https://outlook.live.com/mail/0/deeplink/read/AQMkADAw',
      'uk-UA',
    );
    expect(reading.contacts.map((contact) => [contact.emails?.[0], contact.role])).toEqual([
      ['charles@differenceengine.co.uk', 'from'],
      ['mary@somerville-science.org', 'to'],
    ]);
    expect(reading.context).toMatchObject({ threadId: 'AQMkADAw', messages: [{ from: 'charles@differenceengine.co.uk', to: ['mary@somerville-science.org'] }] });
  });

  it('splits a localized conversation into messages by their dated headers', () => {
    const localized = (sender: string, to: string, date: string) =>
      `<div class="aVla3"><div class="l8Tnu">${person(sender)}${well('Кому:', person(to))}</div><div data-testid="SentReceivedSavedTime">${date}</div><div role="document">…</div></div>`;
    const reading = read(
      `<div id="ConversationReadingPaneContainer"><div class="list">${localized('Charles&lt;charles@differenceengine.co.uk&gt;', 'Mary&lt;mary@somerville-science.org&gt;', 'Чт 19.11.2026 16:45')}${localized('Mary&lt;mary@somerville-science.org&gt;', 'Charles&lt;charles@differenceengine.co.uk&gt;', 'Чт 19.11.2026 16:45')}</div></div>`,
      OPEN,
      'uk-UA',
    );
    expect(reading.contacts.map((contact) => [contact.emails?.[0], contact.role])).toEqual([
      ['charles@differenceengine.co.uk', 'from'],
      ['mary@somerville-science.org', 'from'],
    ]);
    const messages = reading.context?.kind === 'email-thread' ? reading.context.messages : [];
    // Two messages in the same minute: told apart by their place.
    expect(messages?.map((item) => [item.id, item.from, item.to])).toEqual([
      ['AAQkADAwATM3ZmYAZS05:#1', 'charles@differenceengine.co.uk', ['mary@somerville-science.org']],
      ['AAQkADAwATM3ZmYAZS05:#2', 'mary@somerville-science.org', ['charles@differenceengine.co.uk']],
    ]);
  });

  it('ignores addresses in message bodies and a second name outside the recipient wells', () => {
    const reading = read(
      pane(
        message(
          person('Charles&lt;charles@differenceengine.co.uk&gt;') + `<div class="reactions">${person('Liked by Mary&lt;mary@somerville-science.org&gt;')}</div>`,
          'Thu 11/19/2026 4:45 PM',
          `<p>From: ${person('Spoof&lt;ceo@phish-bank.com&gt;')}</p>`,
        ),
      ),
    );
    expect(reading.contacts.flatMap((contact) => contact.emails)).toEqual(['charles@differenceengine.co.uk']);
  });

  it('gives fewer people, never an exception, on broken markup', () => {
    const broken = [
      '',
      '<div id="ReadingPaneContainerId"></div>',
      pane('<div aria-label="Email message"></div>'),
      pane(message(person('') + well('To:', person('&lt;not an address&gt;')), '')),
      `<div id="O365_MainLink_Me"></div><div role="tree"><div role="treeitem" title="@@"></div></div>`,
    ];
    for (const body of broken) expect(() => read(body)).not.toThrow();
    expect(read(pane(message(person('no address here')))).contacts).toEqual([]);
  });
});
