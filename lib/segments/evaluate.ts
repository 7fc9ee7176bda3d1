import { UNASSIGNED, type SegmentCondition, type SegmentRule } from '../model';
import { localMidnight } from '../value/recompute';
import { DAY_MS, type SegmentFacts } from './facts';

/** Case- and accent-insensitive comparison form of free text (company, location). */
function folded(text: string | undefined): string {
  return (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();
}

/** Local midnight of the day after `day`: "after 2026-03-01" starts there. */
function dayAfter(day: string): number {
  const midnight = new Date(localMidnight(day));
  midnight.setDate(midnight.getDate() + 1);
  return midnight.getTime();
}

function bounded(actual: number | null | undefined, op: 'at-least' | 'at-most', limit: number): boolean {
  if (actual === null || actual === undefined) return false;
  return op === 'at-least' ? actual >= limit : actual <= limit;
}

/** Whether one condition holds for a contact at `now`. Pure. */
export function matchesCondition(condition: SegmentCondition, facts: SegmentFacts, now: number): boolean {
  const { contact, value, activity } = facts;
  switch (condition.field) {
    case 'tier':
      return (value?.tier === condition.value) === (condition.op === 'is');
    case 'stage':
      return (contact.stage === condition.value) === (condition.op === 'is');
    case 'pipelineStage':
      return (contact.pipelineStage === condition.value) === (condition.op === 'is');
    case 'tag':
      return contact.tags.includes(condition.value) === (condition.op === 'has');
    case 'owner': {
      const owned = condition.value === UNASSIGNED ? contact.ownerId === undefined : contact.ownerId === condition.value;
      return owned === (condition.op === 'is');
    }
    case 'company':
    case 'location': {
      const stored = folded(contact[condition.field]);
      const wanted = folded(condition.value);
      return condition.op === 'is' ? stored === wanted : stored.includes(wanted);
    }
    case 'lastContacted': {
      const last = activity?.lastContactedAt;
      const within = last !== undefined && last >= now - condition.days * DAY_MS;
      return within === (condition.op === 'within');
    }
    case 'lastContactedDay': {
      const last = activity?.lastContactedAt;
      if (last === undefined) return false;
      return condition.op === 'before' ? last < localMidnight(condition.day) : last >= dayAfter(condition.day);
    }
    case 'touches': {
      const since = now - condition.days * DAY_MS;
      const count = (activity?.recentTouches ?? []).filter((at) => at > since).length;
      return bounded(count, condition.op, condition.count);
    }
    case 'openDealValue':
      return bounded(activity?.openDealValue ?? 0, condition.op, condition.amount);
    case 'wonValue':
      return bounded(activity?.wonValue ?? 0, condition.op, condition.amount);
    case 'pAlive':
      return bounded(value?.pAlive, condition.op, condition.value);
    case 'predictedValue':
      return bounded(value?.clv, condition.op, condition.value);
    case 'email':
      return contact.emails.length > 0 === (condition.op === 'has');
    case 'phone':
      return contact.phones.length > 0 === (condition.op === 'has');
  }
}

/** Whether every condition of the rule holds (an empty rule holds for everyone). Pure. */
export function matchesRule(rule: SegmentRule, facts: SegmentFacts, now: number): boolean {
  return rule.every((condition) => matchesCondition(condition, facts, now));
}

/** Which derived tables a rule reads beyond the contact itself, so a reader loads only those. */
export function factsNeeded(rule: SegmentRule): { values: boolean; activity: boolean } {
  const fields = new Set(rule.map((condition) => condition.field));
  return {
    values: fields.has('tier') || fields.has('pAlive') || fields.has('predictedValue'),
    activity: ['lastContacted', 'lastContactedDay', 'touches', 'openDealValue', 'wonValue'].some((field) => fields.has(field as SegmentCondition['field'])),
  };
}
