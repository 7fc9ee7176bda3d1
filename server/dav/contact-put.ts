/**
 * A client's vCard (CardDAV PUT, issue 20) → the contact fields it sets, read by the importer's
 * own mapping (lib/model/vcard/read.ts and contact-draft/), and the per-field changes against the
 * stored contact: only the fields whose value differs are written, so a field a browser changed
 * that the card did not is left to the browser. Pure: the route stamps and stores the result.
 */
import { EDITABLE_FIELDS, type EditableField } from '../../lib/model/contact';
import { ImportTally, finishDraft, isRejected } from '../../lib/model/contact-draft/contact-fields';
import { importedKeys, importedValues } from '../../lib/model/contact-draft/stored-fields';
import { splitCards } from '../../lib/model/vcard/lines';
import { readCard } from '../../lib/model/vcard/read';
import { canonicalJson } from '../../lib/sync/shared/merge';
import { type JsonValue, modelProblem } from '../../lib/sync/shared/protocol';
import type { StoredFields } from './contact-vcard';

/** The contact fields a card sets; the rest (stage, owner, deals, history…) is the CRM's own. */
export const CARD_FIELDS = ['name', 'emails', 'phones', 'phoneText', 'company', 'title', 'location', 'addresses', 'avatarUrl', 'profiles', 'tags', 'vcardExtras'] as const;
type CardField = (typeof CARD_FIELDS)[number];
/** Fields stored as a list that is there even when empty (the model's defaults). */
const LISTS: ReadonlySet<CardField> = new Set(['emails', 'phones', 'profiles', 'tags']);

export type CardValues = Partial<Record<CardField, unknown>>;

export type CardReading = { ok: true; values: CardValues; uid?: string; uidLine?: string } | { ok: false; reason: string };

/** The vCard of one resource → the fields it sets, or why it cannot be stored. */
export function readClientCard(text: string): CardReading {
  const { cards, broken } = splitCards(text);
  if (cards.length + broken.length !== 1) return { ok: false, reason: `an address book resource holds exactly one vCard; this one has ${cards.length + broken.length}` };
  const [card] = cards;
  if (!card) return { ok: false, reason: `unreadable vCard: ${broken[0]?.reason ?? 'no BEGIN:VCARD'}` };
  const { draft, extras, uid, uidLine } = readCard(card);
  const person = finishDraft(draft, new ImportTally());
  if (isRejected(person)) return { ok: false, reason: `the vCard cannot be stored: ${person.reason}` };
  const keys = importedKeys(person);
  const values: CardValues = { ...importedValues(person), ...keys };
  if (person.addresses?.length) values.addresses = person.addresses;
  if (extras.length > 0) values.vcardExtras = extras;
  return { ok: true, values, ...(uid === undefined ? {} : { uid }), ...(uidLine === undefined ? {} : { uidLine }) };
}

/** A value as stored for comparing: an empty list and an absent optional field are both nothing. */
function normal(field: CardField, value: unknown): unknown {
  if (value === undefined || value === null) return LISTS.has(field) ? [] : null;
  if (Array.isArray(value) && value.length === 0 && !LISTS.has(field)) return null;
  if (field === 'phoneText' && typeof value === 'object' && Object.keys(value).length === 0) return null;
  return value;
}

export type CardChanges = { ok: true; fields: Record<string, JsonValue> } | { ok: false; reason: string };

/**
 * The field values to write for a card PUT at `id`: on a new contact every field the card has,
 * and what a new contact needs (stage, created, source); on a stored one the card fields whose
 * value differs, with `updatedAt` and the editable ones among them marked as typed by the user
 * (`userFields`: a person wrote them in their address book, so a page's scraping never
 * overwrites them). A card whose UID is not the id keeps its UID line with its other lines.
 * `null` clears a field, as in any push. Empty when nothing changed.
 */
export function cardChanges(reading: Extract<CardReading, { ok: true }>, id: string, stored: StoredFields | undefined, now: number): CardChanges {
  const values: CardValues = { ...reading.values };
  if (reading.uid !== undefined && reading.uid !== id && reading.uidLine !== undefined) {
    values.vcardExtras = [reading.uidLine, ...((values.vcardExtras as string[] | undefined) ?? [])];
  }
  const fields: Record<string, JsonValue> = {};
  for (const field of CARD_FIELDS) {
    const next = normal(field, values[field]);
    if (stored === undefined ? next !== null : canonicalJson(next) !== canonicalJson(normal(field, stored[field]?.value))) fields[field] = next as JsonValue;
  }
  const typed = EDITABLE_FIELDS.filter((field) => field in fields && fields[field] !== null);
  if (stored === undefined) {
    Object.assign(fields, { stage: 'lead', userFields: typed, source: { kind: 'carddav', at: now }, createdAt: now, updatedAt: now });
  } else if (Object.keys(fields).length > 0) {
    const before = Array.isArray(stored.userFields?.value) ? (stored.userFields.value as EditableField[]) : [];
    const after = [...new Set([...before, ...typed])];
    if (after.length !== before.length) fields.userFields = after;
    fields.updatedAt = now;
    // A card written to a contact in the trash brings it back, as Undo in the panel does.
    if (typeof stored.deletedAt?.value === 'number') fields.deletedAt = null;
  }
  // The same check as every pushed field (the model's limits), so a card is refused whole, with why.
  const stamp = '1970-01-01T00:00:00.000Z-0000-0000000000000000';
  const problem = modelProblem('contacts', Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value, hlc: stamp }])));
  return problem === undefined ? { ok: true, fields } : { ok: false, reason: problem };
}
