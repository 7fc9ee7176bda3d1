/**
 * Which browser origins may call the API. Only the extension needs CORS; a web page on another
 * origin must not be able to drive a user's token. Extension ids are random per install in
 * Firefox, so any extension origin is allowed and the bearer token does the authorising.
 */
const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function allowedOrigin(origin: string, configured: readonly string[]): string | undefined {
  if (origin === '') return undefined;
  return EXTENSION_ORIGIN.test(origin) || configured.includes(origin) ? origin : undefined;
}
