import { useState } from 'react';
import { canSwitchVisibility, crmDatabase, setInteractionVisibility } from '@/lib/db';
import type { Visibility } from '@/lib/model';
import { canWrite, type Membership } from '@/lib/sync/client/membership';
import { errorText } from '../ui/error-text';

/**
 * "Private" / "Team" on a history entry. Only its author sees the switch (the server refuses
 * anyone else's); others' private entries never reach this browser, so for them there is
 * nothing to show.
 */
export function VisibilityToggle({
  membership,
  interactionId,
  authorId,
  visibility,
}: {
  membership: Membership;
  interactionId: string;
  authorId: string | undefined;
  visibility: Visibility;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  if (!canSwitchVisibility({ authorId }, membership.user)) return null;
  const next: Visibility = visibility === 'private' ? 'team' : 'private';
  const label = visibility === 'private' ? 'Private' : 'Team';
  if (!canWrite(membership)) return <span className="visibility-toggle muted">{label}</span>;
  return (
    <>
      <button
        type="button"
        className="link-button visibility-toggle"
        aria-label={visibility === 'private' ? 'Private: only you see this entry. Share it with the team' : 'Team: everyone in the workspace sees this entry. Make it private'}
        title={visibility === 'private' ? 'Only you see this. Click to share it with the team.' : 'The team sees this. Click to make it private.'}
        onClick={() => {
          setFailure(null);
          setInteractionVisibility(crmDatabase(), interactionId, next, membership.user).catch((error: unknown) => setFailure(errorText(error)));
        }}
      >
        {label}
      </button>
      {failure ? (
        <span role="alert" className="error">
          {failure}
        </span>
      ) : null}
    </>
  );
}
