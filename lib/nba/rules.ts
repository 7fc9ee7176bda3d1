/**
 * Next best actions: explainable rules over what is known about a contact (value tier, lifecycle
 * stage, activity facts). Pure. Each suggestion names the rule that fired and says why in one
 * sentence, with the figures and the threshold it compared, so the user can judge it.
 */
import type { Interaction, LifecycleStage, ValueTier } from '../model';
import type { NbaSettings } from './settings';

export const NBA_RULES = ['strategic-check-in', 'expansion-cross-sell', 'at-risk-win-back', 'prospect-nudge', 'job-change-new-account'] as const;
export type NbaRuleId = (typeof NBA_RULES)[number];

/** What each rule is called where it is shown. */
export const NBA_RULE_NAMES: Record<NbaRuleId, string> = {
  'strategic-check-in': 'Check in',
  'expansion-cross-sell': 'Cross-sell',
  'at-risk-win-back': 'Win back',
  'prospect-nudge': 'Nudge',
  'job-change-new-account': 'New job',
};

const DAY_MS = 86_400_000;

/** The facts the rules read about one contact. */
export interface NbaCandidate {
  contactId: string;
  name: string;
  stage: LifecycleStage;
  createdAt: number;
  tier?: ValueTier;
  /** Latest email, call, meeting or visit. */
  lastContactedAt?: number;
  /** Open deals and what they are worth (minor units) in `currency`. */
  openDeals: number;
  openDealValue: number;
  currency?: string;
  /** Deals in several currencies: the total in each (then `openDealValue` mixes them and is not shown). */
  openDealTotals?: ReadonlyArray<{ currency: string; value: number }>;
  /** Latest thing heard from them (an inbound email, a call or a meeting), when known. */
  lastReplyAt?: number;
  /** Their latest accepted job change (a page's new title or company, see lib/profile-changes), when recent. */
  jobChange?: JobChange;
}

/** A job change the user accepted from a page: when, and the job the contact holds since. */
export interface JobChange {
  at: number;
  title?: string;
  company?: string;
  /** The company moved, not only the title. */
  movedCompany: boolean;
}

/** Hearing from them (what `lastReplyAt` counts): an inbound email, or a call or meeting (both ways by nature). */
export function isReply(interaction: Pick<Interaction, 'kind' | 'direction'>): boolean {
  if (interaction.kind === 'email') return interaction.direction === 'in';
  return interaction.kind === 'call' || interaction.kind === 'meeting';
}

export interface NbaSuggestion {
  rule: NbaRuleId;
  contactId: string;
  contactName: string;
  /** One sentence: which facts made the rule fire. */
  why: string;
  /** The follow-up "Make it a task" creates. */
  taskTitle: string;
  /** Days the contact has been quiet by the rule's measure: larger first within a rule. */
  quietDays: number;
}

function daysSince(at: number | undefined, now: number): number | null {
  return at === undefined ? null : Math.floor((now - at) / DAY_MS);
}

function lastContactWords(days: number | null): string {
  if (days === null) return 'never contacted';
  if (days === 0) return 'last contacted today';
  return `last contacted ${days} day${days === 1 ? '' : 's'} ago`;
}

function money(minor: number, currency: string | undefined): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency ?? 'USD', maximumFractionDigits: 0 }).format(minor / 100);
  } catch {
    return `${Math.round(minor / 100)} ${currency ?? ''}`.trim();
  }
}

/** Quiet for at least `threshold` days (never contacted counts, from when the contact was added). */
function quietFor(candidate: NbaCandidate, threshold: number, now: number): number | null {
  const days = daysSince(candidate.lastContactedAt ?? candidate.createdAt, now) ?? 0;
  return days >= threshold ? days : null;
}

export function strategicCheckIn(c: NbaCandidate, settings: NbaSettings, now: number): NbaSuggestion | null {
  if (c.tier !== 'strategic') return null;
  const quiet = quietFor(c, settings.checkInDays, now);
  if (quiet === null) return null;
  return {
    rule: 'strategic-check-in',
    contactId: c.contactId,
    contactName: c.name,
    why: `Strategic customer, ${lastContactWords(daysSince(c.lastContactedAt, now))} (rule: more than ${settings.checkInDays} days without contact).`,
    taskTitle: `Check in with ${c.name}`,
    quietDays: quiet,
  };
}

export function expansionCrossSell(c: NbaCandidate, settings: NbaSettings, now: number): NbaSuggestion | null {
  if (c.stage !== 'expansion' || c.openDeals > 0) return null;
  const quiet = quietFor(c, settings.crossSellDays, now);
  if (quiet === null) return null;
  return {
    rule: 'expansion-cross-sell',
    contactId: c.contactId,
    contactName: c.name,
    why: `In the expansion stage with no open deal, ${lastContactWords(daysSince(c.lastContactedAt, now))} (rule: ${settings.crossSellDays}+ days): propose a cross-sell or upgrade.`,
    taskTitle: `Propose a cross-sell to ${c.name}`,
    quietDays: quiet,
  };
}

export function atRiskWinBack(c: NbaCandidate, settings: NbaSettings, now: number): NbaSuggestion | null {
  const byTier = c.tier === 'at-risk';
  const byStage = c.stage === 'at-risk';
  if (!byTier && !byStage) return null;
  const quiet = quietFor(c, settings.winBackDays, now);
  if (quiet === null) return null;
  const because = byTier && byStage ? 'At-risk tier and stage' : byTier ? 'At-risk tier (a valuable customer who has stopped buying)' : 'Lifecycle stage at risk';
  return {
    rule: 'at-risk-win-back',
    contactId: c.contactId,
    contactName: c.name,
    why: `${because}, ${lastContactWords(daysSince(c.lastContactedAt, now))} (rule: ${settings.winBackDays}+ days): reach out to win them back.`,
    taskTitle: `Win back ${c.name}`,
    quietDays: quiet,
  };
}

export function prospectNudge(c: NbaCandidate, settings: NbaSettings, now: number): NbaSuggestion | null {
  if (c.stage !== 'prospect' || c.openDeals === 0) return null;
  // Waiting since the last reply, or since the contact was added if they never replied.
  const since = c.lastReplyAt ?? c.createdAt;
  const waited = daysSince(since, now) ?? 0;
  if (waited < settings.nudgeDays) return null;
  const worth = c.openDealTotals ? c.openDealTotals.map((total) => money(total.value, total.currency)).join(' + ') : money(c.openDealValue, c.currency);
  const deal = c.openDeals === 1 ? `an open deal (${worth})` : `${c.openDeals} open deals (${worth})`;
  const reply = c.lastReplyAt === undefined ? 'no reply yet' : `no reply for ${waited} days`;
  return {
    rule: 'prospect-nudge',
    contactId: c.contactId,
    contactName: c.name,
    why: `Prospect with ${deal} and ${reply} (rule: ${settings.nudgeDays}+ days): send a nudge.`,
    taskTitle: `Nudge ${c.name} about the open deal`,
    quietDays: waited,
  };
}

function daysAgo(days: number): string {
  if (days === 0) return 'today';
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/**
 * A strategic or growth customer changed jobs (accepted from a page in the last `jobChangeDays`):
 * the person who bought from you now sits in another company, a possible new account; or in a new
 * role at the same one, a possible new opportunity.
 */
export function jobChangeNewAccount(c: NbaCandidate, settings: NbaSettings, now: number): NbaSuggestion | null {
  if ((c.tier !== 'strategic' && c.tier !== 'growth') || !c.jobChange) return null;
  const days = Math.max(0, daysSince(c.jobChange.at, now) ?? 0);
  if (days >= settings.jobChangeDays) return null;
  const { title, company, movedCompany } = c.jobChange;
  const job = title && company ? `${title} at ${company}` : (title ?? company ?? 'a new job');
  const tier = c.tier === 'strategic' ? 'Strategic' : 'Growth';
  const moved = movedCompany && company;
  return {
    rule: 'job-change-new-account',
    contactId: c.contactId,
    contactName: c.name,
    why: `${tier} customer whose profile changed ${daysAgo(days)} to ${job} (rule: a job change in the last ${settings.jobChangeDays} days).`,
    taskTitle: moved ? `${c.name} moved to ${company}: a new account?` : `${c.name} is now ${title ?? job}: a new opportunity?`,
    quietDays: days,
  };
}

const RULES = [strategicCheckIn, jobChangeNewAccount, atRiskWinBack, prospectNudge, expansionCrossSell];

/** Every rule that fires for a contact, in rule priority order. */
export function suggestionsFor(candidate: NbaCandidate, settings: NbaSettings, now: number): NbaSuggestion[] {
  return RULES.flatMap((rule) => rule(candidate, settings, now) ?? []);
}

/** All suggestions, most urgent first: by rule priority, then longest quiet, then name. */
export function rankSuggestions(suggestions: readonly NbaSuggestion[]): NbaSuggestion[] {
  const order = new Map<NbaRuleId, number>([
    ['strategic-check-in', 0],
    // A job change is news: it is worth most in the days after it happens.
    ['job-change-new-account', 1],
    ['at-risk-win-back', 2],
    ['prospect-nudge', 3],
    ['expansion-cross-sell', 4],
  ]);
  return [...suggestions].sort(
    (a, b) => order.get(a.rule)! - order.get(b.rule)! || b.quietDays - a.quietDays || a.contactName.localeCompare(b.contactName),
  );
}
