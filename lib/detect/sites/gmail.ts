import { isHttps, toUrl } from '../site-support/url-parts';
import type { Site } from './site';

/**
 * Gmail's web app: https://mail.google.com/mail/u/0/#inbox (any account index, any view).
 * Test URLs: https://mail.google.com/mail/u/0/#inbox, https://mail.google.com/mail/u/1/#sent/FMfcgz…
 */
export function isGmail(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && url.hostname === 'mail.google.com' && /^\/mail(\/|$)/.test(url.pathname);
}

/**
 * An open thread's hash: a list view (folder, label, category or search), then the thread key.
 * A literal, not one built at load: content scripts that import only the declaration drop it.
 */
const GMAIL_THREAD_HASH =
  /^#(?:inbox|starred|snoozed|sent|drafts|imp|all|spam|trash|scheduled|chats|category\/\w+|label\/[^/]+|search\/[^/]+|advanced-search\/[^/]+)\/([A-Za-z0-9]{16,})$/;

/**
 * The thread key in an open thread's URL (`#inbox/FMfcgzQXJ…`), or undefined on list views,
 * settings and compose-only URLs. It is Gmail's URL key, not the API thread id the DOM carries.
 */
export function gmailThreadKey(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isGmail(url)) return undefined;
  return GMAIL_THREAD_HASH.exec(url.hash)?.[1];
}

export function isGmailThread(input: URL | string): boolean {
  return gmailThreadKey(input) !== undefined;
}

/**
 * Gmail: the open thread (subject, thread id, every participant with role and date) and the
 * recipients of open compose windows; the reading is gmail.dom.ts.
 * Test URLs: https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN (a thread),
 * https://mail.google.com/mail/u/0/#inbox?compose=new (a compose window).
 */
export const gmail = {
  name: 'gmail',
  label: 'Gmail',
  kind: 'email-thread',
  engine: 'gmail',
  matches: ['https://mail.google.com/*'],
  isPage: isGmail,
  fixtures: ['gmail-thread.html', 'gmail-compose.html', 'gmail-inbox.html', 'gmail-thread-no-ids.html', 'gmail-thread-renamed.html'],
} as const satisfies Site;
