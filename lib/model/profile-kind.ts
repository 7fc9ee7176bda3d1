/**
 * A profile link's kind by its host, shared by the detectors, the importers and the sync server's
 * address book (issue 20), so a link reads the same wherever it enters. Pure: no I/O.
 */

export function isLinkedInHost(hostname: string): boolean {
  return hostname === 'linkedin.com' || hostname.endsWith('.linkedin.com');
}

function toUrl(input: URL | string): URL | undefined {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}

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
