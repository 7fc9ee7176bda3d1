/**
 * Browsers' databases (fake IndexedDB: this is the unit level; the e2e runs real Chromium) syncing
 * through the real server app on a real SQLite file, in-process. Registers its hooks in the
 * calling test file: one server per file, a fresh user and workspace per test, every browser's
 * database deleted after it.
 */
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { syncOnce, type SyncProgress } from '@/lib/sync/client/engine';
import { httpTransport, type SyncTransport } from '@/lib/sync/client/transport';
import { SyncStore } from '../../../server/store';
import { sqliteBackend } from '../../../server/test/backends';
import { testApp } from '../../../server/test/setup';

export interface TestBrowser {
  db: CrmDatabase;
  transport: SyncTransport;
  clientId: string;
  sync: (onProgress?: (progress: SyncProgress) => void) => ReturnType<typeof syncOnce>;
}

/** Requests to `http://sync.test/…` answered by the app in-process. */
export const fetchVia = (target: Hono): typeof fetch =>
  (async (input: RequestInfo | URL, init?: RequestInit) => target.request(String(input).replace('http://sync.test', ''), init)) as typeof fetch;

export interface InProcessSync {
  store: SyncStore;
  app: Hono;
  /** This test's user's workspace and token. */
  workspace: string;
  token: string;
  /** This test's user's email (for HTTP Basic, as an address book signs in). */
  email: string;
  /** A new browser profile signed in with `token` (this test's user by default). */
  browser(token?: string): TestBrowser;
}

export function inProcessSync(prefix: string): InProcessSync {
  const backend = sqliteBackend();
  let dbs: CrmDatabase[] = [];
  let count = 0;
  const server: InProcessSync = {
    store: undefined as unknown as SyncStore,
    app: undefined as unknown as Hono,
    workspace: '',
    token: '',
    email: '',
    browser(token: string = server.token): TestBrowser {
      const db = openCrmDatabase(`${prefix}-${++count}`);
      dbs.push(db);
      const transport = httpTransport({ serverUrl: 'http://sync.test', token, workspace: server.workspace, fetch: fetchVia(server.app) });
      const clientId = `browser-${count}`;
      return { db, transport, clientId, sync: (onProgress) => syncOnce(db, transport, { workspace: server.workspace, clientId }, { onProgress }) };
    },
  };

  beforeAll(async () => {
    server.store = await SyncStore.open(await backend.freshLocation());
    server.app = testApp(server.store);
  });
  afterAll(async () => {
    await server.store.close();
    backend.dispose();
  });
  beforeEach(async () => {
    server.email = `user-${Math.random().toString(36).slice(2)}@example.org`;
    ({ workspace: server.workspace, token: server.token } = await server.store.addUser(server.email));
    dbs = [];
  });
  afterEach(async () => {
    for (const db of dbs) await db.delete();
  });
  return server;
}
