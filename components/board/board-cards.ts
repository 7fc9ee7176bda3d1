/** A board card from a stored row: a person (contacts pipelines) or a deal with its owner (deals pipelines). Pure. */
import { displayName } from '@/lib/model/display-name';
import type { DealWithOwner } from '@/lib/db/queries/board';
import type { Contact } from '@/lib/model';
import type { BoardCard } from './board-columns';

export function contactCard(contact: Contact): BoardCard {
  const card: BoardCard = { id: contact.id, contactId: contact.id, title: displayName(contact), place: contact.pipelineStage! };
  if (contact.company) card.detail = contact.company;
  return card;
}

export function dealCard({ deal, owner }: DealWithOwner): BoardCard {
  return {
    id: deal.id,
    contactId: deal.contactId,
    title: deal.title.trim() || 'Untitled deal',
    detail: displayName(owner),
    amount: deal.amount,
    currency: deal.currency,
    place: deal.stage!,
  };
}
