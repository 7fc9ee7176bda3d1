/** The words of the merge view: field labels, values as shown, and what will be combined. Pure. */
import type { MergeCounts, MergeField } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { STAGE_LABEL } from '../profile/stage-labels';

export const MERGE_FIELD_LABEL: Record<MergeField, string> = {
  name: 'Name',
  company: 'Company',
  title: 'Job title',
  location: 'Location',
  avatarUrl: 'Photo',
  stage: 'Lifecycle stage',
  pipelineStage: 'Pipeline stage',
};

/** A field's value as text ("(empty)" when there is none). */
export function fieldText(contact: Contact, field: MergeField): string {
  if (field === 'stage') return STAGE_LABEL[contact.stage];
  return contact[field]?.trim() || '(empty)';
}

const count = (n: number, one: string, many: string = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One contact's history, deals and follow-ups, counted. */
export function historyText(counts: MergeCounts): string {
  return [count(counts.interactions, 'entry', 'entries'), count(counts.deals, 'deal'), count(counts.tasks, 'follow-up')].join(', ');
}

/** What the merged contact will have, in two lines: how to reach them, and what moves to it. */
export function mergeSummary(merged: Contact, keep: MergeCounts, other: MergeCounts): string[] {
  const history = keep.interactions + other.interactions;
  return [
    [
      count(merged.emails.length, 'email'),
      count(merged.phones.length, 'phone'),
      count(merged.profiles.length, 'profile link'),
      count(merged.tags.length, 'tag'),
    ].join(', '),
    [
      `${count(history, 'history entry', 'history entries')} (${keep.interactions} + ${other.interactions})`,
      count(keep.deals + other.deals, 'deal'),
      count(keep.tasks + other.tasks, 'follow-up'),
    ].join(', '),
  ];
}
