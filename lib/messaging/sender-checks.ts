import { SITES } from '../detect/sites';
import { toUrl } from '../detect/site-support/url-parts';
import { extensionPagePath } from './extension-page';
import type { Message } from './protocol';

/** Who sent a message, as the browser says (never as the message says). */
export interface MessageSender {
  /** The tab of a content script; absent for the extension's own pages. */
  tabId?: number;
  /** True for the extension's own pages (side panel, options), false for content scripts. */
  fromExtensionPage: boolean;
  /** The sending frame's URL (`sender.url`). */
  url?: string;
  /** The sending frame (`sender.frameId`): 0 is the tab's top frame. */
  frameId?: number;
}

const webmailReaders = SITES.filter((site) => site.kind === 'email-thread');

/**
 * Why a content script's message does not fit the page that sent it, or undefined when it does.
 * A content script relays a hostile page, so what it claims is checked against what the browser
 * says of the sender: reports come from the top frame about the sender's own page, a site's
 * context (an email thread, a profile) or fallback reading only from a page of that site, and templates are rendered
 * only for webmail pages.
 */
export function contentSenderProblem(message: Message, sender: MessageSender): string | undefined {
  const page = toUrl(sender.url ?? '');
  if (!page) return 'the sender has no page address';
  if (sender.frameId !== undefined && sender.frameId !== 0) return 'only a tab’s top frame reports';
  if (message.type === 'render-templates') {
    return webmailReaders.some((site) => site.isPage(page)) ? undefined : `templates are rendered for webmail pages only, not ${page.origin}`;
  }
  if (message.type !== 'detections') return undefined;
  const claimed = toUrl(message.url);
  if (!claimed || claimed.origin !== page.origin) return `a report about ${claimed?.origin ?? 'no page'} from ${page.origin}`;
  // A fallback reading claims a site's page changed: the panel names that site, so only its pages may say so.
  const reader = message.reader && SITES.find((candidate) => candidate.name === message.reader?.site);
  if (message.reader && !reader?.isPage(page)) return `a ${message.reader.site} reading from ${page.origin}, which is not ${reader?.label ?? message.reader.site}`;
  const context = message.context;
  if (!context) return undefined;
  const site = SITES.find((candidate) => candidate.name === context.site);
  if (!site?.isPage(page)) return `a ${context.site} ${context.kind} from ${page.origin}, which is not ${site?.label ?? context.site}`;
  if (context.kind !== 'profile' && toUrl(context.url)?.origin !== page.origin) {
    return context.kind === 'event' ? 'an event of another page' : 'an email thread of another page';
  }
  return undefined;
}

/** The bundled sample page's path inside the extension (entrypoints/sample). */
export const SAMPLE_PAGE_PATH = '/sample.html';

/**
 * Why a sample-page report does not come from the sample page in a tab, or undefined when it
 * does. The router already keeps it to the extension's own pages; this keeps any other of them
 * (the panel, options) from filling a tab's "On this page" with made-up people.
 */
export function samplePageProblem(sender: MessageSender, extensionOrigin: string): string | undefined {
  if (sender.tabId === undefined) return 'the sample page reports only from a tab';
  if (extensionPagePath(sender.url, extensionOrigin) !== SAMPLE_PAGE_PATH) return 'only the sample page reports its people this way';
  if (sender.frameId !== undefined && sender.frameId !== 0) return 'only a tab’s top frame reports';
  return undefined;
}
