import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AUDIT_DELETED, AuditReply, InviteReply, JoinReply, MembersReply, type PushRequestInput, WorkspacesReply } from '../lib/sync/shared/protocol';
import { INVITE_PATTERN, TOKEN_PATTERN, hashToken } from './auth';
import { SyncStore } from './store';
import { connect } from './store/connect';
import { migrateToLatest } from './store/migrations';
import { rowAudit } from './store/sync';
import { describeEachBackend } from './test/backends';
import { SyncClient, appFetcher, stamp } from './test/client';
import { newClient, testApp } from './test/setup';

const DAY = 86_400_000;

type Json = Record<string, unknown>;

/** A request to the API as some token (or none), answering status and JSON body. */
async function call(app: Hono, token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; text: string }> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.request(`/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json), text };
}

describeEachBackend('teams: roles, invites, members', (backend) => {
  let store: SyncStore;
  let app: Hono;
  let location: string;
  let clock = Date.now();

  beforeAll(async () => {
    location = await backend.freshLocation();
    store = await SyncStore.open(location);
    app = testApp(store, { now: () => clock });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  /** An owner's workspace with a member joined by invite in each given role. */
  async function team(...roles: Array<'editor' | 'viewer' | 'owner'>) {
    const owner = await newClient(store, app);
    const members = [];
    for (const role of roles) {
      const invite = await call(app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role, expiresInDays: 7 });
      expect(invite.status).toBe(201);
      const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.org`;
      const joined = await call(app, undefined, 'POST', '/join', { code: invite.body.code, email, name: `A ${role}` });
      expect(joined.status).toBe(201);
      const { user, token } = JoinReply.parse(joined.body);
      members.push(Object.assign(new SyncClient(appFetcher(app), owner.workspace, token), { user, email }));
    }
    return { owner, members };
  }

  it('an owner invites; the code joins once, as a new user with a token and the invited role; only its hash is stored', async () => {
    const owner = await newClient(store, app);
    const created = await call(app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'viewer', expiresInDays: 3 });
    expect(created.status).toBe(201);
    const invite = InviteReply.parse(created.body);
    expect(invite.code).toMatch(INVITE_PATTERN);
    expect(invite.role).toBe('viewer');
    expect(Date.parse(invite.expiresAt)).toBe(clock + 3 * DAY);

    const joined = await call(app, undefined, 'POST', '/join', { code: invite.code, email: ' Vic@Example.org ', name: ' Vic ' });
    expect(joined.status).toBe(201);
    const reply = JoinReply.parse(joined.body);
    expect(reply).toMatchObject({ workspace: owner.workspace, role: 'viewer' });
    expect(reply.token).toMatch(TOKEN_PATTERN);
    const vic = new SyncClient(appFetcher(app), owner.workspace, reply.token);
    expect((await vic.pull(0)).changes).toEqual([]);

    const again = await call(app, undefined, 'POST', '/join', { code: invite.code, email: 'other@example.org', name: 'Other' });
    expect(again.status).toBe(410);
    expect(again.body.error).toBe('invite no longer valid');

    const members = MembersReply.parse((await call(app, owner.token, 'GET', `/w/${owner.workspace}/members`)).body).members;
    // Joined by the test clock, made by the real one: compare in a fixed order.
    const byRole = [...members].sort((a, b) => a.role.localeCompare(b.role));
    expect(byRole.map(({ user, email, name, role }) => ({ user, email, name, role }))).toEqual([
      { user: expect.any(String), email: owner.email, name: null, role: 'owner' },
      { user: reply.user, email: 'vic@example.org', name: 'Vic', role: 'viewer' },
    ]);
    expect(members.every((member) => member.lastSeenAt === new Date(clock).toISOString())).toBe(true);

    const raw = connect(location);
    try {
      const stored = await raw.db.selectFrom('invites').selectAll().where('workspace_id', '=', owner.workspace).execute();
      expect(stored.map((row) => row.hash)).toEqual([hashToken(invite.code)]);
      expect(JSON.stringify(stored)).not.toContain(invite.code);
    } finally {
      await raw.close();
    }
  });

  it('refuses expired and unknown codes with 410, bad bodies with 400, and an existing email with 409 (the code stays usable)', async () => {
    const owner = await newClient(store, app);
    const invite = async (expiresInDays: number) => InviteReply.parse((await call(app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'editor', expiresInDays })).body);
    for (const days of [0, 31, 1.5]) {
      expect((await call(app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'editor', expiresInDays: days })).status).toBe(400);
    }
    expect((await call(app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'admin', expiresInDays: 2 })).status).toBe(400);

    const soon = await invite(1);
    const later = await invite(30);
    clock += DAY + 1;
    const expired = await call(app, undefined, 'POST', '/join', { code: soon.code, email: 'late@example.org', name: 'Late' });
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual({ error: 'invite no longer valid', message: expect.any(String) });
    const unknown = await call(app, undefined, 'POST', '/join', { code: `scri_${'A'.repeat(43)}`, email: 'x@example.org', name: 'X' });
    expect(unknown.status).toBe(410);
    expect((await call(app, undefined, 'POST', '/join', { code: 'not-a-code', email: 'x@example.org', name: 'X' })).status).toBe(410);

    expect((await call(app, undefined, 'POST', '/join', { code: later.code, email: 'x@example.org', name: 'bad \ud800 name' })).status).toBe(400);
    expect((await call(app, undefined, 'POST', '/join', { code: later.code, email: 'not an email', name: 'X' })).status).toBe(400);
    expect((await call(app, undefined, 'POST', '/join', { code: later.code, email: 'x@example.org', name: '   ' })).status).toBe(400);

    const taken = await call(app, undefined, 'POST', '/join', { code: later.code, email: owner.email, name: 'Owner again' });
    expect(taken.status).toBe(409);
    expect(taken.text).not.toContain('scrm_');
    expect((await call(app, undefined, 'POST', '/join', { code: later.code, email: 'fresh@example.org', name: 'Fresh' })).status).toBe(201);
  });

  it('rate-limits failed joins per address like failed sign-ins', async () => {
    const guarded = testApp(store, { now: () => clock, authFailureLimit: { perMinute: 1, burst: 2 } });
    const owner = await newClient(store, guarded);
    const invite = InviteReply.parse((await call(guarded, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'editor', expiresInDays: 2 })).body);
    const bad = { code: `scri_${'B'.repeat(43)}`, email: 'guess@example.org', name: 'Guess' };
    expect((await call(guarded, undefined, 'POST', '/join', bad)).status).toBe(410);
    expect((await call(guarded, undefined, 'POST', '/join', bad)).status).toBe(410);
    const blocked = await call(guarded, undefined, 'POST', '/join', { ...bad, code: invite.code });
    expect(blocked.status).toBe(429);
    // The valid code was not even looked up: it still works once the address has cooled down.
    clock += 60_000;
    expect((await call(guarded, undefined, 'POST', '/join', { ...bad, code: invite.code })).status).toBe(201);
  });

  it('workspace settings: every member reads them, only an owner changes them, unknown settings are refused', async () => {
    const { owner, members } = await team('editor');
    const [editor] = members as [NonNullable<(typeof members)[0]>];
    const path = `/w/${owner.workspace}/settings`;
    expect((await call(app, editor.token, 'GET', path)).body).toEqual({ capturedEmails: 'private' });
    expect((await call(app, editor.token, 'PATCH', path, { capturedEmails: 'team' })).status).toBe(403);
    expect((await call(app, owner.token, 'PATCH', path, { capturedEmails: 'team' })).body).toEqual({ capturedEmails: 'team' });
    expect((await call(app, editor.token, 'GET', path)).body).toEqual({ capturedEmails: 'team' });
    for (const bad of [{ capturedEmails: 'everyone' }, { somethingElse: true }]) {
      expect((await call(app, owner.token, 'PATCH', path, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await call(app, owner.token, 'PATCH', path, {})).body).toEqual({ capturedEmails: 'team' });
  });

  it('a viewer reads but its push is refused 403 read-only member; an editor writes; owner-only routes refuse the others', async () => {
    const { owner, members } = await team('editor', 'viewer');
    const [editor, viewer] = members as [NonNullable<(typeof members)[0]>, NonNullable<(typeof members)[0]>];
    const push: PushRequestInput = { clientId: 'x', changes: [{ mutationId: 'm1', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: stamp(1) } } }] };
    const refused = await viewer.request('POST', '/push', push);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'read-only member', message: expect.any(String) });
    expect((await editor.push(push)).rejected).toEqual([]);
    expect((await viewer.pull(0)).changes.map((row) => row.id)).toEqual(['c1']);

    for (const member of [editor, viewer]) {
      const ws = `/w/${owner.workspace}`;
      for (const [method, path, body] of [
        ['POST', `${ws}/invites`, { role: 'editor', expiresInDays: 2 }],
        ['PATCH', `${ws}/members/${member.user}`, { role: 'owner' }],
        ['DELETE', `${ws}/members/${owner.user}`, undefined],
        ['GET', `${ws}/audit?table=contacts&id=c1`, undefined],
      ] as const) {
        const reply = await call(app, member.token, method, path, body);
        expect(reply.status, `${method} ${path}`).toBe(403);
        expect(reply.body.error).toBe('forbidden');
      }
      expect((await call(app, member.token, 'GET', `${ws}/members`)).status).toBe(200);
    }
    // Promoted to editor, the viewer writes; demoted, the editor cannot.
    expect((await call(app, owner.token, 'PATCH', `/w/${owner.workspace}/members/${viewer.user}`, { role: 'editor' })).body).toEqual({ user: viewer.user, role: 'editor' });
    expect((await call(app, owner.token, 'PATCH', `/w/${owner.workspace}/members/${editor.user}`, { role: 'viewer' })).status).toBe(200);
    expect((await viewer.request('POST', '/push', { ...push, clientId: 'v' })).status).toBe(200);
    expect((await editor.request('POST', '/push', { ...push, clientId: 'e2' })).status).toBe(403);
  });

  it('a workspace keeps one owner (409); a removed member gets 404 from their next request', async () => {
    const { owner, members } = await team('editor', 'owner');
    const [editor, second] = members as [NonNullable<(typeof members)[0]>, NonNullable<(typeof members)[0]>];
    const ws = `/w/${owner.workspace}`;
    expect((await call(app, owner.token, 'DELETE', `${ws}/members/${second.user}`)).status).toBe(200);
    const demote = await call(app, owner.token, 'PATCH', `${ws}/members/${owner.user}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe('last-owner');
    expect((await call(app, owner.token, 'DELETE', `${ws}/members/${owner.user}`)).status).toBe(409);
    expect((await call(app, owner.token, 'PATCH', `${ws}/members/usr_nobody`, { role: 'editor' })).status).toBe(404);
    expect((await call(app, owner.token, 'DELETE', `${ws}/members/usr_nobody`)).status).toBe(404);
    expect((await call(app, owner.token, 'PATCH', `${ws}/members/${editor.user}`, { role: 'boss' })).status).toBe(400);
    // Ill-formed Unicode in a path or query is no member and no row, never a database error.
    for (const bad of ['%ED%A0%80', '%F0', 'x'.repeat(65)]) {
      expect((await call(app, owner.token, 'PATCH', `${ws}/members/${bad}`, { role: 'editor' })).status).toBe(404);
      expect((await call(app, owner.token, 'DELETE', `${ws}/members/${bad}`)).status).toBe(404);
    }
    expect((await call(app, owner.token, 'GET', `${ws}/audit?table=contacts&id=%ED%A0%80`)).body).toEqual({ changes: [] });
    expect((await call(app, owner.token, 'GET', `${ws}/audit?table=contacts&id=${encodeURIComponent('\u0001')}`)).status).toBe(400);

    expect((await editor.pull(0)).cursor).toBe(0);
    expect((await call(app, owner.token, 'DELETE', `${ws}/members/${editor.user}`)).body).toEqual({ user: editor.user, removed: true });
    expect((await editor.request('GET', '/pull?since=0')).status).toBe(404);
    expect((await editor.request('POST', '/push', { clientId: 'e', changes: [{ mutationId: 'm', table: 'contacts', id: 'c', fields: { name: { value: 'x', hlc: stamp(1) } } }] })).status).toBe(404);
    expect((await call(app, second.token, 'GET', `${ws}/members`)).status).toBe(404);

    // With a second owner, the first may step down.
    await store.shareWorkspace(owner.workspace, editor.email, 'owner');
    expect((await call(app, owner.token, 'PATCH', `${ws}/members/${owner.user}`, { role: 'viewer' })).status).toBe(200);
    expect((await call(app, owner.token, 'GET', `${ws}/members`)).body.members).toHaveLength(2);
    expect((await call(app, owner.token, 'POST', `${ws}/invites`, { role: 'viewer', expiresInDays: 1 })).status).toBe(403);
  });

  it('/v1/workspaces says the caller’s role in each, and who the caller is', async () => {
    const { owner, members } = await team('viewer');
    const viewer = members[0]!;
    const list = await call(app, viewer.token, 'GET', '/workspaces');
    expect(list.body).toEqual({
      workspaces: [{ workspace: owner.workspace, name: owner.email, role: 'viewer' }],
      user: { user: viewer.user, email: viewer.email, name: 'A viewer' },
    });
    // A CLI-made user has no name; the owner learns their own id, which the members list confirms.
    const own = await call(app, owner.token, 'GET', '/workspaces');
    const ownerRow = MembersReply.parse((await call(app, owner.token, 'GET', `/w/${owner.workspace}/members`)).body).members.find((m) => m.role === 'owner');
    expect(own.body.user).toEqual({ user: ownerRow!.user, email: owner.email, name: null });
    expect(WorkspacesReply.parse(own.body).user?.user).toBe(ownerRow!.user);
  });
});

describeEachBackend('teams: attribution, private history, audit', (backend) => {
  let store: SyncStore;
  let app: Hono;
  let clock = Date.now();

  beforeAll(async () => {
    store = await SyncStore.open(await backend.freshLocation());
    app = testApp(store, { now: () => clock });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  async function pair() {
    const owner = await newClient(store, app);
    const email = `ed-${Math.random().toString(36).slice(2, 10)}@example.org`;
    const editorAccount = await store.addUser(email);
    expect(await store.shareWorkspace(owner.workspace, email)).toBe('editor');
    const editor = Object.assign(new SyncClient(appFetcher(app), owner.workspace, editorAccount.token), { user: editorAccount.user });
    return { owner, editor };
  }

  it('stamps authorId from the token on the rows it creates; a client cannot forge or change it', async () => {
    const { owner, editor } = await pair();
    const reply = await editor.push({
      clientId: 'e',
      changes: [
        { mutationId: '1', table: 'interactions', id: 'i1', fields: { contactId: { value: 'c', hlc: stamp(1) }, kind: { value: 'call', hlc: stamp(1) }, at: { value: 1, hlc: stamp(1) }, authorId: { value: owner.user, hlc: stamp(9) } } },
        { mutationId: '2', table: 'deals', id: 'd1', fields: { title: { value: 'Renewal', hlc: stamp(2) }, authorId: { value: 'usr_forged', hlc: stamp(2) } } },
        { mutationId: '3', table: 'tasks', id: 't1', fields: { title: { value: 'Call', hlc: stamp(3) } } },
        { mutationId: '4', table: 'contacts', id: 'c', fields: { name: { value: 'Ada', hlc: stamp(3) } } },
      ],
    });
    expect(reply.rejected).toEqual([]);
    // Later writes of authorId, by anyone, change nothing.
    await owner.push({ clientId: 'o', changes: [{ mutationId: '5', table: 'deals', id: 'd1', fields: { authorId: { value: owner.user, hlc: stamp(50) }, amount: { value: 5, hlc: stamp(50) } } }] });
    await editor.push({ clientId: 'e', changes: [{ mutationId: '6', table: 'tasks', id: 't1', fields: { authorId: { value: 'usr_other', hlc: stamp(60) } } }] });
    const rows = new Map((await owner.pull(0)).changes.map((row) => [row.id, row.fields]));
    expect(rows.get('i1')?.authorId).toEqual({ value: editor.user, hlc: stamp(1) });
    expect(rows.get('d1')?.authorId).toEqual({ value: editor.user, hlc: stamp(2) });
    expect(rows.get('d1')?.amount?.value).toBe(5);
    expect(rows.get('t1')?.authorId).toEqual({ value: editor.user, hlc: stamp(3) });
    expect(rows.get('c')?.authorId).toBeUndefined();
  });

  it('a private interaction and every change to it reach only its author; switched to team it reaches the others past their cursor', async () => {
    const { owner, editor } = await pair();
    const secret = 'Quarterly numbers, confidential';
    await owner.push({ clientId: 'o', changes: [{ mutationId: 'o1', table: 'contacts', id: 'c', fields: { name: { value: 'Ada', hlc: stamp(1) } } }] });
    await editor.push({
      clientId: 'e',
      changes: [
        { mutationId: 'e1', table: 'interactions', id: 'mail', fields: { contactId: { value: 'c', hlc: stamp(2) }, kind: { value: 'email', hlc: stamp(2) }, at: { value: 2, hlc: stamp(2) }, body: { value: secret, hlc: stamp(2) }, visibility: { value: 'private', hlc: stamp(2) } } },
      ],
    });
    const ownerFirst = await owner.request('GET', '/pull?since=0');
    const ownerText = await ownerFirst.text();
    expect(ownerText).not.toContain('mail');
    expect(ownerText).not.toContain(secret);
    const ownerCursor = (JSON.parse(ownerText) as { cursor: number }).cursor;
    expect(ownerCursor).toBe(2); // moved past the hidden row: no stall
    expect((await editor.pull(0)).changes.map((row) => row.id)).toEqual(['c', 'mail']);

    // Others can neither write into it nor make it theirs to see.
    const blind = await owner.push({
      clientId: 'o',
      changes: [
        { mutationId: 'o2', table: 'interactions', id: 'mail', fields: { visibility: { value: 'team', hlc: stamp(90) } } },
        { mutationId: 'o3', table: 'interactions', id: 'mail', deleted: stamp(91) },
      ],
    });
    expect(blind.rejected.map((entry) => entry.mutationId)).toEqual(['o2', 'o3']);
    // Refused is not applied: the same push retried is refused again, not skipped as done.
    const retried = await owner.push({ clientId: 'o', changes: [{ mutationId: 'o3', table: 'interactions', id: 'mail', deleted: stamp(91) }] });
    expect(retried.rejected.map((entry) => entry.mutationId)).toEqual(['o3']);
    await editor.push({ clientId: 'e', changes: [{ mutationId: 'e2', table: 'interactions', id: 'mail', fields: { subject: { value: 'Numbers', hlc: stamp(3) } } }] });
    expect((await owner.pull(ownerCursor)).changes).toEqual([]);

    // The author shares it: the row moves to a new cursor, past the owner's, whole.
    await editor.push({ clientId: 'e', changes: [{ mutationId: 'e3', table: 'interactions', id: 'mail', fields: { visibility: { value: 'team', hlc: stamp(4) } } }] });
    const shared = await owner.pull(ownerCursor);
    expect(shared.changes).toHaveLength(1);
    expect(shared.changes[0]!.fields).toMatchObject({ body: { value: secret }, subject: { value: 'Numbers' }, visibility: { value: 'team' }, authorId: { value: editor.user } });

    // Only the author changes visibility; a non-author re-sending the same value is harmless.
    const renamed = await owner.push({
      clientId: 'o',
      changes: [
        { mutationId: 'o4', table: 'interactions', id: 'mail', fields: { visibility: { value: 'team', hlc: stamp(95) }, outcome: { value: 'replied', hlc: stamp(95) } } },
        { mutationId: 'o5', table: 'interactions', id: 'mail', fields: { visibility: { value: 'private', hlc: stamp(96) } } },
      ],
    });
    expect(renamed.rejected).toEqual([{ mutationId: 'o5', reason: expect.stringMatching(/only its author/) }]);
    const afterEdit = await editor.pull(0);
    expect(afterEdit.changes.find((row) => row.id === 'mail')?.fields.visibility?.hlc).toBe(stamp(4));

    // Private again: from now on hidden, deletion included.
    await editor.push({ clientId: 'e', changes: [{ mutationId: 'e4', table: 'interactions', id: 'mail', fields: { visibility: { value: 'private', hlc: stamp(97) } } }] });
    await editor.push({ clientId: 'e', changes: [{ mutationId: 'e5', table: 'interactions', id: 'mail', deleted: stamp(98) }] });
    expect((await owner.pull(shared.cursor)).changes).toEqual([]);
    expect((await editor.pull(0)).changes.find((row) => row.id === 'mail')).toEqual({ table: 'interactions', id: 'mail', fields: {}, deleted: stamp(98) });
  });

  it('audits who wrote which field when, newest first, for owners; hides another’s private row; purges after 90 days', async () => {
    const { owner, editor } = await pair();
    clock += 1000;
    await editor.push({ clientId: 'e', changes: [{ mutationId: '1', table: 'contacts', id: 'c', fields: { name: { value: 'Ada', hlc: stamp(1) }, title: { value: 'Analyst', hlc: stamp(1) } } }] });
    clock += 1000;
    await owner.push({ clientId: 'o', changes: [{ mutationId: '2', table: 'contacts', id: 'c', fields: { title: { value: 'Head of Data', hlc: stamp(2) }, name: { value: 'Old', hlc: stamp(0) } } }] });
    clock += 1000;
    await editor.push({ clientId: 'e', changes: [{ mutationId: '3', table: 'interactions', id: 'p', fields: { body: { value: 'x', hlc: stamp(3) }, visibility: { value: 'private', hlc: stamp(3) } } }] });
    clock += 1000;
    await owner.push({ clientId: 'o', changes: [{ mutationId: '4', table: 'contacts', id: 'c', deleted: stamp(4) }] });

    const audit = await call(app, owner.token, 'GET', `/w/${owner.workspace}/audit?table=contacts&id=c`);
    expect(audit.status).toBe(200);
    const entries = AuditReply.parse(audit.body).changes.map(({ field, member, hlc }) => [field, member, hlc]);
    expect(entries).toEqual([
      [AUDIT_DELETED, owner.user, stamp(4)],
      ['title', owner.user, stamp(2)], // the stale name write lost, so it is not audited
      ['name', editor.user, stamp(1)],
      ['title', editor.user, stamp(1)],
    ]);
    expect(AuditReply.parse((await call(app, owner.token, 'GET', `/w/${owner.workspace}/audit?table=interactions&id=p`)).body).changes).toEqual([]);
    expect((await call(app, owner.token, 'GET', `/w/${owner.workspace}/audit?table=values&id=c`)).status).toBe(400);
    expect((await call(app, owner.token, 'GET', `/w/${owner.workspace}/audit?table=contacts`)).status).toBe(400);

    const invite = await call(app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'viewer', expiresInDays: 1 });
    const purged = await store.purge(30 * DAY, clock + 91 * DAY);
    expect(purged.audit).toBeGreaterThanOrEqual(4); // accepted row writes: three to the contact, one to the interaction
    expect(purged.invites).toBeGreaterThanOrEqual(1);
    expect((await call(app, undefined, 'POST', '/join', { code: invite.body.code, email: 'late@example.org', name: 'Late' })).status).toBe(410);
    expect(AuditReply.parse((await call(app, owner.token, 'GET', `/w/${owner.workspace}/audit?table=contacts&id=c`)).body).changes).toEqual([]);
  });
});

describeEachBackend('teams: migration 0007 (one audit entry per write)', (backend) => {
  it('keeps every per-field entry written before it, readable through the audit as before', async () => {
    const location = await backend.freshLocation();
    const conn = connect(location);
    try {
      await migrateToLatest(conn.db, '0006_token_scope');
      await sql`INSERT INTO users (id, email, created_at) VALUES ('u1', 'a@example.org', 1)`.execute(conn.db);
      await sql`INSERT INTO workspaces (id, name, created_at) VALUES ('w1', 'a', 1)`.execute(conn.db);
      await sql`INSERT INTO audit (workspace_id, tbl, row_id, field, user_id, hlc, at) VALUES
        ('w1', 'contacts', 'c', 'name', 'u1', ${stamp(1)}, 1000), ('w1', 'contacts', 'c', 'title', 'u1', ${stamp(1)}, 1000),
        ('w1', 'contacts', 'c', ${AUDIT_DELETED}, 'u1', ${stamp(2)}, 2000)`.execute(conn.db);
      await migrateToLatest(conn.db);
      const entries = (await rowAudit(conn, 'w1', 'u1', 'contacts', 'c')).map(({ field, hlc, at }) => [field, hlc, at]);
      expect(entries).toEqual([
        [AUDIT_DELETED, stamp(2), new Date(2000).toISOString()],
        ['name', stamp(1), new Date(1000).toISOString()],
        ['title', stamp(1), new Date(1000).toISOString()],
      ]);
    } finally {
      await conn.close();
    }
  }, 60_000);
});

describeEachBackend('teams: migration 0003', (backend) => {
  it('makes each workspace’s first member its owner and later members editors', async () => {
    const location = await backend.freshLocation();
    const conn = connect(location);
    try {
      await migrateToLatest(conn.db, '0002_user_disabled');
      await sql`INSERT INTO users (id, email, created_at) VALUES ('u1', 'a@example.org', 1), ('u2', 'b@example.org', 2)`.execute(conn.db);
      await sql`INSERT INTO workspaces (id, name, created_at) VALUES ('w1', 'a', 1), ('w2', 'b', 2)`.execute(conn.db);
      await sql`INSERT INTO members (workspace_id, user_id, created_at) VALUES ('w1', 'u1', 1), ('w2', 'u2', 2), ('w1', 'u2', 5), ('w2', 'u1', 6)`.execute(conn.db);
      await migrateToLatest(conn.db);
      const roles = await conn.db.selectFrom('members').select(['workspace_id', 'user_id', 'role']).orderBy('workspace_id').orderBy('user_id').execute();
      expect(roles).toEqual([
        { workspace_id: 'w1', user_id: 'u1', role: 'owner' },
        { workspace_id: 'w1', user_id: 'u2', role: 'editor' },
        { workspace_id: 'w2', user_id: 'u1', role: 'editor' },
        { workspace_id: 'w2', user_id: 'u2', role: 'owner' },
      ]);
    } finally {
      await conn.close();
    }
  }, 60_000);
});
