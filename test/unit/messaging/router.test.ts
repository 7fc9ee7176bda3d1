import { describe, expect, it, vi } from 'vitest';
import { createMessageRouter, type MessageHandlers } from '@/lib/messaging';
import { MAX_OUTLINE_CHARS } from '@/lib/model/detected';

function routerWith(overrides: Partial<MessageHandlers> = {}) {
  const handlers: MessageHandlers = {
    detections: vi.fn(async (report) => ({ ok: true as const, stored: report.contacts.length })),
    'sample-detections': vi.fn(async (report) => ({ ok: true as const, stored: report.contacts.length })),
    'get-tab-detections': vi.fn(async () => ({ ok: true as const, detections: null })),
    'sync-now': vi.fn(async () => ({ ok: true as const })),
    'render-templates': vi.fn(async () => ({ ok: true as const, templates: [] })),
    'team:members': vi.fn(async () => ({ ok: true as const, members: [] })),
    'team:invite': vi.fn(async () => ({ ok: true as const, invite: { code: 'c', role: 'viewer' as const, expiresAt: '2026-12-13T00:00:00.000Z' } })),
    'team:set-role': vi.fn(async () => ({ ok: true as const })),
    'team:remove': vi.fn(async () => ({ ok: true as const })),
    'team:join': vi.fn(async () => ({ ok: true as const, workspace: 'ws', role: 'viewer' as const })),
    'team:update-settings': vi.fn(async () => ({ ok: true as const, settings: { capturedEmails: 'team' as const } })),
    'read-audit': vi.fn(async () => ({ ok: true as const, changes: [] })),
    'encryption:status': vi.fn(async () => ({ ok: true as const, status: { mode: 'plain' as const, locked: false, isOwner: true, undecryptable: 0, rotateSuggested: false } })),
    'encryption:enable': vi.fn(async () => ({ ok: true as const, recoveryKey: 'R' })),
    'encryption:unlock': vi.fn(async () => ({ ok: true as const })),
    'encryption:change-passphrase': vi.fn(async () => ({ ok: true as const })),
    'encryption:rotate': vi.fn(async () => ({ ok: true as const, recoveryKey: 'R' })),
    'encryption:disable': vi.fn(async () => ({ ok: true as const })),
    'encryption:lock': vi.fn(async () => ({ ok: true as const })),
    'encryption:discard-undecryptable': vi.fn(async () => ({ ok: true as const })),
    ...overrides,
  };
  return { handlers, route: createMessageRouter(handlers) };
}

/** A content script in a tab's top frame: on an ordinary page, and on Gmail. */
const fromTab = { tabId: 7, fromExtensionPage: false, url: 'https://example.org/', frameId: 0 };
const fromGmail = { tabId: 8, fromExtensionPage: false, url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN', frameId: 0 };
const fromPanel = { fromExtensionPage: true };

describe('message router', () => {
  it('takes "sync now" from extension pages only, never from a page’s content script', async () => {
    const { handlers, route } = routerWith();
    expect(await route({ type: 'sync-now' }, fromPanel)).toEqual({ ok: true });
    expect(await route({ type: 'sync-now' }, fromTab)).toMatchObject({ ok: false });
    expect(handlers['sync-now']).toHaveBeenCalledTimes(1);
  });

  it('takes team messages from extension pages only, parsed: a page’s content script cannot invite, remove or join', async () => {
    const { handlers, route } = routerWith();
    const join = { type: 'team:join', serverUrl: 'https://crm.example.org', code: 'inv_x', email: ' Ravi@Example.org ', name: ' Ravi ' };
    for (const message of [{ type: 'team:update-settings', capturedEmails: 'team' }, { type: 'team:members' }, { type: 'team:invite', role: 'owner', expiresInDays: 30 }, { type: 'team:set-role', user: 'usr_1', role: 'viewer' }, { type: 'team:remove', user: 'usr_1' }, join]) {
      expect(await route(message, fromTab)).toMatchObject({ ok: false, error: expect.stringMatching(/not accepted from this sender/) });
      expect(await route(message, fromGmail)).toMatchObject({ ok: false });
      expect(await route(message, fromPanel)).toMatchObject({ ok: true });
    }
    expect(handlers['team:join']).toHaveBeenCalledWith({ ...join, email: 'ravi@example.org', name: 'Ravi' }, fromPanel);
    expect(handlers['team:invite']).toHaveBeenCalledTimes(1);
    expect(await route({ type: 'team:update-settings', capturedEmails: 'everyone' }, fromPanel)).toMatchObject({ ok: false });
    expect(handlers['team:update-settings']).toHaveBeenCalledTimes(1);
    // Out of range or malformed: refused before any handler.
    expect(await route({ type: 'team:invite', role: 'viewer', expiresInDays: 31 }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'team:invite', role: 'admin', expiresInDays: 7 }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'team:remove', user: '' }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ ...join, email: 'not an email' }, fromPanel)).toMatchObject({ ok: false });
    expect(handlers['team:invite']).toHaveBeenCalledTimes(1);
    expect(handlers['team:remove']).toHaveBeenCalledTimes(1);
    expect(handlers['team:join']).toHaveBeenCalledTimes(1);
  });

  it('takes encryption messages from extension pages only, parsed: no page’s content script can send a passphrase or lock the workspace (issue 19)', async () => {
    const { handlers, route } = routerWith();
    const messages = [
      { type: 'encryption:status' },
      { type: 'encryption:enable', passphrase: 'correct horse battery staple' },
      { type: 'encryption:unlock', passphrase: 'correct horse battery staple' },
      { type: 'encryption:unlock', recoveryKey: 'ABCD-EFGH' },
      { type: 'encryption:change-passphrase', passphrase: 'a', newPassphrase: 'b' },
      { type: 'encryption:rotate', passphrase: 'a', newPassphrase: 'b' },
      { type: 'encryption:disable', passphrase: 'a' },
      { type: 'encryption:lock' },
      { type: 'encryption:discard-undecryptable' },
    ];
    for (const message of messages) {
      expect(await route(message, fromTab)).toMatchObject({ ok: false, error: expect.stringMatching(/not accepted from this sender/) });
      expect(await route(message, fromGmail)).toMatchObject({ ok: false });
      expect(await route(message, fromPanel)).toMatchObject({ ok: true });
    }
    expect(handlers['encryption:unlock']).toHaveBeenCalledTimes(2);
    // Both secrets, or neither, or an empty passphrase: refused before any handler.
    expect(await route({ type: 'encryption:unlock', passphrase: 'p', recoveryKey: 'r' }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'encryption:unlock' }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'encryption:enable', passphrase: '' }, fromPanel)).toMatchObject({ ok: false });
    expect(handlers['encryption:unlock']).toHaveBeenCalledTimes(2);
    expect(handlers['encryption:enable']).toHaveBeenCalledTimes(1);
  });

  it('reads a row’s audit for extension pages only, with a known table and a bounded id (issue 18)', async () => {
    const { handlers, route } = routerWith();
    expect(await route({ type: 'read-audit', table: 'contacts', id: 'c1' }, fromPanel)).toEqual({ ok: true, changes: [] });
    // A content script relays a hostile page: it never reaches the token-holding request.
    expect(await route({ type: 'read-audit', table: 'contacts', id: 'c1' }, fromTab)).toMatchObject({ ok: false });
    expect(await route({ type: 'read-audit', table: 'contacts', id: 'c1' }, fromGmail)).toMatchObject({ ok: false });
    expect(await route({ type: 'read-audit', table: 'outbox', id: 'c1' }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'read-audit', table: 'contacts', id: 'x'.repeat(129) }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'read-audit', table: 'contacts', id: 'a\u0000b' }, fromPanel)).toMatchObject({ ok: false });
    expect(handlers['read-audit']).toHaveBeenCalledTimes(1);
  });

  it('renders templates for a content script’s compose button only, with a bounded address', async () => {
    const { handlers, route } = routerWith();
    expect(await route({ type: 'render-templates', email: ' grace@cobol.dev ' }, fromGmail)).toEqual({ ok: true, templates: [] });
    expect(handlers['render-templates']).toHaveBeenCalledWith({ type: 'render-templates', email: 'grace@cobol.dev' }, fromGmail);
    expect(await route({ type: 'render-templates', email: 'grace@cobol.dev' }, fromPanel)).toMatchObject({ ok: false });
    expect(await route({ type: 'render-templates', email: 'x'.repeat(321) }, fromGmail)).toMatchObject({ ok: false });
    expect(await route({ type: 'render-templates' }, fromGmail)).toMatchObject({ ok: false });
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
    await expect(route({ type: 'detections', url: 'https://example.org/', contacts: [] }, fromTab)).resolves.toEqual({
      ok: false,
      error: 'detections failed',
    });
    error.mockRestore();
  });

  describe('binds a content script’s message to the page that sent it', () => {
    const thread = {
      kind: 'email-thread',
      site: 'gmail',
      threadId: 'T1',
      subject: 'Invoice',
      url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN',
      messages: [{ id: 'm1', from: 'grace@cobol.dev', to: ['ada@lovelace.io'] }],
    };
    const fromEvil = { tabId: 9, fromExtensionPage: false, url: 'https://evil.example/mail/u/0/', frameId: 0 };
    const fallback = { site: 'gmail', fallback: true, missing: 'the open thread’s subject', outline: 'body\n  div [role=main]' };

    it.each([
      ['a Gmail thread claimed by another site', { type: 'detections', url: thread.url, contacts: [], context: thread }, fromEvil, /a report about https:\/\/mail\.google\.com from https:\/\/evil\.example/],
      ['a Gmail thread about its own page on another site', { type: 'detections', url: fromEvil.url, contacts: [], context: thread }, fromEvil, /gmail email-thread from https:\/\/evil\.example, which is not Gmail/],
      ['a thread of another page, from Gmail', { type: 'detections', url: fromGmail.url, contacts: [], context: { ...thread, url: 'https://evil.example/x' } }, fromGmail, /another page/],
      ['a report from a frame', { type: 'detections', url: 'https://example.org/', contacts: [] }, { ...fromTab, frameId: 3 }, /top frame/],
      ['a report without a sender address', { type: 'detections', url: 'https://example.org/', contacts: [] }, { tabId: 7, fromExtensionPage: false }, /no page address/],
      ['a Gmail fallback reading from another site', { type: 'detections', url: fromEvil.url, contacts: [], reader: fallback }, fromEvil, /gmail reading from https:\/\/evil\.example, which is not Gmail/],
      ['an Outlook fallback reading from Gmail', { type: 'detections', url: fromGmail.url, contacts: [], reader: { ...fallback, site: 'outlook' } }, fromGmail, /outlook reading from https:\/\/mail\.google\.com, which is not Outlook/],
      ['a fallback reading with an outline over its bound', { type: 'detections', url: fromGmail.url, contacts: [], reader: { ...fallback, outline: 'div\n'.repeat(MAX_OUTLINE_CHARS) } }, fromGmail, /malformed message: Too big: expected string to have <=32000 characters/],
      ['templates asked for by a non-webmail page', { type: 'render-templates', email: 'grace@cobol.dev' }, fromEvil, /webmail pages only/],
    ])('refuses %s', async (_, raw, sender, reason) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { handlers, route } = routerWith();
      expect(await route(raw, sender)).toEqual({ ok: false, error: expect.stringMatching(reason) });
      expect(handlers.detections).not.toHaveBeenCalled();
      expect(handlers['render-templates']).not.toHaveBeenCalled();
      warn.mockRestore();
    });

    it('takes a Gmail fallback reading from Gmail, outline and all', async () => {
      const { handlers, route } = routerWith();
      expect(await route({ type: 'detections', url: fromGmail.url, contacts: [], reader: fallback }, fromGmail)).toEqual({ ok: true, stored: 0 });
      expect(handlers.detections).toHaveBeenCalledWith(expect.objectContaining({ reader: fallback }), expect.anything());
    });

    it('takes a Gmail thread from Gmail', async () => {
      const { handlers, route } = routerWith();
      expect(await route({ type: 'detections', url: fromGmail.url, contacts: [], context: thread }, fromGmail)).toEqual({ ok: true, stored: 0 });
      expect(handlers.detections).toHaveBeenCalledTimes(1);
    });
  });
});
