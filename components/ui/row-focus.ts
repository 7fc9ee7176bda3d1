import type { KeyboardEvent } from 'react';

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
