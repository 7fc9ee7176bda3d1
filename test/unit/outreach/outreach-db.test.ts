/** Outreach progress in the meta table and the History it logs (lib/db/outreach.ts), in real IndexedDB (fake-indexeddb). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearOutreach, interactionsOf, openCrmDatabase, readOutreach, recordDrafted, recordSkipped, saveOutreach, type CrmDatabase } from '@/lib/db';
import { outreachCandidates } from '@/lib/db/queries/outreach';
import { Contact } from '@/lib/model';
import { draftFor, outreachProgress, planOutreach, type OutreachSession } from '@/lib/outreach';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);
const template = { id: 't1', name: 'Check-in', subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}!' };

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`outreach-${++dbCount}`);
  await db.open();
  for (const [id, name] of [['ada', 'Ada Lovelace'], ['alan', 'Alan Turing']] as const) {
    await db.contacts.put(Contact.parse({ id, name, emails: [`${id}@example.org`], tags: ['vip'], createdAt: 1, updatedAt: 1 }));
  }
});
afterEach(async () => {
  await db.delete();
});

function session(queue: string[]): OutreachSession {
  return { segmentId: 'seg', templateId: 't1', mailbox: 'gmail', skipWithinDays: 30, startedAt: NOW, queue, outcomes: {} };
}

describe('outreach store', () => {
  it('logs a drafted member as an outgoing email, moves on, and is then skipped by the next plan', async () => {
    const started = await saveOutreach(db, session(['ada', 'alan']));
    const ada = draftFor(template, (await db.contacts.get('ada'))!);
    const after = await recordDrafted(db, started, ada, NOW);
    expect(outreachProgress(after)).toMatchObject({ drafted: 1, current: 'alan' });
    expect(await readOutreach(db, 'seg')).toEqual(after);

    const [logged] = await interactionsOf(db, 'ada');
    expect(logged).toMatchObject({ kind: 'email', direction: 'out', at: NOW, subject: 'Hello Ada', body: 'Hi Ada!', to: ['ada@example.org'] });
    expect((await db.activity.get('ada'))?.lastContactedAt).toBe(NOW);

    const candidates = await outreachCandidates(db, [{ field: 'tag', op: 'has', value: 'vip' }], NOW + DAY);
    const plan = planOutreach({ candidates, template, skipWithinDays: 30, now: NOW + DAY });
    expect(plan.skipped).toEqual([{ contactId: 'ada', name: 'Ada Lovelace', lastContactedAt: NOW }]);
    expect(plan.toDraft.map((draft) => draft.contactId)).toEqual(['alan']);
  });

  it('logs nothing for a skipped member; a gone contact fails the draft with nothing written', async () => {
    const started = await saveOutreach(db, session(['ada', 'alan']));
    const skipped = await recordSkipped(db, started, 'ada');
    expect(outreachProgress(skipped)).toMatchObject({ skipped: 1, current: 'alan' });
    expect(await interactionsOf(db, 'ada')).toEqual([]);

    await db.contacts.update('alan', { deletedAt: NOW });
    await expect(recordDrafted(db, skipped, draftFor(template, { id: 'alan', name: 'Alan Turing', emails: ['alan@example.org'] }), NOW)).rejects.toThrow(
      'No contact with id alan',
    );
    expect(await readOutreach(db, 'seg')).toEqual(skipped);
  });

  it('reads no session when none is stored or the row is unreadable, and clears one', async () => {
    expect(await readOutreach(db, 'seg')).toBeUndefined();
    await db.meta.put({ key: 'outreach:seg', value: { queue: 'not a list' } });
    expect(await readOutreach(db, 'seg')).toBeUndefined();
    await saveOutreach(db, session(['ada']));
    await clearOutreach(db, 'seg');
    expect(await readOutreach(db, 'seg')).toBeUndefined();
  });
});
