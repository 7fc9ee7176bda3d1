import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handlers, routeMessage } from '@/entrypoints/background/messages';
import {
  clearTabDetections,
  forgetIfNavigatedAway,
  readTabDetections,
  saveTabDetections,
  tabDetectionsKey,
} from '@/lib/session/tab-detections';

const report = (tabId: number, url: string) => ({ tabId, url, title: '', contacts: [], at: 1 });

beforeEach(() => fakeBrowser.reset());

describe('per-tab detections in storage.session', () => {
  it('stores and reads a tab’s detections', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    expect(await readTabDetections(3)).toEqual(report(3, 'https://a.example/'));
    expect(await readTabDetections(4)).toBeNull();
  });

  it('treats unparseable stored data as nothing stored', async () => {
    await fakeBrowser.storage.session.set({ [tabDetectionsKey(3)]: { tabId: 'three' } });
    expect(await readTabDetections(3)).toBeNull();
  });

  it('forgets a tab’s detections when it navigates away, but keeps the new page’s report', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    await forgetIfNavigatedAway(3, 'https://a.example/');
    expect(await readTabDetections(3)).not.toBeNull();
    await forgetIfNavigatedAway(3, 'https://b.example/');
    expect(await readTabDetections(3)).toBeNull();
  });

  it('does not let a navigation clear a report that arrived while it was checking', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    // A slow read leaves room for the new page's report to land between the check and the clear.
    const read = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(async (keys) => {
      const result = await read(keys);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return result;
    });
    // Issued together, as the background receives them: the navigation first, then the report.
    await Promise.all([forgetIfNavigatedAway(3, 'https://b.example/'), saveTabDetections(report(3, 'https://b.example/'))]);
    vi.restoreAllMocks();
    expect((await readTabDetections(3))?.url).toBe('https://b.example/');
  });

  it('clears a closed tab', async () => {
    await saveTabDetections(report(3, 'https://a.example/'));
    await clearTabDetections(3);
    expect(await readTabDetections(3)).toBeNull();
  });
});

describe('background message handlers', () => {
  it('keeps a content script’s report under its tab and answers the panel from there', async () => {
    const answer = await routeMessage(
      { type: 'detections', url: 'https://a.example/', title: 'A', contacts: [{ emails: ['a@a.example'] }] },
      { tabId: 9, fromExtensionPage: false },
    );
    expect(answer).toEqual({ ok: true, stored: 1 });
    const query = await handlers['get-tab-detections']({ type: 'get-tab-detections', tabId: 9 }, { fromExtensionPage: true });
    expect(query.detections).toMatchObject({ tabId: 9, url: 'https://a.example/', title: 'A' });
    expect(query.detections?.contacts[0]?.emails).toEqual(['a@a.example']);
  });
});
