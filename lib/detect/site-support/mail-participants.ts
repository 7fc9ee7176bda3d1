/** The people of a webmail thread or compose window, as the webmail site readers collect them. */
import type { DetectedContactInput } from '../../model/detected';
import { describeElement } from '../evidence';
import { field } from './page-text';

export type MailRole = 'from' | 'to' | 'cc';
const ROLE_RANK: Record<MailRole, number> = { from: 0, to: 1, cc: 2 };

/**
 * The people of a mail thread, one per address, in order of first appearance. A person seen in
 * several roles keeps the closest one (from, then to, then cc): who wrote matters more than who
 * was copied.
 */
export class Participants {
  private readonly byEmail = new Map<string, DetectedContactInput & { role: MailRole; emails: string[] }>();

  constructor(private readonly detector: string) {}

  add(email: string, name: string | undefined, role: MailRole, element: Element): void {
    const evidence = { detector: this.detector, element: describeElement(element) };
    const known = this.byEmail.get(email);
    if (!known) {
      this.byEmail.set(email, { ...(name ? { name } : {}), emails: [email], role, evidence: [evidence] });
      return;
    }
    if (!known.name && name) known.name = name;
    if (ROLE_RANK[role] < ROLE_RANK[known.role]) known.role = role;
    const seen = known.evidence ?? [];
    if (seen.length < 50 && !seen.some((item) => item.element === evidence.element)) seen.push(evidence);
    known.evidence = seen;
  }

  list(excluded: Iterable<string> = []): DetectedContactInput[] {
    const skip = new Set(excluded);
    return [...this.byEmail.entries()].filter(([email]) => !skip.has(email)).map(([, person]) => person);
  }
}

/** A display name that is a name, not the address again nor the pronoun webmail shows for you. */
export function personName(raw: string | null | undefined, email: string): string | undefined {
  const name = field(raw)?.replace(/^["']|["']$/g, '').trim();
  if (!name || name.toLowerCase() === email || name.includes('@') || /^me$/i.test(name)) return undefined;
  return name;
}
