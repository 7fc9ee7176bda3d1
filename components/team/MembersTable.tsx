import { useState } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import { ROLES, type Member, type Role } from '@/lib/sync/shared/protocol';
import { agoWords } from '../sync/sync-words';
import { FailureAlert } from '../ui/FailureAlert';
import { ROLE_WORDS } from './role-words';

const displayName = (member: Member) => member.name?.trim() || member.email;

/**
 * The team: name, email, role, last seen. An owner changes a role with its select and removes a
 * member after a confirm; the server's refusal (a workspace keeps one owner) is shown as it says it.
 */
export function MembersTable({ members, me, manage }: { members: readonly Member[]; me: string | undefined; manage: boolean }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState('');

  async function run(words: string, message: Parameters<typeof sendToBackground<'team:set-role' | 'team:remove'>>[0]) {
    setBusy(true);
    setFailure('');
    setDone('');
    const answer = await sendToBackground(message);
    setBusy(false);
    setConfirming(null);
    if (answer.ok) setDone(words);
    else setFailure(answer.error);
  }

  return (
    <>
      <table className="team-members" aria-label="Members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Last seen</th>
            {manage ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const name = displayName(member);
            return (
              <tr key={member.user}>
                <th scope="row">
                  {name}
                  {member.user === me ? ' (you)' : ''}
                </th>
                <td>{member.email}</td>
                <td>
                  {manage ? (
                    <select
                      aria-label={`Role of ${name}`}
                      value={member.role}
                      disabled={busy}
                      onChange={(event) => {
                        const role = event.target.value as Role;
                        void run(`${name} is now ${ROLE_WORDS[role].label.toLowerCase()}.`, { type: 'team:set-role', user: member.user, role });
                      }}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_WORDS[role].label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    ROLE_WORDS[member.role].label
                  )}
                </td>
                <td>{member.lastSeenAt ? agoWords(Date.parse(member.lastSeenAt)) : 'never'}</td>
                {manage ? (
                  <td>
                    {confirming === member.user ? (
                      <span className="form-actions">
                        <span>Remove {name}?</span>
                        <button type="button" disabled={busy} onClick={() => void run(`${name} was removed.`, { type: 'team:remove', user: member.user })}>
                          Yes, remove
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" aria-label={`Remove ${name}`} disabled={busy} onClick={() => setConfirming(member.user)}>
                        Remove…
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {done ? (
        <p role="status" className="muted">
          {done}
        </p>
      ) : null}
      <FailureAlert text={failure} />
    </>
  );
}
