/**
 * The import worker as the import bench starts it: the product's own server side
 * (lib/io/import-serve.ts), over the database the worker is named after (each bench run imports
 * into a fresh one), bundled on its own and started from a Blob URL in the bench's page.
 */
import { openCrmDatabase } from '../../lib/db/database';
import type { CrmDatabase } from '../../lib/db/types';
import { serveImports, type ImportEndpoint } from '../../lib/io/import-serve';

let db: CrmDatabase | undefined;
serveImports(self as unknown as ImportEndpoint, () => (db ??= openCrmDatabase((self as unknown as { name: string }).name)));
