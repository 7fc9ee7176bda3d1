/**
 * Sync server throughput: 10,000 changes pushed and pulled back through the real HTTP server
 * (in-process, over loopback), against raw inserts of the same rows in one transaction on the
 * same engine and, on SQLite, against the storage the server itself cannot skip (its tables, indexes
 * and audit entries written with prepared statements). `npx tsx tools/bench/sync.ts` prints the figures alone.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { formatHlc } from '../../lib/sync/shared/hlc';
import { type PushChange, SYNC_LIMITS } from '../../lib/sync/shared/protocol';
import { silentLogger } from '../../server/log';
import { startServer } from '../../server/serve';
import { SyncStore } from '../../server/store';
import { SyncClient, httpFetcher } from '../../server/test/client';
import { postgresSkipReason, startPostgres } from '../../server/test/postgres';
import { median, round } from './stats';

const ROWS = 10_000;
const RUNS = 3;

export interface SyncBenchFigures {
  rows: number;
  runs: number;
  pushMedianMs: number;
  pullMedianMs: number;
  pushRowsPerSecond: number;
  pullRowsPerSecond: number;
  /** Rows per second for push and pull together. */
  roundTripRowsPerSecond: number;
  rawInsertMedianMs: number;
  rawInsertRowsPerSecond: number;
  /** (push + pull) / raw insert time: the issue aims for at most 3. */
  ratioToRawInsert: number;
  pushRatioToRawInsert: number;
  /**
   * SQLite only: what the server's own tables must hold after the same pushes and give back for
   * the pull, written and read with cached prepared statements and nothing else (see
   * serverStorageFloor). The least any server keeping these tables could take.
   */
  storageFloorMedianMs?: number;
  storageFloorRatioToRawInsert?: number;
  ratioToStorageFloor?: number;
}

/** Realistic contacts: seven fields each, every one with its own stamp; `run` keeps ids apart between runs. */
export function makeChanges(run: number | string): PushChange[] {
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: ROWS }, (_, i) => {
    const hlc = formatHlc({ millis: base + i, counter: 0, node: '00000000000000b1' });
    const write = (value: unknown) => ({ value, hlc });
    return {
      mutationId: `r${run}-m${i}`,
      table: 'contacts',
      id: `01JBENCH${run}${String(i).padStart(8, '0')}`,
      fields: {
        name: write(`Person ${i}`),
        company: write(`Company ${i % 300}`),
        title: write('Head of Engineering'),
        emails: write([`person${i}@example.org`]),
        tags: write(['bench', `t${i % 7}`]),
        createdAt: write(base + i),
        updatedAt: write(base + i),
      },
    } as PushChange;
  });
}

/** Each pushed row as the server stores it, for the raw baseline. */
function storedRows(changes: PushChange[]): Array<[string, string, string, string, number, number]> {
  return changes.map((change, i) => ['ws_bench', change.table, change.id, JSON.stringify(change.fields), i + 1, Date.now()]);
}

async function throughServer(location: string, sqliteSync: 'full' | 'normal' = 'full'): Promise<{ push: number[]; pull: number[] }> {
  const store = await SyncStore.open(location, { sqliteSync });
  const server = await startServer({ store, host: '127.0.0.1', port: 0, tombstoneHorizonMs: 90 * 86_400_000, logger: silentLogger, rateLimit: { perMinute: 1e9, burst: 1e9 } });
  const push: number[] = [];
  const pull: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const { workspace, token } = await store.addUser(`bench${run}@example.org`);
      const client = new SyncClient(httpFetcher(server.url), workspace, token);
      const changes = makeChanges(run);
      let started = performance.now();
      for (let at = 0; at < changes.length; at += SYNC_LIMITS.changesPerPush) {
        await client.push({ clientId: 'bench', changes: changes.slice(at, at + SYNC_LIMITS.changesPerPush) });
      }
      push.push(performance.now() - started);
      started = performance.now();
      const pulled = await client.pullAll(0, SYNC_LIMITS.pullMax);
      pull.push(performance.now() - started);
      if (pulled.changes.length !== ROWS) throw new Error(`pulled ${pulled.changes.length} rows, pushed ${ROWS}`);
    }
  } finally {
    await server.close();
    await store.close();
  }
  return { push, pull };
}

const CREATE_ROWS = `CREATE TABLE rows (workspace_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, fields TEXT NOT NULL,
  deleted TEXT, cursor BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (workspace_id, tbl, id))`;
const INSERT_ROW = 'INSERT INTO rows (workspace_id, tbl, id, fields, cursor, updated_at) VALUES';

function rawSqlite(dir: string, synchronous: 'full' | 'normal' = 'full'): number[] {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const db = new BetterSqlite3(join(dir, `raw-${synchronous}-${run}.sqlite`));
    // The server's settings: WAL, and the same synchronous mode.
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
    db.exec(CREATE_ROWS);
    const rows = storedRows(makeChanges(run));
    const insert = db.prepare(`${INSERT_ROW} (?, ?, ?, ?, ?, ?)`);
    const started = performance.now();
    db.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    times.push(performance.now() - started);
    db.close();
  }
  return times;
}

/**
 * The SQLite storage the server cannot skip for these pushes and the pull, in its real schema
 * (migrations applied, so its indexes and settings), with prepared statements cached across the
 * run: each push of SYNC_LIMITS.changesPerPush writes its rows (cursor index: what the pull
 * reads by), the applied mutation ids (a retried push applied once) and one audit entry per row
 * write (who wrote which field when); then one read of every row in cursor order. No HTTP, JSON
 * parsing of the request, validation, merge or query building.
 */
async function serverStorageFloor(dir: string, synchronous: 'full' | 'normal' = 'full'): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const path = join(dir, `floor-${synchronous}-${run}.sqlite`);
    const store = await SyncStore.open(path, { sqliteSync: synchronous });
    const { workspace } = await store.addUser(`floor${run}@example.org`);
    await store.close();
    const db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
    db.pragma('secure_delete = ON');
    const changes = makeChanges(run);
    const insertRow = db.prepare('INSERT INTO rows (workspace_id, tbl, id, fields, deleted, cursor, updated_at, author_id, private_to) VALUES (?, ?, ?, ?, NULL, ?, ?, NULL, NULL)');
    const insertMutation = db.prepare('INSERT INTO mutations (workspace_id, client_id, mutation_id, applied_at) VALUES (?, ?, ?, ?)');
    const insertAudit = db.prepare('INSERT INTO audit_writes (workspace_id, tbl, row_id, user_id, at, fields) VALUES (?, ?, ?, ?, ?, ?)');
    const readAll = db.prepare('SELECT tbl, id, fields, deleted, cursor FROM rows WHERE workspace_id = ? AND cursor > 0 ORDER BY cursor');
    const now = Date.now();
    let cursor = 0;
    const started = performance.now();
    for (let at = 0; at < changes.length; at += SYNC_LIMITS.changesPerPush) {
      db.transaction(() => {
        for (const change of changes.slice(at, at + SYNC_LIMITS.changesPerPush)) {
          const fields = change.fields ?? {};
          insertRow.run(workspace, change.table, change.id, JSON.stringify(fields), ++cursor, now);
          insertMutation.run(workspace, 'bench', change.mutationId, now);
          insertAudit.run(workspace, change.table, change.id, 'bench-user', now, JSON.stringify(Object.fromEntries(Object.entries(fields).map(([name, write]) => [name, write.hlc]))));
        }
      })();
    }
    if (readAll.all(workspace).length !== ROWS) throw new Error('storage floor: rows missing');
    times.push(performance.now() - started);
    db.close();
  }
  return times;
}

async function rawPostgres(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      await client.query('DROP TABLE IF EXISTS rows');
      await client.query(CREATE_ROWS);
      const rows = storedRows(makeChanges(run));
      const started = performance.now();
      await client.query('BEGIN');
      for (const row of rows) await client.query({ name: 'insert-row', text: `${INSERT_ROW} ($1, $2, $3, $4, $5, $6)`, values: row });
      await client.query('COMMIT');
      times.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  return times;
}

function figures(server: { push: number[]; pull: number[] }, raw: number[], storageFloor?: number[]): SyncBenchFigures {
  const pushMs = median(server.push);
  const pullMs = median(server.pull);
  const rawMs = median(raw);
  const floorMs = storageFloor === undefined ? undefined : median(storageFloor);
  const perSecond = (ms: number) => Math.round((ROWS / ms) * 1000);
  return {
    rows: ROWS,
    runs: RUNS,
    pushMedianMs: round(pushMs, 1),
    pullMedianMs: round(pullMs, 1),
    pushRowsPerSecond: perSecond(pushMs),
    pullRowsPerSecond: perSecond(pullMs),
    roundTripRowsPerSecond: perSecond(pushMs + pullMs),
    rawInsertMedianMs: round(rawMs, 1),
    rawInsertRowsPerSecond: perSecond(rawMs),
    ratioToRawInsert: round((pushMs + pullMs) / rawMs, 2),
    pushRatioToRawInsert: round(pushMs / rawMs, 2),
    ...(floorMs === undefined
      ? {}
      : { storageFloorMedianMs: round(floorMs, 1), storageFloorRatioToRawInsert: round(floorMs / rawMs, 2), ratioToStorageFloor: round((pushMs + pullMs) / floorMs, 2) }),
  };
}

/**
 * SQLite with the default `--sqlite-sync full` (an fsync per push: most of the time at this size)
 * and with `normal`; PostgreSQL (fsync on) when a cluster can be started here.
 */
export async function benchSync(): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  try {
    const sqlite = figures(await throughServer(join(dir, 'server.sqlite')), rawSqlite(dir), await serverStorageFloor(dir));
    const sqliteSyncNormal = figures(await throughServer(join(dir, 'server-normal.sqlite'), 'normal'), rawSqlite(dir, 'normal'), await serverStorageFloor(dir, 'normal'));
    const skip = postgresSkipReason();
    if (skip !== undefined) return { sqlite, sqliteSyncNormal, postgres: { skipped: skip } };
    const cluster = await startPostgres({ durable: true });
    try {
      const server = await throughServer(await cluster.createDatabase());
      const raw = await rawPostgres(await cluster.createDatabase());
      return { sqlite, sqliteSyncNormal, postgres: figures(server, raw) };
    } finally {
      await cluster.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchSync().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
