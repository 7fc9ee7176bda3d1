import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import { crmDatabase, readTeamPrefs, updateTeamPrefs, type TeamPrefs } from '@/lib/db';
import { sendToBackground } from '@/lib/messaging/send';
import { errorText } from '../ui/error-text';
import { useMembership } from '../sync/use-membership';

/**
 * Options → Team preferences, for the synced workspace: whether captured emails start private
 * (the default) or team, a setting of the workspace that its owners choose for everyone (the
 * server keeps it: `PATCH /v1/w/:ws/settings`; others see it read-only), and whether next best
 * actions and the badge show the team's records, this member's own choice kept in this browser.
 * Hidden when this browser does not sync.
 */
export function TeamPrefsSection() {
  const id = useId();
  const membership = useMembership();
  const workspace = membership?.workspace;
  const prefs = useHeldLiveQuery(() => (workspace ? readTeamPrefs(crmDatabase(), workspace) : undefined), [workspace]);
  const [status, setStatus] = useState('');
  if (!membership || !workspace || !prefs) return null;

  const owner = membership.role === 'owner';
  const capturedTeam = membership.settings?.capturedEmails === 'team';

  async function changeWorkspace(capturedEmails: 'private' | 'team') {
    setStatus('Saving…');
    const answer = await sendToBackground({ type: 'team:update-settings', capturedEmails });
    setStatus(answer.ok ? 'Saved for everyone in the workspace.' : `Not saved: ${answer.error}`);
  }

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
      <p className="muted">For {membership.workspaceName || workspace}. Notes, calls and meetings you log are seen by the team; each history entry can be switched.</p>
      <div className="settings-form">
        <label>
          <input type="checkbox" checked={capturedTeam} disabled={!owner} onChange={(event) => void changeWorkspace(event.target.checked ? 'team' : 'private')} /> Emails
          captured from Gmail and Outlook are shared with the team (otherwise only their author sees them): for everyone in the workspace
        </label>
        {owner ? null : <p className="muted">Only an owner can change this for the workspace.</p>}
        <label>
          <input type="checkbox" checked={prefs.teamActions} onChange={(event) => void change({ teamActions: event.target.checked })} /> Next best actions and the
          follow-up badge include the whole team’s contacts (otherwise yours and unassigned ones): in this browser
        </label>
      </div>
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}
