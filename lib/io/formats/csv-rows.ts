/**
 * CSV text → rows with the physical line each starts on, in bounded chunks. papaparse does the
 * parsing; this file feeds it slices of the text that end on a row boundary, so a 100,000-row
 * file never becomes one giant array of arrays, and the caller can yield between chunks.
 */
import Papa from 'papaparse';

export interface CsvRow {
  /** 1-based physical line the row starts on (a quoted newline moves the next row down). */
  line: number;
  cells: string[];
  /** Set when papaparse could not read the row (an unterminated quote, usually a truncated file). */
  error?: string;
}

export interface CsvChunk {
  rows: CsvRow[];
  /** Characters of the text read so far, and in all: for a progress bar. */
  processed: number;
  total: number;
}

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** ~64 KB of CSV (~470 Google Contacts rows) is parsed and mapped in ~10–15 ms: the page is held no longer than that. */
const DEFAULT_CHUNK = 64 * 1024;

/**
 * The delimiter most lines agree on: for each candidate, the commonest non-zero count per line
 * (outside quotes) among the first lines, and how many lines have it. A LinkedIn preamble or a
 * sentence with a comma in a notes line does not outvote the table.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/, 30).filter((line) => line.trim() !== '');
  let best: { delimiter: CsvDelimiter; lines: number; count: number } = { delimiter: ',', lines: 0, count: 0 };
  for (const delimiter of CSV_DELIMITERS) {
    const frequency = new Map<number, number>();
    for (const line of lines) {
      const count = countOutsideQuotes(line, delimiter);
      if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    }
    for (const [count, lineCount] of frequency) {
      if (lineCount > best.lines || (lineCount === best.lines && count > best.count)) best = { delimiter, lines: lineCount, count };
    }
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count += 1;
  }
  return count;
}

/** CRLF when the first line break is one, else LF, else a lone CR (classic Mac). */
function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

function countBreaks(text: string, from: number, to: number, breakChar: string): number {
  let count = 0;
  for (let at = text.indexOf(breakChar, from); at !== -1 && at < to; at = text.indexOf(breakChar, at + 1)) count += 1;
  return count;
}

/**
 * Rows of a CSV text, a chunk at a time. Each chunk is parsed on its own; its last row is held
 * back (it may continue in the next slice) unless the slice reaches the end of the text. A row
 * longer than a chunk doubles the slice until it fits.
 */
export function* csvRowChunks(text: string, delimiter: CsvDelimiter, chunkSize = DEFAULT_CHUNK): Generator<CsvChunk> {
  const newline = detectNewline(text);
  const breakChar = newline === '\r' ? '\r' : '\n';
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let size = chunkSize;
  while (start < text.length) {
    const end = Math.min(text.length, start + size);
    const final = end === text.length;
    const parsed: Array<{ cells: string[]; end: number; error?: string }> = [];
    Papa.parse<string[]>(text.slice(start, end), {
      delimiter,
      newline,
      quoteChar: '"',
      step: (result) => {
        // A stray quote inside a field (InvalidQuotes) still leaves a usable row; an unclosed one
        // swallows the rest of the file.
        const error = result.errors.find((e) => e.code === 'MissingQuotes');
        parsed.push({ cells: result.data, end: result.meta.cursor, ...(error ? { error: error.message } : {}) });
      },
    });
    if (!final) parsed.pop();
    if (parsed.length === 0 && !final) {
      size *= 2;
      continue;
    }
    const rows: CsvRow[] = [];
    let rowStart = start;
    for (const row of parsed) {
      const rowEnd = start + row.end;
      rows.push({ line, cells: row.cells, ...(row.error ? { error: row.error } : {}) });
      line += countBreaks(text, rowStart, rowEnd, breakChar);
      rowStart = rowEnd;
    }
    start = final ? text.length : rowStart;
    size = chunkSize;
    yield { rows, processed: start, total: text.length };
  }
}
