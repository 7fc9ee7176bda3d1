import { describe, expect, it } from 'vitest';
import { CardCache } from './card-cache';
import { etagOf } from './contact-vcard';

const hlc = '2026-12-01T00:00:00.000Z-0000-00000000000000c1';
const row = (title: string) => ({
  id: 'ada',
  fields: { name: { value: 'Ada Lovelace', hlc }, title: { value: title, hlc: title === 'Countess' ? hlc : hlc.replace('0000-', '0001-') }, ownerId: { value: 'u1', hlc } },
});

describe('CardCache', () => {
  it('serves a remembered card only while the contact (its ETag) and its owner name are the same', () => {
    const cache = new CardCache();
    const first = row('Countess');
    const card = cache.card('ws', first, etagOf(first.fields), new Map([['u1', 'Jun Chen']]), '4.0');
    expect(card).toContain('TITLE:Countess');
    expect(card).toContain('X-SIDEBAR-CRM-OWNER:Jun Chen');
    const edited = row('Mathematician');
    expect(cache.card('ws', edited, etagOf(edited.fields), new Map([['u1', 'Jun Chen']]), '4.0')).toContain('TITLE:Mathematician');
    expect(cache.card('ws', first, etagOf(first.fields), new Map([['u1', 'Jun Chen-Lopez']]), '4.0')).toContain('X-SIDEBAR-CRM-OWNER:Jun Chen-Lopez');
    expect(cache.card('ws', first, etagOf(first.fields), new Map([['u1', 'Jun Chen']]), '3.0')).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0/);
  });
});
