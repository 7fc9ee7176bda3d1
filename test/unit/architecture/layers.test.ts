/**
 * The layering rules `npm run lint` checks (.dependency-cruiser.cjs): they fail on planted
 * violations, and the real tree keeps them. Both run the depcruise command of the `lint` script
 * itself, so the test and the lint cannot drift apart.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Run {
  exitCode: number;
  stdout: string;
}

/** The depcruise arguments of `npm run lint`. */
async function lintArguments(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const command = scripts.lint?.split('&&').map((part) => part.trim()).find((part) => part.startsWith('depcruise '));
  if (!command) throw new Error('`npm run lint` no longer runs depcruise');
  return command.split(/\s+/).slice(1);
}

function depcruise(cwd: string, extra: string[] = []): Promise<Run> {
  return lintArguments().then(
    (args) =>
      new Promise((resolve, reject) => {
        execFile(DEPCRUISE, [...args, ...extra], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          // depcruise exits with the number of errors it found; anything else is a crash.
          if (error && typeof error.code !== 'number') reject(new Error(`${error.message}\n${stderr}`));
          else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout });
        });
      }),
  );
}

/** A throwaway project: the real config, tsconfigs and packages, and only the given sources. */
async function plantedProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'layers-'));
  for (const shared of ['.dependency-cruiser.cjs', 'tsconfig.json', 'tsconfig.depcruise.json', 'package.json', '.wxt', 'node_modules']) {
    await symlink(join(ROOT, shared), join(dir, shared));
  }
  for (const folder of ['lib', 'components', 'entrypoints', 'server', 'tools']) await mkdir(join(dir, folder), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('the layering rules of npm run lint', () => {
  it('fail on a planted cycle (one side type-only), lib → components through @/, and the other crossings', async () => {
    const dir = await plantedProject({
      'lib/planted/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
      'lib/planted/cycle-b.ts': "import type { a } from './cycle-a';\nexport const b = 1;\nexport type A = typeof a;\n",
      'lib/planted/uses-ui.ts': "import { widget } from '@/components/planted/widget';\nexport const usesUi = widget;\n",
      'components/planted/widget.ts': "export const widget = 'widget';\n",
      'entrypoints/background/planted.ts': "import { widget } from '@/components/planted/widget';\nexport const inWorker = widget;\n",
      'lib/nba/planted-rule.ts': "import { stored } from '../planted/storage';\nexport const rule = stored;\n",
      'lib/planted/storage.ts': "import { browser } from 'wxt/browser';\nexport const stored = () => browser.storage.local.get('x');\n",
      'lib/pipelines/planted-read.ts': "import Dexie from 'dexie';\nexport const read = Dexie.minKey;\n",
      'lib/sync/shared/planted-protocol.ts': "export const protocolVersion = 1;\n",
      'server/planted.ts':
        "import { protocolVersion } from '../lib/sync/shared/planted-protocol';\nimport { a } from '../lib/planted/cycle-a';\nexport const served = [protocolVersion, a];\n",
    });
    try {
      const { exitCode, stdout } = await depcruise(dir);
      expect(stdout).toContain('error no-cycle: lib/planted/cycle-a.ts → \n      lib/planted/cycle-b.ts →\n      lib/planted/cycle-a.ts');
      expect(stdout).toContain('error lib-not-to-ui: lib/planted/uses-ui.ts → components/planted/widget.ts');
      expect(stdout).toContain('error background-not-to-components: entrypoints/background/planted.ts → components/planted/widget.ts');
      expect(stdout).toMatch(/error pure-lib-no-browser-io: lib\/nba\/planted-rule\.ts → node_modules\/wxt\/\S+\n\s+lib\/planted\/storage\.ts →/);
      expect(stdout).toMatch(/error pure-lib-no-browser-io: lib\/pipelines\/planted-read\.ts → node_modules\/dexie\//);
      expect(stdout).toContain('error server-only-shared-lib: server/planted.ts → lib/planted/cycle-a.ts');
      // Exactly these six (a cycle is reported once): the allowed server → lib/sync/shared import
      // passes, and `@/` resolved.
      expect(stdout).not.toContain('not-to-unresolvable');
      expect(exitCode).toBe(6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('hold on the real tree', async () => {
    const { stdout } = await depcruise(ROOT, ['--output-type', 'json']);
    const { summary } = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
    expect(summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
    // Guards against a command that cruises nothing (a folder renamed away) and so finds nothing.
    expect(summary.totalCruised).toBeGreaterThan(300);
  });
});
