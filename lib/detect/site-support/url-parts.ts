/**
 * Reading URLs without throwing, for the sites' URL matchers (after refined-github's
 * github-url-detection): anything unparseable answers undefined, never an exception.
 */

export function toUrl(input: URL | string): URL | undefined {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}

export function isHttps(url: URL): boolean {
  return url.protocol === 'https:';
}

export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
