/**
 * Parser for the generic purchases CSV: a header `contact,date,amount`, then one purchase per
 * line with a YYYY-MM-DD date and a plain non-negative decimal amount (no currency symbols or
 * thousands separators: "1,200" is ambiguous, so it is rejected rather than guessed). Fields may
 * be double-quoted ("" inside quotes is a quote); a quoted field cannot span lines.
 */
import { parseIsoDay } from './days';
import { IssueCollector } from './parse-error';
import type { Purchase } from './summary';

const AMOUNT = /^\d+(\.\d+)?$/;
const HEADER = ['contact', 'date', 'amount'];

export interface CsvPurchase extends Purchase {
  date: string;
}

export function parsePurchasesCsv(text: string): CsvPurchase[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const issues = new IssueCollector();
  const header = splitCsvLine(lines[0] ?? '');
  if (!header || header.length !== HEADER.length || header.some((name, i) => name.trim().toLowerCase() !== HEADER[i])) {
    issues.add(1, `header must be "${HEADER.join(',')}"`);
    issues.throwIfAny();
  }
  const purchases: CsvPurchase[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const line = index + 1;
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    const fields = splitCsvLine(raw);
    if (!fields) {
      issues.add(line, 'unbalanced quotes');
      continue;
    }
    if (fields.length !== 3) {
      issues.add(line, `expected 3 fields, got ${fields.length}`);
      continue;
    }
    const [contact, date, amount] = fields.map((field) => field.trim()) as [string, string, string];
    if (contact === '') issues.add(line, 'empty contact');
    else if (parseIsoDay(date) === null) issues.add(line, `bad date ${JSON.stringify(date)} (want YYYY-MM-DD)`);
    else if (!AMOUNT.test(amount)) issues.add(line, `bad amount ${JSON.stringify(amount)} (want a plain number ≥ 0)`);
    else purchases.push({ customerId: contact, date, amount: Number(amount) });
  }
  issues.throwIfAny();
  return purchases;
}

/** Fields of one CSV line, or null when a quote is left open. */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}
