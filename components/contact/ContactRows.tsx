import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { daysSinceLastContact, type ActivityFacts, type ContactSort } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { formatMinorUnits } from '../deal/amount';
import { clampRovingIndex, nextRovingIndex } from '../ui/row-focus';
import { displayName } from '@/lib/model/display-name';

const ROW_HEIGHT = 44;

/** The second line of a row: the activity fact the list is sorted by, else the company or address. */
function rowDetail(contact: Contact, sort: ContactSort | undefined, facts: ActivityFacts | undefined): string | undefined {
  if (sort === 'last-contacted') {
    const days = daysSinceLastContact(facts);
    return days === null ? 'Never contacted' : days === 0 ? 'Contacted today' : `Contacted ${days} d ago`;
  }
  if (sort === 'won-value') return facts?.wonValue ? `Won ${formatMinorUnits(facts.wonValue, facts.currency ?? 'EUR')}` : 'Nothing won yet';
  if (sort === 'open-deal-value') return facts?.openDealValue ? `Open ${formatMinorUnits(facts.openDealValue, facts.currency ?? 'EUR')}` : 'No open deals';
  return contact.name ? (contact.company ?? contact.emails[0]) : contact.company;
}

export interface RowSelection {
  selected: ReadonlySet<string>;
  /** A row's checkbox or Space; `extend` (Shift) selects the range from the last row toggled. */
  toggle: (index: number, extend: boolean) => void;
  /** Shift+Arrow: the row moved to joins the selection, with every row since the anchor. */
  extendTo: (index: number) => void;
}

/**
 * The virtualised rows of All contacts: only the rows in view are in the DOM, whatever the
 * number of contacts. A true roving tabindex: exactly one row (its checkbox and button) is in the
 * Tab order; arrows, Page Up/Down, Home and End move focus through every contact, not only the
 * rendered ones (the next row is scrolled into view, then focused once rendered); the roving row
 * is always rendered, even scrolled out of view, so Tab can always reach the list. Space toggles
 * the focused row's selection, Shift+Space or Shift+click selects a range, Shift+Arrow extends
 * it; Enter opens.
 */
export function ContactRows(props: {
  contacts: Contact[];
  sort: ContactSort | undefined;
  activity: Map<string, ActivityFacts> | undefined;
  selection: RowSelection;
  onOpen: (id: string) => void;
}) {
  const { contacts, sort, activity, selection, onOpen } = props;
  const [storedActive, setActive] = useState(0);
  const active = clampRovingIndex(storedActive, contacts.length);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const keepActiveRendered = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range);
      return rows.includes(active) ? rows : [...rows, active].sort((a, b) => a - b);
    },
    [active],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: contacts.length,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor: keepActiveRendered,
  });

  const focusRow = (list: HTMLElement, index: number) => {
    setActive(index);
    virtualizer.scrollToIndex(index);
    const attempt = (tries: number) => {
      const button = list.querySelector<HTMLElement>(`li[data-index="${index}"] .row-button`);
      if (button) button.focus();
      else if (tries < 10) requestAnimationFrame(() => attempt(tries + 1));
    };
    attempt(0);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const onCheckbox = (event.target as HTMLElement).matches('input[type="checkbox"]');
    if (event.key === ' ' && !onCheckbox && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      selection.toggle(index, event.shiftKey);
      return;
    }
    const next = nextRovingIndex(event, index, contacts.length);
    if (next === null) return;
    event.preventDefault();
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp') && next !== index) selection.extendTo(next);
    focusRow(event.currentTarget, next);
  };

  return (
    <div ref={setScroller} className="virtual-scroller" style={{ maxHeight: Math.min(contacts.length * ROW_HEIGHT, 480) + 2 }}>
      <ul
        aria-label="All contacts"
        className="contact-list virtual-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
          if (row) setActive(Number(row.dataset.index));
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const contact = contacts[item.index]!;
          const name = displayName(contact);
          const detail = rowDetail(contact, sort, activity?.get(contact.id));
          const checked = selection.selected.has(contact.id);
          const tabIndex = item.index === active ? 0 : -1;
          return (
            <li
              key={contact.id}
              data-index={item.index}
              className={checked ? 'contact-row selected' : 'contact-row'}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <label className="row-check">
                <input
                  type="checkbox"
                  aria-label={`Select ${name}`}
                  checked={checked}
                  tabIndex={tabIndex}
                  onChange={(event) => selection.toggle(item.index, (event.nativeEvent as MouseEvent).shiftKey === true)}
                />
              </label>
              <button type="button" className="row-button" tabIndex={tabIndex} onClick={() => onOpen(contact.id)}>
                <span className="row-title">{name}</span>
                {detail ? <span className="row-detail">{detail}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
