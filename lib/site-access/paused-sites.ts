import { browser } from 'wxt/browser';

/**
 * Sites (host names) where the user paused detection, in storage.local. The content script reads
 * this too, so it is checked by hand instead of with Zod (which would triple the script's size).
 */
const KEY = 'pausedSites';

function parsePausedSites(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((host): host is string => typeof host === 'string' && host.length <= 253) : [];
}

export function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : null;
  } catch {
    return null;
  }
}

export async function pausedSites(): Promise<string[]> {
  return parsePausedSites((await browser.storage.local.get(KEY))[KEY]);
}

export async function isPaused(host: string): Promise<boolean> {
  return (await pausedSites()).includes(host);
}

export async function setPaused(host: string, paused: boolean): Promise<void> {
  const current = new Set(await pausedSites());
  if (paused) current.add(host);
  else current.delete(host);
  await browser.storage.local.set({ [KEY]: [...current].sort() });
}

/** Calls back with the new pause state of `host` whenever the setting changes. */
export function onPausedChange(host: string, callback: (paused: boolean) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) callback(parsePausedSites(changes[KEY]?.newValue).includes(host));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
