import { useId } from 'react';
import type { ImportResult } from '@/lib/io/import-run';
import { plural } from './format-labels';
import { RejectedRows } from './RejectedRows';

/** The import's last step: what was written (or, after Cancel, written so far) and what was rejected. */
export function ImportDone({ result, onRestart }: { result: ImportResult; onRestart: () => void }) {
  const id = useId();
  return (
    <div className="io-done">
      <p role="status">
        {result.cancelled ? 'Import cancelled. ' : 'Import finished. '}
        {[
          plural(result.created, 'contact') + ' created',
          ...(result.fromPurchases > 0 ? [plural(result.fromPurchases, 'contact') + ' created from purchases'] : []),
          plural(result.merged, 'contact') + ' updated',
          plural(result.skipped, 'row') + ' skipped',
          ...(result.deals > 0 ? [plural(result.deals, 'purchase') + ' added'] : []),
          plural(result.rejected.length, 'row') + ' rejected',
        ].join(', ')}
        .
      </p>
      <RejectedRows rows={result.rejected} headingId={`${id}-rejected`} />
      <div className="form-actions">
        <button type="button" onClick={onRestart}>
          Import another file
        </button>
      </div>
    </div>
  );
}
