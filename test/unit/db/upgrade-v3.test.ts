import { afterEach, describe, expect, it } from 'vitest';
import { duplicatesOf, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { openShippedVersion } from './shipped-schemas';

const NAME = 'upgrade-v2-to-v3';


function contact(id: string, name: string, phones: string[], extra: object = {}) {
  return {
    id, name, emails: [`${id}@example.org`], phones, profiles: [], tags: [], stage: 'lead', userFields: [],
    createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: [name.toLowerCase()], ...extra,
  };
}

let upgraded: CrmDatabase | undefined;
afterEach(async () => {
  await upgraded?.delete();
  upgraded = undefined;
});

describe('schema version 2 → 3', () => {
  it('indexes the phones already stored, and leaves every row as it was', async () => {
    const v2 = openShippedVersion(NAME, 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    const rows = [
      contact('ada', 'Ada', ['+442079460000', '+442079460001']),
      contact('bob', 'Bob', ['+442079460001']),
      contact('cy', 'Cy', []),
      contact('dee', 'Dee', ['+442079460000'], { deletedAt: 5 }),
    ];
    await v2.table('contacts').bulkAdd(rows);
    await v2.table('interactions').add({ id: 'i1', contactId: 'ada', kind: 'call', at: 10 });
    await v2.table('activity').add({ contactId: 'ada', lastContactedAt: 10, recentTouches: [], openDealValue: 0, wonValue: 0, mixedCurrencies: false, updatedAt: 10 });
    // Without the index, a phone cannot be looked up at all.
    await expect(v2.table('contacts').where('phones').equals('+442079460001').toArray()).rejects.toThrow();
    v2.close();

    upgraded = openCrmDatabase(NAME);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(3); // and on through later versions
    expect((await upgraded.contacts.where('phones').equals('+442079460001').primaryKeys()).sort()).toEqual(['ada', 'bob']);
    expect((await upgraded.contacts.where('phones').equals('+442079460000').primaryKeys()).sort()).toEqual(['ada', 'dee']);
    expect(await upgraded.contacts.orderBy('phones').uniqueKeys()).toEqual(['+442079460000', '+442079460001']);
    // Rows, history and facts are untouched.
    expect(await upgraded.contacts.get('ada')).toEqual(rows[0]);
    expect(await upgraded.contacts.count()).toBe(4);
    expect(await upgraded.interactions.count()).toBe(1);
    expect((await upgraded.activity.get('ada'))?.lastContactedAt).toBe(10);
    // …and the duplicate finder uses the new index: Bob shares a phone with Ada; Dee is deleted.
    expect((await duplicatesOf(upgraded, 'ada')).map((c) => c.id)).toEqual(['bob']);
  });
});
