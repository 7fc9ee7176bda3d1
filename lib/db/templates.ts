import { MessageTemplate, TemplateDraft, renderForContact, templateAudience, templatesForContact, type OfferedTemplate, type RenderedTemplate } from '../templates';
import type { Contact } from '../model';
import { normalizeEmail } from '../model/normalize';
import type { CrmDatabase } from './types';
import { newId } from './ids';
import { listSegments, segmentFactsOf } from './segments';

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

/**
 * Creates a template (no id) or replaces one's name, subject, body and segment. Throws a ZodError
 * when invalid. A segment that no longer exists is dropped (the template is for everyone), as the
 * editor shows it: the stored row then says what the user saw when saving.
 */
export async function saveTemplate(db: CrmDatabase, draft: TemplateDraft, now: number = Date.now()): Promise<MessageTemplate> {
  const { id, name, subject, body, segmentId } = TemplateDraft.parse(draft);
  return db.transaction('rw', db.templates, db.segments, async () => {
    const existing = id ? await db.templates.get(id) : undefined;
    if (id && !existing) throw new Error('This template was deleted meanwhile.');
    const trimmedSubject = subject?.trim();
    const segmentExists = segmentId !== undefined && (await db.segments.get(segmentId)) !== undefined;
    const template = MessageTemplate.parse({
      id: existing?.id ?? newId(now),
      name,
      ...(trimmedSubject ? { subject: trimmedSubject } : {}),
      body,
      ...(segmentExists ? { segmentId } : {}),
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
 * The templates to offer for one contact (issue 22): those for everyone and those for a segment
 * this contact is in, decided on this contact's own facts (lib/templates/audience.ts).
 */
export async function templatesOfferedFor(db: CrmDatabase, contact: Contact, now: number = Date.now()): Promise<OfferedTemplate<MessageTemplate>[]> {
  const [templates, segments, facts] = await Promise.all([listTemplates(db), listSegments(db), segmentFactsOf(db, contact)]);
  return templatesForContact(templates, segments, facts, now);
}

/**
 * The templates offered for whoever has this address, rendered for them: the stored contact when
 * there is one (templates for everyone and for its segments), else a stranger known only by the
 * address (templates for everyone; fallbacks still apply). For the compose button.
 */
export async function renderTemplatesFor(db: CrmDatabase, email: string): Promise<{ known: boolean; templates: RenderedTemplate[] }> {
  const address = normalizeEmail(email);
  const matches = await db.contacts.where('emails').equals(address).toArray();
  const contact = matches.filter((row) => !row.deletedAt).sort((a, b) => b.updatedAt - a.updatedAt)[0];
  if (!contact) {
    // A stranger is in no segment: only the templates for everyone apply.
    const [templates, segments] = await Promise.all([listTemplates(db), listSegments(db)]);
    const general = templates.filter((template) => templateAudience(template, segments).kind !== 'segment');
    return { known: false, templates: general.map((template) => renderForContact(template, { emails: [address] })) };
  }
  const offered = await templatesOfferedFor(db, contact);
  return { known: true, templates: offered.map(({ template }) => renderForContact(template, contact)) };
}
