import { createSegment } from '@/lib/db/segments';
import { saveTemplate } from '@/lib/db/templates';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activityOf,
  addDeal,
  addInteraction,
  addTask,
  completeTask,
  editContactField,
  openCrmDatabase,
  saveDetectedContact,
  wonDealsRevision,
  type CrmDatabase,
} from '@/lib/db';
import { createBackup, parseBackup, restoreBackup, serializeBackup, type Backup } from '@/lib/io/backup';
import { DetectedContact } from '@/lib/model';

const T0 = Date.UTC(2024, 0, 10);
const EXPORTED = Date.UTC(2024, 5, 1);
let opened: CrmDatabase[] = [];
let count = 0;

async function freshDb(): Promise<CrmDatabase> {
  const db = openCrmDatabase(`backup-test-${++count}`);
  await db.open();
  opened.push(db);
  return db;
}

/** A profile with one of everything, written through lib/db as the product writes it. */
async function seed(db: CrmDatabase): Promise<{ adaId: string; graceId: string }> {
  const source = { kind: 'page', url: 'https://example.org/team' };
  const ada = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada', emails: ['ada@example.org'] }), source, T0);
  const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }], T0);
  // A template for that segment (issue 22): its segmentId travels in the backup.
  await saveTemplate(db, { name: 'Intro', subject: 'Hello', body: 'Hi {{firstName|there}}', segmentId: vips.id }, T0);
  const grace = await saveDetectedContact(
    db,
    DetectedContact.parse({ name: 'Grace', emails: ['grace@example.org'], profiles: [{ kind: 'github', url: 'https://github.com/grace' }] }),
    source,
    T0 + 1,
  );
  await editContactField(db, ada.contact.id, 'title', 'Countess', T0 + 2);
  await addInteraction(db, { contactId: ada.contact.id, kind: 'call', at: T0 + 3, durationMinutes: 5, body: 'Line one\nline "two"' }, T0 + 3);
  await addDeal(db, { contactId: ada.contact.id, title: 'Engine', amount: 12_345, currency: 'GBP', status: 'won', at: T0 + 4 }, T0 + 4);
  await addDeal(db, { contactId: grace.contact.id, title: 'Compiler', amount: 500, currency: 'USD', status: 'open', at: T0 + 5 }, T0 + 5);
  const task = await addTask(db, { contactId: grace.contact.id, title: 'Send notes', dueAt: T0 + 86_400_000 }, T0 + 6);
  await completeTask(db, task.id, T0 + 7);
  await db.meta.put({ key: 'io:column-mapping:abc', value: { Name: 'name' } });
  await db.meta.put({ key: 'sync:token', value: 'very-secret' });
  await db.meta.put({ key: 'sync:clock', value: { node: 'this-browser' } });
  await db.meta.put({ key: 'profile:owner', value: { server: 'https://sync.example', authToken: 'hidden', user: 'me' } });
  return { adaId: ada.contact.id, graceId: grace.contact.id };
}

beforeEach(() => {
  opened = [];
});
afterEach(async () => {
  for (const db of opened) await db.delete();
});

describe('backup', () => {
  it('holds every user table, without secrets, derived tables or index keys', async () => {
    const db = await freshDb();
    await seed(db);
    const backup = await createBackup(db, { now: EXPORTED, settings: { 'settings:value-model': { strategicShare: 0.7 }, syncToken: 'x' } });
    expect(backup).toMatchObject({ format: 'sidebar-crm-backup', version: 1, schemaVersion: db.verno, exportedAt: '2024-06-01T00:00:00.000Z' });
    expect(backup.tables.contacts).toHaveLength(2);
    expect(backup.tables.interactions.map((i) => i.kind).sort()).toEqual(['call', 'task-done']);
    expect(backup.tables.deals).toHaveLength(2);
    expect(backup.tables.tasks).toHaveLength(1);
    expect(backup.tables.templates.map((template) => [template.name, template.segmentId])).toEqual([['Intro', backup.tables.segments[0]!.id]]);
    expect(backup.tables.segments.map((segment) => [segment.name, segment.rule])).toEqual([['VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]]]);
    expect(backup.settings).toEqual({ 'settings:value-model': { strategicShare: 0.7 } });
    const text = serializeBackup(backup);
    expect(text).not.toContain('very-secret');
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('searchTokens');
    expect(text).not.toContain('values:');
    expect(text).not.toContain('this-browser');
    expect(text).toContain('"io:column-mapping:abc"');
    expect(text).not.toContain('profile:owner'); // only the kinds of meta row a restore takes back
  });

  it('backup → restore into an empty profile → backup gives the same bytes', async () => {
    const source = await freshDb();
    const { adaId } = await seed(source);
    const first = serializeBackup(await createBackup(source, { now: EXPORTED }));

    const target = await freshDb();
    const parsed = parseBackup(first);
    if (!parsed.ok) throw new Error(parsed.error);
    const result = await restoreBackup(target, parsed.backup, { now: EXPORTED });
    expect(result).toMatchObject({ cancelled: false, kept: 0, written: { contacts: 2, interactions: 2, deals: 2, tasks: 1, meta: 1, templates: 1, segments: 1 } });
    expect(serializeBackup(await createBackup(target, { now: EXPORTED }))).toBe(first);
    expect((await target.templates.toArray()).map((template) => template.segmentId)).toEqual([(await target.segments.toArray())[0]!.id]);

    // Derived data is rebuilt: index keys, activity facts, and the value model is told to recompute.
    expect(await target.contacts.where('searchTokens').equals('ada').count()).toBe(1);
    expect(await activityOf(target, adaId)).toMatchObject({ lastContactedAt: T0 + 3, wonValue: 12_345 });
    expect(await wonDealsRevision(target)).toBeGreaterThan(0);
  });

  it('restoring the same backup twice changes nothing the second time', async () => {
    const db = await freshDb();
    await seed(db);
    const backup = await createBackup(db, { now: EXPORTED });
    const again = await restoreBackup(db, backup);
    expect(again.written).toEqual({ contacts: 0, interactions: 0, deals: 0, tasks: 0, meta: 0, templates: 0, segments: 0, settings: 0 });
    expect(again.kept).toBe(2 + 2 + 2 + 1 + 1 + 1 + 1);
  });

  it('merges by id into a non-empty profile: newer contacts win, other stored rows are kept', async () => {
    const db = await freshDb();
    const { adaId, graceId } = await seed(db);
    const backup: Backup = await createBackup(db, { now: EXPORTED });
    // After the backup: Ada edited here (newer than the file), Grace older in the profile than in the file.
    await editContactField(db, adaId, 'company', 'Analytical Engines', EXPORTED + 10);
    const grace = backup.tables.contacts.find((c) => c.id === graceId)!;
    grace.company = 'Navy';
    grace.updatedAt = EXPORTED + 20;
    const other = await freshDb();
    const stranger = await saveDetectedContact(other, DetectedContact.parse({ name: 'Stranger', emails: ['s@example.org'] }), { kind: 'page' }, T0);
    backup.tables.contacts.push({ ...stranger.contact });

    const result = await restoreBackup(db, backup);
    expect(result.written.contacts).toBe(2);
    expect((await db.contacts.get(adaId))?.company).toBe('Analytical Engines');
    expect((await db.contacts.get(graceId))?.company).toBe('Navy');
    expect((await db.contacts.get(stranger.contact.id))?.searchTokens).toContain('stranger');
  });

  it('stops after the current chunk when cancelled, leaving whole chunks', async () => {
    const source = await freshDb();
    await seed(source);
    const backup = await createBackup(source, { now: EXPORTED });
    const target = await freshDb();
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await restoreBackup(target, backup, {
      chunkSize: 1,
      signal: controller.signal,
      onProgress: ({ done }) => {
        progress.push(done);
        if (done === 1) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(progress).toEqual([0, 1]);
    expect(await target.contacts.count()).toBe(1);
    expect(await target.interactions.count()).toBe(0);
  });

  it('refuses what is not a backup, in plain words', () => {
    expect(parseBackup('not json')).toEqual({ ok: false, error: expect.stringContaining('not JSON') });
    expect(parseBackup('{"a":1}')).toEqual({ ok: false, error: expect.stringContaining('not a Sidebar CRM backup') });
    expect(parseBackup('{"format":"sidebar-crm-backup","version":9}')).toEqual({ ok: false, error: expect.stringContaining('version 9') });
    const damaged = '{"format":"sidebar-crm-backup","version":1,"schemaVersion":2,"exportedAt":"2024-01-01T00:00:00.000Z","settings":{},"tables":{"contacts":{"id":""},"interactions":[],"deals":[],"tasks":[],"meta":[]}}';
    expect(parseBackup(damaged)).toEqual({ ok: false, error: expect.stringMatching(/damaged.*tables\.contacts/) });
  });

  it('drops secret-named keys inside a crafted file’s meta rows and settings, and this browser’s own sync rows', () => {
    const crafted = JSON.stringify({
      format: 'sidebar-crm-backup',
      version: 1,
      schemaVersion: 5,
      exportedAt: '2024-01-01T00:00:00.000Z',
      settings: { theme: 'dark', nested: { apiKey: 'k-1' } },
      tables: {
        contacts: [],
        interactions: [],
        deals: [],
        tasks: [],
        meta: [
          { key: 'import:mapping', value: { columns: ['Name'], deep: [{ token: 'scrm_planted' }] } },
          { key: 'sync:settings', value: { serverUrl: 'https://evil.example', token: 'scrm_planted' } },
        ],
      },
    });
    const parsed = parseBackup(crafted);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Not a kind of row a backup restores (issue 16, item 7): left out, and said so.
    expect(parsed.backup.tables.meta).toEqual([]);
    expect(parsed.refused).toEqual([{ table: 'meta', id: 'import:mapping', reason: 'not a kind of row a backup restores' }]);
    expect(parsed.backup.settings).toEqual({ theme: 'dark', nested: {} });
    expect(JSON.stringify(parsed.backup)).not.toContain('scrm_planted');
  });
});
