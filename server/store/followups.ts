/**
 * The follow-ups a calendar feed shows (issue 20): a workspace's tasks as the server holds them,
 * with the name and a link of the contact each is about. The caller's own (the tasks they
 * created; tasks from before teams have no author and count as the book owner's, so as
 * everyone's own) or, asked for, the team's. Tasks of a deleted or trashed contact are left out,
 * as the side panel leaves them out.
 */
import { Contact } from '../../lib/model/contact';
import type { Connection } from './connect';

export interface FollowUp {
  id: string;
  title: string;
  dueAt: number;
  remindAt?: number;
  doneAt?: number;
  contact: { id: string; name?: string; email?: string; link?: string };
}

type Fields = Record<string, { value: unknown }>;

const CHUNK = 500;

const valueOf = (fields: Fields, name: string): unknown => fields[name]?.value;
const numberOf = (fields: Fields, name: string): number | undefined => {
  const value = valueOf(fields, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** The contact's first web profile, else its first email as mailto: (only http(s) and mailto links leave the server). */
function linkOf(fields: Fields): string | undefined {
  const profiles = Contact.shape.profiles.safeParse(valueOf(fields, 'profiles'));
  for (const profile of profiles.success ? (profiles.data ?? []) : []) {
    if (/^https?:\/\//i.test(profile.url)) return profile.url;
  }
  const emails = valueOf(fields, 'emails');
  return Array.isArray(emails) && typeof emails[0] === 'string' ? `mailto:${emails[0]}` : undefined;
}

export async function followUps(conn: Connection, workspace: string, member: string, team: boolean): Promise<FollowUp[]> {
  let query = conn.db
    .selectFrom('rows')
    .select(['id', 'fields'])
    .where('workspace_id', '=', workspace)
    .where('tbl', '=', 'tasks')
    .where('deleted', 'is', null)
    .where((eb) => eb.or([eb('private_to', 'is', null), eb('private_to', '=', member)]));
  if (!team) query = query.where((eb) => eb.or([eb('author_id', '=', member), eb('author_id', 'is', null)]));
  const tasks = (await query.execute()).flatMap((row) => {
    const fields = JSON.parse(row.fields) as Fields;
    const title = valueOf(fields, 'title');
    const contactId = valueOf(fields, 'contactId');
    const dueAt = numberOf(fields, 'dueAt');
    if (typeof title !== 'string' || typeof contactId !== 'string' || dueAt === undefined) return [];
    return [{ id: row.id, title, contactId, dueAt, remindAt: numberOf(fields, 'remindAt'), doneAt: numberOf(fields, 'doneAt') }];
  });
  const contacts = new Map<string, Fields>();
  const ids = [...new Set(tasks.map((task) => task.contactId))];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const found = await conn.db
      .selectFrom('rows')
      .select(['id', 'fields'])
      .where('workspace_id', '=', workspace)
      .where('tbl', '=', 'contacts')
      .where('deleted', 'is', null)
      .where('id', 'in', ids.slice(start, start + CHUNK))
      .execute();
    for (const row of found) contacts.set(row.id, JSON.parse(row.fields) as Fields);
  }
  return tasks.flatMap((task) => {
    const fields = contacts.get(task.contactId);
    if (!fields || numberOf(fields, 'deletedAt') !== undefined) return [];
    const name = valueOf(fields, 'name');
    const emails = valueOf(fields, 'emails');
    const email = Array.isArray(emails) && typeof emails[0] === 'string' ? emails[0] : undefined;
    const link = linkOf(fields);
    return [
      {
        id: task.id,
        title: task.title,
        dueAt: task.dueAt,
        ...(task.remindAt !== undefined ? { remindAt: task.remindAt } : {}),
        ...(task.doneAt !== undefined ? { doneAt: task.doneAt } : {}),
        contact: { id: task.contactId, ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}), ...(email ? { email } : {}), ...(link ? { link } : {}) },
      },
    ];
  });
}
