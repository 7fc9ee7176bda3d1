/**
 * Two browsers' databases (fake IndexedDB: this is the unit level; the e2e runs real Chromium)
 * syncing through the real server app on a real SQLite file, in-process.
 */
import { quarantinedChanges } from '@/lib/sync/client/quarantine';
import { describe, expect, it } from 'vitest';
import { addDeal, createSegment, deleteSegment, deleteTemplate, editContactField, eraseContact, listSegments, listTemplates, renameSegment, restoreDeletedTemplate, saveDetectedContact, saveTemplate } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import Dexie, { type ObservabilitySet } from 'dexie';
import { ApplySlices, MIN_ROWS } from '@/lib/sync/client/apply-slices';
import { syncOnce, type SyncProgress } from '@/lib/sync/client/engine';
import { httpTransport, SyncError, type SyncTransport } from '@/lib/sync/client/transport';
import { fetchVia, inProcessSync } from './in-process-sync';

const server = inProcessSync('engine');
const browser = () => server.browser();

const person = (name: string, email: string) => DetectedContact.parse({ name, emails: [email] });
const source = { kind: 'page', url: 'https://example.org/team' };

describe('syncOnce', () => {
  it('carries a contact, its deal and later edits from one browser to another', async () => {
    const a = browser();
    const b = browser();
    const { contact } = await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    await addDeal(a.db, { contactId: contact.id, title: 'Engine', amount: 120_000, currency: 'GBP', status: 'won', at: Date.UTC(2026, 0, 5) });
    const emailAt = Date.now() - 86_400_000;
    const noteAt = Date.now() - 3_600_000;
    await a.db.interactions.bulkPut([
      { id: 'i1', contactId: contact.id, kind: 'email', at: emailAt, direction: 'in', subject: 'Hello' },
      { id: 'i2', contactId: contact.id, kind: 'note', at: noteAt, body: 'Met at the conference' },
    ]);
    await a.sync();
    expect(await a.db.outbox.count()).toBe(0);
    await b.sync();
    const copy = await b.db.contacts.get(contact.id);
    expect(copy).toMatchObject({ name: 'Ada Lovelace', emails: ['ada@example.org'] });
    expect(copy!.searchTokens).toContain('ada'); // derived keys rebuilt locally
    expect(await b.db.deals.where('contactId').equals(contact.id).count()).toBe(1);
    expect((await b.db.activity.get(contact.id))?.wonValue).toBe(120_000); // derived facts recomputed
    // …from the pulled rows themselves: a note is a touch but not a contact.
    expect(await b.db.activity.get(contact.id)).toMatchObject({ lastContactedAt: emailAt, recentTouches: [emailAt, noteAt], openDealValue: 0 });
    expect(await b.db.outbox.count()).toBe(0); // pulled rows are not echoed back

    await editContactField(b.db, contact.id, 'title', 'Analyst');
    await b.sync();
    await a.sync();
    expect((await a.db.contacts.get(contact.id))?.title).toBe('Analyst');
  });

  it('keeps both browsers’ edits to different fields of one contact made while offline', async () => {
    const a = browser();
    const b = browser();
    const { contact } = await saveDetectedContact(a.db, person('Grace Hopper', 'grace@example.org'), source);
    await a.sync();
    await b.sync();
    await editContactField(a.db, contact.id, 'title', 'Rear Admiral');
    await editContactField(b.db, contact.id, 'company', 'US Navy');
    await a.sync();
    await b.sync();
    await a.sync();
    for (const db of [a.db, b.db]) expect(await db.contacts.get(contact.id)).toMatchObject({ title: 'Rear Admiral', company: 'US Navy' });
  });

  it('merges a browser that already has data both ways on its first sync, with progress', async () => {
    const a = browser();
    const b = browser();
    await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    await a.sync();
    // Rows written before the outbox existed are in no outbox: the first sync uploads them anyway.
    const local = await saveDetectedContact(b.db, person('Alan Turing', 'alan@example.org'), source);
    await b.db.outbox.clear();
    const progress: SyncProgress[] = [];
    await b.sync((p) => progress.push(p));
    expect((await b.db.contacts.toArray()).map((c) => c.name).sort()).toEqual(['Ada Lovelace', 'Alan Turing']);
    await a.sync();
    expect((await a.db.contacts.get(local.contact.id))?.name).toBe('Alan Turing');
    expect(progress.filter((p) => p.phase === 'upload').at(-1)).toMatchObject({ done: 1, total: 1 });
    expect(progress.at(-1)).toMatchObject({ phase: 'pull' });
  });

  it('marks a pull of many pages as bulk from before its first page, and a one-page pull not', async () => {
    const a = browser();
    const b = browser();
    for (const n of [1, 2, 3]) await saveDetectedContact(a.db, person(`Person ${n}`, `p${n}@example.org`), source);
    await a.sync();
    const many: SyncProgress[] = [];
    await syncOnce(b.db, b.transport, { workspace: server.workspace, clientId: b.clientId }, { pullLimit: 1, onProgress: (p) => many.push(p) });
    const pulls = many.filter((p) => p.phase === 'pull');
    expect(pulls[0]).toEqual({ phase: 'pull', done: 0, bulk: true }); // said before anything is applied
    expect(pulls.every((p) => p.bulk === true)).toBe(true);
    expect(pulls.at(-1)).toMatchObject({ done: pulls.at(-1)!.total });

    await saveDetectedContact(a.db, person('Person 4', 'p4@example.org'), source);
    await a.sync();
    const one: SyncProgress[] = [];
    await b.sync((p) => one.push(p));
    expect(one.filter((p) => p.phase === 'pull')).toEqual([{ phase: 'pull', done: 1, total: 1 }]);
  });

  it('applies a page in one transaction when no reader page is open, in the learnt short slices while one is', async () => {
    const a = browser();
    for (let n = 0; n < 120; n += 1) await saveDetectedContact(a.db, person(`Person ${n}`, `p${n}@example.org`), source);
    await a.sync();
    // Slices already taught that transactions are slow: MIN_ROWS rows each while a reader waits.
    const trained = () => {
      const slices = new ApplySlices();
      for (let i = 0; i < 6; i += 1) slices.took(slices.sizeFor(true), 10_000);
      expect(slices.sizeFor(true)).toBe(MIN_ROWS);
      return slices;
    };
    const contactWrites = async (readerOpen: boolean) => {
      const b = browser();
      const asked: boolean[] = [];
      let writes = 0;
      const count = (parts: ObservabilitySet) => {
        if (Object.keys(parts).some((part) => part.startsWith(`idb://${b.db.name}/contacts/`))) writes += 1;
      };
      Dexie.on('storagemutated', count);
      try {
        await syncOnce(b.db, b.transport, { workspace: server.workspace, clientId: b.clientId }, {
          slices: trained(),
          readerOpen: () => (asked.push(readerOpen), readerOpen),
        });
      } finally {
        Dexie.on('storagemutated').unsubscribe(count);
      }
      expect(await b.db.contacts.count()).toBe(120);
      return { writes, slices: asked.length };
    };
    // Asked before each slice, so a panel opened mid-sync is heard from the next one on.
    const closed = await contactWrites(false);
    const open = await contactWrites(true);
    expect(closed.slices).toBe(1);
    // MIN_ROWS first; later slices may grow again as fast transactions teach the slices.
    expect(open.slices).toBeGreaterThan(1);
    // Each slice is a transaction of its own (beside the run's other writes, the same in both).
    expect(open.writes - closed.writes).toBe(open.slices - closed.slices);
  });

  it('applies a delete from another browser and never resurrects the row with an older edit', async () => {
    const a = browser();
    const b = browser();
    const { contact } = await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    const deal = await addDeal(a.db, { contactId: contact.id, title: 'Engine', amount: 500, currency: 'GBP', status: 'open', at: 1 });
    await a.sync();
    await b.sync();
    await b.db.deals.update(deal.id, { title: 'Analytical engine' }); // B edits…
    await a.db.deals.delete(deal.id); // …while A deletes: delete wins
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await a.db.deals.get(deal.id)).toBeUndefined();
    expect(await b.db.deals.get(deal.id)).toBeUndefined();
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('erases a person everywhere: every browser loses them and their history, the server keeps only tombstones', async () => {
    const a = browser();
    const b = browser();
    const { contact } = await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    const deal = await addDeal(a.db, { contactId: contact.id, title: 'Engine', amount: 500, currency: 'GBP', status: 'won', at: 1 });
    await a.db.interactions.put({ id: 'note-1', contactId: contact.id, kind: 'note', at: 2, body: 'Private remark' });
    await a.sync();
    await b.sync();
    expect(await b.db.interactions.get('note-1')).toBeDefined();
    await eraseContact(b.db, contact.id);
    await b.sync();
    await a.sync();
    for (const db of [a.db, b.db]) {
      expect(await db.contacts.get(contact.id)).toBeUndefined();
      expect(await db.deals.get(deal.id)).toBeUndefined();
      expect(await db.interactions.get('note-1')).toBeUndefined();
      expect(await db.activity.get(contact.id)).toBeUndefined();
    }
    const onServer = (await a.transport.pull(0)).changes.filter((row) => [contact.id, deal.id, 'note-1'].includes(row.id));
    expect(onServer).toHaveLength(3);
    for (const row of onServer) {
      expect(row.deleted).toBeDefined();
      expect(row.fields).toEqual({});
    }
  });

  it('keeps the outbox when the server refuses, and says why in plain words', async () => {
    const a = browser();
    await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    const revoked = httpTransport({ serverUrl: 'http://sync.test', token: 'not-a-token', workspace: server.workspace, fetch: fetchVia(server.app) });
    const error = await syncOnce(a.db, revoked, { workspace: server.workspace, clientId: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).kind).toBe('auth');
    expect((error as SyncError).message).toMatch(/sign in again/i);
    expect(await a.db.outbox.count()).toBe(1);
    const offline = httpTransport({ serverUrl: 'http://sync.test', token: server.token, workspace: server.workspace, fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    await expect(syncOnce(a.db, offline, { workspace: server.workspace, clientId: 'x' })).rejects.toMatchObject({ kind: 'network' });
    expect(await a.db.outbox.count()).toBe(1);
  });

  it('resumes after being stopped mid-push: nothing lost, nothing duplicated', async () => {
    const a = browser();
    for (let i = 0; i < 1_200; i += 1) await a.db.contacts.put({ id: `c${String(i).padStart(5, '0')}`, name: `Person ${i}`, emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: [] });
    await a.db.meta.put({ key: `sync:upload:${server.workspace}`, value: { done: true, uploaded: 0 } }); // only the outbox matters here
    let pushes = 0;
    const dying: SyncTransport = {
      ...a.transport,
      push: async (body) => {
        pushes += 1;
        const reply = await a.transport.push(body);
        if (pushes === 2) throw new SyncError('network', 'the service worker stopped'); // applied, reply lost
        return reply;
      },
    };
    await expect(syncOnce(a.db, dying, { workspace: server.workspace, clientId: 'a' })).rejects.toThrow('stopped');
    expect(await a.db.outbox.count()).toBe(700); // the first batch confirmed, the second not
    await syncOnce(a.db, a.transport, { workspace: server.workspace, clientId: 'a' });
    expect(await a.db.outbox.count()).toBe(0);
    const b = browser();
    await b.sync();
    expect(await b.db.contacts.count()).toBe(1_200);
  });

  it('hands the transport each next batch to prepare while the current one is with the server', async () => {
    const a = browser();
    for (let i = 0; i < 1_200; i += 1) await a.db.contacts.put({ id: `c${String(i).padStart(5, '0')}`, name: `Person ${i}`, emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: [] });
    await a.db.meta.put({ key: `sync:upload:${server.workspace}`, value: { done: true, uploaded: 0 } }); // only the outbox matters here
    const events: string[] = [];
    const prepared: string[][] = [];
    const pushed: string[][] = [];
    const preparing: SyncTransport = {
      ...a.transport,
      prepare: (changes) => {
        events.push(`prepare ${changes[0]!.id}`);
        prepared.push(changes.map((change) => change.id));
      },
      push: async (body) => {
        events.push(`push ${body.changes[0]!.id}`);
        pushed.push(body.changes.map((change) => change.id));
        return a.transport.push(body);
      },
    };
    await syncOnce(a.db, preparing, { workspace: server.workspace, clientId: 'a' });
    // Batches of 500, 500 and 200: the second and third were prepared after the push before them
    // began and before their own; the last has nothing after it to prepare.
    expect(events).toEqual(['push c00000', 'prepare c00500', 'push c00500', 'prepare c01000', 'push c01000']);
    expect(prepared).toEqual([pushed[1], pushed[2]]);
    expect(pushed.map((ids) => ids.length)).toEqual([500, 500, 200]);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('syncs message templates, a table added by one registry entry: create, edit, delete', async () => {
    const a = browser();
    const b = browser();
    const intro = await saveTemplate(a.db, { name: 'Intro', subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' });
    await a.sync();
    await b.sync();
    expect(await listTemplates(b.db)).toEqual([intro]);
    // B edits, A sees it; then A deletes, and B loses it without echoing anything back.
    const edited = await saveTemplate(b.db, { id: intro.id, name: 'Intro', body: 'Hello {{firstName}}' }, intro.updatedAt + 1);
    await b.sync();
    await a.sync();
    expect(await a.db.templates.get(intro.id)).toEqual(edited);
    await deleteTemplate(a.db, intro.id);
    await a.sync();
    await b.sync();
    expect(await b.db.templates.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('syncs saved segments, one registry entry like templates: create, rename, delete', async () => {
    const a = browser();
    const b = browser();
    const vips = await createSegment(a.db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }, { field: 'lastContacted', op: 'not-within', days: 30 }]);
    await a.sync();
    await b.sync();
    expect(await listSegments(b.db)).toEqual([vips]);
    const renamed = await renameSegment(b.db, vips.id, 'Quiet VIPs', vips.updatedAt + 1);
    await b.sync();
    await a.sync();
    expect(await a.db.segments.get(vips.id)).toEqual(renamed);
    await deleteSegment(a.db, vips.id);
    await a.sync();
    await b.sync();
    expect(await b.db.segments.count()).toBe(0);
  });

  it('keeps a template whose delete was undone before the next sync, in both browsers', async () => {
    const a = browser();
    const b = browser();
    const intro = await saveTemplate(a.db, { name: 'Intro', body: 'Hi' });
    await a.sync();
    await b.sync();
    await deleteTemplate(a.db, intro.id);
    const restored = await restoreDeletedTemplate(a.db, intro);
    await a.sync();
    await b.sync();
    await a.sync();
    for (const db of [a.db, b.db]) expect((await listTemplates(db)).map((t) => [t.id, t.name, t.body])).toEqual([[restored.id, 'Intro', 'Hi']]);
  });

  it('sets aside a change the server would refuse whole (a lone surrogate), so the rest still syncs', async () => {
    const a = browser();
    const b = browser();
    await a.sync(); // the first upload is over: what follows goes through the outbox
    await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    // An emoji cut in half, as a page truncating a name might leave it.
    const broken = await saveDetectedContact(a.db, person('Grace \ud83e', 'grace@example.org'), source);
    const run = await a.sync();
    expect(run.rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/lone surrogate/) })]);
    // Set aside where the user can see it (issue 16, item 5), not dropped.
    expect(await quarantinedChanges(a.db)).toEqual([
      expect.objectContaining({ table: 'contacts', id: broken.contact.id, label: 'Grace \ud83e', reason: expect.stringMatching(/lone surrogate/) }),
    ]);
    expect(await a.db.outbox.count()).toBe(0);
    await b.sync();
    expect((await b.db.contacts.toArray()).map((c) => c.name)).toEqual(['Ada Lovelace']);
  });

  it('still receives the others’ changes when the server refuses this browser’s push, and keeps what it could not send', async () => {
    const a = browser();
    const b = browser();
    await a.sync();
    await saveDetectedContact(b.db, person('Ada Lovelace', 'ada@example.org'), source);
    await b.sync();
    await saveDetectedContact(a.db, person('Alan Turing', 'alan@example.org'), source);
    const refusing: SyncTransport = { ...a.transport, push: async () => Promise.reject(new SyncError('request', 'The sync server refused this browser’s changes (invalid).')) };
    await expect(syncOnce(a.db, refusing, { workspace: server.workspace, clientId: 'browser-a' })).rejects.toMatchObject({ kind: 'request' });
    expect((await a.db.contacts.toArray()).map((c) => c.name).sort()).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(await a.db.outbox.count()).toBe(1);
  });

  it('uploads templates made before they synced, on a browser whose first upload had finished', async () => {
    const a = browser();
    await saveDetectedContact(a.db, person('Ada Lovelace', 'ada@example.org'), source);
    await a.sync();
    // As a browser upgraded from a version whose templates were local: a template in no outbox,
    // and a finished upload position saved before positions recorded their tables.
    const intro = await saveTemplate(a.db, { name: 'Intro', body: 'Hi' });
    await a.db.outbox.clear();
    await a.db.meta.put({ key: `sync:upload:${server.workspace}`, value: { done: true, uploaded: 1 } });
    const pushed: string[] = [];
    const watched: SyncTransport = { ...a.transport, push: async (body) => (pushed.push(...body.changes.map((c) => c.table)), a.transport.push(body)) };
    await syncOnce(a.db, watched, { workspace: server.workspace, clientId: 'browser-a' });
    expect(pushed).toEqual(['templates']);
    const b = browser();
    await b.sync();
    expect((await b.db.templates.get(intro.id))?.body).toBe('Hi');
    expect(await b.db.contacts.count()).toBe(1);
  });
});
