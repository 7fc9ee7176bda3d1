import type { ContactQuery } from '@/lib/db';
import type { SegmentRule } from '@/lib/model';

/**
 * The conditions All contacts' filter selects stand for: what "Save as segment" starts from.
 * Search words and "Follow-up overdue" are not segment conditions (see unsavedFilters).
 */
export function ruleFromFilter(query: ContactQuery): SegmentRule {
  const rule: SegmentRule = [];
  if (query.stage) rule.push({ field: 'stage', op: 'is', value: query.stage });
  if (query.tier) rule.push({ field: 'tier', op: 'is', value: query.tier });
  if (query.tag) rule.push({ field: 'tag', op: 'has', value: query.tag });
  if (query.owner) rule.push({ field: 'owner', op: 'is', value: query.owner });
  return rule;
}

/** The parts of the filter a segment leaves out, in words, so the user is not surprised. */
export function unsavedFilters(query: ContactQuery): string[] {
  const left: string[] = [];
  if (query.text?.trim()) left.push('the search words');
  if (query.followUpOverdue) left.push('“Follow-up overdue”');
  return left;
}
