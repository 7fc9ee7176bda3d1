/**
 * The follow-ups calendar feed (issue 20) on SQLite and PostgreSQL: HTTP Basic with an app
 * password, valid RFC 5545 parsed back by ical.js, one VTODO per follow-up (due, alarm, link,
 * done ones completed), the caller's own unless the team's are asked for, and refusals: a wrong
 * email, a revoked token, a dav token at the sync API, a non-member, an encrypted workspace.
 */
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { formatHlc } from '../lib/sync/shared/hlc';
import type { PushChange } from '../lib/sync/shared/protocol';
import { describeEachBackend } from './test/backends';
import { newClient, storeAndApp } from './test/setup';
import { SyncClient, appFetcher } from './test/client';

const DAY = 86_400_000;
const due = Date.UTC(2026, 11, 10, 9, 0);
let counter = 0;

function change(table: PushChange['table'], id: string, fields: Record<string, unknown>): PushChange {
  const hlc = formatHlc({ millis: Date.UTC(2026, 11, 1) + counter++, counter: 0, node: '00000000000000d1' });
  return { mutationId: `m${counter}-${id}`, table, id, fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value: value as never, hlc }])) };
}

const contact = (id: string, name: string, extra: Record<string, unknown> = {}) =>
  change('contacts', id, { name, emails: [`${id}@example.org`], phones: [], profiles: [], tags: [], stage: 'customer', userFields: [], createdAt: 1, updatedAt: 2, ...extra });

const basic = (email: string, token: string) => ({ authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` });

describeEachBackend('follow-ups calendar feed', (backend) => {
  const server = storeAndApp(backend);

  async function feed(path: string, headers: Record<string, string>) {
    const response = await server.app.request(`/dav/${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), challenge: response.headers.get('www-authenticate'), text: await response.text() };
  }

  it('serves the member’s own follow-ups as valid iCalendar, with due times, alarms, links and done ones completed; the team’s on request', async () => {
    const owner = await newClient(server.store, server.app);
    await owner.push({
      clientId: 'b1',
      changes: [
        contact('ada', 'Ada Lovelace', { profiles: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ada' }] }),
        contact('bob', 'Bob Trash', { deletedAt: Date.UTC(2026, 11, 2) }),
        change('tasks', 't1', { contactId: 'ada', title: 'renewal', dueAt: due, remindAt: due - 3_600_000 }),
        change('tasks', 't2', { contactId: 'ada', title: 'send the deck', dueAt: due - 2 * DAY, doneAt: due - 3 * DAY }),
        change('tasks', 't3', { contactId: 'bob', title: 'never shown', dueAt: due }),
      ],
    });
    const editorEmail = `editor-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const editorAccount = await server.store.addUser(editorEmail);
    await server.store.shareWorkspace(owner.workspace, editorEmail, 'editor');
    const editor = new SyncClient(appFetcher(server.app), owner.workspace, editorAccount.token);
    await editor.push({ clientId: 'b2', changes: [change('tasks', 't4', { contactId: 'ada', title: 'editor’s call', dueAt: due + DAY })] });

    const { token } = await server.store.addToken(owner.email, Date.now(), 'dav');
    const own = await feed(`${owner.workspace}/followups.ics`, basic(owner.email, token));
    expect(own.status).toBe(200);
    expect(own.type).toMatch(/^text\/calendar/);
    expect(own.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(own.text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(own.text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const todos = calendar.getAllSubcomponents('vtodo');
    expect(todos.map((todo) => todo.getFirstPropertyValue('uid'))).toEqual(['t2@sidebar-crm', 't1@sidebar-crm']);
    const [done, open] = todos as [ICAL.Component, ICAL.Component];
    expect(open.getFirstPropertyValue('summary')).toBe('Follow up: Ada Lovelace — renewal');
    expect((open.getFirstPropertyValue('due') as ICAL.Time).toJSDate().getTime()).toBe(due);
    expect(open.getFirstPropertyValue('status')).toBe('NEEDS-ACTION');
    expect(open.getFirstPropertyValue('url')).toBe('https://www.linkedin.com/in/ada');
    const alarm = open.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Time).toJSDate().getTime()).toBe(due - 3_600_000);
    expect(done.getFirstPropertyValue('status')).toBe('COMPLETED');
    expect((done.getFirstPropertyValue('completed') as ICAL.Time).toJSDate().getTime()).toBe(due - 3 * DAY);
    expect(done.getFirstSubcomponent('valarm')).toBeNull();

    const team = new ICAL.Component(ICAL.parse((await feed(`${owner.workspace}/followups.ics?team=1`, basic(owner.email, token))).text));
    expect(team.getAllSubcomponents('vtodo').map((todo) => todo.getFirstPropertyValue('uid'))).toEqual(['t2@sidebar-crm', 't1@sidebar-crm', 't4@sidebar-crm']);
    expect(team.getFirstPropertyValue('x-wr-calname')).toMatch(/^Team follow-ups — /);
  });

  it('refuses a wrong email, a revoked token, a non-member and an encrypted workspace; the sync API refuses a dav token', async () => {
    const owner = await newClient(server.store, server.app);
    const other = await newClient(server.store, server.app);
    const { token, id } = await server.store.addToken(owner.email, Date.now(), 'dav');
    const path = `${owner.workspace}/followups.ics`;
    expect(await feed(path, {})).toMatchObject({ status: 401, challenge: 'Basic realm="Sidebar CRM", charset="UTF-8"' });
    expect((await feed(path, basic(other.email, token))).status).toBe(401);
    expect((await feed(path, basic(owner.email.toUpperCase(), token))).status).toBe(200);
    expect((await feed(`${other.workspace}/followups.ics`, basic(owner.email, token))).status).toBe(404);

    const sync = await server.app.request('/v1/workspaces', { headers: { authorization: `Bearer ${token}` } });
    expect(sync.status).toBe(403);
    expect(await sync.json()).toMatchObject({ error: 'wrong-scope' });

    const envelope = { kdf: 'PBKDF2-SHA-256', params: { iterations: 600_000 }, salt: Buffer.alloc(16).toString('base64'), wrappedKey: Buffer.alloc(40).toString('base64'), keyId: 'k1' };
    const put = await server.app.request(`/v1/w/${owner.workspace}/keys`, { method: 'PUT', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    expect(put.status).toBe(201);
    const encrypted = await feed(path, basic(owner.email, token));
    expect(encrypted.status).toBe(404);
    expect(JSON.parse(encrypted.text)).toMatchObject({ error: 'encrypted', message: expect.stringMatching(/end-to-end encrypted/) });

    await server.store.revokeToken(id);
    expect((await feed(path, basic(owner.email, token))).status).toBe(401);
  });
});
