import { describe, expect, it } from 'vitest';
import { parseCdnow } from '../../../lib/value/cdnow';
import { parsePurchasesCsv } from '../../../lib/value/csv';
import { PurchaseFileError } from '../../../lib/value/parse-error';
import { summarisePurchases } from '../../../lib/value/summary';

describe('summarisePurchases', () => {
  it('counts distinct repeat purchase days, merges same-day amounts, and measures weeks in UTC days', () => {
    const [c] = summarisePurchases(
      [
        { customerId: 'c', date: '2024-01-01', amount: 10 },
        { customerId: 'c', date: '2024-01-15', amount: 5 },
        { customerId: 'c', date: '2024-01-15', amount: 7 }, // same day: one purchase of 12
        { customerId: 'c', date: '2024-01-29', amount: 30 },
        { customerId: 'c', date: '2024-03-01', amount: 99 }, // after calibration: ignored
      ],
      '2024-02-05',
    );
    expect(c).toMatchObject({ id: 'c', x: 2, t_x: 4, T: 5, mbar: (12 + 30) / 2, historical: 52 });
  });

  it('gives x = 0, t_x = 0, m̄ = 0 for a single purchase day', () => {
    const [c] = summarisePurchases(
      [
        { customerId: 'c', date: '2024-01-01', amount: 10 },
        { customerId: 'c', date: '2024-01-01', amount: 3 },
      ],
      '2024-01-08',
    );
    expect(c).toMatchObject({ x: 0, t_x: 0, T: 1, mbar: 0, historical: 13 });
  });

  it('uses the UTC day of a Date, whatever its time of day', () => {
    const [c] = summarisePurchases(
      [
        { customerId: 'c', date: new Date('2024-01-01T23:59:59Z'), amount: 1 },
        { customerId: 'c', date: new Date('2024-01-08T00:00:01Z'), amount: 1 },
      ],
      new Date('2024-01-15T12:00:00Z'),
    );
    expect(c).toMatchObject({ x: 1, t_x: 1, T: 2 });
  });

  it('leaves out customers whose first purchase is after the calibration end', () => {
    const summaries = summarisePurchases(
      [
        { customerId: 'early', date: '2024-01-01', amount: 1 },
        { customerId: 'late', date: '2024-03-01', amount: 1 },
      ],
      '2024-02-01',
    );
    expect(summaries.map((s) => s.id)).toEqual(['early']);
  });

  it('rejects bad dates and amounts', () => {
    expect(() => summarisePurchases([{ customerId: 'c', date: '2024-02-30', amount: 1 }], '2024-03-01')).toThrow(RangeError);
    expect(() => summarisePurchases([{ customerId: 'c', date: '2024-02-01', amount: -1 }], '2024-03-01')).toThrow(RangeError);
    expect(() => summarisePurchases([{ customerId: 'c', date: '2024-02-01', amount: NaN }], '2024-03-01')).toThrow(RangeError);
    expect(() => summarisePurchases([], 'yesterday')).toThrow(RangeError);
  });
});

describe('parseCdnow', () => {
  it('reads the raw format with the sample id as customer id', () => {
    const purchases = parseCdnow(' 00004 0001 19970101  2   29.33\n 00021 0002 19970118  3   63.34\n\n');
    expect(purchases).toEqual([
      { customerId: '1', date: '1997-01-01', amount: 29.33, quantity: 2 },
      { customerId: '2', date: '1997-01-18', amount: 63.34, quantity: 3 },
    ]);
  });

  it('rejects bad lines with their line numbers', () => {
    const text = ' 00004 0001 19970101  2   29.33\n 00004 0001 19970231  2   29.33\n 00004 0001 19970101  2\n 1 x 19970101 1 1\n';
    try {
      parseCdnow(text);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(PurchaseFileError);
      expect((error as PurchaseFileError).issues.map((issue) => issue.line)).toEqual([2, 3, 4]);
    }
  });
});

describe('parsePurchasesCsv', () => {
  it('reads contact,date,amount with quoted fields and CRLF line ends', () => {
    const text = 'contact,date,amount\r\nann@example.com,2024-01-02,12.50\r\n"Smith, ""Bob""",2024-01-03,7\r\n';
    expect(parsePurchasesCsv(text)).toEqual([
      { customerId: 'ann@example.com', date: '2024-01-02', amount: 12.5 },
      { customerId: 'Smith, "Bob"', date: '2024-01-03', amount: 7 },
    ]);
  });

  it('requires the header', () => {
    expect(() => parsePurchasesCsv('id,day,value\na,2024-01-01,1\n')).toThrow(/line 1: header/);
  });

  it('rejects every bad row with its line number', () => {
    const text = [
      'contact,date,amount',
      'a,2024-01-01,1',
      'b,01/02/2024,1', // line 3: date format
      'c,2024-01-01,$5', // line 4: currency symbol
      'd,2024-01-01', // line 5: missing field
      ',2024-01-01,1', // line 6: empty contact
      'e,2024-01-01,-3', // line 7: negative
      '"f,2024-01-01,1', // line 8: open quote
    ].join('\n');
    try {
      parsePurchasesCsv(text);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(PurchaseFileError);
      expect((error as PurchaseFileError).issues.map((issue) => issue.line)).toEqual([3, 4, 5, 6, 7, 8]);
      expect((error as Error).message).toMatch(/^6 bad lines/);
    }
  });
});
