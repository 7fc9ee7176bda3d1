/**
 * Activity facts after pulled pages (lib/sync/client/apply-pulled.ts): interactions new to this
 * browser are added to their contact's facts without reading the contact's interactions back;
 * anything else recomputes. Whatever the path, the facts must equal a full recompute from the
 * stored rows; in a first pull into empty tables (which reads back only rows it may have written
 * already) as much as in any other.
 */
import { describe, expect, it } from 'vitest';
import { recomputeActivityOf } from '@/lib/db/activity';
import { openCrmDatabase } from '@/lib/db/database';
import { applyPulledRows, prepareNewRows } from '@/lib/sync/client/apply-pulled';
import { FirstPullIds } from '@/lib/sync/client/first-pull-ids';
import { formatHlc } from '@/lib/sync/shared/hlc';
import type { PulledRow } from '@/lib/sync/shared/protocol';

let count = 0;
const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
let millis = NOW - 1000;
const write = (value: unknown) => ({ value, hlc: formatHlc({ millis: ++millis, counter: 0, node: '00000000000000aa' }) });

const contact = (id: string): PulledRow => ({ table: 'contacts', id, fields: { name: write(`Person ${id}`), emails: write([]), phones: write([]), profiles: write([]), tags: write([]), userFields: write([]), createdAt: write(NOW), updatedAt: write(NOW) } }) as PulledRow;
const interaction = (id: string, contactId: string, kind: 'email' | 'call' | 'note', daysAgo: number): PulledRow =>
  ({ table: 'interactions', id, fields: { contactId: write(contactId), kind: write(kind), at: write(NOW - daysAgo * DAY), ...(kind === 'email' ? { direction: write('in'), subject: write('Hi') } : { body: write('x') }) } }) as PulledRow;
const deal = (id: string, contactId: string): PulledRow =>
  ({ table: 'deals', id, fields: { contactId: write(contactId), title: write('Deal'), amount: write(5000), currency: write('EUR'), status: write('open'), at: write(NOW) } }) as PulledRow;

async function factsMatchFullRecompute(db: ReturnType<typeof openCrmDatabase>) {
  const applied = (await db.activity.toArray()).sort((a, b) => a.contactId.localeCompare(b.contactId));
  const ids = (await db.contacts.toCollection().primaryKeys()) as string[];
  await db.transaction('rw', db.interactions, db.deals, db.activity, () => recomputeActivityOf(db, ids, NOW));
  const recomputed = (await db.activity.toArray()).sort((a, b) => a.contactId.localeCompare(b.contactId));
  expect(applied).toEqual(recomputed);
  return applied;
}

const emptyTables = () => new FirstPullIds(['contacts', 'interactions', 'deals', 'tasks']);

describe.each([
  ['any pull', () => undefined, false],
  ['a first pull into empty tables', emptyTables, false],
  ['a first pull, new rows worked out as their page arrived', emptyTables, true],
])('applyPulledRows: activity facts, %s', (_, firstPullOf, prepare) => {
  const applyPulled = (db: ReturnType<typeof openCrmDatabase>, rows: PulledRow[], cursor: undefined, now: number, firstPull: FirstPullIds | undefined) =>
    applyPulledRows(db, rows, cursor, now, firstPull, prepare ? prepareNewRows(rows, firstPull) : undefined);

  it('adds new interactions to stored facts, recomputes on changes, moves and deletions, over several pages', async () => {
    const db = openCrmDatabase(`apply-pulled-${++count}`);
    const firstPull = firstPullOf();
    const applyPulledRows = (database: typeof db, rows: PulledRow[], cursor: undefined, now: number) => applyPulled(database, rows, cursor, now, firstPull);
    // Page 1: two contacts, interactions for both, one of them in the 90-day window only.
    await applyPulledRows(db, [contact('a'), contact('b'), interaction('a1', 'a', 'email', 200), interaction('a2', 'a', 'call', 10), interaction('b1', 'b', 'note', 5)], undefined, NOW);
    let facts = await factsMatchFullRecompute(db);
    expect(facts.find((row) => row.contactId === 'a')).toMatchObject({ lastContactedAt: NOW - 10 * DAY, recentTouches: [NOW - 10 * DAY] });

    // Page 2: more interactions for a contact whose facts exist (the incremental path), a new one
    // moved from a to b (a changed row: both recomputed), and a deal (recomputed).
    await applyPulledRows(db, [interaction('a3', 'a', 'email', 1), { ...interaction('a2', 'b', 'call', 10) }, deal('d1', 'b')], undefined, NOW);
    facts = await factsMatchFullRecompute(db);
    expect(facts.find((row) => row.contactId === 'a')).toMatchObject({ lastContactedAt: NOW - DAY, recentTouches: [NOW - DAY] });
    expect(facts.find((row) => row.contactId === 'b')).toMatchObject({ lastContactedAt: NOW - 10 * DAY, openDealValue: 5000 });

    // Page 3: a deletion, and the same new interaction twice in one page (counted once).
    const twice = interaction('b2', 'b', 'note', 2);
    await applyPulledRows(db, [{ table: 'interactions', id: 'a3', fields: {}, deleted: write(null).hlc } as PulledRow, twice, twice], undefined, NOW);
    facts = await factsMatchFullRecompute(db);
    expect(facts.find((row) => row.contactId === 'a')?.recentTouches).toEqual([]);
    expect(facts.find((row) => row.contactId === 'b')?.recentTouches).toEqual([NOW - 10 * DAY, NOW - 5 * DAY, NOW - 2 * DAY]);
  });

  it('merges a pulled row with the newer change still queued for it (the outbox is read when not empty)', async () => {
    const db = openCrmDatabase(`apply-pulled-${++count}`);
    const firstPull = firstPullOf();
    const applyPulledRows = (database: typeof db, rows: PulledRow[], cursor: undefined, now: number) => applyPulled(database, rows, cursor, now, firstPull);
    await applyPulledRows(db, [contact('q')], undefined, NOW);
    await db.transaction('rw', db.contacts, db.outbox, db.meta, async () => {
      await db.contacts.update('q', { company: 'Queued Ltd' });
    });
    expect(await db.outbox.count()).toBeGreaterThan(0);
    await applyPulledRows(db, [{ table: 'contacts', id: 'q', fields: { title: write('CTO'), company: write('Server Co') } } as PulledRow], undefined, NOW);
    expect(await db.contacts.get('q')).toMatchObject({ title: 'CTO', company: 'Queued Ltd' });
  });

  it('keeps the fields of a row pulled again in the same pull (changed on the server meanwhile)', async () => {
    const db = openCrmDatabase(`apply-pulled-${++count}`);
    const firstPull = firstPullOf();
    await applyPulled(db, [contact('r')], undefined, NOW, firstPull);
    await db.contacts.update('r', { title: 'Kept locally' });
    await db.outbox.clear(); // as if pushed: the stored row is the only trace of the local field
    await applyPulled(db, [{ table: 'contacts', id: 'r', fields: { company: write('Later Co') } } as PulledRow], undefined, NOW, firstPull);
    expect(await db.contacts.get('r')).toMatchObject({ name: 'Person r', title: 'Kept locally', company: 'Later Co' });
  });

  it('merges a row worked out before the page that first wrote it was applied (the same row in two pages)', async () => {
    const db = openCrmDatabase(`apply-pulled-${++count}`);
    const firstPull = firstPullOf();
    const first = [contact('s')];
    const second = [{ table: 'contacts', id: 's', fields: { company: write('Later Co') } } as PulledRow];
    // The second page arrives while the first is being written: worked out as if 's' were new.
    const early = firstPull && prepareNewRows(second, firstPull);
    await applyPulledRows(db, first, undefined, NOW, firstPull, prepare && firstPull ? prepareNewRows(first, firstPull) : undefined);
    await applyPulledRows(db, second, undefined, NOW, firstPull, prepare ? early : undefined);
    expect(await db.contacts.get('s')).toMatchObject({ name: 'Person s', company: 'Later Co' });
  });
});

describe('FirstPullIds', () => {
  it('says a row may be stored once written, or when its table was not empty; never forgets among many', () => {
    const ids = new FirstPullIds(['interactions']);
    expect(ids.covers('interactions')).toBe(true);
    expect(ids.covers('contacts')).toBe(false);
    expect(ids.mayBeStored('contacts', 'c1')).toBe(true);
    for (let i = 0; i < 200_000; i += 1) ids.wrote('interactions', `i${i}`);
    for (let i = 0; i < 200_000; i += 1) expect(ids.mayBeStored('interactions', `i${i}`)).toBe(true);
    // New ids are reported new but for the odd hash collision (a read, never a wrong answer).
    let collisions = 0;
    for (let i = 200_000; i < 400_000; i += 1) if (ids.mayBeStored('interactions', `i${i}`)) collisions += 1;
    expect(collisions).toBeLessThan(20);
  });
});
