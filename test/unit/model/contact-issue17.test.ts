/**
 * Issue 17's two new contact fields are bounded like every other (issue 16: limits wherever data
 * enters, the server checking the same model), and lib/db keeps them consistent with the phones.
 */
import { describe, expect, it } from 'vitest';
import { withIndexKeys } from '@/lib/db/contact-keys';
import { mergedContact } from '@/lib/db/merge-contacts';
import { addressLine, Contact, CONTACT_FIELD_LIMITS, phoneAsWritten } from '@/lib/model';
import { modelProblem, SYNCED_FIELDS } from '@/lib/sync/shared/protocol';

const base = { id: 'c1', createdAt: 1, updatedAt: 1 };
const phoneText = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`+1555000${i}`, `+1 555 000 ${i}`]));

describe('Contact.phoneText and Contact.addresses (issue 17)', () => {
  it('are bounded: 50 phone spellings of 40 characters, 10 addresses of 300-character parts', () => {
    expect(Contact.safeParse({ ...base, phoneText: phoneText(50) }).success).toBe(true);
    expect(Contact.safeParse({ ...base, phoneText: phoneText(51) }).success).toBe(false);
    expect(Contact.safeParse({ ...base, phoneText: { '+15550000': 'x'.repeat(41) } }).success).toBe(false);
    const address = { type: 'home', street: '1 Main St' };
    expect(Contact.safeParse({ ...base, addresses: Array.from({ length: CONTACT_FIELD_LIMITS.addresses }, () => address) }).success).toBe(true);
    expect(Contact.safeParse({ ...base, addresses: Array.from({ length: 11 }, () => address) }).success).toBe(false);
    expect(Contact.safeParse({ ...base, addresses: [{ street: 'x'.repeat(301) }] }).success).toBe(false);
    expect(Contact.safeParse({ ...base, addresses: [{ street: '' }] }).success).toBe(false);
  });

  it('are synced fields the server checks with the same model', () => {
    const write = (value: unknown) => ({ value, hlc: '0000000000001:0000:client' }) as never;
    expect(SYNCED_FIELDS.contacts).toEqual(expect.arrayContaining(['phoneText', 'addresses']));
    expect(modelProblem('contacts', { phoneText: write(phoneText(51)) })).toMatch(/phone spellings/);
    expect(modelProblem('contacts', { addresses: write([{ street: 'x'.repeat(301) }]) })).toMatch(/addresses/);
    expect(modelProblem('contacts', { phoneText: write(phoneText(2)), addresses: write([{ type: 'work', locality: 'Roanoke' }]) })).toBeUndefined();
  });

  it('keep a phone text only while its phone is there; a merge keeps both sides', () => {
    const contact = Contact.parse({ ...base, phones: ['180035374268'], phoneText: { '180035374268': '1 800 ELEPHANT', gone: 'old' } });
    const indexed = withIndexKeys(contact);
    expect(indexed.phoneText).toEqual({ '180035374268': '1 800 ELEPHANT' });
    expect(phoneAsWritten(indexed, '180035374268')).toBe('1 800 ELEPHANT');
    expect(withIndexKeys({ ...indexed, phones: [] }).phoneText).toBeUndefined();

    const other = Contact.parse({ ...base, id: 'c2', phones: ['p1234p5678w9'], phoneText: {}, addresses: [{ type: 'home', locality: 'Lisbon' }] });
    const withText = Contact.parse({ ...other, phoneText: { p1234p5678w9: 'p1234 p5678 w9' } });
    const merged = mergedContact(indexed, withText, {}, 2);
    expect(merged.phones).toEqual(['180035374268', 'p1234p5678w9']);
    expect(merged.phoneText).toEqual({ '180035374268': '1 800 ELEPHANT', p1234p5678w9: 'p1234 p5678 w9' });
    expect(merged.addresses).toEqual([{ type: 'home', locality: 'Lisbon' }]);
    expect(addressLine(merged.addresses![0]!)).toBe('Home: Lisbon');
  });
});
