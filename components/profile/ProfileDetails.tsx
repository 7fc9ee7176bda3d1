import { useState, type FormEvent } from 'react';
import { addContactTag, crmDatabase, editContactField, removeContactTag, setContactStage } from '@/lib/db';
import { LIFECYCLE_STAGES, LifecycleStage, type Contact } from '@/lib/model';
import { InlineField, type FieldEdit } from './InlineField';
import { STAGE_LABEL } from './stage-labels';
import { UndoStatus } from '../ui/UndoStatus';
import { useCanWrite } from '../sync/use-membership';

const FIELDS = [
  { field: 'name', label: 'Name' },
  { field: 'title', label: 'Job title' },
  { field: 'company', label: 'Company' },
  { field: 'location', label: 'Location' },
] as const;

interface Undoable {
  /** What was done, in words: "Changed title." */
  text: string;
  /** The button's accessible name: "Undo title change". */
  undoLabel: string;
  undo: () => Promise<unknown>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The editable part of a profile: name, title, company, location, lifecycle stage and tags.
 * Every change is saved at once through lib/db; the last one can be undone (the undo is itself a
 * user edit, so it is remembered as typed).
 */
export function ProfileDetails({ contact }: { contact: Contact }) {
  return useCanWrite() ? <EditableDetails contact={contact} /> : <ReadOnlyDetails contact={contact} />;
}

/** A viewer's details: the same facts as text, nothing to edit. */
function ReadOnlyDetails({ contact }: { contact: Contact }) {
  return (
    <section aria-labelledby="details-heading" className="profile-block">
      <h3 id="details-heading">Details</h3>
      <dl className="profile-fields">
        {FIELDS.map(({ field, label }) => (
          <div key={field} className="profile-field">
            <dt>{label}</dt>
            <dd>{contact[field] || '—'}</dd>
          </div>
        ))}
        <div className="profile-field">
          <dt>Lifecycle stage</dt>
          <dd>{STAGE_LABEL[contact.stage]}</dd>
        </div>
      </dl>
      <h4>Tags</h4>
      {contact.tags.length === 0 ? <p className="muted">No tags.</p> : <p>{contact.tags.join(', ')}</p>}
    </section>
  );
}

function EditableDetails({ contact }: { contact: Contact }) {
  const [last, setLast] = useState<Undoable | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [newTag, setNewTag] = useState('');
  const db = crmDatabase();

  function fieldEdited({ field, previous }: FieldEdit) {
    const label = FIELDS.find((f) => f.field === field)?.label.toLowerCase() ?? field;
    setFailure(null);
    setLast({
      text: `Saved ${label}.`,
      undoLabel: `Undo ${label} change`,
      undo: () => editContactField(db, contact.id, field, previous),
    });
  }

  async function run(action: () => Promise<unknown>, done: Undoable | null, failed: string) {
    setFailure(null);
    try {
      await action();
      setLast(done);
    } catch (error) {
      setFailure(`${failed}: ${message(error)}`);
    }
  }

  async function undo() {
    if (!last) return;
    const undone = last;
    setLast(null);
    try {
      await undone.undo();
      setFailure(null);
    } catch (error) {
      setFailure(`Could not undo: ${message(error)}`);
    }
  }

  function changeStage(value: string) {
    const stage = LifecycleStage.safeParse(value);
    if (!stage.success) return;
    const previous = contact.stage;
    void run(
      () => setContactStage(db, contact.id, stage.data),
      { text: `Stage changed to ${STAGE_LABEL[stage.data]}.`, undoLabel: 'Undo stage change', undo: () => setContactStage(db, contact.id, previous) },
      'Could not change the stage',
    );
  }

  function addTag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tag = newTag.trim();
    if (tag === '') {
      setFailure('Type a tag first, like “vip”.');
      return;
    }
    void run(
      async () => {
        await addContactTag(db, contact.id, tag);
        setNewTag('');
      },
      null,
      'Could not add the tag',
    );
  }

  function removeTag(tag: string) {
    void run(
      () => removeContactTag(db, contact.id, tag),
      { text: `Removed tag “${tag}”.`, undoLabel: `Undo removing tag ${tag}`, undo: () => addContactTag(db, contact.id, tag) },
      'Could not remove the tag',
    );
  }

  return (
    <section aria-labelledby="details-heading" className="profile-block">
      <h3 id="details-heading">Details</h3>
      <div className="profile-fields">
        {FIELDS.map(({ field, label }) => (
          <InlineField
            key={field}
            contactId={contact.id}
            field={field}
            label={label}
            stored={contact[field]}
            onEdited={fieldEdited}
            onError={setFailure}
          />
        ))}
        <div className="profile-field">
          <label htmlFor="profile-stage">Lifecycle stage</label>
          <select id="profile-stage" value={contact.stage} onChange={(event) => changeStage(event.target.value)}>
            {LIFECYCLE_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {STAGE_LABEL[stage]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <UndoStatus change={last} onUndo={() => void undo()} failure={failure} />
      <h4 id="tags-heading">Tags</h4>
      {contact.tags.length === 0 ? (
        <p className="muted">No tags yet. Tags group contacts, like “vip” or “conference 2026”.</p>
      ) : (
        <ul className="tag-list" aria-labelledby="tags-heading">
          {contact.tags.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => removeTag(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="tag-form" aria-label="Add tag" onSubmit={addTag}>
        <label htmlFor="profile-new-tag" className="visually-hidden">
          New tag
        </label>
        <input
          id="profile-new-tag"
          type="text"
          autoComplete="off"
          maxLength={80}
          placeholder="New tag"
          value={newTag}
          onChange={(event) => setNewTag(event.target.value)}
        />
        <button type="submit" className="secondary">
          Add tag
        </button>
      </form>
    </section>
  );
}
