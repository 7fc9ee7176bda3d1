import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { hcardDetector } from '@/lib/detect/detectors/hcard';
import { relMeDetector } from '@/lib/detect/detectors/rel-me';
import type { DetectedContactInput } from '@/lib/model/detected';
import { canonicalProfileUrl, normalizePhone } from '@/lib/model/normalize';
import { requireSharedSet } from '../../shared-data';

/*
 * The microformats test suite (h-card, classic hCard, mixed): for every case, the people the
 * h-card detector finds against the h-card items of the canonical mf2 parse, property by
 * property. Which items are people: every h-card item, top-level or nested (a child item, or a
 * property value like `agent`), except organisations (`h-org`, an `org` value, or name = org)
 * and items that say nothing identifying (no name, email, tel or url) — the detector reports
 * neither. The detector runs alone here: detect() would merge the five "Jane Doe" cards of one
 * case (same url) into one person, which is right for the product but not a per-item comparison.
 */

const suite = requireSharedSet('conformance', 'microformats');
const FOLDERS = ['microformats-v2/h-card', 'microformats-v1/hcard', 'microformats-mixed/h-card'];
const PROPERTIES = ['name', 'email', 'tel', 'org', 'title', 'url', 'photo'] as const;
type Property = (typeof PROPERTIES)[number];
/** What the issue asks to match; photo is measured too, and held to the same floor. */
const FLOOR: Record<Property | 'people', number> = { people: 1, name: 1, email: 1, tel: 1, org: 1, title: 1, url: 1, photo: 1 };

/**
 * The suite's pages use reserved example domains (RFC 2606), which the product rejects by design
 * (lib/detect/rules.ts): both the page and the expected parse move to an ordinary domain.
 */
const unreserve = (text: string) => text.replace(/\bexample\.(com|org|net)\b/g, 'sample-site.$1');

interface Mf2Item {
  type: string[];
  properties: Record<string, unknown[]>;
  children?: Mf2Item[];
  value?: unknown;
}

const isItem = (value: unknown): value is Mf2Item => typeof value === 'object' && value !== null && 'type' in value && 'properties' in value;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return collapse(value);
  if (isItem(value)) return typeof value.value === 'string' ? collapse(value.value) : text(value.properties.name?.[0]);
  if (typeof value === 'object' && value !== null && 'value' in value) return text((value as { value: unknown }).value);
  return undefined;
}

/** Comparable values: a sorted set for lists, the first value for single fields. */
type Values = Record<Property, string>;

function addressOf(value: string): string {
  // mf2 resolves an address written as text like a URL (http://host/john@host): the part after the last "/".
  const bare = value.replace(/^mailto:/i, '').split('?')[0]!;
  return bare.slice(bare.lastIndexOf('/') + 1).toLowerCase();
}

function expectedValues(item: Mf2Item): Values {
  const all = (name: string) => (item.properties[name] ?? []).map(text).filter((value): value is string => !!value);
  const set = (values: string[]) => [...new Set(values)].sort().join(' | ');
  return {
    name: all('name')[0] ?? '',
    email: set(all('email').map(addressOf)),
    tel: set(all('tel').map((tel) => normalizePhone(tel.replace(/^tel:/i, '')))),
    org: all('org')[0] ?? '',
    title: all('job-title')[0] ?? '',
    url: set(all('url').map((url) => canonicalProfileUrl(url) ?? url)),
    photo: all('photo')[0] ?? '',
  };
}

function foundValues(person: DetectedContactInput): Values {
  const set = (values: string[]) => [...new Set(values)].sort().join(' | ');
  return {
    name: person.name ?? '',
    email: set(person.emails ?? []),
    tel: set(person.phones ?? []),
    org: person.company ?? '',
    title: person.title ?? '',
    url: set((person.profiles ?? []).map((profile) => profile.url)),
    photo: person.photo ?? '',
  };
}

/** The h-card items that are people, in document order (an item before the items inside it). */
function expectedPeople(items: Mf2Item[]): Values[] {
  const people: Values[] = [];
  const visit = (item: Mf2Item, asProperty?: string) => {
    const values = expectedValues(item);
    const organisation = item.type.includes('h-org') || asProperty === 'org' || (!!values.name && values.name === values.org);
    const identifying = values.name || values.email || values.tel || values.url;
    if (item.type.includes('h-card') && !organisation && identifying) people.push(values);
    for (const [property, values] of Object.entries(item.properties)) {
      for (const value of values) if (isItem(value)) visit(value, property);
    }
    for (const child of item.children ?? []) visit(child);
  };
  items.forEach((item) => visit(item));
  return people;
}

interface CaseResult {
  name: string;
  expected: Values[];
  found: Values[];
}

function runCase(folder: string, file: string): CaseResult {
  const html = unreserve(readFileSync(join(suite!, folder, file), 'utf8'));
  const parse = JSON.parse(unreserve(readFileSync(join(suite!, folder, file.replace(/\.html$/, '.json')), 'utf8'))) as { items: Mf2Item[] };
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  const found = hcardDetector.detect(document, new URL('http://sample-site.com/')).map(foundValues);
  return { name: `${folder}/${file}`, expected: expectedPeople(parse.items), found };
}

/** Pairs each expected person with the unmatched found one agreeing on most properties (name first). */
function score(results: CaseResult[]) {
  const totals = Object.fromEntries([...PROPERTIES, 'people'].map((property) => [property, { passed: 0, total: 0 }])) as Record<
    Property | 'people',
    { passed: number; total: number }
  >;
  const failures: string[] = [];
  for (const result of results) {
    const unmatched = [...result.found];
    for (const expected of result.expected) {
      const agreement = (found: Values) => PROPERTIES.reduce((sum, property) => sum + (found[property] === expected[property] ? (property === 'name' ? 2 : 1) : 0), 0);
      const best = unmatched.reduce<Values | undefined>((chosen, candidate) => (!chosen || agreement(candidate) > agreement(chosen) ? candidate : chosen), undefined);
      totals.people.total++;
      if (best) {
        totals.people.passed++;
        unmatched.splice(unmatched.indexOf(best), 1);
      } else {
        failures.push(`${result.name}: missing ${JSON.stringify(expected)}`);
      }
      for (const property of PROPERTIES) {
        const found = best?.[property] ?? '';
        if (!expected[property] && !found) continue;
        totals[property].total++;
        if (found === expected[property]) totals[property].passed++;
        else failures.push(`${result.name}: ${property} ${JSON.stringify(found)} ≠ expected ${JSON.stringify(expected[property])}`);
      }
    }
    for (const extra of unmatched) {
      totals.people.total++;
      failures.push(`${result.name}: extra person ${JSON.stringify(extra)}`);
    }
  }
  return { totals, failures };
}

describe.skipIf(!suite)('microformats test suite (h-card, hCard, mixed)', () => {
  const cases = suite
    ? FOLDERS.flatMap((folder) =>
        readdirSync(join(suite, folder))
          .filter((file) => file.endsWith('.html'))
          .sort()
          .map((file) => [folder, file] as const),
      )
    : [];

  it('has the cases it is meant to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it('finds the same people with the same name, email, tel, org, title, url and photo', () => {
    const { totals, failures } = score(cases.map(([folder, file]) => runCase(folder, file)));
    const rates = Object.fromEntries(
      Object.entries(totals).map(([property, { passed, total }]) => [property, `${passed}/${total} (${((100 * passed) / Math.max(total, 1)).toFixed(1)}%)`]),
    );
    console.info('microformats h-card conformance per property:', rates);
    if (failures.length > 0) console.info('microformats mismatches:\n' + failures.join('\n'));
    if (process.env.DUMP_MF) for (const [folder, file] of cases) console.info(JSON.stringify(runCase(folder, file)));
    for (const [property, { passed, total }] of Object.entries(totals)) {
      expect(passed / Math.max(total, 1), property).toBeGreaterThanOrEqual(FLOOR[property as Property | 'people']);
    }
  });

  it('never throws in the full detect() on any case, and reports only valid-looking people', () => {
    for (const [folder, file] of cases) {
      const html = readFileSync(join(suite!, folder, file), 'utf8');
      const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
      const { contacts } = detect(document, 'http://example.com/');
      // Left on their reserved domain, the suite's example addresses must not be reported.
      const emails = contacts.flatMap((contact) => contact.emails ?? []);
      expect(emails.filter((email) => /@(?:[\w-]+\.)*example\.(?:com|org|net)$/.test(email)), file).toEqual([]);
    }
  });
});

describe.skipIf(!suite)('microformats test suite (rel=me)', () => {
  const folder = 'microformats-v2/rel';
  const cases = suite ? readdirSync(join(suite, folder)).filter((file) => file.endsWith('.html')).sort() : [];

  it.each(cases)('%s: the rel=me person has exactly the rel=me URLs of the parse', (file) => {
    const html = unreserve(readFileSync(join(suite!, folder, file), 'utf8'));
    const parse = JSON.parse(unreserve(readFileSync(join(suite!, folder, file.replace(/\.html$/, '.json')), 'utf8'))) as { rels: Record<string, string[]> };
    const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
    const found = relMeDetector.detect(document, new URL('http://sample-site.com/'));
    const expected = (parse.rels.me ?? []).map((url) => canonicalProfileUrl(url)).sort();
    expect(found.flatMap((person) => (person.profiles ?? []).map((profile) => profile.url)).sort()).toEqual(expected);
    expect(found.every((person) => person.role === 'subject')).toBe(true);
  });
});
