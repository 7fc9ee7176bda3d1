/**
 * Reveal requests travel through storage.session: the background cannot navigate the panel
 * itself, so it leaves the request there, and the panel reads it when it opens and watches it
 * while it is open. What a request is: lib/reminders/reveal.ts.
 */
import { browser } from 'wxt/browser';
import { parseRevealRequest, RevealRequest } from '../reminders/reveal';
import { watchStorageKey } from './storage-key';

export const REVEAL_KEY = 'panel:reveal';

export async function requestReveal(request: RevealRequest): Promise<void> {
  await browser.storage.session.set({ [REVEAL_KEY]: RevealRequest.parse(request) });
}

/** Takes a fresh request (and removes it, so it is followed once). */
export async function takeRevealRequest(now: number = Date.now()): Promise<RevealRequest | null> {
  const stored = await browser.storage.session.get(REVEAL_KEY);
  const request = parseRevealRequest(stored[REVEAL_KEY], now);
  if (stored[REVEAL_KEY] !== undefined) await browser.storage.session.remove(REVEAL_KEY);
  return request;
}

/** Calls back with each new request while the caller listens. */
export function onRevealRequest(callback: (request: RevealRequest) => void): () => void {
  return watchStorageKey('session', REVEAL_KEY, (stored) => {
    const request = parseRevealRequest(stored, Date.now());
    if (request) callback(request);
  });
}
