import { useState } from 'react';

/**
 * The recovery key, shown once after encryption is turned on or the key rotated: the raw key in
 * groups a person can copy by hand, with a checksum. Copy, download as a text file, or print;
 * it stays until the owner says it is saved.
 */
export function RecoveryKeyNotice({ recoveryKey, workspace, onSaved }: { recoveryKey: string; workspace: string; onSaved: () => void }) {
  const [note, setNote] = useState('');
  const text = `Sidebar CRM recovery key for workspace ${workspace}\n\n${recoveryKey}\n\nWith it, anyone can read this workspace's data. Keep it offline, like a spare house key.\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setNote('Copied. Paste it somewhere safe and offline, then clear your clipboard.');
    } catch {
      setNote('Could not copy: select the key and copy it by hand.');
    }
  }

  return (
    <div className="encryption-recovery" role="region" aria-label="Recovery key">
      <p>
        <strong>Your recovery key.</strong> It is shown only now. If every member forgets the passphrase, this key is the only way to read the
        server’s copy again.
      </p>
      <p>
        <code data-testid="recovery-key" className="recovery-key">
          {recoveryKey}
        </code>
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <a className="link-button" href={download} download={`sidebar-crm-recovery-key-${workspace}.txt`}>
          Download
        </a>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onSaved}>
          I have saved it
        </button>
      </div>
      {note ? <p role="status">{note}</p> : null}
    </div>
  );
}
