import { isLinkedInHost } from '../sites/linkedin';
import { toUrl } from './url-parts';

/** A short kind for a profile link, by its host: the label the side panel shows beside it. */
export function profileKindFor(input: URL | string): string {
  const url = toUrl(input);
  const host = url?.hostname.replace(/^www\./, '') ?? '';
  if (isLinkedInHost(host)) return 'linkedin';
  if (host === 'github.com') return 'github';
  if (host === 'twitter.com' || host === 'x.com') return 'x';
  if (host === 'bsky.app') return 'bluesky';
  if (host === 'instagram.com') return 'instagram';
  if (host === 'youtube.com') return 'youtube';
  if (host === 'facebook.com') return 'facebook';
  return 'website';
}
