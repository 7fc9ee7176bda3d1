/**
 * Who wrote what, in words: "Dana logged a call · 2 h ago", "Also in touch: Ravi, 3 emails".
 * Names come from the membership row (memberName); without it (a book of one) there is nothing
 * to say. Pure.
 */
import type { Interaction } from '@/lib/model';
import { memberName, type Membership } from '@/lib/sync/client/membership';

export type AttributedKind = Interaction['kind'] | 'deal' | 'task';

const DID: Record<AttributedKind, string> = {
  email: 'logged an email',
  call: 'logged a call',
  meeting: 'logged a meeting',
  note: 'wrote a note',
  visit: 'visited their profile',
  'stage-change': 'moved the stage',
  'task-done': 'completed a task',
  'profile-change': 'updated the profile from a page',
  deal: 'added this deal',
  task: 'added this follow-up',
};

/** "2 h ago", "3 d ago", "just now"; older than a month: the date. */
export function timeAgo(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 31) return `${days} d ago`;
  return new Date(at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "Dana logged a call · 2 h ago", or undefined without membership or author. */
export function attributionLine(membership: Membership | null | undefined, authorId: string | undefined, kind: AttributedKind, at: number, now: number): string | undefined {
  const name = memberName(membership ?? undefined, authorId);
  return name ? `${name} ${DID[kind]} · ${timeAgo(at, now)}` : undefined;
}

const KIND_WORDS: Record<Interaction['kind'], [string, string]> = {
  email: ['email', 'emails'],
  call: ['call', 'calls'],
  meeting: ['meeting', 'meetings'],
  note: ['note', 'notes'],
  visit: ['visit', 'visits'],
  'stage-change': ['stage change', 'stage changes'],
  'task-done': ['task done', 'tasks done'],
  'profile-change': ['profile change', 'profile changes'],
};

const counted = (count: number, kind: Interaction['kind']) => `${count} ${KIND_WORDS[kind][count === 1 ? 0 : 1]}`;

/**
 * The other members who have been in touch with this person, most active first: "Ravi, 3 emails;
 * Dana, 1 call and 2 notes". Counts only what this browser can see (others' private entries never
 * arrive). Stage changes, completed tasks and profile changes are bookkeeping, not touches, so they are left out.
 */
export function alsoInTouch(membership: Membership | null | undefined, interactions: readonly Pick<Interaction, 'authorId' | 'kind'>[]): string | undefined {
  if (!membership) return undefined;
  const byAuthor = new Map<string, Map<Interaction['kind'], number>>();
  for (const { authorId, kind } of interactions) {
    if (!authorId || authorId === membership.user || kind === 'stage-change' || kind === 'task-done' || kind === 'profile-change') continue;
    const kinds = byAuthor.get(authorId) ?? new Map<Interaction['kind'], number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    byAuthor.set(authorId, kinds);
  }
  if (byAuthor.size === 0) return undefined;
  const total = (kinds: Map<Interaction['kind'], number>) => [...kinds.values()].reduce((a, b) => a + b, 0);
  return [...byAuthor.entries()]
    .sort(([, a], [, b]) => total(b) - total(a))
    .map(([author, kinds]) => {
      const parts = [...kinds.entries()].sort(([, a], [, b]) => b - a).map(([kind, count]) => counted(count, kind));
      const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
      return `${memberName(membership, author)}, ${list}`;
    })
    .join('; ');
}
