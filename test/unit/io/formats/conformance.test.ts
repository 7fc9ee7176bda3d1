/**
 * Real exports no one here wrote (../shared/conformance): every file imports, and each person's
 * name, emails, phones, organisation and title come through. The expectations were written by
 * reading the files, not by running the importer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../../lib/io/formats';
import type { ImportedContact } from '../../../../lib/io/types';
import { requireSharedSet } from '../../../shared-data';

type Person = Partial<Pick<ImportedContact, 'name' | 'emails' | 'phones' | 'company' | 'title' | 'location' | 'avatarUrl'>>;

interface Expected {
  format: string;
  rows: number;
  contacts: Person[];
  /** Lines of the rows or cards rejected. */
  rejected?: number[];
  encoding?: string;
}

const N = (count: number, sep = ' ') => Array.from({ length: count }, () => 'Ñ').join(sep);
const IBM_JOHN = { emails: ['john.doe@ibm.com'], company: 'IBM', title: 'Money Counter' };

const VCARDS: Record<string, Expected> = {
  'John_Doe_ANDROID.vcf': {
    format: 'vcard',
    rows: 6,
    contacts: [
      { emails: ['john.doe@company.com'], phones: [] },
      { emails: ['jane.doe@company.com'], phones: [] },
      { name: N(5), phones: ['123456789'] },
      { name: N(11), phones: ['123456', '234567', '3456789', '45678901'] },
      // The second EMAIL is quoted-printable "ÑÑÑ…": not an address, dropped.
      { name: N(4), emails: ['bob@company.com'], phones: ['123456'], company: N(12, '') },
      { name: N(4, ''), emails: ['henry@company.com'], phones: ['55556666'], company: N(44, '') },
    ],
  },
  'John_Doe_BLACK_BERRY.vcf': { format: 'vcard', rows: 1, contacts: [{ name: 'John Doe', phones: ['+96123456789'], company: 'Acme Solutions' }] },
  'John_Doe_EVOLUTION.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'Mr. John Richter, James Doe Sr.', ...IBM_JOHN, phones: ['905-666-1234', '905-555-1234'] }],
  },
  'John_Doe_GMAIL.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'Mr. John Richter, James Doe Sr.', ...IBM_JOHN, phones: ['905-555-1234', '905-666-1234'] }],
  },
  'John_Doe_IPHONE.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'Mr. John Richter James Doe Sr.',
        ...IBM_JOHN,
        phones: ['905-555-1234', '905-666-1234', '905-777-1234', '905-888-1234', '905-999-1234', '905-111-1234', '905-222-1234'],
      },
    ],
  },
  'John_Doe_LOTUS_NOTES.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'Mr. Doe John I Johny',
        emails: ['john.doe@ibm.com', 'billy_bob@gmail.com'],
        phones: ['+1 (212) 204-34456', '00-1-212-555-7777'],
        company: 'IBM',
        title: 'Generic Accountant',
      },
    ],
  },
  'John_Doe_MAC_ADDRESS_BOOK.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'Mr. John Richter,James Doe Sr.',
        ...IBM_JOHN,
        phones: ['905-777-1234', '905-666-1234', '905-555-1234', '905-888-1234', '905-999-1234', '905-111-1234', '905-222-1234'],
      },
    ],
  },
  'John_Doe_MS_OUTLOOK.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'Mr. John Richter James Doe Sr.', emails: ['john.doe@ibm.cm'], phones: ['(905) 555-1234', '(905) 666-1234'], company: 'IBM', title: 'Money Counter' }],
  },
  'fullcontact.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'Prefix FirstName MiddleName LastName Suffix',
        emails: ['home@example.com', 'work@example.com', 'school@example.com', 'other@example.com', 'custom@example.com'],
        phones: ['555-555-1111', '555-555-1112', '555-555-1113', '555-555-1114', '555-555-1115', '555-555-1116', '555-555-1117', '555-555-1118', '555-555-1119'],
        company: 'Organization1',
        title: 'Title1',
        avatarUrl: 'https://d3m0kzytmr41b1.cloudfront.net/c335e945d1b60edd9d75eb4837c432f637e95c8a',
      },
    ],
  },
  'gmail-list.vcf': {
    format: 'vcard',
    rows: 3,
    contacts: [
      { name: 'Arnold Smith', emails: ['asmithk@gmail.com'] },
      { name: 'Chris Beatle', emails: ['chrisy55d@yahoo.com'] },
      { name: 'Doug White', emails: ['dwhite@gmail.com'] },
    ],
  },
  'gmail-single.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'Greg Dartmouth', emails: ['gdartmouth@hotmail.com'], phones: ['555 555 1111', '555 555 2222'], company: 'TheCompany', title: 'TheJobTitle' }],
  },
  'gmail-single2.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'VCard Test',
        emails: ['email@example.com', 'homeemail@example.com', 'workemail@example.com', 'otheremail@example.com', 'customcategory@example.com'],
        phones: Array.from({ length: 11 }, (_, i) => `55555511${String(11 + i)}`),
        company: 'TheCompany',
        title: 'TheJobTitle',
      },
    ],
  },
  // Its phones are the words "BusinessPhone", "HomePhone"…: no digits, so not phone numbers.
  'outlook-2003.vcf': { format: 'vcard', rows: 1, contacts: [{ name: 'John Doe III', emails: ['jdoe@hotmail.com'], phones: [], company: 'Company, The', title: 'The Job Title' }] },
  'outlook-2007.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'Mr. Michael Angstadt Jr.',
        emails: ['mike.angstadt@gmail.com'],
        phones: ['(111) 555-1111', '(111) 555-2222', '(111) 555-4444', '(111) 555-3333'],
        company: 'TheCompany',
        title: 'TheJobTitle',
      },
    ],
  },
  'rfc2426-example.vcf': {
    format: 'vcard',
    rows: 2,
    contacts: [
      { name: 'Frank Dawson', emails: ['frank_dawson@lotus.com', 'fdawson@earthlink.net'], phones: ['+1-919-676-9515', '+1-919-676-9564'], company: 'Lotus Development Corporation' },
      { name: 'Tim Howes', emails: ['howes@netscape.com'], phones: ['+1-415-937-3419', '+1-415-528-4164'], company: 'Netscape Communications Corp.' },
    ],
  },
  'rfc6350-example.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'Simon Perreault', emails: ['simon.perreault@viagenie.ca'], phones: ['+1-418-656-9254 ext. 102', '+1-418-262-6501'], company: 'Viagenie' }],
  },
  'thunderbird-MoreFunctionsForAddressBook-extension.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'John Doe',
        emails: ['doe.john@hotmail.com', 'additional-email@company.com', 'additional-email1@company.com', 'additional-email2@company.com', 'additional-email3@company.com'],
        phones: ['555-555-1111', '555-555-2222', '555-555-5555', '555-555-3333', '555-555-4444'],
        company: 'TheOrganization',
        title: 'TheTitle',
      },
    ],
  },
};

const ICALJS: Record<string, Expected> = {
  'vcard.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'J. Doe', emails: ['jqpublic@xyz.example.com'], phones: ['+33-01-23-45-67'], company: 'ABC, Inc.', title: 'Research Scientist', avatarUrl: 'http://www.example.com/pub/photos/jqpublic.gif' }],
  },
  'vcard3.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [
      {
        name: 'Mr. John Q. Public, Esq.',
        emails: ['jqpublic@xyz.dom1.com', 'jdoe@isp.net', 'jane_doe@abc.com'],
        phones: ['+1-213-555-1234'],
        company: 'ABC, Inc.',
        title: 'Director, Research and Development',
        avatarUrl: 'http://www.abc.com/pub/photos/jqpublic.gif',
      },
    ],
  },
  'vcard_author.vcf': { format: 'vcard', rows: 1, contacts: [{ name: 'Simon Perreault', emails: ['simon.perreault@viagenie.ca'], company: 'Viagenie' }] },
  // Two addresses and nothing else: no name, email or phone to know the person by.
  'vcard_grouped.vcf': { format: 'vcard', rows: 1, contacts: [], rejected: [1] },
  'escape_semicolon.vcf': {
    format: 'vcard',
    rows: 1,
    contacts: [{ name: 'First Last NextCloud', emails: ['home@gmx.de', 'work@gmx.de'], phones: ['11111111', '205333', '205246;;,;', '222222'], company: 'Firma' }],
  },
};

const CSVS: Record<string, Expected> = {
  'google-contacts.csv': {
    format: 'google-csv',
    rows: 4,
    contacts: [
      {
        name: 'Zoë Brückner',
        emails: ['zoe.brueckner@kessler-mb.de', 'zoe.b@posteo.de'],
        phones: ['+49 151 2345 6789', '+49 711 98765-0'],
        company: 'Kessler Maschinenbau GmbH',
        title: 'Einkaufsleiterin',
        location: 'Stuttgart, BW, Deutschland',
      },
      { name: "Marcus J. O'Neill", emails: ['marcus.oneill@haldenprice.com'], phones: ['(617) 555-0133', '(617) 555-0134'], company: 'Halden, Price & Co.', title: 'Partner, Tax' },
      { emails: ['invoices@northwind-traders.com'], phones: [] },
      { name: 'Aiko Sato', emails: [], phones: ['+81 90-1234-5678'] },
    ],
  },
  'outlook-contacts.csv': {
    format: 'outlook-csv',
    rows: 2,
    contacts: [
      {
        name: 'Fatima Haddad',
        emails: ['fatima.haddad@levant-logistics.com', 'f.haddad@gmail.com'],
        phones: ['+971 4 555 0199', '+971 50 555 0142'],
        company: 'Levant Logistics LLC',
        title: 'Regional Sales Director',
        location: 'Dubai, United Arab Emirates',
      },
      { name: 'Henrik Lund', emails: ['henrik.lund@fjordsoft.no'], phones: ['+47 22 55 01 00'], company: 'Fjordsoft AS', title: 'CTO', location: 'Oslo, Norway' },
    ],
  },
  'linkedin-connections.csv': {
    format: 'linkedin-csv',
    rows: 4,
    contacts: [
      { name: 'Priya Natarajan', emails: [], company: 'Northwind Robotics', title: 'Talent Partner' },
      { name: 'Kwame Mensah', emails: ['kwame.mensah@outlook.com'], company: 'Accra Digital Works, Ltd.', title: 'Lead Engineer, Payments' },
      { name: 'Élodie Fournier', emails: [] },
    ],
    rejected: [8],
  },
  'hubspot-contacts.csv': {
    format: 'hubspot-csv',
    rows: 3,
    contacts: [
      { name: 'Grace Mbeki', emails: ['grace.mbeki@kestrelbank.co.za'], phones: ['+27 21 555 0100'], company: 'Kestrel Bank', title: 'Chief Data Officer' },
      { name: 'Tom Merrill', emails: ['tom@ridgelinecap.com'], phones: [], company: 'Ridgeline Capital', title: 'General Partner' },
    ],
    rejected: [4],
  },
};

const TB = 'mailnews/import/test/unit/resources';
const JOHN_JANE = [
  { name: 'John Doe', emails: ['john@doe.invalid'] },
  { name: 'Jane Doe', emails: ['jane@doe.invalid'] },
];
const THUNDERBIRD: Record<string, Expected> = {
  [`${TB}/basic_csv_addressbook.csv`]: { format: 'csv', rows: 2, contacts: JOHN_JANE },
  [`${TB}/csv_semicolon.csv`]: { format: 'csv', rows: 2, contacts: JOHN_JANE },
  [`${TB}/csv_no_header.csv`]: { format: 'csv', rows: 2, contacts: JOHN_JANE },
  [`${TB}/basic_addressbook.csv`]: { format: 'csv', rows: 1, contacts: [{ name: 'John Doe', emails: ['johndoe@host.invalid'] }] },
  [`${TB}/quote.csv`]: { format: 'csv', rows: 1, contacts: [{ name: 'Acer America', phones: ['(800) 000-0000'], company: 'Acer America' }] },
  [`${TB}/shiftjis_addressbook.csv`]: { format: 'csv', rows: 1, encoding: 'shift_jis', contacts: [{ name: '名無しの権兵衛', emails: ['名無しの権兵衛@host.invalid'] }] },
  [`${TB}/utf16_addressbook.csv`]: { format: 'csv', rows: 1, contacts: [{ name: 'John Doe', emails: ['johndoe@host.invalid'] }] },
  // Line 1 uses commas, lines 2–4 tabs: tabs win, so line 1 is one cell (its address is read
  // from it) and lines 2–4 have no usable column under the mapping guessed from line 1.
  [`${TB}/tab_comma_mixed.csv`]: { format: 'csv', rows: 4, contacts: [{ emails: ['1@host.invalid'] }], rejected: [2, 3, 4] },
  // "contact1@invalid" has no top-level domain: dropped, the named row kept.
  'mail/components/addrbook/test/browser/data/import.csv': { format: 'csv', rows: 1, contacts: [{ name: 'contact number one', emails: [] }] },
  'mailnews/addrbook/test/unit/data/export.csv': {
    format: 'csv',
    rows: 2,
    contacts: [{ name: 'contact number one' }, { name: 'contact number two', title: '"worker"' }],
  },
  'mailnews/addrbook/test/unit/data/export.txt': {
    format: 'csv',
    rows: 2,
    contacts: [{ name: 'contact number one' }, { name: 'contact number two', title: '"worker"' }],
  },
  [`${TB}/basic_vcard_addressbook.vcf`]: {
    format: 'vcard',
    rows: 2,
    contacts: [
      { name: 'John Doe', emails: ['john.doe@genericemail.invalid'] },
      { name: 'Jane Doe', emails: ['jane.doe@genericemail.invalid'] },
    ],
  },
  [`${TB}/dos_vcard_addressbook.vcf`]: { format: 'vcard', rows: 1, contacts: [{ name: 'Name Surname', emails: ['example@gmail.com'] }] },
  [`${TB}/emptylines_vcard_addressbook.vcf`]: {
    format: 'vcard',
    rows: 2,
    contacts: [
      { name: 'John Doe', emails: ['john.doe@genericemail.invalid'] },
      { name: 'Jane Doe', emails: ['jane.doe@genericemail.invalid'] },
    ],
  },
};

function checkSet(folder: string[], files: Record<string, Expected>) {
  const dir = requireSharedSet(...folder);
  for (const [file, expected] of Object.entries(files)) {
    it(file, async ({ skip }) => {
      if (!dir) return skip();
      const bytes = new Uint8Array(readFileSync(join(dir, file)));
      const result = await parseImportFile(bytes, { fileName: file, ...(expected.encoding ? { encoding: expected.encoding } : {}) });
      expect(result.format).toBe(expected.format);
      expect(result.rows).toBe(expected.rows);
      expect(result.contacts).toMatchObject(expected.contacts);
      expect(result.rejected.map((row) => row.line)).toEqual(expected.rejected ?? []);
    });
  }
}

describe('conformance: vCard exports (ez-vcard, Cardme)', () => checkSet(['conformance', 'vcard'], VCARDS));
describe('conformance: ical.js vCard fixtures', () => checkSet(['conformance', 'vcard-icaljs'], ICALJS));
describe('conformance: contact CSV exports', () => checkSet(['conformance', 'csv'], CSVS));
describe('conformance: Thunderbird import tests', () => checkSet(['conformance', 'csv-thunderbird-import-tests'], THUNDERBIRD));

describe('conformance: Thunderbird photo cards', () => {
  it('imports every PHOTO variant; only http(s) links are kept', async ({ skip }) => {
    const dir = requireSharedSet('conformance', 'csv-thunderbird-import-tests', 'mailnews', 'addrbook', 'test', 'unit', 'data');
    if (!dir) return skip();
    for (const kind of ['jpeg', 'png', 'webp']) {
      for (const variant of ['v3-binary', 'v3-uri-binary', 'v3-uri-uri', 'v4-uri']) {
        const result = await parseImportFile(new Uint8Array(readFileSync(join(dir, `${variant}-${kind}.vcf`))));
        expect(result.contacts, `${variant}-${kind}`).toHaveLength(1);
        expect(result.contacts[0]!.avatarUrl, `${variant}-${kind}`).toBeUndefined();
        expect(result.notices.join(' '), `${variant}-${kind}`).toContain('embedded photos dropped');
      }
    }
  });
});
