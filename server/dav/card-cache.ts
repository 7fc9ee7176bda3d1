/**
 * Rendered vCards by contact version: a contact's card changes only when one of its fields does
 * (its ETag) or its owner's name does, so the cards of a full sync-collection + multiget are
 * rendered once and served from here to every other client and device of the workspace until the
 * contact changes. Rendering (ical.js, the model's field checks) is most of a full sync's server
 * time. Bounded: the least recently used cards go first, so memory stays under ~100 MB (each card kept as
 * text and, once a multistatus served it, escaped as XML).
 */
import { type VcardVersion, contactToVcard } from '../../lib/model/vcard';
import { type OwnerNames, vcardContactOf } from './contact-vcard';
import { escapeXml } from './multistatus';
import type { DavContactRow } from './row-versions';

const MAX_CARDS = 50_000;
/** How many rows a listing may ask has() of before rendering them (see has()). */
export const CARDS_ASKED_AT_ONCE = 1_000;

function keyOf(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): string {
  const owner = row.ownerId === undefined ? '' : (owners.get(row.ownerId) ?? '');
  return `${workspace}\n${row.id}\n${row.etag}\n${version}\n${owner}`;
}

interface Cached {
  card: string;
  /** The card escaped as XML text (a multistatus's address-data), made on first use. */
  xml?: string;
}

export class CardCache {
  private readonly cards = new Map<string, Cached>();

  /** The vCard of a stored contact (its fields parsed only to render it), rendered or remembered. */
  card(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): string {
    return this.entry(workspace, row, owners, version).card;
  }

  /** The same card escaped for a multistatus's `address-data` (escaping 10 MB is not free either). */
  cardXml(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): string {
    const entry = this.entry(workspace, row, owners, version);
    return (entry.xml ??= escapeXml(entry.card));
  }

  /**
   * Whether this version's card is remembered, marking it recently used: a listing asks this of a
   * row listed without its fields (RowVersions.known), and reads the fields of those answered
   * false. Asked of at most CARDS_ASKED_AT_ONCE rows before they are rendered (far fewer than
   * MAX_CARDS), so none is dropped between the question and the rendering.
   */
  has(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): boolean {
    const key = keyOf(workspace, row, owners, version);
    const cached = this.cards.get(key);
    if (cached === undefined) return false;
    this.cards.delete(key);
    this.cards.set(key, cached);
    return true;
  }

  private entry(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): Cached {
    const key = keyOf(workspace, row, owners, version);
    const cached = this.cards.get(key);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting marks it recently used.
      this.cards.delete(key);
      this.cards.set(key, cached);
      return cached;
    }
    const entry: Cached = { card: contactToVcard(vcardContactOf(row.id, row.fields(), owners), version) };
    this.cards.set(key, entry);
    if (this.cards.size > MAX_CARDS) this.cards.delete(this.cards.keys().next().value!);
    return entry;
  }
}
