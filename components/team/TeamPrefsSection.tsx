import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { crmDatabase, readTeamPrefs, updateTeamPrefs, type TeamPrefs } from '@/lib/db';
import { errorText } from '../ui/error-text';
import { useMembership } from '../sync/use-membership';

/**
 * Options → Team preferences, for the synced workspace: whether captured emails start private
 * (the default) or team, and whether next best actions and the badge show the team's records.
 * Kept in this browser, per workspace (the server has no workspace settings). Hidden when this
 * browser does not sync.
 */
export function TeamPrefsSection() {
  const id = useId();
  const membership = useMembership();
  const workspace = membership?.workspace;
  const prefs = useLiveQuery(() => (workspace ? readTeamPrefs(crmDatabase(), workspace) : undefined), [workspace]);
  const [status, setStatus] = useState('');
  if (!membership || !workspace || !prefs) return null;

  async function change(patch: Partial<TeamPrefs>) {
    try {
      // Patched in the database, not over the rendered values, which may not show the last tick yet.
      await updateTeamPrefs(crmDatabase(), workspace!, patch);
      setStatus('Saved.');
    } catch (error) {
      setStatus(`Not saved: ${errorText(error)}`);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Team preferences</h2>
      <p className="muted">For {membership.workspaceName || workspace}, in this browser. Notes, calls and meetings you log are seen by the team; each history entry can be switched.</p>
      <div className="settings-form">
        <label>
          <input type="checkbox" checked={prefs.capturedEmails === 'team'} onChange={(event) => void change({ capturedEmails: event.target.checked ? 'team' : 'private' })} /> Share
          emails captured from Gmail and Outlook with the team (otherwise only you see them)
        </label>
        <label>
          <input type="checkbox" checked={prefs.teamActions} onChange={(event) => void change({ teamActions: event.target.checked })} /> Next best actions and the
          follow-up badge include the whole team’s contacts (otherwise yours and unassigned ones)
        </label>
      </div>
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}
