/** The rows behind the analytics page: the values the background computed, the live contacts and the deals that show progress. */
import type { Contact, ContactValue, Deal } from '../../model';
import type { CrmDatabase } from '../database';
import { readAllValues, readValuesState, type ValuesState } from '../values';

export interface AnalyticsRows {
  state: ValuesState | null;
  values: ContactValue[];
  /** Live contacts only. */
  contacts: Contact[];
  /** Won and open deals (lost ones show no progress). */
  deals: Deal[];
}

export async function readAnalyticsRows(db: CrmDatabase): Promise<AnalyticsRows> {
  const [state, values, contacts, deals] = await Promise.all([
    readValuesState(db),
    readAllValues(db),
    db.contacts.toArray(),
    db.deals.where('status').anyOf('won', 'open').toArray(),
  ]);
  return { state, values, contacts: contacts.filter((contact) => !contact.deletedAt), deals };
}
