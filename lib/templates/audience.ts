import type { MessageTemplate, Segment } from '../model';
import { matchesRule, type SegmentFacts } from '../segments';

/**
 * Whom a template is for (issue 22): everyone, or the members of one saved segment. A template
 * whose segment was deleted (here or in another browser) is for everyone again, and says so, so
 * that deleting a segment never silently hides a template the user still has.
 */
export type TemplateAudience =
  | { kind: 'everyone' }
  | { kind: 'segment'; segment: Pick<Segment, 'id' | 'name' | 'rule'> }
  | { kind: 'segment-deleted' };

type SegmentLike = Pick<Segment, 'id' | 'name' | 'rule'>;

export function templateAudience(template: Pick<MessageTemplate, 'segmentId'>, segments: readonly SegmentLike[]): TemplateAudience {
  if (template.segmentId === undefined) return { kind: 'everyone' };
  const segment = segments.find((candidate) => candidate.id === template.segmentId);
  return segment ? { kind: 'segment', segment } : { kind: 'segment-deleted' };
}

/** Why a template is offered, for the picker: "for Strategic customers"; null for everyone. */
export function audienceNote(audience: TemplateAudience): string | null {
  switch (audience.kind) {
    case 'everyone':
      return null;
    case 'segment':
      return `for ${audience.segment.name}`;
    case 'segment-deleted':
      return 'for everyone: its segment was deleted';
  }
}

export interface OfferedTemplate<T> {
  template: T;
  audience: TemplateAudience;
}

/**
 * The templates to offer for one contact: those for everyone (a deleted segment counts as
 * everyone) and those whose segment holds for this contact's facts at `now`. Templates written
 * for the contact's segments come first, as the more particular choice; each group keeps the
 * order it was given in (by name, as lib/db lists them). Pure: the caller reads this one
 * contact's facts, never the whole segment.
 */
export function templatesForContact<T extends Pick<MessageTemplate, 'segmentId'>>(
  templates: readonly T[],
  segments: readonly SegmentLike[],
  facts: SegmentFacts,
  now: number,
): OfferedTemplate<T>[] {
  const particular: OfferedTemplate<T>[] = [];
  const general: OfferedTemplate<T>[] = [];
  for (const template of templates) {
    const audience = templateAudience(template, segments);
    if (audience.kind !== 'segment') general.push({ template, audience });
    else if (matchesRule(audience.segment.rule, facts, now)) particular.push({ template, audience });
  }
  return [...particular, ...general];
}

/**
 * Outreach to one segment: the templates written for that segment first, then every other one
 * (the user may still choose any), each group in the order given.
 */
export function templatesForSegment<T extends Pick<MessageTemplate, 'segmentId'>>(templates: readonly T[], segmentId: string): { forSegment: T[]; others: T[] } {
  return {
    forSegment: templates.filter((template) => template.segmentId === segmentId),
    others: templates.filter((template) => template.segmentId !== segmentId),
  };
}
