/** How the board words a segment narrowing its cards. Pure. */
import type { PipelineKind } from '@/lib/pipelines';
import type { BoardSegment } from './use-board-cards';

const plural = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/**
 * "Segment “Strategic”: 3 of its 5 members are in Sales." (people), or "…: 4 deals of its 5
 * members are in Deals." — how many cards the segment leaves, out of how many people it holds.
 */
export function segmentSummary(kind: PipelineKind, pipelineName: string, shown: number, segment: BoardSegment): string {
  const members = plural(segment.members, 'member', 'members');
  const cards = kind === 'contacts' ? `${shown.toLocaleString()} of its ${members}` : `${plural(shown, 'deal', 'deals')} of its ${members}`;
  const verb = shown === 1 ? 'is' : 'are';
  return `Segment “${segment.name}”: ${cards} ${verb} in ${pipelineName}.`;
}
