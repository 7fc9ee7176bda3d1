/** The team's words, pure (issue 18): owners, attribution, "Also in touch", audit lines and owner filters. */
import { describe, expect, it } from 'vitest';
import { alsoInTouch, attributionLine, timeAgo } from '@/components/team/attribution';
import { auditLine } from '@/components/team/audit-words';
import { ownerLabel, ownerOptions } from '@/components/team/owner-options';
import { isMine, matchesOwner, UNASSIGNED } from '@/lib/model/ownership';
import type { Membership } from '@/lib/sync/client/membership';

const membership: Membership = {
  user: 'usr_me',
  workspace: 'ws',
  workspaceName: 'Acme',
  role: 'owner',
  members: [
    { user: 'usr_me', email: 'me@acme.io', name: 'Me Myself', role: 'owner', lastSeenAt: null },
    { user: 'usr_ravi', email: 'ravi@acme.io', name: 'Ravi', role: 'editor', lastSeenAt: null },
    { user: 'usr_dana', email: 'dana@acme.io', name: 'Dana', role: 'editor', lastSeenAt: null },
    { user: 'usr_cli', email: 'cli@acme.io', name: null, role: 'viewer', lastSeenAt: null },
  ],
};

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12);

describe('owner filters', () => {
  it('matches a member, the unassigned, or everyone; unassigned records count as mine', () => {
    expect(matchesOwner('usr_ravi', undefined)).toBe(true);
    expect(matchesOwner('usr_ravi', 'usr_ravi')).toBe(true);
    expect(matchesOwner('usr_ravi', 'usr_dana')).toBe(false);
    expect(matchesOwner(undefined, UNASSIGNED)).toBe(true);
    expect(matchesOwner('usr_ravi', UNASSIGNED)).toBe(false);
    expect(isMine('usr_me', 'usr_me')).toBe(true);
    expect(isMine(undefined, 'usr_me')).toBe(true);
    expect(isMine('usr_ravi', 'usr_me')).toBe(false);
    expect(isMine('usr_ravi', undefined)).toBe(true); // a book of one, or the team's view
  });

  it('offers mine first, the others by name (email without one), then Unassigned', () => {
    expect(ownerOptions(membership, 'Mine')).toEqual([
      { value: 'usr_me', label: 'Mine' },
      { value: 'usr_cli', label: 'cli@acme.io' },
      { value: 'usr_dana', label: 'Dana' },
      { value: 'usr_ravi', label: 'Ravi' },
      { value: UNASSIGNED, label: 'Unassigned' },
    ]);
    expect(ownerLabel(membership, undefined)).toBe('Unassigned');
    expect(ownerLabel(membership, 'usr_dana')).toBe('Dana');
    expect(ownerLabel(membership, 'usr_me')).toBe('You');
    expect(ownerLabel(membership, 'usr_gone')).toBe('a former member');
  });
});

describe('attribution', () => {
  it('says who did what, how long ago; nothing without membership or author', () => {
    expect(attributionLine(membership, 'usr_dana', 'call', NOW - 2 * HOUR, NOW)).toBe('Dana logged a call · 2 h ago');
    expect(attributionLine(membership, 'usr_me', 'note', NOW - 30_000, NOW)).toBe('You wrote a note · just now');
    expect(attributionLine(membership, 'usr_ravi', 'deal', NOW - 3 * 24 * HOUR, NOW)).toBe('Ravi added this deal · 3 d ago');
    expect(attributionLine(null, 'usr_dana', 'call', NOW, NOW)).toBeUndefined();
    expect(attributionLine(membership, undefined, 'call', NOW, NOW)).toBeUndefined();
    expect(timeAgo(NOW - 5 * 60_000, NOW)).toBe('5 min ago');
    expect(timeAgo(NOW - 40 * 24 * HOUR, NOW)).toMatch(/2026/);
  });

  it('lists the other members in touch, most active first, without me or bookkeeping entries', () => {
    const rows = [
      { authorId: 'usr_ravi', kind: 'email' as const },
      { authorId: 'usr_ravi', kind: 'email' as const },
      { authorId: 'usr_ravi', kind: 'email' as const },
      { authorId: 'usr_dana', kind: 'call' as const },
      { authorId: 'usr_dana', kind: 'note' as const },
      { authorId: 'usr_dana', kind: 'note' as const },
      { authorId: 'usr_dana', kind: 'stage-change' as const },
      { authorId: 'usr_me', kind: 'meeting' as const },
      { kind: 'email' as const },
    ];
    expect(alsoInTouch(membership, rows)).toBe('Ravi, 3 emails; Dana, 2 notes and 1 call');
    expect(alsoInTouch(membership, [{ authorId: 'usr_gone', kind: 'meeting' }])).toBe('a former member, 1 meeting');
    expect(alsoInTouch(membership, [{ authorId: 'usr_me', kind: 'email' }])).toBeUndefined();
    expect(alsoInTouch(null, rows)).toBeUndefined();
  });
});

describe('audit lines', () => {
  it('names the field and the member, never a value (the server keeps none)', () => {
    const at = '2026-12-03T10:00:00.000Z';
    const hlc = '0001764756000000-0000-node0001';
    const title = auditLine(membership, { table: 'contacts', id: 'c', field: 'title', member: 'usr_ravi', hlc, at });
    expect(title).toMatch(/^title changed by Ravi, 3 Dec$|^title changed by Ravi, Dec 3$/);
    expect(auditLine(membership, { table: 'contacts', id: 'c', field: 'ownerId', member: 'usr_me', hlc, at })).toMatch(/^owner changed by You, /);
    expect(auditLine(membership, { table: 'contacts', id: 'c', field: '@deleted', member: 'usr_gone', hlc, at })).toMatch(/^deleted by a former member, /);
  });
});
