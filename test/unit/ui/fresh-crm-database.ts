import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { crmDatabase, type CrmDatabase } from '@/lib/db';

/**
 * For component tests on the shared database (what the panel's views read): before each test of
 * the calling file, WXT's fake browser reset and the database open, then `seed` if given; after
 * each, the database deleted, so no test sees rows another left.
 */
export function freshCrmDatabase(seed?: (db: CrmDatabase) => Promise<void>): void {
  beforeEach(async () => {
    fakeBrowser.reset();
    const db = crmDatabase();
    if (!db.isOpen()) await db.open();
    await seed?.(db);
  });
  afterEach(async () => {
    await crmDatabase().delete();
  });
}
