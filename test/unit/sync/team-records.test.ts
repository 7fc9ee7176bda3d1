/**
 * Issue 18 through the real server on SQLite, in-process: two members' browsers (fake IndexedDB)
 * in one workspace. An email captured by member B is private by default and never lands in member
 * A's IndexedDB; once B switches it to team it does. Owners (ownerId) round-trip, and the
 * owner's Changes view reads the audit through the same server.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAuditForPage } from '@/entrypoints/background/audit';
import { crmDatabase, addInteraction, logEmailThread, saveDetectedContact, setContactOwner, setInteractionVisibility, type CrmDatabase } from '@/lib/db';
import { DetectedContact, EmailThreadContext } from '@/lib/model';
import { fetchAudit } from '@/lib/sync/client/audit';
import { clearMembership, saveMembership } from '@/lib/sync/client/membership';
import { clearSyncSettings, saveSyncSettings } from '@/lib/sync/client/settings';
import { SyncError } from '@/lib/sync/client/transport';
import type { Role } from '@/lib/sync/shared/protocol';
import { fetchVia, inProcessSync, type TestBrowser } from './in-process-sync';

const server = inProcessSync('team-records');

interface Member {
  user: string;
  token: string;
  browser: TestBrowser;
}

/** The test's owner and one more member, each with a browser that knows its membership (as the background's refresh would write it). */
async function team(role: Role = 'editor'): Promise<{ a: Member; b: Member }> {
  const email = `b-${Math.random().toString(36).slice(2)}@example.org`;
  const added = await server.store.addUser(email);
  await server.store.shareWorkspace(server.workspace, email, role);
  const members = await server.store.listMembers(server.workspace);
  const ownerUser = members.find((member) => member.role === 'owner')!.user;
  const a = { user: ownerUser, token: server.token, browser: server.browser() };
  const b = { user: added.user, token: added.token, browser: server.browser(added.token) };
  for (const [member, memberRole] of [[a, 'owner'], [b, role]] as const) {
    await saveMembership({ user: member.user, workspace: server.workspace, workspaceName: 'Team', role: memberRole, members }, member.browser.db);
  }
  return { a, b };
}

const source = { kind: 'page', url: 'https://example.org/team' };

async function addAda(db: CrmDatabase) {
  return (await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@engines.co'] }), source)).contact;
}

const thread = EmailThreadContext.parse({
  kind: 'email-thread',
  site: 'gmail',
  threadId: 'FMfcgz',
  subject: 'Salary expectations',
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  account: 'b@lovelace.io',
  messages: [{ id: 'm1', from: 'ada@engines.co', to: ['b@lovelace.io'], date: Date.now() - 60_000 }],
});

describe('team records through the real server', () => {
  it('keeps an email captured by B private to B (never in A’s IndexedDB) until B shares it with the team', async () => {
    const { a, b } = await team();
    const ada = await addAda(a.browser.db);
    await a.browser.sync();
    await b.browser.sync();
    expect(await b.browser.db.contacts.get(ada.id)).toMatchObject({ name: 'Ada Lovelace', ownerId: a.user });

    expect(await logEmailThread(b.browser.db, thread)).toBe(1);
    const [email] = await b.browser.db.interactions.where('externalId').equals('m1').toArray();
    expect(email).toMatchObject({ kind: 'email', visibility: 'private', authorId: b.user });
    // A note B types is team by default.
    const note = await addInteraction(b.browser.db, { contactId: ada.id, kind: 'note', at: Date.now() - 1000, body: 'Prefers mornings' });
    expect(note.visibility).toBe('team');
    await b.browser.sync();
    await a.browser.sync();

    expect(await a.browser.db.interactions.get(email!.id)).toBeUndefined();
    expect(await a.browser.db.interactions.get(note.id)).toMatchObject({ body: 'Prefers mornings', authorId: b.user });
    // The author's own browser keeps it, with the author the server stamped.
    expect(await b.browser.db.interactions.get(email!.id)).toMatchObject({ visibility: 'private', authorId: b.user });

    // A cannot switch B's entry, locally; B can.
    await expect(setInteractionVisibility(a.browser.db, note.id, 'private', a.user)).rejects.toThrow('Only the member who logged this entry');
    await setInteractionVisibility(b.browser.db, email!.id, 'team', b.user);
    await b.browser.sync();
    await a.browser.sync();
    expect(await a.browser.db.interactions.get(email!.id)).toMatchObject({ subject: 'Salary expectations', visibility: 'team', authorId: b.user });
  });

  it('round-trips a contact’s owner, handed from A to B and then to nobody', async () => {
    const { a, b } = await team();
    const ada = await addAda(a.browser.db);
    expect(ada.ownerId).toBe(a.user);
    await a.browser.sync();
    await b.browser.sync();
    await setContactOwner(b.browser.db, ada.id, b.user);
    const bSync = await b.browser.sync();
    expect(bSync.rejected).toEqual([]);
    await a.browser.sync();
    expect((await a.browser.db.contacts.get(ada.id))?.ownerId).toBe(b.user);

    await setContactOwner(a.browser.db, ada.id, undefined);
    await a.browser.sync();
    await b.browser.sync();
    const unassigned = await b.browser.db.contacts.get(ada.id);
    expect(unassigned).toBeDefined();
    expect(unassigned!.ownerId).toBeUndefined();
  });

  it('lets the owner read who changed which field of a contact; an editor is refused', async () => {
    const { a, b } = await team();
    const ada = await addAda(a.browser.db);
    await a.browser.sync();
    await b.browser.sync();
    await setContactOwner(b.browser.db, ada.id, b.user);
    await b.browser.sync();

    const options = (token: string) => ({ serverUrl: 'http://sync.test', token, workspace: server.workspace, fetch: fetchVia(server.app) });
    const changes = await fetchAudit(options(a.token), { table: 'contacts', id: ada.id });
    expect(changes[0]).toMatchObject({ table: 'contacts', id: ada.id, member: b.user });
    expect(changes.filter((entry) => entry.member === b.user).map((entry) => entry.field)).toContain('ownerId');
    expect(changes.some((entry) => entry.member === a.user && entry.field === 'name')).toBe(true);

    const refused = await fetchAudit(options(b.token), { table: 'contacts', id: ada.id }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncError);
    expect(refused).toMatchObject({ kind: 'forbidden', status: 403, message: 'Only an owner of the workspace can read its changes.' });
  });

  describe('the background’s answer to the Changes view', () => {
    afterEach(async () => {
      vi.unstubAllGlobals();
      await clearSyncSettings(crmDatabase());
      await clearMembership(crmDatabase());
    });

    it('asks the server with the token it keeps, for owners only, and says why not in words', async () => {
      const { a } = await team();
      const ada = await addAda(a.browser.db);
      await a.browser.sync();
      const request = { type: 'read-audit' as const, table: 'contacts' as const, id: ada.id };
      expect(await readAuditForPage(request)).toEqual({ ok: false, error: 'This browser does not sync, so there is no record of changes.' });

      const seen: string[] = [];
      vi.stubGlobal('fetch', (async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(String(input));
        return server.app.request(String(input).replace('http://localhost:8787', ''), init);
      }) as typeof fetch);
      await saveSyncSettings({ serverUrl: 'http://localhost:8787', token: a.token, workspace: server.workspace, clientId: 'panel' }, crmDatabase());
      const members = await server.store.listMembers(server.workspace);
      await saveMembership({ user: a.user, workspace: server.workspace, workspaceName: 'Team', role: 'editor', members }, crmDatabase());
      expect(await readAuditForPage(request)).toEqual({ ok: false, error: 'Only an owner of the workspace can read its changes.' });
      expect(seen).toEqual([]);

      await saveMembership({ user: a.user, workspace: server.workspace, workspaceName: 'Team', role: 'owner', members }, crmDatabase());
      const answer = await readAuditForPage(request);
      expect(answer.ok).toBe(true);
      expect(answer.ok && answer.changes.some((entry) => entry.field === 'name' && entry.member === a.user)).toBe(true);
      expect(seen).toEqual([`http://localhost:8787/v1/w/${encodeURIComponent(server.workspace)}/audit?table=contacts&id=${encodeURIComponent(ada.id)}`]);
      // The page gets entries, never the token.
      expect(JSON.stringify(answer)).not.toContain(a.token);
    });
  });
});
