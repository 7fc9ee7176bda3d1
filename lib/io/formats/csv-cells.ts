/**
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some
 * with a leading tab or CR) as a formula, so `=HYPERLINK(…)` in a contact's name becomes a link
 * in whoever opens the export. Exported cells get a `'` in front (the spreadsheet convention for
 * "this is text"); the importer takes it off again, so export → import is exact. A value that
 * itself starts with `'` before one of those characters gets one more `'`, for the same reason.
 */

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;

export function escapeFormula(cell: string): string {
  return NEEDS_ESCAPE.test(cell) ? `'${cell}` : cell;
}

export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && NEEDS_ESCAPE.test(cell) ? cell.slice(1) : cell;
}

/** RFC 4180 quoting: only when the cell holds the delimiter, a quote, a line break or edge spaces. */
export function quoteCsvCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** No contact field needs more; a longer cell is a broken or hostile file, not a person. */
export const MAX_CELL_CHARS = 100_000;
