import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/io/${name}`, import.meta.url));

function runIo(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'tools/io.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
}

describe('npm run io', () => {
  it('inspect prints the preview: format, rows, contacts, rejected with lines', () => {
    const result = runIo('inspect', fixture('semicolon-contacts.csv'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const preview = JSON.parse(result.stdout);
    expect(Object.keys(preview).slice(0, 4)).toEqual(['format', 'rows', 'contacts', 'rejected']);
    expect(preview).toMatchObject({
      format: 'csv',
      rows: 2,
      contacts: [{ line: 2, name: 'Ada Lovelace', emails: ['ada@example.org'], phones: ['+44 20 7946 0000'], company: 'Analytical Engines' }],
      rejected: [{ line: 4, reason: 'no name, email or phone (invalid email "not-an-email" dropped)' }],
      headers: ['Name', 'Email', 'Phone', 'Company'],
    });
  });

  it('inspect applies --mapping and --currency', () => {
    const mapped = runIo('inspect', fixture('semicolon-contacts.csv'), '--mapping', '{"Company":"name"}');
    expect(JSON.parse(mapped.stdout).contacts.map((c: { name: string }) => c.name)).toEqual(['Analytical Engines']);
    const money = runIo('inspect', fixture('transactions.csv'), '--currency', 'eur');
    expect(JSON.parse(money.stdout)).toMatchObject({
      format: 'transactions-csv',
      rows: 1,
      transactions: [{ line: 2, contact: { email: 'ada@example.org' }, amount: 1250, currency: 'EUR', at: Date.UTC(2024, 2, 5) }],
    });
  });

  it('convert writes vCard, CSV and a backup JSON to stdout', () => {
    const vcard = runIo('convert', fixture('semicolon-contacts.csv'), '--to', 'vcard');
    expect(vcard.status).toBe(0);
    expect(vcard.stdout).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(vcard.stdout).toContain('FN:Ada Lovelace\r\n');
    expect(vcard.stdout).toContain('EMAIL:ada@example.org\r\n');
    const csv = runIo('convert', fixture('semicolon-contacts.csv'), '--to', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^\uFEFFFirst Name,Middle Name,Last Name,/);
    // The phone as the file wrote it (issue 17, item 6: exports keep the original; the backup
    // keeps E.164 as the key beside it); the formula escape keeps the leading + from a spreadsheet.
    expect(csv.stdout).toContain("'+44 20 7946 0000");
    const json = runIo('convert', fixture('semicolon-contacts.csv'), '--to', 'json');
    const backup = JSON.parse(json.stdout);
    expect(backup.format).toBe('sidebar-crm-backup');
    expect(backup.tables.contacts).toHaveLength(1);
    expect(backup.tables.contacts[0]).toMatchObject({
      name: 'Ada Lovelace',
      emails: ['ada@example.org'],
      phones: ['+442079460000'],
      phoneText: { '+442079460000': '+44 20 7946 0000' },
    });
  });

  it('fails with exit code 1 and a message, no stack, on an unreadable file or an unknown format', () => {
    const missing = runIo('inspect', 'no-such-file.csv');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read no-such-file.csv');
    const json = join(tmpdir(), `io-cli-${process.pid}.json`);
    writeFileSync(json, '{"hello":"world"}');
    const unknown = runIo('inspect', json);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown file format');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('fails with exit code 2 on usage errors', () => {
    expect(runIo().status).toBe(2);
    expect(runIo('explode', fixture('transactions.csv')).stderr).toContain('unknown command "explode"');
    expect(runIo('convert', fixture('transactions.csv')).stderr).toContain('convert needs --to csv, vcard, vcard3 or json');
    expect(runIo('inspect', fixture('transactions.csv'), '--mapping', '{"a":"nope"}').status).toBe(2);
    expect(runIo('inspect', fixture('transactions.csv'), '--currency', 'euro').status).toBe(2);
  });
});
