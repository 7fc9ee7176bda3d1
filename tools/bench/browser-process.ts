/**
 * The benchmarked browser as Linux sees it: its processes' memory and CPU time, read from `ps`
 * and /proc. Used to report peak memory and to wait until the browser is idle before timing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The browser's main process: Chromium's profile lock names it ("host-pid"); 0 when unknown. */
export function browserPidOf(userDataDir: string): number {
  try {
    return Number(readlinkSync(join(userDataDir, 'SingletonLock')).split('-').pop()) || 0;
  } catch {
    return 0;
  }
}

/** A process and all its descendants. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
    const [pid, ppid] = entry.trim().split(/\s+/).map(Number) as [number, number];
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Total resident memory of a process and all its descendants, in bytes. */
export function treeRss(rootPid: number): number {
  const pids = new Set(processTree(rootPid));
  let total = 0;
  for (const line of execFileSync('ps', ['-e', '-o', 'pid=,rss='], { encoding: 'utf8' }).trim().split('\n')) {
    const [pid, rss] = line.trim().split(/\s+/).map(Number) as [number, number];
    if (pids.has(pid)) total += rss * 1024;
  }
  return total;
}

/**
 * Resident memory of the browser's extension process, in bytes (0 when not found): Chromium runs
 * an extension's service worker and its pages (the side panel) in one renderer process, marked
 * `--extension-process`, so this is what the two hold together.
 */
export function extensionProcessRss(rootPid: number): number {
  for (const pid of processTree(rootPid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process')) continue;
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(rss ?? 0) * 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return 0;
}

/** CPU time used so far by a process and all its descendants, in clock ticks (user + system). */
function treeCpuTicks(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks;
}

/**
 * Waits until the browser has used under 5% of one core for three seconds running, at most
 * `maxMs`; resolves with the ms waited. After a bulk write, Chromium's IndexedDB (LevelDB) keeps
 * compacting for a while, and timings taken meanwhile measure that, not the code.
 */
export async function waitForQuietBrowser(rootPid: number, maxMs = 180_000): Promise<number> {
  const started = performance.now();
  if (!rootPid) return 0;
  let quietSeconds = 0;
  let before = treeCpuTicks(rootPid);
  while (quietSeconds < 3 && performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = treeCpuTicks(rootPid);
    quietSeconds = now - before < 5 ? quietSeconds + 1 : 0; // 100 ticks a second is one core
    before = now;
  }
  return Math.round(performance.now() - started);
}
