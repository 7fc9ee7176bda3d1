/**
 * Issue 18's team load on PostgreSQL (fsync on): 50 members of one workspace, 10 editors pushing
 * batches (a third of the interactions private to their author) while the owner, 30 viewers and 9
 * editors pull, against the real server run as its own process, as `npm run server` runs it. The
 * work is fixed (pushes per writer, pull rounds per reader), not the time. Reported: push and pull
 * latency (p50/p99), throughput, errors and private rows leaked (both must be 0), and what the
 * visibility filter costs a pull (see visibilityFilterCost). Sized for a 2-core machine: about a
 * minute. `npx tsx tools/bench/run-team-load.ts` runs it alone.
 */
import type { Connection } from '../../server/store/connect';
import { connect } from '../../server/store/connect';
import { SyncStore } from '../../server/store';
import { type PullResult, pullRows } from '../../server/store/sync';
import { SYNC_LIMITS, type SyncTable } from '../../lib/sync/shared/protocol';
import { SyncClient, httpFetcher } from '../../server/test/client';
import { postgresSkipReason, startPostgres } from '../../server/test/postgres';
import { spawnServer } from '../../server/test/spawn';
import { type TeamLoadShape, runTeamLoad } from '../../server/test/team-load';
import { median, quantile, round } from './stats';

const SHAPE: TeamLoadShape = {
  writers: 10,
  readers: 40,
  readingEditors: 9,
  // 6,000 rows before the load: each reader's first pull is a real first sync (12 pages).
  seedContactsPerWriter: 100,
  seedInteractionsPerContact: 5,
  pushesPerWriter: 30,
  changesPerPush: 50,
  pullRoundsPerReader: 30,
  thinkMs: 100,
};
/** Full pulls of the workspace per variant when timing the filter, alternating. */
const FILTER_RUNS = 11;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function latency(values: number[]): { count: number; p50: number; p99: number; max: number } {
  return { count: values.length, p50: round(quantile(values, 0.5), 1), p99: round(quantile(values, 0.99), 1), max: round(Math.max(...values), 1) };
}

/**
 * The pull as it was before issue 18 (server/store/sync.ts before the teams storage commit): the
 * same statements, same index, same page size, minus the visibility filter, i.e. minus the CASE
 * that keeps another member's private fields in the database and the filter that drops those
 * rows from the page. The baseline for the filter's cost.
 */
async function unfilteredPull(conn: Connection, workspace: string, since: number, limit: number): Promise<PullResult> {
  const found = await conn.db
    .selectFrom('rows')
    .select(['tbl', 'id', 'fields', 'deleted', 'cursor'])
    .where('workspace_id', '=', workspace)
    .where('cursor', '>', since)
    .orderBy('cursor')
    .limit(limit + 1)
    .execute();
  const state = await conn.db.selectFrom('workspaces').select(['seq', 'purged_through']).where('id', '=', workspace).executeTakeFirstOrThrow();
  if (since > 0 && (since < state.purged_through || since > state.seq)) return { gone: true };
  const page = found.slice(0, limit);
  const rows = page.map((row) => ({ table: row.tbl as SyncTable, id: row.id, fieldsJson: row.fields, deleted: row.deleted, cursor: row.cursor }));
  return { gone: false, rows, cursor: page.at(-1)?.cursor ?? since, hasMore: found.length > limit };
}

/** A full pull (since 0, pages of the extension's size) through one of the two; answers ms and rows. */
async function timedFullPull(pull: (since: number) => Promise<PullResult>): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  let since = 0;
  let rows = 0;
  for (;;) {
    const page = await pull(since);
    if (page.gone) throw new Error('pull answered gone');
    rows += page.rows.length;
    since = page.cursor;
    if (!page.hasMore) return { ms: performance.now() - started, rows };
  }
}

/**
 * The visibility filter's cost: the same member's full pull of the same rows, on the same
 * connection, once through today's pullRows (filtered) and once through the pull as it was before
 * (unfiltered), alternating so that load and caches weigh on both alike. Measured at the store,
 * where the filter is: through HTTP the same difference would hide among the request's fixed
 * costs (its full HTTP pull is reported beside it for scale). Note the filtered pull answers fewer
 * rows for a member who cannot see the private ones: their fields never leave the database, which
 * is part of what the filter does, so it is part of its cost (or saving).
 */
async function visibilityFilterCost(
  conn: Connection,
  workspace: string,
  member: string,
): Promise<{ ratio: number; filteredMs: number; unfilteredMs: number; filteredRows: number; unfilteredRows: number }> {
  const limit = SYNC_LIMITS.pullDefault;
  const filtered = () => timedFullPull((since) => pullRows(conn, workspace, member, since, limit));
  const unfiltered = () => timedFullPull((since) => unfilteredPull(conn, workspace, since, limit));
  await filtered();
  await unfiltered(); // warm both
  const with_: Array<{ ms: number; rows: number }> = [];
  const without: Array<{ ms: number; rows: number }> = [];
  for (let run = 0; run < FILTER_RUNS; run++) {
    if (run % 2 === 0) {
      with_.push(await filtered());
      without.push(await unfiltered());
    } else {
      without.push(await unfiltered());
      with_.push(await filtered());
    }
  }
  return {
    // The median of each back-to-back pair's ratio: a burst of other work on the machine slows
    // both halves of a pair, so it cancels out, where a ratio of two medians would keep it.
    ratio: median(with_.map((run, i) => run.ms / without[i]!.ms)),
    filteredMs: median(with_.map((run) => run.ms)),
    unfilteredMs: median(without.map((run) => run.ms)),
    filteredRows: with_[0]!.rows,
    unfilteredRows: without[0]!.rows,
  };
}

export async function benchTeamLoad(): Promise<object> {
  const skip = postgresSkipReason();
  if (skip !== undefined) return { skipped: skip };
  const sectionStarted = performance.now();
  const cluster = await startPostgres({ durable: true });
  try {
    const url = await cluster.createDatabase();
    // Opened (and migrated) before the server starts, so the two never migrate at once. The
    // members and their tokens are made here, as the CLI would.
    const store = await SyncStore.open(url);
    const server = await spawnServer(['--db', url, '--rate-limit', '1000000']);
    const conn = connect(url);
    try {
      log('team load: 10 writers and 40 readers of one workspace…');
      const load = await runTeamLoad(store, httpFetcher(server.url), SHAPE);
      if (load.errors > 0) log(`team load: ${load.errors} errors, e.g. ${load.errorSamples.join(' | ')}`);
      if (load.leaks.length > 0) log(`team load: ${load.leaks.length} private rows leaked, e.g. ${load.leaks.slice(0, 3).join(' | ')}`);

      log('team load: the visibility filter, filtered against unfiltered pulls of the same rows…');
      const viewer = load.members.find((member) => member.role === 'viewer')!;
      const writer = load.members.find((member) => member.writes)!;
      const forViewer = await visibilityFilterCost(conn, load.workspace, viewer.user);
      const forWriter = await visibilityFilterCost(conn, load.workspace, writer.user);
      const client = new SyncClient(httpFetcher(server.url), load.workspace, viewer.token);
      const httpRuns: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        await client.pullAll(0);
        httpRuns.push(performance.now() - started);
      }

      const seconds = load.elapsedMs / 1000;
      return {
        backend: 'postgres (fsync on), server in its own process, clients over loopback',
        members: load.members.length,
        writers: SHAPE.writers,
        readers: SHAPE.readers,
        shape: SHAPE,
        rowsAtEnd: load.rows,
        privateRowsAtEnd: load.privateRows,
        elapsedSeconds: round(seconds, 1),
        pushMs: latency(load.pushMs),
        pullMs: latency(load.pullMs),
        // The same pulls split: pages of the readers' first full pulls (40 first syncs at once,
        // 500 rows a page) and everything after them (mostly a few new rows).
        pullMsOfFirstSyncPages: latency(load.firstPullMs),
        pullMsAfterFirstSync: latency(load.laterPullMs),
        requestsPerSecond: Math.round((load.pushMs.length + load.pullMs.length) / seconds),
        changesPushedPerSecond: Math.round(load.changesPushed / seconds),
        rowsPulledPerSecond: Math.round(load.rowsPulled / seconds),
        errors: load.errors,
        privateRowsLeaked: load.leaks.length,
        rowsMissingAtEnd: load.missing.length,
        visibilityFilter: {
          runs: FILTER_RUNS,
          viewer: { filteredMs: round(forViewer.filteredMs, 1), unfilteredMs: round(forViewer.unfilteredMs, 1), rowsSeen: forViewer.filteredRows, rowsUnfiltered: forViewer.unfilteredRows },
          writer: { filteredMs: round(forWriter.filteredMs, 1), unfilteredMs: round(forWriter.unfilteredMs, 1), rowsSeen: forWriter.filteredRows, rowsUnfiltered: forWriter.unfilteredRows },
          viewerFullPullOverHttpMs: round(median(httpRuns), 1),
        },
        // A viewer's full pull with the filter / the same pull without it (the pull before issue 18).
        visibilityFilterRatio: round(forViewer.ratio, 2),
        visibilityFilterRatioForAWriter: round(forWriter.ratio, 2),
        // The whole section, cluster start to figures (the budget: about a minute, under two).
        sectionSeconds: round((performance.now() - sectionStarted) / 1000, 1),
      };
    } finally {
      await conn.close();
      await server.kill();
      await store.close();
    }
  } finally {
    await cluster.stop();
  }
}
