/**
 * Stored contacts → vCard 4.0 (RFC 6350), written by ical.js from jCard so escaping and line
 * folding follow the standard. Importing the file back gives the same fields.
 */
import ICAL from 'ical.js';
import type { Contact } from '../../model';
import type { ExportableContact } from './export-csv';
import { splitName } from './export-csv';

type VcardContact = ExportableContact & Partial<Pick<Contact, 'id'>>;

function toJCard(contact: VcardContact): unknown[] {
  const [given, family] = splitName(contact.name);
  const properties: unknown[][] = [['version', {}, 'text', '4.0']];
  if (contact.id) properties.push(['uid', {}, 'text', contact.id]);
  // FN is required by RFC 6350; a contact known only by address gets an empty one.
  properties.push(['fn', {}, 'text', contact.name ?? '']);
  if (contact.name) properties.push(['n', {}, 'text', [family, given, '', '', '']]);
  for (const email of contact.emails) properties.push(['email', {}, 'text', email]);
  for (const phone of contact.phones) properties.push(['tel', {}, 'text', phone]);
  // ORG is structured (name;unit;unit): as a one-component array, a ";" in the name is escaped.
  if (contact.company) properties.push(['org', {}, 'text', [contact.company]]);
  if (contact.title) properties.push(['title', {}, 'text', contact.title]);
  // Free-text location in the locality component; the importer reads locality, region, country.
  if (contact.location) properties.push(['adr', {}, 'text', ['', '', '', contact.location, '', '', '']]);
  for (const profile of contact.profiles) properties.push(['url', { type: profile.kind }, 'uri', profile.url]);
  if (contact.tags.length > 0) properties.push(['categories', {}, 'text', ...contact.tags]);
  if (contact.avatarUrl) properties.push(['photo', {}, 'uri', contact.avatarUrl]);
  return ['vcard', properties, []];
}

export function contactsToVcard(contacts: readonly VcardContact[]): string {
  return contacts.map((contact) => `${ICAL.stringify(toJCard(contact) as never).replace(/\r?\n$/, '')}\r\n`).join('');
}
