import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { gmailAdapter } from '@/lib/detect/sites/gmail.dom';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN';

function page(body: string, title = 'Inbox - ada@lovelace.io - Gmail'): Document {
  return parseHTML(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`).document;
}

function read(body: string, title?: string, url = THREAD_URL) {
  return gmailAdapter.read(page(body, title), new URL(url));
}

const sender = (email: string, name: string) => `<span class="gD" email="${email}" name="${name}">${name}</span>`;
const recipient = (email: string, name: string) => `<span class="g2" email="${email}" name="${name}">${name}</span>`;

function message(id: string, header: string, extra = '') {
  return `<div class="adn ads" data-message-id="#msg-f:${id}" data-legacy-message-id="${id}"><div class="gs"><div class="gE iv gt">${header}</div>${extra}</div></div>`;
}

function thread(messages: string, subject = 'Engine parts', ids = 'data-legacy-thread-id="18f3a1b2c3d4e5f6"') {
  return `<div role="main"><h2 class="hP" ${ids}>${subject}</h2><div role="list">${messages}</div></div>`;
}

describe('Gmail adapter', () => {
  it('runs on Gmail only', () => {
    expect(gmailAdapter.matches(new URL(THREAD_URL))).toBe(true);
    expect(gmailAdapter.matches(new URL('https://mail.google.com/chat/u/0/'))).toBe(false);
    expect(gmailAdapter.matches(new URL('https://outlook.office.com/mail/'))).toBe(false);
  });

  // Issue 15 item 4: the list's senders were proposed by nobody; they are the people of a list view.
  it('proposes the senders of the visible list rows, without a thread context, when no thread is open', () => {
    const row = (people: string) => `<tr class="zA zE"><td class="yX xY"><div class="yW">${people}</div></td><td><span class="y2"> - write to ops@cobol.dev</span></td></tr>`;
    const reading = read(
      `<div role="main"><table class="F cf zt"><tbody>${row('<span class="zF" email="grace@cobol.dev" name="Grace Hopper">Grace Hopper</span>')}${row(
        '<span class="yP" email="ada@lovelace.io" name="me">me</span>, <span class="yP" email="Alan.Turing@bletchley.uk" name="Alan Turing">Alan</span>',
      )}</tbody></table>` +
        `<div style="display: none"><table class="F"><tbody>${row('<span class="yP" email="hidden@sent.example" name="Hidden Folder">Hidden</span>')}</tbody></table></div></div>`,
      'Inbox (3) - ada@lovelace.io - Gmail',
      'https://mail.google.com/mail/u/0/#inbox',
    );
    expect(reading.contacts.map((contact) => [contact.name, contact.emails, contact.role])).toEqual([
      ['Grace Hopper', ['grace@cobol.dev'], 'from'],
      ['Alan Turing', ['alan.turing@bletchley.uk'], 'from'],
    ]);
    expect(reading.context).toBeUndefined();
    expect(reading.reader).toBeUndefined();
    expect(reading.signedInUser).toEqual({ emails: ['ada@lovelace.io'] });
  });

  it('puts the open thread\'s people before the list\'s senders, each in their thread role', () => {
    const list = `<table class="F"><tbody><tr class="zA"><td><span class="zF" email="charles@differenceengine.co.uk" name="Charles Babbage">Charles</span></td></tr><tr class="zA"><td><span class="zF" email="grace@cobol.dev" name="Grace Hopper">Grace</span></td></tr></tbody></table>`;
    const reading = read(
      `<div role="main">${list}<h2 class="hP" data-legacy-thread-id="18f3a1b2c3d4e5f6">Parts</h2>${message('18f3a1b2c3d4e5f6', `${sender('alan@bletchley.uk', 'Alan Turing')}<span class="hb">to ${recipient('charles@differenceengine.co.uk', 'Charles Babbage')}</span>`)}</div>`,
    );
    expect(reading.contacts.map((contact) => [contact.emails?.[0], contact.role])).toEqual([
      ['alan@bletchley.uk', 'from'],
      ['charles@differenceengine.co.uk', 'to'],
      ['grace@cobol.dev', 'from'],
    ]);
  });

  it('reads a thread whose messages carry no message id from the message boxes holding a sender', () => {
    const box = (header: string) => `<div class="h7" role="listitem"><div class="adn ads"><div class="gE">${header}</div><div class="ii gt"><div class="a3s"><span email="body@x.example" class="gD">quoted</span></div></div></div></div>`;
    const reading = read(
      thread(
        box(`${sender('grace@cobol.dev', 'Grace Hopper')}<span class="hb">to ${recipient('ada@lovelace.io', 'me')}, ${recipient('bob@cobol.dev', 'Bob Ross')}</span>`) +
          box(`${sender('alan@bletchley.uk', 'Alan Turing')}`) +
          `<div role="listitem"><div class="adn" data-legacy-message-id="18f3b0a1b2c3d4e5"><div class="gE">${sender('jean@cobol.dev', 'Jean Sammet')}</div></div></div>`,
      ),
    );
    expect(reading.contacts.map((contact) => [contact.emails?.[0], contact.role])).toEqual([
      ['grace@cobol.dev', 'from'],
      ['bob@cobol.dev', 'to'],
      ['alan@bletchley.uk', 'from'],
      ['jean@cobol.dev', 'from'],
    ]);
    // Only a message with an id can be logged: the id is its key in the history.
    expect(reading.context).toMatchObject({ subject: 'Engine parts', messages: [{ id: '18f3b0a1b2c3d4e5', from: 'jean@cobol.dev' }] });
    expect(reading.reader).toBeUndefined();
  });

  it('never proposes the account: from the title, and the participant named "me"', () => {
    const reading = read(
      thread(
        message(
          '18f3a1b2c3d4e5f6',
          `${sender('grace@cobol.dev', 'Grace Hopper')}<span class="hb">to <span class="g2" email="ada.l@lovelace.io" name="me">me</span>, ${recipient('ada@lovelace.io', 'Ada Lovelace')}</span>`,
        ),
      ),
    );
    expect(reading.contacts.map((contact) => contact.emails)).toEqual([['grace@cobol.dev']]);
    expect(reading.signedInUser).toEqual({ emails: ['ada@lovelace.io', 'ada.l@lovelace.io'] });
    expect(reading.context).toMatchObject({ account: 'ada@lovelace.io' });
  });

  it('finds the account on the Google Account button when the title has none', () => {
    const reading = read(
      `<a class="gb_B" aria-label="Google Account: Ada Lovelace  &#10;(Ada@Lovelace.io)" href="#"></a>${thread(
        message('1', `${sender('grace@cobol.dev', 'Grace Hopper')}<span class="hb">to ${recipient('ada@lovelace.io', 'Ada')}</span>`),
      )}`,
      'Engine parts - Gmail',
    );
    expect(reading.signedInUser).toEqual({ emails: ['ada@lovelace.io'] });
    expect(reading.contacts).toHaveLength(1);
  });

  it('also drops the account through detect(), whatever detector finds it', () => {
    const { contacts } = detect(
      page(thread(message('1', sender('grace@cobol.dev', 'Grace Hopper'), '<div class="ii gt"><div class="a3s"><a href="mailto:ada@lovelace.io">Ada Lovelace</a></div></div>'))),
      THREAD_URL,
    );
    expect(contacts.flatMap((contact) => contact.emails)).toEqual(['grace@cobol.dev']);
  });

  it('tells cc from to by the details table, and falls back to "to" on the summary line', () => {
    const details = `<table class="ajB"><tbody>
      <tr class="ajC"><td class="gG"><span class="gI">to:</span></td><td class="gL">${recipient('bob@cobol.dev', 'Bob Bemer')}</td></tr>
      <tr class="ajC"><td class="gG"><span class="gI">Kopie:</span></td><td class="gL">${recipient('jean@cobol.dev', 'Jean Sammet')}</td></tr>
      <tr class="ajC"><td class="gG"><span class="gI">bcc:</span></td><td class="gL">${recipient('mary@cobol.dev', 'Mary Hawes')}</td></tr>
    </tbody></table>`;
    const summary = `<span class="hb">to ${recipient('bob@cobol.dev', 'Bob Bemer')}, ${recipient('jean@cobol.dev', 'Jean Sammet')}, ${recipient('mary@cobol.dev', 'Mary Hawes')}</span>`;
    const withDetails = read(thread(message('1', `${sender('grace@cobol.dev', 'Grace Hopper')}${summary}${details}`)));
    expect(withDetails.contacts.map((contact) => [contact.emails?.[0], contact.role])).toEqual([
      ['grace@cobol.dev', 'from'],
      ['bob@cobol.dev', 'to'],
      ['jean@cobol.dev', 'cc'],
      ['mary@cobol.dev', 'cc'],
    ]);
    expect(withDetails.context?.kind === 'email-thread' && withDetails.context.messages).toEqual([
      { id: '1', from: 'grace@cobol.dev', to: ['bob@cobol.dev'], cc: ['jean@cobol.dev', 'mary@cobol.dev'] },
    ]);

    const summaryOnly = read(thread(message('1', `${sender('grace@cobol.dev', 'Grace Hopper')}${summary}`)));
    expect(summaryOnly.contacts.slice(1).map((contact) => contact.role)).toEqual(['to', 'to', 'to']);
  });

  it('keeps the closest role of a person seen in several messages: from, then to, then cc', () => {
    const reading = read(
      thread(
        message('1', `${sender('grace@cobol.dev', 'Grace Hopper')}<table><tr><td class="gG">cc:</td><td>${recipient('bob@cobol.dev', 'Bob Bemer')}</td></tr></table>`) +
          message('2', `${sender('bob@cobol.dev', 'Bob Bemer')}<span class="hb">to ${recipient('grace@cobol.dev', 'Grace')}</span>`),
      ),
    );
    expect(reading.contacts.map((contact) => [contact.emails?.[0], contact.role])).toEqual([
      ['grace@cobol.dev', 'from'],
      ['bob@cobol.dev', 'from'],
    ]);
    expect(reading.contacts[0]?.evidence).toEqual([
      { detector: 'gmail', element: 'span.gD' },
      { detector: 'gmail', element: 'span.g2' },
    ]);
  });

  it('reads the thread ids, subject and dates, and keeps the perm id when the legacy one is missing', () => {
    const reading = read(
      thread(
        message('18f3a1b2c3d4e5f6', `${sender('grace@cobol.dev', 'Grace Hopper')}<span class="g3" title="not a date" alt="Mon, 23 Nov 2026, 10:04">10:04</span>`),
        'Engine parts',
        'data-thread-perm-id="thread-f:1782345678901234567"',
      ),
    );
    expect(reading.context).toMatchObject({
      kind: 'email-thread',
      site: 'gmail',
      threadId: 'thread-f:1782345678901234567',
      subject: 'Engine parts',
      url: THREAD_URL,
    });
    const date = reading.context?.kind === 'email-thread' ? reading.context.messages?.[0]?.date : undefined;
    expect(typeof date).toBe('number');
  });

  it('falls back to the URL key as thread id, and to data-message-id as message id', () => {
    const reading = read(
      `<div role="main"><h2 class="hP">Engine parts</h2><div class="adn ads" data-message-id="#msg-f:1782345678901234567">${sender('grace@cobol.dev', 'Grace Hopper')}</div></div>`,
    );
    expect(reading.context).toMatchObject({
      threadId: 'FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN',
      messages: [{ id: 'msg-f:1782345678901234567', from: 'grace@cobol.dev', to: [], cc: [] }],
    });
  });

  it('ignores people-like markup in message bodies', () => {
    const reading = read(
      thread(message('1', sender('grace@cobol.dev', 'Grace Hopper'), `<div class="ii gt"><div class="a3s"><span email="spoof@phish-bank.com" name="Your Bank">x</span></div></div>`)),
    );
    expect(reading.contacts.flatMap((contact) => contact.emails)).toEqual(['grace@cobol.dev']);
  });

  it('reads recipients of open compose windows, new chips and the older .vR ones', () => {
    const reading = read(
      `<div role="dialog"><table class="GS"><tr><td>
        <div class="anm" name="to"><div role="listbox"><div role="option" class="afV" data-hovercard-id="Grace@Cobol.dev" data-name="Grace Hopper"></div></div></div>
        <div class="anm" name="cc"><div role="listbox"><div role="option" class="afV" data-hovercard-id="bob@cobol.dev" data-name="bob@cobol.dev"></div></div></div>
      </td></tr>
      <tr><td><div class="vR"><span class="vN" email="jean@cobol.dev"><div class="vT">Jean Sammet</div></span><input type="hidden" name="bcc" value="Jean Sammet &lt;jean@cobol.dev&gt;"></div>
      <div class="vR"><input type="hidden" name="to" value="Mary Hawes &lt;mary@cobol.dev&gt;"><div class="vT">Mary Hawes</div></div></td></tr></table></div>`,
      undefined,
      'https://mail.google.com/mail/u/0/#inbox?compose=new',
    );
    expect(reading.contacts).toEqual([
      { name: 'Grace Hopper', emails: ['grace@cobol.dev'], role: 'to', evidence: [{ detector: 'gmail', element: 'div.afV' }] },
      { emails: ['bob@cobol.dev'], role: 'cc', evidence: [{ detector: 'gmail', element: 'div.afV' }] },
      { name: 'Jean Sammet', emails: ['jean@cobol.dev'], role: 'cc', evidence: [{ detector: 'gmail', element: 'span.vN' }] },
      { name: 'Mary Hawes', emails: ['mary@cobol.dev'], role: 'to', evidence: [{ detector: 'gmail', element: 'div.vR' }] },
    ]);
    expect(reading.context).toBeUndefined();
  });

  it('reads compose chips by their field’s name when the field’s class is gone', () => {
    const reading = read(
      `<div role="dialog"><div class="q9" name="to"><div role="listbox"><div role="option" class="z1" data-hovercard-id="grace@cobol.dev" data-name="Grace Hopper"></div></div></div>
        <div class="q9" name="bcc"><div role="option" class="z1" data-hovercard-id="bob@cobol.dev" data-name="Bob Ross"></div></div></div>`,
      undefined,
      'https://mail.google.com/mail/u/0/#inbox?compose=new',
    );
    expect(reading.contacts.map((contact) => [contact.name, contact.role])).toEqual([
      ['Grace Hopper', 'to'],
      ['Bob Ross', 'cc'],
    ]);
    expect(reading.reader).toBeUndefined();
  });

  it('gives fewer people, never an exception, on broken markup', () => {
    const broken = [
      '',
      '<h2 class="hP"></h2>',
      thread('<div data-message-id=""><span class="gD" email="">x</span><span class="g2" email="not an address" name="x"></span></div>'),
      thread('<div class="adn"><span class="gD" email="grace@cobol.dev"></span></div>', '', ''),
      '<div class="anm"><div role="option" data-hovercard-id="%%%"></div></div><div class="vR"></div>',
      '<table><tr><td><span class="g2" email="bob@cobol.dev"></span></td></tr></table>',
    ];
    for (const body of broken) {
      expect(() => read(body, '')).not.toThrow();
    }
    // A subject with no id anywhere (no thread ids, no URL key) gives people but no context.
    const noIds = read(thread(message('1', sender('grace@cobol.dev', 'Grace Hopper')), 'Engine parts', ''), '', 'https://mail.google.com/mail/u/0/#inbox');
    expect(noIds.contacts).toHaveLength(1);
    expect(noIds.context).toBeUndefined();
  });
});

describe('Gmail adapter on a long thread', () => {
  it('reads 150 messages with 40 recipients each quickly, one contact per person', () => {
    const recipients = Array.from({ length: 40 }, (_, i) => recipient(`person${i}@cobol.dev`, `Person ${i}`)).join(', ');
    const messages = Array.from({ length: 150 }, (_, i) =>
      message(String(1000 + i), `${sender(`author${i % 5}@cobol.dev`, `Author ${i % 5}`)}<span class="hb">to ${recipients}</span><span class="g3" title="Mon, Nov 23, 2026, 10:04 AM"></span>`),
    ).join('');
    const document = page(thread(messages));
    const started = performance.now();
    const reading = gmailAdapter.read(document, new URL(THREAD_URL));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(reading.contacts).toHaveLength(45);
    expect(reading.context?.kind === 'email-thread' && reading.context.messages?.length).toBe(150);
  });
});
