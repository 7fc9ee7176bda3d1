/**
 * End-to-end encrypted workspaces (issue 19), browser side against the real server app on SQLite,
 * in-process (fake IndexedDB: the e2e runs real Chromium): turning encryption on over existing
 * plain data, a second browser locked until it unlocks (a wrong passphrase writes nothing), offline
 * edits to different fields converging on ciphertext, a tampered value set aside and never
 * applied, rotation resumed after a stop at every batch, the recovery key, and turning it off.
 */
import type { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { editContactField, saveDetectedContact } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { syncOnce } from '@/lib/sync/client/engine';
import { finishEncryptedRun, prepareEncryptedRun } from '@/lib/sync/client/encrypted-sync';
import { changePassphrase, disableEncryption, enableEncryption, encryptionStatus, rotateKey, unlockEncryption } from '@/lib/sync/client/encryption-actions';
import { unlockedKeys } from '@/lib/sync/client/crypto/key-store';
import { keyTransport, type KeyTransport } from '@/lib/sync/client/key-transport';
import { refreshMembership } from '@/lib/sync/client/membership-refresh';
import { cipherState, refreshEnvelopes } from '@/lib/sync/client/encryption-state';
import { rewritePosition, runRewritePass } from '@/lib/sync/client/rewrite-pass';
import { saveSyncSettings, type SyncSettings } from '@/lib/sync/client/settings';
import { teamTransport } from '@/lib/sync/client/team-transport';
import { httpTransport, SyncError } from '@/lib/sync/client/transport';
import { undecryptableCount } from '@/lib/sync/client/undecryptable';
import { quarantinedCount } from '@/lib/sync/client/quarantine';
import { isClearField, looksEncrypted } from '@/lib/sync/shared/encryption';
import { currentKey } from '@/lib/sync/shared/key-envelope';
import type { PulledRow } from '@/lib/sync/shared/protocol';
import { inProcessSync } from './in-process-sync';
import type { Connection } from '../../../server/store/connect';

const server = inProcessSync('encrypted-sync');
/** The server's own database, as someone with access to it would change it. */
const database = () => (server.store as unknown as { conn: Connection }).conn.db;
const SERVER_URL = 'https://sync.test';
const PASSPHRASE = 'amber falcon quietly ladders';

const viaApp = (app: Hono): typeof fetch =>
  (async (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input).replace(SERVER_URL, ''), init)) as typeof fetch;

async function signedIn() {
  const b = server.browser();
  const fetch = viaApp(server.app);
  const settings: SyncSettings = { serverUrl: SERVER_URL, token: server.token, workspace: server.workspace, clientId: b.clientId };
  await saveSyncSettings(settings, b.db);
  await refreshMembership(b.db, teamTransport({ ...settings, fetch }), server.workspace);
  const deps = { db: b.db, fetch };
  /** One sync run as the background does it: encryption prepared, the engine, the pass. */
  const run = async () => {
    const prepared = await prepareEncryptedRun(b.db, settings, fetch);
    const synced = await syncOnce(b.db, prepared.transport, settings);
    return { synced, after: await finishEncryptedRun(b.db, prepared) };
  };
  return { ...b, settings, fetch, deps, run };
}

/** Every row as the server stores it (values as they are: ciphertext or not). */
async function storedRows(): Promise<PulledRow[]> {
  const raw = httpTransport({ serverUrl: SERVER_URL, token: server.token, workspace: server.workspace, fetch: viaApp(server.app) });
  const rows: PulledRow[] = [];
  for (let since = 0; ; ) {
    const page = await raw.pull(since, 1000);
    rows.push(...page.changes);
    since = page.cursor;
    if (!page.hasMore) return rows;
  }
}

function storedValues(rows: readonly PulledRow[]): unknown[] {
  return rows.flatMap((row) => Object.entries(row.fields).filter(([field]) => !isClearField(row.table, field)).map(([, write]) => write.value));
}

/** Markers long enough that no base64 ciphertext contains one by chance. */
const person = (index: number) => DetectedContact.parse({ name: `Marker Person ${index} zqmarker${index}x`, emails: [`marker-${index}@example.org`] });
const source = { kind: 'page', url: 'https://example.org/team' };

beforeEach(() => fakeBrowser.reset());

describe('encrypted workspaces, browser side', () => {
  it('turns on over plain data, locks a second browser until its passphrase, and converges edits to different fields', async () => {
    const a = await signedIn();
    for (let index = 0; index < 20; index += 1) await saveDetectedContact(a.db, person(index), source);
    await a.run();
    expect(storedValues(await storedRows()).some((value) => JSON.stringify(value).includes('zqmarker3x'))).toBe(true);

    const enabled = await enableEncryption(a.deps, PASSPHRASE);
    if (!enabled.ok) throw new Error(enabled.error);
    expect(enabled.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){13}$/);
    const first = await a.run();
    expect(first.after.rewrite).toMatchObject({ done: true });
    const values = storedValues(await storedRows());
    expect(values.length).toBeGreaterThan(40);
    expect(values.every(looksEncrypted)).toBe(true);
    expect(JSON.stringify(await storedRows())).not.toContain('zqmarker');

    // A second browser: locked, nothing pulled, until the passphrase; a wrong one writes nothing.
    const b = await signedIn();
    await expect(b.run()).rejects.toMatchObject({ kind: 'locked' });
    expect(await b.db.contacts.count()).toBe(0);
    expect(await unlockEncryption(b.deps, { passphrase: 'not the passphrase' })).toEqual({ ok: false, error: expect.stringMatching(/does not unlock/) });
    expect((await unlockedKeys(b.db, server.workspace)).size).toBe(0);
    expect(await unlockEncryption(b.deps, { passphrase: PASSPHRASE })).toEqual({ ok: true });
    await b.run();
    expect(await b.db.contacts.count()).toBe(20);
    const ada = (await a.db.contacts.toArray()).find((contact) => contact.name === 'Marker Person 0 zqmarker0x')!;
    expect(await b.db.contacts.get(ada.id)).toMatchObject({ name: 'Marker Person 0 zqmarker0x', emails: ['marker-0@example.org'] });

    // Offline, each edits another field of the same contact; both sync; both hold both edits.
    await editContactField(a.db, ada.id, 'title', 'Countess');
    await editContactField(b.db, ada.id, 'company', 'Analytical Engines');
    await a.run();
    await b.run();
    await a.run();
    for (const db of [a.db, b.db]) expect(await db.contacts.get(ada.id)).toMatchObject({ title: 'Countess', company: 'Analytical Engines' });
    expect(JSON.stringify(await storedRows())).not.toContain('Countess');
  });

  it('sets aside a value the server moved to another field, applies the rest, and does not crash', async () => {
    const a = await signedIn();
    const enabled = await enableEncryption(a.deps, PASSPHRASE);
    if (!enabled.ok) throw new Error(enabled.error);
    const saved = [];
    for (let index = 0; index < 3; index += 1) saved.push((await saveDetectedContact(a.db, person(index), source)).contact);
    await a.run();
    // The server (or someone with its database) swaps two ciphertexts of one row.
    const target = saved[1]!;
    const stored = JSON.parse((await database().selectFrom('rows').select('fields').where('id', '=', target.id).executeTakeFirstOrThrow()).fields) as Record<string, { value: unknown; hlc: string }>;
    const swapped = { ...stored, name: { ...stored.name!, value: stored.emails!.value } };
    await database().updateTable('rows').set({ fields: JSON.stringify(swapped) }).where('id', '=', target.id).execute();

    const b = await signedIn();
    expect(await unlockEncryption(b.deps, { passphrase: PASSPHRASE })).toEqual({ ok: true });
    await b.run();
    expect(await b.db.contacts.count()).toBe(2);
    expect(await b.db.contacts.get(target.id)).toBeUndefined();
    expect(await undecryptableCount(b.db)).toBe(1);
    const status = await encryptionStatus(b.deps);
    expect(status).toMatchObject({ ok: true, status: { undecryptable: 1, locked: false, mode: 'encrypted' } });
    // Once a newer version of the row opens, the set-aside entry goes and the row is applied.
    await editContactField(a.db, target.id, 'name', 'Fixed Name');
    await a.run();
    await b.run();
    expect(await undecryptableCount(b.db)).toBe(0);
    expect((await b.db.contacts.get(target.id))?.name).toBe('Fixed Name');
  });

  it('rotates the key in batches, resumed after a stop at every batch, then retires and deletes the old key', async () => {
    const a = await signedIn();
    const enabled = await enableEncryption(a.deps, PASSPHRASE);
    if (!enabled.ok) throw new Error(enabled.error);
    // 1,200 contacts: pages of 1,000 and 200, rewrites of 500, 500 and 200: three batches.
    await a.db.transaction('rw', a.db.contacts, async () => {
      for (let index = 0; index < 1200; index += 1) await saveDetectedContact(a.db, person(index), source);
    });
    await a.run();
    const oldKey = currentKey(await keyTransport({ ...a.settings, fetch: a.fetch }).keys())!.keyId;
    const rotated = await rotateKey(a.deps, PASSPHRASE, 'new passphrase for after Bo left');
    if (!rotated.ok) throw new Error(rotated.error);
    const keys = keyTransport({ ...a.settings, fetch: a.fetch });
    const envelopes = await refreshEnvelopes(a.db, keys, server.workspace);
    const newKey = currentKey(envelopes)!.keyId;
    expect(newKey).not.toBe(oldKey);
    const state = await cipherState(a.db, server.workspace, envelopes);
    if (!('cipher' in state)) throw new Error('locked');
    const raw = httpTransport({ ...a.settings, fetch: a.fetch });

    const underNewKey = async () => storedValues(await storedRows()).filter((value) => typeof value === 'string' && value.startsWith(`e1.${newKey}.`)).length;
    // Stop the worker after each batch in turn: every stop resumes where it was, never going back.
    let converted = 0;
    for (let stopAfter = 1; ; stopAfter += 1) {
      let calls = 0;
      const stopping: KeyTransport = {
        ...keys,
        rewrite: async (request) => {
          if (calls >= stopAfter) throw new SyncError('network', 'service worker stopped');
          calls += 1;
          return keys.rewrite(request);
        },
      };
      const outcome = await runRewritePass(a.db, raw, stopping, state.cipher).catch((error: unknown) => error);
      if (!(outcome instanceof SyncError)) break;
      const now = await underNewKey();
      expect(now).toBeGreaterThan(converted);
      converted = now;
      expect(stopAfter).toBeLessThan(10);
    }
    const position = await rewritePosition(a.db, server.workspace);
    expect(position).toMatchObject({ target: newKey, done: true, unreadable: 0 });
    const values = storedValues(await storedRows());
    expect(values.length).toBeGreaterThanOrEqual(2400);
    expect(values.every((value) => typeof value === 'string' && value.startsWith(`e1.${newKey}.`))).toBe(true);

    // The owner's next run retires the old key and deletes it: no value needs it.
    await a.run();
    expect((await keys.keys()).map((envelope) => envelope.keyId)).toEqual([newKey]);
    // A browser with the new passphrase reads everything; the old passphrase opens nothing now.
    const b = await signedIn();
    expect(await unlockEncryption(b.deps, { passphrase: PASSPHRASE })).toMatchObject({ ok: false });
    // The recovery key printed before the rotation belonged to the old key, now deleted: refused in words.
    expect(await unlockEncryption(b.deps, { recoveryKey: enabled.recoveryKey })).toMatchObject({ ok: false, error: expect.stringMatching(/belongs to no key/) });
    expect(await unlockEncryption(b.deps, { recoveryKey: rotated.recoveryKey })).toEqual({ ok: true });
    expect(await unlockEncryption(b.deps, { passphrase: 'new passphrase for after Bo left' })).toEqual({ ok: true });
    await b.run();
    expect(await b.db.contacts.count()).toBe(1200);
  }, 120_000);

  it('unlocks with the recovery key, changes the passphrase without re-encrypting, and turns encryption off', async () => {
    const a = await signedIn();
    await saveDetectedContact(a.db, person(7), source);
    const enabled = await enableEncryption(a.deps, PASSPHRASE);
    if (!enabled.ok) throw new Error(enabled.error);
    await a.run();
    const before = JSON.stringify(await storedRows());

    const b = await signedIn();
    expect(await unlockEncryption(b.deps, { recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000' })).toMatchObject({ ok: false });
    expect(await unlockEncryption(b.deps, { recoveryKey: enabled.recoveryKey.toLowerCase() })).toEqual({ ok: true });
    await b.run();
    expect((await b.db.contacts.toArray()).map((contact) => contact.name)).toEqual(['Marker Person 7 zqmarker7x']);

    expect(await changePassphrase(a.deps, 'wrong passphrase here', 'a brand new passphrase')).toMatchObject({ ok: false, error: expect.stringMatching(/does not unlock/) });
    expect(await changePassphrase(a.deps, PASSPHRASE, 'a brand new passphrase')).toEqual({ ok: true });
    expect(JSON.stringify(await storedRows())).toBe(before); // no value re-encrypted
    const c = await signedIn();
    expect(await unlockEncryption(c.deps, { passphrase: PASSPHRASE })).toMatchObject({ ok: false });
    expect(await unlockEncryption(c.deps, { passphrase: 'a brand new passphrase' })).toEqual({ ok: true });

    expect(await disableEncryption(a.deps, 'a brand new passphrase')).toEqual({ ok: true });
    await a.run();
    expect(JSON.stringify(await storedRows())).toContain('zqmarker7x');
    expect(storedValues(await storedRows()).some(looksEncrypted)).toBe(false);
    // The keys stay, retired with sealed proofs: how browsers tell "turned off" from a server that dropped them.
    const left = await keyTransport({ ...a.settings, fetch: a.fetch }).keys();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((envelope) => envelope.retiredAt !== undefined && envelope.retiredProof !== undefined)).toBe(true);
    // Another browser follows: plain again, its next edit goes up plain.
    await b.run();
    await editContactField(b.db, (await b.db.contacts.toArray())[0]!.id, 'title', 'Plain Title');
    await b.run();
    expect(JSON.stringify(await storedRows())).toContain('Plain Title');
  });

  it('does not believe a server that drops the keys or retires one by itself, and keeps a change refused for its encoding queued', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const { contact } = await saveDetectedContact(b.db, person(1), source);
    await b.run();
    // B prepared a plain run; meanwhile A turns encryption on. B's plain change is refused for its
    // encoding only: it stays queued (not set aside), and goes up sealed once B has the key.
    const prepared = await prepareEncryptedRun(b.db, b.settings, b.fetch);
    await editContactField(b.db, contact.id, 'title', 'Queued while it changed');
    const enabled = await enableEncryption(a.deps, PASSPHRASE);
    if (!enabled.ok) throw new Error(enabled.error);
    await expect(syncOnce(b.db, prepared.transport, b.settings)).rejects.toMatchObject({ message: expect.stringMatching(/encryption changed/) });
    expect(await b.db.outbox.count()).toBe(1);
    expect(await quarantinedCount(b.db)).toBe(0);
    await expect(b.run()).rejects.toMatchObject({ kind: 'locked' });
    expect(await unlockEncryption(b.deps, { passphrase: PASSPHRASE })).toEqual({ ok: true });
    await b.run();
    expect(await b.db.outbox.count()).toBe(0);
    await a.run();
    expect((await a.db.contacts.get(contact.id))?.title).toBe('Queued while it changed');
    expect(JSON.stringify(await storedRows())).not.toContain('Queued while');

    // The server marks the key retired on its own (no sealed proof): B keeps sealing, the server
    // (believing itself plain) refuses the ciphertext, and the change waits in B's outbox: never plain.
    const [envelope] = await keyTransport({ ...a.settings, fetch: a.fetch }).keys();
    await database().updateTable('workspace_keys').set({ envelope: JSON.stringify({ ...envelope, retiredAt: new Date().toISOString() }) }).where('key_id', '=', envelope!.keyId).execute();
    await editContactField(b.db, contact.id, 'title', 'Still secret');
    await expect(b.run()).rejects.toMatchObject({ message: expect.stringMatching(/encryption changed/) });
    expect(await b.db.outbox.count()).toBe(1);
    expect(JSON.stringify(await storedRows())).not.toContain('Still secret');
    expect((await encryptionStatus(b.deps)).ok && (await encryptionStatus(b.deps))).toMatchObject({ status: { mode: 'encrypted', locked: false } });

    // The server drops every key: B sends nothing in plain and says why.
    await database().deleteFrom('workspace_keys').execute();
    await editContactField(b.db, contact.id, 'title', 'Never plain');
    await expect(b.run()).rejects.toMatchObject({ message: expect.stringMatching(/no longer lists the keys/) });
    expect(JSON.stringify(await storedRows())).not.toContain('Never plain');
  });
});
