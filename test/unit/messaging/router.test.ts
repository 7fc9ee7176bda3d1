import { describe, expect, it, vi } from 'vitest';
import { createMessageRouter, type MessageHandlers } from '@/lib/messaging';

function routerWith(overrides: Partial<MessageHandlers> = {}) {
  const handlers: MessageHandlers = {
    detections: vi.fn(async (report) => ({ ok: true as const, stored: report.contacts.length })),
    'get-tab-detections': vi.fn(async () => ({ ok: true as const, detections: null })),
    'sync-now': vi.fn(async () => ({ ok: true as const })),
    'render-templates': vi.fn(async () => ({ ok: true as const, known: false, templates: [] })),
    ...overrides,
  };
  return { handlers, route: createMessageRouter(handlers) };
}

const fromTab = { tabId: 7, fromExtensionPage: false };
const fromPanel = { fromExtensionPage: true };

describe('message router', () => {
  it('takes "sync now" from extension pages only, never from a page’s content script', async () => {
    const { handlers, route } = routerWith();
    expect(await route({ type: 'sync-now' }, fromPanel)).toEqual({ ok: true });
    expect(await route({ type: 'sync-now' }, fromTab)).toMatchObject({ ok: false });
    expect(handlers['sync-now']).toHaveBeenCalledTimes(1);
  });

  it('renders templates for a content script’s compose button only, with a bounded address', async () => {
    const { handlers, route } = routerWith();
    expect(await route({ type: 'render-templates', email: ' grace@cobol.dev ' }, fromTab)).toEqual({ ok: true, known: false, templates: [] });
    expect(handlers['render-templates']).toHaveBeenCalledWith({ type: 'render-templates', email: 'grace@cobol.dev' }, fromTab);
    expect(await route({ type: 'render-templates', email: 'grace@cobol.dev' }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'render-templates', email: 'x'.repeat(321) }, fromTab)).toMatchObject({ ok: false });
    expect(await route({ type: 'render-templates' }, fromTab)).toMatchObject({ ok: false });
    expect(handlers['render-templates']).toHaveBeenCalledTimes(1);
  });

  it('hands a valid report to its handler, parsed and with defaults applied', async () => {
    const { handlers, route } = routerWith();
    const answer = await route(
      { type: 'detections', url: 'https://example.org/', contacts: [{ emails: ['a@example.org'] }] },
      fromTab,
    );
    expect(answer).toEqual({ ok: true, stored: 1 });
    expect(handlers.detections).toHaveBeenCalledWith(
      {
        type: 'detections',
        url: 'https://example.org/',
        title: '',
        contacts: [{ emails: ['a@example.org'], phones: [], profiles: [], role: 'mentioned', evidence: [] }],
        limits: [],
      },
      fromTab,
    );
  });

  it.each([
    ['not an object', 'hello'],
    ['unknown type', { type: 'format-disk' }],
    ['missing field', { type: 'detections', contacts: [] }],
    ['hostile link', { type: 'detections', url: 'x', contacts: [{ profiles: [{ kind: 'web', url: 'javascript:alert(1)' }] }] }],
    ['flood', { type: 'detections', url: 'x', contacts: Array.from({ length: 501 }, () => ({})) }],
    ['unknown limit', { type: 'detections', url: 'x', contacts: [], limits: [{ what: 'secrets', read: 1, found: 2 }] }],
    ['negative limit', { type: 'detections', url: 'x', contacts: [], limits: [{ what: 'addresses', read: -1, found: 2 }] }],
    ['flood of limits', { type: 'detections', url: 'x', contacts: [], limits: Array.from({ length: 8 }, () => ({ what: 'people', read: 1, found: 2 })) }],
  ])('rejects a malformed message (%s) without calling a handler or throwing', async (_, raw) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handlers, route } = routerWith();
    const answer = await route(raw, fromTab);
    expect(answer).toMatchObject({ ok: false });
    expect(handlers.detections).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('accepts detections only from content scripts and queries only from extension pages', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { route } = routerWith();
    expect(await route({ type: 'detections', url: 'x', contacts: [] }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'get-tab-detections', tabId: 1 }, fromTab)).toMatchObject({ ok: false });
    expect(await route({ type: 'get-tab-detections', tabId: 1 }, fromPanel)).toEqual({ ok: true, detections: null });
    warn.mockRestore();
  });

  it('knows no data-changed messages: the background follows IndexedDB through live queries', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { route } = routerWith();
    expect(await route({ type: 'deals-changed' }, fromPanel)).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed message/) });
    expect(await route({ type: 'tasks-changed' }, fromPanel)).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed message/) });
    warn.mockRestore();
  });

  it('answers a failing handler with an error instead of throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { route } = routerWith({
      detections: async () => {
        throw new Error('storage full');
      },
    });
    await expect(route({ type: 'detections', url: 'x', contacts: [] }, fromTab)).resolves.toEqual({
      ok: false,
      error: 'detections failed',
    });
    error.mockRestore();
  });
});
