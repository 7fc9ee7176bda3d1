/**
 * Every vCard and CSV file of ../shared/conformance (vcard*, csv*), measured (issue 17):
 * - cards or rows read, imported and rejected, per file, in test/conformance/import-report.md
 *   (`UPDATE_IMPORT_REPORT=1` rewrites it; otherwise the figures must match it);
 * - no field visibly present in the source is missing from the result: the source is read here
 *   on its own (its own unfolding and quoted-printable decoding for vCards, papaparse with the
 *   header for CSVs) and each value is looked for, field by field, in the imported contact;
 * - the preview (`io inspect`) and the backup (`io convert --to json`) agree: every contact the
 *   preview shows is stored with the same fields, phones shown as written.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { backupFromImport, importPreview } from '../../../lib/io/convert';
import { decodeText, parseImportFile } from '../../../lib/io/formats';
import type { ImportedContact, ParsedImport } from '../../../lib/io/types';
import { ADDRESS_PARTS, isEmailAddress, phoneAsWritten, type Contact } from '../../../lib/model';
import { phoneKey } from '../../../lib/model/phone';
import { requireSharedSet } from '../../shared-data';

const REPORT = fileURLToPath(new URL('../../conformance/import-report.md', import.meta.url));
const UPDATE = process.env.UPDATE_IMPORT_REPORT === '1';
const root = requireSharedSet('conformance');
const SETS = ['vcard', 'vcard-icaljs', 'csv', 'csv-thunderbird-import-tests'];
/** Files whose encoding cannot be guessed: the user names it, as the importer's options allow. */
const ENCODINGS: Record<string, string> = { 'shiftjis_addressbook.csv': 'shift_jis' };

function filesOf(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesOf(path);
      return /\.(vcf|csv)$/i.test(name) ? [path] : [];
    });
}

// A byte that is no character in its charset (U+FFFD) is nothing visible.
const squash = (text: string) => text.normalize('NFC').replace(/\uFFFD/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
const digits = (text: string) => text.replace(/\D/g, '');

/** A value the source shows, the field it belongs to, and where it starts. */
interface Visible {
  line: number;
  /** A second ORG or TITLE of a card: the model holds one company and one title per contact. */
  beyondModel?: boolean;
  /** `any`: a cell of a file without a header row, which may be any field but must be somewhere. */
  field: 'name' | 'email' | 'phone' | 'company' | 'title' | 'address' | 'note' | 'url' | 'tag' | 'any';
  value: string;
}

// ---- the source, read independently ----

function qpBytes(value: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(value[i]!));
  }
  return new Uint8Array(bytes);
}

/** vCard text → per card (by its BEGIN line) the values it shows. */
function vcardVisible(text: string): Visible[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Visible[] = [];
  let card = 0;
  let version = '3.0';
  const logical: Array<{ line: number; text: string }> = [];
  physical.forEach((line, index) => {
    const last = logical[logical.length - 1];
    if (last && /^[ \t]/.test(line)) last.text += line.slice(1);
    else if (last && line !== '' && /QUOTED-PRINTABLE/i.test(last.text.split(':')[0] ?? '') && last.text.endsWith('=')) last.text = last.text.slice(0, -1) + line;
    else logical.push({ line: index + 1, text: line });
  });
  for (const { line, text: content } of logical) {
    if (/^BEGIN:VCARD$/i.test(content.trim())) {
      card = line;
      version = '3.0';
      continue;
    }
    const colon = content.indexOf(':');
    if (colon < 0 || card === 0) continue;
    const head = content.slice(0, colon);
    const name = head.split(';')[0]!.replace(/^.*\./, '').toUpperCase();
    let value = content.slice(colon + 1);
    if (name === 'VERSION') version = value.trim();
    if (/QUOTED-PRINTABLE/i.test(head)) {
      const charset = /CHARSET=([^;:]+)/i.exec(head)?.[1] ?? 'utf-8';
      try {
        value = new TextDecoder(charset.toLowerCase()).decode(qpBytes(value.replace(/=$/, '')));
      } catch {
        continue;
      }
    }
    if (/BASE64|ENCODING=B\b/i.test(head)) continue;
    const unescape = (text: string) => (version === '2.1' ? text : text.replace(/\\([\\,;nN])/g, (_, ch: string) => (ch.toLowerCase() === 'n' ? ' ' : ch)));
    const components = (text: string) => text.split(version === '2.1' ? /(?<!\\);/ : /(?<!\\);/).map((part) => unescape(part.replace(/\\;/g, ';')));
    const push = (field: Visible['field'], raw: string) => {
      if (squash(raw) === '') return;
      const again = (field === 'company' || field === 'title') && out.some((item) => item.line === card && item.field === field);
      out.push({ line: card, field, value: raw, ...(again ? { beyondModel: true } : {}) });
    };
    if (name === 'FN') push('name', unescape(value));
    else if (name === 'EMAIL') push('email', unescape(value));
    else if (name === 'TEL') push('phone', value.replace(/^tel:/i, ''));
    else if (name === 'ORG') push('company', components(value)[0] ?? '');
    else if (name === 'TITLE') push('title', unescape(value));
    else if (name === 'ADR') for (const part of components(value)) for (const piece of part.split(version === '2.1' ? /$^/ : /(?<!\\),/)) push('address', piece);
    else if (name === 'NOTE') push('note', unescape(value));
    else if (name === 'URL') push('url', value.replace(/\\:/g, ':'));
    else if (name === 'CATEGORIES') for (const tag of value.split(/(?<!\\),/)) push('tag', unescape(tag));
  }
  return out;
}

/** CSV text → per row (by its line) the values it shows, by what its header says. */
function csvVisible(text: string, parsed: ParsedImport): Visible[] {
  if (!parsed.headers) return [];
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const rows = result.data;
  const headerAt = rows.findIndex((row) => row.length === parsed.headers!.length && row.every((cell, i) => cell.replace(/^\uFEFF/, '') === parsed.headers![i]));
  const out: Visible[] = [];
  const lineOf = new Map(parsed.contacts.map((contact) => [contact.line, contact]));
  // papaparse gives rows, not lines: a row's line is found by its position among the contacts.
  const dataRows = rows.slice(headerAt + 1).filter((row) => row.some((cell) => cell.trim() !== ''));
  const lines = [...parsed.contacts.map((c) => c.line), ...parsed.rejected.map((r) => r.line)].sort((a, b) => a - b);
  dataRows.forEach((row, index) => {
    const line = lines[index] ?? -1;
    if (!lineOf.has(line)) return;
    row.forEach((cell, column) => {
      const header = (headerAt >= 0 ? rows[headerAt]![column] : parsed.headers![column]) ?? '';
      const value = cell.trim();
      if (value === '') return;
      const h = header.toLowerCase();
      const push = (field: Visible['field'], raw: string) => out.push({ line, field, value: raw });
      // Without a header row the file's delimiter is a guess too (Thunderbird's tab_comma_mixed):
      // every piece between commas, tabs or semicolons must be somewhere in the contact.
      if (headerAt < 0) for (const piece of value.split(/[,\t;]/).map((part) => part.trim()).filter(Boolean)) push('any', piece);
      else if (/e-?mail/.test(h) && !/label|type/.test(h)) for (const part of value.split(/\s*:::\s*/)) push('email', part);
      else if (/phone|mobile|fax|pager|^tel/.test(h) && !/label|type/.test(h)) for (const part of value.split(/\s*:::\s*/)) push('phone', part);
      else if (/^(display name|name|first name|last name|middle name|given name|family name)$/.test(h)) push('name', value);
      else if (/^(company|organization|organization name|organization 1 - name|company name)$/.test(h)) push('company', value);
      else if (/^(job title|position|organization title|organization 1 - title)$/.test(h)) push('title', value);
      else if (/(street|city|state|region|zip|postal|country|po box|extended address)|^(home|work|business|other) address( 2)?$/.test(h)) push('address', value);
      else if (/^notes?$/.test(h)) push('note', value);
      else if (/web|url|website/.test(h) && !/label|type/.test(h) && /^https?:\/\//i.test(value)) push('url', value);
    });
  });
  return out;
}

// ---- looked for in the result ----

function shows(contact: ImportedContact, { field, value, beyondModel }: Visible): boolean {
  const v = squash(value);
  // A second ORG or TITLE has no field of its own: it must be in the note, as "Also …: value".
  if (beyondModel) return squash(contact.note ?? '').includes(`also ${field === 'company' ? 'organization' : 'title'}: ${v}`);
  switch (field) {
    case 'name':
      // Every word of the source's name is in the imported name.
      return v.split(' ').every((word) => squash(contact.name ?? '').includes(word));
    case 'email': {
      const address = (/<([^<>]+)>\s*$/.exec(value)?.[1] ?? value).replace(/^mailto:/i, '').trim().toLowerCase();
      // Only real addresses must come in: the one email rule decides (lib/model/email.ts).
      return !isEmailAddress(address) || contact.emails.includes(address);
    }
    case 'phone':
      return digits(value).length < 3 || contact.phones.some((phone) => digits(phone) === digits(value) || squash(phone) === v);
    case 'company':
      return squash(contact.company ?? '') === v;
    case 'title':
      return squash(contact.title ?? '') === v;
    case 'address': {
      const places = [contact.location ?? '', ...(contact.addresses ?? []).flatMap((address) => ADDRESS_PARTS.map((part) => address[part] ?? ''))];
      return places.some((place) => squash(place).includes(v));
    }
    case 'note':
      return squash(contact.note ?? '').includes(v);
    case 'url':
      // A bare `www.…` comes in as `http://www.…`.
      return contact.profiles.some((profile) => squash(profile.url).replace(/^https?:\/\//, '').startsWith(v.replace(/^https?:\/\//, '').replace(/\/$/, '')));
    case 'tag':
      return contact.tags.some((tag) => squash(tag) === v);
    case 'any': {
      const addresses = (contact.addresses ?? []).flatMap((address) => ADDRESS_PARTS.map((part) => address[part] ?? ''));
      const held = [contact.name, ...contact.emails, ...contact.phones, contact.company, contact.title, contact.location, contact.note, ...contact.tags, ...contact.profiles.map((p) => p.url), ...addresses];
      return squash(held.filter(Boolean).join(' | ')).includes(v) || (digits(value).length >= 3 && contact.phones.some((phone) => digits(phone) === digits(value)));
    }
  }
}

interface FileResult {
  set: string;
  file: string;
  format: string;
  read: number;
  imported: number;
  rejected: number;
  visible: number;
  missing: Visible[];
  beyondModel: Visible[];
  disagreements: string[];
}

/** Preview vs backup: each previewed contact is stored with its fields, phones shown as written. */
function disagreements(parsed: ParsedImport): string[] {
  const preview = importPreview(parsed);
  const backup = backupFromImport(parsed, 1, 1_700_000_000_000).tables.contacts as Contact[];
  const problems: string[] = [];
  const firstFor = new Set<Contact>();
  for (const shown of preview.contacts) {
    const stored = backup.find(
      (contact) =>
        shown.emails.some((email) => contact.emails.includes(email)) ||
        (shown.emails.length === 0 && shown.phones.some((phone) => contact.phones.includes(phoneKey(phone)))) ||
        (shown.emails.length === 0 && shown.phones.length === 0 && contact.name === shown.name),
    );
    if (!stored) {
      problems.push(`line ${shown.line}: not stored`);
      continue;
    }
    const asWritten = stored.phones.map((phone) => phoneAsWritten(stored, phone));
    for (const phone of shown.phones) if (!asWritten.includes(phone) && !stored.phones.includes(phoneKey(phone))) problems.push(`line ${shown.line}: phone ${phone}`);
    for (const email of shown.emails) if (!stored.emails.includes(email)) problems.push(`line ${shown.line}: email ${email}`);
    // The first row of a person fills the fields; later rows of the same person only add.
    const first = !firstFor.has(stored);
    firstFor.add(stored);
    for (const field of ['name', 'company', 'title', 'location', 'avatarUrl'] as const) {
      if (first ? stored[field] !== shown[field] : shown[field] !== undefined && stored[field] === undefined) problems.push(`line ${shown.line}: ${field}`);
    }
    if (first && JSON.stringify(stored.addresses ?? []) !== JSON.stringify(shown.addresses ?? [])) problems.push(`line ${shown.line}: addresses`);
    // Phones as written agree one to one when the file has one row per person.
    if (first && shown.phones.length > 0 && asWritten.slice(0, shown.phones.length).join('|') !== shown.phones.filter((p, i, all) => all.findIndex((q) => phoneKey(q) === phoneKey(p)) === i).join('|')) {
      problems.push(`line ${shown.line}: phones shown ${JSON.stringify(shown.phones)} vs stored ${JSON.stringify(asWritten)}`);
    }
  }
  return problems;
}

async function measure(set: string, path: string): Promise<FileResult> {
  const bytes = new Uint8Array(readFileSync(path));
  const name = path.split('/').pop()!;
  const encoding = ENCODINGS[name];
  const parsed = await parseImportFile(bytes, { fileName: name, ...(encoding ? { encoding } : {}) });
  const text = decodeText(bytes, encoding).text;
  const visible = parsed.format === 'vcard' ? vcardVisible(text) : csvVisible(text, parsed);
  const byLine = new Map(parsed.contacts.map((contact) => [contact.line, contact]));
  const missing = visible.filter((item) => {
    const contact = byLine.get(item.line);
    return contact !== undefined && !shows(contact, item);
  });
  const beyondModel = missing.filter((item) => item.beyondModel);
  return {
    set,
    file: relative(join(root!, set), path),
    format: parsed.format,
    read: parsed.rows,
    imported: parsed.contacts.length,
    rejected: parsed.rejected.length,
    visible: visible.filter((item) => byLine.has(item.line)).length,
    missing: missing.filter((item) => !item.beyondModel),
    beyondModel,
    disagreements: disagreements(parsed),
  };
}

function report(results: FileResult[]): string {
  const lines = [
    '# Import conformance: every vCard and CSV in ../shared/conformance',
    '',
    'Generated by `UPDATE_IMPORT_REPORT=1 SHARED_DIR=/work/shared npx vitest run test/unit/io/conformance-report.test.ts`;',
    'the test fails when a figure changes. "Values" are the values of contact fields the source',
    'shows (names, emails, phones, organisation, title, address parts, notes, links, categories) for',
    'the cards or rows imported, read from the source independently of the importer; "missing" are',
    'those not found in the imported contact. "Preview ≠ backup" counts contacts whose stored form',
    '(`io convert --to json`) differs from the preview (`io inspect`).',
    '',
    '| set | file | format | read | imported | rejected | values | missing | preview ≠ backup |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.set} | ${r.file} | ${r.format} | ${r.read} | ${r.imported} | ${r.rejected} | ${r.visible} | ${r.missing.length} | ${r.disagreements.length} |`),
    '',
    '## Per set',
    '',
    '| set | files | read | imported | rejected | values | missing |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...SETS.map((set) => {
      const of = results.filter((r) => r.set === set);
      const sum = (key: 'read' | 'imported' | 'rejected' | 'visible') => of.reduce((total, r) => total + r[key], 0);
      return `| ${set} | ${of.length} | ${sum('read')} | ${sum('imported')} | ${sum('rejected')} | ${sum('visible')} | ${of.reduce((t, r) => t + r.missing.length, 0)} |`;
    }),
    '',
    '## Missing values',
    '',
    ...(results.some((r) => r.missing.length > 0)
      ? results.flatMap((r) => r.missing.map((m) => `- ${r.set}/${r.file} line ${m.line}: ${m.field} ${JSON.stringify(m.value.slice(0, 80))}`))
      : ['None.']),
    '',
    '## Beyond the model',
    '',
    'A contact has one company and one title; a card\'s further ORG and TITLE values are kept in its note ("Also organization: …", "Also title: …"). Not found there:',
    '',
    ...(results.some((r) => r.beyondModel.length > 0)
      ? results.flatMap((r) => r.beyondModel.map((m) => `- ${r.set}/${r.file} line ${m.line}: ${m.field} ${JSON.stringify(m.value.slice(0, 80))}`))
      : ['None.']),
    '',
  ];
  return lines.join('\n');
}

describe.skipIf(root === null)('import conformance report (issue 17)', () => {
  it('reads every vcard* and csv* file, loses no visible field, and the preview matches the backup', async () => {
    const results: FileResult[] = [];
    for (const set of SETS) for (const path of filesOf(join(root!, set))) results.push(await measure(set, path));
    const text = report(results);
    if (UPDATE) writeFileSync(REPORT, text);
    else expect(text, 'figures changed: regenerate test/conformance/import-report.md if better').toBe(readFileSync(REPORT, 'utf8'));
    expect(results.flatMap((r) => r.missing.map((m) => `${r.file}:${m.line} ${m.field} ${m.value}`))).toEqual([]);
    expect(results.flatMap((r) => r.beyondModel.map((m) => `${r.file}:${m.line} ${m.field} ${m.value}`))).toEqual([]);
    expect(results.flatMap((r) => r.disagreements.map((d) => `${r.file} ${d}`))).toEqual([]);
  }, 60_000);
});
