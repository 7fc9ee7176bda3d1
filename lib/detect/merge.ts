import type { DetectedContactInput } from '../model/detected';
import { searchWords } from '../model/normalize';

type Detection = DetectedContactInput;

/**
 * Detectors whose sightings count only where no other detector saw the same address: a plain-text
 * address next to a mailto link or inside an h-card adds nothing but noise.
 */
export const FALLBACK_DETECTORS: ReadonlySet<string> = new Set(['text']);

/** The model's bound on each list of one detection (emails, phones, profiles, evidence). */
const MAX_VALUES = 50;

function isFallbackOnly(detection: Detection): boolean {
  const evidence = detection.evidence ?? [];
  return evidence.length > 0 && evidence.every((item) => FALLBACK_DETECTORS.has(item.detector));
}

/** Whether a detection carries anything that identifies a person: an address, a profile URL, a phone number. */
const hasIdentity = (detection: Detection) =>
  !!(detection.emails?.length || detection.profiles?.length || detection.phones?.length);

/**
 * Groups by one kind of identifying value (lower-cased address, profile URL, phone number, name
 * key). One map per kind, keyed by the value itself: a `kind:value` key would be a new string
 * to build and hash for every value of every detection.
 */
type Index = Map<string, number[]>;

function register(index: Index, key: string, group: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [group]);
  else if (list[list.length - 1] !== group) list.push(group);
}

/** Cheap on purpose (this runs for every detection): detectors already collapse spaces. */
const nameKey = (name: string) => name.toLowerCase();

/** "A. Lovelace" and "Ada" both fit "Ada Lovelace": each word of the shorter name, or its initial, is in the longer. */
function namesAgree(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  const [shorter, longer] = [searchWords(a), searchWords(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  return shorter.every((word) =>
    longer.some((other) => other === word || (word.length === 1 && other.startsWith(word)) || (other.length === 1 && word.startsWith(other))),
  );
}

/** Of two agreeing names, the more complete: more words, then more letters; else the first seen. */
function moreComplete(first: string | undefined, second: string | undefined): string | undefined {
  if (!first || !second) return first ?? second;
  const [a, b] = [searchWords(first), searchWords(second)];
  if (b.length !== a.length) return b.length > a.length ? second : first;
  return b.join('').length > a.join('').length ? second : first;
}

/**
 * Whether two detections with the same name are one person although no address, profile or
 * number links them: yes when one has none of those; for a full name (two words or more) also
 * when they do not both have addresses: two addresses under one name may be two people.
 */
function sameNameJoins(detection: Detection, other: Detection, name: string): boolean {
  if (!hasIdentity(other)) return true;
  const bothHaveEmails = (detection.emails ?? []).length > 0 && (other.emails ?? []).length > 0;
  return name.includes(' ') && !bothHaveEmails;
}

function union<T>(first: T[] | undefined, second: T[] | undefined, key: (item: T) => string): T[] {
  const items = new Map<string, T>();
  for (const item of [...(first ?? []), ...(second ?? [])]) {
    const k = key(item);
    if (!items.has(k) && items.size < MAX_VALUES) items.set(k, item);
  }
  return [...items.values()];
}

/** Two detections of one person as one: lists unioned, the first non-empty value of each field. */
function combine(into: Detection, from: Detection): Detection {
  const role = [into.role, from.role].find((candidate) => candidate && candidate !== 'mentioned') ?? into.role ?? from.role;
  const merged: Detection = {};
  // Built without the empty fields rather than deleting them after: `delete` leaves a slow object.
  const put = <K extends keyof Detection>(key: K, value: Detection[K]) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) merged[key] = value;
  };
  put('name', moreComplete(into.name, from.name));
  put('emails', union(into.emails, from.emails, (email) => email.toLowerCase()));
  put('phones', union(into.phones, from.phones, String));
  put('company', into.company || from.company);
  put('title', into.title || from.title);
  put('location', into.location || from.location);
  put('photo', into.photo || from.photo);
  put('profiles', union(into.profiles, from.profiles, (profile) => profile.url));
  put('role', role);
  put('evidence', [...(into.evidence ?? []), ...(from.evidence ?? [])].slice(0, MAX_VALUES));
  return merged;
}

/**
 * One person seen by several detectors (or several links) becomes one detection with all its
 * evidence. Detections sharing an address, profile URL or phone number are merged, unless both
 * carry names that cannot be the same person's ("Ada Lovelace" and "Grace Hopper" sharing
 * info@…); one name on one page is one person too (see sameNameJoins). The
 * more complete name wins; otherwise, first seen first. Text sightings of addresses another
 * detector reported are dropped (FALLBACK_DETECTORS).
 */
export function mergeDetections(detections: Detection[]): Detection[] {
  const count = detections.length;
  const fallback: boolean[] = [];
  const reported = new Set<string>();
  for (let index = 0; index < count; index++) {
    const detection = detections[index]!;
    fallback.push(isFallbackOnly(detection));
    if (!fallback[index] && detection.emails) for (const email of detection.emails) reported.add(email.toLowerCase());
  }

  const groups: Array<Detection | undefined> = [];
  const parent: number[] = [];
  const find = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  const byEmail: Index = new Map();
  const byProfile: Index = new Map();
  const byPhone: Index = new Map();
  const byName: Index = new Map();
  /** Each identifying value of a detection, with the index that holds its kind. */
  const eachValue = (detection: Detection, use: (index: Index, key: string) => void) => {
    for (const email of detection.emails ?? []) use(byEmail, email.toLowerCase());
    for (const profile of detection.profiles ?? []) use(byProfile, profile.url);
    for (const phone of detection.phones ?? []) use(byPhone, phone);
  };
  const candidates: number[] = [];
  const consider = (group: number) => {
    const root = find(group);
    if (!candidates.includes(root)) candidates.push(root);
  };

  for (let index = 0; index < count; index++) {
    const detection = detections[index]!;
    if (fallback[index] && (detection.emails ?? []).some((email) => reported.has(email.toLowerCase()))) continue;
    candidates.length = 0;
    eachValue(detection, (values, key) => values.get(key)?.forEach(consider));
    // A plain-text sighting joins people by its address only: text has no names to trust.
    const name = detection.name && !fallback[index] ? nameKey(detection.name) : '';
    const sameName = name ? byName.get(name) : undefined;
    if (sameName) {
      if (!hasIdentity(detection)) consider(sameName[0]!);
      else for (const group of sameName) if (sameNameJoins(detection, groups[find(group)]!, name)) consider(group);
    }

    let target = -1;
    let merged = detection;
    for (const group of candidates.sort((a, b) => a - b)) {
      if (!namesAgree(merged.name, groups[group]!.name)) continue;
      if (target === -1) {
        target = group;
        merged = combine(groups[group]!, merged);
      } else {
        merged = combine(merged, groups[group]!);
        parent[group] = target;
        groups[group] = undefined;
      }
    }
    if (target === -1) {
      target = groups.length;
      parent.push(target);
      groups.push(detection);
    } else {
      groups[target] = merged;
    }
    eachValue(merged, (values, key) => register(values, key, target));
    if (merged.name) register(byName, merged === detection ? name : nameKey(merged.name), target);
  }
  return joinAuthorAddresses(groups.filter((group): group is Detection => group !== undefined));
}

/**
 * An address on the page that is an author's by name (`erin.cunningham@…`, `mufsons@…` for Steven
 * Mufson, `juli@…` for Juli Clover) is theirs: the nameless sighting joins the author.
 */
function joinAuthorAddresses(groups: Detection[]): Detection[] {
  const authors = groups.filter((group) => group.role === 'author' && group.name);
  if (authors.length === 0) return groups;
  return groups.filter((group) => {
    if (group.name || !group.emails?.length) return true;
    const local = searchWords(group.emails[0]!.split('@')[0]!).join('');
    const author = authors.find(({ name }) => {
      const words = searchWords(name!);
      const last = words[words.length - 1]!;
      return (words.length > 1 && last.length > 2 && local.includes(last)) || (words[0]!.length > 2 && local === words[0]);
    });
    if (author) Object.assign(author, combine(author, group));
    return !author;
  });
}
