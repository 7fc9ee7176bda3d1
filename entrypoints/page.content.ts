import { runDetection } from '@/lib/content/run-detection';
import { PAGE_ENGINE } from '@/lib/detect/engines/page';

/**
 * Any other page, with every open-standard detector. Not in the manifest: injected once when the
 * user asks ("Scan this page"), and registered at run time for the sites they opted into, so it
 * declares no host access of its own.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main: (ctx) => runDetection(ctx, PAGE_ENGINE),
});
