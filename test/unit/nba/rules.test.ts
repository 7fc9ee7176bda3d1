import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NBA_SETTINGS,
  isDismissed,
  parseStoredNbaSettings,
  rankSuggestions,
  suggestionsFor,
  withDismissal,
  type NbaCandidate,
} from '@/lib/nba';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 10, 12);
const settings = { ...DEFAULT_NBA_SETTINGS };

function candidate(extra: Partial<NbaCandidate>): NbaCandidate {
  return { contactId: 'c1', name: 'Ada Lovelace', stage: 'customer', createdAt: NOW - 400 * DAY, openDeals: 0, openDealValue: 0, ...extra };
}

const rulesOf = (c: NbaCandidate, s = settings) => suggestionsFor(c, s, NOW).map((x) => x.rule);

describe('next-best-action rules', () => {
  it('strategic contact not touched for more than the threshold → check in, with the days and the rule in the sentence', () => {
    const [only, ...rest] = suggestionsFor(candidate({ tier: 'strategic', lastContactedAt: NOW - 45 * DAY }), settings, NOW);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ rule: 'strategic-check-in', contactId: 'c1', taskTitle: 'Check in with Ada Lovelace', quietDays: 45 });
    expect(only?.why).toBe('Strategic customer, last contacted 45 days ago (rule: more than 30 days without contact).');
    expect(rulesOf(candidate({ tier: 'strategic', lastContactedAt: NOW - 29 * DAY }))).toEqual([]);
    expect(rulesOf(candidate({ tier: 'growth', lastContactedAt: NOW - 90 * DAY }))).toEqual([]);
  });

  it('a strategic contact never contacted counts from when they were added', () => {
    const [s] = suggestionsFor(candidate({ tier: 'strategic', createdAt: NOW - 31 * DAY }), settings, NOW);
    expect(s?.why).toContain('never contacted');
    expect(rulesOf(candidate({ tier: 'strategic', createdAt: NOW - 3 * DAY }))).toEqual([]);
  });

  it('follows a configured threshold', () => {
    const c = candidate({ tier: 'strategic', lastContactedAt: NOW - 10 * DAY });
    expect(rulesOf(c)).toEqual([]);
    const [s] = suggestionsFor(c, { ...settings, checkInDays: 7 }, NOW);
    expect(s?.why).toContain('more than 7 days');
  });

  it('expansion stage without an open deal → cross-sell; with one, nothing', () => {
    expect(rulesOf(candidate({ stage: 'expansion', lastContactedAt: NOW - 20 * DAY }))).toEqual(['expansion-cross-sell']);
    expect(rulesOf(candidate({ stage: 'expansion', lastContactedAt: NOW - 20 * DAY, openDeals: 1, openDealValue: 5000 }))).toEqual([]);
    expect(rulesOf(candidate({ stage: 'expansion', lastContactedAt: NOW - 2 * DAY }))).toEqual([]);
  });

  it('at risk by tier or by stage → win back, saying which', () => {
    const [byTier] = suggestionsFor(candidate({ tier: 'at-risk', lastContactedAt: NOW - 60 * DAY }), settings, NOW);
    expect(byTier?.why).toMatch(/^At-risk tier .* last contacted 60 days ago \(rule: 14\+ days\)/);
    const [byStage] = suggestionsFor(candidate({ stage: 'at-risk', lastContactedAt: NOW - 15 * DAY }), settings, NOW);
    expect(byStage?.why).toMatch(/^Lifecycle stage at risk/);
    expect(rulesOf(candidate({ stage: 'at-risk', lastContactedAt: NOW - 3 * DAY }))).toEqual([]);
  });

  it('prospect with an open deal and no reply for 7 days → nudge; a recent reply or no deal → nothing', () => {
    const base = { stage: 'prospect' as const, openDeals: 1, openDealValue: 250_000, currency: 'EUR' };
    const [nudge] = suggestionsFor(candidate({ ...base, lastReplyAt: NOW - 9 * DAY }), settings, NOW);
    expect(nudge).toMatchObject({ rule: 'prospect-nudge', quietDays: 9 });
    expect(nudge?.why).toMatch(/^Prospect with an open deal \(.*2,500.*\) and no reply for 9 days \(rule: 7\+ days\): send a nudge\.$/);
    expect(rulesOf(candidate({ ...base, lastReplyAt: NOW - 2 * DAY }))).toEqual([]);
    expect(rulesOf(candidate({ ...base, openDeals: 0, lastReplyAt: NOW - 30 * DAY }))).toEqual([]);
    const [never] = suggestionsFor(candidate({ ...base, createdAt: NOW - 8 * DAY }), settings, NOW);
    expect(never?.why).toContain('no reply yet');
    expect(rulesOf(candidate({ ...base, createdAt: NOW - 2 * DAY }))).toEqual([]);
  });

  it('ranks by rule priority, then by how long the contact has been quiet', () => {
    const all = [
      ...suggestionsFor(candidate({ contactId: 'x', name: 'X', stage: 'expansion', lastContactedAt: NOW - 99 * DAY }), settings, NOW),
      ...suggestionsFor(candidate({ contactId: 'a', name: 'A', tier: 'strategic', lastContactedAt: NOW - 31 * DAY }), settings, NOW),
      ...suggestionsFor(candidate({ contactId: 'b', name: 'B', tier: 'strategic', lastContactedAt: NOW - 80 * DAY }), settings, NOW),
    ];
    expect(rankSuggestions(all).map((s) => s.contactId)).toEqual(['b', 'a', 'x']);
  });
});

describe('thresholds and dismissals', () => {
  it('falls back per field to defaults for missing or out-of-range settings', () => {
    expect(parseStoredNbaSettings(undefined)).toEqual(DEFAULT_NBA_SETTINGS);
    expect(parseStoredNbaSettings({ checkInDays: 45, nudgeDays: -3, winBackDays: 'soon' })).toEqual({ ...DEFAULT_NBA_SETTINGS, checkInDays: 45 });
    expect(parseStoredNbaSettings('garbage')).toEqual(DEFAULT_NBA_SETTINGS);
  });

  it('remembers a dismissal for dismissDays, per rule and contact, and prunes expired ones', () => {
    const once = withDismissal({ 'prospect-nudge:old': NOW - 40 * DAY }, 'strategic-check-in', 'c1', 30, NOW);
    expect(once).toEqual({ 'strategic-check-in:c1': NOW });
    expect(isDismissed(once, 'strategic-check-in', 'c1', 30, NOW + 29 * DAY)).toBe(true);
    expect(isDismissed(once, 'strategic-check-in', 'c1', 30, NOW + 30 * DAY)).toBe(false);
    expect(isDismissed(once, 'at-risk-win-back', 'c1', 30, NOW)).toBe(false);
  });
});
