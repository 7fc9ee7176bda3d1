import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../lib/sync/shared/protocol';
import { SyncStore } from './store';
import { describeEachBackend } from './test/backends';
import { SyncClient, appFetcher, stamp } from './test/client';
import { newClient, testApp } from './test/setup';

const DAY = 86_400_000;

describeEachBackend('push and pull', (backend) => {
  let store: SyncStore;
  let app: Hono;
  const clock = Date.now();

  beforeAll(async () => {
    store = await SyncStore.open(await backend.freshLocation());
    app = testApp(store, { now: () => clock });
  }, 60_000); // may start a PostgreSQL cluster
  afterAll(async () => {
    await store?.close();
  });

  it('answers /healthz and serves the OpenAPI document', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const doc = (await (await app.request('/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual([
      '/healthz',
      '/v1/workspaces',
      '/v1/w/{workspace}/push',
      '/v1/w/{workspace}/pull',
      '/v1/w/{workspace}/invites',
      '/v1/join',
      '/v1/w/{workspace}/members',
      '/v1/w/{workspace}/members/{user}',
      '/v1/w/{workspace}/audit',
      '/v1/w/{workspace}/settings',
      '/v1/w/{workspace}/keys',
      '/v1/w/{workspace}/keys/{keyId}',
      '/v1/w/{workspace}/rewrite',
      '/v1/w/{workspace}/encryption',
    ]);
  });

  it('lists only the caller’s own workspaces, and refuses a missing token', async () => {
    const alice = await newClient(store, app);
    const bob = await newClient(store, app);
    await store.shareWorkspace(bob.workspace, alice.email);
    const list = async (token?: string) =>
      app.request('/v1/workspaces', { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    const mine = (await (await list(alice.token)).json()) as { workspaces: Array<{ workspace: string }> };
    expect(mine.workspaces.map((entry) => entry.workspace)).toEqual([alice.workspace, bob.workspace]);
    const theirs = (await (await list(bob.token)).json()) as { workspaces: Array<{ workspace: string }> };
    expect(theirs.workspaces.map((entry) => entry.workspace)).toEqual([bob.workspace]);
    expect((await list()).status).toBe(401);
  });

  it('returns pushed rows once each, with every field and its stamp, in cursor order', async () => {
    const client = await newClient(store, app);
    const first = await client.push({
      clientId: 'a',
      changes: [
        { mutationId: '1', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: stamp(1) } } },
        { mutationId: '2', table: 'contacts', id: 'c1', fields: { company: { value: 'Engines', hlc: stamp(2) } } },
        { mutationId: '3', table: 'deals', id: 'd1', fields: { amount: { value: 1999, hlc: stamp(3) }, currency: { value: 'EUR', hlc: stamp(3) } } },
      ],
    });
    expect(first).toEqual({ cursor: 2, rejected: [] });
    const pulled = await client.pull(0);
    expect(pulled).toEqual({
      changes: [
        { table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: stamp(1) }, company: { value: 'Engines', hlc: stamp(2) } } },
        // The server stamps the author of a deal it first sees (issue 18), from the token.
        { table: 'deals', id: 'd1', fields: { amount: { value: 1999, hlc: stamp(3) }, currency: { value: 'EUR', hlc: stamp(3) }, authorId: { value: client.user, hlc: stamp(3) } } },
      ],
      cursor: 2,
      hasMore: false,
    });
    // A row changed again moves to the end: pulled once, at its newest cursor.
    await client.push({ clientId: 'a', changes: [{ mutationId: '4', table: 'contacts', id: 'c1', fields: { title: { value: 'CTO', hlc: stamp(4) } } }] });
    const again = await client.pull(0);
    expect(again.changes.map((row) => row.id)).toEqual(['d1', 'c1']);
    expect((await client.pull(2)).changes).toEqual([again.changes[1]]);
  });

  it('pages with limit and hasMore without skipping or repeating rows', async () => {
    const client = await newClient(store, app);
    const changes = Array.from({ length: 25 }, (_, i) => ({ mutationId: `m${i}`, table: 'tasks' as const, id: `t${i}`, fields: { title: { value: `task ${i}`, hlc: stamp(i) } } }));
    await client.push({ clientId: 'a', changes });
    const all = await client.pullAll(0, 10);
    expect(all.pages).toBe(3);
    expect(all.changes.map((row) => row.id)).toEqual(changes.map((change) => change.id));
    expect(all.cursor).toBe(25);
    expect(await client.pull(25)).toEqual({ changes: [], cursor: 25, hasMore: false });
  });

  it('merges per field: different fields both survive, the newer stamp wins a field, node ids break ties', async () => {
    const work = await newClient(store, app);
    const home = new SyncClient(appFetcher(app), work.workspace, work.token);
    await work.push({ clientId: 'work', changes: [{ mutationId: 'w1', table: 'contacts', id: 'c', fields: { title: { value: 'CTO', hlc: stamp(10, 0, 'aaaaaaaaaaaaaaaa') }, name: { value: 'A', hlc: stamp(10, 0, 'aaaaaaaaaaaaaaaa') } } }] });
    await home.push({ clientId: 'home', changes: [{ mutationId: 'h1', table: 'contacts', id: 'c', fields: { phones: { value: ['+44 1'], hlc: stamp(5, 0, 'bbbbbbbbbbbbbbbb') }, name: { value: 'B', hlc: stamp(10, 0, 'bbbbbbbbbbbbbbbb') } } }] });
    await home.push({ clientId: 'home', changes: [{ mutationId: 'h2', table: 'contacts', id: 'c', fields: { title: { value: 'old', hlc: stamp(9, 0, 'ffffffffffffffff') } } }] });
    const [row] = (await work.pull(0)).changes;
    expect(row?.fields).toEqual({
      title: { value: 'CTO', hlc: stamp(10, 0, 'aaaaaaaaaaaaaaaa') },
      name: { value: 'B', hlc: stamp(10, 0, 'bbbbbbbbbbbbbbbb') },
      phones: { value: ['+44 1'], hlc: stamp(5, 0, 'bbbbbbbbbbbbbbbb') },
    });
  });

  it('keeps a deleted row deleted: later and older edits do not resurrect it, and only the tombstone remains', async () => {
    const client = await newClient(store, app);
    await client.push({ clientId: 'a', changes: [{ mutationId: '1', table: 'contacts', id: 'c', fields: { name: { value: 'Ada', hlc: stamp(1) } } }] });
    await client.push({ clientId: 'a', changes: [{ mutationId: '2', table: 'contacts', id: 'c', deleted: stamp(5) }] });
    const after = await client.push({
      clientId: 'b',
      changes: [
        { mutationId: '1', table: 'contacts', id: 'c', fields: { title: { value: 'older', hlc: stamp(4) } } },
        { mutationId: '2', table: 'contacts', id: 'c', fields: { title: { value: 'newer', hlc: stamp(6) } } },
      ],
    });
    expect(after.cursor).toBe(2);
    expect((await client.pull(0)).changes).toEqual([{ table: 'contacts', id: 'c', fields: {}, deleted: stamp(5) }]);
  });

  it('applies a retried push once: same reply cursor, nothing new to pull', async () => {
    const client = await newClient(store, app);
    const body = { clientId: 'a', changes: [{ mutationId: 'x', table: 'contacts' as const, id: 'c', fields: { name: { value: 'Ada', hlc: stamp(1) } } }] };
    expect((await client.push(body)).cursor).toBe(1);
    expect((await client.push(body)).cursor).toBe(1);
    // The same mutation id from another client is another mutation (ids are per client).
    const other = { ...body, clientId: 'b', changes: [{ ...body.changes[0]!, fields: { name: { value: 'Bea', hlc: stamp(2) } } }] };
    expect((await client.push(other)).cursor).toBe(2);
    expect((await client.pull(0)).changes).toHaveLength(1);
  });

  it('acknowledges invalid changes in rejected[] and applies the rest', async () => {
    const client = await newClient(store, app);
    const reply = await client.push({
      clientId: 'a',
      changes: [
        { mutationId: 'bad-currency', table: 'deals', id: 'd', fields: { currency: { value: 'euro', hlc: stamp(1) } } },
        { mutationId: 'good', table: 'deals', id: 'd', fields: { title: { value: 'Renewal', hlc: stamp(1) } } },
        { mutationId: 'unknown-field', table: 'contacts', id: 'c', fields: { id: { value: 'other', hlc: stamp(1) } } },
      ],
    });
    expect(reply.cursor).toBe(1);
    expect(reply.rejected).toEqual([
      { mutationId: 'bad-currency', reason: expect.stringMatching(/^deals\.currency: /) },
      { mutationId: 'unknown-field', reason: 'contacts has no synced field "id"' },
    ]);
    expect((await client.pull(0)).changes).toEqual([{ table: 'deals', id: 'd', fields: { title: { value: 'Renewal', hlc: stamp(1) }, authorId: { value: client.user, hlc: stamp(1) } } }]);
  });

  it('refuses a malformed push with 400 naming the problem, and applies none of it', async () => {
    const client = await newClient(store, app);
    const good = { mutationId: 'ok', table: 'contacts', id: 'c', fields: { name: { value: 'Ada', hlc: stamp(1) } } };
    const cases: Array<[unknown, RegExp]> = [
      [{ clientId: 'a', changes: [good, { ...good, mutationId: 'x', table: 'values' }] }, /changes\.1\.table: Invalid option/],
      [{ clientId: 'a', changes: [good, { ...good, mutationId: 'x', fields: { name: { value: 1, hlc: '2026-01-01' } } }] }, /changes\.1\.fields\.name\.hlc: expected an HLC stamp/],
      [{ clientId: 'a', changes: [good, { ...good, mutationId: 'x', fields: { body: { value: 'x'.repeat(SYNC_LIMITS.valueChars + 1), hlc: stamp(1) } } }] }, /changes\.1\.fields\.body\.value: value longer than/],
      [{ clientId: 'a', changes: Array.from({ length: SYNC_LIMITS.changesPerPush + 1 }, (_, i) => ({ ...good, mutationId: `m${i}` })) }, /changes: more than 500 changes/],
      [{ clientId: 'a b', changes: [good] }, /clientId: clientId is/],
      [{ changes: [good] }, /clientId: /],
      [[good], /expected object/],
    ];
    for (const [body, message] of cases) {
      const response = await client.request('POST', '/push', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
    expect((await client.pull(0)).changes).toEqual([]);
    const notJson = await app.request(`/v1/w/${client.workspace}/push`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: '{"clientId":' });
    expect(notJson.status).toBe(400);
  });

  it('refuses bad pull parameters with 400', async () => {
    const client = await newClient(store, app);
    for (const query of ['', '?since=', '?since=-1', '?since=abc', '?since=0&limit=0', '?since=0&limit=5000', '?since=1.5']) {
      expect((await client.request('GET', `/pull${query}`)).status, query).toBe(400);
    }
  });

  it('purges tombstones past the horizon and answers 410 to older cursors, while since=0 resyncs', async () => {
    const client = await newClient(store, app);
    await client.push({ clientId: 'a', changes: [{ mutationId: '1', table: 'contacts', id: 'gone', fields: { name: { value: 'X', hlc: stamp(1) } } }] });
    await client.push({ clientId: 'a', changes: [{ mutationId: '2', table: 'contacts', id: 'kept', fields: { name: { value: 'Y', hlc: stamp(2) } } }] });
    await client.push({ clientId: 'a', changes: [{ mutationId: '3', table: 'contacts', id: 'gone', deleted: stamp(3) }] });
    const purged = await store.purge(90 * DAY, clock + 91 * DAY);
    expect(purged.tombstones).toBeGreaterThanOrEqual(1);
    expect((await client.request('GET', '/pull?since=1')).status).toBe(410);
    expect((await client.request('GET', '/pull?since=2')).status).toBe(410);
    const fresh = await client.pull(0);
    expect(fresh.changes.map((row) => row.id)).toEqual(['kept']);
    expect(fresh.cursor).toBe(2);
    // Up to date with the purged tombstone's cursor: nothing was missed.
    expect((await client.pull(3)).changes).toEqual([]);
    // A cursor this workspace never handed out (a restored backup) also means resync.
    expect((await client.request('GET', '/pull?since=99')).status).toBe(410);
    // Its mutation ids were forgotten too; a very late retry is harmless (the merge is idempotent).
    expect((await client.push({ clientId: 'a', changes: [{ mutationId: '2', table: 'contacts', id: 'kept', fields: { name: { value: 'Y', hlc: stamp(2) } } }] })).cursor).toBe(3);
  });

  it('hands out distinct cursors to concurrent pushes, and a concurrent puller misses nothing', async () => {
    const client = await newClient(store, app);
    const writers = Array.from({ length: 6 }, (_, w) =>
      (async () => {
        for (let batch = 0; batch < 5; batch++) {
          const changes = Array.from({ length: 4 }, (_, i) => ({ mutationId: `${batch}-${i}`, table: 'contacts' as const, id: `w${w}-${batch}-${i}`, fields: { name: { value: `n${i}`, hlc: stamp(batch) } } }));
          await client.push({ clientId: `writer${w}`, changes });
        }
      })(),
    );
    const seen = new Set<string>();
    let cursor = 0;
    let done = false;
    const puller = (async () => {
      while (!done) {
        const page = await client.pull(cursor, 7);
        for (const row of page.changes) seen.add(row.id);
        cursor = page.cursor;
      }
    })();
    await Promise.all(writers);
    done = true;
    await puller;
    for (const row of (await client.pullAll(cursor)).changes) seen.add(row.id);
    expect(seen.size).toBe(6 * 5 * 4);
    expect((await client.pull(0, 1000)).cursor).toBe(120);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a token spends its burst', async () => {
    const { sqliteBackend } = await import('./test/backends');
    const backend = sqliteBackend();
    const store = await SyncStore.open(await backend.freshLocation());
    try {
      const app = testApp(store, { rateLimit: { perMinute: 6, burst: 3 } });
      const client = await newClient(store, app);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.request('GET', '/pull?since=0')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await client.request('GET', '/pull?since=0');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
      // Another token has its own bucket.
      const other = await newClient(store, app);
      expect((await other.request('GET', '/pull?since=0')).status).toBe(200);
    } finally {
      await store.close();
      backend.dispose();
    }
  });
});
