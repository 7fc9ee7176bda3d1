import type { ReactNode } from 'react';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** The href when it is http(s), mailto or tel; null for anything else (javascript:, data:, …). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : null;
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
