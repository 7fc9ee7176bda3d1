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

  private entry(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): Cached {
    const owner = row.ownerId === undefined ? '' : (owners.get(row.ownerId) ?? '');
    const key = `${workspace}\n${row.id}\n${row.etag}\n${version}\n${owner}`;
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
