/** Saving, renaming, deleting and restoring segments (lib/db/segments.ts), in real IndexedDB. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createSegment, deleteSegment, listSegments, openCrmDatabase, renameSegment, restoreDeletedSegment, type CrmDatabase } from '@/lib/db';

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`segment-store-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('segments store', () => {
  it('saves segments and lists them by name', async () => {
    await createSegment(db, 'zebra', [], 1_000);
    const vips = await createSegment(db, '  VIPs ', [{ field: 'tag', op: 'has', value: 'vip' }], 2_000);
    expect(vips).toMatchObject({ name: 'VIPs', rule: [{ field: 'tag', op: 'has', value: 'vip' }], createdAt: 2_000, updatedAt: 2_000 });
    expect((await listSegments(db)).map((segment) => segment.name)).toEqual(['VIPs', 'zebra']);
  });

  it('refuses an empty name, a bad rule, and a name already taken (case-insensitive)', async () => {
    await expect(createSegment(db, ' ', [])).rejects.toBeInstanceOf(ZodError);
    // @ts-expect-error -- a rule from an old or crafted source
    await expect(createSegment(db, 'Gold', [{ field: 'tier', op: 'is', value: 'gold' }])).rejects.toBeInstanceOf(ZodError);
    const vips = await createSegment(db, 'VIPs', []);
    await expect(createSegment(db, 'vips', [])).rejects.toThrow('A segment named “VIPs” already exists. Choose another name.');
    const other = await createSegment(db, 'Others', []);
    await expect(renameSegment(db, other.id, 'VIPS')).rejects.toThrow('already exists');
    // Renaming to its own name in another case is allowed.
    expect((await renameSegment(db, vips.id, 'vips', vips.updatedAt + 1)).name).toBe('vips');
    expect(await db.segments.count()).toBe(2);
  });

  it('renames keeping the rule, deletes, and restores under a new id', async () => {
    const rule = [{ field: 'email', op: 'lacks' } as const];
    const saved = await createSegment(db, 'No email', rule, 1_000);
    const renamed = await renameSegment(db, saved.id, 'Without email', 2_000);
    expect(renamed).toEqual({ ...saved, name: 'Without email', updatedAt: 2_000 });
    await deleteSegment(db, saved.id);
    expect(await db.segments.count()).toBe(0);
    await expect(renameSegment(db, saved.id, 'Gone')).rejects.toThrow('This segment was deleted meanwhile.');
    const restored = await restoreDeletedSegment(db, renamed, 3_000);
    expect(restored.id).not.toBe(saved.id);
    expect(await listSegments(db)).toEqual([{ ...renamed, id: restored.id, updatedAt: 3_000 }]);
  });
});
