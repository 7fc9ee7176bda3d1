import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase } from '@/lib/db';
import { contactsInPipeline, dealsInPipeline } from '@/lib/db/queries/board';
import type { Pipeline } from '@/lib/pipelines';
import { contactCard, dealCard } from './board-cards';
import type { BoardCard } from './board-columns';

export type BoardRead = { ok: true; cards: BoardCard[] } | { ok: false; error: string };

/**
 * A pipeline's cards, live; a failed read is a value the board explains, not a thrown error.
 * undefined while loading. `owner` (while syncing) keeps the cards a member owns, or UNASSIGNED.
 */
export function useBoardCards(pipeline: Pipeline, ownerTag: string | undefined, owner?: string): BoardRead | undefined {
  return useHeldLiveQuery(async (): Promise<BoardRead> => {
    const db = crmDatabase();
    try {
      const cards =
        pipeline.kind === 'contacts'
          ? (await contactsInPipeline(db, pipeline.id, ownerTag, owner)).map(contactCard)
          : (await dealsInPipeline(db, pipeline.id, ownerTag, owner)).map(dealCard);
      return { ok: true, cards };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }, [pipeline, ownerTag, owner]);
}
