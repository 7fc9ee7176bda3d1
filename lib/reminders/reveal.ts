/**
 * "Show this in the panel": a click on a reminder notification asks the side panel to open a
 * contact (or the Tasks list). The background cannot navigate the panel itself, so it leaves the
 * request in storage.session, which the panel reads when it opens and watches while it is open.
 * Parsed on read: storage is a boundary.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';

export const REVEAL_KEY = 'panel:reveal';
/** A request older than this is stale: a panel opened later must not jump to it. */
export const REVEAL_FRESH_MS = 30_000;

export const RevealRequest = z.object({
  view: z.enum(['contact', 'tasks']),
  contactId: z.string().regex(/^[\w-]+$/).max(100).optional(),
  at: z.number().int().nonnegative(),
});
export type RevealRequest = z.infer<typeof RevealRequest>;

/** The panel route a request opens: `#contact/<id>` or `#tasks`. */
export function revealHash(request: RevealRequest): string {
  return request.view === 'contact' && request.contactId ? `#contact/${request.contactId}` : '#tasks';
}

export function parseRevealRequest(stored: unknown, now: number): RevealRequest | null {
  const parsed = RevealRequest.safeParse(stored);
  if (!parsed.success || now - parsed.data.at > REVEAL_FRESH_MS) return null;
  return parsed.data;
}

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
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session' || !(REVEAL_KEY in changes)) return;
    const request = parseRevealRequest(changes[REVEAL_KEY]?.newValue, Date.now());
    if (request) callback(request);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
