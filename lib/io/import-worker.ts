/**
 * The import's worker script: started by the options page (./import-client.ts), it parses, plans
 * and writes an import off the page's thread (./import-serve.ts).
 */
import { crmDatabase } from '../db';
import { serveImports, type ImportEndpoint } from './import-serve';

serveImports(self as unknown as ImportEndpoint, crmDatabase);
