/**
 * Multi-select in All contacts, as pure set operations over contact ids. The selection is kept
 * by id (so it survives the list re-sorting under a live query) and acted on only where it meets
 * the list shown: a contact filtered out of view is never changed by a bulk action.
 */

/** `id` added or removed. */
export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Every id from index `from` to index `to` (either order, both included) set to `select`. */
export function withRange(selected: ReadonlySet<string>, ids: readonly string[], from: number, to: number, select: boolean): Set<string> {
  const next = new Set(selected);
  for (let i = Math.max(0, Math.min(from, to)); i <= Math.min(ids.length - 1, Math.max(from, to)); i++) {
    if (select) next.add(ids[i]!);
    else next.delete(ids[i]!);
  }
  return next;
}

/** The selected ids among those shown, in the order shown. */
export function selectedShown(selected: ReadonlySet<string>, shownIds: readonly string[]): string[] {
  return selected.size === 0 ? [] : shownIds.filter((id) => selected.has(id));
}
