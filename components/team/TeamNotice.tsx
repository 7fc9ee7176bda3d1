import { useMembership } from '../sync/use-membership';
import { RemovedNotice } from './RemovedNotice';
import './team.css';

/**
 * The side panel's word on this browser's place in the team: removed (with the ways on), or a
 * viewer's read-only line. Nothing for editors, owners and a book of one.
 */
export function TeamNotice() {
  const membership = useMembership();
  if (!membership) return null;
  if (membership.removedAt !== undefined) return <RemovedNotice membership={membership} />;
  if (membership.role !== 'viewer') return null;
  return (
    <p className="team-readonly" role="note">
      You can read this workspace; an owner can make you an editor.
    </p>
  );
}
