import { afterEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, setContactCadence, type CrmDatabase } from '@/lib/db';
import { openShippedVersion } from './shipped-schemas';

const NAME = 'upgrade-to-v9';

let upgraded: CrmDatabase | undefined;
afterEach(async () => {
  await upgraded?.delete();
  upgraded = undefined;
});

describe('schema version 9 (contacts indexed by their own cadence, activity by its last touch)', () => {
  it('leaves an older profile’s contacts as they were and finds the ones given a cadence through the index', async () => {
    // The newest schema written out as shipped; versions 6 to 9 are applied on top of it.
    const old = openShippedVersion(NAME, 5);
    await old.open();
    const grace = {
      id: 'grace', name: 'Grace Hopper', emails: ['grace@cobol.dev'], phones: [], profiles: [], tags: [],
      stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: ['grace', 'hopper'],
    };
    await old.table('contacts').add(grace);
    // Called on day 10, a note on day 12 (kept among the recent touches); a row with deals only.
    const DAY = 86_400_000;
    await old.table('activity').bulkAdd([
      { contactId: 'grace', lastContactedAt: 10 * DAY, recentTouches: [10 * DAY, 12 * DAY], recentTouchesFrom: 10 * DAY, openDealValue: 0, wonValue: 0, mixedCurrencies: false, updatedAt: 12 * DAY },
      { contactId: 'deals-only', recentTouches: [], openDealValue: 5, wonValue: 0, mixedCurrencies: false, updatedAt: 1 },
    ]);
    old.close();

    upgraded = openCrmDatabase(NAME);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(9);
    expect(await upgraded.contacts.get('grace')).toEqual(grace);
    // The last touch of any kind is the note, and it is indexed; a row without touches has none.
    expect((await upgraded.activity.get('grace'))!.lastTouchedAt).toBe(12 * DAY);
    expect(await upgraded.activity.orderBy('lastTouchedAt').primaryKeys()).toEqual(['grace']);
    expect(await upgraded.contacts.where('cadenceDays').aboveOrEqual(1).count()).toBe(0);

    await setContactCadence(upgraded, 'grace', 14, 2);
    expect(await upgraded.contacts.where('cadenceDays').aboveOrEqual(1).primaryKeys()).toEqual(['grace']);
  });
});
