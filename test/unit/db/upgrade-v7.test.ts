import { afterEach, describe, expect, it } from 'vitest';
import { createSegment, listSegments, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { segmentMembers } from '@/lib/db/queries/segments';
import { openShippedVersion } from './shipped-schemas';

const NAME = 'upgrade-to-v7';

let upgraded: CrmDatabase | undefined;
afterEach(async () => {
  await upgraded?.delete();
  upgraded = undefined;
});

describe('schema version 7 (saved segments)', () => {
  it('adds an empty segments table to an older profile and leaves its rows as they were', async () => {
    // The newest schema written out as shipped; versions 6 and 7 are applied on top of it.
    const old = openShippedVersion(NAME, 5);
    await old.open();
    const grace = {
      id: 'grace', name: 'Grace Hopper', emails: ['grace@cobol.dev'], phones: [], profiles: [], tags: ['vip'],
      stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: ['grace', 'hopper'],
    };
    await old.table('contacts').add(grace);
    expect(old.tables.map((table) => table.name)).not.toContain('segments');
    old.close();

    upgraded = openCrmDatabase(NAME);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(7);
    expect(await upgraded.segments.count()).toBe(0);
    expect(await upgraded.contacts.get('grace')).toEqual(grace);

    const vips = await createSegment(upgraded, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    expect(await listSegments(upgraded)).toEqual([vips]);
    expect((await segmentMembers(upgraded, vips.rule)).contacts.map((contact) => contact.id)).toEqual(['grace']);
  });
});
