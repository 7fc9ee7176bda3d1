/**
 * Issue 19's acceptance test: what an encrypted workspace stores on disk holds none of what its
 * members typed. 1,000 contacts carry unique marker strings; the SQLite file and its WAL, or a
 * pg_dump of the PostgreSQL database, are searched for them. A plain workspace shows all 1,000
 * (so the scan can fail), and a plain workspace converted in place by the rewrite route shows none.
 */
import type { Hono } from 'hono';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import type { PushChange, PushRequestInput } from '../../../../lib/sync/shared/protocol';
import { SyncStore } from '../../../../server/store';
import { type TestBackend, describeEachBackend } from '../../../../server/test/backends';
import { call } from '../../../../server/test/call';
import { type SyncClient, stamp } from '../../../../server/test/client';
import { newClient, testApp } from '../../../../server/test/setup';
import { type WorkspaceKey, addKey } from './encrypted-workspace';

const CONTACTS = 1000;
const BATCH = 500;
const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump';
const run = promisify(execFile);

/** Unique per contact and per test run: letters and digits no ciphertext or id happens to spell. */
const markerOf = (run: string, index: number) => `zq${run}x${String(index).padStart(4, '0')}k`;

/** A contact whose every typed field carries its marker. */
function contactFields(marker: string): Record<string, unknown> {
  return { name: `${marker} name`, company: `${marker} company`, emails: [`${marker}@example.org`], tags: [`${marker}-tag`] };
}

describeEachBackend('encrypted workspaces: no plaintext at rest (marker scan)', (backend) => {
  const stores: SyncStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function open(): Promise<{ location: string; store: SyncStore; app: Hono; owner: SyncClient & { token: string } }> {
    const location = await backend.freshLocation();
    const store = await SyncStore.open(location);
    stores.push(store);
    const app = testApp(store);
    return { location, store, app, owner: await newClient(store, app) };
  }

  it('an encrypted workspace stores none of 1,000 contacts’ markers', async () => {
    const { location, app, owner } = await open();
    const key = await addKey(app, owner.token, owner.workspace);
    const markers = await seed(owner, key);
    expect((await owner.pullAll()).changes).toHaveLength(CONTACTS);
    expect(found(await storedBytes(backend, location), markers)).toEqual([]);
  }, 120_000);

  it('a plain workspace stores all 1,000 (the scan finds what is there)', async () => {
    const { location, owner } = await open();
    const markers = await seed(owner);
    expect(found(await storedBytes(backend, location), markers)).toHaveLength(CONTACTS);
  }, 120_000);

  it('a plain workspace converted in place by the rewrite route keeps none of them', async () => {
    const { location, app, owner } = await open();
    const markers = await seed(owner);
    const key = await addKey(app, owner.token, owner.workspace);
    const { changes } = await owner.pullAll();
    const sealed = await Promise.all(
      changes.map(async (change) => ({
        table: change.table,
        id: change.id,
        fields: Object.fromEntries(
          await Promise.all(Object.entries(change.fields).map(async ([field, write]) => [field, { value: await key.seal(change.table, change.id, field, write.hlc, write.value), hlc: write.hlc }])),
        ),
      })),
    );
    let rewritten = 0;
    for (let start = 0; start < sealed.length; start += BATCH) {
      const reply = await call(app, owner.token, 'POST', `/w/${owner.workspace}/rewrite`, { changes: sealed.slice(start, start + BATCH) });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      rewritten += reply.body.rewritten as number;
    }
    expect(rewritten).toBe(CONTACTS * Object.keys(contactFields('')).length);
    expect(found(await storedBytes(backend, location), markers)).toEqual([]);
  }, 120_000);
});

/** Pushes the contacts through the HTTP app, sealed with `key` when there is one; answers their markers. */
async function seed(owner: SyncClient, key?: WorkspaceKey): Promise<string[]> {
  const runId = Math.random().toString(36).slice(2, 10).replace(/[^a-z]/g, 'q');
  const markers = Array.from({ length: CONTACTS }, (_, index) => markerOf(runId, index));
  const hlc = stamp(1);
  for (let start = 0; start < CONTACTS; start += BATCH) {
    const changes: PushChange[] = await Promise.all(
      markers.slice(start, start + BATCH).map(async (marker, offset) => {
        const id = `c${start + offset}`;
        const fields = Object.fromEntries(
          await Promise.all(Object.entries(contactFields(marker)).map(async ([field, value]) => [field, { value: key ? await key.seal('contacts', id, field, hlc, value) : value, hlc }])),
        );
        return { mutationId: id, table: 'contacts' as const, id, fields };
      }),
    );
    const request: PushRequestInput = { clientId: 'seed', changes };
    expect((await owner.push(request)).rejected).toEqual([]);
  }
  return markers;
}

/** Everything the database keeps: the SQLite file and its WAL, or a dump of the PostgreSQL database. */
async function storedBytes(backend: TestBackend, location: string): Promise<Buffer> {
  if (backend.name === 'postgres') {
    const { stdout } = await run(PG_DUMP, ['--dbname', location], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
  const wal = `${location}-wal`;
  return Buffer.concat([readFileSync(location), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

function found(bytes: Buffer, markers: readonly string[]): string[] {
  return markers.filter((marker) => bytes.includes(marker));
}
