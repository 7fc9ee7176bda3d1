import { UNASSIGNED, type SegmentCondition, type SegmentField } from '../model';

/** What each field is called in the panel and in plan explanations. */
export const FIELD_LABELS: Record<SegmentField, string> = {
  tier: 'Tier',
  stage: 'Lifecycle stage',
  pipelineStage: 'Pipeline stage',
  tag: 'Tag',
  owner: 'Owner',
  company: 'Company',
  location: 'Location',
  lastContacted: 'Last contacted',
  lastContactedDay: 'Last contacted',
  touches: 'Touches',
  openDealValue: 'Open deal value',
  wonValue: 'Won value',
  pAlive: 'P(alive)',
  predictedValue: 'Predicted value',
  email: 'Email',
  phone: 'Phone',
};

const OP_WORDS: Record<SegmentCondition['op'], string> = {
  is: 'is',
  'is-not': 'is not',
  has: 'has',
  lacks: 'lacks',
  contains: 'contains',
  within: 'within',
  'not-within': 'not within',
  before: 'before',
  after: 'after',
  'at-least': 'at least',
  'at-most': 'at most',
};

/** Minor units as major units, without a currency (a rule's amount holds for any). */
function money(minorUnits: number): string {
  return (minorUnits / 100).toLocaleString('en', { maximumFractionDigits: 2 });
}

/**
 * One condition in words, e.g. "Tier is strategic", "Last contacted within 30 days".
 * `ownerName` turns an owner id into a member's name where the caller knows members.
 */
export function describeCondition(condition: SegmentCondition, ownerName: (id: string) => string = (id) => id): string {
  const head = `${FIELD_LABELS[condition.field]} ${OP_WORDS[condition.op]}`;
  switch (condition.field) {
    case 'tier':
    case 'stage':
      return `${head} ${condition.value.replace('-', ' ')}`;
    case 'pipelineStage':
    case 'tag':
    case 'company':
    case 'location':
      return `${head} “${condition.value}”`;
    case 'owner':
      return `${head} ${condition.value === UNASSIGNED ? 'nobody (unassigned)' : ownerName(condition.value)}`;
    case 'lastContacted':
      return `${head} ${condition.days} ${condition.days === 1 ? 'day' : 'days'}`;
    case 'lastContactedDay':
      return `${head} ${condition.day}`;
    case 'touches':
      return `${head} ${condition.count} in ${condition.days} ${condition.days === 1 ? 'day' : 'days'}`;
    case 'openDealValue':
    case 'wonValue':
      return `${head} ${money(condition.amount)}`;
    case 'pAlive':
      return `${head} ${Math.round(condition.value * 100)}%`;
    case 'predictedValue':
      return `${head} ${condition.value.toLocaleString('en', { maximumFractionDigits: 2 })}`;
    case 'email':
    case 'phone':
      return `${condition.op === 'has' ? 'Has' : 'Lacks'} ${condition.field === 'email' ? 'an email address' : 'a phone number'}`;
  }
}

/** A whole rule in words, for a segment's list entry. */
export function describeRule(rule: readonly SegmentCondition[], ownerName?: (id: string) => string): string {
  return rule.length === 0 ? 'Every contact' : rule.map((condition) => describeCondition(condition, ownerName)).join(' and ');
}
