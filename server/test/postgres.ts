import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * PostgreSQL for server tests (see TESTING.md): TEST_DATABASE_URL when set, else a throwaway
 * cluster on 127.0.0.1, initialised in a temp dir and run as the postgres user when we are root.
 * Each suite gets its own database; stop() drops them or removes the whole cluster.
 */

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface TestPostgres {
  /** A new empty database, as a postgres:// URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. Under CI they always run. */
export function postgresSkipReason(): string | undefined {
  if (process.env.TEST_DATABASE_URL || process.env.CI === 'true') return undefined;
  if (initdbPath() === undefined) return `no ${PG_ROOT}/*/bin/initdb and no TEST_DATABASE_URL (apt-get install -y postgresql)`;
  return undefined;
}

/** `durable` keeps fsync on (benchmarks); tests turn it off to spare a busy machine. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  return external ? withDatabases(external, async () => undefined) : startCluster(options.durable ?? false);
}

function initdbPath(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], 'bin', 'initdb');
}

async function startCluster(durable: boolean): Promise<TestPostgres> {
  const initdb = initdbPath();
  if (initdb === undefined) throw new Error(`PostgreSQL is required (CI=true) but ${PG_ROOT}/*/bin/initdb is missing and TEST_DATABASE_URL is unset`);
  const bin = join(initdb, '..');
  const dir = mkdtempSync(join(tmpdir(), 'sync-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = join(dir, 'data');
  const pgCtl = (...args: string[]) => asPostgres(asRoot, join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const stopNow = () => {
    try {
      execFileSync(...command(asRoot, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that dies without its afterAll must not leave a cluster running.
  process.once('exit', stopNow);
  try {
    await asPostgres(asRoot, initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        // Durability is not under test here; fsync=off keeps a 2-core machine responsive.
        const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
        const serverOptions = `-k ${dir} -p ${port} -h 127.0.0.1 -c max_connections=200${fast}`;
        await pgCtl('-o', serverOptions, '-l', join(dir, 'log'), '-w', '-t', '60', 'start');
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    return await withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
      process.removeListener('exit', stopNow);
      stopNow();
    });
  } catch (error) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
    process.removeListener('exit', stopNow);
    stopNow();
    throw new Error(`could not start PostgreSQL: ${(error as Error).message}\n${log}`, { cause: error });
  }
}

async function withDatabases(adminUrl: string, shutdown: () => Promise<void>): Promise<TestPostgres> {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `sync_test_${process.pid}_${created.length}_${Math.random().toString(36).slice(2, 8)}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (process.env.TEST_DATABASE_URL) {
        await admin(async (client) => {
          for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      await shutdown();
    },
  };
}

function command(asRoot: boolean, file: string, args: string[]): [string, string[]] {
  if (!asRoot) return [file, args];
  return ['su', ['postgres', '-c', [file, ...args].map(shellQuote).join(' ')]];
}

async function asPostgres(asRoot: boolean, file: string, args: string[]): Promise<void> {
  await run(...command(asRoot, file, args), { timeout: 120_000 });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
