/**
 * Stored contacts → vCard 4.0 (RFC 6350) or 3.0 (RFC 2426): a jCard, written as ical.js writes it
 * (stringify.ts, byte for byte, several times faster) so escaping and line folding follow the
 * standard. One mapping for the file export (lib/io) and the server's address book (CardDAV,
 * issue 20); importing the output back gives the same fields.
 * Pure: no I/O.
 */
import { type Contact, phoneAsWritten } from '../contact';
import { addressesForExport } from './addresses';
import { splitName } from './names';
import { foldLine, stringifyVcard } from './stringify';

/** The fields an export writes. */
export type ExportableContact = Pick<
  Contact,
  'name' | 'emails' | 'phones' | 'phoneText' | 'company' | 'title' | 'location' | 'addresses' | 'avatarUrl' | 'profiles' | 'tags' | 'vcardExtras'
>;

/**
 * What the CRM knows of a person beyond their card (the address book serves it read-only, issue
 * 20): each becomes an `X-SIDEBAR-CRM-<NAME>` property and a category (`CRM stage: customer`),
 * which a client can group by but not change (read.ts and the server leave them out of a PUT).
 */
export interface CrmFacts {
  tier?: string;
  stage?: string;
  pipelineStage?: string;
  owner?: string;
}

export type VcardContact = ExportableContact & Partial<Pick<Contact, 'id'>> & { crm?: CrmFacts };

export type VcardVersion = '3.0' | '4.0';

/** The read-only facts as [property suffix, category label] (see CrmFacts). */
const CRM_FACTS: ReadonlyArray<[keyof CrmFacts, string, string]> = [
  ['tier', 'TIER', 'CRM tier: '],
  ['stage', 'STAGE', 'CRM stage: '],
  ['pipelineStage', 'PIPELINE-STAGE', 'CRM pipeline: '],
  ['owner', 'OWNER', 'CRM owner: '],
];

/** A category the address book serves read-only (`CRM stage: customer`): never taken back as a tag. */
export function isCrmCategory(category: string): boolean {
  return CRM_FACTS.some(([, , label]) => category.startsWith(label));
}

/** A kept line's name (`item1.X-ABLabel;TYPE=x:…` → `X-ABLABEL`). */
const lineName = (line: string) => (/^([^;:]*)/.exec(line)?.[1] ?? '').replace(/^.*\./, '').toUpperCase();

/** The contact as a jCard (RFC 7095): exported for the tests, which write it with ical.js too. */
export function contactToJCard(contact: VcardContact, version: VcardVersion): ['vcard', [string, Record<string, string | string[]>, string, ...unknown[]][], []] {
  const [given, family] = splitName(contact.name);
  const properties: [string, Record<string, string | string[]>, string, ...unknown[]][] = [['version', {}, 'text', version]];
  // The client's own UID, kept with its lines when it differs from the id (a card it created).
  const ownUid = contact.vcardExtras?.some((line) => lineName(line) === 'UID') ?? false;
  if (contact.id && !ownUid) properties.push(['uid', {}, 'text', contact.id]);
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
    const value = [parts.poBox ?? '', parts.extended ?? '', parts.street ?? '', parts.locality ?? '', parts.region ?? '', parts.postalCode ?? '', parts.country ?? ''];
    properties.push(['adr', params, 'text', value]);
  }
  for (const profile of contact.profiles) properties.push(['url', { type: profile.kind }, 'uri', profile.url]);
  // A loop, as in the rest of this function: it runs for every card of a first full sync.
  const facts: Array<{ name: string; value: string }> = [];
  const categories = [...contact.tags];
  for (const [key, name, label] of CRM_FACTS) {
    const value = contact.crm?.[key];
    if (!value) continue;
    facts.push({ name, value });
    categories.push(`${label}${value}`);
  }
  if (categories.length > 0) properties.push(['categories', {}, 'text', ...categories]);
  if (contact.avatarUrl) properties.push(['photo', {}, 'uri', contact.avatarUrl]);
  // An X- property's value type is `unknown` (RFC 6350 §6.10): written as it is, without
  // `VALUE=TEXT`, so line breaks (which would end the line) become spaces.
  for (const fact of facts) properties.push([`x-sidebar-crm-${fact.name.toLowerCase()}`, {}, 'unknown', fact.value.replace(/[\r\n]+/g, ' ')]);
  return ['vcard', properties, []];
}

/**
 * One contact as one vCard, ending in CRLF. The lines a client wrote that no field holds
 * (vcardExtras) go in as they were, folded, before END:VCARD.
 */
export function contactToVcard(contact: VcardContact, version: VcardVersion = '4.0'): string {
  const card = stringifyVcard(contactToJCard(contact, version));
  const extras = contact.vcardExtras ?? [];
  if (extras.length === 0) return `${card}\r\n`;
  const end = card.lastIndexOf('END:VCARD');
  return `${card.slice(0, end)}${extras.map((line) => `${foldLine(line)}\r\n`).join('')}END:VCARD\r\n`;
}

/** vCard 4.0 by default; 3.0 for address books that read no 4.0 (older Outlook, Android). */
export function contactsToVcard(contacts: readonly VcardContact[], options: { version?: VcardVersion } = {}): string {
  const version = options.version ?? '4.0';
  return contacts.map((contact) => contactToVcard(contact, version)).join('');
}
