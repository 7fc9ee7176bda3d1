import { expect, type Page } from '@playwright/test';
import { sampleBeta, sampleGamma, seededUniform } from '../../lib/value/random';

/**
 * The value specs' seed (value-tier, segments): 60 repeat-buying contacts and "Tess Target", a
 * small buyer, written straight into the extension's IndexedDB from an extension page (rows
 * valid for the Zod schemas, as lib/db would write them). This bypasses lib/db on purpose, so
 * the won-deal revision is not bumped: nothing is recomputed until the first deal typed into
 * the panel.
 */

const DAY_MS = 86_400_000;
const SEEDED = 60;
export const RECOMPUTE_TIMEOUT = 30_000;

interface SeedContact {
  id: string;
  name: string;
}
interface SeedDeal {
  id: string;
  contactId: string;
  title: string;
  amount: number;
  currency: string;
  status: 'won';
  at: number;
}

/**
 * Purchase histories drawn from the story BG/NBD and Gamma-Gamma tell (Gamma purchase rates,
 * Beta drop-out, Gamma spend; lib/value/random, seeded), over the 300 days before `now`. With
 * this seed both models fit, so the badge shows model figures; a different seed may not.
 */
function seedData(now: number): { contacts: SeedContact[]; deals: SeedDeal[] } {
  const uniform = seededUniform(11);
  const contacts: SeedContact[] = [];
  const deals: SeedDeal[] = [];
  for (let c = 0; c < SEEDED; c += 1) {
    const id = `seed-${String(c).padStart(2, '0')}`;
    contacts.push({ id, name: `Customer ${String(c).padStart(2, '0')}` });
    const rate = sampleGamma(uniform, 1.2, 3); // purchases a week
    const drop = sampleBeta(uniform, 1, 4);
    const spendRate = sampleGamma(uniform, 4, 1);
    let day = Math.floor(uniform() * 100);
    for (let purchase = 0; ; purchase += 1) {
      deals.push({
        id: `${id}-d${purchase}`,
        contactId: id,
        title: `Order ${purchase + 1}`,
        amount: Math.max(100, Math.round(sampleGamma(uniform, 5, spendRate) * 100_000)),
        currency: 'USD',
        status: 'won',
        at: now - (300 - day) * DAY_MS,
      });
      day += Math.max(1, Math.ceil((-Math.log(uniform()) / rate) * 7));
      if (day >= 300 || uniform() < drop) break;
    }
  }
  // The contact under test: a small repeat buyer, far from the strategic set.
  contacts.push({ id: 'target', name: 'Tess Target' });
  deals.push(
    { id: 'target-d0', contactId: 'target', title: 'Sample', amount: 2_000, currency: 'USD', status: 'won', at: now - 60 * DAY_MS },
    { id: 'target-d1', contactId: 'target', title: 'Refill', amount: 2_000, currency: 'USD', status: 'won', at: now - 30 * DAY_MS },
  );
  return { contacts, deals };
}

/** Writes `data` (by default the 60 repeat buyers and Tess Target) into the extension's IndexedDB. */
export async function seedDatabase(panel: Page, data: { contacts: SeedContact[]; deals: SeedDeal[] } = seedData(Date.now())): Promise<void> {
  // The panel opens the database (Dexie creates the schema) before anything is written.
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await panel.evaluate(async ({ contacts, deals }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['contacts', 'deals'], 'readwrite');
      const at = Date.now();
      for (const contact of contacts) {
        tx.objectStore('contacts').put({
          id: contact.id,
          name: contact.name,
          emails: [],
          phones: [],
          profiles: [],
          tags: [],
          stage: 'lead',
          userFields: [],
          createdAt: at,
          updatedAt: at,
          profileUrls: [],
          searchTokens: contact.name.toLowerCase().split(' '),
        });
      }
      for (const deal of deals) tx.objectStore('deals').put(deal);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, data);
}

export async function addDealInPanel(panel: Page, title: string, amount: string): Promise<void> {
  const form = panel.getByRole('form', { name: 'Add deal' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Amount').fill(amount);
  await expect(form.getByLabel('Status')).toHaveValue('won');
  await form.getByRole('button', { name: 'Add deal' }).click();
  await expect(form.getByRole('status')).toHaveText(`Added “${title}”.`);
}
