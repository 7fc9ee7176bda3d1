import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from './app';
import { newToken } from './auth';
import { jsonLogger } from './log';
import { SyncStore } from './store';
import { describeEachBackend } from './test/backends';
import { SyncClient, appFetcher, stamp } from './test/client';
import { newClient, testApp } from './test/setup';

/** Each attack, with the exact status the server must answer. */
describeEachBackend('security', (backend) => {
  let store: SyncStore;
  let app: Hono;
  const clock = Date.UTC(2026, 5, 1);

  beforeAll(async () => {
    store = await SyncStore.open(await backend.freshLocation());
    app = testApp(store, { now: () => clock, corsOrigins: ['https://crm.example.org'] });
  }, 60_000); // may start a PostgreSQL cluster
  afterAll(async () => {
    await store?.close();
  });

  const pullWith = (workspace: string, authorization?: string) =>
    app.request(`/v1/w/${workspace}/pull?since=0`, { headers: authorization === undefined ? {} : { authorization } });

  it('401 for a missing, malformed, unknown or revoked token, before anything else is looked at', async () => {
    const client = await newClient(store, app);
    expect((await pullWith(client.workspace)).status).toBe(401);
    expect((await pullWith(client.workspace, client.token)).status).toBe(401);
    expect((await pullWith(client.workspace, `Basic ${client.token}`)).status).toBe(401);
    expect((await pullWith(client.workspace, `Bearer ${client.token}x`)).status).toBe(401);
    expect((await pullWith(client.workspace, `Bearer ${newToken()}`)).status).toBe(401);
    const response = await pullWith('no-such-workspace', `Bearer ${newToken()}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');

    const second = await store.addToken(client.email);
    expect((await pullWith(client.workspace, `Bearer ${second.token}`)).status).toBe(200);
    expect(await store.revokeToken(second.token)).toBe(1);
    expect((await pullWith(client.workspace, `Bearer ${second.token}`)).status).toBe(401);
    // The first token is unaffected; revoking by id works too.
    expect((await pullWith(client.workspace, `Bearer ${client.token}`)).status).toBe(200);
    const third = await store.addToken(client.email);
    expect(await store.revokeToken(third.id)).toBe(1);
    expect((await pullWith(client.workspace, `Bearer ${third.token}`)).status).toBe(401);
    const push = await app.request(`/v1/w/${client.workspace}/push`, { method: 'POST', headers: { authorization: `Bearer ${third.token}` }, body: '{}' });
    expect(push.status).toBe(401);
  });

  it('429 for an address that keeps failing to authenticate, before its tokens are looked up; other addresses unaffected', async () => {
    let looked = 0;
    const counting = new Proxy(store, {
      get: (target, name, receiver) => (name === 'authenticate' ? (token: string) => (looked++, target.authenticate(token)) : Reflect.get(target, name, receiver)),
    });
    const guarded = testApp(counting, { now: () => clock, authFailureLimit: { perMinute: 1, burst: 3 } });
    const client = await newClient(store, app);
    const from = (address: string, authorization: string) =>
      guarded.request(`/v1/w/${client.workspace}/pull?since=0`, { headers: { authorization } }, { incoming: { socket: { remoteAddress: address } } });
    for (let i = 0; i < 3; i += 1) expect((await from('198.51.100.7', `Bearer ${newToken()}`)).status).toBe(401);
    const lookedBefore = looked;
    const blocked = await from('198.51.100.7', `Bearer ${newToken()}`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(looked).toBe(lookedBefore); // the forged token was not looked up
    expect((await from('198.51.100.7', `Bearer ${client.token}`)).status).toBe(429); // the address waits, whatever it sends
    expect((await from('203.0.113.9', `Bearer ${client.token}`)).status).toBe(200);
  });

  it('400 for a row id or a value that is not well-formed Unicode (a lone surrogate), and well-formed emoji are fine', async () => {
    const client = await newClient(store, app);
    const push = (id: string, value: unknown) =>
      client.request('POST', '/push', { clientId: 'c', changes: [{ mutationId: `m-${Math.random()}`, table: 'contacts', id, fields: { name: { value, hlc: stamp(clock) } } }] });
    expect((await push('row\ud800', 'Ada')).status).toBe(400);
    expect((await push('row-1', 'Ada \udc00')).status).toBe(400);
    expect((await push('row-1', 'Ada 🦄')).status).toBe(200);
    expect((await client.request('GET', '/pull?since=0')).status).toBe(200);
  });

  it('404 for another user’s workspace, exactly as for one that does not exist, until it is shared', async () => {
    const alice = await newClient(store, app);
    const mallory = await newClient(store, app);
    const intruder = new SyncClient(appFetcher(app), alice.workspace, mallory.token);
    const foreign = await intruder.request('GET', '/pull?since=0');
    const missing = await new SyncClient(appFetcher(app), 'ws_doesnotexist00000', mallory.token).request('GET', '/pull?since=0');
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    const push = await intruder.request('POST', '/push', { clientId: 'm', changes: [{ mutationId: '1', table: 'contacts', id: 'x', fields: { name: { value: 'pwned', hlc: stamp(1) } } }] });
    expect(push.status).toBe(404);
    expect((await alice.pull(0)).changes).toEqual([]);

    await store.shareWorkspace(alice.workspace, mallory.email);
    expect((await intruder.request('GET', '/pull?since=0')).status).toBe(200);
  });

  it('stores SQL-injection-shaped ids as plain text, and refuses such field names, workspaces and cursors', async () => {
    const client = await newClient(store, app);
    const ids = ["x'); DROP TABLE rows; --", '" OR 1=1 --', 'Robert\'); DELETE FROM tokens WHERE (\'1\'=\'1', '%_\\', 'ünï©ødé 👩‍💻'];
    const reply = await client.push({ clientId: 'a', changes: ids.map((id, i) => ({ mutationId: `${i}'--`, table: 'contacts' as const, id, fields: { name: { value: id, hlc: stamp(i) } } })) });
    expect(reply).toEqual({ cursor: ids.length, rejected: [] });
    const pulled = await client.pull(0);
    expect(pulled.changes.map((row) => [row.id, row.fields.name?.value])).toEqual(ids.map((id) => [id, id]));

    const badField = await client.request('POST', '/push', { clientId: 'a', changes: [{ mutationId: 'f', table: 'contacts', id: 'c', fields: { "name = 'x'; DROP TABLE rows; --": { value: 1, hlc: stamp(1) } } }] });
    expect(badField.status).toBe(400);
    expect(((await badField.json()) as { message: string }).message).toMatch(/field names are letters/);
    const badTable = await client.request('POST', '/push', { clientId: 'a', changes: [{ mutationId: 't', table: 'rows; DROP TABLE users', id: 'c', fields: { name: { value: 1, hlc: stamp(1) } } }] });
    expect(badTable.status).toBe(400);

    const injectedWorkspace = new SyncClient(appFetcher(app), encodeURIComponent(`${client.workspace}' OR '1'='1`), client.token);
    expect((await injectedWorkspace.request('GET', '/pull?since=0')).status).toBe(404);
    expect((await client.request('GET', `/pull?since=${encodeURIComponent('0 OR 1=1')}`)).status).toBe(400);
    expect((await client.request('GET', `/pull?since=0&limit=${encodeURIComponent('1; DROP TABLE rows')}`)).status).toBe(400);
    // Everything is still there.
    expect((await client.pull(0)).changes).toHaveLength(ids.length);
  });

  it('413 for a 10 MB body, 400 for deeply nested JSON', async () => {
    const client = await newClient(store, app);
    const huge = new Uint8Array(10 * 1024 * 1024).fill(0x20);
    const headers = { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' };
    expect((await app.request(`/v1/w/${client.workspace}/push`, { method: 'POST', headers, body: huge })).status).toBe(413);
    const deep = `{"clientId":"a","changes":[{"mutationId":"1","table":"contacts","id":"c","fields":{"name":{"hlc":"${stamp(1)}","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}]}`;
    const response = await app.request(`/v1/w/${client.workspace}/push`, { method: 'POST', headers, body: deep });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/nested deeper than 32/);
    expect((await client.pull(0)).changes).toEqual([]);
  });

  it('409 with the server time for a stamp more than a minute ahead; a stamp just inside is fine', async () => {
    const client = await newClient(store, app);
    const change = (hlc: string, mutationId: string) => ({ mutationId, table: 'contacts', id: 'c', fields: { name: { value: 'x', hlc } } });
    const ahead = await client.request('POST', '/push', { clientId: 'a', changes: [change(stamp(clock - 1000), '1'), change(stamp(clock + 61_000), '2')] });
    expect(ahead.status).toBe(409);
    expect(await ahead.json()).toEqual({ error: 'clock-ahead', message: expect.stringContaining('ahead'), serverTime: new Date(clock).toISOString() });
    const aheadDelete = await client.request('POST', '/push', { clientId: 'a', changes: [{ mutationId: '3', table: 'contacts', id: 'c', deleted: stamp(clock + 3_600_000) }] });
    expect(aheadDelete.status).toBe(409);
    expect((await client.pull(0)).changes).toEqual([]);
    expect((await client.request('POST', '/push', { clientId: 'a', changes: [change(stamp(clock + 59_000), '4')] })).status).toBe(200);
  });

  it('logs requests as JSON lines without tokens, emails, ids or row contents', async () => {
    const lines: string[] = [];
    const logged = createApp({ store, logger: jsonLogger((line) => lines.push(line)), now: () => clock });
    const client = await newClient(store, logged);
    const secret = 'Ada Lovelace, +44 20 7946 0000';
    await client.push({ clientId: 'a', changes: [{ mutationId: '1', table: 'contacts', id: 'row-id-123', fields: { name: { value: secret, hlc: stamp(1) } } }] });
    await client.request('POST', '/push', { clientId: 'a', changes: [{ mutationId: '2', table: 'nope', id: 'row-id-123', fields: { name: { value: secret, hlc: stamp(1) } } }] });
    await client.pull(0);
    await logged.request(`/v1/w/${client.workspace}/pull?since=0`, { headers: { authorization: `Bearer ${client.token}x` } });
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ level: 'info', msg: 'request', route: expect.stringMatching(/^\/v1\/w\/:workspace\/(push|pull)$/) });
      for (const forbidden of [client.token, client.email, client.workspace, 'row-id-123', 'Lovelace', '7946']) expect(line).not.toContain(forbidden);
    }
    expect(lines.map((line) => (JSON.parse(line) as { status: number }).status)).toEqual([200, 400, 200, 401]);
  });

  it('allows CORS for extension origins and configured ones only', async () => {
    const preflight = (origin: string) =>
      app.request('/v1/w/x/push', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'https://crm.example.org']) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
    for (const origin of ['https://evil.example', 'null', 'chrome-extension://short', 'http://crm.example.org']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});
