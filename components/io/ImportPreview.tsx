import { useId } from 'react';
import type { PlanPreview } from '@/lib/io/import-session';
import { CountsTable } from './CountsTable';
import { FromPurchasesOption } from './FromPurchasesOption';
import { FORMAT_LABEL, plural } from './format-labels';
import { PreviewActions } from './PreviewActions';
import { RejectedRows } from './RejectedRows';

/** The import's preview step: what the file will do, counted, before anything is written. */
export function ImportPreview(props: {
  plan: PlanPreview;
  fileName: string;
  updateExisting: boolean;
  onUpdateExisting: (update: boolean) => void;
  onCreateFromPurchases: (create: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { plan } = props;
  const { counts } = plan;
  const writes = counts.create + counts.merge + counts.deals + counts.customers + counts.fromPurchases;
  const rows: [string, number][] = [
    ['New contacts', counts.create],
    ['Merged into stored contacts', counts.merge],
    ['Skipped (already stored or repeated in the file)', counts.skip],
    ['Rejected rows', counts.rejected],
  ];
  if (plan.transactions > 0 || counts.dealsSkipped > 0 || counts.customers > 0) {
    rows.push(['Purchases to add as won deals', counts.deals], ['Purchases already stored', counts.dealsSkipped], ['New customers for purchases', counts.customers]);
  }
  if (plan.missingEmails > 0) rows.push(['New contacts from purchases', counts.fromPurchases]);
  return (
    <div className="io-preview" aria-labelledby={`${id}-heading`} role="group">
      <h3 id={`${id}-heading`}>
        Preview of {props.fileName}: {FORMAT_LABEL[plan.format]}, {plural(plan.rows, 'row')}
      </h3>
      <CountsTable label="What the import will do" rows={rows} />
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
      {plan.missingEmails > 0 ? (
        <FromPurchasesOption
          id={`${id}-from-purchases`}
          missing={plan.missingEmails}
          checked={plan.createFromPurchases}
          withNames={plan.fromPurchasesNamed}
          onChange={props.onCreateFromPurchases}
        />
      ) : null}
      <RejectedRows rows={plan.rejected} headingId={`${id}-rejected`} />
      <PreviewActions
        confirmLabel={writes === 0 ? 'Nothing to import' : 'Confirm import'}
        disabled={writes === 0}
        onConfirm={props.onConfirm}
        onChooseAgain={props.onCancel}
      />
    </div>
  );
}
