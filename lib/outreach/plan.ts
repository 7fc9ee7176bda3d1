import { renderForContact, type TemplateContact } from '../templates';
import type { MessageTemplate } from '../model';

/**
 * Who an outreach to a segment drafts for, decided before anything opens (issue 22): members
 * without an address cannot get a draft, members contacted within the last N days are skipped
 * (with when), and members whose template placeholders have no value are listed, so the user
 * can fill them in first. Pure: the members and their last contact are read by lib/db.
 */

const DAY_MS = 86_400_000;

export interface OutreachCandidate {
  contact: TemplateContact & { id: string };
  /** When they were last contacted (lib/db activity facts); absent when never. */
  lastContactedAt?: number;
}

export interface PlannedDraft {
  contactId: string;
  name: string;
  email: string;
  subject?: string;
  body: string;
  /** Placeholders with no value for this member (left as written, e.g. `{{company}}`). */
  missing: string[];
}

export interface OutreachPlan {
  toDraft: PlannedDraft[];
  skipped: Array<{ contactId: string; name: string; lastContactedAt: number }>;
  noEmail: Array<{ contactId: string; name: string }>;
  /** The members of toDraft with placeholders missing, in the same order. */
  missing: Array<{ contactId: string; name: string; placeholders: string[] }>;
  /** Placeholders written wrong in the template (Options → Templates says which). */
  templateErrors: number;
}

export interface OutreachOptions {
  candidates: readonly OutreachCandidate[];
  template: Pick<MessageTemplate, 'id' | 'name' | 'subject' | 'body'>;
  /** Skip members contacted within this many days; 0 skips nobody. */
  skipWithinDays: number;
  now: number;
}

/** What to call a member in the lists: their name, else their address. */
function nameOf(contact: TemplateContact): string {
  return contact.name?.trim() || contact.emails?.[0] || 'Unnamed contact';
}

/** Contacted within the last `days` days at `now`, counted as the segment rule "contacted within" counts. */
export function contactedWithin(lastContactedAt: number | undefined, days: number, now: number): boolean {
  return days > 0 && lastContactedAt !== undefined && lastContactedAt >= now - days * DAY_MS;
}

export function planOutreach({ candidates, template, skipWithinDays, now }: OutreachOptions): OutreachPlan {
  const sorted = [...candidates].sort((a, b) => nameOf(a.contact).localeCompare(nameOf(b.contact)) || a.contact.id.localeCompare(b.contact.id));
  const plan: OutreachPlan = { toDraft: [], skipped: [], noEmail: [], missing: [], templateErrors: 0 };
  plan.templateErrors = renderForContact(template, {}).errorCount;
  for (const { contact, lastContactedAt } of sorted) {
    const name = nameOf(contact);
    const email = contact.emails?.[0];
    if (!email) {
      plan.noEmail.push({ contactId: contact.id, name });
      continue;
    }
    if (contactedWithin(lastContactedAt, skipWithinDays, now)) {
      plan.skipped.push({ contactId: contact.id, name, lastContactedAt: lastContactedAt! });
      continue;
    }
    const draft = draftFor(template, contact);
    plan.toDraft.push(draft);
    if (draft.missing.length > 0) plan.missing.push({ contactId: contact.id, name, placeholders: draft.missing });
  }
  return plan;
}

/** One member's message, rendered from the template (also used when the panel resumes). */
export function draftFor(template: OutreachOptions['template'], contact: TemplateContact & { id: string }): PlannedDraft {
  const rendered = renderForContact(template, contact);
  return {
    contactId: contact.id,
    name: nameOf(contact),
    email: contact.emails?.[0] ?? '',
    ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
    body: rendered.body,
    missing: rendered.missing,
  };
}
