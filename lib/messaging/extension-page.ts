/**
 * The path of one of this extension's own pages from its address ("/sidepanel.html", no query or
 * fragment), or undefined for any other address. Compared as text: URL gives extension schemes no
 * origin outside the browser ("null"). `extensionOrigin` is taken with or without its trailing
 * slash (`runtime.getURL('/')` has one), and an address must continue with "/" after it, so
 * `chrome-extension://abc` never matches `chrome-extension://abcdef/…`.
 */
export function extensionPagePath(url: string | undefined, extensionOrigin: string): string | undefined {
  const base = extensionOrigin.endsWith('/') ? extensionOrigin.slice(0, -1) : extensionOrigin;
  if (!url?.startsWith(`${base}/`)) return undefined;
  return url.slice(base.length).split(/[?#]/)[0];
}
