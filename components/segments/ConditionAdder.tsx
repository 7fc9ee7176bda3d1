import { useId, useState } from 'react';
import { LIFECYCLE_STAGES, VALUE_TIERS, type SegmentCondition } from '@/lib/model';
import { addableFields, conditionFromDraft, draftFor, OPERATORS, valueKind, type AddableField, type ConditionDraft } from './condition-draft';
import { useMembership } from '../sync/use-membership';
import { ownerOptions } from '../team/owner-options';

/**
 * "Add a condition": a field, an operator and the value that field takes, checked by the model
 * before it joins the rule. Not a <form> (it sits inside the save form); Enter in a value adds.
 * While syncing, Owner offers the team's members (you first) and Unassigned.
 */
export function ConditionAdder({ onAdd }: { onAdd: (condition: SegmentCondition) => void }) {
  const [draft, setDraft] = useState<ConditionDraft>(() => draftFor('tier'));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const membership = useMembership();
  const owners = membership ? ownerOptions(membership, 'You') : [];
  const fields = addableFields(owners.length > 0);
  const fresh = (field: AddableField) => draftFor(field, owners[0]?.value);
  // Sync turned off while Owner was chosen: there is nobody to choose, so back to the first field.
  if (draft.field === 'owner' && membership === null) setDraft(draftFor('tier'));
  const kind = valueKind(draft.field);
  const set = (patch: Partial<ConditionDraft>) => {
    setDraft({ ...draft, ...patch });
    setError(null);
  };
  const add = () => {
    const result = conditionFromDraft(draft);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    onAdd(result.condition);
    setDraft(fresh(draft.field));
  };
  const onEnter = (event: React.KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  return (
    <fieldset className="segment-adder">
      <legend>Add a condition</legend>
      <select aria-label="Condition field" value={draft.field} onChange={(event) => set(fresh(event.target.value as AddableField))}>
        {fields.map(({ field, label }) => (
          <option key={field} value={field}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Condition operator" value={draft.op} onChange={(event) => set({ op: event.target.value })}>
        {OPERATORS[draft.field].map(({ op, label }) => (
          <option key={op} value={op}>
            {label}
          </option>
        ))}
      </select>
      {kind === 'tier' || kind === 'stage' ? (
        <select aria-label="Condition value" value={draft.value} onChange={(event) => set({ value: event.target.value })}>
          {(kind === 'tier' ? VALUE_TIERS : LIFECYCLE_STAGES).map((value) => (
            <option key={value} value={value}>
              {value.replace('-', ' ')}
            </option>
          ))}
        </select>
      ) : kind === 'owner' ? (
        <select aria-label="Condition value" value={draft.value} onChange={(event) => set({ value: event.target.value })}>
          {owners.map((owner) => (
            <option key={owner.value} value={owner.value}>
              {owner.label}
            </option>
          ))}
        </select>
      ) : kind === 'none' ? null : (
        <input
          aria-label={VALUE_LABEL[kind]}
          type={kind === 'text' ? 'text' : kind === 'date' ? 'date' : 'number'}
          min={kind === 'text' || kind === 'date' ? undefined : 0}
          step={kind === 'amount' ? '0.01' : kind === 'number' ? 'any' : undefined}
          value={draft.value}
          onChange={(event) => set({ value: event.target.value })}
          onKeyDown={onEnter}
          {...invalid}
        />
      )}
      {kind === 'count' ? (
        <input aria-label="Within how many days" type="number" min={1} max={90} value={draft.days} onChange={(event) => set({ days: event.target.value })} onKeyDown={onEnter} {...invalid} />
      ) : null}
      <button type="button" onClick={add}>
        Add condition
      </button>
      {error ? (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

const VALUE_LABEL: Record<string, string> = {
  text: 'Condition value',
  days: 'Days',
  date: 'Date',
  count: 'Number of touches',
  amount: 'Amount',
  percent: 'Percent',
  number: 'Value',
};
