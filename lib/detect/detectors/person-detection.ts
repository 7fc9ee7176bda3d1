/**
 * One person as the structured detectors (h-card, schema.org) report them: both vocabularies
 * describe the same person, so they build the same detection.
 */
import type { DetectedContactInput } from '../../model/detected';

/**
 * The detection with every field that was not read (undefined or empty text) left out rather
 * than set to undefined, keeping the order of the fields as written.
 */
export function personDetection(fields: DetectedContactInput): DetectedContactInput {
  // A new object, not `delete` on this one: an object that lost properties turns into a slow
  // dictionary in V8, and merging reads every detection's fields again.
  const given = fields as Record<string, unknown>;
  const person: Record<string, unknown> = {};
  for (const key in given) if (given[key]) person[key] = given[key];
  return person as DetectedContactInput;
}
