/** One audit entry in words: "title changed by Ravi, 3 Dec". Pure. */
import { AUDIT_DELETED, type AuditEntry } from '@/lib/sync/shared/protocol';
import { memberName, type Membership } from '@/lib/sync/client/membership';

/** Field names as the profile calls them; others are shown as stored. */
const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  company: 'company',
  title: 'title',
  location: 'location',
  emails: 'emails',
  phones: 'phones',
  tags: 'tags',
  stage: 'stage',
  pipelineStage: 'pipeline stage',
  ownerId: 'owner',
  avatarUrl: 'photo',
  userFields: 'typed fields',
  updatedAt: 'last-changed time',
};

export function auditLine(membership: Membership, entry: AuditEntry): string {
  const who = memberName(membership, entry.member) ?? 'a former member';
  const when = new Date(entry.at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  if (entry.field === AUDIT_DELETED) return `deleted by ${who}, ${when}`;
  return `${FIELD_WORDS[entry.field] ?? entry.field} changed by ${who}, ${when}`;
}

/** Bookkeeping fields every edit rewrites: shown only when nothing else changed in that write. */
export const QUIET_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'userFields', 'createdAt']);
