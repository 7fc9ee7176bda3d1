import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { crmDatabase, searchContacts, type ContactQuery } from '@/lib/db';
import { LIFECYCLE_STAGES, VALUE_TIERS, type Contact, type LifecycleStage, type ValueTier } from '@/lib/model';
import { displayName } from './display-name';

const ROW_HEIGHT = 44;

/**
 * Every contact, searchable as you type (prefix, any word of name, email, company or tag,
 * diacritics-insensitive, served by an index) and filterable by stage and tier. The list is
 * virtualised: only the rows in view are in the DOM, whatever the number of contacts.
 */
export function ContactList({ onOpen }: { onOpen: (id: string) => void }) {
  const [query, setQuery] = useState<ContactQuery>({ text: '', sort: 'name' });
  const result = useLiveQuery(() => searchContacts(crmDatabase(), query), [query]);
  const searchBox = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchBox);
  const filtered = !!(query.text || query.stage || query.tier);

  return (
    <section aria-labelledby="all-contacts-heading" className="panel-section">
      <h2 id="all-contacts-heading">All contacts</h2>
      <div className="list-controls" role="search">
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
        <select
          aria-label="Sort contacts"
          value={query.sort}
          onChange={(event) => setQuery({ ...query, sort: event.target.value as 'name' | 'recent' })}
        >
          <option value="name">By name</option>
          <option value="recent">Recently changed</option>
        </select>
      </div>
      {result === undefined ? (
        <p className="muted" role="status">
          Loading contacts…
        </p>
      ) : result.contacts.length === 0 ? (
        <p className="muted">
          {filtered ? 'No contact matches. Try fewer or shorter words.' : 'No contacts yet. Open a page with people on it and press Add.'}
        </p>
      ) : (
        <>
          <VirtualContactRows contacts={result.contacts} onOpen={onOpen} />
          {result.truncated ? (
            <p className="muted" role="status">
              Showing the first matches only: type more to narrow the list.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function VirtualContactRows({
  contacts,
  onOpen,
}: {
  contacts: Contact[];
  onOpen: (id: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: contacts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // Arrow keys move through every contact, not only the rendered rows: scroll the next one into
  // view, then focus it once the virtualizer has rendered it.
  const onKeyDown = (event: ReactKeyboardEvent<HTMLUListElement>) => {
    if ((event.key !== 'ArrowDown' && event.key !== 'ArrowUp') || event.altKey || event.ctrlKey || event.metaKey) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (!row) return;
    event.preventDefault();
    const next = Number(row.dataset.index) + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= contacts.length) return;
    virtualizer.scrollToIndex(next);
    const list = event.currentTarget;
    const focusNext = (attempt: number) => {
      const button = list.querySelector<HTMLElement>(`li[data-index="${next}"] button`);
      if (button) button.focus();
      else if (attempt < 10) requestAnimationFrame(() => focusNext(attempt + 1));
    };
    focusNext(0);
  };

  return (
    <div ref={scroller} className="virtual-scroller" style={{ maxHeight: Math.min(contacts.length * ROW_HEIGHT, 480) + 2 }}>
      <ul
        aria-label="All contacts"
        className="contact-list virtual-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const contact = contacts[row.index]!;
          const detail = contact.name ? (contact.company ?? contact.emails[0]) : contact.company;
          return (
            <li key={contact.id} data-index={row.index} style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
              <button type="button" className="row-button" onClick={() => onOpen(contact.id)}>
                <span className="row-title">{displayName(contact)}</span>
                {detail ? <span className="row-detail">{detail}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
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
