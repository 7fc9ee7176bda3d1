/** What a contact's tier badge needs: its value row, the last recompute, the won-deal revision, and whether it has a purchase. */
import type { ContactValue } from '../../model';
import type { CrmDatabase } from '../database';
import { wonDealsRevision } from '../deals';
import { readContactValue, readValuesState, type ValuesState } from '../values';

export interface TierFacts {
  value: ContactValue | null;
  state: ValuesState | null;
  /** Compared with the state's stamp: a newer revision means the values are being recomputed. */
  revision: number;
  /** A won deal exists (from its value row, else through the `[contactId+at]` index). */
  hasPurchase: boolean;
}

export async function readTierFacts(db: CrmDatabase, contactId: string): Promise<TierFacts> {
  const [value, state, revision] = await Promise.all([readContactValue(db, contactId), readValuesState(db), wonDealsRevision(db)]);
  const hasPurchase = value
    ? true
    : (await db.deals
        .where('[contactId+at]')
        .between([contactId, -Infinity], [contactId, Infinity])
        .filter((deal) => deal.status === 'won')
        .count()) > 0;
  return { value: value ?? null, state, revision, hasPurchase };
}
