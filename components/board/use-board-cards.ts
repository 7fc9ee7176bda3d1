import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase } from '@/lib/db';
import { contactsInPipeline, dealsInPipeline } from '@/lib/db/queries/board';
import { segmentMemberIds } from '@/lib/db/queries/segments';
import type { Pipeline } from '@/lib/pipelines';
import { contactCard, dealCard } from './board-cards';
import type { BoardCard } from './board-columns';

/** The segment the board is narrowed to: its name and how many contacts are in it in all. */
export interface BoardSegment {
  name: string;
  members: number;
}

export type BoardRead = { ok: true; cards: BoardCard[]; segment?: BoardSegment } | { ok: false; error: string };

export interface BoardFilter {
  /** Without sync: only people carrying this tag (and their deals). */
  ownerTag?: string | undefined;
  /** While syncing: only what this member owns, or UNASSIGNED. */
  owner?: string | undefined;
  /** Only a saved segment's members (and their deals); a deleted segment shows everyone. */
  segmentId?: string | undefined;
}

/**
 * A pipeline's cards, live; a failed read is a value the board explains, not a thrown error.
 * undefined while loading. The segment's members are read as All contacts reads them, and a
 * card stays when its person (a deal's contact) is one of them.
 */
export function useBoardCards(pipeline: Pipeline, { ownerTag, owner, segmentId }: BoardFilter): BoardRead | undefined {
  return useHeldLiveQuery(async (): Promise<BoardRead> => {
    const db = crmDatabase();
    try {
      const cards =
        pipeline.kind === 'contacts'
          ? (await contactsInPipeline(db, pipeline.id, ownerTag, owner)).map(contactCard)
          : (await dealsInPipeline(db, pipeline.id, ownerTag, owner)).map(dealCard);
      const members = segmentId ? await segmentMemberIds(db, segmentId) : undefined;
      if (!members) return { ok: true, cards };
      return {
        ok: true,
        cards: cards.filter((card) => members.ids.has(card.contactId)),
        segment: { name: members.segment.name, members: members.ids.size },
      };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }, [pipeline, ownerTag, owner, segmentId]);
}
