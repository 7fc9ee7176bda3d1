import { runDetection } from '@/lib/content/run-detection';
import { PROFILES_ENGINE } from '@/lib/detect/engines/profiles';
import { PROFILE_MATCHES } from '@/lib/detect/hosts';

/** LinkedIn and GitHub profile pages: the profile's owner. */
export default defineContentScript({
  matches: PROFILE_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => runDetection(ctx, PROFILES_ENGINE),
});
