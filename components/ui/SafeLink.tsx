import type { ReactNode } from 'react';
import { isEmailAddress } from '@/lib/model';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** What a dialler takes: digits, a leading +, and the separators people write. */
const PHONE_NUMBER = /^\+?[\d\s().-]{3,40}$/;

/**
 * The href when it is http(s), or a mailto/tel of exactly one address or number; null for
 * anything else (javascript:, data:, …). A stored address may have come from anywhere (an import,
 * a restored file, another browser), so `mailto:victim@x?cc=attacker@evil&body=…`, which would
 * fill in a message for the user, is not a link.
 */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
    if (url.protocol === 'mailto:') return isEmailAddress(decodeURIComponent(raw.slice('mailto:'.length))) ? url.href : null;
    if (url.protocol === 'tel:') return PHONE_NUMBER.test(decodeURIComponent(raw.slice('tel:'.length))) ? url.href : null;
    return url.href;
  } catch {
    return null;
  }
}

/** A link to somewhere a page told us about: shown as plain text unless its scheme is safe. */
export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  const external = safe.startsWith('http');
  return (
    <a href={safe} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {children}
    </a>
  );
}
