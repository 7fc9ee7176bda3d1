/**
 * Links that open a webmail's compose window already filled in (issue 22, outreach). Nothing is
 * sent: the user reads, edits and sends each message in their own mailbox.
 *
 * Gmail: `https://mail.google.com/mail/?view=cm&fs=1&to=…&su=…&body=…` (`su` is Gmail's subject).
 * Outlook on the web: `https://outlook.office.com/mail/deeplink/compose?to=…&subject=…&body=…`.
 * Values are percent-encoded with encodeURIComponent, so a space is `%20` and never `+`: Outlook
 * re-encodes the link through its sign-in redirect and then shows a `+` literally.
 */

export const MAILBOXES = ['gmail', 'outlook'] as const;
export type Mailbox = (typeof MAILBOXES)[number];

export const MAILBOX_NAMES: Record<Mailbox, string> = { gmail: 'Gmail', outlook: 'Outlook' };

export const GMAIL_COMPOSE_URL = 'https://mail.google.com/mail/';
export const OUTLOOK_COMPOSE_URL = 'https://outlook.office.com/mail/deeplink/compose';

/**
 * Outlook documents a limit of about 2,048 characters for these links; longer bodies may be cut.
 * The panel warns past it (for Gmail too, whose limit is not documented).
 */
export const COMPOSE_URL_LIMIT = 2_048;

export interface ComposeFields {
  to: string;
  subject?: string;
  body: string;
}

function query(pairs: Array<[string, string | undefined]>): string {
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}

/** The compose link for one message in the chosen mailbox. */
export function composeUrl(mailbox: Mailbox, fields: ComposeFields): string {
  if (mailbox === 'gmail') {
    return `${GMAIL_COMPOSE_URL}?${query([
      ['view', 'cm'],
      ['fs', '1'],
      ['to', fields.to],
      ['su', fields.subject],
      ['body', fields.body],
    ])}`;
  }
  return `${OUTLOOK_COMPOSE_URL}?${query([
    ['to', fields.to],
    ['subject', fields.subject],
    ['body', fields.body],
  ])}`;
}
