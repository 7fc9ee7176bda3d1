/**
 * Issue 17, items 6 and 8, from files of the same shape written here (test/fixtures/io/issue17):
 * the preview, the stored contact (backup/convert --to json) and the exports agree on phones as
 * written, and a home and a work address stay two addresses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contactsToCsv, contactsToVcard, parseImportFile } from '../../../../lib/io/formats';
import { recordsFromImport } from '../../../../lib/io/records';
import { phoneAsWritten } from '../../../../lib/model';

const read = (name: string) => parseImportFile(new Uint8Array(readFileSync(new URL(`../../../fixtures/io/issue17/${name}`, import.meta.url))), { fileName: name });

describe('issue 17, item 6: a phone is stored by its E.164 key with the text it was written as', () => {
  it('keeps vanity letters, pauses and waits and label text beside the key, and exports them', async () => {
    const parsed = await read('phones.csv');
    // The preview shows the phones as the file wrote them.
    expect(parsed.contacts.map((c) => c.phones)).toEqual([
      ['1 800 ELEPHANT', 'p1234p5678w9', '1234 business phone 2'],
      ['+44 20 7946 0000', '+1 650 253 0000,123;45'],
    ]);
    const { contacts } = recordsFromImport(parsed, 1_700_000_000_000);
    expect(contacts.map((c) => c.phones)).toEqual([
      ['180035374268', 'p1234p5678w9', '12342'],
      ['+442079460000', '+16502530000p123w45'],
    ]);
    // What the options page stores and the backup holds shows exactly what the preview showed.
    expect(contacts.map((c) => c.phones.map((phone) => phoneAsWritten(c, phone)))).toEqual(parsed.contacts.map((c) => c.phones));
    expect(contacts[0]!.phoneText).toEqual({ '180035374268': '1 800 ELEPHANT', '12342': '1234 business phone 2' });

    for (const exported of [contactsToCsv(contacts), contactsToVcard(contacts), contactsToVcard(contacts, { version: '3.0' })]) {
      const again = await parseImportFile(new TextEncoder().encode(exported));
      expect(again.contacts.map((c) => c.phones)).toEqual(parsed.contacts.map((c) => c.phones));
    }
  });
});

describe('issue 17, item 8: the work address is the location, every address is kept and exported', () => {
  const anne = {
    home: { type: 'home', street: '9250 Wilshire Blvd', extended: 'Suite 1', locality: 'Beverly Hills', region: 'CA', postalCode: '90212', country: 'USA' },
    work: { type: 'work', street: '1 Main St', locality: 'Roanoke', region: 'VA', postalCode: '24011', country: 'second Country Canada' },
  };

  it('reads a CSV with home and work columns as two addresses', async () => {
    const parsed = await read('addresses.csv');
    expect(parsed.contacts).toHaveLength(1);
    expect(parsed.contacts[0]).toMatchObject({ name: 'Anne Home', location: 'Roanoke, VA, second Country Canada', addresses: [anne.home, anne.work] });
  });

  it('reads a vCard with three ADRs: work as the location, all kept but one the location holds whole', async () => {
    const parsed = await read('addresses.vcf');
    expect(parsed.contacts[0]).toMatchObject({
      location: 'Roanoke, VA, second Country Canada',
      addresses: [anne.home, anne.work, { type: 'other', locality: 'Lisbon', country: 'Portugal' }],
    });
  });

  it('exports the addresses and location back: CSV, vCard 3.0 and 4.0 import the same again', async () => {
    const { contacts } = recordsFromImport(await read('addresses.vcf'), 1_700_000_000_000);
    expect(contacts[0]).toMatchObject({ location: 'Roanoke, VA, second Country Canada', addresses: [anne.home, anne.work, { type: 'other' }] });
    for (const exported of [contactsToCsv(contacts), contactsToVcard(contacts), contactsToVcard(contacts, { version: '3.0' })]) {
      const again = await parseImportFile(new TextEncoder().encode(exported));
      expect(again.contacts[0]!.location).toBe(contacts[0]!.location);
      expect(again.contacts[0]!.addresses).toEqual(contacts[0]!.addresses);
    }
  });
});
