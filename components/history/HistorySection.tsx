import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { crmDatabase, dealsOf, interactionsOf } from '@/lib/db';
import { filterHistory, HISTORY_FILTER_LABEL, HISTORY_KIND_LABEL, historyEntries, type HistoryKind } from './history-entries';
import { attributionLine } from '../team/attribution';
import { useMembership } from '../sync/use-membership';
import { VisibilityToggle } from '../team/VisibilityToggle';
import './history.css';
import '../team/team.css';

function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/**
 * One timeline per contact: interactions, stage changes, completed tasks and deals, newest first,
 * filterable by kind. Only the rows in view are rendered (@tanstack/react-virtual), so thousands of
 * entries scroll smoothly; each row still says its position ("3 of 5,000") to screen readers.
 */
export function HistorySection({ contactId }: { contactId: string }) {
  const entries = useLiveQuery(async () => {
    const db = crmDatabase();
    const [interactions, deals] = await Promise.all([interactionsOf(db, contactId), dealsOf(db, contactId)]);
    return historyEntries(interactions, deals);
  }, [contactId]);
  // While syncing: who wrote each entry, and the author's private/team switch.
  const membership = useMembership();
  const now = Date.now();
  const [kind, setKind] = useState<HistoryKind | 'all'>('all');
  const shown = useMemo(() => (entries ? filterHistory(entries, kind) : []), [entries, kind]);
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
    estimateSize: (index) => 33 + (shown[index]?.summary ? 22 : 0) + (shown[index]?.body ? 22 : 0) + (membership && shown[index]?.authorId ? 18 : 0),
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
              const entry = shown[item.index]!;
              const attribution = attributionLine(membership, entry.authorId, entry.kind, entry.at, now);
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  aria-setsize={shown.length}
                  aria-posinset={item.index + 1}
                  className={`history-entry history-${entry.kind}`}
                >
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
                  {entry.summary ? <p className="history-summary">{entry.summary}</p> : null}
                  {entry.body ? <p className="history-body">{entry.body}</p> : null}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
