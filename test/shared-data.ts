import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shared conformance material and datasets live: one setting, SHARED_DIR,
 * default `../shared` beside the repository. A clone elsewhere has no such folder; there the
 * tests that need it skip with a message naming the missing set. Under CI=true a missing set is
 * a failure, so CI always runs them.
 */
export const SHARED_DIR = resolve(process.env.SHARED_DIR ?? fileURLToPath(new URL('../../shared', import.meta.url)));

export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DIR, ...parts);
}

/** Returns the path when the set exists; otherwise null (skip) or throws under CI. */
export function requireSharedSet(...parts: string[]): string | null {
  const path = sharedPath(...parts);
  if (existsSync(path)) return path;
  const message = `shared data set missing: ${path} (set SHARED_DIR to the folder holding it)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipping: ${message}`);
  return null;
}
