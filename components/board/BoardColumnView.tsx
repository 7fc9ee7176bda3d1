import { useState, type DragEvent } from 'react';
import { formatMinorUnits } from '@/components/deal/amount';
import type { Pipeline } from '@/lib/pipelines';
import type { BoardCard, BoardColumn } from './board-columns';
import { BoardCardItem, CARD_DRAG_TYPE } from './BoardCardItem';

function totalText(pipeline: Pipeline, column: BoardColumn): string {
  if (pipeline.kind === 'contacts') return column.count === 1 ? '1 person' : `${column.count.toLocaleString()} people`;
  const deals = column.count === 1 ? '1 deal' : `${column.count.toLocaleString()} deals`;
  const other = column.otherCurrency ? ` (${column.otherCurrency.toLocaleString()} in other currencies, not added)` : '';
  return `${formatMinorUnits(column.total, pipeline.currency)} · ${deals}${other}`;
}

/** A stage's column: heading, total, its cards; a drop target for dragged cards. */
export function BoardColumnView(props: {
  pipeline: Pipeline;
  column: BoardColumn;
  helpId: string;
  onMove: (card: BoardCard, stageId: string) => void;
  onStep: (card: BoardCard, step: -1 | 1) => void;
  onDropCard: (cardId: string, stageId: string) => void;
}) {
  const { pipeline, column, helpId, onMove, onStep, onDropCard } = props;
  const [over, setOver] = useState(false);
  const stageId = column.stage?.id;
  const label = column.stage?.label ?? 'Removed stages';
  const headingId = `column-${stageId ?? 'removed'}`;

  function dragOver(event: DragEvent<HTMLElement>) {
    if (!stageId || !event.dataTransfer.types.includes(CARD_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  }

  function drop(event: DragEvent<HTMLElement>) {
    setOver(false);
    const cardId = event.dataTransfer.getData(CARD_DRAG_TYPE);
    if (!stageId || !cardId) return;
    event.preventDefault();
    onDropCard(cardId, stageId);
  }

  const hidden = column.count - column.cards.length;
  return (
    <section
      className={`board-column${over ? ' drop-target' : ''}${column.stage?.outcome ? ` closed-${column.stage.outcome}` : ''}`}
      aria-labelledby={headingId}
      data-stage-id={stageId ?? ''}
      onDragOver={dragOver}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <h2 id={headingId}>{label}</h2>
      <p className="board-total">{totalText(pipeline, column)}</p>
      {column.cards.length === 0 ? (
        <p className="muted board-empty">{stageId ? 'Nothing here. Drag a card here to move it.' : ''}</p>
      ) : (
        <ul className="board-cards" aria-label={`${label}: cards`}>
          {column.cards.map((card) => (
            <BoardCardItem key={card.id} pipeline={pipeline} card={card} helpId={helpId} onMove={onMove} onStep={onStep} />
          ))}
        </ul>
      )}
      {hidden > 0 ? (
        <p className="muted">
          {hidden.toLocaleString()} more not shown. Filter by owner tag to narrow.
        </p>
      ) : null}
    </section>
  );
}
