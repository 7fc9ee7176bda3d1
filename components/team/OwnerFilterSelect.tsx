import type { Membership } from '@/lib/sync/client/membership';
import { ownerOptions } from './owner-options';

/** Filters a list by owner: everyone's, mine, a member's, or unassigned. Only shown while syncing. */
export function OwnerFilterSelect({
  membership,
  value,
  onChange,
  id,
}: {
  membership: Membership;
  value: string | undefined;
  onChange: (owner: string | undefined) => void;
  id?: string;
}) {
  return (
    <select id={id} aria-label={id ? undefined : 'Filter by owner'} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
      <option value="">Everyone’s</option>
      {ownerOptions(membership, 'Mine').map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
