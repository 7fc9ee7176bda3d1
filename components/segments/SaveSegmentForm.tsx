import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import { ZodError } from 'zod';
import { createSegment, crmDatabase } from '@/lib/db';
import { countSegment } from '@/lib/db/queries/segments';
import type { Segment, SegmentRule } from '@/lib/model';
import { describeCondition } from '@/lib/segments';
import { errorText } from '../ui/error-text';
import { FailureAlert } from '../ui/FailureAlert';
import { ConditionAdder } from './ConditionAdder';

/**
 * Save as segment: a name, the rule (started from the list's filter, conditions added or
 * removed here) and, live, how many contacts it holds for and how they are read.
 */
export function SaveSegmentForm(props: {
  initialRule: SegmentRule;
  /** Filter parts a segment does not keep, in words (search words, follow-up overdue). */
  leftOut: string[];
  ownerName: (id: string) => string;
  onSaved: (segment: Segment) => void;
  onCancel: () => void;
}) {
  const { initialRule, leftOut, ownerName, onSaved, onCancel } = props;
  const [name, setName] = useState('');
  const [rule, setRule] = useState<SegmentRule>(initialRule);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  // Keyed on the rule's content: a new array with the same conditions is not a new count.
  const ruleKey = JSON.stringify(rule);
  const counted = useHeldLiveQuery(() => countSegment(crmDatabase(), rule), [ruleKey]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      onSaved(await createSegment(crmDatabase(), name, rule));
    } catch (error) {
      setFailure(error instanceof ZodError ? (error.issues[0]?.message ?? 'This segment cannot be saved.') : errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="segment-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3 id={`${id}-title`}>Save as segment</h3>
      <label htmlFor={`${id}-name`}>Segment name</label>
      <input id={`${id}-name`} value={name} maxLength={120} autoFocus onChange={(event) => setName(event.target.value)} />
      <p className="muted">{rule.length === 0 ? 'No condition yet: the segment holds every contact.' : 'Contacts for whom all of these hold:'}</p>
      <ul aria-label="Conditions" className="segment-conditions">
        {rule.map((condition, index) => {
          const words = describeCondition(condition, ownerName);
          return (
            <li key={`${index}-${JSON.stringify(condition)}`}>
              <span>{words}</span>
              <button type="button" className="link-button" aria-label={`Remove condition: ${words}`} onClick={() => setRule(rule.filter((_, at) => at !== index))}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      {leftOut.length > 0 ? <p className="muted">Not saved in a segment: {leftOut.join(' and ')}.</p> : null}
      <ConditionAdder onAdd={(condition) => setRule([...rule, condition])} />
      <p role="status" className="segment-count">
        {counted === undefined ? 'Counting…' : `${counted.count.toLocaleString()} ${counted.count === 1 ? 'contact matches' : 'contacts match'}.`}
      </p>
      {counted ? <p className="muted segment-plan">{counted.plan.reason}</p> : null}
      <div className="segment-form-actions">
        <button type="submit" disabled={saving}>
          Save segment
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FailureAlert text={failure} />
    </form>
  );
}
