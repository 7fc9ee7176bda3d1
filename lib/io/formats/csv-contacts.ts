/**
 * A contacts CSV (any of the known exports, or any other layout through a column mapping) →
 * ImportedContacts and RejectedRows. Reads the text chunk by chunk (csv-rows.ts) and awaits the
 * caller between chunks, so a large file neither freezes a page nor builds one giant array.
 */
import type { ColumnMapping, ImportedContact, MappableField, ParsedImport, RejectedRow } from '../types';
import { emptyDraft, finishDraft, ImportTally, isRejected, type ContactDraft } from './contact-fields';
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

function draftFromRow(row: CsvRow, columns: readonly Column[], headers: readonly string[]): ContactDraft {
  const draft = emptyDraft(row.line);
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
  let phase: 'start' | 'preamble' | 'data' = 'start';
  let rows = 0;

  const useHeaders = (names: string[], chosen: ColumnMapping) => {
    headers = names;
    mapping = options.mapping ?? chosen;
    columns = names.flatMap((header, index) => {
      const field = mapping[header];
      return field ? [{ index, header, field }] : [];
    });
  };

  const readData = (row: CsvRow) => {
    if (isBlank(row)) return;
    rows += 1;
    const oversized = oversizedCell(row, headers ?? []);
    if (oversized) return rejected.push({ line: row.line, reason: oversized });
    const result = finishDraft(draftFromRow(row, columns, headers ?? []), tally);
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
  if (headers && columns.length === 0) notices.push('No column is mapped to a contact field: choose a column mapping.');
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
