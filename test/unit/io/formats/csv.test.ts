import { describe, expect, it } from 'vitest';
import {
  contactsToCsv,
  csvRowChunks,
  escapeFormula,
  guessMapping,
  headerSignature,
  parseContactsCsv,
  parseImportFile,
  unescapeFormula,
} from '../../../../lib/io/formats';

const encode = (text: string) => new TextEncoder().encode(text);

describe('CSV rows', () => {
  it('gives each row its physical line, counting quoted newlines', () => {
    const text = 'Name,Notes\r\nAda,"line one\r\nline two\r\nline three"\r\nGrace,plain\r\n\r\nLinus,"a\nb"\r\n';
    const rows = [...csvRowChunks(text, ',')].flatMap((chunk) => chunk.rows);
    expect(rows.map((row) => [row.line, row.cells[0]])).toEqual([
      [1, 'Name'],
      [2, 'Ada'],
      [5, 'Grace'],
      [6, ''],
      [7, 'Linus'],
      // The final line break ends the file with an empty row, which importers skip.
      [9, ''],
    ]);
    expect(rows[1]!.cells[1]).toBe('line one\r\nline two\r\nline three');
  });

  it('gives the same rows and lines whatever the chunk size', () => {
    const lines = ['Name,Email,Notes'];
    for (let i = 0; i < 200; i += 1) lines.push(i % 7 === 0 ? `P${i},p${i}@x.org,"multi\nline ${i}"` : `P${i},p${i}@x.org,n${i}`);
    const text = lines.join('\n');
    const read = (size?: number) => [...csvRowChunks(text, ',', size)].flatMap((chunk) => chunk.rows);
    const whole = read();
    expect(whole).toHaveLength(201);
    expect(read(64)).toEqual(whole);
    expect(read(7)).toEqual(whole);
    expect(whole.at(-1)!.line).toBe(201 + Math.floor(199 / 7) + 1);
  });
});

describe('contacts CSV', () => {
  it('detects ";" and tab delimiters', async () => {
    const semicolon = await parseContactsCsv('Name;Email;Company\nAda Lovelace;ada@example.org;Analytical, Ltd\n');
    expect(semicolon.contacts[0]).toMatchObject({ name: 'Ada Lovelace', emails: ['ada@example.org'], company: 'Analytical, Ltd' });
    const tab = await parseContactsCsv('Name\tE-mail\tPhone\nGrace Hopper\tgrace@navy.mil\t+1 202 555 0100\n');
    expect(tab.contacts[0]).toMatchObject({ name: 'Grace Hopper', emails: ['grace@navy.mil'], phones: ['+1 202 555 0100'] });
    expect(tab.notices).toContain('Columns separated by tabs.');
  });

  it('reads a UTF-8 BOM file and a Windows-1252 file alike', async () => {
    const utf8 = await parseImportFile(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('Name,Email\nJosé Müller,jose@example.de\n')]));
    expect(utf8.contacts[0]!.name).toBe('José Müller');
    const cp1252 = new Uint8Array([...encode('Name,Email\nJos'), 0xe9, 0x20, 0x4d, 0xfc, ...encode('ller,jose@example.de\n')]);
    const latin = await parseImportFile(cp1252);
    expect(latin.contacts[0]!.name).toBe('José Müller');
    expect(latin.notices[0]).toContain('Windows-1252');
  });

  it('rejects rows that identify nobody, with their line, and keeps the rest', async () => {
    const result = await parseContactsCsv('Name,Email,Phone\nAda,ada@example.org,\n,,\n,not-an-email,\nBob,bob@,\n,,+44 20 7946 0000\n');
    expect(result.rows).toBe(4);
    expect(result.rejected).toEqual([{ line: 4, reason: 'no name, email or phone (invalid email "not-an-email" dropped)' }]);
    expect(result.contacts.map((contact) => [contact.line, contact.name ?? null, contact.emails, contact.phones])).toEqual([
      [2, 'Ada', ['ada@example.org'], []],
      [5, 'Bob', [], []],
      [6, null, [], ['+44 20 7946 0000']],
    ]);
    expect(result.notices.join(' ')).toContain('1 invalid email addresses dropped, rows kept (line 5)');
  });

  it('rejects a row with a 1 MB cell, without crashing, and keeps the next row', async () => {
    const huge = 'x'.repeat(1_000_000);
    const result = await parseContactsCsv(`Name,Notes\nAda,"${huge}"\nGrace,short\n`);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.line).toBe(2);
    expect(result.rejected[0]!.reason).toContain('1,000,000 characters in column "Notes"');
    expect(result.contacts.map((contact) => contact.name)).toEqual(['Grace']);
  });

  it('rejects a truncated last row (unterminated quote) and keeps the rows before it', async () => {
    const result = await parseContactsCsv('Name,Email,Notes\nAda,ada@example.org,fine\nGrace,grace@navy.mil,"cut off in the mid');
    expect(result.contacts.map((contact) => contact.name)).toEqual(['Ada']);
    expect(result.rejected).toEqual([{ line: 3, reason: 'a quote is never closed (is the file cut short?)' }]);
  });

  it('keeps formula-like values from a foreign file as text, and an invalid formula email is rejected', async () => {
    const result = await parseContactsCsv('Name,Email\n=cmd|calc,=HYPERLINK("http://evil.example/x")\n,@SUM(A1)\n');
    expect(result.contacts[0]).toMatchObject({ name: '=cmd|calc', emails: [] });
    expect(result.rejected).toEqual([{ line: 3, reason: 'no name, email or phone (invalid email "@SUM(A1)" dropped)' }]);
  });

  it('skips LinkedIn\'s "Notes:" preamble and reads the header after it', async () => {
    const text = 'Notes:\n"When exporting, some emails, are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,01 Jan 2024\n';
    const result = await parseContactsCsv(text);
    expect(result.format).toBe('linkedin-csv');
    expect(result.contacts).toEqual([
      {
        line: 5,
        name: 'Ada Lovelace',
        emails: [],
        phones: [],
        company: 'Engines',
        title: 'Analyst',
        profiles: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ada' }],
        tags: [],
      },
    ]);
  });

  it('reads a file without a header by the values of its first row', async () => {
    const result = await parseContactsCsv('Ada Lovelace,Ada,Lovelace,ada@example.org\nGrace Hopper,Grace,Hopper,grace@navy.mil\n');
    expect(result.headers).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    expect(result.mapping).toEqual({ 'Column 1': 'name', 'Column 4': 'email' });
    expect(result.contacts.map((contact) => [contact.line, contact.name, contact.emails[0]])).toEqual([
      [1, 'Ada Lovelace', 'ada@example.org'],
      [2, 'Grace Hopper', 'grace@navy.mil'],
    ]);
  });

  it('applies a mapping the user chose instead of the guessed one', async () => {
    const text = 'Who,Reach at,Employer,Where\nAda,ada@example.org,Engines,London\n';
    const guessed = await parseContactsCsv(text);
    expect(guessed.mapping).toEqual({ Employer: 'company' });
    expect(guessed.rejected).toEqual([{ line: 2, reason: 'no name, email or phone' }]);
    const mapped = await parseContactsCsv(text, { mapping: { Who: 'name', 'Reach at': 'email', Employer: 'company', Where: 'location' } });
    expect(mapped.contacts[0]).toMatchObject({ name: 'Ada', emails: ['ada@example.org'], company: 'Engines', location: 'London' });
  });
});

describe('guessMapping and headerSignature', () => {
  it('maps the usual header names and leaves the rest unmapped', () => {
    expect(
      guessMapping(['Display Name', 'First Name', 'Surname', 'E-mail Address', 'Mobile Number', 'Fax Number', 'Organisation', 'Job Title', 'City', 'Web Page 1', 'Tags', 'Notes', 'Birthday']),
    ).toEqual({
      'Display Name': 'name',
      'First Name': 'firstName',
      Surname: 'lastName',
      'E-mail Address': 'email',
      'Mobile Number': 'phone',
      Organisation: 'company',
      'Job Title': 'title',
      City: 'location',
      'Web Page 1': 'profileUrl',
      Tags: 'tags',
      Notes: 'note',
    });
  });

  it('gives one key per layout, whatever the case or spacing, and another for other columns', () => {
    const key = headerSignature(['Name', 'E-mail', 'Phone']);
    expect(key).toMatch(/^csv-3-[0-9a-f]{8}$/);
    expect(headerSignature([' name', 'E-MAIL ', 'phone'])).toBe(key);
    expect(headerSignature(['Name', 'Phone', 'E-mail'])).not.toBe(key);
    expect(headerSignature(['Name', 'E-mail'])).not.toBe(key);
  });
});

describe('formula-injection escape', () => {
  it('escapes cells starting with = + - @ tab or CR, and takes the escape off again', () => {
    for (const value of ['=1+1', '+49 30 1234', '-5', '@SUM(A1)', '\tx', '\rx', "'=x", "''+x"]) {
      expect(escapeFormula(value).startsWith("'")).toBe(true);
      expect(unescapeFormula(escapeFormula(value))).toBe(value);
    }
    for (const value of ['Ada', "O'Neill", "'quoted'", '']) {
      expect(escapeFormula(value)).toBe(value);
      expect(unescapeFormula(value)).toBe(value);
    }
  });

  it('never writes a cell a spreadsheet would run, and reads the export back exactly', async () => {
    const contact = {
      name: '=HYPERLINK("http://evil.example","x") Smith',
      emails: ['a@example.org'],
      phones: ['+49 30 1234567'],
      company: '@risk',
      title: '-CEO-',
      profiles: [],
      tags: ['+vip'],
    };
    const csv = contactsToCsv([contact]);
    const cells = csv.split('\r\n')[1]!.split(',');
    expect(cells.filter((cell) => /^"?[=+\-@\t\r]/.test(cell))).toEqual([]);
    const back = await parseImportFile(encode(csv));
    expect(back.contacts[0]).toMatchObject(contact);
  });
});
