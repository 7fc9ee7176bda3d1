import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SyncStore } from './store';
import { SyncClient, httpFetcher, stamp } from './test/client';
import { type ServerProcess, killAllSpawned, spawnServer } from './test/spawn';

const CLIENTS = 4;
const PUSHES_PER_CLIENT = 12;
/** Big enough that a kill often lands while a push's transaction is writing. */
const CHANGES_PER_PUSH = 40;

/** The ids one push writes: all of them or none may exist, never some. */
const rowIds = (client: number, push: number) => Array.from({ length: CHANGES_PER_PUSH }, (_, j) => `c${client}-p${push}-r${j}`);

describe('crash safety (SQLite, server process killed with SIGKILL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sync-crash-'));
  const db = join(dir, 'sync.sqlite');
  afterAll(async () => {
    await killAllSpawned();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged push exactly once and never a torn one, as clients retry across restarts', async () => {
    const store = await SyncStore.open(db);
    const { workspace, token } = await store.addUser('crash@example.org');
    await store.close();

    let server: ServerProcess = await spawnServer(['--db', db, '--rate-limit', '1000000']);
    let baseUrl = server.url;
    let paused = false;
    const acked: boolean[][] = Array.from({ length: CLIENTS }, () => []);
    let ackCount = 0;
    let failures = 0;

    const client = async (c: number) => {
      for (let p = 0; p < PUSHES_PER_CLIENT; p++) {
        const body = {
          clientId: `client-${c}`,
          changes: rowIds(c, p).map((id, j) => ({ mutationId: `p${p}-${j}`, table: 'contacts' as const, id, fields: { name: { value: id, hlc: stamp(p * 10 + j, 0, `00000000000000c${c}`) } } })),
        };
        // Retry until acknowledged: the same body, hence the same mutation ids.
        for (;;) {
          while (paused) await sleep(20);
          try {
            await new SyncClient(httpFetcher(baseUrl), workspace, token).push(body);
            acked[c]![p] = true;
            ackCount++;
            break;
          } catch {
            failures++;
            await sleep(20);
          }
        }
      }
    };
    const running = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

    for (const killAt of [10, 25]) {
      while (ackCount < killAt) await sleep(5);
      paused = true; // clients send nothing new; pushes already in flight die with the process
      await server.kill('SIGKILL');
      expect(server.child.signalCode).toBe('SIGKILL');

      // Inspect the file as the killed process left it.
      const raw = new BetterSqlite3(db);
      const present = new Set(raw.prepare('SELECT id FROM rows').pluck().all() as string[]);
      raw.close();
      for (let c = 0; c < CLIENTS; c++) {
        for (let p = 0; p < PUSHES_PER_CLIENT; p++) {
          const found = rowIds(c, p).filter((id) => present.has(id)).length;
          expect([0, CHANGES_PER_PUSH], `push ${p} of client ${c}`).toContain(found);
          if (acked[c]![p]) expect(found, `acknowledged push ${p} of client ${c}`).toBe(CHANGES_PER_PUSH);
        }
      }

      server = await spawnServer(['--db', db, '--rate-limit', '1000000']);
      baseUrl = server.url;
      paused = false;
    }
    await running;
    // The kills landed mid-stream: requests were cut off and retried.
    expect(failures).toBeGreaterThan(0);

    const final = await new SyncClient(httpFetcher(baseUrl), workspace, token).pullAll(0, 1000);
    const total = CLIENTS * PUSHES_PER_CLIENT * CHANGES_PER_PUSH;
    const ids = final.changes.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Array.from({ length: CLIENTS }, (_, c) => Array.from({ length: PUSHES_PER_CLIENT }, (_, p) => rowIds(c, p))).flat(2).sort());
    // One cursor per applied change: no retried change was applied a second time.
    expect(final.cursor).toBe(total);
    await server.kill('SIGTERM');
  }, 180_000);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
