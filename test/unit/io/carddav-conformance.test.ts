/**
 * Every vCard of ../shared/conformance/vcard* written to the sync server's address book and read
 * back (issue 20): each card is PUT as its own resource, then GET, and both the original and the
 * served card are read by the importer (parseVcards). No supported field may be lost (name,
 * emails, phones, organisation, title, location, postal addresses, links, categories, photo
 * link), and every property of a 3.0/4.0 card that no field holds must come back as written
 * (unfolded). Figures per file in test/conformance/carddav-report.md (`UPDATE_CARDDAV_REPORT=1`
 * rewrites it; otherwise they must match it).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, parseVcards } from '../../../lib/io/formats';
import type { ImportedContact } from '../../../lib/io/types';
import { canonicalProfileUrl } from '../../../lib/model/normalize';
import { phoneKey } from '../../../lib/model/phone';
import { splitCards } from '../../../lib/model/vcard/lines';
import { readCard } from '../../../lib/model/vcard/read';
import { SyncStore } from '../../../server/store';
import { newClient, testApp } from '../../../server/test/setup';
import { requireSharedSet } from '../../shared-data';

const REPORT = fileURLToPath(new URL('../../conformance/carddav-report.md', import.meta.url));
const UPDATE = process.env.UPDATE_CARDDAV_REPORT === '1';
const root = requireSharedSet('conformance');
const SETS = ['vcard', 'vcard-icaljs'];

/** Each card of a file as its own text, BEGIN to END, as a client would PUT it. */
function cardTexts(text: string): string[] {
  return [...text.matchAll(/^BEGIN:VCARD\s*$[\s\S]*?^END:VCARD\s*$/gim)].map((match) => `${match[0].replace(/\r?\n/g, '\r\n')}\r\n`);
}

/** A person's supported fields, in comparable form. */
function fieldsOf(contact: ImportedContact | undefined): Record<string, unknown> {
  if (!contact) return {};
  return {
    name: contact.name,
    emails: [...contact.emails].sort(),
    phones: contact.phones.map((phone) => phoneKey(phone)).sort(),
    company: contact.company,
    title: contact.title,
    location: contact.location,
    addresses: JSON.stringify(contact.addresses ?? []),
    // Links as the contact stores them (canonical: lower-case host, no tracking parameters).
    links: contact.profiles.map((profile) => canonicalProfileUrl(profile.url) ?? profile.url).sort(),
    tags: [...contact.tags].sort(),
    photo: contact.avatarUrl,
  };
}

const unfolded = (card: string) => card.replace(/\r\n[ \t]/g, '').split('\r\n');

interface FileFigures {
  set: string;
  file: string;
  cards: number;
  refused: number;
  fields: number;
  lost: string[];
  extras: number;
  extrasLost: string[];
}

describe.skipIf(root === null)('CardDAV round trip of every conformance vCard', () => {
  let dir: string;
  let store: SyncStore;
  let put: (name: string, body: string) => Promise<number>;
  let get: (name: string) => Promise<string>;
  const figures: FileFigures[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carddav-conformance-'));
    store = await SyncStore.open(join(dir, 'sync.sqlite'));
    const app = testApp(store);
    const owner = await newClient(store, app);
    const { token } = await store.addToken(owner.email, Date.now(), 'dav');
    const headers = { authorization: `Basic ${Buffer.from(`${owner.email}:${token}`).toString('base64')}` };
    const book = `/dav/${owner.workspace}/contacts/`;
    put = async (name, body) => (await app.request(`${book}${name}.vcf`, { method: 'PUT', body, headers: { ...headers, 'content-type': 'text/vcard' } })).status;
    get = async (name) => (await app.request(`${book}${name}.vcf`, { headers })).text();
  });

  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no supported field and keeps every unknown property, per file', async () => {
    let resource = 0;
    for (const set of SETS) {
      for (const file of readdirSync(join(root!, set)).filter((name) => /\.vcf$/i.test(name)).sort()) {
        const text = decodeText(new Uint8Array(readFileSync(join(root!, set, file)))).text;
        const entry: FileFigures = { set, file, cards: 0, refused: 0, fields: 0, lost: [], extras: 0, extrasLost: [] };
        for (const cardText of cardTexts(text)) {
          const expected = parseVcards(cardText).contacts[0];
          const name = `card-${resource++}`;
          if (!expected) {
            // A card the importer rejects (it names nobody) is refused by the address book too.
            expect(await put(name, cardText), `${file}: PUT of a card naming nobody`).toBe(403);
            entry.refused += 1;
            continue;
          }
          expect(await put(name, cardText), `${file}: PUT`).toBe(201);
          const served = await get(name);
          const actual = parseVcards(served).contacts[0];
          entry.cards += 1;
          const want = fieldsOf(expected);
          const got = fieldsOf(actual);
          for (const [field, value] of Object.entries(want)) {
            if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '[]') continue;
            entry.fields += 1;
            if (JSON.stringify(got[field]) !== JSON.stringify(value)) entry.lost.push(`${field}: ${JSON.stringify(value)} → ${JSON.stringify(got[field])}`);
          }
          const [card] = splitCards(cardText).cards;
          const extras = card ? readCard(card).extras : [];
          const lines = unfolded(served);
          entry.extras += extras.length;
          for (const line of extras) if (!lines.includes(line)) entry.extrasLost.push(line.slice(0, 80));
        }
        figures.push(entry);
      }
    }
    expect(figures.length).toBeGreaterThan(15);
    expect(figures.flatMap((entry) => [...entry.lost, ...entry.extrasLost].map((what) => `${entry.set}/${entry.file}: ${what}`))).toEqual([]);

    const rows = figures.map((entry) => `| ${entry.set} | ${entry.file} | ${entry.cards} | ${entry.refused} | ${entry.fields} | ${entry.lost.length} | ${entry.extras} | ${entry.extrasLost.length} |`);
    const total = figures.reduce((sum, entry) => ({ cards: sum.cards + entry.cards, refused: sum.refused + entry.refused, fields: sum.fields + entry.fields, extras: sum.extras + entry.extras }), { cards: 0, refused: 0, fields: 0, extras: 0 });
    const report = [
      '# CardDAV round trip: every vCard in ../shared/conformance/vcard*',
      '',
      'Generated by `UPDATE_CARDDAV_REPORT=1 SHARED_DIR=/work/shared npx vitest run test/unit/io/carddav-conformance.test.ts`;',
      'the test fails when a figure changes. Each card is PUT to the sync server\'s address book as its own',
      'resource and read back with GET; the importer reads both. "Fields" are the supported fields the',
      'original card has (name, emails, phones, organisation, title, location, postal addresses, links,',
      'categories, photo link); "lost" are those that differ after the round trip. "Kept as written" are',
      'the properties no field holds (NOTE, BDAY, X-…, embedded photos…) of 3.0/4.0 cards, each',
      'looked for unchanged (unfolded) in the served card. vCard 2.1 cards keep no such lines. "Refused"',
      'are cards that name nobody (no name, email or phone), which the importer rejects too: 403.',
      '',
      '| set | file | cards | refused | fields | lost | kept as written | not kept |',
      '|---|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
      `| **all** | ${figures.length} files | ${total.cards} | ${total.refused} | ${total.fields} | 0 | ${total.extras} | 0 |`,
      '',
    ].join('\n');
    if (UPDATE) writeFileSync(REPORT, report);
    else expect(report).toBe(readFileSync(REPORT, 'utf8'));
  });
});
