import { expect, type CDPSession, type Page } from '@playwright/test';

/** Evaluates `expression` in the extension's content-script world of `page` (not the page's own). */
export async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const worlds: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: { id: number; name: string; auxData?: { type?: string } } }) => worlds.push(event.context));
  await cdp.send('Runtime.enable');
  try {
    await expect.poll(() => worlds.some((world) => world.auxData?.type === 'isolated' && world.name === 'Sidebar CRM')).toBe(true);
    const world = worlds.find((candidate) => candidate.auxData?.type === 'isolated' && candidate.name === 'Sidebar CRM')!;
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}
