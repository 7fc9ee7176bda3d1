import { useId, useState, type FormEvent } from 'react';
import { addTagToContacts, BULK_CHUNK, cleanTag, crmDatabase, deleteContacts, restoreContacts, setStageOfContacts, type BulkProgress } from '@/lib/db';
import { selectedContactsForExport } from '@/lib/db/queries/export';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@/lib/model';
import { datedFileName, downloadText } from '../io/download';
import { STAGE_LABEL } from '../profile/stage-labels';

/** What a bulk action did, for the status line under the list; Undo where it can be undone. */
export interface BulkReport {
  text: string;
  undo?: { label: string; run: () => Promise<string> };
}

const plural = (n: number, one: string, many: string = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The bar shown while contacts are selected: "3 selected", then Add tag, Change stage, Merge
 * (exactly two), Export (CSV or vCard), Delete (tombstones, with Undo) and Clear selection. Each write is one
 * transaction per chunk of contacts (lib/db/bulk.ts); past one chunk (a whole segment can be
 * tens of thousands) a progress bar says how far it has gone.
 */
export function BulkActions(props: {
  ids: readonly string[];
  onClear: () => void;
  onMerge: (keepId: string, otherId: string) => void;
  onReport: (report: BulkReport) => void;
  onFailure: (message: string) => void;
}) {
  const { ids, onClear, onMerge, onReport, onFailure } = props;
  const id = useId();
  const [open, setOpen] = useState<'tag' | 'stage' | 'export' | null>(null);
  const [tag, setTag] = useState('');
  const [tagError, setTagError] = useState<string | null>(null);
  const [stage, setStage] = useState<LifecycleStage>('prospect');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ doing: string; done: number; total: number } | null>(null);
  const count = ids.length;
  /** Progress of a write, shown only when it takes more than one chunk. */
  const track =
    (doing: string): BulkProgress =>
    (done, total) =>
      setProgress(total > BULK_CHUNK && done < total ? { doing, done, total } : null);

  async function run(action: () => Promise<BulkReport>) {
    setBusy(true);
    try {
      onReport(await action());
      setOpen(null);
    } catch (error) {
      onFailure(`That did not work, and nothing was changed in the last batch: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  function addTag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cleaned = cleanTag(tag);
    if (cleaned === '') {
      setTagError('Type the tag to add, like “conference”.');
      document.getElementById(`${id}-tag`)?.focus();
      return;
    }
    void run(async () => {
      const changed = await addTagToContacts(crmDatabase(), ids, cleaned, Date.now(), BULK_CHUNK, track('Tagging'));
      setTag('');
      return { text: `Tagged ${plural(changed.length, 'contact')} “${cleaned}”${changed.length < count ? ` (${count - changed.length} had it already)` : ''}.` };
    });
  }

  function changeStage(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      const changed = await setStageOfContacts(crmDatabase(), ids, stage, Date.now(), BULK_CHUNK, track('Moving'));
      return { text: `Moved ${plural(changed.length, 'contact')} to ${STAGE_LABEL[stage]}.` };
    });
  }

  /** The selection as a file, in the same formats as Options → Export (round-trips through Import). */
  function exportAs(format: 'csv' | 'vcard') {
    void run(async () => {
      // Loaded on demand: the exporters (papaparse, ical.js) would otherwise weigh on every panel opening.
      const { contactsToCsv, contactsToVcard } = await import('@/lib/io/formats');
      const contacts = await selectedContactsForExport(crmDatabase(), ids);
      if (format === 'csv') downloadText(datedFileName('sidebar-crm-contacts', 'csv'), contactsToCsv(contacts), 'text/csv;charset=utf-8');
      else downloadText(datedFileName('sidebar-crm-contacts', 'vcf'), contactsToVcard(contacts), 'text/vcard;charset=utf-8');
      return { text: `Exported ${plural(contacts.length, 'contact')} as ${format === 'csv' ? 'CSV' : 'vCard'}.` };
    });
  }

  function remove() {
    void run(async () => {
      const deleted = await deleteContacts(crmDatabase(), ids, Date.now(), BULK_CHUNK, track('Deleting'));
      onClear();
      return {
        text: `Deleted ${plural(deleted.length, 'contact')}.`,
        undo: {
          label: `Undo deleting ${plural(deleted.length, 'contact')}`,
          run: async () => `Restored ${plural((await restoreContacts(crmDatabase(), deleted)).length, 'contact')}.`,
        },
      };
    });
  }

  return (
    <section aria-label="Bulk actions" className="bulk-bar">
      <div className="bulk-buttons">
        <span className="bulk-count" aria-live="polite">
          {`${count.toLocaleString()} selected`}
        </span>
        <button type="button" className="secondary" aria-expanded={open === 'tag'} onClick={() => setOpen(open === 'tag' ? null : 'tag')}>
          Add tag
        </button>
        <button type="button" className="secondary" aria-expanded={open === 'stage'} onClick={() => setOpen(open === 'stage' ? null : 'stage')}>
          Change stage
        </button>
        <button
          type="button"
          className="secondary"
          disabled={count !== 2}
          aria-describedby={count !== 2 ? `${id}-merge-hint` : undefined}
          onClick={() => onMerge(ids[0]!, ids[1]!)}
        >
          Merge
        </button>
        <button type="button" className="secondary" aria-expanded={open === 'export'} onClick={() => setOpen(open === 'export' ? null : 'export')}>
          Export
        </button>
        <button type="button" className="secondary danger" disabled={busy} onClick={remove}>
          Delete
        </button>
        <button type="button" className="link-button" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {progress ? (
        <div className="bulk-progress" role="status">
          <label htmlFor={`${id}-progress`}>{`${progress.doing} ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} contacts…`}</label>
          <progress id={`${id}-progress`} max={progress.total} value={progress.done} />
        </div>
      ) : null}
      {count !== 2 ? (
        <p id={`${id}-merge-hint`} className="muted bulk-hint">
          Select exactly two contacts to merge them.
        </p>
      ) : null}
      {open === 'export' ? (
        <div role="group" aria-label="Export the selected contacts" className="crm-actions">
          <button type="button" className="secondary" disabled={busy} onClick={() => exportAs('csv')}>
            CSV (Google Contacts)
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => exportAs('vcard')}>
            vCard 4.0
          </button>
        </div>
      ) : null}
      {open === 'tag' ? (
        <form className="crm-form" aria-label="Add a tag to the selected contacts" noValidate onSubmit={addTag}>
          <div className="crm-field">
            <label htmlFor={`${id}-tag`}>Tag</label>
            <input
              id={`${id}-tag`}
              type="text"
              autoComplete="off"
              maxLength={80}
              value={tag}
              aria-invalid={tagError ? true : undefined}
              aria-describedby={tagError ? `${id}-tag-error` : undefined}
              onChange={(event) => {
                setTag(event.target.value);
                setTagError(null);
              }}
            />
            {tagError ? (
              <p id={`${id}-tag-error`} className="error form-error">
                {tagError}
              </p>
            ) : null}
          </div>
          <div className="crm-actions">
            <button type="submit" disabled={busy}>
              {`Tag ${plural(count, 'contact')}`}
            </button>
          </div>
        </form>
      ) : null}
      {open === 'stage' ? (
        <form className="crm-form" aria-label="Change the stage of the selected contacts" onSubmit={changeStage}>
          <div className="crm-field">
            <label htmlFor={`${id}-stage`}>New stage</label>
            <select id={`${id}-stage`} value={stage} onChange={(event) => setStage(event.target.value as LifecycleStage)}>
              {LIFECYCLE_STAGES.map((value) => (
                <option key={value} value={value}>
                  {STAGE_LABEL[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="crm-actions">
            <button type="submit" disabled={busy}>
              {`Move ${plural(count, 'contact')}`}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
