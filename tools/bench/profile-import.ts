/**
 * Where the 10,000-row Google CSV import spends its time: one import in the bench page (unminified
 * bundle) under the Chromium CPU profiler, self time summed per function and per source file.
 * `npx tsx tools/bench/profile-import.ts [out.cpuprofile]` (run under the machine's heavy lock).
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as IoEntry from './io-entry';

type Io = typeof IoEntry;
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<void> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./io-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'sidebarCrmIo',
    platform: 'browser',
    alias: { '@': repoRoot.replace(/\/$/, '') },
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.route('https://bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>profile</title>' }));
    await page.goto('https://bench.invalid/');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.addScriptTag({ content: 'globalThis.__name = (fn) => fn;' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const phases = await page.evaluate(async () => {
      const io = (globalThis as unknown as { sidebarCrmIo: Io }).sidebarCrmIo;
      const bytes = new TextEncoder().encode(io.generateGoogleCsv(10_000));
      const db = io.openCrmDatabase('profile-import');
      await db.open();
      const t0 = performance.now();
      const parsed = await io.parseImportFile(bytes, { fileName: 'contacts.csv' });
      const t1 = performance.now();
      const plan = await io.planImport(db, parsed, { updateExisting: false });
      const t2 = performance.now();
      await io.runImport(db, plan);
      const t3 = performance.now();
      await db.delete();
      return { parse: t1 - t0, plan: t2 - t1, write: t3 - t2 };
    });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfMs = new Map<string, number>();
    profile.samples.forEach((id, index) => {
      const frame = byId.get(id)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} :${frame.lineNumber}`;
      selfMs.set(key, (selfMs.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    });
    // Stretches of busy samples (no idle sample between): where the page could not respond.
    const stretches: Array<{ ms: number; top: string }> = [];
    let busy = 0;
    let inStretch = new Map<string, number>();
    const close = () => {
      if (busy > 50) stretches.push({ ms: busy, top: [...inStretch].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ') });
      busy = 0;
      inStretch = new Map();
    };
    profile.samples.forEach((id, index) => {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)') return close();
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      busy += ms;
      const key = `${frame.functionName || '(anonymous)'}:${frame.lineNumber}`;
      inStretch.set(key, (inStretch.get(key) ?? 0) + ms);
    });
    close();
    process.stdout.write(`busy stretches over 50 ms: ${stretches.length}\n`);
    for (const stretch of stretches.sort((a, b) => b.ms - a.ms).slice(0, 12)) process.stdout.write(`${stretch.ms.toFixed(0).padStart(6)} ms  ${stretch.top}\n`);
    const top = [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 40);
    process.stdout.write(`phases (ms): ${JSON.stringify(phases)}\n`);
    for (const [name, ms] of top) process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${name}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
