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
}

const DEAL_STATUS: Record<Deal['status'], string> = { open: 'open', won: 'won', lost: 'lost' };

function interactionEntry(row: Interaction): HistoryEntry {
  const logged = row as LoggedInteraction;
  const parts: string[] = [];
  if (row.kind === 'email' && row.direction) parts.push(row.direction === 'in' ? 'Received' : 'Sent');
  if (row.subject) parts.push(row.subject);
  if (logged.durationMinutes !== undefined) parts.push(`${logged.durationMinutes} min`);
  if (logged.outcome) parts.push(logged.outcome);
  const entry: HistoryEntry = { key: `i:${row.id}`, kind: row.kind, at: row.at };
  if (parts.length > 0) entry.summary = parts.join(' · ');
  if (row.body) entry.body = row.body;
  if (row.authorId) entry.authorId = row.authorId;
  entry.interactionId = row.id;
  entry.visibility = row.visibility ?? 'team';
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
