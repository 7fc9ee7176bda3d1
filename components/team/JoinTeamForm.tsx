import { useId, useState, type FormEvent } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import { SyncSettings } from '@/lib/sync/client/settings';
import { FailureAlert } from '../ui/FailureAlert';
import { ROLE_WORDS } from './role-words';

/**
 * Options → Sync → Join a team: the server's address and the invite code an owner sent, with the
 * invitee's email and name. The background redeems the code and keeps the token it returns where
 * manual setup keeps one (this page never sees it); saving it starts sync.
 */
export function JoinTeamForm() {
  const id = useId();
  // Folded until asked for: most browsers connect with a token, and one address field at a time is clearer.
  const [open, setOpen] = useState(false);
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [joined, setJoined] = useState('');

  async function join(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The same rule as a manual setup, before the code leaves this page: https, or http to this machine.
    const address = SyncSettings.shape.serverUrl.safeParse(serverUrl.trim());
    if (!address.success) return setFailure(address.error.issues[0]?.message ?? 'Check the server address.');
    if (!code.trim() || !email.trim() || !name.trim()) return setFailure('Fill in the invite code, your email and your name.');
    setBusy(true);
    setFailure('');
    const answer = await sendToBackground({ type: 'team:join', serverUrl: address.data, code: code.trim(), email, name });
    setBusy(false);
    if (answer.ok) setJoined(`Joined as ${ROLE_WORDS[answer.role].label.toLowerCase()}. Syncing starts now.`);
    else setFailure(answer.error);
  }

  const intro = <p className="muted">An owner of a team’s workspace sends you an invite code from Options → Team. Each code works once.</p>;
  if (!open) {
    return (
      <div className="settings-form">
        <h3>Join a team</h3>
        {intro}
        <div className="form-actions">
          <button type="button" aria-expanded={false} onClick={() => setOpen(true)}>
            Join with an invite code…
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="settings-form" aria-labelledby={`${id}-heading`} noValidate onSubmit={(event) => void join(event)}>
      <h3 id={`${id}-heading`}>Join a team</h3>
      {intro}
      <div className="setting">
        <label htmlFor={`${id}-url`}>Server address</label>
        <input id={`${id}-url`} type="url" inputMode="url" placeholder="https://crm.example.org" value={serverUrl} onChange={(event) => setServerUrl(event.target.value)} required />
      </div>
      <div className="setting">
        <label htmlFor={`${id}-code`}>Invite code</label>
        <input id={`${id}-code`} type="text" autoComplete="off" spellCheck={false} value={code} onChange={(event) => setCode(event.target.value)} required />
      </div>
      <div className="setting">
        <label htmlFor={`${id}-email`}>Your email</label>
        <input id={`${id}-email`} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
      </div>
      <div className="setting">
        <label htmlFor={`${id}-name`}>Your name</label>
        <input id={`${id}-name`} type="text" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} required />
        <p className="hint">Shown to your team next to what you log.</p>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </div>
      {joined ? (
        <p role="status" className="muted">
          {joined}
        </p>
      ) : null}
      <FailureAlert text={failure} />
    </form>
  );
}
