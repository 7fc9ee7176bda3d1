import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCdnow } from '../../../../lib/value/cdnow';
import { parseCdnowTransactions, parseImportFile } from '../../../../lib/io/formats';
import { requireSharedSet } from '../../../shared-data';

const encode = (text: string) => new TextEncoder().encode(text);

describe('transactions CSV', () => {
  it('reads email or id, ISO or YYYYMMDD dates, cents, and the default currency', async () => {
    const text = 'contact,date,amount,currency\nAda@Example.org,2024-03-05,12.5,eur\ncust-42,20240306,0.29,\n';
    const result = await parseImportFile(encode(text), { defaultCurrency: 'GBP' });
    expect(result.format).toBe('transactions-csv');
    expect(result.transactions).toEqual([
      { line: 2, contact: { email: 'ada@example.org' }, at: Date.UTC(2024, 2, 5), amount: 1250, currency: 'EUR' },
      { line: 3, contact: { id: 'cust-42' }, at: Date.UTC(2024, 2, 6), amount: 29, currency: 'GBP' },
    ]);
  });

  it('works without a header, and rejects bad rows with their line and reason', async () => {
    const text = 'a@example.org,2024-01-02,10\nb@,2024-01-02,10\nc@example.org,2024-02-30,10\nd@example.org,2024-01-02,1,200\nd@example.org,2024-01-02,-3\n,2024-01-02,3\n';
    const result = await parseImportFile(encode(text));
    expect(result.format).toBe('transactions-csv');
    expect(result.transactions.map((t) => [t.line, t.amount, t.currency])).toEqual([[1, 1000, 'USD']]);
    expect(result.rejected.map((row) => row.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.rejected[0]!.reason).toBe('invalid email "b@"');
    expect(result.rejected[1]!.reason).toContain('bad date "2024-02-30"');
    expect(result.rejected[2]!.reason).toContain('expected 3 fields, got 4');
    expect(result.rejected[3]!.reason).toContain('bad amount "-3"');
    expect(result.rejected[4]!.reason).toBe('no contact (email or id)');
  });

  it('reads a name column, for contacts made from purchases (issue 23)', async () => {
    const text = 'email,name,date,amount,currency\nwhale@bigbuyer-corp.net,Wanda Hale,2024-03-05,120,USD\nnew@example.org,,2024-03-06,5,USD\n';
    const result = await parseImportFile(encode(text));
    expect(result.format).toBe('transactions-csv');
    expect(result.transactions).toEqual([
      { line: 2, contact: { email: 'whale@bigbuyer-corp.net' }, at: Date.UTC(2024, 2, 5), amount: 12000, currency: 'USD', name: 'Wanda Hale' },
      { line: 3, contact: { email: 'new@example.org' }, at: Date.UTC(2024, 2, 6), amount: 500, currency: 'USD' },
    ]);
  });

  it('accepts a decimal comma in a ";" file', async () => {
    const result = await parseImportFile(encode('email;date;amount\nada@example.org;2024-01-02;12,34\n'));
    expect(result.transactions[0]!.amount).toBe(1234);
  });
});

describe('CDNOW', () => {
  it('reads the raw format into cdnow-<id> transactions, rejecting bad lines and keeping the rest', () => {
    const text = '00001   00001 19970101  1  11.77\n00002 00002 19970112 1 12.00\nbroken line\n00003 00003 19970231 1 5\n\n00004 00004 19970102 2 20.76\n';
    const result = parseCdnowTransactions(text, 'USD');
    expect(result.transactions).toEqual([
      { line: 1, contact: { id: 'cdnow-1' }, at: Date.UTC(1997, 0, 1), amount: 1177, currency: 'USD' },
      { line: 2, contact: { id: 'cdnow-2' }, at: Date.UTC(1997, 0, 12), amount: 1200, currency: 'USD' },
      { line: 6, contact: { id: 'cdnow-4' }, at: Date.UTC(1997, 0, 2), amount: 2076, currency: 'USD' },
    ]);
    expect(result.rejected).toEqual([
      { line: 3, reason: 'expected 5 fields, got 2' },
      { line: 4, reason: 'bad date "19970231" (want YYYYMMDD)' },
    ]);
  });

  it('reads the whole CDNOW sample exactly as lib/value does (the npm run clv path)', async () => {
    const path = requireSharedSet('datasets', 'cdnow', 'CDNOW_sample.txt');
    if (!path) return;
    const bytes = new Uint8Array(readFileSync(path));
    const result = await parseImportFile(bytes, { fileName: 'CDNOW_sample.txt' });
    const purchases = parseCdnow(new TextDecoder().decode(bytes));
    expect(result.format).toBe('cdnow');
    expect(result.rejected).toEqual([]);
    expect(result.transactions).toHaveLength(purchases.length);
    expect(result.transactions.length).toBe(6919);
    expect(new Set(result.transactions.map((t) => (t.contact as { id: string }).id)).size).toBe(2357);
    const totalCents = result.transactions.reduce((sum, t) => sum + t.amount, 0);
    expect(totalCents).toBe(Math.round(purchases.reduce((sum, p) => sum + p.amount, 0) * 100));
  });
});
