import { decodeSegment, isHttps, toUrl } from '../site-support/url-parts';
import type { Site } from './site';

/** Outlook on the web's hosts, as content-script match patterns. */
const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
];

/**
 * Outlook on the web, work (outlook.office.com, outlook.office365.com, outlook.cloud.microsoft)
 * and personal (outlook.live.com), mail module only (not calendar or people).
 * Test URLs: https://outlook.office.com/mail/inbox, https://outlook.live.com/mail/0/inbox/id/AQQk…
 */
export function isOutlookMail(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && OUTLOOK_MATCHES.includes(`https://${url.hostname}/*`) && /^\/mail(\/|$)/.test(url.pathname);
}

/**
 * The item or conversation id of the message open in the reading pane, from OWA's routes
 * `/mail/[n/]<folder…>/id/<id>` and `/mail/[n/]deeplink/read/<id>`; undefined elsewhere.
 */
export function outlookItemId(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || !isOutlookMail(url)) return undefined;
  const match = /\/(?:id|deeplink\/read)\/([^/?#]+)/.exec(url.pathname);
  const id = match?.[1] ? decodeSegment(match[1]) : undefined;
  return id || url.searchParams.get('ItemID') || undefined;
}

/**
 * Outlook on the web: the message or conversation in the reading pane (sender, recipients with
 * their roles, subject, a conversation id, dates); the reading is outlook.dom.ts.
 * Test URLs: https://outlook.office.com/mail/inbox/id/AAQkAGI2… (a conversation),
 * https://outlook.live.com/mail/0/deeplink/read/AQMkADAw… (one message).
 */
export const outlook = {
  name: 'outlook',
  label: 'Outlook',
  kind: 'email-thread',
  engine: 'outlook',
  matches: OUTLOOK_MATCHES,
  isPage: isOutlookMail,
  fixtures: ['outlook-conversation.html', 'outlook-live-read.html', 'outlook-reading-pane.html', 'outlook-new.html'],
} as const satisfies Site;
