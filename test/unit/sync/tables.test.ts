/** The registry of synced tables is the one place that says what syncs: check what reads it agrees. */
import { describe, expect, it } from 'vitest';
import { openCrmDatabase } from '@/lib/db';
import { BackupTables } from '@/lib/io/backup';
import { SYNC_TABLES, SYNCED_FIELDS, SyncTable, modelProblem } from '@/lib/sync/shared/protocol';
import { SYNCED_TABLES } from '@/lib/sync/shared/tables';

const hlc = '0001767225600000-0000-node0001';

describe('the synced-table registry', () => {
  it('lists the tables the protocol accepts, templates and segments among them', () => {
    expect(SyncTable.options).toEqual(Object.keys(SYNCED_TABLES));
    expect(SYNC_TABLES).toEqual(['contacts', 'interactions', 'deals', 'tasks', 'templates', 'segments']);
  });

  it('has each table in the Dexie schema, keyed by id', () => {
    const db = openCrmDatabase('registry-schema');
    for (const table of SYNC_TABLES) expect(db.table(table).schema.primKey.keyPath, table).toBe('id');
    db.close();
  });

  it('syncs each model field but the row key and derived keys, checked by the server’s whitelist', () => {
    for (const table of SYNC_TABLES) {
      const spec = SYNCED_TABLES[table];
      const expected = Object.keys(spec.model.shape).filter((name) => name !== 'id' && !(spec.derivedKeys as readonly string[]).includes(name));
      expect([...SYNCED_FIELDS[table]].sort(), table).toEqual(expected.sort());
    }
    expect(modelProblem('templates', { name: { value: 'Intro', hlc }, body: { value: 'Hi', hlc } })).toBeUndefined();
    expect(modelProblem('templates', { body: { value: '', hlc } })).toBe('templates.body: Write the message body.');
    expect(modelProblem('templates', { searchTokens: { value: [], hlc } })).toBe('templates has no synced field "searchTokens"');
    // A template for one segment (issue 22); cleared (null) is how "Everyone" travels.
    expect(SYNCED_FIELDS.templates).toContain('segmentId');
    expect(modelProblem('templates', { segmentId: { value: 'seg_vip', hlc } })).toBeUndefined();
    expect(modelProblem('templates', { segmentId: { value: null, hlc } })).toBeUndefined();
    expect(modelProblem('templates', { segmentId: { value: '', hlc } })).toMatch(/^templates\.segmentId: /);
    expect(modelProblem('segments', { name: { value: 'VIPs', hlc }, rule: { value: [{ field: 'tag', op: 'has', value: 'vip' }], hlc } })).toBeUndefined();
    expect(modelProblem('segments', { rule: { value: [{ field: 'tier', op: 'is', value: 'gold' }], hlc } })).toMatch(/^segments\.rule: /);
  });

  it('accepts an owner on contacts and deals (issue 18), a member id of at most 64 characters', () => {
    expect(SYNCED_FIELDS.contacts).toContain('ownerId');
    expect(SYNCED_FIELDS.deals).toContain('ownerId');
    expect(modelProblem('contacts', { ownerId: { value: 'usr_dana', hlc } })).toBeUndefined();
    expect(modelProblem('deals', { ownerId: { value: 'usr_dana', hlc } })).toBeUndefined();
    // Cleared (null) is how "Unassigned" travels.
    expect(modelProblem('contacts', { ownerId: { value: null, hlc } })).toBeUndefined();
    expect(modelProblem('contacts', { ownerId: { value: 'x'.repeat(65), hlc } })).toMatch(/^contacts\.ownerId: /);
    expect(modelProblem('tasks', { ownerId: { value: 'usr_dana', hlc } })).toBe('tasks has no synced field "ownerId"');
  });

  it('gives the backup one array per table, without derived keys; a table newer than a backup reads as empty', () => {
    const parsed = BackupTables.parse({ contacts: [], interactions: [], deals: [], tasks: [], meta: [] }) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual([...SYNC_TABLES, 'meta'].sort());
    expect(parsed.templates).toEqual([]);
    expect(BackupTables.safeParse({ interactions: [], deals: [], tasks: [], meta: [] }).success).toBe(false);
  });
});
