import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useRef, useState } from 'react';
import { BROWSE_CANDIDATES, crmDatabase, isActivitySort, searchContacts, tagsInUse, type ContactQuery, type ContactSort } from '@/lib/db';
import { LIFECYCLE_STAGES, VALUE_TIERS, type LifecycleStage, type ValueTier } from '@/lib/model';
import { BulkActions, type BulkReport } from './BulkActions';
import { ContactRows } from './ContactRows';
import { selectedShown, toggled, withRange } from './selection';
import { FailureAlert } from '../ui/FailureAlert';
import { useCanWrite, useMembership } from '../sync/use-membership';
import { OwnerFilterSelect } from '../team/OwnerFilterSelect';
import { SaveSegmentForm } from '../segments/SaveSegmentForm';
import { SavedSegments } from '../segments/SavedSegments';
import { ruleFromFilter, unsavedFilters } from '../segments/filter-rule';
import { memberName } from '@/lib/sync/client/membership';
import { segmentContacts } from '@/lib/db/queries/segments';

const SORT_LABEL: Record<ContactSort, string> = {
  name: 'By name',
  recent: 'Recently changed',
  'last-contacted': 'Last contacted',
  'open-deal-value': 'Open deal value',
  'won-value': 'Lifetime won value',
};

/**
 * Every contact, searchable as you type (prefix, any word of name, email, company or tag,
 * diacritics-insensitive, served by an index), filterable by stage, tier, tag and overdue
 * follow-ups, sortable by name or an activity fact, with multi-select and bulk actions. The
 * filter can be saved as a segment; applying a saved one lists its members instead.
 */
export function ContactList({ onOpen, onMerge }: { onOpen: (id: string) => void; onMerge: (keepId: string, otherId: string) => void }) {
  const [query, setQuery] = useState<ContactQuery>({ text: '', sort: 'name' });
  const [appliedId, setAppliedId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The applied segment is read with its members, so a rename or delete (here or synced) shows at once.
  const result = useHeldLiveQuery(async () => {
    const db = crmDatabase();
    const segment = appliedId ? await db.segments.get(appliedId) : undefined;
    if (segment) return { ...(await segmentContacts(db, segment.rule, query.sort)), segment };
    return { ...(await searchContacts(db, query)), segment: undefined };
  }, [query, appliedId]);
  const segment = result?.segment;
  const tags = useHeldLiveQuery(() => tagsInUse(crmDatabase()), []);
  const searchBox = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchBox);
  // While syncing: Mine / a member / Unassigned (a book of one has no owners to filter by).
  const membership = useMembership();
  const ownerName = (id: string) => memberName(membership ?? undefined, id) ?? id;
  const filtered = !!(query.text || query.stage || query.tier || query.tag || query.owner || query.followUpOverdue);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Bulk tag, merge and delete write: a viewer selects nothing to act on.
  const writable = useCanWrite();
  const shownIds = result?.contacts.map((contact) => contact.id) ?? [];
  // A segment's members are all in view even past the rows shown: a bulk action may reach them all.
  const memberIds = result?.segment ? result.ids : null;
  const chosen = selectedShown(selected, memberIds ?? shownIds);
  const wholeSegment = !!memberIds && memberIds.length > shownIds.length && chosen.length === memberIds.length;
  const chosenShown = memberIds ? selectedShown(selected, shownIds).length : chosen.length;
  const allChosen = shownIds.length > 0 && chosenShown === shownIds.length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosenShown > 0 && !allChosen;
  });

  const selection = {
    selected,
    toggle(index: number, extend: boolean) {
      const id = shownIds[index];
      if (id === undefined) return;
      if (extend && anchor !== null) setSelected(withRange(selected, shownIds, anchor, index, !selected.has(id)));
      else setSelected(toggled(selected, id));
      setAnchor(index);
    },
    extendTo(index: number) {
      setSelected(withRange(selected, shownIds, anchor ?? Math.max(0, index - 1), index, true));
      if (anchor === null) setAnchor(Math.max(0, index - 1));
    },
  };
  const clear = () => {
    setSelected(new Set());
    setAnchor(null);
  };
  const undo = async () => {
    if (!report?.undo) return;
    try {
      setReport({ text: await report.undo.run() });
    } catch (error) {
      setFailure(`Could not undo: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <section aria-labelledby="all-contacts-heading" className="panel-section">
      <h2 id="all-contacts-heading">All contacts</h2>
      <div className="list-controls" role="search">
        {segment ? (
          <p className="segment-bar" role="status">
            <span>
              Segment “{segment.name}”: {result.total.toLocaleString()} {result.total === 1 ? 'contact' : 'contacts'}
            </span>
            <button type="button" className="link-button" onClick={() => setAppliedId(null)}>
              Show all contacts
            </button>
          </p>
        ) : null}
        <div className="filter-controls" hidden={!!segment}>
          <input
            ref={searchBox}
            type="search"
            aria-label="Search contacts"
            placeholder="Search name, email, company, tag  ( / )"
            value={query.text}
            onChange={(event) => setQuery({ ...query, text: event.target.value })}
          />
          <select
            aria-label="Filter by stage"
            value={query.stage ?? ''}
            onChange={(event) => setQuery({ ...query, stage: (event.target.value || undefined) as LifecycleStage | undefined })}
          >
            <option value="">Any stage</option>
            {LIFECYCLE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {stage.replace('-', ' ')}
              </option>
            ))}
          </select>
          <select
            aria-label="Filter by tier"
            value={query.tier ?? ''}
            onChange={(event) => setQuery({ ...query, tier: (event.target.value || undefined) as ValueTier | undefined })}
          >
            <option value="">Any tier</option>
            {VALUE_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tier.replace('-', ' ')}
              </option>
            ))}
          </select>
          <select aria-label="Filter by tag" value={query.tag ?? ''} onChange={(event) => setQuery({ ...query, tag: event.target.value || undefined })}>
            <option value="">Any tag</option>
            {(tags ?? []).map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
          {membership ? <OwnerFilterSelect membership={membership} value={query.owner} onChange={(owner) => setQuery({ ...query, owner })} /> : null}
          <label className="toggle">
            <input
              type="checkbox"
              checked={!!query.followUpOverdue}
              onChange={(event) => setQuery({ ...query, followUpOverdue: event.target.checked || undefined })}
            />
            Follow-up overdue
          </label>
        </div>
        <select aria-label="Sort contacts" value={query.sort} onChange={(event) => setQuery({ ...query, sort: event.target.value as ContactSort })}>
          {Object.entries(SORT_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {writable && !saving && !segment ? (
          <button type="button" className="save-segment" onClick={() => setSaving(true)}>
            Save as segment…
          </button>
        ) : null}
      </div>
      {saving && !segment ? (
        <SaveSegmentForm
          initialRule={ruleFromFilter(query)}
          leftOut={unsavedFilters(query)}
          ownerName={ownerName}
          onCancel={() => setSaving(false)}
          onSaved={(saved) => {
            setSaving(false);
            setAppliedId(saved.id);
            setReport({ text: `Saved segment “${saved.name}”.` });
          }}
        />
      ) : null}
      <SavedSegments applied={segment?.id ?? null} onApply={(chosen) => setAppliedId(chosen?.id ?? null)} ownerName={ownerName} writable={writable} />
      {result === undefined ? (
        <p className="muted" role="status">
          Loading contacts…
        </p>
      ) : result.contacts.length === 0 ? (
        <p className="muted">
          {segment
            ? 'No contact is in this segment now.'
            : filtered
              ? 'No contact matches. Try fewer or shorter words, or clear a filter.'
              : 'No contacts yet. Open a page with people on it and press Add.'}
        </p>
      ) : (
        <>
          <div className="list-head">
            <label className="toggle">
              <input
                ref={selectAll}
                type="checkbox"
                checked={allChosen}
                onChange={() => {
                  setSelected(allChosen ? new Set() : new Set([...selected, ...shownIds]));
                  setAnchor(null);
                }}
              />
              {`Select all shown (${shownIds.length})`}
            </label>
            {memberIds && memberIds.length > shownIds.length ? (
              <button
                type="button"
                className="link-button"
                aria-pressed={wholeSegment}
                onClick={() => {
                  setSelected(wholeSegment ? new Set() : new Set(memberIds));
                  setAnchor(null);
                }}
              >
                {wholeSegment ? 'Clear the selection' : `Select all ${memberIds.length.toLocaleString()} in segment`}
              </button>
            ) : null}
          </div>
          <ContactRows contacts={result.contacts} sort={query.sort} activity={result.activity} selection={selection} onOpen={onOpen} />
          {/* Below the rows, so the rows do not move when the bar appears under the pointer. */}
          {chosen.length > 0 && writable ? (
            <BulkActions
              ids={chosen}
              onClear={clear}
              onMerge={onMerge}
              onReport={(next) => {
                setFailure(null);
                setReport(next);
              }}
              onFailure={setFailure}
            />
          ) : null}
          {result.truncated ? (
            <p className="muted" role="status">
              {segment
                ? `Showing the first ${result.contacts.length.toLocaleString()} of ${result.total.toLocaleString()} contacts in this segment.`
                : filtered || isActivitySort(query.sort)
                ? 'Showing the first matches only: type more to narrow the list.'
                : `Showing the ${BROWSE_CANDIDATES} most recently changed contacts: search or filter to find the others.`}
            </p>
          ) : null}
        </>
      )}
      <div className="list-status" role="status">
        {report ? (
          <>
            <span>{report.text}</span>
            {report.undo ? (
              <button type="button" className="link-button" aria-label={report.undo.label} onClick={() => void undo()}>
                Undo
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      <FailureAlert text={failure} />
    </section>
  );
}

/** "/" anywhere outside a text field focuses the search box, as in most web apps. */
function useSlashToSearch(searchBox: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key !== '/' || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [searchBox]);
}
