import type { PageContextInput } from '../../model/detected';
import { Participants, personName, type MailRole } from '../site-support/mail-participants';
import { emailsIn, textOf } from '../site-support/page-text';
import { mailAdapter, mailReading, type MailReading, type MailShortfall } from '../site-support/mail-fallback';
import { signedIn } from '../site-support/signed-in-user';
import { parseWebmailDate } from '../site-support/webmail-dates';
import { outlook, outlookItemId } from './outlook';

/*
 * Outlook on the web hashes its class names per build, so this reads only what it keeps stable:
 * OWA's element ids (`#ConversationReadingPaneContainer`, `#ItemReadingPaneContainer`,
 * `…_SUBJECT`, `…_DATETIME`), test ids (`RecipientWell`, `SentReceivedSavedTime`), the live
 * persona card targets (`[data-lpc-hover-target-id]`, whose text is "Name<address>" when OWA
 * shows the address) and ARIA ("Email message", "To: …", "Cc: …"). People shown by name only
 * (OWA does that for you and, in work accounts, for colleagues) have no address to key them by
 * and are left out. The new Outlook (outlook.cloud.microsoft, also served on the older hosts)
 * may drop the reading pane's ids: its ARIA region "Reading Pane", else the conversation's
 * `[data-app-section=ConversationContainer]`, stands in for them.
 */

const CC_LABEL = /^(?:b?cc|cci|cco|ccn|kopie|blindkopie|copie|copia)\b/i;
const PERSON = '[data-lpc-hover-target-id], span[title*="@"]';

/** The signed-in user's display name, which OWA shows instead of their address. */
function accountNameOf(root: ParentNode): string | undefined {
  // The new Outlook's account button has no id; its label may add the address in brackets.
  const button = root.querySelector('#O365_MainLink_Me') ?? root.querySelector('button[aria-label^="Account manager for"]');
  const label = button?.getAttribute('aria-label') ?? '';
  const name = textOf(root.querySelector('#mectrl_currentAccount_primary')) || /^Account manager for ([^(<]+)/.exec(label)?.[1];
  return name && !name.includes('@') ? name.trim() : undefined;
}

/** The mailbox shown: page title, the account manager, else the folder tree's one address. */
function accountOf(root: ParentNode): string | undefined {
  const candidates = [
    textOf(root.querySelector('title')),
    textOf(root.querySelector('#mectrl_currentAccount_secondary')),
    root.querySelector('#O365_MainLink_Me')?.getAttribute('aria-label'),
    root.querySelector('button[aria-label^="Account manager"]')?.getAttribute('aria-label'),
  ];
  for (const candidate of candidates) {
    const email = emailsIn(candidate).at(-1);
    if (email) return email;
  }
  // outlook.live.com names the mailbox only at the root of the folder tree; with several
  // mailboxes there, which one is shown is unknown, so none is trusted.
  const inTree = new Set<string>();
  for (const item of root.querySelectorAll('[role="tree"] [role="treeitem"][title*="@"]')) {
    for (const email of emailsIn(item.getAttribute('title'))) inTree.add(email);
  }
  return inTree.size === 1 ? [...inTree][0] : undefined;
}

const DATE = '[data-testid="SentReceivedSavedTime"]';

function readingPane(root: ParentNode): Element | null {
  return (
    root.querySelector('#ConversationReadingPaneContainer') ??
    root.querySelector('#ItemReadingPaneContainer') ??
    root.querySelector('#ReadingPaneContainerId') ??
    root.querySelector('[role="region"][aria-label="Reading Pane"], [role="main"][aria-label="Reading Pane"]') ??
    root.querySelector('[data-app-section="ConversationContainer"]')?.parentElement ??
    null
  );
}

/** The conversation or item open: the URL's id, else the selected list row's conversation id. */
function threadIdOf(root: ParentNode, url: URL): string | undefined {
  const fromUrl = outlookItemId(url);
  if (fromUrl) return fromUrl;
  const selected = root.querySelector('[data-convid][aria-selected="true"]')?.getAttribute('data-convid');
  if (selected) return selected;
  const ids = new Set([...root.querySelectorAll('[data-convid]')].map((row) => row.getAttribute('data-convid') || ''));
  ids.delete('');
  return ids.size === 1 ? [...ids][0] : undefined;
}

/**
 * The messages shown: OWA labels each "Email message" (in English). A localized OWA is split
 * by its dated headers instead: each message is the largest element around one date alone.
 */
function messageElements(pane: Element): Element[] {
  const labelled = [...pane.querySelectorAll('[aria-label="Email message"]')];
  if (labelled.length > 0) return labelled;
  const dates = [...pane.querySelectorAll(DATE)];
  if (dates.length <= 1) return [pane];
  return dates.map((date) => {
    let message = date;
    while (message.parentElement && message.parentElement !== pane && message.parentElement.querySelectorAll(DATE).length === 1) {
      message = message.parentElement;
    }
    return message;
  });
}

function subjectOf(pane: Element): string {
  const element =
    pane.querySelector('[id$="_SUBJECT"]') ??
    [...pane.querySelectorAll('[role="heading"]')].find((heading) => !heading.closest('[aria-label="Email message"]'));
  return (element?.getAttribute('title') || textOf(element)).slice(0, 1000);
}

/** "To:", "Cc:" of a recipient well: its row's ARIA label, else the visible label beside it. */
function recipientRole(well: Element): MailRole {
  const aria = well.closest('[aria-label]')?.getAttribute('aria-label') ?? '';
  const label = /^[^:]{1,20}:/.test(aria) ? aria : textOf(well.parentElement?.querySelector('label'));
  return CC_LABEL.test(label.trim()) ? 'cc' : 'to';
}

interface Account {
  email?: string;
  name?: string;
}

/**
 * "Grace Hopper<grace@cobol.dev>" (or an ARIA label/title with the address) → address, name.
 * OWA shows the signed-in user by name alone: that name stands for the account's address.
 */
function personOf(element: Element, account: Account): { email: string; name?: string } | undefined {
  const text = textOf(element);
  const email =
    emailsIn(text)[0] ??
    emailsIn(element.getAttribute('aria-label'))[0] ??
    emailsIn(element.getAttribute('title'))[0] ??
    (account.email && account.name && text === account.name ? account.email : undefined);
  if (!email) return undefined;
  const shown = text.split('<')[0]!.replace(/[;,]\s*$/, '');
  const name = personName(shown, email) ?? personName(element.getAttribute('aria-label')?.replace(/^\w+:\s*/, ''), email);
  return name ? { email, name } : { email };
}

interface PaneMessage {
  from?: string;
  to: string[];
  cc: string[];
  date?: number;
}

function readMessage(message: Element, people: Participants, account: Account, monthFirst?: boolean): PaneMessage {
  const read: PaneMessage = { to: [], cc: [] };
  const dateElement = message.querySelector(DATE) ?? message.querySelector('[id$="_DATETIME"]');
  const date =
    parseWebmailDate(dateElement?.getAttribute('title'), { monthFirst }) ??
    parseWebmailDate(textOf(dateElement), { monthFirst });
  if (date !== undefined) read.date = date;

  for (const element of message.querySelectorAll(PERSON)) {
    if (element.closest('[role="document"], #UniqueMessageBody')) continue;
    const person = personOf(element, account);
    if (!person) continue;
    const well = element.closest('[data-testid="RecipientWell"]');
    if (!well) {
      // The header names one sender; other names outside the wells (reactions, "on behalf of") are not.
      if (read.from && read.from !== person.email) continue;
      read.from = person.email;
      people.add(person.email, person.name, 'from', element);
      continue;
    }
    const role = recipientRole(well);
    const list = role === 'cc' ? read.cc : read.to;
    if (!list.includes(person.email)) list.push(person.email);
    people.add(person.email, person.name, role, element);
  }
  return read;
}

/**
 * OWA shows no message id in the reading pane: the conversation id and the message's date (its
 * place when undated, or when another message shows the same minute) stand in for one.
 */
function messageId(threadId: string, message: PaneMessage, index: number, all: PaneMessage[]): string {
  const sameMinute = message.date !== undefined && all.some((other, at) => at !== index && other.date === message.date);
  const key = message.date === undefined || sameMinute ? `#${index + 1}` : String(message.date);
  return `${threadId.slice(0, 400)}:${key}`;
}

function readOutlook(root: ParentNode, url: URL): MailReading {
  const account = accountOf(root);
  const signedInUser = signedIn([account]);
  const people = new Participants(outlook.name);
  const pane = readingPane(root);
  if (!pane) {
    const shortfall = outlookShortfall({ open: outlookItemId(url) !== undefined, subject: '', participants: 0 });
    return mailReading([], { signedInUser, shortfall });
  }

  const lang = root.querySelector('html')?.getAttribute('lang') ?? '';
  const monthFirst = /^en-us$/i.test(lang) ? true : lang ? false : undefined;
  const accountName = accountNameOf(root);
  const messages = messageElements(pane).map((element) =>
    readMessage(element, people, { email: account, name: accountName }, monthFirst),
  );

  const threadId = threadIdOf(root, url);
  const subject = subjectOf(pane);
  let context: PageContextInput | undefined;
  if (threadId && messages.length > 0) {
    context = {
      kind: 'email-thread',
      site: outlook.name,
      threadId: threadId.slice(0, 500),
      subject,
      url: url.href,
      ...(account ? { account } : {}),
      messages: messages.slice(0, 200).map((message, index) => ({
        id: messageId(threadId, message, index, messages),
        ...(message.from ? { from: message.from } : {}),
        to: message.to,
        cc: message.cc,
        ...(message.date !== undefined ? { date: message.date } : {}),
      })),
    };
  }
  const shortfall = outlookShortfall({ open: true, subject, participants: people.list().length });
  return mailReading(people.list(account ? [account] : []), { context, signedInUser, shortfall });
}

/** What the reading of an Outlook page found, against what a page of its kind must yield. */
interface OutlookYield {
  /** A message or conversation is open: the URL names one, or a reading pane shows. */
  open: boolean;
  subject: string;
  /** Its people with an address, the mailbox included. */
  participants: number;
}

/**
 * What an Outlook page must yield: an open message or conversation, its subject and a participant.
 * The message list alone promises nothing (OWA often shows names without addresses there).
 */
export function outlookShortfall(page: OutlookYield): MailShortfall | undefined {
  if (!page.open) return undefined;
  if (!page.subject) return { missing: 'the open message’s subject' };
  return page.participants > 0 ? undefined : { missing: 'the open message’s participants' };
}

/** Reads Outlook on the web (see outlook.ts). The signed-in mailbox is reported, never proposed. */
export const outlookAdapter = mailAdapter(outlook, readOutlook);
