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
  const person: Record<string, unknown> = fields;
  for (const key in person) if (!person[key]) delete person[key];
  return fields;
}
