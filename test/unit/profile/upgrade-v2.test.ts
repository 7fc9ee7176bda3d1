import { afterEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, recentInteractionCount, type CrmDatabase } from '@/lib/db';
import { openShippedVersion } from '../db/shipped-schemas';

const DAY = 86_400_000;
const NAME = 'upgrade-v1-to-v2';


function contact(id: string, name: string, now: number) {
  return {
    id, name, emails: [`${id}@example.org`], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [],
    createdAt: now, updatedAt: now, profileUrls: [], searchTokens: [name.toLowerCase()],
  };
}

let upgraded: CrmDatabase | undefined;
afterEach(async () => {
  await upgraded?.delete();
  upgraded = undefined;
});

describe('schema version 1 → 2', () => {
  it('computes activity facts from the version-1 interactions and deals', async () => {
    const now = Date.now();
    const v1 = openShippedVersion(NAME, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.table('contacts').bulkAdd([contact('ada', 'Ada', now), contact('bob', 'Bob', now), contact('cy', 'Cy', now)]);
    await v1.table('interactions').bulkAdd([
      { id: 'i1', contactId: 'ada', kind: 'email', at: now - 200 * DAY, direction: 'in', externalId: 'm1' },
      { id: 'i2', contactId: 'ada', kind: 'call', at: now - 10 * DAY },
      { id: 'i3', contactId: 'ada', kind: 'note', at: now - 2 * DAY, body: 'Likes tea' },
      { id: 'i4', contactId: 'ada', kind: 'stage-change', at: now - 1 * DAY, subject: 'lead → customer' },
      { id: 'i5', contactId: 'ada', kind: 'meeting', at: now - 89 * DAY },
      { id: 'i6', contactId: 'bob', kind: 'note', at: now - 5 * DAY },
    ]);
    await v1.table('deals').bulkAdd([
      { id: 'd1', contactId: 'ada', title: 'A', amount: 10_000, currency: 'EUR', status: 'won', at: now - 30 * DAY },
      { id: 'd2', contactId: 'ada', title: 'B', amount: 2_550, currency: 'EUR', status: 'won', at: now - 20 * DAY },
      { id: 'd3', contactId: 'ada', title: 'C', amount: 7_000, currency: 'EUR', status: 'open', at: now + 20 * DAY },
      { id: 'd4', contactId: 'ada', title: 'D', amount: 99_999, currency: 'EUR', status: 'lost', at: now - 3 * DAY },
      { id: 'd5', contactId: 'cy', title: 'E', amount: 500, currency: 'USD', status: 'open', at: now },
      { id: 'd6', contactId: 'cy', title: 'F', amount: 100, currency: 'GBP', status: 'won', at: now - DAY },
    ]);
    v1.close();

    upgraded = openCrmDatabase(NAME);
    await upgraded.open();
    expect(upgraded.verno).toBeGreaterThanOrEqual(2); // and on through later versions

    const ada = await upgraded.activity.get('ada');
    expect(ada).toMatchObject({
      contactId: 'ada',
      lastContactedAt: now - 10 * DAY, // the call; the note and stage change are not contact
      openDealValue: 7_000,
      wonValue: 12_550,
      currency: 'EUR',
      mixedCurrencies: false,
    });
    // meeting (89 d), call, note; not the 200-day-old email, not the stage change
    expect(recentInteractionCount(ada, now)).toBe(3);
    // two days later the meeting has left the window, without any write
    expect(recentInteractionCount(ada, now + 2 * DAY)).toBe(2);

    const bob = await upgraded.activity.get('bob');
    expect(bob?.lastContactedAt).toBeUndefined();
    expect(recentInteractionCount(bob, now)).toBe(1);
    expect(bob).toMatchObject({ openDealValue: 0, wonValue: 0 });

    expect(await upgraded.activity.get('cy')).toMatchObject({ openDealValue: 500, wonValue: 100, mixedCurrencies: true });

    // The facts are indexed: contacts by last contact, and by lifetime won value.
    expect(await upgraded.activity.orderBy('lastContactedAt').primaryKeys()).toEqual(['ada']);
    expect(await upgraded.activity.where('wonValue').above(1_000).primaryKeys()).toEqual(['ada']);
    // Version-1 rows are untouched.
    expect(await upgraded.interactions.count()).toBe(6);
    expect(await upgraded.contacts.count()).toBe(3);
  });
});
