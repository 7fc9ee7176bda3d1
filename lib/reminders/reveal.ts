/**
 * "Show this in the panel": a click on a reminder notification asks the side panel to open a
 * contact (or the Tasks list). What a request says, when it is stale and which panel route it
 * opens; lib/settings/reveal-requests.ts passes it from the background to the panel. Parsed on
 * read: storage is a boundary. Pure.
 */
import { z } from 'zod';

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
