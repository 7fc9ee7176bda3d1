import type { DetectedContactInput } from '../model/detected';

function keysOf(contact: DetectedContactInput): string[] {
  return [
    ...(contact.emails ?? []).map((email) => `email:${email.toLowerCase()}`),
    ...(contact.profiles ?? []).map((profile) => `profile:${profile.url}`),
  ];
}

function mergeTwo(into: DetectedContactInput, from: DetectedContactInput): DetectedContactInput {
  const unique = <T>(items: T[], key: (item: T) => string = String) => [
    ...new Map(items.map((item) => [key(item), item])).values(),
  ];
  return {
    ...from,
    ...into,
    name: into.name ?? from.name,
    emails: unique([...(into.emails ?? []), ...(from.emails ?? [])]),
    phones: unique([...(into.phones ?? []), ...(from.phones ?? [])]),
    profiles: unique([...(into.profiles ?? []), ...(from.profiles ?? [])], (profile) => profile.url),
    evidence: [...(into.evidence ?? []), ...(from.evidence ?? [])].slice(0, 50),
  };
}

/**
 * One person seen by several detectors (or several links) becomes one detection with all its
 * evidence: detections sharing an email or profile URL are merged, first seen first.
 */
export function mergeDetections(detections: DetectedContactInput[]): DetectedContactInput[] {
  const merged: DetectedContactInput[] = [];
  const byKey = new Map<string, number>();
  for (const detection of detections) {
    const keys = keysOf(detection);
    const index = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (index === undefined) {
      merged.push(detection);
      for (const key of keys) byKey.set(key, merged.length - 1);
    } else {
      merged[index] = mergeTwo(merged[index]!, detection);
      for (const key of keysOf(merged[index]!)) byKey.set(key, index);
    }
  }
  return merged;
}
