/**
 * Publishes each contact's value tier (the local `values` table) into the contact's synced
 * `publishedTier` field, so the sync server can serve it to address books (CardDAV's
 * X-SIDEBAR-CRM-TIER, issue 20). The server cannot compute tiers: each browser fits its own model.
 *
 * - Only differences are written: a browser whose tiers match what another browser already
 *   published writes nothing, and a recompute that moves ten tiers writes ten contacts.
 * - Chunks of separate transactions, like the values write: the panel's reads wait for at most
 *   one chunk of 1,000 contacts, never for the whole book.
 * - `updatedAt` is left alone: the person did not change, only a number the CRM derives.
 * - A meta row remembers which recompute (its stamp and time) was published to which workspace, so
 *   the check that runs after every sync run costs one meta read until the next recompute.
 */
import { z } from 'zod';
import type { ValueTier } from '../model';
import type { CrmDatabase } from './types';
import { readValuesState } from './values';

export const PUBLISHED_TIERS_KEY = 'values:published';
const CHUNK = 1_000;

const PublishedMarker = z.object({
  workspace: z.string(),
  /** Which recompute: its stamp (deals revision, settings, day, contacts) and time. */
  recompute: z.string(),
});
type PublishedMarker = z.infer<typeof PublishedMarker>;

export interface PublishTiersResult {
  /** Contacts whose published tier changed (and so were queued for the next push). */
  written: number;
  /** Contacts read and compared. */
  compared: number;
}

/** Names the last recompute, or undefined when tiers were never computed here. */
async function lastRecompute(db: CrmDatabase): Promise<string | undefined> {
  const state = await readValuesState(db);
  return state ? JSON.stringify([state.stamp, state.computedAt]) : undefined;
}

/** Whether the last recompute is not yet published to `workspace`. */
export async function tiersNeedPublishing(db: CrmDatabase, workspace: string): Promise<boolean> {
  const recompute = await lastRecompute(db);
  if (recompute === undefined) return false;
  const marker = PublishedMarker.safeParse((await db.meta.get(PUBLISHED_TIERS_KEY))?.value);
  return !marker.success || marker.data.workspace !== workspace || marker.data.recompute !== recompute;
}

/**
 * Writes `publishedTier` wherever it differs from the contact's computed tier (a contact without
 * a values row keeps what it has: the next recompute covers it), then records the marker.
 */
export async function publishTiers(db: CrmDatabase, workspace: string): Promise<PublishTiersResult> {
  const recompute = await lastRecompute(db);
  if (recompute === undefined) return { written: 0, compared: 0 };
  const ids = (await db.values.toCollection().primaryKeys()) as string[];
  let written = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const part = ids.slice(start, start + CHUNK);
    written += await db.transaction('rw', db.contacts, db.values, async () => {
      const [values, contacts] = await Promise.all([db.values.bulkGet(part), db.contacts.bulkGet(part)]);
      const changed = [];
      for (let i = 0; i < part.length; i++) {
        const tier: ValueTier | undefined = values[i]?.tier;
        const contact = contacts[i];
        if (!tier || !contact || contact.deletedAt !== undefined || contact.publishedTier === tier) continue;
        changed.push({ ...contact, publishedTier: tier });
      }
      // The outbox records only the fields that differ: publishedTier, with a fresh stamp.
      if (changed.length > 0) await db.contacts.bulkPut(changed);
      return changed.length;
    });
  }
  await db.meta.put({ key: PUBLISHED_TIERS_KEY, value: { workspace, recompute } satisfies PublishedMarker });
  return { written, compared: ids.length };
}
