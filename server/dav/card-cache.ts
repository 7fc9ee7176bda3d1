/**
 * Rendered vCards by contact version: a contact's card changes only when one of its fields does
 * (its ETag) or its owner's name does, so the cards of a full sync-collection + multiget are
 * rendered once and served from here to every other client and device of the workspace until the
 * contact changes. Rendering (the model's field checks, the vCard writer) was most of a full
 * sync's server time. Bounded: the least recently used cards go first (./recently-used.ts), so
 * memory stays under ~100 MB (each card kept as text and, once a multistatus served it, escaped
 * as XML).
 */
import { type VcardVersion, contactToVcard } from '../../lib/model/vcard';
import { type OwnerNames, vcardContactOf } from './contact-vcard';
import { escapeXml } from './multistatus';
import { RecentlyUsed } from './recently-used';
import type { DavContactRow } from './row-versions';

const MAX_CARDS = 50_000;
/** How many rows a listing may ask has() of before rendering them (see has()). */
export const CARDS_ASKED_AT_ONCE = 1_000;

/**
 * The same text as one flat string. escapeXml builds a card's XML piece by piece (a rope in V8),
 * and joining a multistatus walked every remembered card's pieces again on each request: reading a
 * character flattens the rope once, in place (a 1,000-card multistatus joined ~3× faster).
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

interface Cached {
  card: string;
  /** The card escaped as XML text (a multistatus's address-data), made on first use. */
  xml?: string;
}

/** A row's cache key and what it was made from (the row object is reused while its version is listed). */
interface KeyMade {
  workspace: string;
  version: VcardVersion;
  owner: string;
  key: string;
}

export class CardCache {
  private readonly cards: RecentlyUsed<string, Cached>;
  /**
   * Keys by row object: a row listed without its fields is the same object from one request to
   * the next (RowVersions.known), so its key is built and hashed once, not twice per card per
   * request (has(), then the rendering).
   */
  private readonly keys = new WeakMap<DavContactRow, KeyMade>();

  constructor(maxCards = MAX_CARDS) {
    this.cards = new RecentlyUsed(maxCards);
  }

  /** The vCard of a stored contact (its fields parsed only to render it), rendered or remembered. */
  card(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): string {
    return this.entry(workspace, row, owners, version).card;
  }

  /** The same card escaped for a multistatus's `address-data` (escaping 10 MB is not free either). */
  cardXml(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): string {
    const entry = this.entry(workspace, row, owners, version);
    return (entry.xml ??= flattened(escapeXml(entry.card)));
  }

  /**
   * Whether this version's card is remembered, marking it recently used: a listing asks this of a
   * row listed without its fields (RowVersions.known), and reads the fields of those answered
   * false. Asked of at most CARDS_ASKED_AT_ONCE rows before they are rendered (far fewer than
   * the cards kept), so none is dropped between the question and the rendering.
   */
  has(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): boolean {
    return this.cards.get(this.keyOf(workspace, row, owners, version)) !== undefined;
  }

  /** How many cards are kept (tests). */
  get size(): number {
    return this.cards.size;
  }

  private keyOf(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): string {
    const owner = row.ownerId === undefined ? '' : (owners.get(row.ownerId) ?? '');
    const made = this.keys.get(row);
    if (made !== undefined && made.workspace === workspace && made.version === version && made.owner === owner) return made.key;
    const key = `${workspace}\n${row.id}\n${row.etag}\n${version}\n${owner}`;
    this.keys.set(row, { workspace, version, owner, key });
    return key;
  }

  private entry(workspace: string, row: DavContactRow, owners: OwnerNames, version: VcardVersion): Cached {
    const key = this.keyOf(workspace, row, owners, version);
    const cached = this.cards.get(key);
    if (cached !== undefined) return cached;
    const entry: Cached = { card: contactToVcard(vcardContactOf(row.id, row.fields(), owners), version) };
    this.cards.set(key, entry);
    return entry;
  }
}
