/**
 * What the side-panel benchmark evaluates inside an extension page (same origin as the panel, so
 * the same IndexedDB): seeding through lib/db's own row shapes, and the raw lookups it compares
 * the panel against.
 */
import { emptyActivity, applyInteraction, type ActivityFacts } from '../../lib/db/activity';
import { withIndexKeys } from '../../lib/db/contact-keys';
import { openCrmDatabase } from '../../lib/db/database';
import { findContactsForDetection } from '../../lib/db/contacts';
import { searchContacts } from '../../lib/db/search';
import { countSegment, segmentMembers } from '../../lib/db/queries/segments';
import { forgetIndexIds } from '../../lib/db/queries/segment-keys';
import type { CrmDatabase } from '../../lib/db/types';
import { keyOnlyReads } from '../../lib/segments';
import Dexie from 'dexie';
import { z } from 'zod';
import { markApplyingPulled } from '../../lib/db/outbox';
import { Contact, type DetectedContact, type Interaction, type LifecycleStage, type SegmentRule } from '../../lib/model';
import { median, round } from './stats';

// Extension pages forbid eval (CSP): Zod must not compile parsers with `new Function` here.
z.config({ jitless: true });

/** Seed rows are written as if pulled from a server: no sync outbox entries for a bench's data. */
function withoutOutbox(): void {
  markApplyingPulled(Dexie.currentTransaction!.idbtrans);
}

const FIRST = ['Ana', 'Łukasz', 'Zoë', 'Mateo', 'Amélie', 'Jonas', 'Priya', 'Kenji', 'Marta', 'Olu', 'Søren', 'Fatima', 'Diego', 'Ingrid', 'Wei', 'Noah', 'Chloé', 'Ravi', 'Elif', 'Tomás'];
const LAST = ['Nowak', 'García', 'Müller', 'Okafor', 'Sato', 'Jensen', 'Rossi', 'Dubois', 'Kowalski', 'Silva', 'Novák', 'Haddad', 'Ivanova', 'Chen', 'Björk', 'Costa', 'Patel', 'Moreau', 'Yılmaz', 'Lindqvist'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Cyberdyne', 'Aperture', 'Monarch', 'Oscorp', 'Wonka', 'Massive Dynamic'];
const STAGES: LifecycleStage[] = ['lead', 'prospect', 'customer', 'expansion', 'at-risk', 'churned'];
const KINDS: Interaction['kind'][] = ['email', 'email', 'email', 'call', 'meeting', 'note', 'visit'];
const DAY_MS = 86_400_000;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4_294_967_296;
  };
}

export function contactRow(index: number, now: number, random: () => number): Contact {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  const company = COMPANIES[Math.floor(random() * COMPANIES.length)]!;
  const slug = `${first}.${last}.${index}`.normalize('NFD').replace(/[^\w.]/g, '').toLowerCase();
  return withIndexKeys(
    Contact.parse({
      id: `c${String(index).padStart(7, '0')}`,
      name: `${first} ${last}`,
      emails: [`${slug}@${company.replace(/\W/g, '').toLowerCase()}.example.org`],
      company,
      stage: STAGES[Math.floor(random() * STAGES.length)],
      tags: random() < 0.2 ? ['vip'] : [],
      createdAt: now - Math.floor(random() * 700) * DAY_MS,
      updatedAt: now - Math.floor(random() * 700) * DAY_MS,
    }),
  );
}

function interactionRows(contactId: string, count: number, now: number, random: () => number): Interaction[] {
  const rows: Interaction[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = KINDS[Math.floor(random() * KINDS.length)]!;
    rows.push({
      id: `${contactId}-i${i}`,
      contactId,
      kind,
      at: now - Math.floor(random() * 1_000 * DAY_MS),
      ...(kind === 'email' ? { direction: random() < 0.5 ? 'in' : 'out', subject: `Re: order ${i}` } : { body: `Talked about order ${i}` }),
    } as Interaction);
  }
  return rows;
}

function factsOf(contactId: string, rows: readonly Interaction[], now: number): ActivityFacts {
  let facts = emptyActivity(contactId, now);
  for (const row of rows) facts = applyInteraction(facts, row, now);
  return facts;
}

/** One known person (the fixture thread's sender) with `history` interactions. */
export async function seedKnownContact(id: string, email: string, name: string, history: number): Promise<string> {
  const db = openCrmDatabase();
  const now = Date.now();
  const random = lcg(7);
  const contact = withIndexKeys(Contact.parse({ id, name, emails: [email], company: 'Navy', stage: 'customer', createdAt: now, updatedAt: now }));
  const rows = interactionRows(contact.id, history, now, random);
  await db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    withoutOutbox();
    await db.contacts.put(contact);
    await db.interactions.bulkPut(rows);
    await db.activity.put(factsOf(contact.id, rows, now));
  });
  db.close();
  return contact.id;
}

/** `contacts` contacts with `interactions` interactions spread unevenly over them, in chunks. */
export async function seedBulk(contacts: number, interactions: number): Promise<{ contacts: number; interactions: number }> {
  const db = openCrmDatabase();
  const now = Date.now();
  const random = lcg(12345);
  const perContact = interactions / contacts;
  let written = 0;
  const chunk = 2_000;
  const started = performance.now();
  for (let start = 0; start < contacts; start += chunk) {
    // Progress for the bench's log (it forwards the seeding page's console lines that start so).
    if (start > 0 && start % 100_000 === 0) console.info(`seed: ${start.toLocaleString('en')} contacts in ${Math.round((performance.now() - started) / 1000)} s`);
    const people: Contact[] = [];
    const history: Interaction[] = [];
    const facts: ActivityFacts[] = [];
    for (let index = start; index < Math.min(start + chunk, contacts); index += 1) {
      const contact = contactRow(index, now, random);
      // Exact total: the last contact takes what is left.
      const remaining = interactions - written;
      const count = index === contacts - 1 ? remaining : Math.min(remaining, Math.floor(random() * 2 * perContact + 0.5));
      const rows = interactionRows(contact.id, count, now, random);
      written += rows.length;
      people.push(contact);
      history.push(...rows);
      facts.push(factsOf(contact.id, rows, now));
    }
    await db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
      withoutOutbox();
      await db.contacts.bulkPut(people);
      await db.interactions.bulkPut(history);
      await db.activity.bulkPut(facts);
    });
  }
  db.close();
  return { contacts, interactions: written };
}

/** What the background hands the panel for a detected sender (built as parsed, without Zod's eval-compiled fast path, which extension pages forbid). */
function detectedWithEmails(emails: string[]): DetectedContact {
  return { emails, phones: [], profiles: [], role: 'from', evidence: [] };
}

export interface TimedLookups {
  byEmailMedianMs: number;
  byIdMedianMs: number;
  searchQueryMedianMs: number;
}

/**
 * Lookup of a contact by email the way the panel recognises a detected person
 * (`findContactsForDetection`), against a primary-key `get` of the same contacts (baseline);
 * and the search query alone (no rendering) for the given prefixes.
 */
export async function timeLookups(contacts: number, samples: number, prefixes: string[]): Promise<TimedLookups> {
  const db = openCrmDatabase();
  const byEmail: number[] = [];
  const byId: number[] = [];
  const random = lcg(99);
  for (let sample = 0; sample < samples; sample += 1) {
    const index = Math.floor(random() * contacts);
    const id = `c${String(index).padStart(7, '0')}`;
    const row = await db.contacts.get(id);
    if (!row) throw new Error(`seeded contact ${id} is missing`);
    let started = performance.now();
    await db.contacts.get(row.id);
    byId.push(performance.now() - started);
    started = performance.now();
    const found = await findContactsForDetection(db, detectedWithEmails(row.emails));
    byEmail.push(performance.now() - started);
    if (found[0]?.id !== row.id) throw new Error(`lookup by ${row.emails[0]} found ${found[0]?.id}`);
  }
  const search: number[] = [];
  for (const prefix of prefixes) {
    const started = performance.now();
    await searchContacts(db, { text: prefix, sort: 'name' });
    search.push(performance.now() - started);
  }
  db.close();
  return { byEmailMedianMs: median(byEmail), byIdMedianMs: median(byId), searchQueryMedianMs: median(search) };
}

/**
 * Segment rules timed on the seeded contacts (issue 22): some the planner reads through an index,
 * some it must scan. The seed has no values or deals, so its facts are tags, stages, companies
 * and contact dates.
 */
const BENCH_SEGMENTS: ReadonlyArray<{ name: string; rule: SegmentRule }> = [
  { name: 'contacted within 7 days', rule: [{ field: 'lastContacted', op: 'within', days: 7 }] },
  { name: 'stage is customer', rule: [{ field: 'stage', op: 'is', value: 'customer' }] },
  { name: 'tag vip, contacted within 30 days', rule: [{ field: 'tag', op: 'has', value: 'vip' }, { field: 'lastContacted', op: 'within', days: 30 }] },
  { name: 'tag vip', rule: [{ field: 'tag', op: 'has', value: 'vip' }] },
  { name: 'company contains "acme"', rule: [{ field: 'company', op: 'contains', value: 'acme' }] },
  { name: 'not contacted within 90 days', rule: [{ field: 'lastContacted', op: 'not-within', days: 90 }] },
];

export interface TimedSegment {
  name: string;
  plan: 'index' | 'scan';
  reason: string;
  /** Counted from index keys alone (every condition exact on its index). */
  keysOnly: boolean;
  count: number;
  /** countSegment: the panel's live count, counted again with the same data (its keys kept). */
  countMedianMs: number;
  /** countSegment with no keys kept: the first count of a rule in a page, or after a write too large to patch. */
  firstCountMedianMs: number;
  /** countSegment right after a one-row write to each table the rule reads (a member's row: an edit, a logged call). */
  afterWriteCountMedianMs: number;
  /** Each timed count after a write, in order. */
  afterWriteCountsMs: number[];
  /** segmentMembers: the members' rows, as the list and Export read them. */
  membersMedianMs: number;
  /** Contact rows segmentMembers read: the index's candidates, or every contact. */
  read: number;
}

async function medianOf(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The field a bench write changes in each table a rule reads: one no rule looks at. */
const UNREAD_FIELD = { contacts: 'updatedAt', values: 'computedAt', activity: 'updatedAt' } as const;

/**
 * countSegment timed right after a one-row write to every table the rule reads (the write itself
 * not timed): the live count's cost after an edit, where the kept keys are patched with that row.
 */
async function afterWriteTimes(db: CrmDatabase, rule: SegmentRule, memberIds: string[], runs: number): Promise<number[]> {
  const tables = [...new Set((keyOnlyReads(rule, Date.now()) ?? [{ table: 'contacts' as const }]).map((read) => read.table))];
  await countSegment(db, rule); // keys kept, as the live count has them
  const times: number[] = [];
  for (let index = 0; index <= runs; index += 1) {
    const id = memberIds[index % Math.max(1, memberIds.length)] ?? 'none';
    // As the seed's writes: no sync outbox entry (the outbox reads the sync clock, which this bench page cannot parse).
    await db.transaction('rw', tables.map((table) => db.table(table)), async () => {
      withoutOutbox();
      for (const table of tables) await db.table(table).update(id, { [UNREAD_FIELD[table]]: Date.now() });
    });
    const started = performance.now();
    await countSegment(db, rule);
    if (index > 0) times.push(performance.now() - started); // the first: warm-up
  }
  return times;
}

export interface AfterWriteWithPanelOpen {
  name: string;
  medianMs: number;
  countsMs: number[];
}

/**
 * Only the after-write counts of the rules counted from index keys, for the bench to time them
 * again while the side panel is open in another tab: extension pages share one renderer's main
 * thread, so the panel's own list, re-read and re-rendered after each write, runs beside the count.
 */
export async function timeAfterWriteWithPanelOpen(runs: number): Promise<AfterWriteWithPanelOpen[]> {
  const db = openCrmDatabase();
  const timed: AfterWriteWithPanelOpen[] = [];
  for (const { name, rule } of BENCH_SEGMENTS) {
    if (!keyOnlyReads(rule, Date.now())) continue;
    const members = await segmentMembers(db, rule);
    const times = await afterWriteTimes(db, rule, members.contacts.map((contact) => contact.id), runs);
    timed.push({ name, medianMs: median(times), countsMs: times.map((time) => round(time, 1)) });
  }
  db.close();
  return timed;
}

/** Each bench segment counted and read `runs` times (after one warm-up each), with its plan and medians. */
export async function timeSegments(runs: number): Promise<TimedSegment[]> {
  const db = openCrmDatabase();
  const timed: TimedSegment[] = [];
  for (const { name, rule } of BENCH_SEGMENTS) {
    const counted = await countSegment(db, rule);
    const members = await segmentMembers(db, rule);
    const afterWrite = await afterWriteTimes(db, rule, members.contacts.map((contact) => contact.id), runs);
    if (members.contacts.length !== counted.count) throw new Error(`${name}: counted ${counted.count}, read ${members.contacts.length}`);
    timed.push({
      name,
      plan: counted.plan.kind,
      reason: counted.plan.reason,
      keysOnly: counted.keysOnly,
      count: counted.count,
      firstCountMedianMs: await medianOf(runs, () => {
        forgetIndexIds(db);
        return countSegment(db, rule);
      }),
      countMedianMs: await medianOf(runs, () => countSegment(db, rule)),
      afterWriteCountMedianMs: median(afterWrite),
      afterWriteCountsMs: afterWrite.map((time) => round(time, 1)),
      membersMedianMs: await medianOf(runs, () => segmentMembers(db, rule)),
      read: members.read,
    });
  }
  db.close();
  return timed;
}
