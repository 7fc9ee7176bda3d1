/**
 * The words of a change alert ("Ada's profile now says Head of Data at Initech (stored: Analyst
 * at Acme)") and of the History entry an accepted change leaves. Pure.
 */
import type { ProfileChange, WatchedField } from './types';

export const FIELD_LABEL: Record<WatchedField, string> = { title: 'Title', company: 'Company', location: 'Location', avatarUrl: 'Photo' };

function job(title: string | undefined, company: string | undefined): string | undefined {
  if (title && company) return `${title} at ${company}`;
  return title ?? company;
}

/**
 * One sentence for a proposal. Title and company read as one job ("Head of Data at Initech"); the
 * side not on the page keeps its stored value, so a company move alone still reads as a whole job.
 */
export function changeSentence(name: string, changes: readonly ProfileChange[], stored: { title?: string; company?: string }, fromProfile: boolean): string {
  const of = (field: WatchedField) => changes.find((change) => change.field === field);
  const title = of('title');
  const company = of('company');
  const location = of('location');
  const now: string[] = [];
  const before: string[] = [];
  if (title || company) {
    now.push(job(title?.page ?? stored.title, company?.page ?? stored.company)!);
    before.push(job(stored.title, stored.company) ?? 'no job');
  }
  if (location) {
    now.push(`based in ${location.page}`);
    before.push(location.stored ? `based in ${location.stored}` : 'no location');
  }
  const subject = fromProfile ? `${name}’s profile` : 'This page';
  const typed = changes.some((change) => change.typed) ? ', typed by you' : '';
  const photo = of('avatarUrl') ? (now.length > 0 ? ', with a new photo' : ' a new photo') : '';
  const stated = now.length > 0 ? `${subject} now says ${now.join(', ')}${photo} (stored: ${before.join(', ')}${typed})` : `${subject} shows${photo}`;
  return `${stated}.`;
}

/**
 * The History line of accepted changes: moves of the title or company first ("Title: Analyst →
 * Head of Data"), then the rest; an empty field filled reads "Location set to Berlin". The order
 * is what `isJobChangeSubject` reads, so a job move is always at the start.
 */
export function changeSubject(changes: readonly ProfileChange[]): string {
  const isMove = (change: ProfileChange) => (change.field === 'title' || change.field === 'company') && change.stored !== undefined;
  const ordered = [...changes.filter(isMove), ...changes.filter((change) => !isMove(change))];
  return ordered
    .map((change) => {
      if (change.field === 'avatarUrl') return 'New photo';
      return change.stored !== undefined ? `${FIELD_LABEL[change.field]}: ${change.stored} → ${change.page}` : `${FIELD_LABEL[change.field]} set to ${change.page}`;
    })
    .join(' · ');
}

/** Whether a `profile-change` History subject (see changeSubject) records a move of title or company. */
export function isJobChangeSubject(subject: string | undefined): boolean {
  return /^(Title|Company): .* → /.test(subject ?? '');
}

/** Whether it records a move to another company (its title may have moved too, listed first). */
export function isCompanyMoveSubject(subject: string | undefined): boolean {
  return /^(?:Title: .* → .*? · )?Company: .* → /.test(subject ?? '');
}
