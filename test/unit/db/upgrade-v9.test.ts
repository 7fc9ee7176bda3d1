import { afterEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, setContactCadence, type CrmDatabase } from '@/lib/db';
import { openShippedVersion } from './shipped-schemas';

const NAME = 'upgrade-to-v9';

let upgraded: CrmDatabase | undefined;
afterEach(async () => {
  await upgraded?.delete();
  upgraded = undefined;
});

describe('schema version 9 (contacts indexed by their own cadence)', () => {
  it('leaves an older profile’s contacts as they were and finds the ones given a cadence through the index', async () => {
    // The newest schema written out as shipped; versions 6 to 9 are applied on top of it.
    const old = openShippedVersion(NAME, 5);
    await old.open();
    const grace = {
      id: 'grace', name: 'Grace Hopper', emails: ['grace@cobol.dev'], phones: [], profiles: [], tags: [],
      stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: ['grace', 'hopper'],
    };
    await old.table('contacts').add(grace);
    old.close();

    upgraded = openCrmDatabase(NAME);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(9);
    expect(await upgraded.contacts.get('grace')).toEqual(grace);
    expect(await upgraded.contacts.where('cadenceDays').aboveOrEqual(1).count()).toBe(0);

    await setContactCadence(upgraded, 'grace', 14, 2);
    expect(await upgraded.contacts.where('cadenceDays').aboveOrEqual(1).primaryKeys()).toEqual(['grace']);
  });
});
