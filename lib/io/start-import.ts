/**
 * The Options page's import: in the import's worker when the page can start one, else on the
 * page (./import-client.ts). Apart from the client so that what bundles the client without Vite
 * (the import bench, with esbuild) need not resolve the `?worker` import.
 */
import type { CrmDatabase } from '../db';
import { inPageImportClient, workerImportClient, type ImportClient } from './import-client';
// Vite bundles the worker script with its imports and gives a constructor for it. (Not
// `new Worker(new URL(…, import.meta.url))`: WXT defines import.meta.url as the page's address,
// which hides that form from Vite.)
import ImportWorkerScript from './import-worker?worker';

export function importClient(db: () => CrmDatabase): ImportClient {
  if (typeof Worker !== 'function') return inPageImportClient(db);
  return workerImportClient(() => new ImportWorkerScript({ name: 'import' }));
}
