import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { FALLBACK_DETECTOR, mailAdapter, readMailFallback } from '@/lib/detect/site-support/mail-fallback';
import { gmail } from '@/lib/detect/sites/gmail';
import { outlookAdapter } from '@/lib/detect/sites/outlook.dom';

const page = (body: string) => parseHTML(`<!DOCTYPE html><html><head><title>Mail</title></head><body>${body}</body></html>`).document;
const summary = (people: ReturnType<typeof readMailFallback>) => people.map((person) => [person.name, person.emails, person.role]);

describe('the generic mail reader', () => {
  it('reads [email], hovercard targets and ARIA labels holding an address as participants, mailto links as mentioned', () => {
    const people = readMailFallback(
      page(`
        <span class="x1" email="Grace@Cobol.dev" name="Grace Hopper">Grace</span>
        <span class="x2" data-hovercard-id="charles@differenceengine.co.uk">Charles Babbage</span>
        <span class="x3" data-hovercard-id="117123456789">An account id, no address</span>
        <span data-lpc-hover-target-id="lpc-mary@somerville-science.org">Mary Somerville&lt;mary@somerville-science.org&gt;</span>
        <button aria-label="From: Alan Turing <alan.turing@bletchley.uk>">AT</button>
        <div aria-label="To: Jean Sammet (jean@cobol.dev); bob@cobol.dev"></div>
        <a href="mailto:katherine@langley-aero.com">Katherine Johnson</a>
        <a href="mailto:grace@cobol.dev">grace@cobol.dev</a>
        <a href="mailto:%E0%A4%A">broken</a>`),
    );
    expect(summary(people)).toEqual([
      ['Grace Hopper', ['grace@cobol.dev'], 'to'],
      ['Charles Babbage', ['charles@differenceengine.co.uk'], 'to'],
      ['Mary Somerville', ['mary@somerville-science.org'], 'to'],
      ['Alan Turing', ['alan.turing@bletchley.uk'], 'to'],
      ['Jean Sammet', ['jean@cobol.dev'], 'to'],
      [undefined, ['bob@cobol.dev'], 'to'],
      ['Katherine Johnson', ['katherine@langley-aero.com'], 'mentioned'],
    ]);
    expect(people.every((person) => person.evidence?.every((item) => item.detector === FALLBACK_DETECTOR))).toBe(true);
  });

  it('leaves out the addresses it is told to (the signed-in user, who the site reader already has)', () => {
    const people = readMailFallback(page(`<span email="ada@lovelace.io" name="me"></span><span email="grace@cobol.dev"></span><a href="mailto:ada@lovelace.io">Ada</a>`), ['ada@lovelace.io']);
    expect(summary(people)).toEqual([[undefined, ['grace@cobol.dev'], 'to']]);
  });

  it('reads a bounded number of elements on a page flooded with them', () => {
    const flood = Array.from({ length: 3_000 }, (_, i) => `<span email="p${i}@cobol.dev"></span>`).join('');
    expect(readMailFallback(page(flood))).toHaveLength(500);
  });
});

describe('a mail adapter', () => {
  const site = { ...gmail, isPage: () => true };
  const body = `<div role="main"><span email="grace@cobol.dev" name="Grace Hopper"></span><span email="ada@lovelace.io" name="me"></span></div>`;

  it('keeps its own reading, untouched, when it has what a page of its kind must yield', () => {
    const reading = { contacts: [{ emails: ['grace@cobol.dev'], role: 'from' as const }] };
    expect(mailAdapter(site, () => ({ reading })).read(page(body), new URL('https://mail.google.com/mail/u/0/'))).toBe(reading);
  });

  it('adds the generic reader’s people and says so when its reading falls short', () => {
    const adapter = mailAdapter(site, () => ({ reading: { contacts: [], signedInUser: { emails: ['ada@lovelace.io'] } }, shortfall: { missing: 'the open thread’s subject' } }));
    const reading = adapter.read(page(body), new URL('https://mail.google.com/mail/u/0/'));
    expect(summary(reading.contacts)).toEqual([['Grace Hopper', ['grace@cobol.dev'], 'to']]);
    expect(reading.reader).toMatchObject({ site: 'gmail', fallback: true, missing: 'the open thread’s subject' });
    expect(reading.reader?.outline).toContain('div [role=main]');
  });

  it('keeps its reading when a shortfall worth saying only with people found finds nobody (an empty list)', () => {
    const reading = { contacts: [] };
    const adapter = mailAdapter(site, () => ({ reading, shortfall: { missing: 'the senders of the message list', ifFound: true } }));
    expect(adapter.read(page('<div role="main"><p>No new mail!</p></div>'), new URL('https://mail.google.com/mail/u/0/'))).toBe(reading);
  });
});

describe('Outlook against what its pages must yield', () => {
  const OPEN = 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS05';

  it('falls back when the open message gives no participant, and reads the ARIA labels', () => {
    const reading = outlookAdapter.read(
      page(`<div id="ItemReadingPaneContainer"><div role="heading"><span title="Parts">Parts</span></div><div aria-label="Email message"><button class="q1" aria-label="Sender: Charles Babbage <charles@differenceengine.co.uk>">CB</button></div></div>`),
      new URL(OPEN),
    );
    expect(summary(reading.contacts)).toEqual([['Charles Babbage', ['charles@differenceengine.co.uk'], 'to']]);
    expect(reading.reader).toMatchObject({ site: 'outlook', fallback: true, missing: 'the open message’s participants' });
  });

  it('expects nothing of the message list alone', () => {
    const reading = outlookAdapter.read(page(`<div role="listbox"><div role="option" data-convid="A1"><span title="news@royalsociety-events.org.uk">News</span></div></div>`), new URL('https://outlook.office.com/mail/inbox'));
    expect(reading.reader).toBeUndefined();
    expect(reading.contacts).toEqual([]);
  });
});
