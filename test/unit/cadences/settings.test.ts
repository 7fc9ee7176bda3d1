/** Tier defaults (off until turned on) and snoozes, as stored in this browser and read back. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE_SETTINGS, parseCadenceSnoozes, parseStoredCadenceSettings, tierCadences, withCadenceSnooze } from '@/lib/cadences';

describe('tier default cadences', () => {
  it('offers Strategic 30, Growth 60, Core 90 days, all off until turned on', () => {
    const settings = parseStoredCadenceSettings(undefined);
    expect(settings).toEqual({ strategic: { on: false, days: 30 }, growth: { on: false, days: 60 }, core: { on: false, days: 90 } });
    expect(tierCadences(settings).size).toBe(0);
  });

  it('reads a stored value field by field: one bad field falls back alone', () => {
    const settings = parseStoredCadenceSettings({ strategic: { on: true, days: 0 }, growth: { on: 'yes', days: 45 }, core: 'garbage' });
    expect(settings).toEqual({ strategic: { on: true, days: 30 }, growth: { on: false, days: 45 }, core: DEFAULT_CADENCE_SETTINGS.core });
    expect([...tierCadences(settings).values()]).toEqual([{ days: 30, source: { kind: 'tier', tier: 'strategic' } }]);
  });
});

describe('snoozes', () => {
  it('adds a snooze, drops ended ones, and refuses a time that is not in the future', () => {
    const next = withCadenceSnooze({ old: 5, kept: 500 }, 'ada', 200, 100);
    expect(next).toEqual({ kept: 500, ada: 200 });
    expect(() => withCadenceSnooze({}, 'ada', 100, 100)).toThrow('Pick a time in the future.');
  });

  it('keeps only well-formed entries of whatever was stored', () => {
    expect(parseCadenceSnoozes('garbage')).toEqual({});
    expect(parseCadenceSnoozes({ ada: 10, bob: -1, cy: 'soon', dee: 1.5 })).toEqual({ ada: 10 });
  });
});
