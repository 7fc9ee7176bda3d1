import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { crmDatabase, listTemplates } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { renderForContact } from '@/lib/templates';
import { braces } from './placeholder-help';
import './templates.css';

/** Subject line, blank line, body: what lands in the clipboard. */
function clipboardText(rendered: { subject?: string; body: string }): string {
  return rendered.subject ? `${rendered.subject}\n\n${rendered.body}` : rendered.body;
}

/**
 * A contact's profile → Templates: pick a template, read it filled in for this person, with the
 * placeholders this contact has no value for flagged before it is used, and copy it.
 */
export function ContactTemplates({ contact }: { contact: Contact }) {
  const id = useId();
  const templates = useHeldLiveQuery(() => listTemplates(crmDatabase()), []);
  const [chosenId, setChosenId] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const chosen = templates?.find((template) => template.id === chosenId) ?? templates?.[0];
  const rendered = chosen ? renderForContact(chosen, contact) : null;

  async function copy() {
    if (!rendered) return;
    try {
      await navigator.clipboard.writeText(clipboardText(rendered));
      setStatus({
        kind: 'ok',
        text: rendered.missing.length > 0 ? `Copied “${rendered.name}”, with placeholders still to fill in.` : `Copied “${rendered.name}”.`,
      });
    } catch {
      setStatus({ kind: 'error', text: 'Could not copy: the browser refused the clipboard. Select the preview text and copy it instead.' });
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="profile-block template-picker">
      <h3 id={`${id}-heading`}>Templates</h3>
      {templates === undefined ? (
        <p role="status">Loading templates…</p>
      ) : templates.length === 0 || !chosen || !rendered ? (
        <p className="muted">
          No templates yet.{' '}
          <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
            Write one in Options
          </button>
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-choice`}>Template</label>
          <select
            id={`${id}-choice`}
            value={chosen.id}
            onChange={(event) => {
              setChosenId(event.target.value);
              setStatus(null);
            }}
          >
            {templates.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
          </select>
          {rendered.missing.length > 0 ? (
            <p className="template-missing" id={`${id}-missing`}>
              Missing for this contact: {rendered.missing.map(braces).join(', ')}. Fill them in on the profile, or give the placeholder a
              fallback in Options ({'{{company|your team}}'}); as it is, they are copied as written.
            </p>
          ) : null}
          {rendered.errorCount > 0 ? (
            <p className="error">This template has placeholders written wrong: fix them in Options → Templates.</p>
          ) : null}
          <div aria-label={`Preview of ${rendered.name}`} role="group" aria-describedby={rendered.missing.length > 0 ? `${id}-missing` : undefined}>
            {rendered.subject ? <p className="template-preview-subject">{rendered.subject}</p> : null}
            <p className="template-preview">{rendered.body}</p>
          </div>
          <div className="template-actions">
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
            <span role="status" className={status?.kind === 'error' ? 'error' : 'muted'}>
              {status?.text ?? ''}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
