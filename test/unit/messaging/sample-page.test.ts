import { describe, expect, it } from 'vitest';
import { createMessageRouter, type MessageHandlers } from '@/lib/messaging';
import { samplePageProblem } from '@/lib/messaging/sender-checks';

/**
 * The bundled sample page (issue 23, item 6) reports its own people: an extension page, so it is
 * the only one whose report fills a tab's "On this page". A content script may not send it, and
 * no other extension page (the panel, options) may make people up for a tab.
 */
const ORIGIN = 'chrome-extension://abcdefghijklmnop/';
const sample = { tabId: 4, fromExtensionPage: true, url: `${ORIGIN}sample.html`, frameId: 0 };

describe('samplePageProblem', () => {
  it('accepts the sample page in a tab’s top frame', () => {
    expect(samplePageProblem(sample, ORIGIN)).toBeUndefined();
    expect(samplePageProblem({ ...sample, url: `${ORIGIN}sample.html#again` }, ORIGIN)).toBeUndefined();
  });

  it('refuses other pages of the extension, another extension, no tab, and a frame', () => {
    expect(samplePageProblem({ ...sample, url: `${ORIGIN}sidepanel.html` }, ORIGIN)).toMatch(/only the sample page/);
    expect(samplePageProblem({ ...sample, url: 'chrome-extension://otherextension/sample.html' }, ORIGIN)).toMatch(/only the sample page/);
    expect(samplePageProblem({ fromExtensionPage: true, url: `${ORIGIN}sample.html` }, ORIGIN)).toMatch(/from a tab/);
    expect(samplePageProblem({ ...sample, frameId: 3 }, ORIGIN)).toMatch(/top frame/);
  });
});

describe('the router and sample-detections', () => {
  const handlers = {
    'sample-detections': async (report: { contacts: unknown[] }) => ({ ok: true as const, stored: report.contacts.length }),
  } as unknown as MessageHandlers;
  const route = createMessageRouter(handlers);
  const report = { type: 'sample-detections', title: 'Sample', contacts: [{ name: 'Grace Hopper', emails: ['grace@example.org'] }] };

  it('takes it from an extension page, parsed, and never from a content script', async () => {
    expect(await route(report, sample)).toEqual({ ok: true, stored: 1 });
    expect(await route(report, { tabId: 4, fromExtensionPage: false, url: 'https://example.org/', frameId: 0 })).toMatchObject({ ok: false });
    expect(await route({ ...report, contacts: [{ emails: ['not an address'] }] }, sample)).toMatchObject({ ok: false, error: expect.stringMatching(/malformed/) });
  });
});
