/**
 * Issue 16, item 7: a backup file is untrusted input. Each row passes its table's model (the same
 * limits as every other way in) or is left out with its reason; meta rows are restored only under
 * the prefixes a backup carries, with the value their reader expects; secret-named keys never
 * come in. Each test fails on the main before (one bad row refused the whole file; any meta key
 * and value came in).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { parseBackup, restoreBackup } from '@/lib/io/backup';
import { recallMapping } from '@/lib/io/mapping-memory';

const DAY = 24 * 60 * 60 * 1000;
const contact = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `Person ${id}`, emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, ...extra });

function file(tables: Record<string, unknown[]>): string {
  return JSON.stringify({
    format: 'sidebar-crm-backup',
    version: 1,
    schemaVersion: 5,
    exportedAt: '2026-01-01T00:00:00.000Z',
    settings: {},
    tables: { contacts: [], interactions: [], deals: [], tasks: [], meta: [], ...tables },
  });
}

let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`restore-bounds-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('restoring a crafted or damaged file', () => {
  it('leaves out rows over the limits, with bad addresses or from the future, and restores the rest', async () => {
    const parsed = parseBackup(
      file({
        contacts: [
          contact('ok-1'),
          contact('tags', { tags: Array.from({ length: 20_000 }, (_, i) => `t${i}`) }),
          contact('mailto', { emails: ['victim@x?cc=attacker@evil.example&body=hi'] }),
          contact('future', { updatedAt: Date.now() + 400 * DAY }),
          contact('ok-2'),
          'not a row',
        ],
        interactions: [{ id: 'i1', contactId: 'ok-1', kind: 'note', at: Date.now() + 30 * DAY }],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.refused).toEqual([
      { table: 'contacts', id: 'tags', reason: 'tags: More than 200 tags (the limit per contact)' },
      { table: 'contacts', id: 'mailto', reason: 'emails.0: Not an email address, like name@example.com' },
      { table: 'contacts', id: 'future', reason: 'updatedAt: A time more than a day in the future' },
      { table: 'contacts', reason: 'row: Invalid input: expected object, received string' },
      { table: 'interactions', id: 'i1', reason: 'at: A time more than a day in the future' },
    ]);
    const result = await restoreBackup(db, parsed.backup);
    expect(result.written.contacts).toBe(2);
    expect((await db.contacts.toArray()).map((c) => c.id).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('restores meta rows only of the kinds a backup carries, with values their reader expects', async () => {
    const parsed = parseBackup(
      file({
        meta: [
          { key: 'io:column-mapping:name|email', value: { Name: 'name', Email: 'email' } },
          { key: 'io:column-mapping:bad', value: { Name: 'password-of-the-user' } },
          { key: 'panel:reveal', value: { contactId: 'ok-1' } },
          { key: 'values:state', value: { computedAt: 1 } },
          { key: 'sync:settings', value: { serverUrl: 'https://evil.example', token: 'scrm_planted' } },
        ],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.tables.meta).toEqual([{ key: 'io:column-mapping:name|email', value: { Name: 'name', Email: 'email' } }]);
    expect(parsed.refused.map((row) => [row.id, row.reason.slice(0, 40)])).toEqual([
      ['io:column-mapping:bad', expect.stringMatching(/^Invalid option/)],
      ['panel:reveal', 'not a kind of row a backup restores'],
    ]);
    await restoreBackup(db, parsed.backup);
    expect(await recallMapping(db, 'name|email')).toEqual({ Name: 'name', Email: 'email' });
    expect(await db.meta.get('panel:reveal')).toBeUndefined();
    expect(JSON.stringify(await db.meta.toArray())).not.toContain('scrm_planted');
  });

  it('still refuses a file whose frame is broken, in plain words', () => {
    expect(parseBackup(file({ contacts: 'everyone' as never }))).toEqual({ ok: false, error: expect.stringMatching(/^This backup is damaged: .* at tables\.contacts\.$/) });
  });
});
