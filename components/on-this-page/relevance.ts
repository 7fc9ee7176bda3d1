import type { DetectedContact, PageContext } from '@/lib/model';

/** Most relevant first: whose profile this is, who wrote (the article's author, the mail's sender), the page's contact, who was written to, copied, mentioned. */
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

/**
 * The people shown at once and those behind "Show N more": `mentioned` people (comments,
 * navigation, footers, related stories, anyone without a role) wait behind the toggle, unless
 * nobody else is on the page; then they are all there is to show, and a page of only mentioned
 * people must not look empty.
 */
export function splitMentioned<T extends { person: DetectedContact }>(entries: readonly T[]): { first: T[]; more: T[] } {
  const first = entries.filter((entry) => entry.person.role !== 'mentioned');
  return first.length === 0 ? { first: [...entries], more: [] } : { first, more: entries.filter((entry) => entry.person.role === 'mentioned') };
}

/** Why this person is on the page, in a word or two, the same before and after they are added. */
export function roleLabel(role: DetectedContact['role'], context: PageContext | undefined): string {
  switch (role) {
    case 'subject':
      return context?.kind === 'profile' ? 'This profile' : 'Page owner';
    case 'author':
      return 'Author';
    case 'contact':
      return 'Page contact';
    // A calendar event's organizer and invitees (calendar readers: from and to).
    case 'from':
      return context?.kind === 'event' ? 'Organizer' : 'Sender';
    case 'to':
      return context?.kind === 'event' ? 'Guest' : 'To';
    case 'cc':
      return 'Cc';
    default:
      return 'Mentioned';
  }
}
