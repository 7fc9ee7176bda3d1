import { describe, expect, it } from 'vitest';
import { CARDS_ASKED_AT_ONCE, CardCache } from './card-cache';
import { FieldsNotReadError, RowVersions } from './row-versions';

const hlc = '2026-12-01T00:00:00.000Z-0000-00000000000000c1';
const text = (title: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: { value: 'Ada Lovelace', hlc }, title: { value: title, hlc: title === 'Countess' ? hlc : hlc.replace('0000-', '0001-') }, ownerId: { value: 'u1', hlc }, ...extra });

describe('CardCache', () => {
  it('serves a remembered card only while the contact (its ETag) and its owner name are the same', () => {
    const versions = new RowVersions();
    const cache = new CardCache();
    const first = versions.row('ws', 'ada', 1, text('Countess'));
    const card = cache.card('ws', first, new Map([['u1', 'Jun Chen']]), '4.0');
    expect(card).toContain('TITLE:Countess');
    expect(card).toContain('X-SIDEBAR-CRM-OWNER:Jun Chen');
    const edited = versions.row('ws', 'ada', 2, text('Mathematician'));
    expect(edited.etag).not.toBe(first.etag);
    expect(cache.card('ws', edited, new Map([['u1', 'Jun Chen']]), '4.0')).toContain('TITLE:Mathematician');
    expect(cache.card('ws', first, new Map([['u1', 'Jun Chen-Lopez']]), '4.0')).toContain('X-SIDEBAR-CRM-OWNER:Jun Chen-Lopez');
    expect(cache.card('ws', first, new Map([['u1', 'Jun Chen']]), '3.0')).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0/);
  });
});

describe('RowVersions', () => {
  it('parses a row only when its cursor moved, and knows the trash and the owner', () => {
    const versions = new RowVersions();
    const first = versions.row('ws', 'ada', 7, text('Countess'));
    expect(first).toMatchObject({ id: 'ada', trashed: false, ownerId: 'u1' });
    expect(first.fields().title?.value).toBe('Countess');
    // Same cursor: the remembered version, whatever the text (never parsed again).
    const again = versions.row('ws', 'ada', 7, 'not JSON at all');
    expect(again.etag).toBe(first.etag);
    expect(() => again.fields()).toThrow();
    // A write moved the cursor: read afresh.
    const trashed = versions.row('ws', 'ada', 9, text('Countess', { deletedAt: { value: 5, hlc } }));
    expect(trashed.trashed).toBe(true);
    expect(trashed.etag).not.toBe(first.etag);
    // Another workspace's row of the same id is its own.
    expect(versions.row('other', 'ada', 7, text('Analyst')).fields().title?.value).toBe('Analyst');
  });
});

describe('RowVersions.known and CardCache.has: a listing that reads no fields for rows it has seen', () => {
  it('knows a row only at the cursor it was read at, without its fields', () => {
    const versions = new RowVersions();
    expect(versions.known('ws', 'ada', 7)).toBeUndefined();
    const read = versions.row('ws', 'ada', 7, text('Countess'));
    const known = versions.known('ws', 'ada', 7)!;
    expect(known).toMatchObject({ id: 'ada', etag: read.etag, trashed: false, ownerId: 'u1', hasFields: false });
    expect(() => known.fields()).toThrow(FieldsNotReadError);
    expect(read.hasFields).toBe(true);
    expect(versions.known('ws', 'ada', 8)).toBeUndefined();
    expect(versions.known('other', 'ada', 7)).toBeUndefined();
  });

  it('says whether a version of a card is remembered, so only the others need their fields', () => {
    const versions = new RowVersions();
    const cache = new CardCache();
    const owners = new Map([['u1', 'Jun Chen']]);
    const read = versions.row('ws', 'ada', 1, text('Countess'));
    expect(cache.has('ws', read, owners, '4.0')).toBe(false);
    const card = cache.card('ws', read, owners, '4.0');
    const known = versions.known('ws', 'ada', 1)!;
    expect(cache.has('ws', known, owners, '4.0')).toBe(true);
    expect(cache.card('ws', known, owners, '4.0')).toBe(card);
    expect(cache.has('ws', known, owners, '3.0')).toBe(false);
    expect(cache.has('ws', known, new Map([['u1', 'Jun Chen-Lopez']]), '4.0')).toBe(false);
    expect(() => cache.card('ws', known, owners, '3.0')).toThrow(FieldsNotReadError);
  });
});

describe('CardCache bounds', () => {
  const owners = new Map([['u1', 'Jun Chen']]);
  const rowsOf = (versions: RowVersions, count: number, from = 0) => Array.from({ length: count }, (_, k) => versions.row('ws', `c${from + k}`, 1, text(`T${from + k}`)));

  it('keeps at most its capacity, dropping the cards used least recently first', () => {
    const versions = new RowVersions();
    const cache = new CardCache(40);
    const remembered = (row: { id: string }) => cache.has('ws', versions.known('ws', row.id, 1)!, owners, '4.0');
    const kept = rowsOf(versions, 40);
    for (const row of kept) cache.card('ws', row, owners, '4.0');
    // 15 newer cards push out the 15 oldest.
    for (const row of rowsOf(versions, 15, 100)) cache.card('ws', row, owners, '4.0');
    expect(cache.size).toBe(40);
    expect(kept.filter(remembered).map((row) => row.id)).toEqual(kept.slice(15).map((row) => row.id));
    // Those just asked about (all 25, kept[15] first) moved to the recent end in that order; 10
    // more push out the 10 least recent: the newer cards.
    for (const row of rowsOf(versions, 10, 200)) cache.card('ws', row, owners, '4.0');
    expect(cache.size).toBe(40);
    expect(kept.slice(15).every(remembered)).toBe(true);
    // Asked about again, they moved once more. 20 more push out the 15 newer cards left, then the
    // 5 least recently used of the kept ones.
    for (const row of rowsOf(versions, 20, 300)) cache.card('ws', row, owners, '4.0');
    expect(kept.filter(remembered).map((row) => row.id)).toEqual(kept.slice(20).map((row) => row.id));
  });

  it('does not drop a card between has() and its rendering, for as many rows as a listing asks at once', () => {
    const versions = new RowVersions();
    const cache = new CardCache(4 * CARDS_ASKED_AT_ONCE);
    const first = rowsOf(versions, CARDS_ASKED_AT_ONCE);
    for (const row of first) cache.card('ws', row, owners, '4.0');
    // Three capacities' worth of other cards, each round asking about the first ones again.
    for (let round = 0; round < 12; round++) {
      const listed = first.map((row) => versions.known('ws', row.id, 1)!);
      expect(listed.every((row) => cache.has('ws', row, owners, '4.0'))).toBe(true);
      for (const row of rowsOf(versions, CARDS_ASKED_AT_ONCE, 10_000 + round * CARDS_ASKED_AT_ONCE)) cache.card('ws', row, owners, '4.0');
      // Rendering what has() said it remembers needs no fields.
      for (const row of listed) expect(cache.cardXml('ws', row, owners, '4.0')).toContain('BEGIN:VCARD');
    }
    expect(cache.size).toBe(4 * CARDS_ASKED_AT_ONCE);
  });
});
