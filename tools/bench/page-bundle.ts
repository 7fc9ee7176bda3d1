/**
 * A bench's in-page code (an entry file beside it) bundled by esbuild into one script that
 * defines `globalThis[globalName]`, to hand to a real browser page (the detection, import/export
 * and tasks benches each ran the same build with their own entry), and the page to run it in.
 */
import { type Browser, type Page, chromium } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function bundleForPage(entryFile: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./${entryFile}`, import.meta.url))],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    // The extension's own `@/…` imports, as WXT resolves them.
    alias: { '@': repoRoot.replace(/\/$/, '') },
  });
  return result.outputFiles[0]!.text;
}

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium on a blank https page with the bundle of `entryFile` loaded as
 * `globalThis[globalName]`: what the import/export and tasks benches each set up. Close the
 * browser when done.
 */
export async function openBenchPage(entryFile: string, globalName: string, title: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // --expose-gc: a bench may collect the page's garbage before a timed stretch, so one
    // stretch's pauses are not another's leftovers.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    await page.route('https://bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>${title}</title>` }));
    await page.goto('https://bench.invalid/');
    await page.addScriptTag({ content: await bundleForPage(entryFile, globalName) });
    // tsx compiles the benches with esbuild's keepNames, which wraps functions passed to
    // page.evaluate in a `__name(...)` helper that does not exist in the page.
    await page.addScriptTag({ content: 'globalThis.__name = (fn) => fn;' });
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
