/**
 * The storage side of the pure folders (lib/settings): next-best-action thresholds and
 * dismissals in storage.local, reveal requests in storage.session, and the one listener they
 * share, which must hear only its own area and key.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_NBA_SETTINGS, isDismissed } from '@/lib/nba';
import { dismissSuggestion, NBA_DISMISSED_KEY, onDismissalsChanged, readDismissals } from '@/lib/settings/nba-dismissals';
import { NBA_SETTINGS_KEY, onNbaSettingsChanged, readNbaSettings, saveNbaSettings } from '@/lib/settings/nba-settings';
import { onRevealRequest, REVEAL_KEY, requestReveal, takeRevealRequest } from '@/lib/settings/reveal-requests';
import { watchStorageKey } from '@/lib/settings/storage-key';

const DAY = 86_400_000;

beforeEach(() => fakeBrowser.reset());

describe('watchStorageKey', () => {
  it('hears its own key in its own area, until stopped', async () => {
    const seen: unknown[] = [];
    const stop = watchStorageKey('session', 'k', (stored) => seen.push(stored));
    await fakeBrowser.storage.local.set({ k: 'local, not session' });
    await fakeBrowser.storage.session.set({ other: 'another key' });
    await fakeBrowser.storage.session.set({ k: 1 });
    await fakeBrowser.storage.session.remove('k');
    stop();
    await fakeBrowser.storage.session.set({ k: 2 });
    // A removal carries no new value (fakeBrowser says null where browsers leave it out).
    expect(seen.map((stored) => stored ?? 'removed')).toEqual([1, 'removed']);
  });
});

describe('next-best-action settings in storage.local', () => {
  it('read the defaults, then what was saved; a bad stored field falls back alone', async () => {
    expect(await readNbaSettings()).toEqual(DEFAULT_NBA_SETTINGS);
    await saveNbaSettings({ ...DEFAULT_NBA_SETTINGS, nudgeDays: 3 });
    expect(await readNbaSettings()).toEqual({ ...DEFAULT_NBA_SETTINGS, nudgeDays: 3 });
    await fakeBrowser.storage.local.set({ [NBA_SETTINGS_KEY]: { ...DEFAULT_NBA_SETTINGS, checkInDays: 0, nudgeDays: 3 } });
    expect(await readNbaSettings()).toEqual({ ...DEFAULT_NBA_SETTINGS, nudgeDays: 3 });
  });

  it('refuse to save out-of-range days, and tell listeners about saves', async () => {
    await expect(saveNbaSettings({ ...DEFAULT_NBA_SETTINGS, winBackDays: 366 })).rejects.toThrow();
    const seen: number[] = [];
    const stop = onNbaSettingsChanged((settings) => seen.push(settings.winBackDays));
    await saveNbaSettings({ ...DEFAULT_NBA_SETTINGS, winBackDays: 20 });
    stop();
    expect(seen).toEqual([20]);
  });
});

describe('dismissals in storage.local', () => {
  it('remember a dismissal, drop expired ones on the next write, and notify', async () => {
    const now = Date.UTC(2026, 5, 10);
    await dismissSuggestion('prospect-nudge', 'old', 30, now - 40 * DAY);
    const seen: string[][] = [];
    const stop = onDismissalsChanged((dismissals) => seen.push(Object.keys(dismissals)));
    await dismissSuggestion('strategic-check-in', 'c1', 30, now);
    stop();
    const dismissals = await readDismissals();
    expect(isDismissed(dismissals, 'strategic-check-in', 'c1', 30, now + DAY)).toBe(true);
    expect(Object.keys(dismissals)).toEqual(['strategic-check-in:c1']);
    expect(seen).toEqual([['strategic-check-in:c1']]);
    await fakeBrowser.storage.local.set({ [NBA_DISMISSED_KEY]: 'garbage' });
    expect(await readDismissals()).toEqual({});
  });
});

describe('reveal requests in storage.session', () => {
  it('are taken once, and only while fresh', async () => {
    const now = Date.now();
    await requestReveal({ view: 'contact', contactId: 'c1', at: now });
    expect(await takeRevealRequest(now + 1000)).toEqual({ view: 'contact', contactId: 'c1', at: now });
    expect(await takeRevealRequest(now + 1000)).toBeNull();
    await requestReveal({ view: 'tasks', at: now });
    expect(await takeRevealRequest(now + 60_000)).toBeNull();
    expect(await fakeBrowser.storage.session.get(REVEAL_KEY)).toEqual({});
  });

  it('reach a listening panel, which ignores a stale one', async () => {
    const seen: string[] = [];
    const stop = onRevealRequest((request) => seen.push(request.view));
    await requestReveal({ view: 'tasks', at: Date.now() });
    await fakeBrowser.storage.session.set({ [REVEAL_KEY]: { view: 'contact', contactId: 'c2', at: Date.now() - 60_000 } });
    stop();
    expect(seen).toEqual(['tasks']);
  });
});
