/**
 * The vCard writer's text against ical.js's (`ICAL.stringify`, the specification it replaces, issue
 * 20): on generated contacts with hostile values (every character ical.js escapes or quotes, line
 * breaks, multi-byte and astral characters, lone surrogates, long lines to fold), and on generated
 * jCards, including properties and values it leaves to ical.js. Both must write the same text, or
 * both refuse.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../value/random';
import { type VcardContact, type VcardVersion, contactToJCard, contactToVcard } from './write';
import { escapeText, foldLine, stringifyVcard } from './stringify';

/** What write.ts did before stringify.ts: ical.js from the same jCard. */
function referenceVcard(contact: VcardContact, version: VcardVersion): string {
  const card = ICAL.stringify(contactToJCard(contact, version) as never).replace(/\r?\n$/, '');
  const extras = contact.vcardExtras ?? [];
  if (extras.length === 0) return `${card}\r\n`;
  const end = card.lastIndexOf('END:VCARD');
  return `${card.slice(0, end)}${extras.map((line) => `${ICAL.helpers.foldline(line)}\r\n`).join('')}END:VCARD\r\n`;
}

const PIECES = ['a', 'Z', ' ', '\\', ',', ';', ':', '"', '^', '\n', '\r', '\t', '=', 'é', 'ß', '中', '😀', '\ud800', '\udc00', 'x'.repeat(40), 'é'.repeat(30), '^n', "^'", '\\n', '\\,'];

function generator(seed: number) {
  const random = seededUniform(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T,>(list: readonly T[]): T => list[int(list.length)]!;
  const text = (max = 8): string => Array.from({ length: int(max) }, () => pick(PIECES)).join('');
  const some = (max = 8) => (random() < 0.3 ? undefined : text(max));
  const list = <T,>(make: () => T, max = 3): T[] => Array.from({ length: int(max + 1) }, make);
  return { random, int, pick, text, some, list };
}

function contactOf(seed: number): VcardContact {
  const { random, int, text, some, list } = generator(seed);
  const phones = list(() => `+1${int(1e9)}`);
  const crm = random() < 0.5 ? {} : { tier: some(3), stage: some(3), pipelineStage: some(3), owner: some(3) };
  return {
    id: random() < 0.8 ? text(3) || 'id' : undefined,
    name: some(12),
    emails: list(() => text(5)),
    phones,
    phoneText: random() < 0.5 ? undefined : Object.fromEntries(phones.map((phone) => [phone, text(4) || '1'])),
    company: some(10),
    title: some(20),
    location: some(6),
    addresses: list(() => ({ type: random() < 0.5 ? undefined : [text(2) || 'home', ...(random() < 0.3 ? [text(2) || 'work'] : [])].join(','), street: some(30), locality: some(4), region: some(2), postalCode: some(2), country: some(3), poBox: some(1), extended: some(1) }), 2),
    avatarUrl: some(30),
    profiles: list(() => ({ kind: random() < 0.5 ? 'linkedin' : text(2) || 'other', url: text(25) })),
    tags: list(() => text(4), 4),
    vcardExtras: random() < 0.5 ? undefined : list(() => `X-${text(3)}:${text(40)}`, 2),
    crm,
  } as VcardContact;
}

/** A jCard property ical.js can write (or refuses), from names, types, parameters and values it treats differently. */
function jcardOf(seed: number): ['vcard', [string, Record<string, string | string[]>, string, ...unknown[]][], []] {
  const { random, int, pick, text, list } = generator(seed);
  const names = ['fn', 'n', 'email', 'tel', 'org', 'title', 'adr', 'url', 'categories', 'photo', 'uid', 'note', 'nickname', 'bday', 'x-foo', 'X-Bar', 'item1.x-ablabel', 'constructor'];
  const types = ['text', 'text', 'uri', 'unknown', 'date', 'phone-number', 'binary'];
  const value = () => (random() < 0.2 ? list(() => text(4), 4) : random() < 0.05 ? int(9) : text(20));
  const params = (): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = {};
    if (random() < 0.4) out.type = random() < 0.5 ? text(3) : list(() => text(3), 3);
    if (random() < 0.2) out.pref = String(int(3));
    if (random() < 0.05) out.group = 'item1';
    if (random() < 0.1) out.label = text(6);
    return out;
  };
  const property = (): [string, Record<string, string | string[]>, string, ...unknown[]] => [pick(names), params(), pick(types), ...Array.from({ length: int(3) }, value)];
  const version = random() < 0.6 ? '4.0' : '3.0';
  const first: [string, Record<string, string | string[]>, string, ...unknown[]] = random() < 0.9 ? ['version', {}, 'text', version] : property();
  return ['vcard', [first, ...list(property, 6)], []];
}

function outcome(write: () => string): string {
  try {
    return write();
  } catch (error) {
    return `refused: ${(error as Error).name}`;
  }
}

describe('vCard writer: the same text as ical.js', () => {
  it('writes 4,000 generated contacts, in vCard 4.0 and 3.0, exactly as ical.js did', () => {
    let folded = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const contact = contactOf(seed);
      for (const version of ['4.0', '3.0'] as const) {
        const expected = referenceVcard(contact, version);
        expect(contactToVcard(contact, version), `seed ${seed}, ${version}`).toBe(expected);
        if (expected.includes('\r\n ')) folded++;
      }
    }
    // The inputs reach the folding: most cards have a line over 75 bytes.
    expect(folded).toBeGreaterThan(2_000);
  });

  it('writes 20,000 generated jCards as ical.js does, or refuses as it does', () => {
    const outcomes = { written: 0, refused: 0 };
    for (let seed = 1; seed <= 20_000; seed++) {
      const jcard = jcardOf(seed);
      const expected = outcome(() => ICAL.stringify(jcard as never).replace(/\r?\n$/, ''));
      expect(outcome(() => stringifyVcard(jcard)), `seed ${seed}: ${JSON.stringify(jcard)}`).toBe(expected);
      outcomes[expected.startsWith('refused') ? 'refused' : 'written']++;
    }
    expect(outcomes.written).toBeGreaterThan(5_000);
    expect(outcomes.refused).toBeGreaterThan(500);
  });

  it('folds at 75 UTF-8 bytes between code points, as ical.js does', () => {
    const { text } = generator(7);
    for (let k = 0; k < 5_000; k++) {
      const line = text(30);
      expect(foldLine(line), JSON.stringify(line)).toBe(ICAL.helpers.foldline(line));
    }
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
    // A 4-byte character that would cross byte 75 moves whole to the next line.
    expect(foldLine(`${'a'.repeat(73)}😀b`)).toBe(`${'a'.repeat(73)}\r\n 😀b`);
  });

  it('escapes text as vCard does: backslash, comma, newline, and semicolon in a structured value', () => {
    expect(escapeText('a\\b,c;d\ne\rf', false)).toBe('a\\\\b\\,c;d\\ne\rf');
    expect(escapeText('a;b', true)).toBe('a\\;b');
    expect(escapeText('plain', true)).toBe('plain');
  });
});
