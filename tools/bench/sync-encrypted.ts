/**
 * Issue 19's first ratio: 10,000 changes pushed and pulled back through the real HTTP server (on
 * SQLite, in-process over loopback) by the extension's own sync transport, plain against end-to-end
 * encrypted (every value sealed on the way out and opened on the way in: lib/sync/client/
 * sealed-transport.ts, WebCrypto in Node, which calls the same kind of native AES-GCM as a
 * browser), in the same run, alternating, median of 3. `npx tsx tools/bench/sync-encrypted.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importRawKey, KDF_ITERATIONS, newKeyId, newWorkspaceKey, rawKeyBytes, wrapWorkspaceKey } from '../../lib/sync/client/crypto/workspace-key';
import { sealedTransport } from '../../lib/sync/client/sealed-transport';
import { httpTransport, type SyncTransport } from '../../lib/sync/client/transport';
import { type PushChange, SYNC_LIMITS } from '../../lib/sync/shared/protocol';
import { silentLogger } from '../../server/log';
import { startServer } from '../../server/serve';
import { SyncStore } from '../../server/store';
import { median, round } from './stats';
import { makeChanges } from './sync';

const ROWS = 10_000;
const RUNS = 3;

async function pushAndPull(transport: SyncTransport, changes: PushChange[]): Promise<{ push: number; pull: number }> {
  let started = performance.now();
  for (let at = 0; at < changes.length; at += SYNC_LIMITS.changesPerPush) await transport.push({ clientId: 'bench', changes: changes.slice(at, at + SYNC_LIMITS.changesPerPush) });
  const push = performance.now() - started;
  started = performance.now();
  let pulled = 0;
  for (let since = 0; ; ) {
    const page = await transport.pull(since, SYNC_LIMITS.pullMax);
    pulled += page.changes.length;
    since = page.cursor;
    if (!page.hasMore) break;
  }
  if (pulled !== ROWS) throw new Error(`pulled ${pulled} rows (some did not open?), pushed ${ROWS}`);
  return { push, pull: performance.now() - started };
}

export async function benchEncryptedSync(): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-encrypted-'));
  const store = await SyncStore.open(join(dir, 'server.sqlite'));
  const server = await startServer({ store, host: '127.0.0.1', port: 0, tombstoneHorizonMs: 90 * 86_400_000, logger: silentLogger, rateLimit: { perMinute: 1e9, burst: 1e9 } });
  const plain: Array<{ push: number; pull: number }> = [];
  const sealed: Array<{ push: number; pull: number }> = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const kind of ['p', 'e'] as const) {
        const { workspace, token } = await store.addUser(`bench-${kind}${run}@example.org`);
        const raw = httpTransport({ serverUrl: server.url, token, workspace });
        let transport: SyncTransport = raw;
        if (kind === 'e') {
          const extractable = await newWorkspaceKey();
          const keyId = newKeyId();
          const envelope = await wrapWorkspaceKey(extractable, 'a long team passphrase', keyId, KDF_ITERATIONS);
          const put = await fetch(`${server.url}/v1/w/${workspace}/keys`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
          if (!put.ok) throw new Error(`PUT keys: ${put.status}`);
          const key = await importRawKey(await rawKeyBytes(extractable));
          transport = sealedTransport(raw, { workspace, current: { keyId, key }, keys: new Map([[keyId, key]]) }, async (failed) => {
            if (failed.length > 0) throw new Error(`${failed.length} rows did not open: ${failed[0]!.reason}`);
          });
        }
        (kind === 'e' ? sealed : plain).push(await pushAndPull(transport, makeChanges(`${kind}${run}`)));
      }
    }
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const total = (runs: Array<{ push: number; pull: number }>) => median(runs.map((run) => run.push + run.pull));
  return {
    rows: ROWS,
    fieldsPerRow: 7,
    runs: RUNS,
    plainPushPullMedianMs: round(total(plain), 1),
    encryptedPushPullMedianMs: round(total(sealed), 1),
    encryptedPushMedianMs: round(median(sealed.map((run) => run.push)), 1),
    encryptedPullMedianMs: round(median(sealed.map((run) => run.pull)), 1),
    /** The goal: at most 1.3. */
    ratioEncryptedToPlain: round(total(sealed) / total(plain), 2),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchEncryptedSync().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
