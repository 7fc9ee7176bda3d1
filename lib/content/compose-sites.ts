import { asEmail, emailsIn } from '../detect/site-support/page-text';

/**
 * Where a webmail's compose boxes are, and whom each is addressed to. Only the first "To"
 * recipient counts: a template is written for one person.
 */
export interface ComposeSite {
  name: 'gmail' | 'outlook';
  /** Message bodies of open compose windows (new, reply, forward). */
  bodies: string;
  /** The first "To" address of the compose window around `body`, if one is filled in yet. */
  recipientOf(body: Element): string | undefined;
}

/** The first address an element carries in the attributes webmails put on recipient chips, else in its text. */
function firstAddress(elements: Iterable<Element>): string | undefined {
  for (const element of elements) {
    for (const name of ['data-hovercard-id', 'email', 'title', 'aria-label', 'value']) {
      const email = asEmail(element.getAttribute(name)) ?? emailsIn(element.getAttribute(name))[0];
      if (email) return email;
    }
    const inText = emailsIn(element.textContent)[0];
    if (inText) return inText;
  }
  return undefined;
}

/**
 * The nearest ancestor of `body` holding a match of `selector`: the compose window it belongs
 * to. An ancestor around another compose body is past the window: its recipients are not ours.
 */
function composeScope(body: Element, selector: string, bodies: string): Element | null {
  for (let node = body.parentElement; node; node = node.parentElement) {
    if ([...node.querySelectorAll(bodies)].some((other) => other !== body)) return null;
    if (node.querySelector(selector)) return node;
  }
  return null;
}

/*
 * Gmail: the body is `div.editable[contenteditable][role=textbox]` ("Message Body"); "To" chips
 * are `[role=option][data-hovercard-id]` under `.anm[name=to]`, or, before 2021, `.vR` chips
 * with a hidden `input[name=to]`.
 * Test URL: https://mail.google.com/mail/u/0/#inbox?compose=new
 */
const GMAIL_TO = '.anm[name="to"] [data-hovercard-id], [name="to"] [email], .vR input[name="to"]';
const GMAIL_BODIES = 'div.editable[contenteditable="true"][role="textbox"], div[contenteditable="true"][aria-label="Message Body"]';
export const GMAIL_COMPOSE: ComposeSite = {
  name: 'gmail',
  bodies: GMAIL_BODIES,
  recipientOf: (body) => firstAddress(composeScope(body, GMAIL_TO, GMAIL_BODIES)?.querySelectorAll(GMAIL_TO) ?? []),
};

/*
 * Outlook on the web: the body is a contenteditable under `#editorParent_…` (ARIA "Message
 * body"); the "To" well is labelled "To" and its chips carry the address in a title, an ARIA
 * label or their text ("Name <address>").
 * Test URL: https://outlook.office.com/mail/deeplink/compose
 */
const OUTLOOK_TO = '[aria-label="To"], [aria-label^="To:"], [data-testid="ToRecipientWell"]';
const OUTLOOK_BODIES = '[id^="editorParent"] [contenteditable="true"], div[contenteditable="true"][role="textbox"][aria-label^="Message body"]';
export const OUTLOOK_COMPOSE: ComposeSite = {
  name: 'outlook',
  bodies: OUTLOOK_BODIES,
  recipientOf(body) {
    const well = composeScope(body, OUTLOOK_TO, OUTLOOK_BODIES)?.querySelector(OUTLOOK_TO);
    return well ? firstAddress([...well.querySelectorAll('[title], [aria-label], [data-lpc-hover-target-id], span'), well]) : undefined;
  },
};
