import { MessageTemplate, TemplateDraft, renderForContact, type RenderedTemplate } from '../templates';
import { normalizeEmail } from '../model/normalize';
import type { CrmDatabase } from './types';
import { newId } from './ids';

/**
 * Message templates, in their own table (schema version 5). They live in IndexedDB beside the
 * contacts they are rendered for, so the background renders them in one read and the pages list
 * them live. They sync like contacts (a registry entry in lib/sync/shared/tables.ts) and are in backups.
 */

/** Every template, by name (case-insensitive). */
export async function listTemplates(db: CrmDatabase): Promise<MessageTemplate[]> {
  const all = await db.templates.toArray();
  return all.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/** Creates a template (no id) or replaces one's name, subject and body. Throws a ZodError when invalid. */
export async function saveTemplate(db: CrmDatabase, draft: TemplateDraft, now: number = Date.now()): Promise<MessageTemplate> {
  const { id, name, subject, body } = TemplateDraft.parse(draft);
  return db.transaction('rw', db.templates, async () => {
    const existing = id ? await db.templates.get(id) : undefined;
    if (id && !existing) throw new Error('This template was deleted meanwhile.');
    const trimmedSubject = subject?.trim();
    const template = MessageTemplate.parse({
      id: existing?.id ?? newId(now),
      name,
      ...(trimmedSubject ? { subject: trimmedSubject } : {}),
      body,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.templates.put(template);
    return template;
  });
}

export async function deleteTemplate(db: CrmDatabase, id: string): Promise<void> {
  await db.templates.delete(id);
}

/**
 * Undoes a delete: the template comes back under a new id. A synced delete wins over any later
 * write to the same row (lib/sync/shared/merge.ts), so writing the old id again would be undone
 * by the next sync; a new row is what every browser keeps.
 */
export async function restoreDeletedTemplate(db: CrmDatabase, deleted: MessageTemplate, now: number = Date.now()): Promise<MessageTemplate> {
  const restored = MessageTemplate.parse({ ...deleted, id: newId(now), updatedAt: now });
  await db.templates.add(restored);
  return restored;
}

/**
 * Every template rendered for whoever has this address: the stored contact when there is one,
 * else a stranger known only by the address (fallbacks still apply). For the compose button.
 */
export async function renderTemplatesFor(db: CrmDatabase, email: string): Promise<{ known: boolean; templates: RenderedTemplate[] }> {
  const address = normalizeEmail(email);
  const [matches, templates] = await Promise.all([db.contacts.where('emails').equals(address).toArray(), listTemplates(db)]);
  const contact = matches.filter((row) => !row.deletedAt).sort((a, b) => b.updatedAt - a.updatedAt)[0];
  const subject = contact ?? { emails: [address] };
  return { known: !!contact, templates: templates.map((template) => renderForContact(template, subject)) };
}
