/** An extension page's path from its address (lib/messaging/extension-page.ts), shared by the sample page's sender check and the sync's reader pages. */
import { describe, expect, it } from 'vitest';
import { extensionPagePath } from '@/lib/messaging/extension-page';

describe('extensionPagePath', () => {
  it('gives the path without query or fragment, with the origin given either way', () => {
    for (const origin of ['chrome-extension://abc/', 'chrome-extension://abc']) {
      expect(extensionPagePath('chrome-extension://abc/sidepanel.html', origin)).toBe('/sidepanel.html');
      expect(extensionPagePath('chrome-extension://abc/sidepanel.html?tab=tasks#x', origin)).toBe('/sidepanel.html');
      expect(extensionPagePath('chrome-extension://abc/sample.html#top', origin)).toBe('/sample.html');
      expect(extensionPagePath('chrome-extension://abc/', origin)).toBe('/');
    }
    expect(extensionPagePath('moz-extension://5f1c-2a/board.html', 'moz-extension://5f1c-2a/')).toBe('/board.html');
  });

  it('gives nothing for another extension, a longer id, a web page or no address', () => {
    const origin = 'chrome-extension://abc/';
    expect(extensionPagePath('chrome-extension://abcdef/sidepanel.html', origin)).toBeUndefined();
    expect(extensionPagePath('chrome-extension://xyz/sidepanel.html', origin)).toBeUndefined();
    expect(extensionPagePath('https://abc/sidepanel.html', origin)).toBeUndefined();
    expect(extensionPagePath('chrome-extension://abc', origin)).toBeUndefined();
    expect(extensionPagePath(undefined, origin)).toBeUndefined();
    expect(extensionPagePath('', origin)).toBeUndefined();
  });
});
