/**
 * "Not people": what no detector may report as a person, whatever markup it came from. Pure
 * string rules plus one DOM question (is this element example code?); detectors call them on
 * every address, profile link and element they read.
 */
import { looksLikeEmail } from './field-values';

/**
 * RFC 2606 / RFC 6761 names: documentation and test domains no real person is reached at, by
 * address or by profile link.
 */
const RESERVED_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|localhost)$|\.(?:example|test|invalid)$/;

export function isReservedHost(host: string): boolean {
  return RESERVED_HOST.test(host.toLowerCase().replace(/\.$/, ''));
}

/**
 * "TLDs" that are really file extensions: `logo@2x.png`, `icon@3x.webp`, `bundle@1.2.min.js`.
 * Only extensions that are not real top-level domains (.zip, .mov and .md are, so they stay).
 */
const FILE_EXTENSIONS = new Set(
  // One string, split: fewer bytes in every content script than an array of fifty literals.
  ('png jpg jpeg gif svg webp avif ico bmp tif tiff heic js mjs cjs jsx ts tsx css scss sass less map json xml ' +
    'html htm php asp aspx jsp woff woff2 ttf otf eot mp3 mp4 m4a wav ogg webm wasm pdf txt').split(' '),
);

/**
 * Local parts no person reads: no-reply senders, mailer daemons, postmasters, bounce (VERP)
 * addresses, `git@` (an SSH remote, as in `git@github.com:org/repo`), and tracking or
 * error-reporting ids (`9f3c…e1@sentry.io`). One expression: this runs for every address.
 */
const MACHINE_LOCAL_PART =
  /(?:^|[-_.+])(?:no|do[-_.]?not|dont)[-_.]?reply(?:$|[-_.+\d])|^(?:mailer[-_.]?daemon|postmaster)(?:$|\+)|^bounces?(?:$|[-_.+])|[-_.]bounces?(?:$|\+)|^git$|^[0-9a-f]{24,}$/;
/**
 * `users.noreply.github.com`, `bounces.mail.service.com`: the whole domain sends, no one reads.
 * Only as a subdomain: `bounce.io` is somebody's company.
 */
const MACHINE_DOMAIN = /(?:^|\.)(?:no-?reply|bounces?)\.[^.]+\.[^.]+/;

/**
 * Whether an address may be reported as a person's: it parses, its domain is not reserved for
 * examples, no robot sends from it, and it is not an asset name or an SSH remote that only looks
 * like an address (`logo@2x.png`, `git@github.com:org/repo`).
 */
export function isUsableEmail(address: string): boolean {
  if (!looksLikeEmail(address)) return false;
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  const domain = lower.slice(at + 1);
  return (
    !RESERVED_HOST.test(domain) &&
    !FILE_EXTENSIONS.has(domain.slice(domain.lastIndexOf('.') + 1)) &&
    !MACHINE_LOCAL_PART.test(lower.slice(0, at)) &&
    !MACHINE_DOMAIN.test(domain)
  );
}

/**
 * Text and links inside `<code>` or `<pre>` are examples and logs (`git@github.com:…`,
 * `user@host` in a shell prompt), not people on the page.
 */
export function isInsideCode(element: Element): boolean {
  // Two simple selectors cost the engine less than one selector list.
  return element.closest('code') !== null || element.closest('pre') !== null;
}
