/**
 * Moving a contact or a deal through a pipeline. A row's place is one string on the row
 * (`<pipelineId>:<stageId>`: a contact's `pipelineStage`, a deal's `stage`); each move rewrites
 * it and logs a `stage-change` interaction on the contact ("Recruiting: Screening → Interviewing"),
 * in one transaction, so History always shows the moves the board shows. A deal moved into a
 * won or lost stage is closed through updateDeal, which bumps the won-deal revision when the set
 * of purchases changes; a deal moved back to an open stage is reopened.
 */
import { Contact, Interaction, type Deal } from '../model';
import { placeKey, stageOfPlace, type Pipeline, type PipelineStage } from '../pipelines/model';
import { recordInteractions } from './activity';
import { withIndexKeys } from './contact-keys';
import type { CrmDatabase } from './types';
import { updateDeal, type DealPatch } from './deals';
import { newId } from './ids';

export interface PipelineMove<Row> {
  row: Row;
  /** False when the row already sat in that stage: nothing was written. */
  changed: boolean;
  /** The stage it left, if it was in this pipeline. */
  from?: PipelineStage;
  to: PipelineStage;
}

function targetStage(pipeline: Pipeline, kind: Pipeline['kind'], stageId: string): PipelineStage {
  if (pipeline.kind !== kind) throw new Error(`${pipeline.name} is a pipeline of ${pipeline.kind}, not ${kind}.`);
  const stage = pipeline.stages.find((candidate) => candidate.id === stageId);
  if (!stage) throw new Error(`${pipeline.name} has no stage “${stageId}”.`);
  return stage;
}

/** "Recruiting: Screening → Interviewing", or "Recruiting: added at Sourced" for a first placement. */
export function moveSubject(pipeline: Pipeline, from: PipelineStage | undefined, to: PipelineStage): string {
  return from ? `${pipeline.name}: ${from.label} → ${to.label}` : `${pipeline.name}: added at ${to.label}`;
}

async function logStageChange(db: CrmDatabase, contactId: string, subject: string, now: number): Promise<void> {
  const change = Interaction.parse({ id: newId(now), contactId, kind: 'stage-change', at: now, subject });
  await db.interactions.add(change);
  await recordInteractions(db, [change], now);
}

/** Places a contact in a stage of a contacts pipeline (a contact sits in one pipeline at a time). */
export async function moveContactToStage(
  db: CrmDatabase,
  contactId: string,
  pipeline: Pipeline,
  stageId: string,
  now: number = Date.now(),
): Promise<PipelineMove<Contact>> {
  const to = targetStage(pipeline, 'contacts', stageId);
  const place = placeKey(pipeline.id, to.id);
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const existing = await db.contacts.get(contactId);
    if (!existing || existing.deletedAt) throw new Error(`No contact with id ${contactId}`);
    const from = stageOfPlace(pipeline, existing.pipelineStage);
    if (existing.pipelineStage === place) return { row: existing, changed: false, from, to };
    const updated = Contact.parse(withIndexKeys({ ...existing, pipelineStage: place, updatedAt: now }));
    await db.contacts.put(updated);
    await logStageChange(db, contactId, moveSubject(pipeline, from, to), now);
    return { row: updated, changed: true, from, to };
  });
}

/** What a deal's status (and closing date) becomes in a stage: closed stages close it, open ones reopen it. */
function statusPatch(deal: Deal, to: PipelineStage, now: number): DealPatch {
  const status = to.outcome ?? 'open';
  if (status === deal.status) return {};
  // A deal's `at` is its closing date once won or lost: the move is when it closed.
  return status === 'open' ? { status } : { status, at: now };
}

/** Places a deal in a stage of a deals pipeline; History shows it on the deal's contact. */
export async function moveDealToStage(
  db: CrmDatabase,
  dealId: string,
  pipeline: Pipeline,
  stageId: string,
  now: number = Date.now(),
): Promise<PipelineMove<Deal>> {
  const to = targetStage(pipeline, 'deals', stageId);
  const place = placeKey(pipeline.id, to.id);
  return db.transaction('rw', [db.contacts, db.deals, db.interactions, db.meta, db.activity], async () => {
    const existing = await db.deals.get(dealId);
    if (!existing) throw new Error(`No deal with id ${dealId}`);
    const contact = await db.contacts.get(existing.contactId);
    if (!contact || contact.deletedAt) throw new Error(`The deal's contact is gone (${existing.contactId}).`);
    const from = stageOfPlace(pipeline, existing.stage);
    if (existing.stage === place) return { row: existing, changed: false, from, to };
    // Through updateDeal (a part of this transaction): it keeps the deal facts and the won-deal revision.
    const updated = await updateDeal(db, dealId, { stage: place, ...statusPatch(existing, to, now) });
    const title = existing.title.trim() || 'Untitled deal';
    await logStageChange(db, existing.contactId, `Deal “${title}” · ${moveSubject(pipeline, from, to)}`, now);
    return { row: updated, changed: true, from, to };
  });
}
