/**
 * Postal addresses, the same way for every format (issue 17, item 8). A file's addresses are kept
 * as PostalAddress entries; `location` shows one of them as a place (locality, region, country):
 * the work address, else the preferred, else the first. An address with nothing but those parts
 * is the location itself and is not kept twice. Exporters write the entries back (vCard ADR, CSV
 * "Address N" columns) and, when `location` is not the place of that chosen entry (typed by hand,
 * or from an address with only those parts), the location first as a work address, so importing
 * the export gives the same location and entries again.
 */
import { ADDRESS_PARTS, CONTACT_FIELD_LIMITS, type AddressPart, type PostalAddress } from '../../model/contact';

export type AddressParts = Partial<Record<AddressPart, string>>;

/** An address as a parser read it: its types (lower-case, `pref` apart) and its parts. */
export interface AddressDraft {
  types: string[];
  pref?: boolean;
  parts: AddressParts;
}

const PLACE_PARTS: readonly AddressPart[] = ['locality', 'region', 'country'];
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

function entryOf(draft: AddressDraft): PostalAddress | undefined {
  const type = draft.types.filter((t) => t !== 'pref' && t !== '').join(',');
  // Keys in the model's order, so the preview and the stored row read alike.
  const entry: PostalAddress = type ? { type: type.slice(0, 40) } : {};
  let parts = 0;
  for (const part of ADDRESS_PARTS) {
    const value = clean(draft.parts[part]).slice(0, CONTACT_FIELD_LIMITS.addressPart);
    if (value) entry[part] = value;
    if (value) parts += 1;
  }
  return parts > 0 ? entry : undefined;
}

/** A file's addresses → the location and the entries kept beside it (at most the model's limit). */
export function locationAndAddresses(
  drafts: readonly AddressDraft[],
  options: { keepAll?: boolean } = {},
): { location?: string; addresses: PostalAddress[]; dropped: number } {
  const present = drafts.flatMap((draft) => {
    const entry = entryOf(draft);
    return entry ? [{ draft, entry }] : [];
  });
  const chosen = chosenAddress(present.map(({ draft }) => draft));
  const place = chosen >= 0 ? placeOf(present[chosen]!.draft.parts) : '';
  const onlyPlace = (entry: PostalAddress) => ADDRESS_PARTS.every((part) => entry[part] === undefined || PLACE_PARTS.includes(part));
  // With a location of its own (a CSV "Location" column), the file's every address is kept.
  const kept = present.filter(({ entry }, index) => options.keepAll || !(index === chosen && onlyPlace(entry))).map(({ entry }) => entry);
  const addresses = kept.slice(0, CONTACT_FIELD_LIMITS.addresses);
  return { ...(place ? { location: place } : {}), addresses, dropped: kept.length - addresses.length };
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
