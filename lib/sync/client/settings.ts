/**
 * This browser's sync settings, in `storage.local` (they belong to the browser profile, and the
 * token must not travel to other devices with `storage.sync`). Parsed on every read; the token is
 * never logged and never part of a backup (lib/io/backup.ts leaves out secrets).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ClientId } from '../shared/protocol';

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

export async function readSyncSettings(): Promise<SyncSettings | undefined> {
  const stored = await browser.storage.local.get(SYNC_SETTINGS_KEY);
  const parsed = SyncSettings.safeParse(stored[SYNC_SETTINGS_KEY]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveSyncSettings(settings: SyncSettings): Promise<void> {
  await browser.storage.local.set({ [SYNC_SETTINGS_KEY]: SyncSettings.parse(settings) });
}

export async function clearSyncSettings(): Promise<void> {
  await browser.storage.local.remove(SYNC_SETTINGS_KEY);
}

/** A new id for this browser: 16 random hex digits after a readable prefix. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `browser-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
