import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { crmDatabase, editContactField } from '@/lib/db';
import type { EditableField } from '@/lib/model';

/** How long typing may pause before what was typed is saved (so a closed panel loses nothing). */
const SAVE_DELAY_MS = 400;

export interface FieldEdit {
  field: EditableField;
  previous: string;
  next: string;
}

/**
 * One contact field, edited in place. What is typed is saved as you type (after a short pause),
 * on Enter and on leaving the field; Esc puts back the value the field had when you entered it.
 * Each finished edit is reported once, with the value before it, so it can be undone.
 */
export function InlineField({
  contactId,
  field,
  label,
  stored,
  onEdited,
  onError,
}: {
  contactId: string;
  field: EditableField;
  label: string;
  stored: string | undefined;
  onEdited: (edit: FieldEdit) => void;
  onError: (message: string) => void;
}) {
  const id = `profile-field-${field}`;
  const [draft, setDraft] = useState(stored ?? '');
  const [editing, setEditing] = useState(false);
  const original = useRef(stored ?? '');
  const latestStored = useRef(stored ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const draftRef = useRef(draft);
  useEffect(() => {
    latestStored.current = stored ?? '';
  }, [stored]);

  async function save(value: string): Promise<void> {
    if (value.trim() === latestStored.current) return;
    try {
      await editContactField(crmDatabase(), contactId, field, value);
    } catch (error) {
      onError(`Could not save ${label.toLowerCase()}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function cancelTimer() {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  }

  // Leaving the page mid-edit: save what is there now.
  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined) {
        cancelTimer();
        void save(draftRef.current);
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
    // save reads refs only; the listener is set once per field.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contactId, field]);

  function finish() {
    cancelTimer();
    const next = draftRef.current.trim();
    setEditing(false);
    void save(draftRef.current).then(() => {
      if (next !== original.current) onEdited({ field, previous: original.current, next });
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.currentTarget.blur();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancelTimer();
      draftRef.current = original.current;
      setDraft(original.current);
      void save(original.current);
    }
  }

  return (
    <div className="profile-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        maxLength={300}
        // While not being edited, the field shows what is stored (another tab may change it).
        value={editing ? draft : (stored ?? '')}
        onFocus={() => {
          original.current = latestStored.current;
          draftRef.current = latestStored.current;
          setDraft(latestStored.current);
          setEditing(true);
        }}
        onChange={(event) => {
          const value = event.target.value;
          draftRef.current = value;
          setDraft(value);
          cancelTimer();
          timer.current = setTimeout(() => {
            timer.current = undefined;
            void save(value);
          }, SAVE_DELAY_MS);
        }}
        onBlur={finish}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
