import { useLiveQuery } from 'dexie-react-hooks';
import { displayName } from '@/lib/model/display-name';
import { crmDatabase, type ValuesState } from '@/lib/db';
import { readAnalyticsRows } from '@/lib/db/queries/analytics';
import { mainCurrency } from '@/lib/value/recompute';
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
  currency: string;
}

async function loadAnalytics(): Promise<AnalyticsData> {
  const { state, values, contacts, deals } = await readAnalyticsRows(crmDatabase());
  const names = new Map(contacts.map((contact) => [contact.id, displayName(contact)]));
  const rows = values.filter((row) => names.has(row.contactId));
  return {
    state,
    contacts: contacts.length,
    pareto: paretoCurve(rows),
    tiers: tierSummary(rows),
    funnel: lifecycleFunnel(contacts, deals),
    atRisk: atRiskCustomers(rows, (id) => names.get(id) ?? 'Unnamed contact', state?.atRiskMaxPAlive ?? 0.5),
    revenue: revenueByMonth(deals, Date.now()),
    currency: (state && mainCurrency(state.currencies)) ?? 'USD',
  };
}

/** Every figure of the analytics page, live: it follows the background's recomputes. undefined while loading. */
export function useAnalytics(): AnalyticsData | undefined {
  return useLiveQuery(loadAnalytics, []);
}
