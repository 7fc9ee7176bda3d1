/**
 * Issue 17's numbered vCard defects, each from a file of the same shape written here
 * (test/fixtures/io/issue17/): the importer read them wrongly before the fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseImportFile } from '../../../../lib/io/formats';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/io/issue17/${name}`, import.meta.url)));
const read = (name: string) => parseImportFile(fixture(name), { fileName: name });

describe('issue 17: vCard text comes in as written', () => {
  it('1. decodes each property by its own CHARSET, in a file read as Windows-1252', async () => {
    const parsed = await read('charset-shift-jis-21.vcf');
    expect(parsed.notices[0]).toMatch(/Windows-1252/);
    expect(parsed.contacts).toMatchObject([
      { name: '安藤ロイド', phones: ['090-1234-5678'], note: 'メモ' },
      // A property without a CHARSET keeps the file's reading.
      { name: 'René Café' },
    ]);
  });

  it('2. keeps commas and semicolons in 2.1 and 3.0 single text values', async () => {
    const parsed = await read('text-commas.vcf');
    expect(parsed.contacts).toMatchObject([
      {
        name: 'Bäckerei Huber, Inh. Josef Huber',
        title: 'Meister; Inhaber',
        note: 'Liefert jeden Montag. Bestellung bis Freitag 12 Uhr, bitte telefonisch bestätigen.',
      },
      { name: 'Huber, Josef', title: 'Baker, Owner', note: 'Delivers Mondays, order by Friday; call first.' },
    ]);
  });

  it('3. unfolds a line folded inside its parameters before reading name and parameters', async () => {
    const parsed = await read('folded-parameters.vcf');
    expect(parsed.contacts).toHaveLength(1);
    const [frank] = parsed.contacts;
    expect(frank).toMatchObject({
      name: 'Frank Dawson',
      emails: ['frank_dawson@lotus.com', 'fdawson@earthlink.net'],
      phones: ['+1-919-676-9515', '+1-919-676-9564'],
      location: 'Raleigh, NC, U.S.A.',
    });
    expect(frank!.addresses).toEqual([{ type: 'work,postal,parcel', street: '6544 Battleford Drive', locality: 'Raleigh', region: 'NC', postalCode: '27613-3502', country: 'U.S.A.' }]);
    expect(parsed.notices.join(' ')).not.toMatch(/unreadable/);
  });

  it('4. reads card bodies without BEGIN:VCARD as vCards, and says when a file is neither', async () => {
    expect(detectFormat('contacts.txt', new TextDecoder().decode(fixture('no-begin.vcf')))).toBe('vcard');
    const parsed = await read('no-begin.vcf');
    expect(parsed.format).toBe('vcard');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.contacts).toMatchObject([
      { line: 1, name: 'Forrest Gump', emails: ['forrestgump@example.com'], phones: ['(111) 555-1212'], company: 'Bubba Gump Shrimp Co.' },
      { line: 8, name: 'Jenny Curran', emails: ['jenny@example.com'] },
    ]);
    expect(parsed.notices.join(' ')).toMatch(/no BEGIN:VCARD lines/);
    // Plain text is neither a vCard nor a CSV: the file is refused with a message, not guessed.
    await expect(parseImportFile(new TextEncoder().encode('Dear Forrest,\nsee you on Monday.\n'))).rejects.toThrow(/Unknown file format/);
  });

  it('5. takes the address out of `"Name" <address>` and the name when the card has none', async () => {
    const parsed = await read('email-display-name.vcf');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.contacts).toMatchObject([
      { name: 'Omega', emails: ['omega@example.com'] },
      { name: 'Alpha Beta', emails: ['alpha@example.com'] },
    ]);
  });

  it('7. keeps backslashes of vCard 2.1 text: only `\\;` in a structured value is an escape', async () => {
    const parsed = await read('backslash-21.vcf');
    expect(parsed.contacts).toMatchObject([{ name: 'A;B\\C\\;D:E\\\\' }]);
  });

  it('keeps a card\'s second ORG and TITLE in its note (a contact holds one company and one title)', async () => {
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Forrest Gump', 'ORG:Bubba Gump Shrimp Co.;Sales', 'ORG:Organization2', 'TITLE:Shrimp Man', 'TITLE:Title2', 'NOTE:Met in Greenbow', 'END:VCARD', ''].join('\r\n');
    const parsed = await parseImportFile(new TextEncoder().encode(card), { fileName: 'two-orgs.vcf' });
    expect(parsed.contacts).toMatchObject([{ company: 'Bubba Gump Shrimp Co.', title: 'Shrimp Man', note: 'Met in Greenbow\n\nAlso organization: Organization2\nAlso title: Title2' }]);
  });
});
