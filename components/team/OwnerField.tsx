import { useId, useState } from 'react';
import { UNASSIGNED } from '@/lib/model/ownership';
import { canWrite, type Membership } from '@/lib/sync/client/membership';
import { errorText } from '../ui/error-text';
import { ownerLabel, ownerOptions } from './owner-options';

/**
 * "Owner: Dana", changeable with a native select (keyboard and screen readers as usual) by a
 * member who may write; read-only text for a viewer. `onChange` writes the new owner (undefined:
 * unassigned). Rendered only while syncing: a book of one has no owners.
 */
export function OwnerField({
  membership,
  ownerId,
  onChange,
  what = 'contact',
}: {
  membership: Membership;
  ownerId: string | undefined;
  onChange: (ownerId: string | undefined) => Promise<unknown>;
  what?: string;
}) {
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  if (!canWrite(membership)) {
    return (
      <p className="team-owner">
        Owner<span className="visually-hidden"> of this {what}</span>: {ownerLabel(membership, ownerId)}
      </p>
    );
  }
  const options = ownerOptions(membership, 'You');
  // An owner who left the team stays shown until someone hands the record over.
  const known = ownerId === undefined || options.some((option) => option.value === ownerId);
  return (
    <div className="team-owner">
      <label htmlFor={id}>
        Owner<span className="visually-hidden"> of this {what}</span>
      </label>{' '}
      <select
        id={id}
        value={ownerId ?? UNASSIGNED}
        onChange={(event) => {
          setFailure(null);
          const next = event.target.value === UNASSIGNED ? undefined : event.target.value;
          onChange(next).catch((error: unknown) => setFailure(`Could not change the owner: ${errorText(error)}`));
        }}
      >
        {known ? null : <option value={ownerId}>{ownerLabel(membership, ownerId)}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {failure ? (
        <p role="alert" className="error">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
