import { crmDatabase, setDealOwner } from '@/lib/db';
import type { Deal } from '@/lib/model';
import { memberName } from '@/lib/sync/client/membership';
import { OwnerField } from './OwnerField';
import { useMembership } from '../sync/use-membership';
import './team.css';

/** "by Dana" after a task or deal: who wrote it (stamped by the server). Nothing without sync or author. */
export function AuthorTag({ authorId }: { authorId: string | undefined }) {
  const membership = useMembership();
  const name = memberName(membership ?? undefined, authorId);
  return name ? <span className="row-author muted">by {name}</span> : null;
}

/** A deal's author and owner (changeable), while syncing. */
export function DealTeamLine({ deal }: { deal: Deal }) {
  const membership = useMembership();
  if (!membership) return null;
  return (
    <span className="deal-team">
      <AuthorTag authorId={deal.authorId} />
      <OwnerField membership={membership} ownerId={deal.ownerId} what="deal" onChange={(owner) => setDealOwner(crmDatabase(), deal.id, owner)} />
    </span>
  );
}
