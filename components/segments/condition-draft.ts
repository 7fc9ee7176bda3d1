import { LIFECYCLE_STAGES, SegmentCondition, VALUE_TIERS, type SegmentField } from '@/lib/model';

/**
 * The "Add a condition" form's state and how it becomes a condition. Fields are strings, as the
 * inputs give them; the model (lib/model/segment.ts) checks the result and words the error.
 */
export interface ConditionDraft {
  field: AddableField;
  op: string;
  /** The enum value, text, date, amount, percent or days, depending on the field. */
  value: string;
  /** Touches only: over how many days. */
  days: string;
}

/** Every field can be added; owner only while syncing (a book of one has no owners). */
export type AddableField = SegmentField;

/** What the field select offers, in this order. */
export const ADDABLE_FIELDS: ReadonlyArray<{ field: AddableField; label: string }> = [
  { field: 'tier', label: 'Tier' },
  { field: 'stage', label: 'Lifecycle stage' },
  { field: 'pipelineStage', label: 'Pipeline stage' },
  { field: 'tag', label: 'Tag' },
  { field: 'owner', label: 'Owner' },
  { field: 'company', label: 'Company' },
  { field: 'location', label: 'Location' },
  { field: 'lastContacted', label: 'Last contacted (days ago)' },
  { field: 'lastContactedDay', label: 'Last contacted (date)' },
  { field: 'touches', label: 'Touches in N days' },
  { field: 'openDealValue', label: 'Open deal value' },
  { field: 'wonValue', label: 'Won value' },
  { field: 'pAlive', label: 'P(alive), %' },
  { field: 'predictedValue', label: 'Predicted value' },
  { field: 'email', label: 'Email address' },
  { field: 'phone', label: 'Phone number' },
];

const IS = [
  { op: 'is', label: 'is' },
  { op: 'is-not', label: 'is not' },
];
const HAS = [
  { op: 'has', label: 'has' },
  { op: 'lacks', label: 'lacks' },
];
const TEXT = [
  { op: 'contains', label: 'contains' },
  { op: 'is', label: 'is exactly' },
];
const BOUND = [
  { op: 'at-least', label: 'at least' },
  { op: 'at-most', label: 'at most' },
];

export const OPERATORS: Record<AddableField, ReadonlyArray<{ op: string; label: string }>> = {
  tier: IS,
  stage: IS,
  pipelineStage: IS,
  tag: HAS,
  owner: IS,
  company: TEXT,
  location: TEXT,
  lastContacted: [
    { op: 'within', label: 'within the last' },
    { op: 'not-within', label: 'not within the last' },
  ],
  lastContactedDay: [
    { op: 'before', label: 'before' },
    { op: 'after', label: 'after' },
  ],
  touches: BOUND,
  openDealValue: BOUND,
  wonValue: BOUND,
  pAlive: BOUND,
  predictedValue: BOUND,
  email: HAS,
  phone: HAS,
};

/**
 * The fields offered: owner only when there are team members to choose from (while syncing);
 * without sync records have no owners, so an owner condition could only ever say "unassigned".
 */
export function addableFields(withOwners: boolean): ReadonlyArray<{ field: AddableField; label: string }> {
  return withOwners ? ADDABLE_FIELDS : ADDABLE_FIELDS.filter(({ field }) => field !== 'owner');
}

/** What kind of value input a field shows. */
export type ValueKind = 'tier' | 'stage' | 'owner' | 'text' | 'days' | 'date' | 'count' | 'amount' | 'percent' | 'number' | 'none';

export function valueKind(field: AddableField): ValueKind {
  switch (field) {
    case 'tier':
    case 'stage':
    case 'owner':
      return field;
    case 'pipelineStage':
    case 'tag':
    case 'company':
    case 'location':
      return 'text';
    case 'lastContacted':
      return 'days';
    case 'lastContactedDay':
      return 'date';
    case 'touches':
      return 'count';
    case 'openDealValue':
    case 'wonValue':
      return 'amount';
    case 'pAlive':
      return 'percent';
    case 'predictedValue':
      return 'number';
    case 'email':
    case 'phone':
      return 'none';
  }
}

/** A fresh draft for a field: its first operator and a sensible value (`firstOwner` for owner). */
export function draftFor(field: AddableField, firstOwner = ''): ConditionDraft {
  const value =
    field === 'tier' ? VALUE_TIERS[0] : field === 'stage' ? LIFECYCLE_STAGES[0] : field === 'lastContacted' ? '30' : field === 'owner' ? firstOwner : '';
  return { field, op: OPERATORS[field][0]!.op, value, days: '30' };
}

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The condition a draft describes, or what is wrong with it, in words. */
export function conditionFromDraft(draft: ConditionDraft): { condition: SegmentCondition } | { error: string } {
  const { field, op } = draft;
  let candidate: Record<string, unknown>;
  switch (valueKind(field)) {
    case 'none':
      candidate = { field, op };
      break;
    case 'days':
      candidate = { field, op, days: number(draft.value) };
      break;
    case 'date':
      candidate = { field, op, day: draft.value };
      break;
    case 'count':
      candidate = { field, op, count: number(draft.value), days: number(draft.days) };
      break;
    case 'amount':
      candidate = { field, op, amount: Math.round(number(draft.value) * 100) };
      break;
    case 'percent':
      candidate = { field, op, value: number(draft.value) / 100 };
      break;
    case 'number':
      candidate = { field, op, value: number(draft.value) };
      break;
    default:
      candidate = { field, op, value: draft.value.trim() };
  }
  const parsed = SegmentCondition.safeParse(candidate);
  if (parsed.success) return { condition: parsed.data };
  return { error: problemInWords(draft) };
}

function problemInWords(draft: ConditionDraft): string {
  switch (valueKind(draft.field)) {
    case 'days':
      return 'Type a number of days from 1 to 3,650.';
    case 'date':
      return 'Choose a date.';
    case 'count':
      return 'Type a number of touches (0 or more) and a number of days from 1 to 90.';
    case 'amount':
    case 'number':
      return 'Type an amount of 0 or more.';
    case 'percent':
      return 'Type a percentage from 0 to 100.';
    case 'owner':
      return 'Choose an owner.';
    default:
      return 'Type a value.';
  }
}
