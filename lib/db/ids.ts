import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Sortable unique ids (ULID): creation order is key order, across browsers too. */
export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}
