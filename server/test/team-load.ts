import { formatHlc } from '../../lib/sync/shared/hlc';
import type { PullReply, PushChange, PushReply, Role } from '../../lib/sync/shared/protocol';
import type { SyncStore } from '../store';
import type { Fetcher } from './client';

/**
 * Issue 18's load: one workspace shared by many members, writers pushing (some interactions
 * private to their author) while readers pull, all concurrently over HTTP. Driven by
 * server/team-load.test.ts (small, both engines) and the bench (tools/bench/team-load.ts,
 * PostgreSQL, full size).
 *
 * Which interactions are private, and whose, is recorded here when they are written, before the
 * push is sent: the leak check never trusts the server's own bookkeeping. The amount of work is
 * fixed (pushes per writer, pull rounds per reader), not the time, so runs compare.
 */

export interface TeamLoadShape {
  /** Editors who push (and pull what the others wrote). */
  writers: number;
  /** Members who only pull: the owner, then viewers, then `readingEditors` editors. */
  readers: number;
  readingEditors: number;
  /** Written by the writers before the timed load: contacts each, with interactions each. */
  seedContactsPerWriter: number;
  seedInteractionsPerContact: number;
  pushesPerWriter: number;
  changesPerPush: number;
  /** Incremental pulls of each reader after its first (full) pull. */
  pullRoundsPerReader: number;
  /** Mean pause between one member's requests (uniform in 0.5×…1.5×): people, not a tight loop. */
  thinkMs: number;
}

export interface LoadMember {
  index: number;
  user: string;
  token: string;
  role: Role;
  writes: boolean;
}

export interface TeamLoadResult {
  workspace: string;
  members: LoadMember[];
  elapsedMs: number;
  /** Each request's time until its whole reply was read (parsing not included). */
  pushMs: number[];
  pullMs: number[];
  /** pullMs split: the pages of each member's first, full pull (the readers' all at once, at the start), and the rest. */
  firstPullMs: number[];
  laterPullMs: number[];
  /** Changes accepted and rows received during the timed load (the seed and final catch-up not counted). */
  changesPushed: number;
  rowsPulled: number;
  /** Rows in the workspace at the end, and how many of them are private. */
  rows: number;
  privateRows: number;
  errors: number;
  errorSamples: string[];
  /** Rows a member pulled that are private to another member (must stay empty). */
  leaks: string[];
  /** Rows a member may see but did not hold at the end (must stay empty). */
  missing: string[];
}

interface MemberState extends LoadMember {
  cursor: number;
  held: Set<string>;
  node: string;
  counter: number;
  /** A writer's own interactions so far, for edits and deletions of them. */
  own: string[];
}

const SAMPLES = 5;

function pause(meanMs: number): Promise<void> {
  return meanMs <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, meanMs * (0.5 + Math.random())));
}

/** Creates the workspace (its owner first), the members and their tokens, straight in the store. */
async function createMembers(store: SyncStore, shape: TeamLoadShape, tag: string): Promise<{ workspace: string; members: MemberState[] }> {
  const owner = await store.addUser(`owner-${tag}@example.org`);
  const members: MemberState[] = [];
  const add = (user: string, token: string, role: Role, writes: boolean) =>
    members.push({ index: members.length, user, token, role, writes, cursor: 0, held: new Set(), node: members.length.toString(16).padStart(16, '0'), counter: 0, own: [] });
  add(owner.user, owner.token, 'owner', false);
  const total = shape.writers + shape.readers;
  for (let i = 1; i < total; i++) {
    const writes = i <= shape.writers;
    const role: Role = writes || i >= total - shape.readingEditors ? 'editor' : 'viewer';
    const email = `member${i}-${tag}@example.org`;
    const { user, token } = await store.addUser(email);
    await store.shareWorkspace(owner.workspace, email, role);
    add(user, token, role, writes);
  }
  return { workspace: owner.workspace, members };
}

/**
 * Runs the load and checks what every member pulled. `tag` keeps the emails of several runs on
 * one store apart.
 */
export async function runTeamLoad(store: SyncStore, fetcher: Fetcher, shape: TeamLoadShape, tag = Math.random().toString(36).slice(2, 10)): Promise<TeamLoadResult> {
  const { workspace, members } = await createMembers(store, shape, tag);
  /** Every row written: `table/id` → the member it is private to, or null for the team. */
  const ledger = new Map<string, number | null>();
  const pushMs: number[] = [];
  const pullMs: number[] = [];
  const firstPullMs: number[] = [];
  const laterPullMs: number[] = [];
  const errorSamples: string[] = [];
  const leaks: string[] = [];
  let errors = 0;
  let changesPushed = 0;
  let rowsPulled = 0;

  const failed = (what: string) => {
    errors++;
    if (errorSamples.length < SAMPLES) errorSamples.push(what);
  };
  const request = async (member: MemberState, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string; ms: number }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${member.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const response = await fetcher(`/v1/w/${workspace}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  };

  const stampOf = (member: MemberState) => formatHlc({ millis: Date.now(), counter: member.counter++ % 0xffff, node: member.node });

  const push = async (member: MemberState, changes: PushChange[], timed: boolean) => {
    // Recorded before sending: a pull may meet these rows before this push's reply arrives.
    for (const change of changes) {
      const key = `${change.table}/${change.id}`;
      if (!ledger.has(key)) ledger.set(key, change.fields.visibility?.value === 'private' ? member.index : null);
    }
    try {
      const reply = await request(member, 'POST', '/push', { clientId: `load-${member.index}`, changes });
      if (timed) pushMs.push(reply.ms);
      if (reply.status !== 200) return failed(`push by member ${member.index}: ${reply.status} ${reply.text.slice(0, 200)}`);
      const { rejected } = JSON.parse(reply.text) as PushReply;
      if (rejected.length > 0) return failed(`push by member ${member.index}: rejected ${JSON.stringify(rejected.slice(0, 2))}`);
      if (timed) changesPushed += changes.length;
    } catch (error) {
      failed(`push by member ${member.index}: ${String(error)}`);
    }
  };

  /** Pages from the member's cursor until the server has no more, checking every row. */
  const catchUp = async (member: MemberState, timed: boolean) => {
    const first = member.cursor === 0;
    for (;;) {
      let page: PullReply;
      try {
        const reply = await request(member, 'GET', `/pull?since=${member.cursor}`);
        if (timed) pullMs.push(reply.ms);
        if (timed) (first ? firstPullMs : laterPullMs).push(reply.ms);
        if (reply.status !== 200) return failed(`pull by member ${member.index}: ${reply.status} ${reply.text.slice(0, 200)}`);
        page = JSON.parse(reply.text) as PullReply;
      } catch (error) {
        return failed(`pull by member ${member.index}: ${String(error)}`);
      }
      for (const row of page.changes) {
        const key = `${row.table}/${row.id}`;
        if (!ledger.has(key)) failed(`member ${member.index} pulled ${key}, which nobody wrote`);
        const privateTo = ledger.get(key);
        if (privateTo !== null && privateTo !== undefined && privateTo !== member.index) leaks.push(`member ${member.index} (${member.role}) pulled ${key}, private to member ${privateTo}`);
        member.held.add(key);
      }
      if (timed) rowsPulled += page.changes.length;
      member.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  };

  const writers = members.filter((member) => member.writes);
  const now = Date.now();
  // Shared contacts every writer edits: concurrent writes to the same rows merge by field.
  const sharedContacts = Array.from({ length: 20 }, (_, i) => `shared-${tag}-${i}`);

  /** A new contact, optionally with interactions of its own: about a third private (emails). */
  const contactWith = (writer: MemberState, id: string, interactions: number): PushChange[] => {
    const stamp = stampOf(writer);
    const write = (value: unknown) => ({ value: value as never, hlc: stamp });
    const changes: PushChange[] = [
      { mutationId: `${id}-new`, table: 'contacts', id, fields: { name: write(`Person ${id}`), emails: write([`${id}@example.org`]), company: write(`Company ${id.length % 17}`), createdAt: write(now), updatedAt: write(now) } },
    ];
    for (let k = 0; k < interactions; k++) changes.push(interaction(writer, id, `${id}-i${k}`, k));
    return changes;
  };
  const interaction = (writer: MemberState, contactId: string, id: string, k: number): PushChange => {
    const hlc = stampOf(writer);
    const write = (value: unknown) => ({ value: value as never, hlc });
    writer.own.push(id);
    const kind = k % 3 === 0 ? 'email' : k % 3 === 1 ? 'note' : 'call';
    // Emails private (as captured webmail is by default); notes say team; calls leave it absent.
    const fields: PushChange['fields'] = { contactId: write(contactId), kind: write(kind), at: write(now - k * 60_000), subject: write(`About ${contactId}, ${kind} ${k}`) };
    if (kind !== 'call') fields.visibility = write(kind === 'email' ? 'private' : 'team');
    return { mutationId: `${id}-new`, table: 'interactions', id, fields };
  };

  /** One writer's push: a new contact with interactions, an edit of a shared contact, an edit and maybe a deletion of its own history. */
  const roundChanges = (writer: MemberState, round: number): PushChange[] => {
    const id = `c-${tag}-w${writer.index}-r${round}`;
    const changes = contactWith(writer, id, Math.max(0, shape.changesPerPush - 3));
    const hlc = stampOf(writer);
    const shared = sharedContacts[(writer.index + round) % sharedContacts.length]!;
    changes.push({ mutationId: `${id}-shared`, table: 'contacts', id: shared, fields: { title: { value: `Set by ${writer.index} in round ${round}`, hlc }, updatedAt: { value: Date.now(), hlc } } });
    // Older own rows, private ones included: every change to a private row stays private.
    const earlier = writer.own[(round * 7) % Math.max(1, writer.own.length - shape.changesPerPush)];
    if (earlier !== undefined) changes.push({ mutationId: `${id}-edit`, table: 'interactions', id: earlier, fields: { subject: { value: `Edited in round ${round}`, hlc } } });
    const gone = writer.own[(round * 13 + 1) % Math.max(1, writer.own.length - shape.changesPerPush)];
    if (round % 4 === 3 && gone !== undefined && gone !== earlier) changes.push({ mutationId: `${id}-delete`, table: 'interactions', id: gone, fields: {}, deleted: hlc });
    return changes;
  };

  // Seed, untimed: the book the team already shares before the load starts.
  for (const writer of writers) {
    let batch: PushChange[] = [];
    for (let c = 0; c < shape.seedContactsPerWriter; c++) {
      batch.push(...contactWith(writer, `seed-${tag}-w${writer.index}-${c}`, shape.seedInteractionsPerContact));
      if (batch.length >= 400) {
        await push(writer, batch, false);
        batch = [];
      }
    }
    if (batch.length > 0) await push(writer, batch, false);
  }

  const started = performance.now();
  await Promise.all(
    members.map(async (member) => {
      if (member.writes) {
        for (let round = 0; round < shape.pushesPerWriter; round++) {
          await pause(shape.thinkMs);
          await push(member, roundChanges(member, round), true);
          await catchUp(member, true);
        }
      } else {
        // The first pull is a full one: a reader opening the shared book.
        await catchUp(member, true);
        for (let round = 0; round < shape.pullRoundsPerReader; round++) {
          await pause(shape.thinkMs);
          await catchUp(member, true);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;

  // Everyone catches up once more (untimed): each must then hold exactly what it may see.
  await Promise.all(members.map((member) => catchUp(member, false)));
  const missing: string[] = [];
  for (const member of members) {
    for (const [key, privateTo] of ledger) {
      if ((privateTo === null || privateTo === member.index) && !member.held.has(key)) missing.push(`member ${member.index} (${member.role}) lacks ${key}`);
    }
  }
  const privateRows = [...ledger.values()].filter((privateTo) => privateTo !== null).length;
  return { workspace, members: members.map(({ index, user, token, role, writes }) => ({ index, user, token, role, writes })), elapsedMs, pushMs, pullMs, firstPullMs, laterPullMs, changesPushed, rowsPulled, rows: ledger.size, privateRows, errors, errorSamples, leaks, missing };
}
