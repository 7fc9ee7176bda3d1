/** What lib/db's activity row says about touches (a structural type: this folder stays free of lib/db). */
export interface TouchFacts {
  lastContactedAt?: number;
  lastTouchedAt?: number;
  recentTouches: readonly number[];
}

/**
 * When the contact was last touched: any logged email, call, meeting, visit or note. Activity rows
 * written before `lastTouchedAt` existed lack it; for them the latest of the last contact and the
 * recent (90-day) touches is the same moment unless a note older than 90 days is the latest touch.
 */
export function lastTouchOf(facts: TouchFacts | undefined): number | undefined {
  if (!facts) return undefined;
  const candidates = [facts.lastTouchedAt, facts.lastContactedAt, facts.recentTouches.at(-1)].filter((at): at is number => at !== undefined);
  return candidates.length > 0 ? Math.max(...candidates) : undefined;
}
