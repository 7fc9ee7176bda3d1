import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import {
  crmDatabase,
  defaultSide,
  differingFields,
  getContact,
  mergeContacts,
  mergeCountsOf,
  mergedContact,
  type MergeCounts,
  type MergePicks,
  type MergeSide,
} from '@/lib/db';
import { phoneAsWritten, type Contact } from '@/lib/model';
import { displayName } from '@/lib/model/display-name';
import { STAGE_LABEL } from '../profile/stage-labels';
import { MERGE_FIELD_LABEL, fieldText, historyText, mergeSummary } from './merge-summary';
import { FailureAlert } from '../ui/FailureAlert';
import './merge.css';

async function readPair(keepId: string, otherId: string) {
  const db = crmDatabase();
  const [keep, other] = await Promise.all([getContact(db, keepId), getContact(db, otherId)]);
  if (!keep || !other || keepId === otherId) return null;
  const [keepCounts, otherCounts] = await Promise.all([mergeCountsOf(db, keepId), mergeCountsOf(db, otherId)]);
  return { keep, other, keepCounts, otherCounts };
}

/**
 * Two contacts side by side, a choice per field where they differ, and what the merge will
 * combine. Merge keeps the first contact's record (its id) with the values picked; the second
 * becomes a tombstone. Keyboard: each field is a radio group (arrows pick), then Merge or Cancel.
 */
export function MergeView({ keepId, otherId, onCancel, onMerged }: { keepId: string; otherId: string; onCancel: () => void; onMerged: (id: string) => void }) {
  const id = useId();
  const pair = useHeldLiveQuery(() => readPair(keepId, otherId), [keepId, otherId]);
  const [picks, setPicks] = useState<MergePicks>({});
  const [state, setState] = useState<'idle' | 'merging' | 'merged'>('idle');
  const [failure, setFailure] = useState<string | null>(null);

  async function merge() {
    setState('merging');
    setFailure(null);
    try {
      await mergeContacts(crmDatabase(), keepId, otherId, picks);
      setState('merged');
      onMerged(keepId);
    } catch (error) {
      setState('idle');
      setFailure(`Nothing was merged: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel-section merge-view">
      <button type="button" className="link-button" onClick={onCancel}>
        ← Back
      </button>
      <h2 id={`${id}-heading`}>Merge duplicates</h2>
      {state === 'merged' ? (
        <p role="status">Merged. Opening the contact…</p>
      ) : pair === undefined ? (
        <p className="muted" role="status">
          Loading both contacts…
        </p>
      ) : pair === null ? (
        <p className="muted">One of these contacts no longer exists (already merged or deleted). Go back to the list.</p>
      ) : (
        <MergeForm
          formId={id}
          {...pair}
          picks={picks}
          onPick={(field, side) => setPicks({ ...picks, [field]: side })}
          busy={state === 'merging'}
          onMerge={() => void merge()}
          onCancel={onCancel}
        />
      )}
      <FailureAlert text={failure} />
    </section>
  );
}

function ContactCard({ contact, counts, label, headingId }: { contact: Contact; counts: MergeCounts; label: string; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="merge-card">
      <p className="merge-card-label muted">{label}</p>
      <h3 id={headingId}>{displayName(contact)}</h3>
      <dl className="facts">
        <dt>Emails</dt>
        <dd>{contact.emails.join(', ') || 'none'}</dd>
        <dt>Phones</dt>
        <dd>{contact.phones.map((phone) => phoneAsWritten(contact, phone)).join(', ') || 'none'}</dd>
        <dt>Profiles</dt>
        <dd>{contact.profiles.map((profile) => profile.url).join(', ') || 'none'}</dd>
        <dt>Tags</dt>
        <dd>{contact.tags.join(', ') || 'none'}</dd>
        <dt>Stage</dt>
        <dd>{STAGE_LABEL[contact.stage]}</dd>
        <dt>History</dt>
        <dd>{historyText(counts)}</dd>
      </dl>
    </section>
  );
}

function MergeForm(props: {
  formId: string;
  keep: Contact;
  other: Contact;
  keepCounts: MergeCounts;
  otherCounts: MergeCounts;
  picks: MergePicks;
  onPick: (field: keyof MergePicks, side: MergeSide) => void;
  busy: boolean;
  onMerge: () => void;
  onCancel: () => void;
}) {
  const { formId, keep, other, keepCounts, otherCounts, picks, onPick, busy, onMerge, onCancel } = props;
  const fields = differingFields(keep, other);
  // A preview: the time only sets updatedAt, which is not shown.
  const merged = mergedContact(keep, other, picks, keep.updatedAt);
  const summary = mergeSummary(merged, keepCounts, otherCounts);
  return (
    <form
      aria-labelledby={`${formId}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        onMerge();
      }}
    >
      <p className="muted">
        Pick the details to keep. Emails, phones, profile links and tags are combined, and both histories, deals and follow-ups
        end up on one contact.
      </p>
      <div className="merge-pair">
        <ContactCard contact={keep} counts={keepCounts} label="Contact 1 (kept)" headingId={`${formId}-keep`} />
        <ContactCard contact={other} counts={otherCounts} label="Contact 2 (merged in)" headingId={`${formId}-other`} />
      </div>
      {fields.length === 0 ? (
        <p>Name, company and the other single details are the same in both: nothing to pick.</p>
      ) : (
        fields.map((field) => {
          const chosen = picks[field] ?? defaultSide(keep, other, field);
          return (
            <fieldset key={field} className="merge-field">
              <legend>{MERGE_FIELD_LABEL[field]}</legend>
              {(['keep', 'other'] as const).map((side) => (
                <label key={side} className="merge-choice">
                  <input
                    type="radio"
                    name={`${formId}-${field}`}
                    value={side}
                    checked={chosen === side}
                    onChange={() => onPick(field, side)}
                  />
                  <span>{fieldText(side === 'keep' ? keep : other, field)}</span>
                </label>
              ))}
            </fieldset>
          );
        })
      )}
      <section aria-labelledby={`${formId}-summary`} className="merge-summary">
        <h3 id={`${formId}-summary`}>After merging</h3>
        <p>
          <strong>{displayName(merged)}</strong>
        </p>
        <ul>
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <div className="crm-actions merge-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Merging…' : 'Merge'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
