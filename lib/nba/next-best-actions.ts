/**
 * From the facts about each candidate to what the panel shows: every rule that fires, minus the
 * suggestions the user dismissed, most urgent first. Pure; lib/db/queries/nba.ts reads the facts.
 */
import { isDismissed, type Dismissals } from './dismissals';
import { rankSuggestions, suggestionsFor, type NbaCandidate, type NbaSuggestion } from './rules';
import type { NbaSettings } from './settings';

export interface NextBestActions {
  suggestions: NbaSuggestion[];
  /** Suggestions hidden because they were dismissed (and have not come back yet). */
  dismissed: number;
}

export function nextBestActions(candidates: readonly NbaCandidate[], settings: NbaSettings, dismissals: Dismissals, now: number): NextBestActions {
  const all = candidates.flatMap((candidate) => suggestionsFor(candidate, settings, now));
  const shown = all.filter((s) => !isDismissed(dismissals, s.rule, s.contactId, settings.dismissDays, now));
  return { suggestions: rankSuggestions(shown), dismissed: all.length - shown.length };
}
