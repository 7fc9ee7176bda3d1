/**
 * The team client against the real server app on SQLite (in-process): an owner's invite joined
 * from Options, the membership row each browser keeps, role changes, the last-owner refusal in
 * words, and removal (404 → removedAt) reaching the removed browser at once.
 */
import type { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { canWrite, readMembership } from '@/lib/sync/client/membership';
import { refreshMembership } from '@/lib/sync/client/membership-refresh';
import { readSyncSettings, saveSyncSettings } from '@/lib/sync/client/settings';
import { createInvite, joinByInvite, loadMembers, removeMember, setMemberRole, updateWorkspaceSettings } from '@/lib/sync/client/team-actions';
import { logEmailThread, saveDetectedContact } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { teamTransport } from '@/lib/sync/client/team-transport';
import { httpTransport, SyncError } from '@/lib/sync/client/transport';
import { syncOnce } from '@/lib/sync/client/engine';
import { inProcessSync } from './in-process-sync';

const server = inProcessSync('team-membership');
const SERVER_URL = 'https://sync.test';

/** The app answers `https://sync.test/…` in-process. */
const viaApp = (app: Hono): typeof fetch =>
  (async (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input).replace(SERVER_URL, ''), init)) as typeof fetch;

/** A browser profile's database, signed in with the owner's CLI token or joined by invite. */
async function ownerBrowser() {
  const db = server.browser().db;
  await saveSyncSettings({ serverUrl: SERVER_URL, token: server.token, workspace: server.workspace, clientId: 'browser-owner' }, db);
  return db;
}

async function joinedBrowser(ownerDb: Awaited<ReturnType<typeof ownerBrowser>>, role: 'editor' | 'viewer', name: string) {
  const fetch = viaApp(server.app);
  const invite = await createInvite({ db: ownerDb, fetch }, { role, expiresInDays: 7 });
  if (!invite.ok) throw new Error(invite.error);
  const db = server.browser().db;
  const joined = await joinByInvite({ db, fetch }, { serverUrl: SERVER_URL, code: invite.invite.code, email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.org`, name });
  expect(joined).toEqual({ ok: true, workspace: server.workspace, role });
  return { db, code: invite.invite.code };
}

beforeEach(() => fakeBrowser.reset());

describe('team membership against the real server', () => {
  it('an owner shares captured emails with the team for everyone: an editor’s browser learns it on refresh and stamps its captured emails team', async () => {
    const fetch = viaApp(server.app);
    const ownerDb = await ownerBrowser();
    const { db: editorDb } = await joinedBrowser(ownerDb, 'editor', 'Eddie');
    const editorSettings = (await readSyncSettings(editorDb))!;
    const refresh = () => refreshMembership(editorDb, teamTransport({ ...editorSettings, fetch }), editorSettings.workspace);
    expect((await refresh())?.settings).toEqual({ capturedEmails: 'private' });

    expect(await updateWorkspaceSettings({ db: editorDb, fetch }, { capturedEmails: 'team' })).toMatchObject({ ok: false, error: expect.stringMatching(/owner/) });
    expect(await updateWorkspaceSettings({ db: ownerDb, fetch }, { capturedEmails: 'team' })).toEqual({ ok: true, settings: { capturedEmails: 'team' } });
    expect((await readMembership(ownerDb))?.settings).toEqual({ capturedEmails: 'team' });
    expect((await refresh())?.settings).toEqual({ capturedEmails: 'team' });

    await saveDetectedContact(editorDb, DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] }), { kind: 'page', url: 'https://example.org' });
    await logEmailThread(editorDb, { kind: 'email-thread', site: 'gmail', threadId: 't1', subject: 'Engines', url: 'https://mail.google.com/mail/u/0/#inbox/t1', messages: [{ id: 'm1', from: 'ada@example.org', to: [], cc: [] }] });
    expect(await editorDb.interactions.where('externalId').equals('m1').first()).toMatchObject({ visibility: 'team' });
  });

  it('an invite joined from Options gives the invitee their role; each browser’s row names the team', async () => {
    const fetch = viaApp(server.app);
    const ownerDb = await ownerBrowser();
    const { db: viewerDb, code } = await joinedBrowser(ownerDb, 'viewer', 'Vera');

    const ownerView = await loadMembers({ db: ownerDb, fetch });
    expect(ownerView.ok && ownerView.members.map((member) => [member.name, member.role])).toEqual([
      [null, 'owner'],
      ['Vera', 'viewer'],
    ]);
    expect(await readMembership(ownerDb)).toMatchObject({ workspace: server.workspace, role: 'owner' });
    expect(canWrite(await readMembership(ownerDb))).toBe(true);

    const settings = (await readSyncSettings(viewerDb))!;
    const membership = await refreshMembership(viewerDb, teamTransport({ ...settings, fetch }), settings.workspace);
    expect(membership).toMatchObject({ role: 'viewer', workspaceName: expect.any(String) });
    expect(membership!.members).toHaveLength(2);
    expect(canWrite(membership)).toBe(false);
    // The viewer may read the team, not manage it; a used code is refused in words.
    expect(await createInvite({ db: viewerDb, fetch }, { role: 'owner', expiresInDays: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/only an owner may create invites/) });
    expect(await joinByInvite({ db: server.browser().db, fetch }, { serverUrl: SERVER_URL, code, email: 'late@example.org', name: 'Late' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^This invite is no longer valid/),
    });
  });

  it('a role change reaches the member’s next refresh, and the last owner cannot step down', async () => {
    const fetch = viaApp(server.app);
    const ownerDb = await ownerBrowser();
    const { db: editorDb } = await joinedBrowser(ownerDb, 'editor', 'Ed');
    const editorUser = (await readMembership(editorDb))!.user;
    const ownerUser = (await loadMembers({ db: ownerDb, fetch }).then(() => readMembership(ownerDb)))!.user;

    expect(await setMemberRole({ db: ownerDb, fetch }, editorUser, 'viewer')).toEqual({ ok: true });
    const settings = (await readSyncSettings(editorDb))!;
    expect((await refreshMembership(editorDb, teamTransport({ ...settings, fetch }), settings.workspace))?.role).toBe('viewer');

    expect(await setMemberRole({ db: ownerDb, fetch }, ownerUser, 'editor')).toEqual({ ok: false, error: 'A workspace keeps at least one owner: make another member owner first.' });
    expect(await removeMember({ db: ownerDb, fetch }, ownerUser)).toEqual({ ok: false, error: 'A workspace keeps at least one owner: make another member owner first.' });
    expect((await readMembership(ownerDb))?.role).toBe('owner');
  });

  it('a removed member gets 404 at once: push/pull and the refresh stop, and the row says removed', async () => {
    const fetch = viaApp(server.app);
    const ownerDb = await ownerBrowser();
    const { db: editorDb } = await joinedBrowser(ownerDb, 'editor', 'Ed');
    const settings = (await readSyncSettings(editorDb))!;
    const team = teamTransport({ ...settings, fetch });
    await refreshMembership(editorDb, team, settings.workspace);
    const editor = (await readMembership(editorDb))!;
    expect(await syncOnce(editorDb, httpTransport({ ...settings, fetch }), settings)).toBeDefined();

    expect(await removeMember({ db: ownerDb, fetch }, editor.user)).toEqual({ ok: true });
    await expect(syncOnce(editorDb, httpTransport({ ...settings, fetch }), settings)).rejects.toSatisfy((error) => error instanceof SyncError && error.kind === 'workspace');
    await expect(refreshMembership(editorDb, team, settings.workspace, 42)).rejects.toThrow(`You were removed from ${editor.workspaceName}.`);
    expect(await readMembership(editorDb)).toMatchObject({ user: editor.user, removedAt: 42, role: 'editor' });
    expect(canWrite(await readMembership(editorDb))).toBe(false);
    // The owner's team no longer lists them.
    const ownerView = await loadMembers({ db: ownerDb, fetch });
    expect(ownerView.ok && ownerView.members.map((member) => member.user)).not.toContain(editor.user);
    // A team call from the removed browser marks it removed too (the first time is kept).
    expect(await loadMembers({ db: editorDb, fetch })).toMatchObject({ ok: false, error: expect.stringMatching(/removed from/) });
    expect((await readMembership(editorDb))?.removedAt).toBe(42);
  });
});
