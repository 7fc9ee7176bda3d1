import type { DetectedContact, PageContext } from '@/lib/model';

/** Most relevant first: whose profile this is, who wrote (the article's author, the mail's sender), who was written to, copied, mentioned. */
const ROLE_RANK: Record<DetectedContact['role'], number> = { subject: 0, author: 1, from: 1, contact: 2, to: 3, cc: 4, mentioned: 5 };

export interface PersonOnPage<C> {
  person: DetectedContact;
  /** The stored contact this person is, if any. */
  contact: C | null;
}

/**
 * Orders the people on a page by role, recognised contacts before unknown ones within a role,
 * otherwise in page order. Pure: returns a new array.
 */
export function byRelevance<C>(people: readonly PersonOnPage<C>[]): PersonOnPage<C>[] {
  return people
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        ROLE_RANK[a.entry.person.role] - ROLE_RANK[b.entry.person.role] ||
        Number(a.entry.contact === null) - Number(b.entry.contact === null) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

/**
 * The person a profile page is about: the detection with role `subject`, else the one whose
 * profile link is the page's. Null on any other kind of page.
 */
export function profileOwner(people: readonly DetectedContact[], context: PageContext | undefined): DetectedContact | null {
  if (context?.kind !== 'profile') return null;
  return (
    people.find((person) => person.role === 'subject') ??
    people.find((person) => person.profiles.some((profile) => profile.url === context.url)) ??
    null
  );
}
