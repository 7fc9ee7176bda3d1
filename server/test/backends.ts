import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { type TestPostgres, postgresSkipReason, startPostgres } from './postgres';

/** A database engine the suites run against: fresh, empty databases on demand. */
export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** A new empty database: a SQLite file path or a postgres:// URL. */
  freshLocation(): Promise<string>;
}

export function sqliteBackend(): TestBackend & { dispose(): void } {
  let dir: string | undefined;
  let count = 0;
  return {
    name: 'sqlite',
    async freshLocation() {
      dir ??= mkdtempSync(join(tmpdir(), 'sync-sqlite-'));
      return join(dir, `db-${count++}.sqlite`);
    },
    dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): TestBackend & { dispose(): Promise<void> } {
  let cluster: Promise<TestPostgres> | undefined;
  return {
    name: 'postgres',
    async freshLocation() {
      cluster ??= startPostgres();
      return (await cluster).createDatabase();
    },
    async dispose() {
      if (cluster) await (await cluster).stop();
    },
  };
}

/**
 * Declares the same suite once per engine. PostgreSQL suites skip (with a warning naming what is
 * missing) only outside CI; under CI=true they run and fail if PostgreSQL cannot start.
 */
export function describeEachBackend(title: string, suite: (backend: TestBackend) => void, only?: 'sqlite' | 'postgres'): void {
  if (only !== 'postgres') {
    describe(`${title} [sqlite]`, () => {
      const backend = sqliteBackend();
      afterAll(() => backend.dispose());
      suite(backend);
    });
  }
  if (only !== 'sqlite') {
    const skip = postgresSkipReason();
    if (skip !== undefined) console.warn(`skipping "${title}" on PostgreSQL: ${skip}`);
    describe.skipIf(skip !== undefined)(`${title} [postgres]`, () => {
      const backend = postgresBackend();
      afterAll(() => backend.dispose(), 60_000);
      suite(backend);
    });
  }
}
