/**
 * The team client's HTTP calls and the membership refresh, against a scripted fetch (this is the
 * unit level: team-membership.test.ts runs the same paths against the real server on SQLite).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { readMembership, saveMembership } from '@/lib/sync/client/membership';
import { refreshMembership } from '@/lib/sync/client/membership-refresh';
import { joinByInvite } from '@/lib/sync/client/team-actions';
import { joinTeam, teamTransport } from '@/lib/sync/client/team-transport';
import { readSyncSettings } from '@/lib/sync/client/settings';
import { SyncError } from '@/lib/sync/client/transport';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };
type Answer = { status: number; body?: unknown } | 'unreachable';

/** A fetch that records each request and answers from the script, in order. */
function scriptedFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  const scripted = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    if (answer === 'unreachable') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch: scripted, calls };
}

const TOKEN = `scrm_${'t'.repeat(43)}`;
const member = (user: string, role: 'owner' | 'editor' | 'viewer', name: string | null = null) => ({ user, email: `${user}@example.org`, name, role, lastSeenAt: null });
const who = (role: 'owner' | 'editor' | 'viewer', workspaces = [{ workspace: 'ws_1', name: 'Acme', role }]) => ({
  status: 200,
  body: { workspaces, user: { user: 'usr_me', email: 'me@example.org', name: 'Me' } },
});

let db: CrmDatabase;
beforeEach(() => {
  fakeBrowser.reset();
  db = openCrmDatabase(`team-transport-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('team transport', () => {
  it('calls each team route with the token in the header only, and parses the replies', async () => {
    const { fetch, calls } = scriptedFetch(
      { status: 200, body: { members: [member('usr_me', 'owner', 'Me')] } },
      { status: 201, body: { code: 'inv_abc', role: 'viewer', expiresAt: '2026-12-13T07:00:00.000Z' } },
      { status: 200, body: { user: 'usr_2', role: 'editor' } },
      { status: 200, body: { user: 'usr_2', removed: true } },
    );
    const team = teamTransport({ serverUrl: 'https://crm.example.org/', token: TOKEN, workspace: 'ws 1', fetch });
    expect(await team.members()).toEqual([member('usr_me', 'owner', 'Me')]);
    expect(await team.invite({ role: 'viewer', expiresInDays: 3 })).toMatchObject({ code: 'inv_abc', role: 'viewer' });
    expect(await team.setRole('usr_2', 'editor')).toEqual({ user: 'usr_2', role: 'editor' });
    expect(await team.remove('usr_2')).toEqual({ user: 'usr_2', removed: true });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET https://crm.example.org/v1/w/ws%201/members',
      'POST https://crm.example.org/v1/w/ws%201/invites',
      'PATCH https://crm.example.org/v1/w/ws%201/members/usr_2',
      'DELETE https://crm.example.org/v1/w/ws%201/members/usr_2',
    ]);
    expect(calls[1]!.body).toEqual({ role: 'viewer', expiresInDays: 3 });
    expect(calls[2]!.body).toEqual({ role: 'editor' });
    for (const call of calls) {
      expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(call.url).not.toContain(TOKEN);
    }
  });

  it('turns refusals into words: the last owner (409) in the server’s words, a non-owner (403), a workspace gone (404)', async () => {
    const { fetch } = scriptedFetch(
      { status: 409, body: { error: 'last-owner', message: 'a workspace keeps at least one owner: make another member owner first' } },
      { status: 403, body: { error: 'forbidden', message: 'only an owner may create invites' } },
      { status: 404, body: { error: 'not-found', message: 'no such member' } },
      { status: 404, body: { error: 'not-found', message: 'no such workspace' } },
      'unreachable',
    );
    const team = teamTransport({ serverUrl: 'https://crm.example.org', token: TOKEN, workspace: 'ws_1', fetch });
    await expect(team.remove('usr_me')).rejects.toMatchObject({ kind: 'refused', status: 409, message: 'A workspace keeps at least one owner: make another member owner first.' });
    await expect(team.invite({ role: 'editor', expiresInDays: 7 })).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining('only an owner may create invites') });
    await expect(team.setRole('usr_gone', 'viewer')).rejects.toMatchObject({ kind: 'refused', message: 'That person is no longer a member of this workspace.' });
    await expect(team.members()).rejects.toMatchObject({ kind: 'workspace', status: 404 });
    await expect(team.members()).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('https://crm.example.org') });
  });

  it('joins without a token; a used code (410) and an unreachable server say what to do', async () => {
    const { fetch, calls } = scriptedFetch(
      { status: 201, body: { user: 'usr_9', workspace: 'ws_1', token: TOKEN, role: 'viewer' } },
      { status: 410, body: { error: 'invite no longer valid', message: 'the invite code is unknown, used or expired: ask for a new one' } },
      'unreachable',
    );
    const body = { code: 'inv_abc', email: 'ravi@example.org', name: 'Ravi' };
    expect(await joinTeam({ serverUrl: 'https://crm.example.org', fetch }, body)).toEqual({ user: 'usr_9', workspace: 'ws_1', token: TOKEN, role: 'viewer' });
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://crm.example.org/v1/join', body });
    await expect(joinTeam({ serverUrl: 'https://crm.example.org', fetch }, body)).rejects.toThrow(/^This invite is no longer valid/);
    await expect(joinTeam({ serverUrl: 'https://crm.example.org', fetch }, body)).rejects.toThrow(/Cannot reach the sync server at https:\/\/crm\.example\.org/);
  });
});

describe('joining from Options', () => {
  it('keeps the token in the IndexedDB settings row (not storage.local, not the answer) and knows the role at once', async () => {
    const { fetch } = scriptedFetch({ status: 201, body: { user: 'usr_9', workspace: 'ws_1', token: TOKEN, role: 'viewer' } });
    const answer = await joinByInvite({ db, fetch }, { serverUrl: 'https://crm.example.org', code: ' inv_abc ', email: 'ravi@example.org', name: 'Ravi' });
    expect(answer).toEqual({ ok: true, workspace: 'ws_1', role: 'viewer' });
    expect(JSON.stringify(answer)).not.toContain(TOKEN);
    expect(await readSyncSettings(db)).toMatchObject({ serverUrl: 'https://crm.example.org', token: TOKEN, workspace: 'ws_1' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    expect(await readMembership(db)).toMatchObject({ user: 'usr_9', workspace: 'ws_1', role: 'viewer' });
    // Already syncing: a second join is refused before any request (the script has no answer left).
    expect(await joinByInvite({ db, fetch }, { serverUrl: 'https://crm.example.org', code: 'inv_b', email: 'ravi@example.org', name: 'Ravi' })).toMatchObject({ ok: false, error: expect.stringMatching(/Sign out of sync first/) });
  });

  it('refuses plain http to another machine before sending the code, as manual setup does', async () => {
    const { fetch, calls } = scriptedFetch();
    const answer = await joinByInvite({ db, fetch }, { serverUrl: 'http://crm.example.org', code: 'inv_abc', email: 'ravi@example.org', name: 'Ravi' });
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/Use an https:\/\/ address/) });
    expect(calls).toEqual([]);
    expect(await readSyncSettings(db)).toBeUndefined();
  });
});

describe('membership refresh', () => {
  it('saves who this browser is (user, role, workspace name, members) from the server', async () => {
    const { fetch } = scriptedFetch(who('viewer'), { status: 200, body: { members: [member('usr_o', 'owner', 'Dana'), member('usr_me', 'viewer', 'Me')] } });
    const saved = await refreshMembership(db, teamTransport({ serverUrl: 'https://crm.example.org', token: TOKEN, workspace: 'ws_1', fetch }), 'ws_1');
    expect(saved).toEqual({ user: 'usr_me', workspace: 'ws_1', workspaceName: 'Acme', role: 'viewer', members: [member('usr_o', 'owner', 'Dana'), member('usr_me', 'viewer', 'Me')] });
    expect(await readMembership(db)).toEqual(saved);
  });

  it('marks the member removed when the workspace left their list, keeping what it knew, and stops with the workspace’s name', async () => {
    await saveMembership({ user: 'usr_me', workspace: 'ws_1', workspaceName: 'Acme', role: 'editor', members: [member('usr_o', 'owner', 'Dana')] }, db);
    const { fetch } = scriptedFetch(who('editor', []));
    const refresh = refreshMembership(db, teamTransport({ serverUrl: 'https://crm.example.org', token: TOKEN, workspace: 'ws_1', fetch }), 'ws_1', 1_000);
    await expect(refresh).rejects.toSatisfy((error) => error instanceof SyncError && error.kind === 'workspace' && error.message === 'You were removed from Acme.');
    expect(await readMembership(db)).toMatchObject({ user: 'usr_me', workspaceName: 'Acme', role: 'editor', removedAt: 1_000, members: [member('usr_o', 'owner', 'Dana')] });
  });

  it('marks the member removed on a 404 for the members list too', async () => {
    const { fetch } = scriptedFetch(who('editor'), { status: 404, body: { error: 'not-found', message: 'no such workspace' } });
    await expect(refreshMembership(db, teamTransport({ serverUrl: 'https://crm.example.org', token: TOKEN, workspace: 'ws_1', fetch }), 'ws_1', 5)).rejects.toThrow('You were removed from Acme.');
    expect(await readMembership(db)).toMatchObject({ user: 'usr_me', workspaceName: 'Acme', removedAt: 5 });
  });

  it('leaves no row for a server from before teams (no user in its answer)', async () => {
    const { fetch } = scriptedFetch({ status: 200, body: { workspaces: [{ workspace: 'ws_1', name: 'Acme' }] } });
    expect(await refreshMembership(db, teamTransport({ serverUrl: 'https://crm.example.org', token: TOKEN, workspace: 'ws_1', fetch }), 'ws_1')).toBeUndefined();
    expect(await readMembership(db)).toBeUndefined();
  });
});
