import { useId, useState, type FormEvent } from 'react';
import { crmDatabase } from '@/lib/db';
import { newClientId, saveSyncSettings, SyncSettings } from '@/lib/sync/client/settings';
import { signOutOfSync } from '@/lib/sync/client/sign-out';
import { httpTransport, SyncError } from '@/lib/sync/client/transport';
import { SyncStatusLine } from './SyncStatusLine';
import { useSyncSettings } from './use-sync-settings';
import { FailureAlert } from '../ui/FailureAlert';
import { JoinTeamForm } from '../team/JoinTeamForm';
import { EncryptionSection } from '../encryption/EncryptionSection';

type Workspace = { workspace: string; name: string };

/**
 * Options → Sync: connect to a self-hosted server (address and token), pick a workspace, then
 * sync runs in the background; or join a team with an invite code (Join a team). Signed in, it shows the status, Sync now, and Sign out, which
 * keeps or wipes this browser's data as the user chooses. The token field is a password field
 * and the token is never shown again once saved.
 */
export function SyncSettingsSection() {
  const settings = useSyncSettings();
  return (
    <section aria-labelledby="sync-heading" className="sync-settings">
      <h2 id="sync-heading">Sync</h2>
      {settings === undefined ? null : settings ? (
        <SignedIn serverUrl={settings.serverUrl} workspace={settings.workspace} />
      ) : (
        <>
          <Connect />
          <JoinTeamForm />
        </>
      )}
    </section>
  );
}

function Connect() {
  const id = useId();
  const [serverUrl, setServerUrl] = useState('');
  const [token, setToken] = useState('');
  const [workspaces, setWorkspaces] = useState<Workspace[] | null>(null);
  const [workspace, setWorkspace] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function connect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = SyncSettings.pick({ serverUrl: true, token: true }).safeParse({ serverUrl: serverUrl.trim(), token });
    if (!checked.success) {
      setMessage({ kind: 'error', text: checked.error.issues[0]?.message ?? 'Check the address and token.' });
      return;
    }
    setBusy(true);
    setMessage({ kind: 'ok', text: 'Connecting…' });
    try {
      const found = await httpTransport(checked.data).workspaces();
      if (found.length === 0) throw new SyncError('workspace', 'This account has no workspace on the server. Ask its administrator to share one.');
      setWorkspaces(found);
      setWorkspace(found[0]!.workspace);
      setMessage({ kind: 'ok', text: `Connected. Pick a workspace (${found.length} available).` });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof SyncError ? error.message : 'Could not connect.' });
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    await saveSyncSettings({ serverUrl: serverUrl.trim(), token: token.trim(), workspace, clientId: newClientId() });
  }

  return (
    <>
      <p className="muted">
        Keep your contacts in step across browsers through your own Sidebar CRM server (<code>npm run server</code>). Your data stays in this browser too; sync only
        adds a copy on the server you choose.
      </p>
      <form onSubmit={connect} className="settings-form" aria-label="Connect to a sync server">
        <div className="setting">
          <label htmlFor={`${id}-url`}>Server address</label>
          <input id={`${id}-url`} type="url" inputMode="url" autoComplete="url" placeholder="https://crm.example.org" value={serverUrl} onChange={(event) => setServerUrl(event.target.value)} required />
        </div>
        <div className="setting">
          <label htmlFor={`${id}-token`}>Token</label>
          <input id={`${id}-token`} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(event) => setToken(event.target.value)} required />
          <p className="hint">From the server’s <code>user add</code> or <code>token add</code> command; one per browser.</p>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            Connect
          </button>
        </div>
      </form>
      {workspaces ? (
        <div className="settings-form">
          <div className="setting">
            <label htmlFor={`${id}-workspace`}>Workspace</label>
            <select id={`${id}-workspace`} value={workspace} onChange={(event) => setWorkspace(event.target.value)}>
              {workspaces.map((entry) => (
                <option key={entry.workspace} value={entry.workspace}>
                  {entry.name ? `${entry.name} (${entry.workspace})` : entry.workspace}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button type="button" onClick={() => void start()}>
              Start syncing
            </button>
          </div>
        </div>
      ) : null}
      <p role="status" className={message?.kind === 'error' ? 'error' : 'muted'}>
        {message?.text ?? ''}
      </p>
    </>
  );
}

function SignedIn({ serverUrl, workspace }: { serverUrl: string; workspace: string }) {
  const id = useId();
  const [wipe, setWipe] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');

  async function signOut() {
    try {
      await signOutOfSync(crmDatabase(), { wipeLocalData: wipe });
    } catch (error) {
      setMessage(`Could not sign out: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <>
      <p>
        Syncing workspace <strong>{workspace}</strong> with <span className="muted">{serverUrl}</span>.
      </p>
      <SyncStatusLine />
      <EncryptionSection workspace={workspace} />
      {confirming ? (
        <fieldset>
          <legend>Sign out of sync</legend>
          <label>
            <input type="radio" name={`${id}-wipe`} checked={!wipe} onChange={() => setWipe(false)} /> Keep this browser’s contacts and history
          </label>
          <label>
            <input type="radio" name={`${id}-wipe`} checked={wipe} onChange={() => setWipe(true)} /> Remove them from this browser (the server keeps its copy)
          </label>
          <div className="form-actions">
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="form-actions">
          <button type="button" onClick={() => setConfirming(true)}>
            Sign out…
          </button>
        </div>
      )}
      <FailureAlert text={message} />
    </>
  );
}
