import type { DragEvent, KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { formatMinorUnits } from '@/components/deal/amount';
import { placeKey, stageOfPlace, type Pipeline } from '@/lib/pipelines';
import type { BoardCard } from './board-columns';

export const CARD_DRAG_TYPE = 'application/x-sidebar-crm-card';

/**
 * One card: the contact (name, company) or the deal (title, contact, amount). It is focusable:
 * Alt+Arrow Left/Right moves it one stage; Enter opens the profile; its "Move to" menu moves it anywhere; it can be dragged
 * to another column.
 */
export function BoardCardItem(props: {
  pipeline: Pipeline;
  card: BoardCard;
  helpId: string;
  onMove: (card: BoardCard, stageId: string) => void;
  onStep: (card: BoardCard, step: -1 | 1) => void;
}) {
  const { pipeline, card, helpId, onMove, onStep } = props;
  const stage = stageOfPlace(pipeline, card.place);
  const amount = card.amount !== undefined && card.currency ? formatMinorUnits(card.amount, card.currency) : undefined;
  const profileUrl = browser.runtime.getURL(`/sidepanel.html#contact/${card.contactId}`);

  function keyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      void browser.tabs.create({ url: profileUrl });
      return;
    }
    if (!event.altKey) return;
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    onStep(card, event.key === 'ArrowRight' ? 1 : -1);
  }

  function dragStart(event: DragEvent<HTMLLIElement>) {
    event.dataTransfer.setData(CARD_DRAG_TYPE, card.id);
    event.dataTransfer.setData('text/plain', card.title);
    event.dataTransfer.effectAllowed = 'move';
  }

  return (
    <li
      className="board-card"
      tabIndex={0}
      draggable
      data-card-id={card.id}
      aria-label={[card.title, card.detail, amount].filter(Boolean).join(', ')}
      aria-describedby={helpId}
      onKeyDown={keyDown}
      onDragStart={dragStart}
    >
      <a className="board-card-title" href={profileUrl} target="_blank" rel="noreferrer" tabIndex={-1}>
        {card.title}
      </a>
      {card.detail ? <span className="board-card-detail">{card.detail}</span> : null}
      {amount ? <span className="board-card-amount">{amount}</span> : null}
      <label className="board-card-move">
        <span className="visually-hidden">Move {card.title} to</span>
        <select value={stage ? placeKey(pipeline.id, stage.id) : ''} onChange={(event) => onMove(card, event.target.value.split(':')[1] ?? '')}>
          {stage ? null : <option value="">Removed stage</option>}
          {pipeline.stages.map((option) => (
            <option key={option.id} value={placeKey(pipeline.id, option.id)}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}
