/**
 * A bench's in-page code (an entry file beside it) bundled by esbuild into one script that
 * defines `globalThis[globalName]`, to hand to a real browser page: the detection, import/export
 * and tasks benches each ran the same build with their own entry.
 */
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
