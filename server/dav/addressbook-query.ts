/**
 * The filter of an addressbook-query REPORT (RFC 6352 §8.6, §10.5): prop-filters on vCard
 * properties (FN, EMAIL, TEL and any other the vCard has) with text-match, is-not-defined and
 * anyof/allof. Matched against the vCard the client would receive, so a filter sees what a GET
 * shows. param-filter is not supported: such a query is refused (supported-filter) rather than
 * answered wrongly.
 */
import ICAL from 'ical.js';
import { CARDDAV_NS, type XmlElement } from './xml-request';

type MatchType = 'equals' | 'contains' | 'starts-with' | 'ends-with';

interface TextMatch {
  text: string;
  matchType: MatchType;
  negate: boolean;
  /** i;unicode-casemap (the default) and i;ascii-casemap compare without case; i;octet exactly. */
  caseless: boolean;
}

interface PropFilter {
  name: string;
  allOf: boolean;
  isNotDefined: boolean;
  textMatches: TextMatch[];
}

export interface QueryFilter {
  allOf: boolean;
  props: PropFilter[];
}

/** Why a query cannot be answered: the RFC's precondition to name in the 403. */
export type Unsupported = { unsupported: 'supported-filter' | 'supported-collation' };

const MATCH_TYPES: readonly string[] = ['equals', 'contains', 'starts-with', 'ends-with'];
const COLLATIONS: Record<string, boolean> = { 'i;unicode-casemap': true, 'i;ascii-casemap': true, 'i;octet': false };

const allOfTest = (element: XmlElement) => element.attrs.test === 'allof';

/** The query's `<card:filter>` read, or what about it is unsupported. No filter matches everything. */
export function parseQueryFilter(filter: XmlElement | undefined): QueryFilter | Unsupported {
  if (!filter) return { allOf: false, props: [] };
  const props: PropFilter[] = [];
  for (const child of filter.children) {
    if (child.ns !== CARDDAV_NS || child.name !== 'prop-filter' || !child.attrs.name) return { unsupported: 'supported-filter' };
    const textMatches: TextMatch[] = [];
    let isNotDefined = false;
    for (const part of child.children) {
      if (part.ns === CARDDAV_NS && part.name === 'is-not-defined') isNotDefined = true;
      else if (part.ns === CARDDAV_NS && part.name === 'text-match') {
        const matchType = part.attrs['match-type'] ?? 'contains';
        const caseless = COLLATIONS[part.attrs.collation ?? 'i;unicode-casemap'];
        if (!MATCH_TYPES.includes(matchType)) return { unsupported: 'supported-filter' };
        if (caseless === undefined) return { unsupported: 'supported-collation' };
        textMatches.push({ text: part.text, matchType: matchType as MatchType, negate: part.attrs['negate-condition'] === 'yes', caseless });
      } else return { unsupported: 'supported-filter' };
    }
    props.push({ name: child.attrs.name.toLowerCase(), allOf: allOfTest(child), isNotDefined, textMatches });
  }
  return { allOf: allOfTest(filter), props };
}

function textMatches(value: string, match: TextMatch): boolean {
  const [have, want] = match.caseless ? [value.toLowerCase(), match.text.toLowerCase()] : [value, match.text];
  const hit =
    match.matchType === 'equals' ? have === want : match.matchType === 'starts-with' ? have.startsWith(want) : match.matchType === 'ends-with' ? have.endsWith(want) : have.includes(want);
  return hit !== match.negate;
}

/** Each value of each property by name: components of structured ones, and their whole joined by ";". */
function valuesByName(vcard: string): Map<string, string[][]> {
  const [, properties] = ICAL.parse(vcard) as unknown as [string, Array<[string, unknown, string, ...unknown[]]>];
  const byName = new Map<string, string[][]>();
  for (const [name, , , ...values] of properties) {
    const texts = values.flatMap((value) => (Array.isArray(value) ? [...value.map(String), value.map(String).join(';')] : [String(value)]));
    byName.set(name, [...(byName.get(name) ?? []), texts]);
  }
  return byName;
}

function propMatches(byName: Map<string, string[][]>, filter: PropFilter): boolean {
  const instances = byName.get(filter.name) ?? [];
  if (filter.isNotDefined) return instances.length === 0;
  if (filter.textMatches.length === 0) return instances.length > 0;
  // A text-match holds when one instance of the property has a value that matches it.
  const results = filter.textMatches.map((match) => instances.some((texts) => texts.some((text) => textMatches(text, match))));
  return filter.allOf ? results.every(Boolean) : results.some(Boolean);
}

/** Whether a contact's vCard passes the filter. */
export function matchesQuery(vcard: string, filter: QueryFilter): boolean {
  if (filter.props.length === 0) return true;
  const byName = valuesByName(vcard);
  const results = filter.props.map((prop) => propMatches(byName, prop));
  return filter.allOf ? results.every(Boolean) : results.some(Boolean);
}
