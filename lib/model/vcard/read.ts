/**
 * One vCard (2.1, 3.0 or 4.0, as lines.ts cleaned it) → the fields of a person: the one reading
 * of vCards, shared by the file importer (lib/io) and the sync server's address book (CardDAV
 * PUT). ical.js parses the card to jCard; this file picks the fields. A card ical.js cannot read
 * is retried property by property, so one bad line costs that line, not the person. The lines
 * the product has no field for are handed back as they were written (`extras`), so an address
 * book that stores them can serve them back unchanged. Pure: no I/O.
 */
import ICAL from 'ical.js';
import { CONTACT_FIELD_LIMITS } from '../contact';
import type { AddressDraft } from '../contact-draft/addresses';
import { cleanUrl, emptyDraft, type ContactDraft } from '../contact-draft/contact-fields';
import { BACKSLASH, type CardText, splitContentLine } from './lines';
import { isCrmCategory } from './write';

/** A jCard property: [name, params, type, ...values]. */
type JCardValue = string | number | boolean | null | JCardValue[];
type JCardProperty = [string, Record<string, unknown>, string, ...JCardValue[]];

const text = (value: JCardValue | undefined): string => {
  if (Array.isArray(value)) return value.map(text).filter((part) => part !== '').join(' ');
  return value === undefined || value === null ? '' : String(value).replaceAll(BACKSLASH, '\\').trim();
};

const component = (value: JCardValue | undefined, index: number): string => (Array.isArray(value) ? text(value[index]) : index === 0 ? text(value) : '');

/** One component of a structured value; a list inside it (3.0 `a,b`) keeps its commas. */
function part(value: JCardValue | undefined, index: number): string {
  const item = Array.isArray(value) ? value[index] : index === 0 ? value : undefined;
  return Array.isArray(item) ? item.map(text).filter(Boolean).join(',') : text(item);
}

/**
 * A single text value whole: ical.js reads 3.0's NOTE, FN and TITLE as lists and splits them at
 * a bare comma, which exports write unescaped (issue 17, item 2); the comma is put back.
 */
const whole = (property: JCardProperty | undefined): string =>
  property === undefined
    ? ''
    : values(property)
        .map((value) => (Array.isArray(value) ? value.map(text).join(',') : value === null || value === undefined ? '' : String(value)))
        .join(',')
        .trim();

function types(property: JCardProperty): string[] {
  const type = property[1].type;
  const list = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return list.flatMap((entry) => String(entry).split(',')).map((entry) => entry.trim().toLowerCase());
}

const values = (property: JCardProperty) => property.slice(3) as JCardValue[];

const isPreferred = (property: JCardProperty) => types(property).includes('pref') || property[1].pref !== undefined;

/** Apple's group labels: `item5.X-ABLabel:_$!<HomePage>!$_` → "HomePage". */
function groupLabels(properties: readonly JCardProperty[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const property of properties) {
    const group = property[1].group;
    if (property[0] === 'x-ablabel' && typeof group === 'string') labels.set(group, text(property[3]).replace(/^_\$!<(.*)>!\$_$/, '$1'));
  }
  return labels;
}

function parseCard(cardText: string): JCardProperty[] {
  const parsed = ICAL.parse(cardText) as unknown;
  const card = (Array.isArray(parsed) && parsed[0] === 'vcard' ? parsed : (parsed as unknown[])[0]) as [string, JCardProperty[]];
  return card[1];
}

/**
 * ical.js rejects a whole card for one malformed property. Then each property is parsed alone
 * (after the VERSION line, which decides 3.0 or 4.0 rules) and the unreadable ones are skipped.
 */
function parseCardLeniently(card: CardText): { properties: JCardProperty[]; skipped: number; error?: string } {
  try {
    return { properties: parseCard(card.text), skipped: 0 };
  } catch (error) {
    const lines = card.text.split('\r\n').slice(1, -1);
    const version = lines.find((line) => /^VERSION:/i.test(line));
    const properties: JCardProperty[] = [];
    let skipped = 0;
    for (const line of lines) {
      if (line === version) continue;
      try {
        properties.push(...parseCard(['BEGIN:VCARD', ...(version ? [version] : []), line, 'END:VCARD'].join('\r\n')).filter((p) => p[0] !== 'version'));
      } catch {
        skipped += 1;
      }
    }
    return { properties, skipped, error: error instanceof Error ? error.message : String(error) };
  }
}

function draftFromCard(line: number, properties: readonly JCardProperty[]): ContactDraft {
  const draft = emptyDraft(line);
  const all = (name: string) => properties.filter((property) => property[0] === name);
  const first = (name: string) => all(name)[0];
  const labels = groupLabels(properties);

  const fn = whole(first('fn'));
  const n = first('n')?.[3];
  // Without FN (allowed in 2.1 and 3.0 exports), the name from N: given, additional, family.
  const fromN = [component(n, 1), component(n, 2), component(n, 0)].filter(Boolean).join(' ');
  if (fn || fromN) draft.name = fn || fromN;

  for (const property of all('email')) draft.emails.push(...values(property).map(text));
  for (const property of all('tel')) draft.phones.push(...values(property).map(text));
  // A contact holds one company and one title: a card's further ORG and TITLE values are kept in
  // its note ("Also organization: …"), never dropped (issue 17: nothing lost in).
  const orgs = all('org').map((property) => component(property[3], 0));
  if (orgs[0] !== undefined) draft.company = orgs[0];
  const titles = all('title').map(whole).filter(Boolean);
  if (titles[0]) draft.title = titles[0];
  const alsoHeld = [
    ...orgs.slice(1).filter(Boolean).map((org) => `Also organization: ${org}`),
    ...titles.slice(1).map((title) => `Also title: ${title}`),
  ];

  // Every address, with its parts; addresses.ts picks the one the location shows.
  for (const property of all('adr')) {
    const value = property[3];
    const address: AddressDraft = {
      types: types(property).filter((type) => type !== 'pref'),
      pref: isPreferred(property),
      parts: {
        poBox: part(value, 0),
        extended: part(value, 1),
        street: part(value, 2),
        locality: part(value, 3),
        region: part(value, 4),
        postalCode: part(value, 5),
        country: part(value, 6),
      },
    };
    draft.addresses.push(address);
  }

  for (const property of all('url')) {
    const group = property[1].group;
    const label = (typeof group === 'string' ? labels.get(group) : undefined) ?? types(property).find((type) => !['pref', 'work', 'home', 'internet'].includes(type));
    for (const value of values(property)) draft.urls.push({ url: text(value), ...(label ? { label } : {}) });
  }
  // Categories the address book serves read-only (`CRM stage: customer`) are not the person's tags.
  for (const property of all('categories')) draft.tags.push(...values(property).map(text).filter((tag) => !isCrmCategory(tag)));
  const notes = all('note')
    .map(whole)
    .filter(Boolean);
  if (alsoHeld.length > 0) notes.push(alsoHeld.join('\n'));
  if (notes.length > 0) draft.note = notes.join('\n\n');
  const photo = first('photo')?.[3];
  if (photo !== undefined) draft.photo = text(photo);
  return draft;
}

export interface ReadCard {
  draft: ContactDraft;
  /** Properties ical.js could not read, skipped. */
  skipped: number;
  /** Why ical.js refused the card as a whole, when it did. */
  error?: string;
  /**
   * The card's content lines (unfolded, as written) that no field holds: X- properties, NOTE,
   * BDAY, a second ORG or TITLE, non-http(s) links and further photos… The card's own VERSION,
   * UID and our read-only X-SIDEBAR-CRM- lines are never among them. None for vCard 2.1, whose
   * syntax differs (a 3.0 or 4.0 address book never sends it).
   */
  extras: string[];
  /** The card's UID line as written, when it has one, and its value. */
  uidLine?: string;
  uid?: string;
}

/** Properties the fields hold whole, or that are the card's frame. */
const HELD = new Set(['BEGIN', 'END', 'VERSION', 'UID', 'FN', 'N', 'EMAIL', 'TEL', 'CATEGORIES']);
/** Properties the fields hold once: a second one is kept as written. */
const HELD_ONCE = new Set(['ORG', 'TITLE']);
/** Our own read-only properties (X-SIDEBAR-CRM-TIER and the like): served, never taken back. */
export const OWN_PROPERTY_PREFIX = 'X-SIDEBAR-CRM-';

/** The name of a content line, without its group (`item1.URL` → `URL`), upper-cased. */
export function propertyName(line: string): string {
  const head = splitContentLine(line)?.head ?? '';
  return (head.split(';')[0] ?? '').replace(/^.*\./, '').toUpperCase();
}

const valueOf = (line: string) => splitContentLine(line)?.value ?? '';

/** Which raw lines no field holds (see ReadCard.extras). */
function extraLines(raw: readonly string[]): string[] {
  const extras: string[] = [];
  const seen = new Map<string, number>();
  let photoHeld = false;
  for (const line of raw) {
    const name = propertyName(line);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (HELD.has(name) || name.startsWith(OWN_PROPERTY_PREFIX)) continue;
    if (HELD_ONCE.has(name) && count === 1) continue;
    if (name === 'ADR' && count <= CONTACT_FIELD_LIMITS.addresses) continue;
    if (name === 'URL' && cleanUrl(valueOf(line)) !== undefined) continue;
    // The first photo given by an http(s) link is the avatar; embedded and further ones are kept.
    if (name === 'PHOTO' && !photoHeld && /^https?:\/\//i.test(valueOf(line).trim())) {
      photoHeld = true;
      continue;
    }
    extras.push(line);
  }
  return extras;
}

/** One card → its person's fields (a draft for finishDraft), what it could not read, and its extras. */
export function readCard(card: CardText): ReadCard {
  const { properties, skipped, error } = parseCardLeniently(card);
  const uidLine = card.raw.find((line) => propertyName(line) === 'UID');
  const uid = uidLine === undefined ? undefined : valueOf(uidLine).trim() || undefined;
  return {
    draft: draftFromCard(card.line, properties),
    skipped,
    ...(error === undefined ? {} : { error }),
    extras: card.version21 ? [] : extraLines(card.raw),
    ...(uid === undefined || uidLine === undefined ? {} : { uid, uidLine }),
  };
}
