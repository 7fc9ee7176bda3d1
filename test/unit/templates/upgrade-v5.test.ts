import { afterEach, describe, expect, it } from 'vitest';
import { listTemplates, openCrmDatabase, saveTemplate, type CrmDatabase } from '@/lib/db';
import { openShippedVersion } from '../db/shipped-schemas';

const NAME = 'upgrade-v4-to-v5';


let upgraded: CrmDatabase | undefined;
afterEach(async () => {
  await upgraded?.delete();
  upgraded = undefined;
});

describe('schema version 4 → 5', () => {
  it('adds an empty templates table and leaves every row and the outbox as they were', async () => {
    const v4 = openShippedVersion(NAME, 4);
    await v4.open();
    expect(v4.verno).toBe(4);
    const grace = {
      id: 'grace', name: 'Grace Hopper', emails: ['grace@cobol.dev'], phones: [], profiles: [], tags: ['school: Yale'],
      stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: ['grace', 'hopper'],
    };
    const pending = { table: 'contacts', id: 'grace', fields: { name: 'stamp' } };
    await v4.table('contacts').add(grace);
    await v4.table('outbox').add(pending);
    // Version 4 has no templates table at all.
    expect(v4.tables.map((table) => table.name)).not.toContain('templates');
    v4.close();

    upgraded = openCrmDatabase(NAME);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(5); // and on through later versions
    expect(await upgraded.templates.count()).toBe(0);
    expect(await upgraded.contacts.get('grace')).toEqual(grace);
    expect(await upgraded.outbox.toArray()).toEqual([pending]);
    expect(await upgraded.contacts.where('emails').equals('grace@cobol.dev').primaryKeys()).toEqual(['grace']);

    await saveTemplate(upgraded, { name: 'Intro', body: 'Hi {{firstName}}' });
    expect((await listTemplates(upgraded)).map((t) => t.name)).toEqual(['Intro']);
  });
});
