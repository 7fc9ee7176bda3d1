import { runDetection } from '@/lib/content/run-detection';
import { siteMatchesOf } from '@/lib/detect/engine';
import { PROFILES_ENGINE } from '@/lib/detect/engines/profiles';

/** LinkedIn and GitHub profile pages: the profile's owner. */
export default defineContentScript({
  matches: siteMatchesOf(PROFILES_ENGINE),
  runAt: 'document_idle',
  main: (ctx) => runDetection(ctx, PROFILES_ENGINE),
});
