/**
 * `npm run bench`: the performance figures, as one JSON document on stdout. Each timing is a
 * ratio against a baseline measured in the same run (plus the absolute value for context), so
 * figures from different machines compare. See README's performance table.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchDetection } from './bench/detection';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function main(): Promise<void> {
  log('building the Chrome extension…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const contentScriptBytes = statSync(`${repoRoot}/.output/chrome-mv3/content-scripts/page.js`).size;

  log('timing detection on a generated 10,000-element page in Chromium…');
  const detection = await benchDetection();

  const figures = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    contentScript: { bytes: contentScriptBytes, limitBytes: 40 * 1024 },
    detection,
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
