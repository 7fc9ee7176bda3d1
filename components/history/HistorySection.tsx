import { useVirtualizer } from '@tanstack/react-virtual';
import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useMemo, useRef, useState } from 'react';
import { crmDatabase, dealsOf, interactionsOf } from '@/lib/db';
import { addressesIn, filterHistory, groupThreads, HISTORY_FILTER_LABEL, historyEntries, isThread, type HistoryKind } from './history-entries';
import { HistoryEntryView, HistoryThreadView } from './HistoryRowView';
import { useMembership } from '../sync/use-membership';
import './history.css';
import '../team/team.css';

/**
 * One timeline per contact: interactions, stage changes, completed tasks and deals, newest first,
 * filterable by kind. Only the rows in view are rendered (@tanstack/react-virtual), so thousands of
 * entries scroll smoothly; each row still says its position ("3 of 5,000") to screen readers.
 */
export function HistorySection({ contactId }: { contactId: string }) {
  const entries = useHeldLiveQuery(async () => {
    const db = crmDatabase();
    const [interactions, deals] = await Promise.all([interactionsOf(db, contactId), dealsOf(db, contactId)]);
    return historyEntries(interactions, deals);
  }, [contactId]);
  // While syncing: who wrote each entry, and the author's private/team switch.
  const membership = useMembership();
  const now = Date.now();
  const [kind, setKind] = useState<HistoryKind | 'all'>('all');
  // Emails of one thread are one row, opened on demand (kept here: rows scrolled out unmount).
  const shown = useMemo(() => (entries ? groupThreads(filterHistory(entries, kind)) : []), [entries, kind]);
  const [openThreads, setOpenThreads] = useState<ReadonlySet<string>>(() => new Set());
  const toggleThread = (key: string) =>
    setOpenThreads((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  // The names of the contacts among senders and recipients; anyone else is shown by address.
  const names = useHeldLiveQuery(async () => {
    const emails = addressesIn(entries ?? []);
    if (emails.length === 0) return new Map<string, string>();
    const contacts = await crmDatabase().contacts.where('emails').anyOf(emails).toArray();
    const byEmail = new Map<string, string>();
    for (const contact of contacts) {
      if (contact.deletedAt || !contact.name) continue;
      for (const email of contact.emails) byEmail.set(email, contact.name);
    }
    return byEmail;
  }, [entries]);
  const nameOf = (email: string) => names?.get(email);
  const counts = useMemo(() => {
    const map = new Map<HistoryKind, number>();
    for (const entry of entries ?? []) map.set(entry.kind, (map.get(entry.kind) ?? 0) + 1);
    return map;
  }, [entries]);

  const scroller = useRef<HTMLDivElement>(null);
  // The virtualiser hands back functions React Compiler must not memoise; it is used as documented.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    // The real height of one-line parts (history.css: 20 px lines, 2 px gaps, 12 px padding, 1 px
    // border), so measuring rows barely moves the scrollbar.
    estimateSize: (index) => {
      const row = shown[index];
      if (!row) return 33;
      if (isThread(row)) return 55 + (openThreads.has(row.key) ? row.messages.length * 77 : 0);
      return 33 + (row.summary ? 22 : 0) + (row.body ? 22 : 0) + (row.people ? 22 : 0) + (membership && row.authorId ? 18 : 0);
    },
    overscan: 8,
    getItemKey: (index) => shown[index]?.key ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <section aria-labelledby="history-heading" className="profile-block history">
      <div className="history-header">
        <h3 id="history-heading">History</h3>
        <label className="history-filter">
          <span>Show</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as HistoryKind | 'all')}>
            <option value="all">Everything ({(entries?.length ?? 0).toLocaleString()})</option>
            {(Object.keys(HISTORY_FILTER_LABEL) as HistoryKind[]).map((k) => (
              <option key={k} value={k}>
                {HISTORY_FILTER_LABEL[k]} ({(counts.get(k) ?? 0).toLocaleString()})
              </option>
            ))}
          </select>
        </label>
      </div>
      {entries === undefined ? (
        <p className="muted" role="status">
          Loading history…
        </p>
      ) : shown.length === 0 ? (
        <p className="muted">
          {kind === 'all'
            ? 'Nothing yet. Log a note, call or meeting above; emails are logged when you open a thread with this contact.'
            : `No ${HISTORY_FILTER_LABEL[kind].toLowerCase()} yet. Choose “Everything” to see the whole history.`}
        </p>
      ) : (
        <div
          ref={scroller}
          className="history-scroll"
          tabIndex={0}
          role="group"
          aria-label="History entries, newest first"
          // A real height (not just a maximum): the virtualiser renders what fits in it.
          style={{ height: `min(60vh, 480px, ${virtualizer.getTotalSize() + 2}px)` }}
        >
          <ul aria-label="History" className="history-list" style={{ paddingTop: before, paddingBottom: after }}>
            {items.map((item) => {
              const row = shown[item.index]!;
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  aria-setsize={shown.length}
                  aria-posinset={item.index + 1}
                  className={`history-entry history-${row.kind}${isThread(row) ? ' history-thread' : ''}`}
                >
                  {isThread(row) ? (
                    <HistoryThreadView
                      thread={row}
                      open={openThreads.has(row.key)}
                      onToggle={() => toggleThread(row.key)}
                      membership={membership}
                      now={now}
                      nameOf={nameOf}
                    />
                  ) : (
                    <HistoryEntryView entry={row} membership={membership} now={now} nameOf={nameOf} />
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
