/**
 * Postal addresses as the vCard and CSV writers give them back (issue 17, item 8): a contact's
 * PostalAddress entries, and its `location` (free text) first as a work address when the entries
 * alone would not give it back, so importing the export yields the same location and entries.
 * `location` shows one entry as a place: the work address, else the preferred, else the first.
 * The import side (lib/io/formats/addresses.ts) picks the same entry with `chosenAddress`.
 */
import type { AddressPart, PostalAddress } from '../contact';

export type AddressParts = Partial<Record<AddressPart, string>>;

/** The parts a place (a contact's `location`) is made of. */
export const PLACE_PARTS: readonly AddressPart[] = ['locality', 'region', 'country'];
const clean = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim() ?? '';

/** "Stuttgart, BW, Germany": the place an address names. */
export function placeOf(parts: AddressParts): string {
  return PLACE_PARTS.map((part) => clean(parts[part]))
    .filter(Boolean)
    .join(', ');
}

const isWork = (types: readonly string[]) => types.some((type) => type === 'work' || type === 'business');

/** Index of the address `location` shows: work (preferred first), else preferred, else first. */
export function chosenAddress(addresses: readonly { types: readonly string[]; pref?: boolean }[]): number {
  const work = addresses.flatMap((address, index) => (isWork(address.types) ? [index] : []));
  const among = work.length > 0 ? work : addresses.map((_, index) => index);
  return among.find((index) => addresses[index]!.pref) ?? among[0] ?? -1;
}

const typesOf = (entry: PostalAddress) => (entry.type ? entry.type.split(',') : []);

/**
 * What an exporter writes: the entries, and first the location as a work address when the
 * entries alone would not give it back.
 */
export function addressesForExport(contact: { location?: string; addresses?: readonly PostalAddress[] }): Array<{ types: string[]; pref: boolean; parts: AddressParts }> {
  const entries = (contact.addresses ?? []).map((entry) => {
    const { type: _type, ...parts } = entry;
    return { types: typesOf(entry), pref: false, parts };
  });
  const chosen = chosenAddress(entries);
  const place = chosen >= 0 ? placeOf(entries[chosen]!.parts) : '';
  if (contact.location && contact.location !== place) entries.unshift({ types: ['work'], pref: true, parts: { locality: contact.location } });
  return entries;
}
