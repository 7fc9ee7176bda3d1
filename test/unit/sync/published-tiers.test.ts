/**
 * The value tier in the address book (issue 20): a browser's recompute publishes each contact's
 * tier into the synced `publishedTier` field, and the real server app (SQLite, in-process) serves
 * it read-only as X-SIDEBAR-CRM-TIER and a "CRM tier: …" category. Browsers' databases are fake
 * IndexedDB (the unit level); the recompute is the service worker's own.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createValueRecompute } from '@/entrypoints/background/value-recompute';
import { addDeal, publishTiers, readAllValues, type CrmDatabase } from '@/lib/db';
import { DEFAULT_VALUE_SETTINGS } from '@/lib/settings';
import { saveMembership } from '@/lib/sync/client/membership';
import { publishTiersIfDue } from '@/lib/sync/client/tier-publishing';
import { addContacts, DAY_MS } from '../value-runtime/fixtures';
import { inProcessSync } from './in-process-sync';

const server = inProcessSync('published-tiers');
const NOW = Date.UTC(2026, 11, 1, 12);

function recompute(db: CrmDatabase) {
  return createValueRecompute({ db: () => db, now: () => NOW, readSettings: async () => DEFAULT_VALUE_SETTINGS, delayMs: 0, keepAlive: () => undefined });
}

async function buyers(db: CrmDatabase): Promise<void> {
  await addContacts(db, ['ada', 'bob', 'cy']);
  for (const [contactId, amount] of [['ada', 90_000], ['bob', 1_000]] as const) {
    await addDeal(db, { contactId, title: 'Order', amount, currency: 'USD', status: 'won', at: NOW - 3 * DAY_MS });
  }
}

async function card(id: string): Promise<{ status: number; text: string; etag: string | null }> {
  const { token } = await server.store.addToken(server.email, Date.now(), 'dav');
  const reply = await server.app.request(`/dav/${server.workspace}/contacts/${id}.vcf`, {
    headers: { authorization: `Basic ${Buffer.from(`${server.email}:${token}`).toString('base64')}` },
  });
  return { status: reply.status, text: await reply.text(), etag: reply.headers.get('etag') };
}

describe('published value tiers', () => {
  it('serves the tier a browser computed, read-only, and publishes only what changed', async () => {
    const a = server.browser();
    await buyers(a.db);
    await a.sync();
    expect(await a.db.outbox.count()).toBe(0);
    const before = await card('ada');
    expect(before.text).not.toContain('X-SIDEBAR-CRM-TIER');

    expect((await recompute(a.db).runIfStale()).kind).toBe('computed');
    const tiers = new Map((await readAllValues(a.db)).map((row) => [row.contactId, row.tier]));
    expect(tiers).toEqual(new Map([['ada', 'strategic'], ['bob', 'core'], ['cy', 'prospect']]));

    expect(await publishTiersIfDue(a.db, server.workspace, 'plain')).toEqual({ written: 3, compared: 3 });
    // Only the tier is queued: the person did not change.
    const queued = await a.db.outbox.toArray();
    expect(queued.map((entry) => Object.keys(entry.fields))).toEqual([['publishedTier'], ['publishedTier'], ['publishedTier']]);
    expect((await a.db.contacts.get('ada'))?.updatedAt).toBe((await a.db.contacts.get('ada'))?.createdAt);
    // Until the next recompute there is nothing more to publish.
    expect(await publishTiersIfDue(a.db, server.workspace, 'plain')).toBeUndefined();
    await a.sync();

    const served = await card('ada');
    expect(served.status).toBe(200);
    expect(served.etag).not.toBe(before.etag);
    const vcard = new ICAL.Component(ICAL.parse(served.text));
    expect(vcard.getFirstPropertyValue('x-sidebar-crm-tier')).toBe('strategic');
    expect(vcard.getFirstProperty('categories')!.getValues()).toContain('CRM tier: strategic');
    expect(new ICAL.Component(ICAL.parse((await card('cy')).text)).getFirstPropertyValue('x-sidebar-crm-tier')).toBe('prospect');

    // A second browser computing the same tiers from the same deals writes nothing.
    const b = server.browser();
    await b.sync();
    expect((await b.db.contacts.get('bob'))?.publishedTier).toBe('core');
    await recompute(b.db).runIfStale();
    expect(await publishTiersIfDue(b.db, server.workspace, 'plain')).toEqual({ written: 0, compared: 3 });
    expect(await b.db.outbox.count()).toBe(0);

    // A new purchase moves Bob: only his tier is published again.
    await addDeal(a.db, { contactId: 'bob', title: 'Big order', amount: 500_000, currency: 'USD', status: 'won', at: NOW - DAY_MS });
    await recompute(a.db).runIfStale();
    const moved = await publishTiersIfDue(a.db, server.workspace, 'plain');
    expect(moved?.written).toBeGreaterThan(0);
    expect((await a.db.contacts.get('bob'))?.publishedTier).toBe('strategic');
  });

  it('is not taken back from an address book: a PUT naming another tier leaves it', async () => {
    const a = server.browser();
    await buyers(a.db);
    await recompute(a.db).runIfStale();
    await a.sync();
    await publishTiersIfDue(a.db, server.workspace, 'plain');
    await a.sync();
    const served = await card('ada');
    const { token } = await server.store.addToken(server.email, Date.now(), 'dav');
    const edited = served.text.replace('X-SIDEBAR-CRM-TIER:strategic', 'X-SIDEBAR-CRM-TIER:core').replace('CRM tier: strategic', 'CRM tier: core');
    expect(edited).not.toBe(served.text);
    const put = await server.app.request(`/dav/${server.workspace}/contacts/ada.vcf`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`${server.email}:${token}`).toString('base64')}`, 'content-type': 'text/vcard', 'if-match': served.etag! },
      body: edited,
    });
    expect(put.status).toBe(204);
    const after = new ICAL.Component(ICAL.parse((await card('ada')).text));
    expect(after.getFirstPropertyValue('x-sidebar-crm-tier')).toBe('strategic');
    expect(after.getFirstProperty('categories')!.getValues()).not.toContain('CRM tier: core');
  });

  it('publishes nothing from an encrypted workspace, a viewer, or before any recompute', async () => {
    const a = server.browser();
    await buyers(a.db);
    await a.sync();
    expect(await publishTiers(a.db, server.workspace)).toEqual({ written: 0, compared: 0 }); // no recompute yet
    await recompute(a.db).runIfStale();
    expect(await publishTiersIfDue(a.db, server.workspace, 'encrypted')).toBeUndefined();
    expect(await publishTiersIfDue(a.db, server.workspace, 'decrypting')).toBeUndefined();
    await saveMembership({ user: 'u-viewer', workspace: server.workspace, workspaceName: 'Team', role: 'viewer', members: [] }, a.db);
    expect(await publishTiersIfDue(a.db, server.workspace, 'plain')).toBeUndefined();
    expect(await a.db.outbox.count()).toBe(0);
    expect((await a.db.contacts.get('ada'))?.publishedTier).toBeUndefined();
  });

  it('skips trashed contacts and publishes again for another workspace', async () => {
    const a = server.browser();
    await buyers(a.db);
    await recompute(a.db).runIfStale();
    await a.db.contacts.update('cy', { deletedAt: NOW });
    expect(await publishTiers(a.db, 'ws-one')).toEqual({ written: 2, compared: 3 });
    expect((await a.db.contacts.get('cy'))?.publishedTier).toBeUndefined();
    expect(await publishTiersIfDue(a.db, 'ws-one', 'plain')).toBeUndefined();
    expect(await publishTiersIfDue(a.db, 'ws-two', 'plain')).toEqual({ written: 0, compared: 3 });
  });
});
