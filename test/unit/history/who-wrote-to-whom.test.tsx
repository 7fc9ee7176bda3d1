// @vitest-environment happy-dom
/**
 * History says who wrote to whom (issue 23, item 4): a message Jun Chen sent to the user and
 * Maria Lopez reads "Jun Chen → you, Maria Lopez" in Maria's History, not "Received", which
 * looked the same as Maria's own message; and the thread's messages are one expandable row.
 * On a real (fake-indexeddb) database, captured through logEmailThread as the webmail readers do.
 */
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistorySection } from '@/components/history/HistorySection';
import { groupThreads, historyEntries, isThread, peopleLine } from '@/components/history/history-entries';
import { crmDatabase, logEmailThread, saveDetectedContact } from '@/lib/db';
import { DetectedContact, EmailThreadContext, type Interaction } from '@/lib/model';
import { saveMembership } from '@/lib/sync/client/membership';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(check(), host.textContent ?? '').toBe(true);
}

const day = (n: number) => Date.UTC(2026, 10, n, 9);

/** One Gmail thread read under me@acme.io: Jun writes to me and Maria, Maria answers, I answer. */
const renewal = EmailThreadContext.parse({
  kind: 'email-thread',
  site: 'gmail',
  threadId: 'FMfcgzQ3',
  subject: 'Re: Q3 renewal',
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQ3',
  account: 'me@acme.io',
  messages: [
    { id: 'm1', from: 'jun.chen@buyer.example', to: ['me@acme.io'], cc: ['maria.lopez@buyer.example'], date: day(1) },
    { id: 'm2', from: 'maria.lopez@buyer.example', to: ['me@acme.io', 'jun.chen@buyer.example'], date: day(2) },
    { id: 'm3', from: 'me@acme.io', to: ['maria.lopez@buyer.example', 'jun.chen@buyer.example'], date: day(3) },
  ],
});

async function person(name: string, email: string) {
  return (await saveDetectedContact(crmDatabase(), DetectedContact.parse({ name, emails: [email] }), { kind: 'page' })).contact;
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(async () => {
  const db = crmDatabase();
  await db.meta.clear(); // the membership first: a viewer's browser may not clear synced tables
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('sender → recipients in words', () => {
  const names = new Map([
    ['jun.chen@buyer.example', 'Jun Chen'],
    ['maria.lopez@buyer.example', 'Maria Lopez'],
  ]);
  const nameOf = (email: string) => names.get(email);

  it('names contacts, calls the signed-in address "you" (first among recipients), and shows anyone else by address', () => {
    expect(peopleLine({ from: 'jun.chen@buyer.example', to: ['maria.lopez@buyer.example', 'me@acme.io'], account: 'me@acme.io' }, nameOf)).toBe(
      'Jun Chen → you, Maria Lopez',
    );
    expect(peopleLine({ from: 'me@acme.io', to: ['stranger@else.example'], account: 'me@acme.io' }, nameOf)).toBe('you → stranger@else.example');
    expect(peopleLine({ from: 'maria.lopez@buyer.example', to: [] }, nameOf)).toBe('From Maria Lopez');
    // A teammate's captured email: "you" would be the reader, so the teammate is named.
    expect(peopleLine({ from: 'jun.chen@buyer.example', to: ['ravi@acme.io'], account: 'ravi@acme.io' }, nameOf, 'Ravi')).toBe('Jun Chen → Ravi');
  });

  it('keeps "Received"/"Sent" only for emails captured before sender and recipients were recorded', () => {
    const rows: Interaction[] = [
      { id: 'old', contactId: 'c', kind: 'email', at: 1, direction: 'in', subject: 'Hello' },
      { id: 'new', contactId: 'c', kind: 'email', at: 2, direction: 'in', subject: 'Hello', from: 'jun.chen@buyer.example', to: ['me@acme.io'], account: 'me@acme.io' },
    ];
    const [fresh, old] = historyEntries(rows, []);
    expect(old!.summary).toBe('Received · Hello');
    expect(fresh!.summary).toBe('Hello');
    expect(fresh!.people).toEqual({ from: 'jun.chen@buyer.example', to: ['me@acme.io'], account: 'me@acme.io' });
  });

  it('folds a thread of two or more emails into one row where its newest message sits; a lone email stays an entry', () => {
    const rows: Interaction[] = [
      { id: 'a', contactId: 'c', kind: 'email', at: 10, threadId: 't1', subject: 'Q3' },
      { id: 'b', contactId: 'c', kind: 'note', at: 20, body: 'Called' },
      { id: 'c', contactId: 'c', kind: 'email', at: 30, threadId: 't1', subject: 'Re: Q3' },
      { id: 'd', contactId: 'c', kind: 'email', at: 25, threadId: 't2', subject: 'Alone' },
    ];
    const grouped = groupThreads(historyEntries(rows, []));
    expect(grouped.map((row) => (isThread(row) ? `thread ${row.subject}: ${row.messages.map((m) => m.key).join(',')}` : row.key))).toEqual([
      'thread Re: Q3: i:c,i:a',
      'i:d',
      'i:b',
    ]);
  });
});

describe('HistorySection, emails of a thread', () => {
  // happy-dom lays nothing out: give elements a size, so the virtualiser renders rows.
  const sized = ['clientWidth', 'clientHeight'] as const;
  beforeEach(() => {
    for (const name of sized) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => (name === 'clientWidth' ? 320 : 480) });
  });
  afterEach(() => {
    for (const name of sized) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  });

  it('shows Maria’s thread as one row that opens, with each message’s sender → recipients', async () => {
    const maria = await person('Maria Lopez', 'maria.lopez@buyer.example');
    await person('Jun Chen', 'jun.chen@buyer.example');
    expect(await logEmailThread(crmDatabase(), renewal, day(4))).toBe(6);

    await render(<HistorySection contactId={maria.id} />);
    await until(() => host.querySelector('.history-thread') !== null && host.textContent!.includes('Latest: you → Maria Lopez, Jun Chen'));
    const list = host.querySelector('ul[aria-label="History"]')!;
    expect(list.querySelectorAll(':scope > li')).toHaveLength(1);

    // A real button: Enter and Space open it, and it says whether it is open and what it opens.
    const toggle = host.querySelector<HTMLButtonElement>('.history-thread button')!;
    expect(toggle.type).toBe('button');
    expect(toggle.textContent).toBe('▸ Email thread Re: Q3 renewal (3 messages)');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const messages = host.querySelector<HTMLUListElement>(`#${CSS.escape(toggle.getAttribute('aria-controls')!)}`)!;
    expect(messages.hidden).toBe(true);

    await act(async () => toggle.click());
    await until(() => toggle.getAttribute('aria-expanded') === 'true');
    expect(messages.hidden).toBe(false);
    expect(messages.getAttribute('aria-label')).toBe('Messages in “Re: Q3 renewal”, newest first');
    expect([...messages.querySelectorAll('.history-people')].map((line) => line.textContent)).toEqual([
      'you → Maria Lopez, Jun Chen',
      'Maria Lopez → you, Jun Chen',
      'Jun Chen → you, Maria Lopez',
    ]);
    expect(messages.textContent).not.toContain('Received');

    await act(async () => toggle.click());
    await until(() => toggle.getAttribute('aria-expanded') === 'false');
    expect(messages.hidden).toBe(true);
  });

  it('names the teammate who captured an email where "you" would name the reader', async () => {
    await saveMembership(
      {
        user: 'usr_me',
        workspace: 'ws',
        workspaceName: 'Acme',
        role: 'editor',
        members: [
          { user: 'usr_me', email: 'me@acme.io', name: 'Me', role: 'editor', lastSeenAt: null },
          { user: 'usr_ravi', email: 'ravi@acme.io', name: 'Ravi', role: 'owner', lastSeenAt: null },
        ],
      },
      crmDatabase(),
    );
    const maria = await person('Maria Lopez', 'maria.lopez@buyer.example');
    await crmDatabase().interactions.put({
      id: 'ravis-email',
      contactId: maria.id,
      kind: 'email',
      at: day(2),
      direction: 'in',
      subject: 'Hello',
      from: 'maria.lopez@buyer.example',
      to: ['ravi@acme.io'],
      account: 'ravi@acme.io',
      authorId: 'usr_ravi',
    });
    await render(<HistorySection contactId={maria.id} />);
    await until(() => host.querySelector('.history-people')?.textContent === 'Maria Lopez → Ravi');
  });
});
