import { useId, useState, type FormEvent } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import { INVITE_DAYS, ROLES, type InviteReply, type Role } from '@/lib/sync/shared/protocol';
import { FailureAlert } from '../ui/FailureAlert';
import { ROLE_WORDS } from './role-words';

/**
 * An owner's "Create invite": a role and an expiry (1–30 days, 7 by default). The code is shown
 * once, with Copy: the server keeps only its hash, so a lost code means a new invite.
 */
export function InviteForm() {
  const id = useId();
  const [role, setRole] = useState<Role>('editor');
  const [days, setDays] = useState(String(INVITE_DAYS.default));
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<InviteReply | null>(null);
  const [copied, setCopied] = useState('');
  const [failure, setFailure] = useState('');

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const expiresInDays = Number(days);
    if (!Number.isInteger(expiresInDays) || expiresInDays < INVITE_DAYS.min || expiresInDays > INVITE_DAYS.max) {
      setFailure(`The invite expires after ${INVITE_DAYS.min} to ${INVITE_DAYS.max} days: enter a whole number in that range.`);
      return;
    }
    setBusy(true);
    setFailure('');
    setCopied('');
    const answer = await sendToBackground({ type: 'team:invite', role, expiresInDays });
    setBusy(false);
    if (answer.ok) setInvite(answer.invite);
    else setFailure(answer.error);
  }

  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('Copied. Send it to the person you invite, with this server’s address.');
    } catch {
      setCopied('Could not copy: select the code and copy it by hand.');
    }
  }

  return (
    <form className="settings-form" aria-label="Create an invite" noValidate onSubmit={(event) => void create(event)}>
      <h3>Invite someone</h3>
      <div className="setting">
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((candidate) => (
            <option key={candidate} value={candidate}>
              {ROLE_WORDS[candidate].label} — {ROLE_WORDS[candidate].can}
            </option>
          ))}
        </select>
      </div>
      <div className="setting">
        <label htmlFor={`${id}-days`}>Expires after (days)</label>
        <input id={`${id}-days`} type="number" inputMode="numeric" min={INVITE_DAYS.min} max={INVITE_DAYS.max} step={1} value={days} onChange={(event) => setDays(event.target.value)} />
        <p className="hint">
          {INVITE_DAYS.min}–{INVITE_DAYS.max} days. A code works once.
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create invite'}
        </button>
      </div>
      {invite ? (
        <div className="team-invite-code" role="status" aria-label="New invite">
          <p>
            Invite code for a new {ROLE_WORDS[invite.role].label.toLowerCase()} (shown only now; expires {new Date(invite.expiresAt).toLocaleString()}):
          </p>
          <p>
            <code data-testid="invite-code">{invite.code}</code>{' '}
            <button type="button" onClick={() => void copy(invite.code)}>
              Copy
            </button>
          </p>
          <p className="hint">They paste it in Options → Sync → Join a team, with this server’s address.</p>
          {copied ? <p className="muted">{copied}</p> : null}
        </div>
      ) : null}
      <FailureAlert text={failure} />
    </form>
  );
}
