/** Which open extension pages make a sync keep its transactions short (lib/sync/client/reader-views.ts). */
import { describe, expect, it } from 'vitest';
import { readerViewOpen } from '@/lib/sync/client/reader-views';

const origin = 'chrome-extension://abcdefghijklmnop/';

describe('readerViewOpen', () => {
  it('is true for the side panel, Board and Analytics, with or without a query or hash', () => {
    for (const page of ['sidepanel.html', 'board.html?segment=s1', 'analytics.html#tab=value']) {
      expect(readerViewOpen([{ documentUrl: `${origin}background.js` }, { documentUrl: `${origin}${page}` }], origin)).toBe(true);
    }
  });

  it('is false for Options, the sample page, the background and pages of other origins', () => {
    const contexts = [
      { documentUrl: `${origin}options.html` },
      { documentUrl: `${origin}sample.html` },
      { documentUrl: `${origin}_generated_background_page.html` },
      {},
      { documentUrl: 'chrome-extension://another-extension/sidepanel.html' },
      { documentUrl: 'https://example.org/sidepanel.html' },
      { documentUrl: `${origin}sidepanel.html.evil` },
    ];
    expect(readerViewOpen(contexts, origin)).toBe(false);
    expect(readerViewOpen([], origin)).toBe(false);
  });

  it('takes the origin with or without its slash (moz-extension too)', () => {
    const firefox = 'moz-extension://1234-5678';
    expect(readerViewOpen([{ documentUrl: `${firefox}/sidepanel.html` }], firefox)).toBe(true);
    expect(readerViewOpen([{ documentUrl: `${firefox}/sidepanel.html` }], `${firefox}/`)).toBe(true);
  });
});
