import { crmDatabase, setContactOwner } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { AlsoInTouch } from './AlsoInTouch';
import { ChangesDisclosure } from './ChangesDisclosure';
import { OwnerField } from './OwnerField';
import { useMembership } from '../sync/use-membership';
import './team.css';

/**
 * The profile's team lines: "Owner: Dana", "Also in touch: Ravi, 3 emails" and, for owners of the
 * workspace, the Changes view. Nothing at all when this browser does not sync.
 */
export function TeamProfileLines({ contact }: { contact: Contact }) {
  const membership = useMembership();
  if (!membership) return null;
  return (
    <>
      <OwnerField membership={membership} ownerId={contact.ownerId} onChange={(owner) => setContactOwner(crmDatabase(), contact.id, owner)} />
      <AlsoInTouch membership={membership} contactId={contact.id} />
      {membership.role === 'owner' ? <ChangesDisclosure membership={membership} contactId={contact.id} /> : null}
    </>
  );
}
