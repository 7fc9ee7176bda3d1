/**
 * Which export a CSV header comes from, and which column feeds which contact field. The four
 * known exports (Google Contacts, Outlook, LinkedIn, HubSpot) have fixed presets; any other
 * header gets a guessed mapping the user can correct, remembered per header signature.
 */
import type { ColumnMapping, ImportFormat, MappableField } from '../types';

export type CsvContactFormat = Extract<ImportFormat, 'google-csv' | 'outlook-csv' | 'linkedin-csv' | 'hubspot-csv' | 'csv'>;

type Rule = readonly [RegExp, MappableField];

interface Layout {
  format: CsvContactFormat;
  /** True when the header is this export's. */
  matches: (headers: ReadonlySet<string>) => boolean;
  /** Exact header (case as exported) → field, first match wins. */
  rules: readonly Rule[];
}

const LAYOUTS: readonly Layout[] = [
  {
    format: 'google-csv',
    // Current layout ("First Name … E-mail 1 - Value") and the older one ("Given Name …").
    matches: (h) => [...h].some((name) => /^E-mail \d+ - Value$/.test(name)) && (h.has('First Name') || h.has('Given Name') || h.has('Name')),
    rules: [
      [/^Name$/, 'name'],
      [/^(First|Given|Middle|Additional) Name$/, 'firstName'],
      [/^(Last|Family) Name$/, 'lastName'],
      [/^E-mail \d+ - Value$/, 'email'],
      [/^Phone \d+ - Value$/, 'phone'],
      [/^Organization( 1 -)? Name$/, 'company'],
      [/^Organization( 1 -)? Title$/, 'title'],
      // One address only: a home and a work address would run together in one location.
      [/^Address 1 - (City|Region|Country)$/, 'location'],
      [/^Website \d+ - Value$/, 'profileUrl'],
      [/^(Labels|Group Membership)$/, 'tags'],
      [/^Notes$/, 'note'],
      [/^Photo$/, 'avatarUrl'],
    ],
  },
  {
    format: 'linkedin-csv',
    matches: (h) => h.has('Connected On') && h.has('URL') && h.has('First Name'),
    rules: [
      [/^First Name$/, 'firstName'],
      [/^Last Name$/, 'lastName'],
      [/^URL$/, 'profileUrl'],
      [/^Email Address$/, 'email'],
      [/^Company$/, 'company'],
      [/^Position$/, 'title'],
    ],
  },
  {
    format: 'outlook-csv',
    matches: (h) => h.has('E-mail Address') && (h.has('Business Phone') || h.has('Mobile Phone') || h.has('Job Title')),
    rules: [
      // Outlook's "Title" is the honorific (Mr., Dr.), not the job: left unmapped.
      [/^(First|Middle) Name$/, 'firstName'],
      [/^Last Name$/, 'lastName'],
      [/^E-mail( \d)? Address$/, 'email'],
      [/^(Business|Home|Mobile|Primary|Other|Car|Company Main) Phone( 2)?$/, 'phone'],
      [/^Company$/, 'company'],
      [/^Job Title$/, 'title'],
      [/^Business (City|State|Country\/Region)$/, 'location'],
      [/^(Web Page|Personal Web Page)$/, 'profileUrl'],
      [/^Categories$/, 'tags'],
      [/^Notes$/, 'note'],
    ],
  },
  {
    format: 'hubspot-csv',
    matches: (h) => (h.has('Record ID') || h.has('Contact ID')) && h.has('Email'),
    rules: [
      [/^First Name$/, 'firstName'],
      [/^Last Name$/, 'lastName'],
      [/^Email$/, 'email'],
      [/^(Phone Number|Mobile Phone Number)$/, 'phone'],
      [/^Company Name$/, 'company'],
      [/^Job Title$/, 'title'],
      [/^(City|State\/Region|Country\/Region)$/, 'location'],
      [/^(Website URL|LinkedIn URL)$/, 'profileUrl'],
      [/^Notes$/, 'note'],
    ],
  },
];

/** For headers of unknown exports: lower-cased, `_`/`-` as spaces. First match wins. */
const GUESS_RULES: readonly Rule[] = [
  [/^(full |display |contact )?name$/, 'name'],
  [/^((first|given|fore|middle|additional) ?name|first)$/, 'firstName'],
  [/^((last|family|sur) ?name|last)$/, 'lastName'],
  [/\b(e ?mail|mail)\b(?!.*\b(label|type|opt|status|date|domain|consent)\b)/, 'email'],
  [/\b(phone|telephone|mobile|cell|tel)\b(?!.*\b(label|type|date)\b)/, 'phone'],
  [/^(company|company name|organi[sz]ation|organi[sz]ation name|org|employer|account name)$/, 'company'],
  [/^(job title|title|position|role|job|occupation|organi[sz]ation title)$/, 'title'],
  [/^(location|city|town|country|country\/region|state|region|province)$|\b(city|country)$/, 'location'],
  [/^(url|website|web site|web page( \d)?|homepage|home page|personal web page|blog|linkedin( url| profile)?|profile( url)?)$/, 'profileUrl'],
  [/^(tags?|labels?|categories|category|groups?|group membership)$/, 'tags'],
  [/^(notes?|comments?|description|about)$/, 'note'],
  [/^(photo|photo url|avatar|avatar url|picture)$/, 'avatarUrl'],
];

function mappingByRules(headers: readonly string[], rules: readonly Rule[], normalize: (header: string) => string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const header of headers) {
    if (header in mapping) continue;
    const key = normalize(header);
    const field = rules.find(([pattern]) => pattern.test(key))?.[1];
    if (field) mapping[header] = field;
  }
  return mapping;
}

const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[_\s-]+/g, ' ')
    .trim();

/** A mapping for headers of unknown origin, from common names ("E-mail", "Surname", "Company"…). */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return mappingByRules(headers, GUESS_RULES, normalizeHeader);
}

/** The export a header comes from and its preset mapping, or a guessed mapping for `csv`. */
export function recognizeLayout(headers: readonly string[]): { format: CsvContactFormat; mapping: ColumnMapping } {
  const trimmed = headers.map((header) => header.trim());
  const names = new Set(trimmed);
  for (const layout of LAYOUTS) {
    if (!layout.matches(names)) continue;
    const mapping: ColumnMapping = {};
    headers.forEach((header, i) => {
      const field = layout.rules.find(([pattern]) => pattern.test(trimmed[i]!))?.[1];
      if (field && !(header in mapping)) mapping[header] = field;
    });
    return { format: layout.format, mapping };
  }
  return { format: 'csv', mapping: guessMapping(headers) };
}

/**
 * A stable key for a header layout: the same columns in the same order give the same key,
 * whatever their case or spacing, so a mapping chosen once applies to the next export.
 */
export function headerSignature(headers: readonly string[]): string {
  const text = headers.map(normalizeHeader).join('\u001f');
  // FNV-1a, 32 bits: short, deterministic, same in the browser and Node.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `csv-${headers.length}-${hash.toString(16).padStart(8, '0')}`;
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
const PHONE_LIKE = /^\+?[\d\s().-]{7,}$/;

/**
 * Whether a first row is data rather than a header: no export names a column with an address or
 * a phone number (Thunderbird's test file without a header starts `John Doe,John,Doe,john@…`).
 */
export function looksLikeDataRow(cells: readonly string[]): boolean {
  return cells.some((cell) => EMAIL_LIKE.test(cell.trim()) || PHONE_LIKE.test(cell.trim()));
}

/** Names for the columns of a file without a header. */
export function positionalHeaders(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Column ${i + 1}`);
}

/** For a file without a header: addresses → email, phone numbers → phone, the first other text → name. */
export function guessMappingFromValues(headers: readonly string[], cells: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  let named = false;
  headers.forEach((header, i) => {
    const value = cells[i]?.trim() ?? '';
    if (EMAIL_LIKE.test(value)) mapping[header] = 'email';
    else if (PHONE_LIKE.test(value)) mapping[header] = 'phone';
    else if (value && !named) {
      mapping[header] = 'name';
      named = true;
    }
  });
  return mapping;
}
