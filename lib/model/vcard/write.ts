/**
 * Stored contacts → vCard 4.0 (RFC 6350) or 3.0 (RFC 2426), written by ical.js from jCard so
 * escaping and line folding follow the standard. One mapping for the file export (lib/io) and the
 * server's address book (CardDAV, issue 20); importing the output back gives the same fields.
 * Pure: no I/O.
 */
import ICAL from 'ical.js';
import { type Contact, phoneAsWritten } from '../contact';
import { addressesForExport } from './addresses';
import { splitName } from './names';

/** The fields an export writes. */
export type ExportableContact = Pick<
  Contact,
  'name' | 'emails' | 'phones' | 'phoneText' | 'company' | 'title' | 'location' | 'addresses' | 'avatarUrl' | 'profiles' | 'tags'
>;

export type VcardContact = ExportableContact & Partial<Pick<Contact, 'id'>>;

export type VcardVersion = '3.0' | '4.0';

function toJCard(contact: VcardContact, version: VcardVersion): unknown[] {
  const [given, family] = splitName(contact.name);
  const properties: unknown[][] = [['version', {}, 'text', version]];
  if (contact.id) properties.push(['uid', {}, 'text', contact.id]);
  // FN is required by RFC 6350; a contact known only by address gets an empty one.
  properties.push(['fn', {}, 'text', contact.name ?? '']);
  if (contact.name) properties.push(['n', {}, 'text', [family, given, '', '', '']]);
  for (const email of contact.emails) properties.push(['email', {}, 'text', email]);
  // A phone as it was written (vanity letters, pauses), not only its stored form.
  for (const phone of contact.phones) properties.push(['tel', {}, 'text', phoneAsWritten(contact, phone)]);
  // ORG is structured (name;unit;unit): as a one-component array, a ";" in the name is escaped.
  if (contact.company) properties.push(['org', {}, 'text', [contact.company]]);
  if (contact.title) properties.push(['title', {}, 'text', contact.title]);
  // Each address in its parts; the location (free text) whole in a work address's locality when
  // the addresses alone would not give it back (addresses.ts).
  for (const { types, pref, parts } of addressesForExport(contact)) {
    const typeList = [...types, ...(pref && version === '3.0' ? ['pref'] : [])];
    const params = {
      ...(typeList.length > 0 ? { type: typeList.length === 1 ? typeList[0] : typeList } : {}),
      ...(pref && version === '4.0' ? { pref: '1' } : {}),
    };
    const value = [parts.poBox, parts.extended, parts.street, parts.locality, parts.region, parts.postalCode, parts.country].map((part) => part ?? '');
    properties.push(['adr', params, 'text', value]);
  }
  for (const profile of contact.profiles) properties.push(['url', { type: profile.kind }, 'uri', profile.url]);
  if (contact.tags.length > 0) properties.push(['categories', {}, 'text', ...contact.tags]);
  if (contact.avatarUrl) properties.push(['photo', {}, 'uri', contact.avatarUrl]);
  return ['vcard', properties, []];
}

/** One contact as one vCard, ending in CRLF. */
export function contactToVcard(contact: VcardContact, version: VcardVersion = '4.0'): string {
  return `${ICAL.stringify(toJCard(contact, version) as never).replace(/\r?\n$/, '')}\r\n`;
}

/** vCard 4.0 by default; 3.0 for address books that read no 4.0 (older Outlook, Android). */
export function contactsToVcard(contacts: readonly VcardContact[], options: { version?: VcardVersion } = {}): string {
  const version = options.version ?? '4.0';
  return contacts.map((contact) => contactToVcard(contact, version)).join('');
}
