import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/** Every error reply has one shape, `{error, message}` (see ErrorReply in lib/sync/shared/protocol.ts). */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  message: string,
  extra: { headers?: Record<string, string>; body?: Record<string, string> } = {},
): Response {
  return c.json({ error, message, ...extra.body }, status, extra.headers);
}

/** Names what is wrong and where (`changes.3.table: …`), a few problems at most. */
export function describeIssues(error: ZodError, shown = 5): string {
  const lines = error.issues.slice(0, shown).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = error.issues.length - shown;
  return more > 0 ? `${lines.join('; ')} (and ${more} more)` : lines.join('; ');
}
