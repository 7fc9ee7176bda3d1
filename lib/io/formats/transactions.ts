/**
 * Purchases → ImportedTransactions (won deals once their contact is found): the transactions
 * CSV (`contact email or id, date, amount[, currency]`, header optional; with a header, also an
 * optional name column for contacts made from purchases) and the raw CDNOW file.
 * CDNOW goes through lib/value's parser, the one `npm run clv` uses, so both read it alike.
 */
import { parseCdnow } from '../../value/cdnow';
import { PurchaseFileError } from '../../value/parse-error';
import type { ImportedTransaction, ParsedImport, RejectedRow } from '../types';
import { cleanEmail } from '../../model/contact-draft/contact-fields';
import { unescapeFormula } from './csv-cells';
import { csvRowChunks, detectDelimiter } from './csv-rows';

/** `2024-03-05`, `20240305` (UTC midnight) or a full ISO timestamp → epoch ms; null if not a real date. */
export function parseTransactionDate(raw: string): number | null {
  const day = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const ms = Date.UTC(year, month - 1, date);
    const back = new Date(ms);
    return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === date ? ms : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * `12.50` → 1250 cents, by string arithmetic (no floating-point rounding). A decimal comma is
 * accepted when the file's delimiter is not a comma; thousands separators never are ("1,200"
 * is ambiguous), nor negative amounts (a refund is not a purchase).
 */
export function parseAmountCents(raw: string, decimalComma: boolean): number | null {
  const match = (decimalComma ? /^(\d+)(?:[.,](\d{1,2}))?$/ : /^(\d+)(?:\.(\d{1,2}))?$/).exec(raw);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

const CURRENCY = /^[A-Za-z]{3}$/;
/** A name cell is cut here (Contact names are bounded; a stray cell must not fail the row). */
const MAX_NAME_LENGTH = 200;

interface Columns {
  contact: number;
  date: number;
  amount: number;
  currency?: number;
  /** The buyer's name, for contacts made from purchases whose email is nobody's yet. */
  name?: number;
  /** Cells a row may have: more means a stray delimiter ("1,200" in a comma file). */
  width: number;
}

export function columnsFromHeader(cells: readonly string[]): Columns | undefined {
  const find = (pattern: RegExp) => cells.findIndex((cell) => pattern.test(cell.trim().toLowerCase()));
  const contact = find(/^(contact|email|e-mail|customer|customer id|contact id|id|client)$/);
  const date = find(/^(date|day|purchase date|order date|at)$/);
  const amount = find(/^(amount|value|total|price|revenue)$/);
  const currency = find(/^(currency|cur)$/);
  const name = find(/^(name|full name|customer name|contact name|buyer|buyer name)$/);
  if (contact < 0 || date < 0 || amount < 0) return undefined;
  return { contact, date, amount, ...(currency >= 0 ? { currency } : {}), ...(name >= 0 ? { name } : {}), width: cells.length };
}

export async function parseTransactionsCsv(
  text: string,
  options: { defaultCurrency: string; afterChunk?: (processed: number, total: number) => void | Promise<void> },
): Promise<ParsedImport> {
  const delimiter = detectDelimiter(text);
  const decimalComma = delimiter !== ',';
  const transactions: ImportedTransaction[] = [];
  const rejected: RejectedRow[] = [];
  const notices: string[] = [];
  let columns: Columns | undefined;
  let rows = 0;

  for (const chunk of csvRowChunks(text, delimiter)) {
    for (const row of chunk.rows) {
      const cells = row.cells.map((cell) => unescapeFormula(cell).trim());
      if (cells.every((cell) => cell === '')) continue;
      if (!columns) {
        columns = columnsFromHeader(cells);
        if (columns) continue;
        columns = { contact: 0, date: 1, amount: 2, ...(cells.length > 3 ? { currency: 3 } : {}), width: Math.min(cells.length, 4) };
        notices.push('No header row: columns read as contact, date, amount[, currency].');
      }
      rows += 1;
      const reject = (reason: string) => rejected.push({ line: row.line, reason });
      if (row.error) {
        reject('a quote is never closed (is the file cut short?)');
        continue;
      }
      if (cells.length > columns.width && cells.slice(columns.width).some((cell) => cell !== '')) {
        reject(`expected ${columns.width} fields, got ${cells.length} (thousands separators such as "1,200" split a field)`);
        continue;
      }
      const contactCell = cells[columns.contact] ?? '';
      const dateCell = cells[columns.date] ?? '';
      const amountCell = cells[columns.amount] ?? '';
      const currencyCell = columns.currency !== undefined ? (cells[columns.currency] ?? '') : '';
      const nameCell = columns.name !== undefined ? (cells[columns.name] ?? '').slice(0, MAX_NAME_LENGTH) : '';
      const email = contactCell.includes('@') ? cleanEmail(contactCell) : undefined;
      const at = parseTransactionDate(dateCell);
      const amount = parseAmountCents(amountCell, decimalComma);
      if (contactCell === '') reject('no contact (email or id)');
      else if (contactCell.includes('@') && !email) reject(`invalid email ${JSON.stringify(contactCell.slice(0, 80))}`);
      else if (contactCell.length > 200) reject('contact id longer than 200 characters');
      else if (at === null) reject(`bad date ${JSON.stringify(dateCell.slice(0, 40))} (want YYYY-MM-DD or YYYYMMDD)`);
      else if (amount === null) reject(`bad amount ${JSON.stringify(amountCell.slice(0, 40))} (want a plain number ≥ 0, at most 2 decimals)`);
      else if (currencyCell !== '' && !CURRENCY.test(currencyCell)) reject(`bad currency ${JSON.stringify(currencyCell.slice(0, 20))} (want a 3-letter ISO code)`);
      else {
        transactions.push({
          line: row.line,
          contact: email ? { email } : { id: contactCell },
          at,
          amount,
          currency: (currencyCell || options.defaultCurrency).toUpperCase(),
          ...(nameCell ? { name: nameCell } : {}),
        });
      }
    }
    await options.afterChunk?.(chunk.processed, chunk.total);
  }
  return { format: 'transactions-csv', rows, contacts: [], transactions, rejected, notices };
}

/** How many rounds of "drop the reported lines and parse again" before the file is given up on. */
const MAX_CDNOW_ROUNDS = 50;

/**
 * The raw CDNOW file through lib/value/cdnow.ts's parser. That parser is strict (one bad line
 * fails the file, as the model fit needs); here the lines it reports are blanked, keeping every
 * other line's number, and the rest parsed again, so valid purchases still import.
 */
export function parseCdnowTransactions(text: string, currency: string): ParsedImport {
  const lines = text.split(/\r?\n/);
  const rejected: RejectedRow[] = [];
  for (let round = 0; ; round += 1) {
    try {
      const purchases = parseCdnow(lines.join('\n'));
      // parseCdnow yields one purchase per non-blank line, in order: that gives each its line.
      const lineNumbers = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index + 1]));
      const transactions = purchases.map(
        (purchase, i): ImportedTransaction => ({
          line: lineNumbers[i]!,
          contact: { id: `cdnow-${purchase.customerId}` },
          at: Date.parse(`${purchase.date}T00:00:00Z`),
          amount: Math.round(purchase.amount * 100),
          currency,
        }),
      );
      rejected.sort((a, b) => a.line - b.line);
      return { format: 'cdnow', rows: transactions.length + rejected.length, contacts: [], transactions, rejected, notices: [] };
    } catch (error) {
      if (!(error instanceof PurchaseFileError)) throw error;
      if (round >= MAX_CDNOW_ROUNDS) throw new Error(`not a CDNOW file: more than ${rejected.length} bad lines`);
      for (const issue of error.issues) {
        rejected.push({ line: issue.line, reason: issue.message });
        lines[issue.line - 1] = '';
      }
    }
  }
}
