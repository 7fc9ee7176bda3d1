import { useState } from 'react';
import { siteLabel } from '@/lib/detect/sites';
import type { DetectionReader } from '@/lib/model';

/** "Gmail's page looks different from what this version knows; …": the site's own name, from its declaration. */
export function readerText(reader: Pick<DetectionReader, 'site'>): string {
  return `${siteLabel(reader.site)}'s page looks different from what this version knows; showing what a generic reader found.`;
}

/**
 * Says that a webmail page was read by the generic fallback, not the site's own reader, and
 * offers its redacted outline for a bug report. The outline (tags, roles, class and attribute
 * names; no text, no values, no addresses) reaches the clipboard only on the user's click;
 * nothing is sent anywhere.
 */
export function ReaderNote({ reader }: { reader: DetectionReader }) {
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(`Sidebar CRM diagnostics: ${reader.site} page, missing ${reader.missing}\n${reader.outline}`);
      setStatus({ kind: 'ok', text: 'Copied: the page’s outline without its text, addresses or values. Paste it into a bug report; nothing was sent.' });
    } catch {
      setStatus({ kind: 'error', text: 'Could not copy: the browser refused the clipboard.' });
    }
  }

  return (
    <div role="note" className="reader-note">
      <p className="muted">{readerText(reader)}</p>
      <button type="button" className="secondary" onClick={() => void copy()}>
        Copy diagnostics
      </button>
      <p role="status" className={status?.kind === 'error' ? 'error' : 'muted'}>
        {status?.text ?? ''}
      </p>
    </div>
  );
}
