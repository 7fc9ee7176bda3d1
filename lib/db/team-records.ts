/**
 * Team changes to stored rows: who owns a contact or deal, and whether an interaction is seen by
 * the team or only its author. The server enforces who may do what (a viewer's push is refused,
 * only an author's visibility switch is kept); these refuse early so the UI can say why.
 */
import { Contact, Deal, type Visibility } from '../model';
import { withIndexKeys } from './contact-keys';
import type { CrmDatabase } from './types';

/** Hands a contact to a member, or to nobody (`undefined`: unassigned). */
export async function setContactOwner(db: CrmDatabase, id: string, ownerId: string | undefined, now: number = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const existing = await db.contacts.get(id);
    if (!existing || existing.deletedAt) throw new Error(`No contact with id ${id}`);
    const { ownerId: _previous, ...rest } = existing;
    const next = Contact.parse(withIndexKeys({ ...rest, ...(ownerId ? { ownerId } : {}), updatedAt: now }));
    await db.contacts.put(next);
    return next;
  });
}

/** Hands a deal to a member, or to nobody. */
export async function setDealOwner(db: CrmDatabase, id: string, ownerId: string | undefined): Promise<Deal> {
  return db.transaction('rw', db.deals, async () => {
    const existing = await db.deals.get(id);
    if (!existing) throw new Error(`No deal with id ${id}`);
    const { ownerId: _previous, ...rest } = existing;
    const next = Deal.parse({ ...rest, ...(ownerId ? { ownerId } : {}) });
    await db.deals.put(next);
    return next;
  });
}

/**
 * Whether `me` may switch an entry between private and team: its author only. An entry without
 * an author was written here before the server stamped it, so it is this browser's own.
 */
export function canSwitchVisibility(interaction: { authorId?: string | undefined }, me: string | undefined): boolean {
  return me !== undefined && (interaction.authorId === undefined || interaction.authorId === me);
}

/** Switches an interaction between team and private; refused for anyone but its author. */
export async function setInteractionVisibility(db: CrmDatabase, id: string, visibility: Visibility, me: string): Promise<void> {
  await db.transaction('rw', db.interactions, async () => {
    const existing = await db.interactions.get(id);
    if (!existing) throw new Error(`No history entry with id ${id}`);
    if (!canSwitchVisibility(existing, me)) throw new Error('Only the member who logged this entry can change who sees it.');
    await db.interactions.put({ ...existing, visibility });
  });
}
