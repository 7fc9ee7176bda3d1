import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { crmDatabase, templatesOfferedFor } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { audienceNote, renderForContact } from '@/lib/templates';
import { braces } from './placeholder-help';
import './templates.css';

/** Subject line, blank line, body: what lands in the clipboard. */
function clipboardText(rendered: { subject?: string; body: string }): string {
  return rendered.subject ? `${rendered.subject}\n\n${rendered.body}` : rendered.body;
}

/**
 * A contact's profile → Templates: pick a template, read it filled in for this person, with the
 * placeholders this contact has no value for flagged before it is used, and copy it. Only the
 * templates for everyone and for a segment this person is in are offered (issue 22), decided on
 * this contact's facts alone; one written for a segment says so.
 */
export function ContactTemplates({ contact }: { contact: Contact }) {
  const id = useId();
  // Reads the contact's value and activity rows too, so a tier or a logged touch that moves them
  // into or out of a segment changes what is offered at once.
  const read = useHeldLiveQuery(async () => {
    const db = crmDatabase();
    const [offered, total] = await Promise.all([templatesOfferedFor(db, contact), db.templates.count()]);
    return { offered, total };
  }, [contact]);
  const offered = read?.offered;
  const [chosenId, setChosenId] = useState('');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const chosenOffer = offered?.find(({ template }) => template.id === chosenId) ?? offered?.[0];
  const chosen = chosenOffer?.template;
  const forSegment = chosenOffer?.audience.kind === 'segment' ? chosenOffer.audience.segment.name : null;
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
      {read === undefined ? (
        <p role="status">Loading templates…</p>
      ) : !chosen || !rendered ? (
        <p className="muted">
          {read.total === 0 ? 'No templates yet.' : 'No templates for this contact: each one is for a segment they are not in.'}{' '}
          <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
            {read.total === 0 ? 'Write one in Options' : 'Write one for everyone in Options'}
          </button>
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-choice`}>Template</label>
          <select
            id={`${id}-choice`}
            value={chosen.id}
            aria-describedby={forSegment ? `${id}-why` : undefined}
            onChange={(event) => {
              setChosenId(event.target.value);
              setStatus(null);
            }}
          >
            {(offered ?? []).map(({ template, audience }) => (
              <option key={template.id} value={template.id}>
                {audience.kind === 'segment' ? `${template.name} (${audienceNote(audience)})` : template.name}
              </option>
            ))}
          </select>
          {forSegment ? (
            <p className="muted" id={`${id}-why`}>
              Offered because this contact is in “{forSegment}”, the segment this template is for.
            </p>
          ) : null}
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
