/**
 * Parser for the raw CDNOW file (`CDNOW_sample.txt`): whitespace-separated master id, sample id,
 * YYYYMMDD, number of CDs, dollar value. The customer id is the sample id as a plain integer
 * string ("0001" → "1"), which is how the published summaries name customers.
 */
import { formatDay, parseCompactDay } from './days';
import { IssueCollector } from './parse-error';
import type { Purchase } from './summary';

const INTEGER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export interface CdnowPurchase extends Purchase {
  date: string;
  quantity: number;
}

export function parseCdnow(text: string): CdnowPurchase[] {
  const purchases: CdnowPurchase[] = [];
  const issues = new IssueCollector();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const fields = trimmed.split(/\s+/);
    if (fields.length !== 5) return issues.add(line, `expected 5 fields, got ${fields.length}`);
    const [, sampleId, compactDate, quantity, dollars] = fields as [string, string, string, string, string];
    if (!INTEGER.test(sampleId) || Number(sampleId) < 1) return issues.add(line, `bad sample id ${JSON.stringify(sampleId)}`);
    const day = parseCompactDay(compactDate);
    if (day === null) return issues.add(line, `bad date ${JSON.stringify(compactDate)} (want YYYYMMDD)`);
    if (!INTEGER.test(quantity)) return issues.add(line, `bad number of CDs ${JSON.stringify(quantity)}`);
    if (!DECIMAL.test(dollars)) return issues.add(line, `bad dollar value ${JSON.stringify(dollars)}`);
    purchases.push({
      customerId: String(Number(sampleId)),
      date: formatDay(day),
      amount: Number(dollars),
      quantity: Number(quantity),
    });
  });
  issues.throwIfAny();
  return purchases;
}
