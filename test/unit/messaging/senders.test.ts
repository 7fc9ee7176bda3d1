import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendToBackground } from '@/lib/messaging/send';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('typed senders', () => {
  it('sends an extension page’s message through the same browser the rest of the extension uses, and returns the answer', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      received.push(message);
      return Promise.resolve({ ok: true });
    });
    expect(await sendToBackground({ type: 'sync-now' })).toEqual({ ok: true });
    expect(received).toEqual([{ type: 'sync-now' }]);
  });

  it('keeps content scripts free of messaging runtime code: they import the protocol as types only', () => {
    const dir = fileURLToPath(new URL('../../../lib/content/', import.meta.url));
    const sources = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => [name, readFileSync(dir + name, 'utf8')] as const);
    const senders = sources.filter(([, text]) => text.includes('.sendMessage('));
    expect(senders.map(([name]) => name).sort()).toEqual(['run-detection.ts', 'template-button.ts']);
    for (const [name, text] of sources) {
      const messagingImports = text.split('\n').filter((line) => /^import .*messaging/.test(line));
      for (const line of messagingImports) expect(line, name).toMatch(/^import type /);
      if (text.includes('.sendMessage(')) expect(text, name).toContain('(browser.runtime as ContentScriptRuntime).sendMessage(');
    }
  });
});
