/**
 * A contact's timeline: interactions (stage changes and completed tasks among them) and deals,
 * newest first, as plain-text entries. Pure.
 */
import type { LoggedInteraction } from '@/lib/db/interactions';
import type { Deal, Interaction } from '@/lib/model';
import { formatMinorUnits } from '../deal/amount';

export type HistoryKind = Interaction['kind'] | 'deal';

export const HISTORY_KIND_LABEL: Record<HistoryKind, string> = {
  email: 'Email',
  call: 'Call',
  meeting: 'Meeting',
  note: 'Note',
  visit: 'Visit',
  'stage-change': 'Stage change',
  'task-done': 'Task done',
  'profile-change': 'Profile change',
  deal: 'Deal',
};

/** Plural labels for the filter. */
export const HISTORY_FILTER_LABEL: Record<HistoryKind, string> = {
  email: 'Emails',
  call: 'Calls',
  meeting: 'Meetings',
  note: 'Notes',
  visit: 'Visits',
  'stage-change': 'Stage changes',
  'task-done': 'Tasks done',
  'profile-change': 'Profile changes',
  deal: 'Deals',
};

export interface HistoryEntry {
  key: string;
  kind: HistoryKind;
  at: number;
  /** One line: the subject, the outcome, the deal's title and amount… */
  summary?: string;
  body?: string;
  /** The member who wrote it (stamped by the server), for "Dana logged a call". */
  authorId?: string;
  /** Interactions only: their id and who sees them (absent: team), for the author's toggle. */
  interactionId?: string;
  visibility?: Interaction['visibility'];
  /** Captured emails that recorded them: sender and recipients, for "Jun Chen → you, Maria Lopez". */
  people?: EmailPeople;
  /** Captured emails: the webmail thread, which groups them (see groupThreads), and its subject. */
  threadId?: string;
  subject?: string;
}

export interface EmailPeople {
  from?: string;
  to: readonly string[];
  /** The signed-in address the message was read under: "you". */
  account?: string;
}

/** Several emails of one webmail thread, shown as one expandable row (newest message first). */
export interface HistoryThread {
  key: string;
  kind: 'email';
  thread: true;
  /** The newest message's time: where the thread sits in the timeline. */
  at: number;
  subject: string;
  messages: readonly HistoryEntry[];
}

export type HistoryRow = HistoryEntry | HistoryThread;

export function isThread(row: HistoryRow): row is HistoryThread {
  return 'thread' in row;
}

const DEAL_STATUS: Record<Deal['status'], string> = { open: 'open', won: 'won', lost: 'lost' };

function interactionEntry(row: Interaction): HistoryEntry {
  const logged = row as LoggedInteraction;
  const parts: string[] = [];
  const people = row.kind === 'email' && (row.from || row.to) ? { to: row.to ?? [], ...(row.from ? { from: row.from } : {}), ...(row.account ? { account: row.account } : {}) } : undefined;
  // "Received" says nothing about who wrote to whom: only rows captured before sender and
  // recipients were recorded still need it.
  if (row.kind === 'email' && row.direction && !people) parts.push(row.direction === 'in' ? 'Received' : 'Sent');
  if (row.subject) parts.push(row.subject);
  if (logged.durationMinutes !== undefined) parts.push(`${logged.durationMinutes} min`);
  if (logged.outcome) parts.push(logged.outcome);
  const entry: HistoryEntry = { key: `i:${row.id}`, kind: row.kind, at: row.at };
  if (parts.length > 0) entry.summary = parts.join(' · ');
  if (row.body) entry.body = row.body;
  if (row.authorId) entry.authorId = row.authorId;
  entry.interactionId = row.id;
  entry.visibility = row.visibility ?? 'team';
  if (people) entry.people = people;
  if (row.kind === 'email' && row.threadId) entry.threadId = row.threadId;
  if (row.kind === 'email' && row.subject) entry.subject = row.subject;
  return entry;
}

function dealEntry(deal: Deal): HistoryEntry {
  return {
    key: `d:${deal.id}`,
    kind: 'deal',
    at: deal.at,
    summary: `${deal.title || 'Untitled deal'} · ${formatMinorUnits(deal.amount, deal.currency)} · ${DEAL_STATUS[deal.status]}`,
    ...(deal.authorId ? { authorId: deal.authorId } : {}),
  };
}

/** Both lists merged, newest first (ties: the later-created first). */
export function historyEntries(interactions: readonly Interaction[], deals: readonly Deal[]): HistoryEntry[] {
  const entries = [...interactions.map(interactionEntry), ...deals.map(dealEntry)];
  return entries.sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
}

export function filterHistory(entries: readonly HistoryEntry[], kind: HistoryKind | 'all'): readonly HistoryEntry[] {
  return kind === 'all' ? entries : entries.filter((entry) => entry.kind === kind);
}

/**
 * Emails of one thread folded into one row at the place of its newest message; a thread of one
 * message stays a plain entry. `entries` come newest first (historyEntries), and so do the rows
 * and each thread's messages.
 */
export function groupThreads(entries: readonly HistoryEntry[]): HistoryRow[] {
  const byThread = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    if (!entry.threadId) continue;
    const messages = byThread.get(entry.threadId) ?? [];
    messages.push(entry);
    byThread.set(entry.threadId, messages);
  }
  const rows: HistoryRow[] = [];
  const placed = new Set<string>();
  for (const entry of entries) {
    const messages = entry.threadId ? byThread.get(entry.threadId)! : undefined;
    if (!messages || messages.length < 2) {
      rows.push(entry);
      continue;
    }
    if (placed.has(entry.threadId!)) continue;
    placed.add(entry.threadId!);
    // The subject as the newest message carries it ("Re: …" replies keep the thread's subject).
    const subject = messages.map((message) => message.subject).find((text) => !!text) ?? '';
    rows.push({ key: `t:${entry.threadId}`, kind: 'email', thread: true, at: entry.at, subject, messages });
  }
  return rows;
}

/**
 * Sender → recipients in words: "Jun Chen → you, Maria Lopez". `nameOf` gives a contact's name
 * for an address (else the address is shown); the address the email was read under is "you",
 * listed first among the recipients. In a team, a teammate's captured email names that teammate
 * instead (`accountWord`): "you" would be the reader, who did not take part.
 */
export function peopleLine(people: EmailPeople, nameOf: (email: string) => string | undefined, accountWord = 'you'): string {
  const word = (email: string) => (email === people.account ? accountWord : (nameOf(email) ?? email));
  const recipients = [...people.to].sort((a, b) => Number(b === people.account) - Number(a === people.account)).map(word);
  const sender = people.from ? word(people.from) : 'Someone';
  return recipients.length > 0 ? `${sender} → ${recipients.join(', ')}` : `From ${sender}`;
}

/** Every address the entries' senders and recipients name, for looking up their names once. */
export function addressesIn(entries: readonly HistoryEntry[]): string[] {
  const emails = new Set<string>();
  for (const entry of entries) {
    if (!entry.people) continue;
    if (entry.people.from) emails.add(entry.people.from);
    for (const email of entry.people.to) emails.add(email);
  }
  return [...emails];
}
