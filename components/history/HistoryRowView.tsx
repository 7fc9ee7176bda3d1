import { useId } from 'react';
import { memberName, type Membership } from '@/lib/sync/client/membership';
import { HISTORY_KIND_LABEL, peopleLine, type HistoryEntry, type HistoryThread } from './history-entries';
import { attributionLine } from '../team/attribution';
import { VisibilityToggle } from '../team/VisibilityToggle';

function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

interface RowContext {
  /** While syncing: who wrote each entry, and the author's private/team switch. */
  membership: Membership | null | undefined;
  now: number;
  /** A contact's name for an address, for "Jun Chen → you, Maria Lopez". */
  nameOf: (email: string) => string | undefined;
}

/** Who "you" is in an email's people line: the reader, unless a teammate captured it. */
function accountWord(membership: Membership | null | undefined, authorId: string | undefined): string {
  return membership && authorId && authorId !== membership.user ? (memberName(membership, authorId) ?? 'you') : 'you';
}

/** One History entry: its kind and time, who wrote to whom (emails), its summary and body. */
export function HistoryEntryView({ entry, membership, now, nameOf }: RowContext & { entry: HistoryEntry }) {
  const attribution = attributionLine(membership, entry.authorId, entry.kind, entry.at, now);
  return (
    <>
      <div className="history-line">
        <span className="history-kind">{HISTORY_KIND_LABEL[entry.kind]}</span>
        <time dateTime={new Date(entry.at).toISOString()} className="muted">
          {formatWhen(entry.at)}
        </time>
        {membership && entry.interactionId ? (
          <VisibilityToggle membership={membership} interactionId={entry.interactionId} authorId={entry.authorId} visibility={entry.visibility ?? 'team'} />
        ) : null}
      </div>
      {attribution ? <p className="history-author muted">{attribution}</p> : null}
      {entry.people ? <p className="history-people">{peopleLine(entry.people, nameOf, accountWord(membership, entry.authorId))}</p> : null}
      {entry.summary ? <p className="history-summary">{entry.summary}</p> : null}
      {entry.body ? <p className="history-body">{entry.body}</p> : null}
    </>
  );
}

/**
 * The emails of one thread as one row: a button (a real one, so Enter and Space open it) that
 * names the subject and the count, and, when open, each message as an entry of its own.
 */
export function HistoryThreadView({
  thread,
  open,
  onToggle,
  ...context
}: RowContext & { thread: HistoryThread; open: boolean; onToggle: () => void }) {
  const listId = useId();
  const newest = thread.messages[0]!;
  const subject = thread.subject || '(no subject)';
  return (
    <>
      <div className="history-line">
        <button type="button" className="history-thread-toggle" aria-expanded={open} aria-controls={listId} onClick={onToggle}>
          <span aria-hidden="true" className="history-thread-marker">
            {open ? '▾' : '▸'}
          </span>{' '}
          <span className="history-kind">Email thread</span> {subject}{' '}
          <span className="muted">({thread.messages.length.toLocaleString()} messages)</span>
        </button>
        <time dateTime={new Date(thread.at).toISOString()} className="muted">
          {formatWhen(thread.at)}
        </time>
      </div>
      {!open && newest.people ? (
        <p className="history-people">Latest: {peopleLine(newest.people, context.nameOf, accountWord(context.membership, newest.authorId))}</p>
      ) : null}
      <ul id={listId} hidden={!open} className="history-thread-messages" aria-label={`Messages in “${subject}”, newest first`}>
        {open
          ? thread.messages.map((message) => (
              <li key={message.key} className="history-entry history-email">
                <HistoryEntryView entry={message} {...context} />
              </li>
            ))
          : null}
      </ul>
    </>
  );
}
