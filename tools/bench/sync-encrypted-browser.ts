/**
 * Issue 19's ratios where the product runs them: the extension's sync engine (outbox, push, pull,
 * merge and apply into IndexedDB; lib/sync/client bundled for a page) in real Chromium against
 * the real server on SQLite, plain against end-to-end encrypted (WebCrypto AES-256-GCM per field
 * value), alternating, median of 3 runs:
 * - push + pull of 10,000 changes: a browser whose outbox holds 10,000 contacts syncs once (it
 *   pushes them, then pulls the workspace back: the engine's whole run);
 * - a first sync: a fresh browser pulls those 10,000 rows and applies them;
 * - the issue's larger first sync: 100,000 contacts (BENCH_ENCRYPTED_FIRST_SYNC to scale), put on
 *   the server from Node (sealed there with the same key for the encrypted workspace), pulled into
 *   a fresh browser database, one run each.
 * The page is served from the server's own origin (loopback is a secure context), so requests go
 * straight to the server. `npx tsx tools/bench/sync-encrypted-browser.ts` (BENCH_ENCRYPTED_ROWS to scale).
 */
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRawKey, KDF_ITERATIONS, newKeyId, newWorkspaceKey, rawKeyBytes, wrapWorkspaceKey } from '../../lib/sync/client/crypto/workspace-key';
import { toBase64 } from '../../lib/sync/client/crypto/bytes';
import { sealedTransport } from '../../lib/sync/client/sealed-transport';
import { httpTransport, type SyncTransport } from '../../lib/sync/client/transport';
import { formatHlc } from '../../lib/sync/shared/hlc';
import { SYNC_LIMITS, type PushChange } from '../../lib/sync/shared/protocol';
import { silentLogger } from '../../server/log';
import { startServer } from '../../server/serve';
import { SyncStore } from '../../server/store';
import { median, round } from './stats';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 3;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "export { openCrmDatabase } from './lib/db/database';",
        "export { syncOnce } from './lib/sync/client/engine';",
        "export { httpTransport } from './lib/sync/client/transport';",
        "export { sealedTransport } from './lib/sync/client/sealed-transport';",
        "export { uploadKey } from './lib/sync/client/initial-upload';",
        "export { SYNC_TABLES } from './lib/sync/shared/tables';",
        "export * from './lib/sync/client/crypto/workspace-key';",
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'syncBench',
    platform: 'browser',
    tsconfig: join(repoRoot, 'tsconfig.json'),
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

interface RunTimes {
  pushPullMs: number;
  firstSyncMs: number;
}

export async function benchEncryptedSyncInBrowser(rows = Number(process.env.BENCH_ENCRYPTED_ROWS ?? 10_000)): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-encrypted-browser-'));
  const store = await SyncStore.open(join(dir, 'server.sqlite'));
  const server = await startServer({ store, host: '127.0.0.1', port: 0, tombstoneHorizonMs: 90 * 86_400_000, logger: silentLogger, rateLimit: { perMinute: 1e9, burst: 1e9 } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  const times: Record<'plain' | 'encrypted', RunTimes[]> = { plain: [], encrypted: [] };
  const largeRows = Number(process.env.BENCH_ENCRYPTED_FIRST_SYNC ?? 100_000);
  const large = { plain: 0, encrypted: 0 };
  let bareOpenUs = 0;
  try {
    const page = await browser.newPage();
    await page.route(`${server.url}/bench`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>sync bench</title>' }));
    await page.goto(`${server.url}/bench`);
    await page.addScriptTag({ content: `globalThis.__name = (fn) => fn;${await bundle()};globalThis.syncBench = syncBench;` });
    for (let run = 0; run < RUNS; run++) {
      for (const kind of ['plain', 'encrypted'] as const) {
        const { workspace, token } = await store.addUser(`bench-${kind}-${run}@example.org`);
        const figures = await page.evaluate(
          async ({ workspace, token, kind, run, rows }) => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const lib = (globalThis as any).syncBench;
            const serverUrl = location.origin;
            let cipher: object | undefined;
            if (kind === 'encrypted') {
              const extractable = await lib.newWorkspaceKey();
              const keyId = lib.newKeyId();
              const envelope = await lib.wrapWorkspaceKey(extractable, 'a long team passphrase', keyId, lib.KDF_ITERATIONS);
              const put = await fetch(`${serverUrl}/v1/w/${workspace}/keys`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
              if (!put.ok) throw new Error(`PUT keys ${put.status}`);
              const key = await lib.importRawKey(await lib.rawKeyBytes(extractable));
              cipher = { workspace, current: { keyId, key }, keys: new Map([[keyId, key]]) };
            }
            const transportFor = () => {
              const raw = lib.httpTransport({ serverUrl, token, workspace });
              return cipher
                ? lib.sealedTransport(raw, cipher, async (failed: unknown[]) => {
                    if (failed.length > 0) throw new Error(`${failed.length} rows did not open`);
                  })
                : raw;
            };
            const fresh = async (name: string) => {
              const db = lib.openCrmDatabase(`${name}-${kind}-${run}`);
              await db.open();
              // Not a first upload: the rows below are changes in the outbox, as a working browser has.
              await db.meta.put({ key: lib.uploadKey(workspace), value: { done: true, uploaded: 0, tables: [...lib.SYNC_TABLES] } });
              return db;
            };
            const a = await fresh('writer');
            const base = Date.UTC(2026, 0, 1);
            const contacts = Array.from({ length: rows }, (_, i) => ({
              id: `01JBENCH${String(i).padStart(10, '0')}`,
              name: `Person ${i}`,
              emails: [`person${i}@example.org`],
              phones: [],
              profiles: [],
              tags: i % 5 === 0 ? ['vip'] : [],
              stage: 'customer',
              userFields: [],
              company: `Company ${i % 997}`,
              title: 'Head of Engineering',
              createdAt: base,
              updatedAt: base + i,
            }));
            await a.contacts.bulkPut(contacts);
            if ((await a.outbox.count()) !== rows) throw new Error('the outbox did not record the writes');
            let started = performance.now();
            const pushed = await lib.syncOnce(a, transportFor(), { workspace, clientId: `a${run}` });
            const pushPullMs = performance.now() - started;
            if (pushed.pushed !== rows || (await a.outbox.count()) !== 0) throw new Error(`pushed ${pushed.pushed}`);
            const b = await fresh('reader');
            started = performance.now();
            const pulled = await lib.syncOnce(b, transportFor(), { workspace, clientId: `b${run}` });
            const firstSyncMs = performance.now() - started;
            if (pulled.pulled !== rows || (await b.contacts.count()) !== rows) throw new Error(`pulled ${pulled.pulled}`);
            a.close();
            b.close();
            await Promise.all([indexedDB.deleteDatabase(a.name), indexedDB.deleteDatabase(b.name)]);
            return { pushPullMs, firstSyncMs };
          },
          { workspace, token, kind, run, rows },
        );
        times[kind].push(figures);
      }
    }
    for (const kind of ['plain', 'encrypted'] as const) large[kind] = await largeFirstSync(page, store, server.url, kind, largeRows);
    bareOpenUs = await bareOpenMicros(page);
  } finally {
    await browser.close();
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const med = (kind: 'plain' | 'encrypted', key: keyof RunTimes) => median(times[kind].map((entry) => entry[key]));
  return {
    rows,
    runs: RUNS,
    pushPull: {
      plainMedianMs: round(med('plain', 'pushPullMs'), 0),
      encryptedMedianMs: round(med('encrypted', 'pushPullMs'), 0),
      /** The goal: at most 1.3. */
      ratioEncryptedToPlain: round(med('encrypted', 'pushPullMs') / med('plain', 'pushPullMs'), 2),
    },
    firstSync: {
      plainMedianMs: round(med('plain', 'firstSyncMs'), 0),
      encryptedMedianMs: round(med('encrypted', 'firstSyncMs'), 0),
      /** The goal: at most 1.3. */
      ratioEncryptedToPlain: round(med('encrypted', 'firstSyncMs') / med('plain', 'firstSyncMs'), 2),
    },
    firstSyncLarge: {
      contacts: largeRows,
      plainMs: round(large.plain, 0),
      encryptedMs: round(large.encrypted, 0),
      /** The goal: at most 1.3. */
      ratioEncryptedToPlain: round(large.encrypted / large.plain, 2),
      /** Each of the sync's values (11 a contact) is one AES-GCM `decrypt`: those calls alone, bare, in the same browser. */
      bareDecryptCallsMs: round((bareOpenUs * largeRows * 11) / 1000, 0),
      bareDecryptCallsShareOfPlain: round((bareOpenUs * largeRows * 11) / 1000 / large.plain, 2),
    },
    /** One bare WebCrypto AES-GCM `decrypt` of a field-sized value, 11,000 at a time as a pulled page's, in µs. */
    bareDecryptCallUs: round(bareOpenUs, 1),
  };
}

/**
 * The floor of opening values one WebCrypto call each: 110,000 field-sized ciphertexts (the 10,000
 * contacts' values), made beforehand, opened by bare `decrypt` calls 11,000 at a time (a page's
 * worth), nothing else around them. Microseconds per value.
 */
async function bareOpenMicros(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const encoder = new TextEncoder();
    const aad = encoder.encode(JSON.stringify(['e1', 'workspace', 'contacts', '01JBENCH0000000001', 'company', '0001767225600000-0000-00000000000000be', 'key']));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await Promise.all(Array.from({ length: 11_000 }, (_, i) => crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, encoder.encode(JSON.stringify(`Company ${i % 997}`)))));
    const started = performance.now();
    for (let page = 0; page < 10; page += 1) {
      await Promise.all(sealed.map((bytes) => crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, bytes)));
    }
    return ((performance.now() - started) / 110_000) * 1000;
  });
}

/** The generated contacts of the writer above, as changes (eleven fields, one stamp each). */
function* contactChanges(rows: number): Generator<PushChange> {
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < rows; i += 1) {
    const hlc = formatHlc({ millis: base + i, counter: 0, node: '00000000000000be' });
    const value = (v: unknown) => ({ value: v as never, hlc });
    yield {
      mutationId: `m${i}`,
      table: 'contacts',
      id: `01JLARGE${String(i).padStart(10, '0')}`,
      fields: {
        name: value(`Person ${i}`),
        emails: value([`person${i}@example.org`]),
        phones: value([]),
        profiles: value([]),
        tags: value(i % 5 === 0 ? ['vip'] : []),
        stage: value('customer'),
        userFields: value([]),
        company: value(`Company ${i % 997}`),
        title: value('Head of Engineering'),
        createdAt: value(base),
        updatedAt: value(base + i),
      },
    };
  }
}

/** Fills a workspace from Node (sealed there for the encrypted one), then times a fresh browser's first sync of it. */
async function largeFirstSync(page: Page, store: SyncStore, serverUrl: string, kind: 'plain' | 'encrypted', rows: number): Promise<number> {
  const { workspace, token } = await store.addUser(`bench-large-${kind}@example.org`);
  const raw = httpTransport({ serverUrl, token, workspace });
  let transport: SyncTransport = raw;
  let rawKey: string | undefined;
  let keyId: string | undefined;
  if (kind === 'encrypted') {
    const extractable = await newWorkspaceKey();
    keyId = newKeyId();
    const envelope = await wrapWorkspaceKey(extractable, 'a long team passphrase', keyId, KDF_ITERATIONS);
    const put = await fetch(`${serverUrl}/v1/w/${workspace}/keys`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    if (!put.ok) throw new Error(`PUT keys ${put.status}`);
    const bytes = await rawKeyBytes(extractable);
    rawKey = toBase64(bytes);
    const key = await importRawKey(bytes);
    transport = sealedTransport(raw, { workspace, current: { keyId, key }, keys: new Map([[keyId, key]]) }, async () => undefined);
  }
  let batch: PushChange[] = [];
  for (const change of contactChanges(rows)) {
    batch.push(change);
    if (batch.length === SYNC_LIMITS.changesPerPush) {
      await transport.push({ clientId: 'filler', changes: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await transport.push({ clientId: 'filler', changes: batch });
  return page.evaluate(
    async ({ workspace, token, rawKey, keyId, rows, kind }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const lib = (globalThis as any).syncBench;
      const http = lib.httpTransport({ serverUrl: location.origin, token, workspace });
      let transport = http;
      if (rawKey && keyId) {
        const key = await lib.importRawKey(Uint8Array.from(atob(rawKey), (char) => char.charCodeAt(0)));
        transport = lib.sealedTransport(http, { workspace, current: { keyId, key }, keys: new Map([[keyId, key]]) }, async (failed: unknown[]) => {
          if (failed.length > 0) throw new Error(`${failed.length} rows did not open`);
        });
      }
      const db = lib.openCrmDatabase(`large-${kind}`);
      await db.open();
      const started = performance.now();
      const pulled = await lib.syncOnce(db, transport, { workspace, clientId: `large-${kind}` });
      const ms = performance.now() - started;
      if (pulled.pulled !== rows || (await db.contacts.count()) !== rows) throw new Error(`pulled ${pulled.pulled}`);
      db.close();
      await indexedDB.deleteDatabase(db.name);
      return ms;
    },
    { workspace, token, rawKey, keyId, rows, kind },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchEncryptedSyncInBrowser().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
