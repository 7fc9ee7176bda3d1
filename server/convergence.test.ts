import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatHlc } from '../lib/sync/shared/hlc';
import { type RowChange, mergeAll } from '../lib/sync/shared/merge';
import type { JsonValue, PushChange, PushRequestInput } from '../lib/sync/shared/protocol';
import { SyncStore } from './store';
import { describeEachBackend } from './test/backends';
import { Replica, SyncClient, appFetcher } from './test/client';
import { newClient, testApp } from './test/setup';

const NODES = ['00000000000000a1', '00000000000000b2', '00000000000000c3'];
const BASE = Date.UTC(2026, 0, 1);

const contactField = fc.oneof(
  fc.record({ name: fc.constantFrom('name', 'company', 'title'), value: fc.oneof(fc.constantFrom('Ada', 'Bea', 'Cy'), fc.constant(null)) }),
  fc.record({ name: fc.constant('tags'), value: fc.constantFrom<string[]>([], ['vip'], ['a', 'b']) }),
);
const dealField = fc.oneof(
  fc.record({ name: fc.constant('title'), value: fc.constantFrom('Renewal', 'Upsell') }),
  fc.record({ name: fc.constant('amount'), value: fc.integer({ min: 0, max: 9 }) }),
);
/** Mostly null: a deleted row keeps no fields, so frequent deletes would hide field conflicts. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(null), weight: 15 }, { arbitrary, weight: 1 });

/** Few ids, few fields, few distinct times: conflicts and stamp ties between nodes are common. */
const time = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }));

const change = fc.oneof(
  fc.record({ table: fc.constant('contacts' as const), id: fc.constantFrom('c1', 'c2'), writes: fc.array(fc.tuple(contactField, time), { minLength: 1, maxLength: 3 }), deleted: rarely(time) }),
  fc.record({ table: fc.constant('deals' as const), id: fc.constantFrom('d1'), writes: fc.array(fc.tuple(dealField, time), { minLength: 1, maxLength: 2 }), deleted: rarely(time) }),
);

/** Per client: its pushes, each a few changes. */
const plan = fc.array(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: NODES.length, maxLength: NODES.length });

const schedule = fc.record({
  /** Extra deliveries of pushes (retries), as indexes into the list of all pushes. */
  duplicates: fc.array(fc.nat(), { maxLength: 6 }),
  seed: fc.integer(),
  /** After which delivery each client pulls (besides the final pull). */
  pullsAt: fc.array(fc.nat({ max: 20 }), { maxLength: 4 }),
  /** Deliveries sent at once, so pushes also race each other. */
  batch: fc.integer({ min: 1, max: 3 }),
});

type PlannedChange = typeof change extends fc.Arbitrary<infer T> ? T : never;

function toPush(clientIndex: number, pushIndex: number, changes: PlannedChange[]): PushRequestInput & { changes: PushChange[] } {
  // fast-check's constants are readonly; the wire values are plain JSON.
  const node = NODES[clientIndex]!;
  const hlc = ([millis, counter]: [number, number]) => formatHlc({ millis: BASE + millis, counter, node });
  return {
    clientId: `client-${clientIndex}`,
    changes: changes.map((planned, changeIndex) => ({
      mutationId: `${pushIndex}.${changeIndex}`,
      table: planned.table,
      id: planned.id,
      fields: Object.fromEntries(planned.writes.map(([field, at]) => [field.name, { value: field.value as JsonValue, hlc: hlc(at) }])),
      ...(planned.deleted === null ? {} : { deleted: hlc(planned.deleted) }),
    })),
  };
}

describeEachBackend('convergence (property)', (backend) => {
  let store: SyncStore;
  let app: Hono;

  beforeAll(async () => {
    store = await SyncStore.open(await backend.freshLocation());
    app = testApp(store);
  }, 60_000); // may start a PostgreSQL cluster
  afterAll(async () => {
    await store?.close();
  });

  it('any interleaving and duplication of the same pushes leaves every client and the server in the same state', async () => {
    await fc.assert(
      fc.asyncProperty(plan, schedule, async (plans, { duplicates, seed, pullsAt, batch }) => {
        const owner = await newClient(store, app);
        const clients = NODES.map(() => new SyncClient(appFetcher(app), owner.workspace, owner.token));
        const replicas = NODES.map(() => new Replica());
        const cursors = NODES.map(() => 0);
        const pushes = plans.flatMap((pushesOfClient, c) => pushesOfClient.map((changes, p) => ({ client: c, body: toPush(c, p, changes) })));

        // Local-first: each client has its own edits before any sync.
        for (const push of pushes) for (const ch of push.body.changes) replicas[push.client]!.apply(ch.table, ch.id, ch);

        const deliveries = shuffle([...pushes, ...duplicates.map((i) => pushes[i % pushes.length]!)], seed);
        const pull = async (c: number) => {
          const { changes, cursor } = await clients[c]!.pullAll(cursors[c], 3);
          for (const row of changes) replicas[c]!.apply(row.table, row.id, row);
          cursors[c] = cursor;
        };
        for (let start = 0; start < deliveries.length; start += batch) {
          const replies = await Promise.all(deliveries.slice(start, start + batch).map((d) => clients[d.client]!.push(d.body)));
          for (const reply of replies) expect(reply.rejected).toEqual([]);
          await Promise.all(pullsAt.map((at, c) => (at === start && c < NODES.length ? pull(c) : undefined)));
        }
        for (let c = 0; c < NODES.length; c++) await pull(c);

        // The reference: every change merged once, in the order they were made.
        const reference = new Replica();
        const byRow = new Map<string, RowChange[]>();
        for (const push of pushes) for (const ch of push.body.changes) byRow.set(`${ch.table}/${ch.id}`, [...(byRow.get(`${ch.table}/${ch.id}`) ?? []), ch]);
        for (const [key, changes] of byRow) reference.rows.set(key, mergeAll(undefined, changes)!);
        const server = new Replica();
        for (const row of (await owner.pullAll(0)).changes) server.apply(row.table, row.id, row);

        // Replicas and server agree on everything, the author the server stamped (issue 18) included;
        // the reference, merged without a server, differs from them only by that stamp.
        for (const replica of replicas) expect(replica.snapshot()).toEqual(server.snapshot());
        expect(withoutAuthors(server.snapshot())).toEqual(reference.snapshot());
      }),
      { numRuns: backend.name === 'sqlite' ? 60 : 30 },
    );
  }, 120_000);
});

/** A snapshot without the server-stamped `authorId` fields. */
function withoutAuthors(snapshot: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(snapshot).map(([key, row]) => {
      const { fields, ...rest } = row as { fields: Record<string, unknown> };
      const { authorId: _author, ...kept } = fields;
      return [key, { ...rest, fields: kept }];
    }),
  );
}

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
