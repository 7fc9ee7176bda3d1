import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { displayName } from '@/lib/model/display-name';
import { crmDatabase, homeCurrencyOf, type ValuesState } from '@/lib/db';
import { readAnalyticsRows } from '@/lib/db/queries/analytics';
import {
  atRiskCustomers,
  lifecycleFunnel,
  paretoCurve,
  revenueByMonth,
  tierSummary,
  type AtRiskCustomer,
  type FunnelStep,
  type MonthRevenue,
  type Pareto,
  type TierSummary,
} from './analytics-data';

export interface AnalyticsData {
  state: ValuesState | null;
  contacts: number;
  pareto: Pareto;
  tiers: TierSummary[];
  funnel: FunnelStep[];
  atRisk: AtRiskCustomer[];
  revenue: MonthRevenue[];
  /** The home currency every amount on the page is in. */
  currency: string;
  /** The saved segment charted, by name; absent: every contact. */
  segment?: string;
}

async function loadAnalytics(segmentId: string): Promise<AnalyticsData> {
  const { state, values, contacts, deals, segment } = await readAnalyticsRows(crmDatabase(), segmentId || undefined);
  const names = new Map(contacts.map((contact) => [contact.id, displayName(contact)]));
  const rows = values.filter((row) => names.has(row.contactId));
  // Revenue is converted with the rates the values were computed with, so the page agrees with itself.
  const currency = homeCurrencyOf(state);
  return {
    state,
    contacts: contacts.length,
    pareto: paretoCurve(rows),
    tiers: tierSummary(rows),
    funnel: lifecycleFunnel(contacts, deals),
    atRisk: atRiskCustomers(rows, (id) => names.get(id) ?? 'Unnamed contact', state?.atRiskMaxPAlive ?? 0.5),
    revenue: revenueByMonth(deals, Date.now(), { home: currency, rates: state?.rates ?? {} }),
    currency,
    ...(segment ? { segment } : {}),
  };
}

/**
 * Every figure of the analytics page, for every contact or one saved segment (its id; '' for
 * everyone), live: it follows the background's recomputes. undefined while loading.
 */
export function useAnalytics(segmentId: string): AnalyticsData | undefined {
  return useHeldLiveQuery(() => loadAnalytics(segmentId), [segmentId]);
}
