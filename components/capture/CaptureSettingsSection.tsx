import { useEffect, useId, useState } from 'react';
import { readCaptureSettings, saveCaptureSettings, type CaptureSettings } from '@/lib/settings/capture-settings';

/** Options → Capture: what becomes history (or a contact) without being asked. Saved on change. */
export function CaptureSettingsSection() {
  const id = useId();
  const [settings, setSettings] = useState<CaptureSettings | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void readCaptureSettings().then(setSettings);
  }, []);

  async function change(patch: Partial<CaptureSettings>) {
    if (!settings) return;
    const next = { ...settings, ...patch };
    setSettings(next);
    try {
      await saveCaptureSettings(next);
      setStatus('Saved.');
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Capture</h2>
      <p className="muted">Emails with your contacts in Gmail and Outlook are always logged to their history, once per message.</p>
      {settings ? (
        <div className="settings-form">
          <label>
            <input type="checkbox" checked={settings.logProfileVisits} onChange={(event) => void change({ logProfileVisits: event.target.checked })} /> Log my visits to a
            contact’s LinkedIn or GitHub profile (at most once a day)
          </label>
          <label>
            <input type="checkbox" checked={settings.autoAddCorrespondents} onChange={(event) => void change({ autoAddCorrespondents: event.target.checked })} /> Add people I
            email with in two or more threads as contacts
          </label>
        </div>
      ) : null}
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}
