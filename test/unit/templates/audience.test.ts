/** Whom a template is for and whether it is offered to one contact (lib/templates/audience.ts, pure). */
import { describe, expect, it } from 'vitest';
import type { SegmentFacts } from '@/lib/segments';
import { audienceNote, templateAudience, templatesForContact, templatesForSegment } from '@/lib/templates';

const NOW = Date.UTC(2026, 5, 15);
const vips = { id: 'seg-vip', name: 'VIPs', rule: [{ field: 'tag' as const, op: 'has' as const, value: 'vip' }] };
const strategic = { id: 'seg-strategic', name: 'Strategic customers', rule: [{ field: 'tier' as const, op: 'is' as const, value: 'strategic' as const }] };
const segments = [vips, strategic];

const member: SegmentFacts = { contact: { stage: 'customer', tags: ['vip'], emails: ['ada@example.org'], phones: [] }, value: { tier: 'strategic', pAlive: 0.9, clv: 100 } };
const outsider: SegmentFacts = { contact: { stage: 'lead', tags: [], emails: [], phones: [] } };

type Template = { name: string; segmentId?: string };
const everyone: Template = { name: 'Check-in' };
const forVips: Template = { name: 'VIP renewal', segmentId: vips.id };
const forStrategic: Template = { name: 'Quarterly review', segmentId: strategic.id };
const forDeleted: Template = { name: 'Old news', segmentId: 'seg-gone' };
const names = (offered: Array<{ template: { name: string } }>) => offered.map(({ template }) => template.name);

describe('a template’s audience', () => {
  it('is everyone without a segment, the segment when it exists, and everyone again when it was deleted', () => {
    expect(templateAudience(everyone, segments)).toEqual({ kind: 'everyone' });
    expect(templateAudience(forVips, segments)).toEqual({ kind: 'segment', segment: vips });
    expect(templateAudience(forDeleted, segments)).toEqual({ kind: 'segment-deleted' });
    expect(templateAudience(forVips, [])).toEqual({ kind: 'segment-deleted' });
  });

  it('says why in words', () => {
    expect(audienceNote({ kind: 'everyone' })).toBeNull();
    expect(audienceNote({ kind: 'segment', segment: strategic })).toBe('for Strategic customers');
    expect(audienceNote({ kind: 'segment-deleted' })).toBe('for everyone: its segment was deleted');
  });
});

describe('templates offered for one contact', () => {
  const all = [everyone, forVips, forStrategic, forDeleted];

  it('a member of both segments gets their templates first, then those for everyone (a deleted segment’s among them)', () => {
    expect(names(templatesForContact(all, segments, member, NOW))).toEqual(['VIP renewal', 'Quarterly review', 'Check-in', 'Old news']);
  });

  it('a non-member gets only the templates for everyone', () => {
    const offered = templatesForContact(all, segments, outsider, NOW);
    expect(names(offered)).toEqual(['Check-in', 'Old news']);
    expect(offered.map(({ audience }) => audience.kind)).toEqual(['everyone', 'segment-deleted']);
  });

  it('a member of one segment gets that segment’s template and not the other’s', () => {
    const vipOnly: SegmentFacts = { ...member, value: { tier: 'growth', pAlive: 0.5, clv: 10 } };
    expect(names(templatesForContact(all, segments, vipOnly, NOW))).toEqual(['VIP renewal', 'Check-in', 'Old news']);
  });

  it('with no segments at all, every template with a segment reads as for everyone', () => {
    expect(names(templatesForContact(all, [], outsider, NOW))).toEqual(['Check-in', 'VIP renewal', 'Quarterly review', 'Old news']);
  });
});

describe('templates for outreach to a segment', () => {
  it('lists that segment’s templates first, every other one after', () => {
    const { forSegment, others } = templatesForSegment([everyone, forVips, forStrategic], vips.id);
    expect(forSegment.map((template) => template.name)).toEqual(['VIP renewal']);
    expect(others.map((template) => template.name)).toEqual(['Check-in', 'Quarterly review']);
  });
});
