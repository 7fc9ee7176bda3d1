import { useId, useRef, useState, type DragEvent } from 'react';
import { crmDatabase } from '@/lib/db';
import { planImport, type ImportPlan } from '@/lib/io/import-plan';
import { runImport, type ImportProgress, type ImportResult } from '@/lib/io/import-run';
import { recallMapping, rememberMapping } from '@/lib/io/mapping-memory';
import type { ColumnMapping, ParsedImport } from '@/lib/io/types';
import { CancellableProgress } from './CancellableProgress';
import { ColumnMappingForm } from './ColumnMappingForm';
import { FORMAT_LABEL, plural } from './format-labels';
import { guessMapping, headerSignature, ImportFileError, parseImportFile } from './formats-api';
import { RejectedRows } from './RejectedRows';
import { FailureAlert } from '../ui/FailureAlert';

interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

type Step =
  | { kind: 'choose' }
  | { kind: 'reading'; fileName: string; done: number; total: number }
  | { kind: 'mapping'; file: ChosenFile; parsed: ParsedImport; initial: ColumnMapping; remembered: boolean }
  | { kind: 'preview'; file: ChosenFile; parsed: ParsedImport; plan: ImportPlan }
  | { kind: 'running'; plan: ImportPlan; progress: ImportProgress }
  | { kind: 'done'; plan: ImportPlan; result: ImportResult };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Import: choose or drop a file → (columns, for an unknown CSV layout) → preview with counts →
 * confirm → progress with Cancel → result. Nothing is written before Confirm.
 */
export function ImportSection() {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);
  const [currency, setCurrency] = useState('USD');
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function preview(file: ChosenFile, parsed: ParsedImport, update: boolean) {
    const plan = await planImport(crmDatabase(), parsed, { updateExisting: update });
    setStep({ kind: 'preview', file, parsed, plan });
  }

  async function read(file: ChosenFile, mapping?: ColumnMapping): Promise<ParsedImport> {
    setStep({ kind: 'reading', fileName: file.name, done: 0, total: file.bytes.length });
    return parseImportFile(file.bytes, {
      fileName: file.name,
      mapping,
      defaultCurrency: currency,
      onProgress: ({ processed, total }) => setStep({ kind: 'reading', fileName: file.name, done: processed, total }),
    });
  }

  async function chooseFile(picked: File | undefined) {
    if (!picked) return;
    setError(null);
    try {
      const file = { name: picked.name, bytes: new Uint8Array(await picked.arrayBuffer()) };
      let parsed = await read(file);
      if (parsed.format === 'backup-json') {
        setStep({ kind: 'choose' });
        setError('This file is a full Sidebar CRM backup: restore it under “Backup and restore” below.');
        return;
      }
      if (parsed.format === 'csv' && parsed.headers) {
        const headers = parsed.headers;
        const remembered = await recallMapping(crmDatabase(), headerSignature(headers));
        if (remembered) parsed = await read(file, remembered);
        setStep({
          kind: 'mapping',
          file,
          parsed,
          initial: remembered ?? parsed.mapping ?? guessMapping(headers),
          remembered: !!remembered,
        });
        return;
      }
      await preview(file, parsed, updateExisting);
    } catch (failure) {
      setStep({ kind: 'choose' });
      setError(
        failure instanceof ImportFileError ? `${picked.name}: ${failure.message}` : `Could not read ${picked.name}: ${messageOf(failure)}`,
      );
    }
  }

  async function confirmMapping(file: ChosenFile, headers: readonly string[], mapping: ColumnMapping) {
    try {
      await rememberMapping(crmDatabase(), headerSignature([...headers]), mapping);
      await preview(file, await read(file, mapping), updateExisting);
    } catch (failure) {
      setStep({ kind: 'choose' });
      setError(`Could not read ${file.name}: ${messageOf(failure)}`);
    }
  }

  async function confirm(plan: ImportPlan) {
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'running', plan, progress: { phase: 'contacts', done: 0, total: 0 } });
    try {
      const result = await runImport(crmDatabase(), plan, {
        signal: controller.signal,
        onProgress: (progress) => setStep((current) => (current.kind === 'running' ? { ...current, progress } : current)),
      });
      setStep({ kind: 'done', plan, result });
    } catch (failure) {
      setStep({ kind: 'choose' });
      setError(`The import stopped: ${messageOf(failure)}. What was written before the error is kept; importing the same file again adds the rest.`);
    } finally {
      abort.current = null;
    }
  }

  function restart() {
    setStep({ kind: 'choose' });
    setError(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void chooseFile(event.dataTransfer.files[0]);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="io-section">
      <h2 id={`${id}-heading`}>Import</h2>
      {step.kind === 'choose' ? (
        <>
          <p className="hint">
            Contacts from Google Contacts, Outlook, LinkedIn (Connections.csv), HubSpot or any CSV; vCard files (.vcf); purchases as a
            transactions CSV (email or contact id, date, amount, currency) or the CDNOW file. You see what will happen before anything is
            written.
          </p>
          <div className="setting">
            <label htmlFor={`${id}-currency`}>Currency of amounts without one (purchase files)</label>
            <input
              id={`${id}-currency`}
              value={currency}
              maxLength={3}
              autoComplete="off"
              onChange={(event) => setCurrency(event.target.value.toUpperCase().replace(/[^A-Z]/g, ''))}
            />
          </div>
          <div
            className={`io-drop${dragging ? ' io-drop-active' : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <label htmlFor={`${id}-file`}>File to import</label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept=".csv,.tsv,.txt,.vcf,.vcard,.json,text/csv,text/vcard"
              aria-describedby={`${id}-drop-hint`}
              onChange={(event) => void chooseFile(event.target.files?.[0])}
            />
            <p id={`${id}-drop-hint`} className="hint">
              Or drop the file here.
            </p>
          </div>
        </>
      ) : null}

      {step.kind === 'reading' ? (
        <div>
          <p role="status">Reading {step.fileName}…</p>
          <progress aria-label={`Reading ${step.fileName}`} max={Math.max(step.total, 1)} value={step.done} />
        </div>
      ) : null}

      {step.kind === 'mapping' ? (
        <ColumnMappingForm
          headers={step.parsed.headers ?? []}
          initial={step.initial}
          remembered={step.remembered}
          onConfirm={(mapping) => void confirmMapping(step.file, step.parsed.headers ?? [], mapping)}
          onCancel={restart}
        />
      ) : null}

      {step.kind === 'preview' ? (
        <ImportPreview
          plan={step.plan}
          fileName={step.file.name}
          updateExisting={updateExisting}
          onUpdateExisting={(update) => {
            setUpdateExisting(update);
            void preview(step.file, step.parsed, update).catch((failure: unknown) => setError(messageOf(failure)));
          }}
          onConfirm={() => void confirm(step.plan)}
          onCancel={restart}
        />
      ) : null}

      {step.kind === 'running' ? (
        <CancellableProgress
          className="io-running"
          status={`Importing ${step.progress.phase === 'contacts' ? 'contacts' : 'purchases'}: ${step.progress.done.toLocaleString('en')} of ${step.progress.total.toLocaleString('en')}`}
          progressLabel="Import progress"
          done={step.progress.done}
          total={step.progress.total}
          hint="Cancel stops after the current batch: everything imported up to then stays, each contact complete."
          cancelLabel="Cancel import"
          onCancel={() => abort.current?.abort()}
        />
      ) : null}

      {step.kind === 'done' ? (
        <div className="io-done">
          <p role="status">
            {step.result.cancelled ? 'Import cancelled. ' : 'Import finished. '}
            {[
              plural(step.result.created, 'contact') + ' created',
              plural(step.result.merged, 'contact') + ' updated',
              plural(step.result.skipped, 'row') + ' skipped',
              ...(step.result.deals > 0 ? [plural(step.result.deals, 'purchase') + ' added'] : []),
              plural(step.result.rejected.length, 'row') + ' rejected',
            ].join(', ')}
            .
          </p>
          <RejectedRows rows={step.result.rejected} headingId={`${id}-done-rejected`} />
          <div className="form-actions">
            <button type="button" onClick={restart}>
              Import another file
            </button>
          </div>
        </div>
      ) : null}

      <FailureAlert text={error} />
    </section>
  );
}

function ImportPreview(props: {
  plan: ImportPlan;
  fileName: string;
  updateExisting: boolean;
  onUpdateExisting: (update: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { plan } = props;
  const { counts } = plan;
  const writes = counts.create + counts.merge + counts.deals + counts.customers;
  const rows: [string, number][] = [
    ['New contacts', counts.create],
    ['Merged into stored contacts', counts.merge],
    ['Skipped (already stored or repeated in the file)', counts.skip],
    ['Rejected rows', counts.rejected],
  ];
  if (plan.transactions.length > 0 || counts.dealsSkipped > 0 || counts.customers > 0) {
    rows.push(['Purchases to add as won deals', counts.deals], ['Purchases already stored', counts.dealsSkipped], ['New customers for purchases', counts.customers]);
  }
  return (
    <div className="io-preview" aria-labelledby={`${id}-heading`} role="group">
      <h3 id={`${id}-heading`}>
        Preview of {props.fileName}: {FORMAT_LABEL[plan.format]}, {plural(plan.rows, 'row')}
      </h3>
      <table className="io-counts" aria-label="What the import will do">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.notices.length > 0 ? (
        <ul className="hint" aria-label="Notes about the file">
          {plan.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      ) : null}
      <div className="io-check">
        <input
          id={`${id}-update`}
          type="checkbox"
          checked={props.updateExisting}
          aria-describedby={`${id}-update-hint`}
          onChange={(event) => props.onUpdateExisting(event.target.checked)}
        />
        <label htmlFor={`${id}-update`}>Update existing contacts</label>
        <p id={`${id}-update-hint`} className="hint">
          Off: stored contacts only gain what they lack (new emails, phones, profiles, tags, empty fields). On: the file’s name, company,
          title, location and photo replace stored ones, except fields you typed yourself.
        </p>
      </div>
      <RejectedRows rows={plan.rejected} headingId={`${id}-rejected`} />
      <div className="form-actions">
        <button type="button" className="io-primary" onClick={props.onConfirm} disabled={writes === 0}>
          {writes === 0 ? 'Nothing to import' : 'Confirm import'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Choose another file
        </button>
      </div>
    </div>
  );
}
