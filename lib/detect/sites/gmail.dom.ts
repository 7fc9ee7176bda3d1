import type { PageContextInput } from '../../model/detected';
import type { SiteReading } from '../types';
import { Participants, personName, type MailRole } from '../site-support/mail-participants';
import { asEmail, emailsIn, textOf } from '../site-support/page-text';
import { siteAdapter } from '../site-support/site-adapter';
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
 */

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
function readCompose(root: ParentNode, people: Participants): void {
  for (const chip of root.querySelectorAll('.anm[name] [role="option"][data-hovercard-id]')) {
    const email = asEmail(chip.getAttribute('data-hovercard-id'));
    if (!email) continue;
    const field = chip.closest('.anm[name]')?.getAttribute('name') ?? 'to';
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

function readGmail(root: ParentNode, url: URL): SiteReading {
  const account = accountOf(root);
  const me = [...root.querySelectorAll('[email][name="me"], [email][data-name="me"]')]
    .map((element) => asEmail(element.getAttribute('email')))
    .filter((email): email is string => !!email);
  const people = new Participants(gmail.name);

  const subject = root.querySelector('h2.hP[data-legacy-thread-id], h2.hP[data-thread-perm-id], h2.hP');
  const scope = subject?.closest('[role="main"]') ?? (subject ? root : undefined);
  const messages = scope
    ? [...scope.querySelectorAll('[data-message-id], [data-legacy-message-id]')]
        .filter((element) => !element.parentElement?.closest('[data-message-id], [data-legacy-message-id]'))
        .map((element) => readMessage(element, people))
    : [];
  readCompose(root, people);

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
  return {
    contacts: people.list(excluded),
    ...(context ? { context } : {}),
    ...(signedInUser ? { signedInUser } : {}),
  };
}

/** Reads Gmail's pages (see gmail.ts). The signed-in account is reported, never proposed. */
export const gmailAdapter = siteAdapter(gmail, readGmail);
