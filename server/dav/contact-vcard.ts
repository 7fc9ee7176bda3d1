/**
 * A stored contact row (fields as `{name: {value, hlc}}`) → what the address book serves: the
 * contact for the shared vCard writer (lib/model/vcard), and its ETag. Each field is checked
 * against the model on its own, so one malformed field drops that field, not the contact.
 */
import { createHash } from 'node:crypto';
import { Contact } from '../../lib/model/contact';
import type { VcardContact } from '../../lib/model/vcard';

export type StoredFields = Record<string, { value: unknown; hlc?: string }>;

function field<K extends keyof typeof Contact.shape>(fields: StoredFields, name: K): unknown {
  const parsed = Contact.shape[name].safeParse(fields[name]?.value);
  return parsed.success ? parsed.data : undefined;
}

/** Members by user id → how the card names them as owner (their name, else their email). */
export type OwnerNames = ReadonlyMap<string, string>;

/**
 * The contact as the address book serves it: its card fields, the lines a client wrote that no
 * field holds, and what the CRM knows beside them (value tier, stage, pipeline stage, owner),
 * read-only. The tier is the one a browser last published (`publishedTier`): each browser fits
 * its own value model, and the server, which cannot, serves what they computed.
 */
export function vcardContactOf(id: string, fields: StoredFields, owners: OwnerNames = new Map()): VcardContact {
  const contact: Record<string, unknown> = { id };
  for (const name of ['name', 'phoneText', 'company', 'title', 'location', 'addresses', 'avatarUrl', 'vcardExtras'] as const) {
    const value = field(fields, name);
    if (value !== undefined) contact[name] = value;
  }
  for (const name of ['emails', 'phones', 'profiles', 'tags'] as const) contact[name] = field(fields, name) ?? [];
  const tier = field(fields, 'publishedTier') as string | undefined;
  const stage = field(fields, 'stage') as string | undefined;
  const pipelineStage = field(fields, 'pipelineStage') as string | undefined;
  const ownerId = field(fields, 'ownerId') as string | undefined;
  const owner = ownerId === undefined ? undefined : owners.get(ownerId);
  contact.crm = { ...(tier ? { tier } : {}), ...(stage ? { stage } : {}), ...(pipelineStage ? { pipelineStage } : {}), ...(owner ? { owner } : {}) };
  return contact as unknown as VcardContact;
}

/** A trashed contact (Delete in the panel) is kept for undo but is gone from the address book. */
export function isTrashed(fields: StoredFields): boolean {
  return typeof fields.deletedAt?.value === 'number';
}

/**
 * The row's newest field stamp, quoted, with a digest of every field's stamp: a field written with
 * a stamp older than another field's (a late push from an offline browser) changes the contact
 * but not the newest stamp, and a client comparing ETags must still see a new version.
 */
export function etagOf(fields: StoredFields): string {
  let newest = '';
  const stamps: string[] = [];
  for (const [name, write] of Object.entries(fields)) {
    if (typeof write.hlc !== 'string') continue;
    stamps.push(`${name}=${write.hlc}`);
    if (write.hlc > newest) newest = write.hlc;
  }
  const digest = createHash('sha256').update(stamps.sort().join('\n')).digest('base64url').slice(0, 12);
  return `"${newest.replace(/["\\]/g, '')}~${digest}"`;
}
