import { useEffect, useState } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import type { Member } from '@/lib/sync/shared/protocol';
import { useMembership } from '../sync/use-membership';
import { useSyncSettings } from '../sync/use-sync-settings';
import { FailureAlert } from '../ui/FailureAlert';
import { InviteForm } from './InviteForm';
import { MembersTable } from './MembersTable';
import { RemovedNotice } from './RemovedNotice';
import { ROLE_WORDS } from './role-words';
import './team.css';

/**
 * Options → Team: who is in the synced workspace and in which role. Owners change roles, remove
 * members and create invites; everyone else reads the list. The server decides every one of
 * these; this section only mirrors its answers.
 */
export function TeamSection() {
  const settings = useSyncSettings();
  const membership = useMembership();
  const [loaded, setLoaded] = useState<Member[] | null>(null);
  const [failure, setFailure] = useState('');
  const syncing = Boolean(settings);

  // Read the team afresh when the section opens (the background saves it in the membership row).
  useEffect(() => {
    if (!syncing) return;
    let live = true;
    void sendToBackground({ type: 'team:members' }).then((answer) => {
      if (!live) return;
      if (answer.ok) setLoaded(answer.members);
      else setFailure(answer.error);
    });
    return () => {
      live = false;
    };
  }, [syncing, settings?.workspace]);

  return (
    <section aria-labelledby="team-heading" className="team-settings">
      <h2 id="team-heading">Team</h2>
      {settings === undefined || membership === undefined ? null : !settings ? (
        <p className="muted">
          Not syncing: a team shares one workspace on a sync server. Join a team with an invite code in <strong>Sync → Join a team</strong> above, or connect
          with a token there; then the members appear here.
        </p>
      ) : membership?.removedAt !== undefined ? (
        <RemovedNotice membership={membership} />
      ) : (
        <TeamBody members={membership?.members.length ? membership.members : (loaded ?? [])} me={membership?.user} role={membership?.role} workspaceName={membership?.workspaceName} failure={failure} />
      )}
    </section>
  );
}

function TeamBody({ members, me, role, workspaceName, failure }: { members: readonly Member[]; me?: string; role?: Member['role']; workspaceName?: string; failure: string }) {
  const owner = role === 'owner';
  const owners = members.filter((member) => member.role === 'owner').map((member) => member.name?.trim() || member.email);
  return (
    <>
      {role ? (
        <p>
          You are {role === 'viewer' ? 'a' : 'an'} <strong>{ROLE_WORDS[role].label.toLowerCase()}</strong> of <strong>{workspaceName}</strong>: {ROLE_WORDS[role].can}.
        </p>
      ) : null}
      {members.length ? <MembersTable members={members} me={me} manage={owner} /> : failure ? null : <p role="status">Loading the team…</p>}
      {owner ? (
        <InviteForm />
      ) : members.length ? (
        <p className="muted">Only an owner can invite people, change roles or remove members{owners.length ? ` (owners: ${owners.join(', ')})` : ''}.</p>
      ) : null}
      <FailureAlert text={failure} />
    </>
  );
}
