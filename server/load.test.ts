import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../lib/sync/shared/protocol';
import { silentLogger } from './log';
import { type RunningServer, startServer } from './serve';
import { SyncStore } from './store';
import { describeEachBackend } from './test/backends';
import { Replica, SyncClient, httpFetcher, stamp } from './test/client';
import { UNLIMITED } from './test/setup';

/** Seconds of load; the figure is 30 (LOAD_TEST_SECONDS=30), the default run is short. */
const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 5);
const CLIENTS = 50;
const WORKSPACES = 5;

describeEachBackend('over loopback', (backend) => {
  let store: SyncStore;
  let server: RunningServer;

  beforeAll(async () => {
    store = await SyncStore.open(await backend.freshLocation());
    server = await startServer({ store, host: '127.0.0.1', port: 0, tombstoneHorizonMs: 90 * 86_400_000, logger: silentLogger, rateLimit: UNLIMITED });
  }, 60_000); // may start a PostgreSQL cluster
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('refuses a 10 MB body with 413 over a real socket, declared or chunked', async () => {
    const { workspace, token } = await store.addUser('big@example.org');
    const url = `${server.url}/v1/w/${workspace}/push`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(url, { method: 'POST', headers, body: new Uint8Array(10 * 1024 * 1024).fill(0x20) })).status).toBe(413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
        controller.close();
      },
    });
    const response = await fetch(url, { method: 'POST', headers, body: chunked, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(SYNC_LIMITS.bodyBytes).toBeLessThan(10 * 1024 * 1024);
  });

  it(`serves ${CLIENTS} concurrent clients pushing and pulling with no errors`, async () => {
    const workspaces = await Promise.all(Array.from({ length: WORKSPACES }, (_, w) => store.addUser(`load${w}@example.org`)));
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const timed = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      const started = performance.now();
      try {
        return await call();
      } catch (error) {
        errors++;
        if (errors <= 3) console.error('load test request failed:', error);
        return undefined;
      } finally {
        latencies.push(performance.now() - started);
      }
    };

    const replicas: Array<{ workspace: number; replica: Replica; client: SyncClient; cursor: number }> = [];
    const simulate = async (c: number) => {
      const home = workspaces[c % WORKSPACES]!;
      const token = (await store.addToken(`load${c % WORKSPACES}@example.org`)).token;
      const client = new SyncClient(httpFetcher(server.url), home.workspace, token);
      const state = { workspace: c % WORKSPACES, replica: new Replica(), client, cursor: 0 };
      replicas.push(state);
      const node = c.toString(16).padStart(16, '0');
      for (let round = 0; performance.now() < deadline; round++) {
        // New rows of its own, plus edits to rows every client of the workspace shares.
        const changes = Array.from({ length: 8 }, (_, i) => ({
          mutationId: `${round}-${i}`,
          table: 'contacts' as const,
          id: i < 6 ? `c${c}-r${round}-${i}` : `shared-${i}`,
          fields: { name: { value: `client ${c} round ${round}`, hlc: stamp(Date.now(), round % 0xffff, node) } },
        }));
        for (const change of changes) state.replica.apply(change.table, change.id, change);
        await timed(() => client.push({ clientId: `load-${c}`, changes }));
        for (let more = true; more; ) {
          const page = await timed(() => client.pull(state.cursor));
          if (!page) break;
          for (const row of page.changes) state.replica.apply(row.table, row.id, row);
          state.cursor = page.cursor;
          more = page.hasMore;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => simulate(c)));
    const elapsed = (performance.now() - started) / 1000;

    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    console.info(
      `load [${backend.name}]: ${CLIENTS} clients, ${elapsed.toFixed(1)} s, ${latencies.length} requests (${Math.round(latencies.length / elapsed)}/s), ` +
        `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms, errors ${errors}`,
    );
    expect(errors).toBe(0);
    expect(latencies.length).toBeGreaterThan(CLIENTS * 2);

    // Afterwards every client of a workspace holds what the server holds.
    for (const state of replicas) {
      for (const row of (await state.client.pullAll(state.cursor, 1000)).changes) state.replica.apply(row.table, row.id, row);
    }
    for (let w = 0; w < WORKSPACES; w++) {
      const server = new Replica();
      const first = replicas.find((state) => state.workspace === w)!;
      for (const row of (await first.client.pullAll(0, 1000)).changes) server.apply(row.table, row.id, row);
      for (const state of replicas.filter((s) => s.workspace === w)) expect(state.replica.snapshot()).toEqual(server.snapshot());
    }
  }, 60_000 + SECONDS * 2000);
});
