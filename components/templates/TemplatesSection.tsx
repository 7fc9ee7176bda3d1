import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { crmDatabase, deleteTemplate, listSegments, listTemplates, restoreDeletedTemplate, saveTemplate } from '@/lib/db';
import { audienceNote, parseTemplate, renderForContact, templateAudience, type MessageTemplate } from '@/lib/templates';
import { SegmentChoice } from '../segments/SegmentChoice';
import { PLACEHOLDER_HELP } from './placeholder-help';
import { FailureAlert } from '../ui/FailureAlert';
import './templates.css';

interface Draft {
  id?: string;
  name: string;
  subject: string;
  body: string;
  /** A saved segment's id, '' for everyone. */
  segmentId: string;
}

const EMPTY: Draft = { name: '', subject: '', body: '', segmentId: '' };

/** Whom the editor's preview is written for: a made-up contact with every field filled. */
const SAMPLE = {
  name: 'Ada Lovelace',
  emails: ['ada@example.org'],
  phones: ['+44 20 7946 0000'],
  company: 'Analytical Engines Ltd',
  title: 'Head of Research',
  location: 'London',
  tags: ['school: University of London'],
};

/**
 * Options → Templates: write, edit and delete message templates. Placeholders written wrong are
 * listed under the editor and block saving; a preview shows the text for a sample contact.
 */
export function TemplatesSection() {
  const id = useId();
  const templates = useHeldLiveQuery(() => listTemplates(crmDatabase()), []);
  const segments = useHeldLiveQuery(() => listSegments(crmDatabase()), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<string | null>(null);
  const [change, setChange] = useState<{ text: string; undo?: MessageTemplate } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const placeholderErrors = useMemo(
    () => [...parseTemplate(draft.subject).errors, ...parseTemplate(draft.body).errors].map((error) => error.message),
    [draft.subject, draft.body],
  );
  const preview = draft.body.trim() ? renderForContact({ id: 'preview', name: draft.name, subject: draft.subject, body: draft.body }, SAMPLE) : null;

  function edit(template: MessageTemplate) {
    setDraft({ id: template.id, name: template.name, subject: template.subject ?? '', body: template.body, segmentId: template.segmentId ?? '' });
    setProblems(null);
    document.getElementById(`${id}-name`)?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (placeholderErrors.length > 0) {
      setProblems('Nothing saved: fix the placeholders listed under the message.');
      document.getElementById(`${id}-body`)?.focus();
      return;
    }
    try {
      const { segmentId, ...fields } = draft;
      const saved = await saveTemplate(crmDatabase(), { ...fields, ...(segmentId ? { segmentId } : {}) });
      setChange({ text: `${draft.id ? 'Saved' : 'Added'} “${saved.name}”.` });
      setFailure(null);
      setProblems(null);
      setDraft(EMPTY);
    } catch (error) {
      const issues = (error as { issues?: Array<{ message: string }> }).issues;
      setProblems(`Nothing saved: ${issues?.[0]?.message ?? (error instanceof Error ? error.message : String(error))}`);
    }
  }

  async function remove(template: MessageTemplate) {
    try {
      await deleteTemplate(crmDatabase(), template.id);
      if (draft.id === template.id) setDraft(EMPTY);
      setChange({ text: `Deleted “${template.name}”.`, undo: template });
      setFailure(null);
    } catch (error) {
      setFailure(`Could not delete “${template.name}”: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function undo() {
    if (!change?.undo) return;
    try {
      await restoreDeletedTemplate(crmDatabase(), change.undo);
      setChange({ text: `Restored “${change.undo.name}”.` });
    } catch (error) {
      setFailure(`Could not restore “${change.undo.name}”: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const hasError = problems !== null && placeholderErrors.length > 0;
  const segmentDeleted = segments !== undefined && draft.segmentId !== '' && !segments.some((segment) => segment.id === draft.segmentId);
  return (
    <section aria-labelledby={`${id}-heading`} className="templates-section">
      <h2 id={`${id}-heading`}>Templates</h2>
      <p className="muted">
        Messages you send often, filled in for each person: preview and copy them from a contact’s profile in the side panel, or insert
        them from the Templates button beside a Gmail or Outlook message.
      </p>
      {templates === undefined ? (
        <p role="status">Loading templates…</p>
      ) : templates.length === 0 ? (
        <p className="muted">No templates yet. Write your first one below.</p>
      ) : (
        <ul className="template-list" aria-label="Saved templates">
          {templates.map((template) => (
            <li key={template.id}>
              <span className="template-name">{template.name}</span>
              <span className="template-subject">{template.subject ?? ''}</span>
              <span className="template-audience">{audienceNote(templateAudience(template, segments ?? [])) ?? ''}</span>
              <button type="button" className="link-button" aria-label={`Edit ${template.name}`} onClick={() => edit(template)}>
                Edit
              </button>
              <button type="button" className="link-button" aria-label={`Delete ${template.name}`} onClick={() => void remove(template)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="template-actions">
        {change ? <span>{change.text}</span> : null}
        {change?.undo ? (
          <button type="button" className="link-button" aria-label={`Undo deleting ${change.undo.name}`} onClick={() => void undo()}>
            Undo
          </button>
        ) : null}
      </div>
      <FailureAlert text={failure} />

      <form className="template-form" aria-label={draft.id ? 'Edit template' : 'New template'} noValidate onSubmit={(event) => void submit(event)}>
        <h3>{draft.id ? `Editing “${templates?.find((t) => t.id === draft.id)?.name ?? draft.name}”` : 'New template'}</h3>
        <div className="setting">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" autoComplete="off" maxLength={120} value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="setting">
          <label htmlFor={`${id}-subject`}>Subject (optional)</label>
          <input id={`${id}-subject`} type="text" autoComplete="off" maxLength={300} value={draft.subject} onChange={(event) => setDraft({ ...draft, subject: event.target.value })} />
        </div>
        <div className="setting">
          <SegmentChoice
            label="Use for"
            everyone="Everyone"
            value={draft.segmentId}
            onChange={(segmentId) => setDraft({ ...draft, segmentId })}
            describedBy={`${id}-use-for`}
          />
          <p id={`${id}-use-for`} className="hint">
            {segmentDeleted
              ? 'The segment this template was for was deleted, so it is offered to everyone. Choose a segment to limit it again.'
              : segments !== undefined && segments.length === 0
                ? 'To offer a template only to one group, save a segment first: side panel → All contacts → Filter → Save as segment.'
                : 'A template for a segment is offered only on its members’ profiles, and listed first for outreach to that segment.'}
          </p>
        </div>
        <div className="setting">
          <label htmlFor={`${id}-body`}>Message</label>
          <p id={`${id}-help`} className="hint">
            {PLACEHOLDER_HELP}
          </p>
          <textarea
            id={`${id}-body`}
            value={draft.body}
            maxLength={20_000}
            aria-invalid={hasError ? true : undefined}
            aria-describedby={[`${id}-help`, placeholderErrors.length > 0 ? `${id}-problems` : null].filter(Boolean).join(' ')}
            onChange={(event) => setDraft({ ...draft, body: event.target.value })}
          />
          {placeholderErrors.length > 0 ? (
            <ul id={`${id}-problems`} className="template-problems" aria-label="Placeholder problems">
              {placeholderErrors.map((message, index) => (
                <li key={index}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
        {preview ? (
          <div>
            <h4>Preview for a sample contact ({SAMPLE.name})</h4>
            {preview.subject ? <p className="template-preview-subject">{preview.subject}</p> : null}
            <p className="template-preview">{preview.body}</p>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit">{draft.id ? 'Save template' : 'Add template'}</button>
          {draft.id || draft.name || draft.body ? (
            <button type="button" onClick={() => (setDraft(EMPTY), setProblems(null))}>
              {draft.id ? 'Cancel editing' : 'Clear'}
            </button>
          ) : null}
        </div>
        <p role="status" className={problems ? 'error' : 'muted'}>
          {problems ?? ''}
        </p>
      </form>
    </section>
  );
}
