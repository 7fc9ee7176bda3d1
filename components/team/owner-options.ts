/**
 * The choices of an owner select: "Mine" (or "You") first, the other members by name, then
 * "Unassigned". Pure.
 */
import { UNASSIGNED } from '@/lib/model/ownership';
import { memberName, type Membership } from '@/lib/sync/client/membership';

export interface OwnerOption {
  value: string;
  label: string;
}

export function ownerOptions(membership: Membership, mineLabel: string): OwnerOption[] {
  const others = membership.members
    .filter((member) => member.user !== membership.user)
    .map((member) => ({ value: member.user, label: memberName(membership, member.user)! }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: membership.user, label: mineLabel }, ...others, { value: UNASSIGNED, label: 'Unassigned' }];
}

/** "Owner: Dana": the owner's name, "You", "Unassigned", or "a former member". */
export function ownerLabel(membership: Membership, ownerId: string | undefined): string {
  return ownerId === undefined ? 'Unassigned' : memberName(membership, ownerId)!;
}
