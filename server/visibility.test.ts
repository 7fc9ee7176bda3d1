import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PushChange } from '../lib/sync/shared/protocol';
import { SyncStore } from './store';
import { describeEachBackend } from './test/backends';
import { Replica, SyncClient, appFetcher, stamp } from './test/client';
import { newClient, testApp } from './test/setup';

/**
 * The private-history property (issue 18): over random pushes, visibility switches and role
 * changes by three members, no pull ever hands a member a row private to someone else, and in the
 * end every member holds every row it may see, as it now is, though the switch to team happened
 * after their cursor had passed the row's earlier changes.
 */

const MEMBERS = 3; // 0 is the owner; 1 and 2 start as editors
const ROWS = ['i1', 'i2', 'i3'];

const operation = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('push' as const), member: fc.integer({ min: 0, max: MEMBERS - 1 }), id: fc.constantFrom(...ROWS), visibility: fc.constantFrom(undefined, 'team', 'private'), deleted: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('role' as const), member: fc.integer({ min: 1, max: MEMBERS - 1 }), role: fc.constantFrom('editor' as const, 'viewer' as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('pull' as const), member: fc.integer({ min: 0, max: MEMBERS - 1 }) }) },
);

interface ModelRow {
  author: number;
  visibility: 'team' | 'private';
  deleted: boolean;
}

describeEachBackend('teams: private history (property)', (backend) => {
  let store: SyncStore;
  let app: Hono;

  beforeAll(async () => {
    store = await SyncStore.open(await backend.freshLocation());
    app = testApp(store);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('no member ever pulls a row it may not see; every member ends with every row it may see', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), async (operations) => {
        const owner = await newClient(store, app);
        const clients: Array<SyncClient & { user: string }> = [owner];
        for (let i = 1; i < MEMBERS; i++) {
          const email = `m${i}-${Math.random().toString(36).slice(2, 10)}@example.org`;
          const { user, token } = await store.addUser(email);
          await store.shareWorkspace(owner.workspace, email, 'editor');
          clients.push(Object.assign(new SyncClient(appFetcher(app), owner.workspace, token), { user }));
        }
        const roles = ['owner', 'editor', 'editor'];
        const model = new Map<string, ModelRow>();
        const replicas = clients.map(() => new Replica());
        const cursors = clients.map(() => 0);
        let tick = 0;
        let mutation = 0;

        const mayPull = (member: number, id: string) => {
          const row = model.get(id);
          return row !== undefined && (row.visibility === 'team' || row.author === member);
        };
        const pull = async (member: number) => {
          const page = await clients[member]!.pullAll(cursors[member]);
          for (const row of page.changes) {
            expect(mayPull(member, row.id), `member ${member} pulled ${row.id}`).toBe(true);
            replicas[member]!.apply(row.table, row.id, row);
          }
          cursors[member] = page.cursor;
        };

        for (const step of operations) {
          if (step.op === 'pull') {
            await pull(step.member);
          } else if (step.op === 'role') {
            const changed = await app.request(`/v1/w/${owner.workspace}/members/${clients[step.member]!.user}`, {
              method: 'PATCH',
              headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ role: step.role }),
            });
            expect(changed.status).toBe(200);
            roles[step.member] = step.role;
          } else {
            const hlc = stamp(++tick);
            const change: PushChange = step.deleted
              ? { mutationId: `m${++mutation}`, table: 'interactions', id: step.id, fields: {}, deleted: hlc }
              : {
                  mutationId: `m${++mutation}`,
                  table: 'interactions',
                  id: step.id,
                  fields: { subject: { value: `by ${step.member} at ${tick}`, hlc }, ...(step.visibility === undefined ? {} : { visibility: { value: step.visibility, hlc } }) },
                };
            const response = await clients[step.member]!.request('POST', '/push', { clientId: `c${step.member}`, changes: [change] });
            if (roles[step.member] === 'viewer') {
              expect(response.status).toBe(403);
              continue;
            }
            const { rejected } = (await response.json()) as { rejected: unknown[] };
            const row = model.get(step.id);
            const expectRefused =
              row !== undefined &&
              ((row.visibility === 'private' && row.author !== step.member) ||
                (!step.deleted && step.visibility !== undefined && row.author !== step.member && step.visibility !== row.visibility && !row.deleted));
            expect(rejected.length, `push ${JSON.stringify(step)} on ${JSON.stringify(row)}`).toBe(expectRefused ? 1 : 0);
            if (expectRefused) continue;
            if (row === undefined) {
              // A deletion of a row never seen leaves a tombstone without an author, seen by all.
              model.set(step.id, step.deleted ? { author: -1, visibility: 'team', deleted: true } : { author: step.member, visibility: step.visibility ?? 'team', deleted: false });
            } else if (!row.deleted) {
              if (step.deleted) row.deleted = true;
              else if (step.visibility !== undefined && row.author === step.member) row.visibility = step.visibility;
            }
          }
        }

        for (let member = 0; member < MEMBERS; member++) {
          await pull(member);
          for (const [id, row] of model) {
            if (row.deleted || !mayPull(member, id)) continue;
            const held = replicas[member]!.rows.get(`interactions/${id}`);
            expect(held?.fields.visibility?.value ?? 'team', `member ${member} holds ${id}`).toBe(row.visibility);
            expect(held?.fields.authorId?.value).toBe(clients[row.author]!.user);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
