/**
 * Postal addresses, the same way for every format (issue 17, item 8). A file's addresses are kept
 * as PostalAddress entries; `location` shows one of them as a place (locality, region, country):
 * the work address, else the preferred, else the first. An address with nothing but those parts
 * is the location itself and is not kept twice. Exporters write the entries back (vCard ADR, CSV
 * "Address N" columns) and, when `location` is not the place of that chosen entry (typed by hand,
 * or from an address with only those parts), the location first as a work address, so importing
 * the export gives the same location and entries again: that export side lives with the vCard
 * writer in lib/model/vcard/addresses.ts, shared with the sync server; this file is the import side.
 */
import { ADDRESS_PARTS, CONTACT_FIELD_LIMITS, type PostalAddress } from '../contact';
import { type AddressParts, PLACE_PARTS, chosenAddress, placeOf } from '../vcard/addresses';

/** An address as a parser read it: its types (lower-case, `pref` apart) and its parts. */
export interface AddressDraft {
  types: string[];
  pref?: boolean;
  parts: AddressParts;
}

const clean = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim() ?? '';

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
