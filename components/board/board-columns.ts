/**
 * A pipeline's cards grouped into columns, one per stage in the pipeline's order, with each
 * column's total: the sum of its deals' amounts in the pipeline's currency (deals in another
 * currency are counted apart, never added as if they were the same), or its number of people.
 * Cards whose stage was removed from the pipeline gather in a last column so they can be moved
 * back. Each column shows at most `perStage` cards; totals always cover all of them. Pure.
 */
import { stageOfPlace, type Pipeline, type PipelineStage } from '@/lib/pipelines';

export interface BoardCard {
  /** The contact's id, or the deal's. */
  id: string;
  contactId: string;
  /** Contact name, or deal title. */
  title: string;
  /** Company (contacts), or the contact's name (deals). */
  detail?: string;
  /** Deals: minor units of `currency`. */
  amount?: number;
  currency?: string;
  /** The stored place, `<pipelineId>:<stageId>`. */
  place: string;
}

export interface BoardColumn {
  /** null: the column of cards whose stage no longer exists. */
  stage: PipelineStage | null;
  cards: BoardCard[];
  /** All cards in the stage, shown or not. */
  count: number;
  /** Deals: sum in the pipeline's currency (minor units). Contacts: same as count. */
  total: number;
  /** Deals in the stage whose currency is not the pipeline's: left out of `total`. */
  otherCurrency: number;
}

const byTitle = new Intl.Collator(undefined, { sensitivity: 'base' });

function orderCards(pipeline: Pipeline, cards: BoardCard[]): BoardCard[] {
  return pipeline.kind === 'deals'
    ? cards.sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0) || byTitle.compare(a.title, b.title))
    : cards.sort((a, b) => byTitle.compare(a.title, b.title) || (a.id < b.id ? -1 : 1));
}

export function boardColumns(pipeline: Pipeline, cards: readonly BoardCard[], perStage: number): BoardColumn[] {
  const byStage = new Map<string | null, BoardCard[]>(pipeline.stages.map((stage) => [stage.id, []]));
  for (const card of cards) {
    const key = stageOfPlace(pipeline, card.place)?.id ?? null;
    const list = byStage.get(key) ?? [];
    list.push(card);
    byStage.set(key, list);
  }
  const stages: (PipelineStage | null)[] = [...pipeline.stages];
  if (byStage.has(null)) stages.push(null);
  return stages.map((stage) => {
    const all = orderCards(pipeline, byStage.get(stage?.id ?? null) ?? []);
    let total = all.length;
    let otherCurrency = 0;
    if (pipeline.kind === 'deals') {
      total = 0;
      for (const card of all) {
        if (card.currency === pipeline.currency) total += card.amount ?? 0;
        else otherCurrency += 1;
      }
    }
    return { stage, cards: all.slice(0, perStage), count: all.length, total, otherCurrency };
  });
}

/** The stage one step left (-1) or right (+1) of a card's, or undefined at either end. */
export function neighbourStage(pipeline: Pipeline, place: string, step: -1 | 1): PipelineStage | undefined {
  const current = stageOfPlace(pipeline, place);
  // A card in a removed stage moves into the pipeline: right → first stage, left → last.
  if (!current) return step === 1 ? pipeline.stages[0] : pipeline.stages[pipeline.stages.length - 1];
  return pipeline.stages[pipeline.stages.indexOf(current) + step];
}
