import { describe, expect, it } from 'vitest';
import { foldForSearch, searchWords } from '@/lib/model';
import { withIndexKeys } from '@/lib/db/contact-keys';
import type { Contact } from '@/lib/model';

/** The Unicode path, applied to every text: what the ASCII shortcut must agree with. */
function unicodeWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** A seeded generator, so a failure names a text that can be run again. */
function texts(count: number, alphabet: string, seed = 7): string[] {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');

describe('searchWords and foldForSearch', () => {
  it('give for every ASCII text what the Unicode folding gives (20,000 texts of all 128 characters)', () => {
    for (const text of texts(20_000, ASCII)) {
      expect(searchWords(text), JSON.stringify(text)).toEqual(unicodeWords(text));
      expect(foldForSearch(text)).toBe(text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase());
    }
  });

  it('fold text beyond ASCII through Unicode: marks removed, compatibility forms and other scripts kept as letters', () => {
    expect(searchWords('Zoë Ångström-Öz')).toEqual(['zoe', 'angstrom', 'oz']);
    expect(searchWords('ＡＢＣ corp')).toEqual(['abc', 'corp']); // full-width letters are NFKD-compatible with ASCII
    expect(searchWords('Kelvin \u212a')).toEqual(['kelvin', 'k']);
    expect(searchWords('Алёна Смирнова, 北京')).toEqual(['алена', 'смирнова', '北京']);
    expect(searchWords('İstanbul')).toEqual(unicodeWords('İstanbul'));
    for (const text of texts(5_000, `${ASCII}éüÅßİıЖ北ｆ\u0301\u212a`, 11)) expect(searchWords(text), JSON.stringify(text)).toEqual(unicodeWords(text));
  });
});

describe('withIndexKeys', () => {
  const base: Contact = {
    id: 'c1',
    name: 'Zoë Ångström',
    emails: ['zoe@example.org'],
    phones: ['+447700900001'],
    phoneText: { '+447700900001': '07700 900001', '+447700900002': '07700 900002' },
    company: 'ACME Corp',
    profiles: [
      { kind: 'linkedin', url: 'https://www.linkedin.com/in/zoe' },
      { kind: 'linkedin', url: 'https://www.linkedin.com/in/zoe' },
    ],
    tags: ['VIP'],
    stage: 'lead',
    userFields: [],
    createdAt: 1,
    updatedAt: 1,
    profileUrls: [],
    searchTokens: ['stale'],
  } as unknown as Contact;

  it("keeps a phone's text only while the phone is held, and derives the words, addresses and profile keys", () => {
    const keyed = withIndexKeys(base);
    expect(keyed.phoneText).toEqual({ '+447700900001': '07700 900001' });
    expect(keyed.searchTokens).toEqual(['zoe', 'angstrom', 'acme', 'corp', 'example', 'org', 'vip', 'zoe@example.org']);
    expect(keyed.profileUrls).toEqual(['https://www.linkedin.com/in/zoe']);
    expect(withIndexKeys({ ...base, phones: [] }).phoneText).toBeUndefined();
    expect('phoneText' in withIndexKeys({ ...base, phoneText: {} })).toBe(false);
    expect(withIndexKeys({ ...base, phones: ['+447700900001', '+447700900002'] }).phoneText).toEqual(base.phoneText);
  });
});
