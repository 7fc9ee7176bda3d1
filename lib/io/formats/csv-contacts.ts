/**
 * A contacts CSV (any of the known exports, or any other layout through a column mapping) →
 * ImportedContacts and RejectedRows. Reads the text chunk by chunk (csv-rows.ts) and awaits the
 * caller between chunks, so a large file neither freezes a page nor builds one giant array.
 */
import type { ColumnMapping, ImportedContact, MappableField, ParsedImport, RejectedRow } from '../types';
import type { AddressPart } from '../../model/contact';
import type { AddressDraft } from '../../model/contact-draft/addresses';
import { emptyDraft, finishDraft, ImportTally, isRejected, type ContactDraft } from '../../model/contact-draft/contact-fields';
import { MAX_CELL_CHARS, unescapeFormula } from './csv-cells';
import { guessMappingFromValues, looksLikeDataRow, positionalHeaders, recognizeLayout, type CsvContactFormat } from './csv-layouts';
import { csvRowChunks, detectDelimiter, type CsvRow } from './csv-rows';

export interface CsvParseOptions {
  /** A mapping the user chose; replaces the preset or guessed one. */
  mapping?: ColumnMapping;
  /** Awaited after every chunk: report progress, yield to the page, throw to stop. */
  afterChunk?: (processed: number, total: number) => void | Promise<void>;
  chunkSize?: number;
}

interface Column {
  index: number;
  header: string;
  field: MappableField;
}

/** A column that holds one part of a postal address, and which address (group) it belongs to. */
interface AddressColumn {
  index: number;
  group: string;
  part: AddressPart | 'type' | 'formatted';
}

const ADDRESS_PART_NAMES: ReadonlyArray<readonly [RegExp, AddressColumn['part']]> = [
  [/^(label|type)$/, 'type'],
  [/^formatted$/, 'formatted'],
  [/^(street|street address|address)$/, 'street'],
  [/^(address 2|extended address)$/, 'extended'],
  [/^city$/, 'locality'],
  [/^po box$/, 'poBox'],
  [/^(region|state|state\/region|province)$/, 'region'],
  [/^(postal code|zip ?code|zip)$/, 'postalCode'],
  [/^(country|country\/region)$/, 'country'],
];

/**
 * Address columns of the common exports (issue 17, item 8): Google's `Address 1 - City`,
 * Outlook's `Business Street`, Thunderbird's `Home ZipCode`, HubSpot's bare `City`. Each group
 * becomes one address, so a home and a work address no longer run together in one location.
 */
function addressColumn(header: string, index: number): AddressColumn | undefined {
  const name = header.trim().toLowerCase();
  const match = /^(?:(address \d+) - |(home|work|business|other) )?(.+)$/.exec(name);
  if (!match) return undefined;
  const group = match[1] ?? match[2] ?? '';
  const part = ADDRESS_PART_NAMES.find(([pattern]) => pattern.test(match[3]!))?.[1];
  // Without a group, only the unmistakable parts: a bare "Address" or "Type" may be anything.
  if (!part || (group === '' && ['type', 'formatted', 'street', 'extended'].includes(part) && match[3] !== 'street address')) return undefined;
  return { index, group, part };
}

function addressesFromRow(row: CsvRow, columns: readonly AddressColumn[]): AddressDraft[] {
  const groups = new Map<string, { type?: string; formatted?: string; parts: AddressDraft['parts'] }>();
  for (const { index, group, part } of columns) {
    const cell = unescapeFormula(row.cells[index] ?? '').trim();
    const entry = groups.get(group) ?? { parts: {} };
    groups.set(group, entry);
    if (cell === '') continue;
    if (part === 'type') entry.type = cell.toLowerCase();
    else if (part === 'formatted') entry.formatted = cell;
    else entry.parts[part] = cell;
  }
  return [...groups].map(([group, { type, formatted, parts }]) => {
    // Google's "Formatted" repeats the parts; alone, it is the whole address.
    if (formatted && Object.keys(parts).length === 0) parts.street = formatted.replace(/\s*\n\s*/g, ', ');
    const named = type ?? (/^(home|work|business|other)$/.test(group) ? group : undefined);
    return { types: named ? named.split(/\s*,\s*/).map((t) => (t === 'business' ? 'work' : t)) : [], parts };
  });
}

/** Several values in one cell: Google joins them with ` ::: `. */
const GOOGLE_MULTI = /\s*:::\s*/;

function splitValues(cell: string, field: MappableField, header: string): string[] {
  if (field === 'email') return cell.split(GOOGLE_MULTI).flatMap((part) => part.split(/[,;\s]+/));
  if (field === 'phone' || field === 'profileUrl') return cell.split(GOOGLE_MULTI);
  if (field === 'tags') {
    // Google labels may contain commas; ":::" is their only separator. "* myContacts",
    // "* starred" and the like are Google's system groups, not the user's tags.
    if (/^(labels|group membership)$/i.test(header.trim())) return cell.split(GOOGLE_MULTI).filter((tag) => !tag.startsWith('* '));
    return cell.split(/\s*[,;]\s*/);
  }
  return [cell];
}

function draftFromRow(row: CsvRow, columns: readonly Column[], headers: readonly string[], addressColumns: readonly AddressColumn[]): ContactDraft {
  const draft = emptyDraft(row.line);
  draft.addresses = addressesFromRow(row, addressColumns);
  const names: string[] = [];
  const givenNames: string[] = [];
  const location: string[] = [];
  const notes: string[] = [];
  for (const { index, header, field } of columns) {
    const cell = unescapeFormula(row.cells[index] ?? '').trim();
    if (cell === '') continue;
    const values = splitValues(cell, field, header);
    switch (field) {
      case 'name':
        names.push(cell);
        break;
      case 'firstName':
      case 'lastName':
        givenNames.push(cell);
        break;
      case 'email':
        draft.emails.push(...values);
        break;
      case 'phone':
        draft.phones.push(...values);
        break;
      case 'company':
        draft.company ??= cell;
        break;
      case 'title':
        draft.title ??= cell;
        break;
      case 'location':
        if (!location.includes(cell)) location.push(cell);
        break;
      case 'profileUrl': {
        // Google pairs "Website 1 - Value" with "Website 1 - Label".
        const labelIndex = header.endsWith(' - Value') ? headers.indexOf(header.replace(/ - Value$/, ' - Label')) : -1;
        const label = labelIndex >= 0 ? unescapeFormula(row.cells[labelIndex] ?? '').trim() : undefined;
        for (const url of values) draft.urls.push({ url, ...(label ? { label } : {}) });
        break;
      }
      case 'tags':
        draft.tags.push(...values);
        break;
      case 'note':
        notes.push(cell);
        break;
      case 'avatarUrl':
        draft.photo ??= cell;
        break;
    }
  }
  // Columns are visited in file order, so first/middle/last names join in that order.
  const name = names.length > 0 ? names.join(' ') : givenNames.join(' ');
  if (name) draft.name = name;
  if (location.length > 0) draft.location = location.join(', ');
  if (notes.length > 0) draft.note = notes.join('\n\n');
  return draft;
}

/** A cell no contact field needs: a broken or hostile file, not a person. */
function oversizedCell(row: CsvRow, headers: readonly string[]): string | undefined {
  const long = row.cells.findIndex((cell) => cell.length > MAX_CELL_CHARS);
  if (long < 0) return undefined;
  const column = headers[long] ? `column ${JSON.stringify(headers[long])}` : `column ${long + 1}`;
  return `a cell of ${row.cells[long]!.length.toLocaleString('en')} characters in ${column} (limit ${MAX_CELL_CHARS.toLocaleString('en')}): not a contact`;
}

const isBlank = (row: CsvRow) => row.cells.every((cell) => cell.trim() === '');

export async function parseContactsCsv(text: string, options: CsvParseOptions = {}): Promise<ParsedImport> {
  const delimiter = detectDelimiter(text);
  const contacts: ImportedContact[] = [];
  const rejected: RejectedRow[] = [];
  const notices: string[] = [];
  const tally = new ImportTally();
  let format: CsvContactFormat = 'csv';
  let headers: string[] | undefined;
  let mapping: ColumnMapping = {};
  let columns: Column[] = [];
  let addressColumns: AddressColumn[] = [];
  let phase: 'start' | 'preamble' | 'data' = 'start';
  let rows = 0;

  const useHeaders = (names: string[], chosen: ColumnMapping) => {
    headers = names;
    mapping = options.mapping ?? chosen;
    // A column read as part of an address: one mapped to location, or (with the preset or
    // guessed mapping) one no field took. A column the user mapped elsewhere stays theirs.
    addressColumns = names.flatMap((header, index) => {
      const field = mapping[header];
      const column = field === 'location' || (field === undefined && !options.mapping) ? addressColumn(header, index) : undefined;
      return column ? [column] : [];
    });
    const inAddress = new Set(addressColumns.map((column) => column.index));
    columns = names.flatMap((header, index) => {
      const field = mapping[header];
      return field && !inAddress.has(index) ? [{ index, header, field }] : [];
    });
  };

  const readData = (row: CsvRow) => {
    if (isBlank(row)) return;
    rows += 1;
    const oversized = oversizedCell(row, headers ?? []);
    if (oversized) return rejected.push({ line: row.line, reason: oversized });
    const result = finishDraft(draftFromRow(row, columns, headers ?? [], addressColumns), tally);
    // An unclosed quote runs to the end of the file: the row is cut short, so never import it.
    const unclosed = row.error ? 'a quote is never closed (is the file cut short?)' : undefined;
    if (isRejected(result)) rejected.push(unclosed ? { line: row.line, reason: `${result.reason}; ${unclosed}` } : result);
    else if (unclosed) rejected.push({ line: row.line, reason: unclosed });
    else contacts.push(result);
  };

  for (const chunk of csvRowChunks(text, delimiter, options.chunkSize)) {
    for (const row of chunk.rows) {
      if (phase === 'data') {
        readData(row);
      } else if (phase === 'preamble') {
        // LinkedIn's Connections.csv: "Notes:", a quoted paragraph, a blank line, then the header.
        if (isBlank(row)) phase = 'start';
      } else if (isBlank(row)) {
        continue;
      } else if (row.cells.length === 1 && row.cells[0]!.trim() === 'Notes:' && headers === undefined) {
        phase = 'preamble';
        notices.push('Skipped the "Notes:" lines before the header (LinkedIn export).');
      } else if (looksLikeDataRow(row.cells)) {
        const names = positionalHeaders(row.cells.length);
        useHeaders(names, guessMappingFromValues(names, row.cells));
        notices.push('The file has no header row: columns were guessed from the first row. Check the column mapping.');
        phase = 'data';
        readData(row);
      } else {
        const names = row.cells.map((cell) => cell.replace(/^\uFEFF/, ''));
        const layout = recognizeLayout(names);
        format = layout.format;
        useHeaders(names, layout.mapping);
        phase = 'data';
      }
    }
    await options.afterChunk?.(chunk.processed, chunk.total);
  }

  if (delimiter !== ',') notices.push(`Columns separated by ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`}.`);
  if (headers && columns.length === 0 && addressColumns.length === 0) notices.push('No column is mapped to a contact field: choose a column mapping.');
  notices.push(...tally.notices());
  return {
    format,
    rows,
    contacts,
    transactions: [],
    rejected,
    notices,
    ...(headers ? { headers, mapping } : {}),
  };
}
