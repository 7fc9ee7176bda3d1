import { describe, expect, it } from 'vitest';
import { CardCache } from './card-cache';
import { RowVersions } from './row-versions';

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
