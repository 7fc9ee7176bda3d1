/**
 * Owner filters for contacts and deals (issue 18). A filter is a member's user id, or UNASSIGNED
 * for rows nobody owns; no filter shows everyone's. Pure.
 */

/** The filter value for rows without an owner: no user id starts with "@" (ids are opaque server strings without it). */
export const UNASSIGNED = '@unassigned';

export function matchesOwner(ownerId: string | undefined, filter: string | undefined): boolean {
  if (filter === undefined || filter === '') return true;
  return filter === UNASSIGNED ? ownerId === undefined : ownerId === filter;
}

/**
 * Whether a record is the signed-in member's to act on: theirs, or nobody's. Unassigned records
 * count as everyone's, so nothing falls between two chairs; a book of one (no `me`) owns all.
 */
export function isMine(ownerId: string | undefined, me: string | undefined): boolean {
  return me === undefined || ownerId === undefined || ownerId === me;
}
