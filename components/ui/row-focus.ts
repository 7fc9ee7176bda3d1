import { useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * Arrow Up/Down on a list move focus to the previous or next row's main button (the element
 * marked `data-row-focus`), from anywhere inside a row. Returns whether it handled the key.
 */
export function moveRowFocus(event: KeyboardEvent<HTMLElement>): boolean {
  if ((event.key !== 'ArrowDown' && event.key !== 'ArrowUp') || event.altKey || event.ctrlKey || event.metaKey) return false;
  const list = event.currentTarget;
  const rows = [...list.querySelectorAll<HTMLElement>(':scope > li')];
  const current = rows.findIndex((row) => row.contains(event.target as Node));
  if (current < 0) return false;
  const next = rows[current + (event.key === 'ArrowDown' ? 1 : -1)]?.querySelector<HTMLElement>('[data-row-focus]');
  event.preventDefault();
  next?.focus();
  return true;
}

/** Rows a Page Up/Down moves by. */
const PAGE_ROWS = 10;

/**
 * Where a key moves the roving row index among `count` rows: arrows by one, Page Up/Down by a
 * page, Home/End to the ends. Null for any other key (or a modified one, which belongs to the
 * browser). Pure.
 */
export function nextRovingIndex(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  current: number,
  count: number,
): number | null {
  if (count === 0 || event.altKey || event.ctrlKey || event.metaKey) return null;
  const last = count - 1;
  switch (event.key) {
    case 'ArrowDown':
      return Math.min(last, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'PageDown':
      return Math.min(last, current + PAGE_ROWS);
    case 'PageUp':
      return Math.max(0, current - PAGE_ROWS);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** The roving index kept inside the list as it shrinks. */
export function clampRovingIndex(index: number, count: number): number {
  return Math.max(0, Math.min(index, count - 1));
}

/**
 * A true roving tabindex for a list whose rows are all rendered (`<ul>` of `<li>`): exactly one
 * row's controls are in the Tab order, so Tab enters the list once and leaves it with the next
 * Tab; arrows, Page Up/Down, Home and End move focus (to the row's `data-row-focus` element) and
 * the roving index with it; a click or focus on any row makes it the roving row.
 */
export function useRovingRows(count: number) {
  const [stored, setActive] = useState(0);
  const active = clampRovingIndex(stored, count);
  const rowIndexOf = (list: HTMLElement, target: Node) =>
    [...list.querySelectorAll<HTMLElement>(':scope > li')].findIndex((row) => row.contains(target));
  return {
    active,
    /** Spread on the list. */
    listProps: {
      onKeyDown(event: KeyboardEvent<HTMLElement>) {
        const list = event.currentTarget;
        const current = rowIndexOf(list, event.target as Node);
        if (current < 0) return;
        const next = nextRovingIndex(event, current, count);
        if (next === null) return;
        event.preventDefault();
        setActive(next);
        list.querySelectorAll<HTMLElement>(':scope > li')[next]?.querySelector<HTMLElement>('[data-row-focus]')?.focus();
      },
      onFocus(event: FocusEvent<HTMLElement>) {
        const index = rowIndexOf(event.currentTarget, event.target);
        if (index >= 0) setActive(index);
      },
    },
    /** The tabIndex of each focusable control in row `index`. */
    tabIndexOf: (index: number): 0 | -1 => (index === active ? 0 : -1),
  };
}
