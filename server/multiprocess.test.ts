import { afterAll, describe, expect, it } from 'vitest';
import type { PushChange } from '../lib/sync/shared/protocol';
import { SyncStore } from './store';
import { postgresBackend } from './test/backends';
import { SyncClient, httpFetcher, stamp } from './test/client';
import { postgresSkipReason } from './test/postgres';
import { killAllSpawned, spawnServer } from './test/spawn';

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(`skipping the two-process PostgreSQL test: ${skip}`);

describe.skipIf(skip !== undefined)('two server processes over one PostgreSQL', () => {
  const backend = postgresBackend();
  afterAll(async () => {
    await killAllSpawned();
    await backend.dispose();
  }, 60_000);

  it('serve the same data: no lost writes, no skipped cursors, revocation seen by both', async () => {
    const url = await backend.freshLocation();
    // Both start on an empty database at once: the migrations race and must not trip over each other.
    const [a, b] = await Promise.all([spawnServer([], { DATABASE_URL: url, SYNC_RATE_LIMIT: '1000000' }), spawnServer(['--db', url, '--rate-limit', '1000000'])]);
    const store = await SyncStore.open(url);
    const { workspace, token } = await store.addUser('team@example.org');
    const viaA = new SyncClient(httpFetcher(a.url), workspace, token);
    const viaB = new SyncClient(httpFetcher(b.url), workspace, token);

    // Writers on both servers at once, each also editing its own field of one shared row.
    const writers = [viaA, viaB, viaA, viaB].map((client, w) =>
      (async () => {
        for (let push = 0; push < 10; push++) {
          const node = `00000000000000${w}${w}`;
          const changes: PushChange[] = Array.from({ length: 5 }, (_, i) => ({ mutationId: `${push}-${i}`, table: 'contacts', id: `w${w}-${push}-${i}`, fields: { name: { value: `n${i}`, hlc: stamp(push, i, node) } } }));
          changes.push({ mutationId: `${push}-shared`, table: 'contacts', id: 'shared', fields: { [['name', 'company', 'title', 'location'][w]!]: { value: `w${w}-${push}`, hlc: stamp(push, 0, node) } } });
          await client.push({ clientId: `writer-${w}`, changes });
        }
      })(),
    );
    // A puller on B while the writers run: a cursor skipped by out-of-order commits would lose rows.
    const seen = new Set<string>();
    let cursor = 0;
    let done = false;
    const puller = (async () => {
      while (!done) {
        const page = await viaB.pull(cursor, 13);
        for (const row of page.changes) seen.add(row.id);
        cursor = page.cursor;
      }
    })();
    await Promise.all(writers);
    done = true;
    await puller;
    for (const row of (await viaB.pullAll(cursor)).changes) seen.add(row.id);
    expect(seen.size).toBe(4 * 10 * 5 + 1);

    const fromA = await viaA.pullAll(0, 1000);
    const fromB = await viaB.pullAll(0, 1000);
    expect(fromA).toEqual(fromB);
    const shared = fromA.changes.find((row) => row.id === 'shared')!;
    expect(Object.fromEntries(Object.entries(shared.fields).map(([name, write]) => [name, write.value]))).toEqual({ name: 'w0-9', company: 'w1-9', title: 'w2-9', location: 'w3-9' });

    // Tokens live in the database, not in a process: revoking through one store is seen by both.
    await store.revokeToken(token);
    expect((await viaA.request('GET', '/pull?since=0')).status).toBe(401);
    expect((await viaB.request('GET', '/pull?since=0')).status).toBe(401);
    await store.close();
    await Promise.all([a.kill(), b.kill()]);
  }, 120_000);
});
