import { useState } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import type { Membership } from '@/lib/sync/client/membership';
import type { AuditEntry } from '@/lib/sync/shared/protocol';
import { auditLine, QUIET_FIELDS } from './audit-words';

type Read = { state: 'idle' } | { state: 'loading' } | { state: 'done'; changes: AuditEntry[] } | { state: 'failed'; error: string };

/**
 * An owner's "Changes" for one contact: who changed which field when, read from the server when
 * opened (the background holds the token). The server keeps only which field changed, never the
 * values, and for 90 days; the view says so.
 */
export function ChangesDisclosure({ membership, contactId }: { membership: Membership; contactId: string }) {
  const [read, setRead] = useState<Read>({ state: 'idle' });
  async function load() {
    setRead({ state: 'loading' });
    try {
      const answer = await sendToBackground({ type: 'read-audit', table: 'contacts', id: contactId });
      setRead(answer.ok ? { state: 'done', changes: answer.changes } : { state: 'failed', error: answer.error });
    } catch (error) {
      setRead({ state: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
  const shown = read.state === 'done' ? read.changes.filter((entry) => !QUIET_FIELDS.has(entry.field)) : [];
  return (
    <details
      className="profile-block team-changes"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && read.state !== 'loading') void load();
      }}
    >
      <summary>Changes</summary>
      <p className="muted">Who changed which field, and when, over the last 90 days. The server keeps only which field changed, not the old or new values.</p>
      {read.state === 'loading' ? (
        <p role="status" className="muted">
          Reading the changes from the server…
        </p>
      ) : read.state === 'failed' ? (
        <p role="alert" className="error">
          {read.error}
        </p>
      ) : read.state === 'done' ? (
        shown.length === 0 ? (
          <p className="muted">No changes recorded for this contact.</p>
        ) : (
          <ul aria-label="Changes, newest first" className="team-changes-list">
            {shown.map((entry) => (
              <li key={`${entry.hlc}:${entry.field}`}>{auditLine(membership, entry)}</li>
            ))}
          </ul>
        )
      ) : null}
    </details>
  );
}
