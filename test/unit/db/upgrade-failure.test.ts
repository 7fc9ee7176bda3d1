/**
 * A schema upgrade that throws must leave the data of the version before intact and readable,
 * and every schema version shipped so far must upgrade to the current one.
 */
import type Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openCrmDatabase } from '@/lib/db';
import { readRawCopy } from '@/lib/io/raw-copy';
import { openShippedVersion, SHIPPED_VERSIONS } from './shipped-schemas';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const contact = (id: string, name: string) => ({
  id, name, emails: [`${id}@example.org`], phones: [], profiles: [], tags: [], stage: 'lead' as const, userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: [name.toLowerCase()],
});

describe('an upgrade that fails', () => {
  it('rejects the open, keeps the previous version’s rows, and a raw copy reads them as stored', async () => {
    const name = 'upgrade-fails';
    const current = openCrmDatabase(name);
    opened.push(current);
    await current.contacts.bulkAdd([contact('c1', 'Ada Lovelace'), contact('c2', 'Grace Hopper')]);
    await current.meta.put({ key: 'import:mapping', value: { sync_token: 'scrm_secret', columns: ['Name'] } });
    const version = current.verno;
    current.close();

    // The next version, as a release whose upgrade function has a bug.
    const broken = openCrmDatabase(name);
    broken.version(version + 1).stores({}).upgrade(() => {
      throw new Error('the upgrade hit a row it did not expect');
    });
    await expect(broken.open()).rejects.toThrow(/the upgrade hit a row it did not expect/);
    broken.close();

    const copy = await readRawCopy(name, Date.UTC(2026, 11, 6));
    expect(copy.version).toBe(version * 10); // Dexie's versions are IndexedDB's divided by ten
    expect((copy.stores.contacts as Array<{ name: string }>).map((row) => row.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    const mapping = (copy.stores.meta as Array<{ key: string }>).find((row) => row.key === 'import:mapping');
    expect(mapping).toEqual({ key: 'import:mapping', value: { columns: ['Name'] } }); // secret-named keys dropped
    expect(copy.stores.outbox).toHaveLength(2);
    expect(copy.exportedAt).toBe('2026-12-06T00:00:00.000Z');

    const reopened = openCrmDatabase(name);
    opened.push(reopened);
    expect(await reopened.contacts.count()).toBe(2);
  });
});

describe('every shipped schema version upgrades to the current one', () => {
  it.each(Array.from({ length: SHIPPED_VERSIONS }, (_, index) => index + 1))('from version %i: contacts, history and deals kept, activity facts there', async (version) => {
    const name = `upgrade-v${version}-to-current`;
    const old = openShippedVersion(name, version);
    opened.push(old);
    await old.open();
    await old.table('contacts').add(contact('c1', 'Ada Lovelace'));
    await old.table('interactions').add({ id: 'i1', contactId: 'c1', kind: 'email', at: 5, direction: 'in', subject: 'Hello' });
    await old.table('deals').add({ id: 'd1', contactId: 'c1', title: 'Engine', amount: 100, currency: 'GBP', status: 'won', at: 6 });
    old.close();

    const upgraded = openCrmDatabase(name);
    opened.push(upgraded);
    expect(await upgraded.contacts.get('c1')).toMatchObject({ name: 'Ada Lovelace', emails: ['c1@example.org'] });
    expect(await upgraded.interactions.get('i1')).toMatchObject({ subject: 'Hello' });
    expect(await upgraded.deals.get('d1')).toMatchObject({ amount: 100 });
    // Version 2 builds activity facts from the rows of version 1; later versions keep what they hold.
    if (version === 1) expect(await upgraded.activity.get('c1')).toMatchObject({ lastContactedAt: 5, wonValue: 100 });
    expect(upgraded.verno).toBeGreaterThanOrEqual(version);
  });

  it('from version 3: rows kept as they were, an empty outbox (the first sync uploads them), templates ready', async () => {
    const name = 'upgrade-v3-to-current';
    const v3 = openShippedVersion(name, 3);
    opened.push(v3);
    await v3.open();
    await v3.table('contacts').bulkAdd([contact('c1', 'Ada Lovelace'), { ...contact('c2', 'Grace Hopper'), phones: ['+15550100'] }]);
    await v3.table('interactions').add({ id: 'i1', contactId: 'c1', kind: 'note', at: 5, body: 'Met at the conference' });
    v3.close();

    const upgraded = openCrmDatabase(name);
    opened.push(upgraded);
    expect((await upgraded.contacts.toArray()).map((row) => row.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(await upgraded.contacts.where('phones').equals('+15550100').primaryKeys()).toEqual(['c2']);
    expect(await upgraded.interactions.get('i1')).toMatchObject({ body: 'Met at the conference' });
    expect(await upgraded.outbox.count()).toBe(0);
    expect(await upgraded.templates.count()).toBe(0);
    expect(await upgraded.contacts.where('pipelineStage').equals('x').count()).toBe(0); // the v5 index exists
  });
});
