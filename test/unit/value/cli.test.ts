import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requireSharedSet } from '../../shared-data';
import { expectRelative } from './helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function clv(...args: string[]) {
  const result = spawnSync('npx', ['tsx', 'tools/clv.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = requireSharedSet('datasets', 'cdnow');

describe.skipIf(!dir)('clv fit on CDNOW', () => {
  it('prints one JSON document with the published parameters and every customer', () => {
    const run = clv('fit', join(dir!, 'CDNOW_sample.txt'), '--format', 'cdnow', '--calibration-end', '1997-09-30', '--horizon-weeks', '39');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      bgnbd: Record<string, number>;
      gammaGamma: Record<string, number>;
      customers: Record<string, unknown>[];
    };
    expect(Object.keys(out.bgnbd).sort()).toEqual(['a', 'alpha', 'b', 'logLik', 'r']);
    expect(Object.keys(out.gammaGamma).sort()).toEqual(expect.arrayContaining(['gamma', 'p', 'q']));
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLik: -9582.4 };
    for (const [name, value] of Object.entries(published)) expectRelative(out.bgnbd[name]!, value, 0.005);
    for (const [name, value] of Object.entries({ p: 6.25, q: 3.74, gamma: 15.44 })) expectRelative(out.gammaGamma[name]!, value, 0.005);
    expect(out.customers).toHaveLength(2357);
    for (const customer of out.customers) {
      for (const key of ['id', 'x', 't_x', 'T', 'expectedPurchases', 'pAlive', 'expectedSpend', 'clv', 'tier']) expect(customer).toHaveProperty(key);
      expect(['strategic', 'at-risk', 'growth', 'core', 'prospect']).toContain(customer.tier);
    }
    const customer1 = out.customers.find((c) => c.id === '1')!;
    expect(Math.abs((customer1.expectedPurchases as number) - 1.226)).toBeLessThanOrEqual(0.005);
  });
});

describe('clv command line', () => {
  const work = mkdtempSync(join(tmpdir(), 'clv-test-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('documents its usage with --help', () => {
    const run = clv('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: npm run -s clv -- fit FILE --format cdnow\|csv --calibration-end/);
  });

  it('rejects bad arguments with a message and exit code 2', () => {
    for (const args of [
      ['fit'],
      ['fit', 'x.csv', '--format', 'xml', '--calibration-end', '2024-01-01'],
      ['fit', 'x.csv', '--format', 'csv', '--calibration-end', '2024-13-01'],
      ['fit', join(work, 'missing.csv'), '--format', 'csv', '--calibration-end', '2024-01-01', '--horizon-weeks', '4'],
      ['fit', 'x.csv', '--frmat', 'csv'],
    ]) {
      const run = clv(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^clv: .+/m);
      expect(run.stdout).toBe('');
    }
  });

  it('falls back on a small CSV: fitted false, a reason, and null model numbers', () => {
    const file = join(work, 'small.csv');
    writeFileSync(file, 'contact,date,amount\nann,2024-01-02,10\nann,2024-02-02,15\nbob,2024-01-05,99\n');
    const run = clv('fit', file, '--format', 'csv', '--calibration-end', '2024-03-01', '--horizon-weeks', '13');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ fitted: false, bgnbd: null, gammaGamma: null });
    expect(out.reason).toMatch(/repeat purchase/);
    expect(out.customers.map((c: { id: string }) => c.id)).toEqual(['bob', 'ann']);
    expect(out.customers[0]).toMatchObject({ expectedPurchases: null, pAlive: null, expectedSpend: null, clv: null });
  });

  it('reports bad rows with line numbers and exit code 1', () => {
    const file = join(work, 'bad.csv');
    writeFileSync(file, 'contact,date,amount\nann,2024-01-02,ten\n');
    const run = clv('fit', file, '--format', 'csv', '--calibration-end', '2024-03-01');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/line 2: bad amount "ten"/);
  });
});
