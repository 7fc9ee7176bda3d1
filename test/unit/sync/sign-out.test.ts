/**
 * Signing out of sync (fake IndexedDB, the unit level): the sync bookkeeping goes either way;
 * with "wipe", the synced tables go without a single outbox entry (a wipe must not reach the
 * server), and so do the local rows about the wiped data (an outreach under way, the published
 * tiers' marker), while this browser's own settings rows stay.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openCrmDatabase, PUBLISHED_TIERS_KEY, saveOutreach, type CrmDatabase } from '@/lib/db';
import { saveMembership } from '@/lib/sync/client/membership';
import { signOutOfSync } from '@/lib/sync/client/sign-out';
import { addContacts } from '../value-runtime/fixtures';

let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  fakeBrowser.reset();
  db = openCrmDatabase(`sign-out-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function signedInWithData(): Promise<void> {
  await addContacts(db, ['ada', 'bob']);
  await db.outbox.clear(); // as after a push
  await saveMembership({ user: 'u1', workspace: 'ws', workspaceName: 'Team', role: 'editor', members: [] }, db);
  await db.meta.bulkPut([
    { key: 'sync:cursor:ws', value: 42 },
    { key: PUBLISHED_TIERS_KEY, value: { workspace: 'ws', recompute: '[]' } },
    { key: 'values:state', value: { kept: true } },
  ]);
  await saveOutreach(db, { segmentId: 'seg-1', templateId: 't1', mailbox: 'gmail', skipWithinDays: 30, startedAt: 1, queue: ['ada', 'bob'], outcomes: {} });
}

const metaKeys = async () => ((await db.meta.toCollection().primaryKeys()) as string[]).filter((key) => !key.startsWith('sync:clock'));

describe('signOutOfSync', () => {
  it('keeps the data and the outreach when the user keeps local data', async () => {
    await signedInWithData();
    await signOutOfSync(db, { wipeLocalData: false });
    expect(await db.contacts.count()).toBe(2);
    expect(await metaKeys()).toEqual(expect.arrayContaining(['outreach:seg-1', PUBLISHED_TIERS_KEY, 'values:state']));
    expect(await metaKeys()).not.toContain('sync:cursor:ws');
    expect(await metaKeys()).not.toContain('sync:membership');
  });

  it('wipes the synced tables without an outbox entry, and forgets the outreach and the published tiers', async () => {
    await signedInWithData();
    await signOutOfSync(db, { wipeLocalData: true });
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    const keys = await metaKeys();
    expect(keys).not.toContain('outreach:seg-1');
    expect(keys).not.toContain(PUBLISHED_TIERS_KEY);
    expect(keys).not.toContain('sync:cursor:ws');
    expect(keys).toContain('values:state');
  });
});
