import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useState } from 'react';
import { ZodError } from 'zod';
import { crmDatabase, deleteSegment, listSegments, renameSegment, restoreDeletedSegment, setSegmentCadence } from '@/lib/db';
import { CadenceEditor } from '../cadences/CadenceEditor';
import { everyDays } from '@/lib/cadences';
import type { Segment } from '@/lib/model';
import { describeRule } from '@/lib/segments';
import { errorText } from '../ui/error-text';
import { UndoStatus } from '../ui/UndoStatus';
import './segments.css';

/**
 * The saved segments under All contacts' filter: apply one (the list then shows its members),
 * start an outreach to its members (components/outreach), rename or delete it (with Undo). Every
 * control is a button, a link or a labelled field, named after its segment, so each has its own
 * accessible name. Renders nothing while there are none.
 */
export function SavedSegments(props: {
  applied: string | null;
  onApply: (segment: Segment | null) => void;
  ownerName: (id: string) => string;
  writable: boolean;
}) {
  const { applied, onApply, ownerName, writable } = props;
  const segments = useHeldLiveQuery(() => listSegments(crmDatabase()), []);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [change, setChange] = useState<{ text: string; undoLabel: string; deleted: Segment } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const remove = async (segment: Segment) => {
    setFailure(null);
    try {
      await deleteSegment(crmDatabase(), segment.id);
      if (applied === segment.id) onApply(null);
      setChange({ text: `Deleted segment “${segment.name}”.`, undoLabel: `Undo deleting segment ${segment.name}`, deleted: segment });
    } catch (error) {
      setFailure(`Could not delete “${segment.name}”: ${errorText(error)}`);
    }
  };
  const undo = async () => {
    if (!change) return;
    try {
      await restoreDeletedSegment(crmDatabase(), change.deleted);
      setChange(null);
    } catch (error) {
      setFailure(`Could not undo: ${errorText(error)}`);
    }
  };

  if (!segments || (segments.length === 0 && !change)) return null;
  return (
    <section className="saved-segments" aria-label="Saved segments">
      <h3>Segments</h3>
      <ul className="segment-list">
        {segments.map((segment) =>
          renaming === segment.id ? (
            <li key={segment.id}>
              <RenameForm segment={segment} onDone={() => setRenaming(null)} />
            </li>
          ) : (
            <li key={segment.id}>
              <button type="button" className="segment-apply" aria-pressed={applied === segment.id} onClick={() => onApply(applied === segment.id ? null : segment)}>
                {segment.name}
              </button>
              <span className="muted segment-rule">{describeRule(segment.rule, ownerName)}</span>
              {writable ? (
                <>
                  <a href={`#outreach/${segment.id}`} className="link-button" aria-label={`Outreach to segment ${segment.name}`}>
                    Outreach
                  </a>
                  <button type="button" className="link-button" aria-label={`Rename segment ${segment.name}`} onClick={() => setRenaming(segment.id)}>
                    Rename
                  </button>
                  <button type="button" className="link-button" aria-label={`Delete segment ${segment.name}`} onClick={() => void remove(segment)}>
                    Delete
                  </button>
                  <CadenceEditor
                    subject={`segment ${segment.name}`}
                    days={segment.cadenceDays}
                    onSave={async (days) => void (await setSegmentCadence(crmDatabase(), segment.id, days))}
                  />
                </>
              ) : segment.cadenceDays !== undefined ? (
                <span className="muted">{`Keep in touch: ${everyDays(segment.cadenceDays)}`}</span>
              ) : null}
            </li>
          ),
        )}
      </ul>
      <UndoStatus change={change} onUndo={() => void undo()} failure={failure} />
    </section>
  );
}

/** Renames in place: Enter saves, Escape or Cancel keeps the old name. */
function RenameForm({ segment, onDone }: { segment: Segment; onDone: () => void }) {
  const [name, setName] = useState(segment.name);
  const [failure, setFailure] = useState<string | null>(null);
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await renameSegment(crmDatabase(), segment.id, name);
      onDone();
    } catch (error) {
      setFailure(error instanceof ZodError ? (error.issues[0]?.message ?? 'This name cannot be used.') : errorText(error));
    }
  };
  const errorId = `rename-${segment.id}-error`;
  return (
    <form
      className="segment-rename"
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <input
        aria-label={`New name for segment ${segment.name}`}
        value={name}
        maxLength={120}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        aria-invalid={failure ? true : undefined}
        aria-describedby={failure ? errorId : undefined}
      />
      <button type="submit">Save name</button>
      <button type="button" onClick={onDone}>
        Cancel rename
      </button>
      {failure ? (
        <p id={errorId} role="alert" className="error">
          {failure}
        </p>
      ) : null}
    </form>
  );
}
