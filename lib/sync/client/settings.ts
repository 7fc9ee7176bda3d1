/**
 * This browser's sync settings, token included, in the extension's IndexedDB (`meta`), where
 * only extension pages and the service worker reach them: a content script runs in the host
 * page's origin, whose IndexedDB is the page's own, while `storage.local` is open to content
 * scripts. Not `storage.sync` either: the token must not travel to other devices. Parsed on every
 * read; the token is never logged, and `sync:` rows are never part of a backup or export.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { crmDatabase, type CrmDatabase } from '../../db';
import { ClientId } from '../shared/protocol';

/** The meta row's key; also the `storage.local` key older versions kept the settings under. */
export const SYNC_SETTINGS_KEY = 'sync:settings';

/** Hosts on this machine: the only ones a token may go to over plain http. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** https, or http to this machine only: a token sent over plain http can be read on the way. */
export function isSafeServerUrl(address: string): boolean {
  const url = new URL(address);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname));
}

export const SyncSettings = z.object({
  serverUrl: z
    .url({ protocol: /^https?$/, error: 'Enter the server’s address, starting with https:// (or http:// on your own machine).' })
    .max(2048)
    .refine(
      isSafeServerUrl,
      'Use an https:// address. Plain http:// is allowed only for a server on this machine (localhost, 127.0.0.1, [::1]): over a network, anyone on the way could read your token.',
    ),
  token: z.string().trim().min(1, 'Paste the token the server gave you.').max(500),
  workspace: z.string().min(1, 'Pick a workspace.').max(64),
  /** This browser's id for the server's dedupe of retried pushes. */
  clientId: ClientId,
});
export type SyncSettings = z.infer<typeof SyncSettings>;

export async function readSyncSettings(db: CrmDatabase = crmDatabase()): Promise<SyncSettings | undefined> {
  const row = await db.meta.get(SYNC_SETTINGS_KEY);
  const stored = row?.value ?? (await takeLegacySettings(db));
  const parsed = SyncSettings.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

export async function saveSyncSettings(settings: SyncSettings, db: CrmDatabase = crmDatabase()): Promise<void> {
  await db.meta.put({ key: SYNC_SETTINGS_KEY, value: SyncSettings.parse(settings) });
}

export async function clearSyncSettings(db: CrmDatabase = crmDatabase()): Promise<void> {
  await db.meta.delete(SYNC_SETTINGS_KEY);
  await browser.storage.local.remove(SYNC_SETTINGS_KEY);
}

/**
 * Moves settings an older version kept in `storage.local` into IndexedDB, and removes them from
 * `storage.local` whatever they hold: a token must not stay where content scripts can read it.
 */
async function takeLegacySettings(db: CrmDatabase): Promise<unknown> {
  const legacy = (await browser.storage.local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY];
  if (legacy === undefined) return undefined;
  const parsed = SyncSettings.safeParse(legacy);
  if (parsed.success) await db.meta.put({ key: SYNC_SETTINGS_KEY, value: parsed.data });
  await browser.storage.local.remove(SYNC_SETTINGS_KEY);
  return legacy;
}

/** A new id for this browser: 16 random hex digits after a readable prefix. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `browser-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
