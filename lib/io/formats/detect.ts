/**
 * Which parser a file needs, from its name and its first lines. Content decides over the
 * extension (a "contacts.txt" that is a vCard is read as one); the name only breaks ties.
 */
import type { ImportFormat } from '../types';
import { looksLikeDataRow, recognizeLayout } from './csv-layouts';
import { csvRowChunks, detectDelimiter } from './csv-rows';
import { columnsFromHeader, parseAmountCents, parseTransactionDate } from './transactions';
import { looksLikeBareVcard } from '../../model/vcard/lines';

const CDNOW_LINE = /^\s*\d+\s+\d+\s+\d{8}\s+\d+\s+\d+(\.\d+)?\s*$/;
const HEAD_CHARS = 64 * 1024;

/** A Sidebar CRM backup announces itself in its first keys (lib/io/backup.ts writes them). */
function looksLikeBackup(head: string): boolean {
  return /"(app|format|kind)"\s*:\s*"sidebar-crm[^"]*"/i.test(head) || /"schemaVersion"\s*:/.test(head);
}

export function detectFormat(name: string | undefined, text: string): ImportFormat | null {
  const head = text.slice(0, HEAD_CHARS).replace(/^\uFEFF/, '');
  if (head.slice(0, 4096).includes('\u0000')) return null;
  const start = head.trimStart();
  if (start === '') return null;
  if (start.startsWith('{') || start.startsWith('[')) return looksLikeBackup(head) ? 'backup-json' : null;
  if (/^BEGIN:VCARD\s*$/im.test(head.slice(0, 4096)) || (/\.(vcf|vcard)$/i.test(name ?? '') && /BEGIN:VCARD/i.test(head))) return 'vcard';
  // A card body without BEGIN:VCARD is still a vCard, never a CSV (issue 17, item 4).
  if (looksLikeBareVcard(head.slice(0, 4096))) return 'vcard';
  const firstLine = start.split(/\r?\n|\r/, 1)[0] ?? '';
  if (CDNOW_LINE.test(firstLine)) return 'cdnow';

  // A CSV: read the first rows of the head (cut at a line break so no row is half there).
  const cut = Math.max(head.lastIndexOf('\n'), 0);
  const sample = text.length > HEAD_CHARS && cut > 0 ? head.slice(0, cut) : head;
  const delimiter = detectDelimiter(sample);
  const rows = [...csvRowChunks(sample, delimiter)].flatMap((chunk) => chunk.rows).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  let first = rows[0];
  if (!first) return null;
  if (first.cells.length === 1 && first.cells[0]!.trim() === 'Notes:') {
    // LinkedIn's preamble ends at its first blank line.
    const all = [...csvRowChunks(sample, delimiter)].flatMap((chunk) => chunk.rows);
    const blank = all.findIndex((row, i) => i > 0 && row.cells.every((cell) => cell.trim() === ''));
    first = all.slice(blank + 1).find((row) => row.cells.some((cell) => cell.trim() !== ''));
    if (!first) return null;
  }
  const cells = first.cells.map((cell) => cell.trim());
  // A header may add a name column to contact, date, amount and currency (five at most).
  const header = cells.length >= 3 && cells.length <= 5 ? columnsFromHeader(cells) : undefined;
  if (header && (cells.length <= 4 || header.name !== undefined)) return 'transactions-csv';
  if (cells.length >= 3 && cells.length <= 4) {
    if (parseTransactionDate(cells[1]!) !== null && parseAmountCents(cells[2]!, delimiter !== ',') !== null) return 'transactions-csv';
  }
  if (looksLikeDataRow(cells)) return 'csv';
  const layout = recognizeLayout(cells);
  // A header that names no contact field is a CSV only if the rows are a table (two or more
  // columns, as many in every row): plain text is neither, and is said to be (issue 17, item 4).
  if (layout.format === 'csv' && Object.keys(layout.mapping).length === 0) {
    const table = cells.length >= 2 && rows.length >= 2 && rows.every((row) => row.cells.length === cells.length);
    if (!table) return null;
  }
  return layout.format;
}
