import type { RejectedRow } from '@/lib/io/types';

/**
 * A CSV cell, quoted when needed. A reason can quote file content, so a cell a spreadsheet would
 * run as a formula (= + - @, tab, CR) is prefixed with an apostrophe.
 */
function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rejected rows of an import as a CSV report: `line,reason`. */
export function rejectedRowsCsv(rows: readonly RejectedRow[]): string {
  return ['line,reason', ...rows.map((row) => `${row.line},${cell(row.reason)}`)].join('\r\n') + '\r\n';
}
