import { useId } from 'react';
import { CancellableProgress } from './CancellableProgress';
import { ColumnMappingForm } from './ColumnMappingForm';
import { ImportChooser } from './ImportChooser';
import { ImportDone } from './ImportDone';
import { ImportPreview } from './ImportPreview';
import { useImportFlow } from './use-import-flow';
import { FailureAlert } from '../ui/FailureAlert';

/**
 * Import: choose or drop a file → (columns, for an unknown CSV layout) → preview with counts →
 * confirm → progress with Cancel → result. Nothing is written before Confirm. Each step is its
 * own component; `useImportFlow` moves between them.
 */
export function ImportSection() {
  const id = useId();
  const flow = useImportFlow();
  const { step } = flow;

  return (
    <section aria-labelledby={`${id}-heading`} className="io-section">
      <h2 id={`${id}-heading`}>Import</h2>
      {step.kind === 'choose' ? <ImportChooser currency={flow.currency} onCurrency={flow.setCurrency} onChoosing={flow.warm} onChoosingCancelled={flow.release} onFile={(file) => void flow.chooseFile(file)} /> : null}

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
          onConfirm={(mapping) => void flow.confirmMapping(step.file, step.parsed.headers ?? [], mapping)}
          onCancel={flow.restart}
        />
      ) : null}

      {step.kind === 'preview' ? (
        <ImportPreview
          plan={step.plan}
          fileName={step.file.name}
          updateExisting={flow.updateExisting}
          onUpdateExisting={(update) => flow.changeUpdateExisting(step.file, update)}
          onCreateFromPurchases={(create) => flow.changeCreateFromPurchases(step.file, create)}
          onConfirm={() => void flow.confirm(step.plan)}
          onCancel={flow.restart}
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
          onCancel={flow.cancel}
        />
      ) : null}

      {step.kind === 'done' ? <ImportDone result={step.result} onRestart={flow.restart} /> : null}

      <FailureAlert text={flow.error} />
    </section>
  );
}
