import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatAmount } from '@/components/deal/amount';
import { TIER_LABEL, TIER_MEANING } from '@/components/tier/tier-view';
import type { AtRiskCustomer, FunnelStep, MonthRevenue, Pareto, TierSummary } from './analytics-data';
import { ChartFigure } from './ChartFigure';
import { ModelStatus } from './ModelStatus';
import { useAnalytics } from './use-analytics';
import { SegmentChoice } from '@/components/segments/SegmentChoice';

const AT_RISK_ROWS = 50;
const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;

export function AnalyticsApp() {
  const [segmentId, setSegmentId] = useState('');
  const data = useAnalytics(segmentId);

  return (
    <main className="analytics">
      <header className="analytics-header">
        <h1>Analytics</h1>
        {/* Every chart for one saved segment, or for everyone. */}
        <SegmentChoice className="analytics-segment" value={segmentId} onChange={setSegmentId} />
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Value model options
        </button>
      </header>
      {data === undefined ? (
        <p role="status">Loading analytics…</p>
      ) : data.contacts === 0 ? (
        <p>{data.segment ? `No contact is in the segment “${data.segment}” now.` : 'No contacts yet. Add people from the side panel, then record their deals.'}</p>
      ) : (
        <>
          <ModelStatus state={data.state} />
          <ParetoFigure pareto={data.pareto} currency={data.currency} share={data.state?.strategicShare ?? 0.8} />
          <TierFigure tiers={data.tiers} currency={data.currency} />
          <FunnelFigure funnel={data.funnel} />
          <AtRiskTable customers={data.atRisk} currency={data.currency} fitted={data.state?.fitted === true} />
          <RevenueFigure revenue={data.revenue} currency={data.currency} />
        </>
      )}
    </main>
  );
}

function ParetoFigure({ pareto, currency, share }: { pareto: Pareto; currency: string; share: number }) {
  const config = useMemo(
    (): ChartConfiguration => ({
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Share of value',
            data: pareto.points.map((point) => ({ x: point.customers * 100, y: point.value * 100 })),
            borderColor: '#0b5cd5',
            backgroundColor: '#0b5cd5',
            pointRadius: 0,
            borderWidth: 2,
          },
          {
            label: `Strategic cut: top ${pareto.cut.count} customers`,
            data: [
              { x: pareto.cut.customers * 100, y: 0 },
              { x: pareto.cut.customers * 100, y: pareto.cut.value * 100 },
            ],
            borderColor: '#c2410c',
            backgroundColor: '#c2410c',
            borderDash: [6, 4],
            pointRadius: [0, 5],
            borderWidth: 2,
          },
          {
            label: 'Every customer equal',
            data: [
              { x: 0, y: 0 },
              { x: 100, y: 100 },
            ],
            borderColor: '#8892a0',
            borderDash: [2, 3],
            pointRadius: 0,
            borderWidth: 1,
          },
        ],
      },
      options: {
        parsing: false,
        scales: {
          x: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'Share of customers, most valuable first (%)' } },
          y: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'Share of value (%)' } },
        },
      },
    }),
    [pareto],
  );
  const summary =
    pareto.customers === 0
      ? 'No customer has bought anything yet.'
      : `The top ${pareto.cut.count.toLocaleString()} of ${pareto.customers.toLocaleString()} customers (${percent(pareto.cut.customers)}) hold ${percent(pareto.cut.value)} of all value (${formatAmount(pareto.totalValue, currency)}); the strategic tier is the smallest such set holding ${percent(share)}.`;
  return (
    <section aria-labelledby="pareto-heading">
      <h2 id="pareto-heading">Who holds the value</h2>
      <ChartFigure title="Pareto curve" summary={summary} config={config}>
        {pareto.deciles.length ? (
          <table>
            <caption>Share of value held by the most valuable customers</caption>
            <thead>
              <tr>
                <th scope="col">Most valuable customers</th>
                <th scope="col">Share of value</th>
              </tr>
            </thead>
            <tbody>
              {pareto.deciles.map((point) => (
                <tr key={point.customers}>
                  <td>
                    top {point.count.toLocaleString()} ({percent(point.customers)})
                  </td>
                  <td>{percent(point.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </ChartFigure>
    </section>
  );
}

const TIER_COLOURS: Record<string, string> = {
  strategic: '#c2410c',
  growth: '#1a7f37',
  core: '#0b5cd5',
  'at-risk': '#b42318',
  prospect: '#8892a0',
};

function TierFigure({ tiers, currency }: { tiers: TierSummary[]; currency: string }) {
  const config = useMemo(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: tiers.map((row) => TIER_LABEL[row.tier]),
        datasets: [
          { label: 'Share of contacts (%)', data: tiers.map((row) => row.countShare * 100), backgroundColor: '#8892a0' },
          { label: 'Share of value (%)', data: tiers.map((row) => row.valueShare * 100), backgroundColor: tiers.map((row) => TIER_COLOURS[row.tier]!) },
        ],
      },
      options: { scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } } },
    }),
    [tiers],
  );
  const strategic = tiers.find((row) => row.tier === 'strategic')!;
  const summary = `Strategic contacts are ${percent(strategic.countShare)} of contacts and hold ${percent(strategic.valueShare)} of value.`;
  return (
    <section aria-labelledby="tiers-heading">
      <h2 id="tiers-heading">Tiers</h2>
      <ChartFigure title="Tier sizes and value" summary={summary} config={config}>
        <table>
          <caption>Contacts and value by tier</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Contacts</th>
              <th scope="col">Share of contacts</th>
              <th scope="col">Value</th>
              <th scope="col">Share of value</th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((row) => (
              <tr key={row.tier}>
                <th scope="row">
                  {TIER_LABEL[row.tier]} <span className="muted">— {TIER_MEANING[row.tier]}</span>
                </th>
                <td>{row.count.toLocaleString()}</td>
                <td>{percent(row.countShare)}</td>
                <td>{formatAmount(row.value, currency)}</td>
                <td>{percent(row.valueShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
    </section>
  );
}

const STAGE_LABEL = { lead: 'Lead', prospect: 'Prospect', customer: 'Customer', expansion: 'Expansion' } as const;

function FunnelFigure({ funnel }: { funnel: FunnelStep[] }) {
  const config = useMemo(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: funnel.map((step) => STAGE_LABEL[step.stage]),
        datasets: [{ label: 'Contacts who reached the stage', data: funnel.map((step) => step.count), backgroundColor: '#0b5cd5' }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
    }),
    [funnel],
  );
  const summary = funnel.map((step) => `${step.count.toLocaleString()} ${STAGE_LABEL[step.stage].toLowerCase()}`).join(' → ') + '.';
  return (
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Lifecycle</h2>
      <ChartFigure title="Lifecycle funnel" summary={summary} config={config} height={200}>
        <table>
          <caption>Contacts who reached each stage (an open deal makes a prospect, a won deal a customer, a repeat purchase expansion)</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Contacts</th>
              <th scope="col">From the stage before</th>
            </tr>
          </thead>
          <tbody>
            {funnel.map((step) => (
              <tr key={step.stage}>
                <th scope="row">{STAGE_LABEL[step.stage]}</th>
                <td>{step.count.toLocaleString()}</td>
                <td>{step.conversion === null ? '—' : percent(step.conversion)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
    </section>
  );
}

function AtRiskTable({ customers, currency, fitted }: { customers: AtRiskCustomer[]; currency: string; fitted: boolean }) {
  const shown = customers.slice(0, AT_RISK_ROWS);
  return (
    <section aria-labelledby="at-risk-heading">
      <h2 id="at-risk-heading">Customers at risk</h2>
      {customers.length === 0 ? (
        <p>No customer looks at risk.</p>
      ) : (
        <table>
          <caption>
            {customers.length.toLocaleString()} customer{customers.length === 1 ? '' : 's'} likely to have stopped buying, most value at stake first
            {customers.length > shown.length ? ` (first ${shown.length} shown)` : ''}. Value at stake is what they have spent so far.
          </caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Tier</th>
              <th scope="col">Value at stake</th>
              {fitted ? <th scope="col">P(alive)</th> : null}
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((customer) => (
              <tr key={customer.contactId}>
                <th scope="row">{customer.name}</th>
                <td>{TIER_LABEL[customer.tier]}</td>
                <td>{formatAmount(customer.valueLost, currency)}</td>
                {fitted ? <td>{customer.pAlive === null ? '—' : customer.pAlive.toFixed(2)}</td> : null}
                <td>{customer.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RevenueFigure({ revenue, currency }: { revenue: MonthRevenue[]; currency: string }) {
  const config = useMemo(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: revenue.map((row) => row.month),
        datasets: [{ label: `Won revenue (${currency})`, data: revenue.map((row) => row.revenue), backgroundColor: '#1a7f37' }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    }),
    [revenue, currency],
  );
  const total = revenue.reduce((sum, row) => sum + row.revenue, 0);
  const best = revenue.reduce<MonthRevenue | null>((top, row) => (top === null || row.revenue > top.revenue ? row : top), null);
  const summary =
    total === 0
      ? `No won deals in the last ${revenue.length} months.`
      : `${formatAmount(total, currency)} won over the last ${revenue.length} months; the best month was ${best!.month} with ${formatAmount(best!.revenue, currency)}.`;
  return (
    <section aria-labelledby="revenue-heading">
      <h2 id="revenue-heading">Revenue</h2>
      <ChartFigure title="Revenue by month" summary={summary} config={config}>
        <details>
          <summary>Revenue by month as a table</summary>
          <table>
            <caption>Won deals by month of closing</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Won deals</th>
                <th scope="col">Revenue</th>
              </tr>
            </thead>
            <tbody>
              {revenue.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{row.month}</th>
                  <td>{row.deals.toLocaleString()}</td>
                  <td>{formatAmount(row.revenue, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </ChartFigure>
    </section>
  );
}
