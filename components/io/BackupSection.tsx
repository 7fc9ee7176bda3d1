import { useId, useState } from 'react';
import { crmDatabase } from '@/lib/db';
import { backupCounts, createBackup, parseBackup, restoreBackup, serializeBackup, type Backup, type RefusedRow, type RestoreResult } from '@/lib/io/backup';
import { useSyncSettings } from '../sync/use-sync-settings';
import { RestoreWarnings } from './RestoreWarnings';
import { applyBackedUpSettings, readBackedUpSettings } from './backup-settings';
import { datedFileName, downloadText } from './download';
import { CancellableProgress } from './CancellableProgress';
import { CountsTable } from './CountsTable';
import { plural } from './format-labels';
import { PreviewActions } from './PreviewActions';
import { useCancellableRun } from './use-cancellable-run';
import { errorText } from '../ui/error-text';
import { FailureAlert } from '../ui/FailureAlert';

type RestoreStep =
  | { kind: 'choose' }
  | { kind: 'preview'; fileName: string; backup: Backup; refused: RefusedRow[] }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; result: RestoreResult };

/** Full backup as one JSON file, and restore (merge by id) with a preview and progress. */
export function BackupSection() {
  const id = useId();
  const [backingUp, setBackingUp] = useState(false);
  const [backupMessage, setBackupMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [step, setStep] = useState<RestoreStep>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const running = useCancellableRun();
  const sync = useSyncSettings();

  async function backUp() {
    setBackingUp(true);
    setBackupMessage(null);
    try {
      const backup = await createBackup(crmDatabase(), { settings: await readBackedUpSettings() });
      downloadText(datedFileName('sidebar-crm-backup', 'json'), serializeBackup(backup), 'application/json');
      const counts = backupCounts(backup);
      setBackupMessage({
        kind: 'ok',
        text: `Backup downloaded: ${plural(counts.contacts, 'contact')}, ${plural(counts.interactions, 'history entry', 'history entries')}, ${plural(counts.deals, 'deal')}, ${plural(counts.tasks, 'task')}.`,
      });
    } catch (failure) {
      setBackupMessage({ kind: 'error', text: `Could not make the backup: ${errorText(failure)}` });
    } finally {
      setBackingUp(false);
    }
  }

  async function chooseBackup(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      const parsed = parseBackup(await file.text());
      if (!parsed.ok) {
        setError(parsed.error);
        return;
      }
      setStep({ kind: 'preview', fileName: file.name, backup: parsed.backup, refused: parsed.refused });
    } catch (failure) {
      setError(`Could not read ${file.name}: ${errorText(failure)}`);
    }
  }

  async function restore(backup: Backup) {
    setStep({ kind: 'running', done: 0, total: 0 });
    try {
      await running.run(async (signal) => {
        const result = await restoreBackup(crmDatabase(), backup, {
          signal,
          applySettings: applyBackedUpSettings,
          onProgress: ({ done, total }) => setStep((current) => (current.kind === 'running' ? { ...current, done, total } : current)),
        });
        setStep({ kind: 'done', result });
      });
    } catch (failure) {
      setStep({ kind: 'choose' });
      setError(`The restore stopped: ${errorText(failure)}. What was restored before the error is kept; restoring again adds the rest.`);
    }
  }

  function restart() {
    setStep({ kind: 'choose' });
    setError(null);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="io-section">
      <h2 id={`${id}-heading`}>Backup and restore</h2>
      <p className="hint">
        A backup is one JSON file with all contacts (deleted ones too), history, deals, tasks, remembered column choices and settings.
        Sign-in tokens and other secrets are never in it. Tiers and activity facts are recomputed after a restore.
      </p>
      <div className="form-actions">
        <button type="button" onClick={() => void backUp()} disabled={backingUp}>
          {backingUp ? 'Making the backup…' : 'Download backup'}
        </button>
      </div>
      <p role="status" className={backupMessage?.kind === 'error' ? 'error' : 'muted'}>
        {backupMessage?.text ?? ''}
      </p>

      <h3>Restore</h3>
      {step.kind === 'choose' ? (
        <div className="setting">
          <label htmlFor={`${id}-file`}>Backup file to restore</label>
          <p id={`${id}-file-hint`} className="hint">
            Restoring merges by id: contacts that are newer in the file replace older ones here; everything else here is kept, and rows only
            in the file are added. Restoring the same file twice changes nothing.
          </p>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${id}-file-hint`}
            onChange={(event) => void chooseBackup(event.target.files?.[0])}
          />
        </div>
      ) : null}

      {step.kind === 'preview' ? (
        <div role="group" aria-labelledby={`${id}-preview-heading`}>
          <h4 id={`${id}-preview-heading`}>
            {step.fileName}: taken {new Date(step.backup.exportedAt).toLocaleString()}
          </h4>
          <CountsTable label="What the backup holds" rows={Object.entries(backupCounts(step.backup))} />
          <RestoreWarnings refused={step.refused} syncWorkspace={sync?.workspace} />
          <PreviewActions confirmLabel="Confirm restore" onConfirm={() => void restore(step.backup)} onChooseAgain={restart} />
        </div>
      ) : null}

      {step.kind === 'running' ? (
        <CancellableProgress
          status={`Restoring: ${step.done.toLocaleString('en')} of ${step.total.toLocaleString('en')} rows`}
          progressLabel="Restore progress"
          done={step.done}
          total={step.total}
          hint="Cancel stops after the current batch; what was restored stays, and restoring again completes it."
          cancelLabel="Cancel restore"
          onCancel={running.cancel}
        />
      ) : null}

      {step.kind === 'done' ? (
        <div>
          <p role="status">
            {step.result.cancelled ? 'Restore cancelled. ' : 'Restore finished. '}
            Added or updated {plural(step.result.written.contacts, 'contact')}, {plural(step.result.written.interactions, 'history entry', 'history entries')},{' '}
            {plural(step.result.written.deals, 'deal')}, {plural(step.result.written.tasks, 'task')}; kept {plural(step.result.kept, 'row')} that
            were already here.
          </p>
          <button type="button" onClick={restart}>
            Restore another file
          </button>
        </div>
      ) : null}

      <FailureAlert text={error} />
    </section>
  );
}
