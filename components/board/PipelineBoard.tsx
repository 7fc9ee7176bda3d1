import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { crmDatabase, moveContactToStage, moveDealToStage } from '@/lib/db';
import type { Pipeline } from '@/lib/pipelines';
import { boardColumns, neighbourStage, type BoardCard } from './board-columns';
import { BoardColumnView } from './BoardColumnView';
import { StatusAndAlert } from '../ui/StatusAndAlert';
import { useBoardCards } from './use-board-cards';
import { segmentSummary } from './board-segment';

/** Cards shown per column; totals count them all. */
export const CARDS_PER_STAGE = 100;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One pipeline's board: a column per stage, cards moved by drag-and-drop, Alt+Arrow keys or the
 * card's menu, every move written through lib/db (History logs it) and announced in words.
 */
export function PipelineBoard({
  pipeline,
  ownerTag,
  owner,
  segmentId,
}: {
  pipeline: Pipeline;
  ownerTag: string | undefined;
  owner?: string | undefined;
  /** Only this saved segment's members (and their deals); '' or undefined: everyone. */
  segmentId?: string | undefined;
}) {
  const helpId = useId();
  const read = useBoardCards(pipeline, { ownerTag, owner, segmentId: segmentId || undefined });
  const columns = useMemo(() => (read?.ok ? boardColumns(pipeline, read.cards, CARDS_PER_STAGE) : []), [pipeline, read]);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const focusAfterMove = useRef<string | null>(null);

  // The moved card re-renders in its new column: keep keyboard focus on it.
  useEffect(() => {
    const id = focusAfterMove.current;
    if (!id) return;
    const element = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(id)}"]`);
    if (element) {
      element.focus();
      focusAfterMove.current = null;
    }
  }, [columns]);

  async function move(card: BoardCard, stageId: string, keepFocus: boolean) {
    const to = pipeline.stages.find((stage) => stage.id === stageId);
    if (!to) return;
    setFailure(null);
    try {
      const db = crmDatabase();
      const result = pipeline.kind === 'contacts' ? await moveContactToStage(db, card.id, pipeline, stageId) : await moveDealToStage(db, card.id, pipeline, stageId);
      if (!result.changed) return;
      if (keepFocus) focusAfterMove.current = card.id;
      const closed = to.outcome && pipeline.kind === 'deals' ? ` The deal is now ${to.outcome}.` : '';
      setAnnouncement(`Moved ${card.title} from ${result.from?.label ?? 'a removed stage'} to ${to.label}.${closed}`);
    } catch (error) {
      setFailure(`Could not move ${card.title}: ${message(error)}`);
    }
  }

  function step(card: BoardCard, direction: -1 | 1) {
    const to = neighbourStage(pipeline, card.place, direction);
    if (!to) {
      setAnnouncement(`${card.title} is already in the ${direction === 1 ? 'last' : 'first'} stage.`);
      return;
    }
    void move(card, to.id, true);
  }

  function dropCard(cardId: string, stageId: string) {
    const card = read?.ok ? read.cards.find((candidate) => candidate.id === cardId) : undefined;
    if (card) void move(card, stageId, false);
  }

  return (
    <>
      <p id={helpId} className="muted board-help">
        Drag a card to another column, or focus it and press Alt+Right Arrow or Alt+Left Arrow to move it one stage; its menu moves it
        to any stage, and Enter opens the profile.
      </p>
      <StatusAndAlert status={announcement} failure={failure} statusClassName="board-status" />
      {read === undefined ? (
        <p role="status">Loading the board…</p>
      ) : !read.ok ? (
        <p role="alert" className="error">
          Could not read the board: {read.error}. Reload the page to try again.
        </p>
      ) : (
        <>
          {read.segment ? (
            <p className="board-segment" role="status">
              {segmentSummary(pipeline.kind, pipeline.name, read.cards.length, read.segment)}
            </p>
          ) : null}
          {read.cards.length === 0 && !read.segment ? (
            <p className="muted">
              {owner
                ? `No ${pipeline.kind === 'contacts' ? 'people' : 'deals'} of this owner are in ${pipeline.name}. Choose “Everyone’s” to see all.`
                : ownerTag
                ? `No ${pipeline.kind === 'contacts' ? 'people' : 'deals'} tagged “${ownerTag}” are in ${pipeline.name}. Choose “Everyone” to see all.`
                : `${pipeline.name} is empty. Add ${pipeline.kind === 'contacts' ? 'people' : 'open deals'} below.`}
            </p>
          ) : null}
          <div className="board-columns">
            {columns.map((column) => (
              <BoardColumnView
                key={column.stage?.id ?? 'removed'}
                pipeline={pipeline}
                column={column}
                helpId={helpId}
                onMove={(card, stageId) => void move(card, stageId, true)}
                onStep={step}
                onDropCard={dropCard}
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}
