import { UNASSIGNED, type SegmentCondition, type SegmentRule } from '../model';
import { localMidnight } from '../value/recompute';
import { describeCondition, FIELD_LABELS } from './describe';
import { DAY_MS } from './facts';

/**
 * How a rule is read (issue 22): through one Dexie index that narrows the contacts to candidates
 * (every other condition is then checked on those), or by a scan of every contact. The plan says
 * which and why, so the panel and the bench can report it. lib/db/queries/segments.ts runs it.
 */

/** A bounded range of an index's keys; both bounds absent: every contact with a key at all. */
export interface KeyRange {
  lower?: number;
  lowerOpen?: boolean;
  upper?: number;
  upperOpen?: boolean;
}

export type IndexRead =
  | { table: 'contacts'; index: 'tags' | 'ownerId' | 'pipelineStage' | 'stage'; equals: string }
  | { table: 'contacts'; index: 'emails' | 'phones'; range: KeyRange }
  | { table: 'values'; index: 'tier'; equals: string }
  | { table: 'activity'; index: 'lastContactedAt' | 'openDealValue' | 'wonValue' | 'recentTouchesFrom'; range: KeyRange };

export type SegmentPlan =
  | { kind: 'index'; read: IndexRead; /** Position of the condition read in the rule. */ condition: number; reason: string }
  | { kind: 'scan'; reason: string };

/**
 * A condition an index can answer, with how selective it usually is (lower reads fewer), and
 * whether the index's keys are exactly the contacts it holds for (else they are a superset).
 */
interface Indexed {
  read: IndexRead;
  rank: number;
  exact: boolean;
}

/** The index read that yields every contact the condition holds for (a superset), else why none does. */
export function indexForCondition(condition: SegmentCondition, now: number): Indexed | { why: string } {
  const label = describeCondition(condition);
  switch (condition.field) {
    case 'tag':
      if (condition.op === 'has') return { read: { table: 'contacts', index: 'tags', equals: condition.value }, rank: 1, exact: true };
      break;
    case 'owner':
      if (condition.op === 'is' && condition.value !== UNASSIGNED) return { read: { table: 'contacts', index: 'ownerId', equals: condition.value }, rank: 2, exact: true };
      if (condition.op === 'is') return { why: `${label}: unassigned contacts have no owner in the index` };
      break;
    case 'pipelineStage':
      if (condition.op === 'is') return { read: { table: 'contacts', index: 'pipelineStage', equals: condition.value }, rank: 3, exact: true };
      break;
    case 'tier':
      if (condition.op === 'is') return { read: { table: 'values', index: 'tier', equals: condition.value }, rank: 4, exact: true };
      break;
    case 'stage':
      if (condition.op === 'is') return { read: { table: 'contacts', index: 'stage', equals: condition.value }, rank: 5, exact: true };
      break;
    case 'lastContacted':
      if (condition.op === 'within') return { read: { table: 'activity', index: 'lastContactedAt', range: { lower: now - condition.days * DAY_MS } }, rank: 6, exact: true };
      return { why: `${label} includes contacts never contacted, who have no key in the index` };
    case 'lastContactedDay': {
      const range = condition.op === 'before' ? { upper: localMidnight(condition.day), upperOpen: true } : { lower: nextDay(condition.day) };
      return { read: { table: 'activity', index: 'lastContactedAt', range }, rank: 6, exact: true };
    }
    case 'openDealValue':
    case 'wonValue':
      if (condition.op === 'at-least' && condition.amount > 0) return { read: { table: 'activity', index: condition.field, range: { lower: condition.amount } }, rank: 7, exact: true };
      return { why: `${label} includes contacts without deals, who have no key in the index` };
    case 'touches':
      // A touch in the window was kept by lib/db, so the contact's oldest kept touch is indexed.
      if (condition.op === 'at-least' && condition.count > 0) return { read: { table: 'activity', index: 'recentTouchesFrom', range: {} }, rank: 8, exact: false };
      return { why: `${label} includes contacts without touches, who have no key in the index` };
    case 'email':
    case 'phone':
      if (condition.op === 'has') return { read: { table: 'contacts', index: condition.field === 'email' ? 'emails' : 'phones', range: {} }, rank: 9, exact: true };
      return { why: `${label}: contacts without one have no key in the index` };
    case 'company':
    case 'location':
    case 'pAlive':
    case 'predictedValue':
      return { why: `${label}: ${FIELD_LABELS[condition.field]} is not indexed` };
  }
  return { why: `${label} matches most contacts: no index narrows it` };
}

function nextDay(day: string): number {
  const midnight = new Date(localMidnight(day));
  midnight.setDate(midnight.getDate() + 1);
  return midnight.getTime();
}

/** Describes an index read for people: "the tag index (vip)". */
function readInWords(read: IndexRead): string {
  const name = { tags: 'tag', ownerId: 'owner', pipelineStage: 'pipeline stage', stage: 'lifecycle stage', emails: 'email', phones: 'phone', tier: 'tier', lastContactedAt: 'last-contacted', openDealValue: 'open deal value', wonValue: 'won value', recentTouchesFrom: 'recent touches' }[read.index];
  return 'equals' in read ? `the ${name} index (${read.equals})` : `the ${name} index`;
}

/**
 * The plan for a rule at `now`: the most selective indexed condition, else a scan. Selectivity is
 * judged by kind (a tag or owner usually narrows more than "has an email"), not by counting,
 * so planning costs nothing. Pure.
 */
export function planRule(rule: SegmentRule, now: number): SegmentPlan {
  if (rule.length === 0) return { kind: 'scan', reason: 'An empty rule matches every contact: every contact is read.' };
  let best: (Indexed & { condition: number }) | undefined;
  const whys: string[] = [];
  rule.forEach((condition, position) => {
    const found = indexForCondition(condition, now);
    if ('why' in found) whys.push(found.why);
    else if (!best || found.rank < best.rank) best = { ...found, condition: position };
  });
  if (!best) return { kind: 'scan', reason: `Every contact is read: ${whys.join('; ')}.` };
  const others = rule.length - 1;
  const rest = others === 0 ? '' : `, then ${others === 1 ? 'the other condition is' : `the other ${others} conditions are`} checked on those contacts`;
  return { kind: 'index', read: best.read, condition: best.condition, reason: `Read through ${readInWords(best.read)}${rest}.` };
}

/**
 * When every condition is answered exactly by an index: one read per condition, whose keys,
 * intersected (and without deleted contacts), are the segment; a count then reads keys only,
 * never a row. Else null (a condition needs the rows). Pure.
 */
export function keyOnlyReads(rule: SegmentRule, now: number): IndexRead[] | null {
  if (rule.length === 0) return null;
  const reads: IndexRead[] = [];
  for (const condition of rule) {
    const found = indexForCondition(condition, now);
    if ('why' in found || !found.exact) return null;
    reads.push(found.read);
  }
  return reads;
}
