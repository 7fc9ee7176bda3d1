/**
 * What the import/export benchmark loads into a page: the product's own parse → plan → run path,
 * the exporter, and the baselines it is compared with (papaparse alone, a raw Dexie bulkPut).
 */
import Papa from 'papaparse';
import { withIndexKeys } from '../../lib/db/contact-keys';
import { openCrmDatabase } from '../../lib/db/database';
import { readAllInChunks } from '../../lib/db/deals';
import { contactsToCsv, parseImportFile } from '../../lib/io/formats';
import { planImport } from '../../lib/io/import-plan';
import { runImport } from '../../lib/io/import-run';
import { workerImportClient } from '../../lib/io/import-client';
import { identityKeys, recordsFromImport } from '../../lib/io/records';
import { primaryKeysByIndex } from '../../lib/db/index-lookup';
import type { CrmDatabase } from '../../lib/db/types';
import { Contact } from '../../lib/model';

export { contactsToCsv, openCrmDatabase, parseImportFile, planImport, readAllInChunks, recordsFromImport, runImport, workerImportClient };

/**
 * One IndexedDB request per identity key of these contacts (emails and profile URLs; phones for
 * those with neither), in their indexes, as the import's re-check before each transaction asks
 * them (lib/db/index-lookup.ts): the floor of looking again for everyone the file holds.
 */
export async function lookUpIdentityKeys(db: CrmDatabase, contacts: readonly Contact[]): Promise<number> {
  const keys = contacts.flatMap((contact) => identityKeys(contact));
  let found = 0;
  for (const [index, prefix] of [['emails', 'email:'], ['profileUrls', 'url:'], ['phones', 'phone:']] as const) {
    const values = keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    if (values.length > 0) found += (await primaryKeysByIndex(db, db.contacts, index, values)).length;
  }
  return found;
}

export function papaParseAll(text: string): number {
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data.length;
}

const FIRST = ['Ana', 'Łukasz', 'Zoë', 'Mateo', 'Amélie', 'Jonas', 'Priya', 'Kenji', 'Marta', 'Olu', 'Søren', 'Fatima', 'Diego', 'Ingrid', 'Wei', 'Noah'];
const LAST = ['Nowak', 'García', 'Müller', 'Okafor', 'Sato', 'Jensen', 'Rossi', 'Dubois', 'Kowalski', 'Silva', 'Novák', 'Haddad', 'Ivanova', 'Chen', 'Björk', 'Costa'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella, Inc.', 'Hooli', 'Vandelay', 'Stark', 'Wayne'];

const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** A Google Contacts export (current layout) of `rows` distinct people, some with notes over two lines. */
export function generateGoogleCsv(rows: number): string {
  const header =
    'First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - City,Website 1 - Label,Website 1 - Value';
  const lines = [header];
  for (let i = 0; i < rows; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const company = COMPANIES[i % COMPANIES.length]!;
    const slug = `${first}.${last}.${i}`.normalize('NFD').replace(/[^\w.]/g, '').toLowerCase();
    lines.push(
      [
        first,
        '',
        last,
        company,
        i % 3 === 0 ? 'Buyer' : 'Engineer',
        i % 10 === 0 ? `Met at the fair.\nCall back in spring (${i}).` : '',
        i % 4 === 0 ? '* myContacts ::: Customers' : '* myContacts',
        '* Work',
        `${slug}@example.org`,
        i % 5 === 0 ? 'Home' : '',
        i % 5 === 0 ? `${slug}@home.example` : '',
        'Mobile',
        `+44 7700 ${String(900000 + (i % 100000)).padStart(6, '0')}`,
        'London',
        i % 7 === 0 ? 'Profile' : '',
        i % 7 === 0 ? `https://www.linkedin.com/in/${slug.replace(/\./g, '-')}` : '',
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `count` stored contacts, as lib/db writes them, for the export benchmark. */
export function contactRows(count: number, now: number): Contact[] {
  const rows: Contact[] = [];
  for (let i = 0; i < count; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const slug = `${first}.${last}.${i}`.normalize('NFD').replace(/[^\w.]/g, '').toLowerCase();
    rows.push(
      withIndexKeys(
        Contact.parse({
          id: `c${String(i).padStart(7, '0')}`,
          name: `${first} ${last}`,
          emails: [`${slug}@example.org`],
          phones: [`+4477009${String(i % 100000).padStart(5, '0')}`],
          company: COMPANIES[i % COMPANIES.length],
          title: i % 3 === 0 ? 'Buyer' : 'Engineer',
          tags: i % 4 === 0 ? ['customers'] : [],
          profiles: i % 7 === 0 ? [{ kind: 'linkedin', url: `https://www.linkedin.com/in/${slug.replace(/\./g, '-')}` }] : [],
          createdAt: now,
          updatedAt: now,
        }),
      ),
    );
  }
  return rows;
}

/** How long the page went without running a 10 ms timer while watched: its longest pause, how many passed 50 ms, the longest per phase. */
export interface Pauses {
  longestPause: number;
  over50: number;
  byPhase: Record<string, number>;
}

/** Starts watching the page's pauses (a timer every 10 ms, late by however long the page was held). */
export function watchPauses(): { phase(name: string): void; stop(): Pauses } {
  const pauses: Pauses = { longestPause: 0, over50: 0, byPhase: {} };
  let phase = 'all';
  let last = performance.now();
  let ticking = true;
  const tick = () => {
    const at = performance.now();
    const pause = at - last - 10;
    pauses.longestPause = Math.max(pauses.longestPause, pause);
    if (pause > 50) pauses.over50 += 1;
    pauses.byPhase[phase] = Math.max(pauses.byPhase[phase] ?? 0, pause);
    last = at;
    if (ticking) setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
  return {
    phase: (name) => void (phase = name),
    stop: () => {
      ticking = false;
      return pauses;
    },
  };
}
