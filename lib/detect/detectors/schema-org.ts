import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import type { PageScan } from '../scan';
import { imageSource, selectAll } from '../dom';
import { isInsideCode } from '../rules';
import { describeElement } from '../evidence';
import { cleanName, cleanPhone } from '../field-values';
import { authorNames } from './author';
import { personDetection } from './person-detection';
import { contactRole, forgetPlacements } from './placement';
import { distinct, distinctProfiles, elementsWithTag, emailFromValue, pageBase, photoUrl, profileLink, shortText, textOf } from './markup';

/**
 * Bounds for hostile pages: JSON-LD blocks read (broken ones do not count: they cost their
 * characters only), characters per block and per page, JSON values visited per block and per
 * page, items read.
 */
const MAX_SCRIPTS = 50;
const MAX_SCRIPT_CHARS = 1_000_000;
const MAX_PAGE_JSON_CHARS = 5_000_000;
const MAX_JSON_VALUES = 20_000;
const MAX_PAGE_JSON_VALUES = 100_000;
const MAX_JSON_DEPTH = 64;
const MAX_ITEMS = 500;
const MAX_ELEMENTS_PER_ITEM = 3_000;
const MAX_NESTED_ITEM_DEPTH = 3;

/** A schema.org node as JSON-LD gives it; microdata items are read into the same shape. */
type SchemaNode = { [key: string]: unknown };
type Role = NonNullable<DetectedContactInput['role']>;

/** Where a person was found: under which property of which node (`sender` of an EmailMessage). */
interface Placement {
  parent: SchemaNode;
  property: string;
}

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `schema:Person`, `http://schema.org/Person`, `Person` → `Person`. */
const localName = (term: string) => term.slice(Math.max(term.lastIndexOf('/'), term.lastIndexOf('#'), term.lastIndexOf(':')) + 1);

function typesOf(node: SchemaNode): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((value): value is string => typeof value === 'string').map(localName);
}

const isPerson = (node: SchemaNode) => typesOf(node).includes('Person');
/**
 * `["Person", "Organization"]`, `["Person", "NewsMediaOrganization"]`: how sites type their own
 * brand to satisfy search engines. No person.
 */
const BRAND_TYPE = /Organi[sz]ation$|^(?:Corporation|LocalBusiness|Brand)$/;

const SPELLINGS = new Map<string, string[]>();

/** A property's values, whichever way the page spells the key, as a flat list. */
function valuesOf(node: SchemaNode, property: string): unknown[] {
  // The spellings are built once per property: building them per lookup was most of the cost.
  let keys = SPELLINGS.get(property);
  if (!keys) SPELLINGS.set(property, (keys = [`schema:${property}`, `http://schema.org/${property}`, `https://schema.org/${property}`]));
  const value = node[property] ?? node[keys[0]!] ?? node[keys[1]!] ?? node[keys[2]!];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).slice(0, 50);
}

class Graph {
  /** Nodes by `@id`, so `{"@id": "#org"}` references read as the node they point to. */
  readonly byId = new Map<string, SchemaNode>();
  /** Where each node (or `@id`) was met: the property and node it is the value of. */
  readonly placements = new Map<SchemaNode | string, Placement>();

  resolve(value: unknown): unknown {
    if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return this.byId.get(value['@id']) ?? value;
    }
    return value;
  }

  /** Strings of a property: plain strings and numbers, `{"@value": …}`, or a node's name. */
  strings(node: SchemaNode, property: string): string[] {
    // A loop, not flatMap: this runs some fifteen times per person.
    const found: string[] = [];
    for (const raw of valuesOf(node, property)) {
      const value = this.resolve(raw);
      if (typeof value === 'string' || typeof value === 'number') found.push(String(value));
      else if (isNode(value)) {
        const literal = value['@value'];
        const name = typeof literal === 'string' || typeof literal === 'number' ? String(literal) : valuesOf(value, 'name').find((item) => typeof item === 'string');
        if (name !== undefined) found.push(name as string);
      }
    }
    return found;
  }

  nodes(node: SchemaNode, property: string): SchemaNode[] {
    return valuesOf(node, property).map((value) => this.resolve(value)).filter(isNode);
  }

  placementOf(node: SchemaNode): Placement | undefined {
    const id = node['@id'];
    return this.placements.get(node) ?? (typeof id === 'string' ? this.placements.get(id) : undefined);
  }
}

const ROLE_BY_PROPERTY: Readonly<Record<string, Role>> = {
  sender: 'from',
  toRecipient: 'to',
  recipient: 'to',
  ccRecipient: 'cc',
};
/** Properties only organisations have: the person under one works there. */
const EMPLOYER_PROPERTIES = new Set(['employee', 'employees', 'founder', 'founders']);

function roleOf(placement: Placement | undefined): Role | undefined {
  if (!placement) return undefined;
  const parentTypes = typesOf(placement.parent);
  const property = localName(placement.property);
  if (parentTypes.some((type) => type.endsWith('Message'))) return ROLE_BY_PROPERTY[property];
  if (parentTypes.includes('ProfilePage') && (property === 'mainEntity' || property === 'about')) return 'subject';
  // The person an organisation's or page's `contactPoint` names is the page's contact.
  if (property === 'contactPoint') return 'contact';
  // The author of the page's Article / BlogPosting (not a comment's, a review's or a book's).
  if ((property === 'author' || property === 'creator') && parentTypes.some((type) => /Article|Posting|Report|WebPage/.test(type))) return 'author';
  return undefined;
}

function locationOf(graph: Graph, node: SchemaNode): string | undefined {
  for (const raw of valuesOf(node, 'address')) {
    const address = graph.resolve(raw);
    if (typeof address === 'string') return shortText(address);
    if (!isNode(address)) continue;
    const parts = ['addressLocality', 'addressRegion', 'addressCountry'].map((property) => shortText(graph.strings(address, property)[0], 100));
    const location = parts.filter(Boolean).join(', ');
    if (location) return shortText(location);
  }
  return undefined;
}

function photoOf(graph: Graph, node: SchemaNode, base: URL): string | undefined {
  for (const raw of valuesOf(node, 'image')) {
    const image = graph.resolve(raw);
    const candidates = typeof image === 'string' ? [image] : isNode(image) ? [...graph.strings(image, 'url'), ...graph.strings(image, 'contentUrl')] : [];
    for (const candidate of candidates) {
      const url = photoUrl(candidate, base);
      if (url) return url;
    }
  }
  return undefined;
}

function companyOf(graph: Graph, node: SchemaNode, placement: Placement | undefined): string | undefined {
  const direct = [...graph.strings(node, 'worksFor'), ...graph.strings(node, 'affiliation')][0];
  if (direct) return shortText(direct);
  if (placement && EMPLOYER_PROPERTIES.has(localName(placement.property))) {
    return shortText(graph.strings(placement.parent, 'name')[0]);
  }
  return undefined;
}

/** One schema.org Person node as a detection, or undefined when it says nothing identifying. */
function personFrom(graph: Graph, node: SchemaNode, base: URL, page: URL, element: Element): DetectedContactInput | undefined {
  if (typesOf(node).some((type) => BRAND_TYPE.test(type))) return undefined;
  const placement = graph.placementOf(node);
  const name =
    cleanName(graph.strings(node, 'name')[0]) ??
    cleanName(['givenName', 'additionalName', 'familyName'].map((property) => graph.strings(node, property)[0] ?? '').join(' '));
  const contactPoints = graph.nodes(node, 'contactPoint');
  const emails = distinct(
    [node, ...contactPoints].flatMap((source) => graph.strings(source, 'email')).map((value) => emailFromValue(value)),
  );
  const phones = distinct([node, ...contactPoints].flatMap((source) => graph.strings(source, 'telephone')).map((value) => cleanPhone(value)));
  const profiles = distinctProfiles(
    [...graph.strings(node, 'url'), ...graph.strings(node, 'sameAs')].map((value) => profileLink(value, base, page)),
  );
  if (!name && emails.length === 0 && phones.length === 0 && profiles.length === 0) return undefined;
  const company = companyOf(graph, node, placement);
  const title = shortText(graph.strings(node, 'jobTitle')[0]);
  const location = locationOf(graph, node);
  const photo = photoOf(graph, node, base);
  // Microdata sits in the page: where it sits says whether it is the page's contact or a comment's.
  const role = roleOf(placement) ?? (name && element.tagName.toUpperCase() !== 'SCRIPT' ? contactRole(element) : undefined);
  const evidence = [{ detector: 'schema-org', element: describeElement(element) }];
  return personDetection({ name, emails, phones, company, title, location, photo, profiles, role, evidence });
}

/** JSON-LD as pages really ship it: wrapped in HTML comments or CDATA, with raw newlines. */
function parseJsonLd(text: string): unknown {
  const body = text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)\s*/, '')
    .replace(/\s*(?:-->|\/\/\s*\]\]>|\]\]>)$/, '');
  try {
    return JSON.parse(body);
  } catch {
    try {
      // Raw control characters (newlines inside strings): invalid JSON that pages ship anyway.
      // eslint-disable-next-line no-control-regex
      return JSON.parse(body.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

/** Every node of the page's JSON-LD, placed and indexed by `@id`, within the bounds. */
function readJsonLd(
  root: ParentNode,
  scan: PageScan | undefined,
): { graph: Graph; persons: Array<{ node: SchemaNode; script: Element }>; authors: Array<[string, Element]> } {
  const graph = new Graph();
  const persons: Array<{ node: SchemaNode; script: Element }> = [];
  /** `"author": "Ada Lovelace"`: a name given as plain text. */
  const authors: Array<[string, Element]> = [];
  const scripts = elementsWithTag(root, 'script').filter((script) => /ld\+json/i.test(script.getAttribute('type') ?? ''));
  let visited = 0;
  let chars = 0;
  let blocks = 0;
  let looked = 0;
  for (const script of scripts) {
    if (blocks >= MAX_SCRIPTS || chars > MAX_PAGE_JSON_CHARS || visited >= MAX_PAGE_JSON_VALUES) break;
    looked++;
    const text = script.textContent ?? '';
    if (text.length > MAX_SCRIPT_CHARS) continue;
    chars += text.length;
    const data = parseJsonLd(text);
    if (data === undefined) continue;
    blocks++;
    const stop = Math.min(visited + MAX_JSON_VALUES, MAX_PAGE_JSON_VALUES);
    const stack: Array<{ value: unknown; placement?: Placement; depth: number }> = [{ value: data, depth: 0 }];
    while (stack.length > 0 && visited++ < stop) {
      const { value, placement, depth } = stack.pop()!;
      if (depth > MAX_JSON_DEPTH) continue;
      if (Array.isArray(value)) {
        for (let index = Math.min(value.length, MAX_JSON_VALUES) - 1; index >= 0; index--) stack.push({ value: value[index], placement, depth: depth + 1 });
        continue;
      }
      if (typeof value === 'string' && roleOf(placement) === 'author') authors.push([value, script]);
      if (!isNode(value)) continue;
      const id = typeof value['@id'] === 'string' ? value['@id'] : undefined;
      const isReference = id !== undefined && Object.keys(value).length === 1;
      if (placement) {
        if (!isReference) graph.placements.set(value, placement);
        if (id !== undefined && !graph.placements.has(id)) graph.placements.set(id, placement);
      }
      if (isReference) continue;
      if (id !== undefined) graph.byId.set(id, { ...value, ...graph.byId.get(id) });
      if (isPerson(value)) persons.push({ node: value, script });
      const entries = Object.entries(value).filter(([key]) => key !== '@context');
      for (let index = entries.length - 1; index >= 0; index--) {
        const [property, child] = entries[index]!;
        // `@graph` only holds nodes; what they are to each other is said by references.
        stack.push({ value: child, placement: property === '@graph' ? undefined : { parent: value, property }, depth: depth + 1 });
      }
    }
  }
  if (looked < scripts.length) scan?.limit('json-ld', looked, scripts.length);
  return { graph, persons, authors };
}

/** A node described in several places (`@id`) is one node: its parts merged. */
function mergedPersons(graph: Graph, persons: Array<{ node: SchemaNode; script: Element }>) {
  const seen = new Set<string>();
  return persons.flatMap(({ node, script }) => {
    const id = typeof node['@id'] === 'string' ? node['@id'] : undefined;
    if (id === undefined) return [{ node, script }];
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ node: graph.byId.get(id) ?? node, script }];
  });
}

const MICRODATA_PERSON = /^https?:\/\/(?:www\.)?(?:schema|data-vocabulary)\.org\/Person$/i;
const MICRODATA_SOURCE: Readonly<Record<string, string>> = {
  AUDIO: 'src', EMBED: 'src', IFRAME: 'src', IMG: 'src', SOURCE: 'src', TRACK: 'src', VIDEO: 'src',
  A: 'href', AREA: 'href', LINK: 'href', OBJECT: 'data', DATA: 'value', METER: 'value',
};

/** An element's microdata value (HTML "microdata" section, "values"): an attribute or its text. */
function itemValue(element: Element): string {
  const tag = element.tagName.toUpperCase();
  if (tag === 'META') return element.getAttribute('content') ?? '';
  if (tag === 'IMG') return imageSource(element) ?? '';
  if (tag === 'TIME' && element.hasAttribute('datetime')) return element.getAttribute('datetime')!;
  const attribute = MICRODATA_SOURCE[tag];
  if (attribute) return element.getAttribute(attribute) ?? '';
  return textOf(element);
}

/** A microdata item read into the JSON-LD shape: `{ '@type': […], name: […], worksFor: [{…}] }`. */
function microdataItem(item: Element, depth: number): SchemaNode {
  const node: SchemaNode = { '@type': (item.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean) };
  const stack: Element[] = [];
  const pushChildren = (element: Element) => {
    for (let index = Math.min(element.children.length, MAX_ELEMENTS_PER_ITEM) - 1; index >= 0; index--) stack.push(element.children[index]!);
  };
  pushChildren(item);
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_ELEMENTS_PER_ITEM) {
    const element = stack.pop()!;
    const scoped = element.hasAttribute('itemscope');
    const properties = (element.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean).map(localName);
    if (properties.length > 0) {
      const value = scoped ? (depth < MAX_NESTED_ITEM_DEPTH ? microdataItem(element, depth + 1) : textOf(element)) : itemValue(element);
      for (const property of properties) {
        const values = node[property] as unknown[] | undefined;
        if (values) values.push(value);
        else node[property] = [value];
      }
    }
    if (!scoped) pushChildren(element);
  }
  return node;
}

function microdataPersons(root: ParentNode): Element[] {
  let items: Element[];
  try {
    // One simple selector, the rest checked after: a selector list costs the engine a slower path.
    items = selectAll(root, '[itemtype*="/Person" i]');
  } catch {
    items = selectAll(root, '[itemtype]');
  }
  return items.filter(
    (item) => item.hasAttribute('itemscope') && (item.getAttribute('itemtype') ?? '').split(/\s+/).some((type) => MICRODATA_PERSON.test(type)),
  );
}

/** The item a microdata person is a property of (`sender` of an EmailMessage, `employee` of an Organization). */
function microdataPlacement(item: Element): Placement | undefined {
  const property = (item.getAttribute('itemprop') ?? '').split(/\s+/).filter(Boolean).map(localName)[0];
  if (!property) return undefined; // most persons are no item's property: no ancestor lookup then
  const parent = item.parentElement?.closest('[itemscope]');
  if (!parent) return undefined;
  const parentTypes: SchemaNode = { '@type': (parent.getAttribute('itemtype') ?? '').split(/\s+/).filter(Boolean) };
  // Only an employer's name is needed, and reading a whole parent item costs: read it then only.
  return { parent: EMPLOYER_PROPERTIES.has(property) ? microdataItem(parent, MAX_NESTED_ITEM_DEPTH) : parentTypes, property };
}

/**
 * schema.org Person in JSON-LD (`@graph`, arrays, `@id` references, nested `worksFor` /
 * `affiliation`, `sameAs`, `contactPoint`; the `author` of an article, a Person or plain text) and in microdata (`itemscope itemtype=…/Person`, with
 * `itemprop` on meta, link, a, img, span…). Plain HTML without the markup is not read here.
 * Test URLs: news articles (JSON-LD `author`), https://schema.org/Person (examples).
 */
export const schemaOrgDetector: Detector = {
  name: 'schema-org',
  matches: () => true,
  detect(root, url, scan) {
    if (!scan) forgetPlacements(); // run on its own: nothing learnt from an earlier scan holds
    const found: DetectedContactInput[] = [];
    const { graph, persons, authors } = readJsonLd(root, scan);
    for (const [text, script] of authors.slice(0, MAX_ITEMS)) {
      for (const name of authorNames(text)) found.push({ name, role: 'author', evidence: [{ detector: 'schema-org', element: describeElement(script) }] });
    }
    const allItems = microdataPersons(root);
    if (persons.length === 0 && allItems.length === 0) return found;
    const base = scan ? scan.shared('base', () => pageBase(root, url)) : pageBase(root, url);
    const nodes = mergedPersons(graph, persons);
    const items = allItems.slice(0, MAX_ITEMS);
    for (const { node, script } of nodes.slice(0, MAX_ITEMS)) {
      const person = personFrom(graph, node, base, url, script);
      if (person) found.push(person);
    }
    const microdata = new Graph();
    for (const item of items) {
      if (isInsideCode(item)) continue;
      const node = microdataItem(item, 0);
      const placement = microdataPlacement(item);
      if (placement) microdata.placements.set(node, placement);
      const person = personFrom(microdata, node, base, url, item);
      if (person) found.push(person);
    }
    const total = nodes.length + allItems.length;
    const read = Math.min(nodes.length, MAX_ITEMS) + items.length;
    if (read < total) scan?.limit('items', read, total);
    return found;
  },
};
