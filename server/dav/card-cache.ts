/**
 * Rendered vCards by contact version: a contact's card changes only when one of its fields does
 * (its ETag) or its owner's name does, so the cards of a full sync-collection + multiget are
 * rendered once and served from here to every other client and device of the workspace until the
 * contact changes. Rendering (ical.js, the model's field checks) is most of a full sync's server
 * time. Bounded: the least recently used cards go first, so memory stays under ~50 MB.
 */
import { type VcardVersion, contactToVcard } from '../../lib/model/vcard';
import { type OwnerNames, type StoredFields, vcardContactOf } from './contact-vcard';

const MAX_CARDS = 50_000;

export class CardCache {
  private readonly cards = new Map<string, string>();

  /** The vCard of a stored contact whose ETag is `etag`, rendered or remembered. */
  card(workspace: string, row: { id: string; fields: StoredFields }, etag: string, owners: OwnerNames, version: VcardVersion): string {
    const ownerId = row.fields.ownerId?.value;
    const owner = typeof ownerId === 'string' ? (owners.get(ownerId) ?? '') : '';
    const key = `${workspace}\n${row.id}\n${etag}\n${version}\n${owner}`;
    const cached = this.cards.get(key);
    if (cached !== undefined) {
      // Map order is insertion order: re-inserting marks it recently used.
      this.cards.delete(key);
      this.cards.set(key, cached);
      return cached;
    }
    const card = contactToVcard(vcardContactOf(row.id, row.fields, owners), version);
    this.cards.set(key, card);
    if (this.cards.size > MAX_CARDS) this.cards.delete(this.cards.keys().next().value!);
    return card;
  }
}
