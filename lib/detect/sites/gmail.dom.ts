import type { PageContextInput } from '../../model/detected';
import { Participants, personName, type MailRole } from '../site-support/mail-participants';
import { asEmail, emailsIn, textOf } from '../site-support/page-text';
import { mailAdapter, mailReading, type MailReading, type MailShortfall } from '../site-support/mail-fallback';
import { signedIn } from '../site-support/signed-in-user';
import { parseWebmailDate } from '../site-support/webmail-dates';
import { gmail, gmailThreadKey } from './gmail';

/*
 * Gmail marks every person in a message header with `email` and `name` attributes:
 * `span.gD` is the sender, `span.g2` a recipient (in the "to me, Bob" summary `span.hb`, and in
 * the details table, whose row labels say "to:", "cc:", "bcc:"). The open thread's subject is
 * `h2.hP`, carrying the thread ids; each message element carries `data-message-id` (and, once
 * synced, `data-legacy-message-id`, the API id); `span.g3[title]` holds the full date. Compose
 * recipients are chips `[role=option][data-hovercard-id]` under `.anm[name=to|cc|bcc]`.
 * A message is found by more than one anchor: the element carrying its id, else Gmail's message
 * box (`.adn`, the thread's `[role=listitem]`) holding a `.gD[email]` sender (messages lacking
 * the id still give their people). The message list (no thread open, or beside it) has rows
 * `tr.zA` (`[role=row]` in the main grid) naming their senders `span[email][name]`.
 */

const MESSAGE_ID = '[data-message-id], [data-legacy-message-id]';
const MESSAGE_BOX = '.adn, [role="listitem"]';
const LIST_ROW = 'tr.zA, [role="main"] [role="grid"] [role="row"]';
/** A view Gmail keeps in the page but hides (another folder's list). */
const HIDDEN = '[style*="display: none"], [style*="display:none"], [hidden], [aria-hidden="true"]';
const MAX_ROWS = 100;
/** A compose recipient chip under a field named to/cc/bcc, whatever the field's class. */
const COMPOSE_FIELD_CHIP = ['to', 'cc', 'bcc'].map((field) => `[role="dialog"] [name="${field}"] [role="option"][data-hovercard-id]`).join(', ');

/** "cc:", "bcc:", and their usual translations (cci, cco, ccn, Kopie, Blindkopie, copie). */
const CC_LABEL = /^(?:b?cc|cci|cco|ccn|kopie|blindkopie|copie|copia)\s*:?$/i;

/** The signed-in account: the page title ("Inbox (3) - ada@lovelace.io - Gmail"), else the account button. */
function accountOf(root: ParentNode): string | undefined {
  const title = textOf(root.querySelector('title'));
  const fromTitle = title
    .split(' - ')
    .map((part) => asEmail(part))
    .filter((email): email is string => !!email)
    .pop();
  if (fromTitle) return fromTitle;
  const button = root.querySelector('a[aria-label^="Google Account"], [aria-label^="Google Account"]');
  return emailsIn(button?.getAttribute('aria-label')).at(-1);
}

/** Header elements only: the message body is the sender's HTML, not Gmail's markup. */
function inBody(element: Element): boolean {
  return element.closest('.a3s, .ii') !== null;
}

/** A recipient's role: cc (or bcc) when its details-table row says so, else to. */
function recipientRole(element: Element): MailRole {
  const row = element.closest('tr');
  const label = row ? (row.querySelector('td.gG') ?? row.querySelector('td')) : null;
  return label && !label.contains(element) && CC_LABEL.test(textOf(label)) ? 'cc' : 'to';
}

interface ThreadMessage {
  id?: string;
  from?: string;
  to: string[];
  cc: string[];
  date?: number;
}

function readMessage(element: Element, people: Participants): ThreadMessage {
  const message: ThreadMessage = { to: [], cc: [] };
  const id = element.getAttribute('data-legacy-message-id') || element.getAttribute('data-message-id')?.replace(/^#/, '');
  if (id) message.id = id.slice(0, 500);
  const dateElement = element.querySelector('.g3');
  const date = parseWebmailDate(dateElement?.getAttribute('title')) ?? parseWebmailDate(dateElement?.getAttribute('alt'));
  if (date !== undefined) message.date = date;

  const roles = new Map<string, MailRole>();
  const order: [string, Element][] = [];
  for (const person of element.querySelectorAll('[email]')) {
    if (inBody(person)) continue;
    const email = asEmail(person.getAttribute('email'));
    if (!email) continue;
    const sender = person.classList.contains('gD') || person.closest('.gF') !== null;
    const role: MailRole = sender ? 'from' : recipientRole(person);
    // One role per address in a message: the sender's, else the details table's cc over the
    // summary line's default to.
    const known = roles.get(email);
    if (!known || (known === 'to' && role === 'cc') || role === 'from') roles.set(email, role);
    order.push([email, person]);
  }
  for (const [email, person] of order) {
    const role = roles.get(email)!;
    const name = personName(person.getAttribute('name'), email) ?? personName(person.getAttribute('data-name'), email);
    people.add(email, name, role, person);
    if (role === 'from') message.from ??= email;
    else if (!message[role].includes(email)) message[role].push(email);
  }
  return message;
}

/** Recipients of open compose windows (new message, reply, forward): to, and cc (bcc as cc). */
/**
 * The thread's messages in page order: each outermost element carrying a message id, and each
 * outermost message box with a sender that holds no such element (nor sits in one).
 */
function messageElements(scope: Element | ParentNode): Element[] {
  const picked: Element[] = [];
  for (const element of scope.querySelectorAll(`${MESSAGE_ID}, ${MESSAGE_BOX}`)) {
    // Picked messages are disjoint and come in page order: only the last one can hold this element.
    if (picked.at(-1)?.contains(element)) continue;
    if (element.matches(MESSAGE_ID)) {
      if (!element.parentElement?.closest(MESSAGE_ID)) picked.push(element);
    } else if (!element.parentElement?.closest(MESSAGE_ID) && !element.querySelector(MESSAGE_ID) && element.querySelector('.gD[email]')) {
      picked.push(element);
    }
  }
  return picked;
}

/** The senders of the message list's visible rows, in row order; "me" is left to the caller's exclusions. */
function readList(root: ParentNode, people: Participants): void {
  let rows = 0;
  for (const row of root.querySelectorAll(LIST_ROW)) {
    if (rows >= MAX_ROWS) break;
    if (row.closest(HIDDEN)) continue;
    rows += 1;
    for (const person of row.querySelectorAll('[email]')) {
      const email = asEmail(person.getAttribute('email'));
      if (email) people.add(email, personName(person.getAttribute('name'), email) ?? personName(textOf(person), email), 'from', person);
    }
  }
}

function readCompose(root: ParentNode, people: Participants): void {
  // The field is found by its class, else by its name alone (to, cc, bcc), should the class change.
  for (const chip of root.querySelectorAll(`.anm[name] [role="option"][data-hovercard-id], ${COMPOSE_FIELD_CHIP}`)) {
    const email = asEmail(chip.getAttribute('data-hovercard-id'));
    if (!email) continue;
    const field = chip.closest('.anm[name], [name="to"], [name="cc"], [name="bcc"]')?.getAttribute('name') ?? 'to';
    people.add(email, personName(chip.getAttribute('data-name'), email), field === 'to' ? 'to' : 'cc', chip);
  }
  // The compose recipients before Gmail's 2021 chips: `.vR` with a hidden input per address.
  for (const chip of root.querySelectorAll('.vR')) {
    const input = chip.querySelector('input[type="hidden"][name]');
    const person = chip.querySelector('[email]');
    const email = asEmail(person?.getAttribute('email')) ?? emailsIn(input?.getAttribute('value')).at(0);
    if (!email) continue;
    const field = input?.getAttribute('name') ?? 'to';
    const name = personName(textOf(chip.querySelector('.vT')) || person?.getAttribute('name'), email);
    people.add(email, name, field === 'to' ? 'to' : 'cc', person ?? chip);
  }
}

function readGmail(root: ParentNode, url: URL): MailReading {
  const account = accountOf(root);
  const me = [...root.querySelectorAll('[email][name="me"], [email][data-name="me"]')]
    .map((element) => asEmail(element.getAttribute('email')))
    .filter((email): email is string => !!email);
  const people = new Participants(gmail.name);

  const subject = root.querySelector('h2.hP[data-legacy-thread-id], h2.hP[data-thread-perm-id], h2.hP');
  const scope = subject?.closest('[role="main"]') ?? (subject ? root : undefined);
  const messages = scope ? messageElements(scope).map((element) => readMessage(element, people)) : [];
  readCompose(root, people);
  // The open thread's people first; the list's senders after them, each in their thread role.
  const senders = new Participants(gmail.name);
  readList(root, senders);

  const threadId =
    subject?.getAttribute('data-legacy-thread-id') ||
    subject?.getAttribute('data-thread-perm-id')?.replace(/^#/, '') ||
    (subject ? gmailThreadKey(url) : undefined);
  const accountEmail = account ?? me[0];
  let context: PageContextInput | undefined;
  if (subject && threadId) {
    context = {
      kind: 'email-thread',
      site: gmail.name,
      threadId: threadId.slice(0, 500),
      subject: textOf(subject).slice(0, 1000),
      url: url.href,
      ...(accountEmail ? { account: accountEmail } : {}),
      messages: messages
        .filter((message) => message.id)
        .slice(0, 200)
        .map((message) => ({
          id: message.id!,
          ...(message.from ? { from: message.from } : {}),
          to: message.to,
          cc: message.cc,
          ...(message.date !== undefined ? { date: message.date } : {}),
        })),
    };
  }
  const excluded = [account, ...me].filter((email): email is string => !!email);
  const signedInUser = signedIn(excluded);
  const inThread = people.list();
  const listed = senders.list([...excluded, ...inThread.flatMap((person) => person.emails ?? [])]);
  const shortfall = gmailShortfall({
    thread: !!subject || gmailThreadKey(url) !== undefined,
    subject: subject ? textOf(subject) : '',
    participants: inThread.length,
    senders: listed.length,
  });
  return mailReading([...people.list(excluded), ...listed], { context, signedInUser, shortfall });
}

/** What the reading of a Gmail page found, against what a page of its kind must yield. */
interface GmailYield {
  thread: boolean;
  subject: string;
  /** The open thread's people (and open compose windows'), the account included. */
  participants: number;
  senders: number;
}

/**
 * What a Gmail page must yield: an open thread, its subject and a participant; a message list,
 * a sender (said only when the fallback finds someone: an empty folder is no changed page).
 */
export function gmailShortfall(page: GmailYield): MailShortfall | undefined {
  if (page.thread) {
    if (!page.subject) return { missing: 'the open thread’s subject' };
    return page.participants > 0 ? undefined : { missing: 'the open thread’s participants' };
  }
  // Compose windows open over a list count as what the page yields.
  return page.senders + page.participants > 0 ? undefined : { missing: 'the senders of the message list', ifFound: true };
}

/** Reads Gmail's pages (see gmail.ts). The signed-in account is reported, never proposed. */
export const gmailAdapter = mailAdapter(gmail, readGmail);
