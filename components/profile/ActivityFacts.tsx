import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { activityOf, crmDatabase, daysSinceLastContact, dealsOf, recentInteractionCount, RECENT_WINDOW_DAYS } from '@/lib/db';
import type { Deal } from '@/lib/model';
import { totalsByCurrency } from '@/lib/value/currency';
import { formatMinorUnits } from '../deal/amount';
import { DEFAULT_CURRENCY } from '../deal/deal-form';
import { useMembership } from '../sync/use-membership';

function daysAgo(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** "€1,200.00 + $300.00": a contact's deals of one status, each currency summed on its own. */
function inOwnCurrencies(deals: readonly Deal[], status: Deal['status']): string {
  const totals = totalsByCurrency(deals.filter((deal) => deal.status === status));
  if (totals.length === 0) return formatMinorUnits(0, deals[0]?.currency ?? DEFAULT_CURRENCY);
  return totals.map((total) => formatMinorUnits(total.amount, total.currency)).join(' + ');
}

/** The activity facts lib/db keeps for a contact; only "days since" and the 90-day count depend on now. */
export function ActivityFacts({ contactId }: { contactId: string }) {
  // null: no activity row yet (nothing logged); undefined: still loading.
  // The clock is read with the facts: "days since" and the 90-day count are worked out from both.
  // With deals in several currencies the stored sums mix them: read the (few) deals and sum per currency.
  const read = useHeldLiveQuery(async () => {
    const db = crmDatabase();
    const facts = (await activityOf(db, contactId)) ?? null;
    const deals = facts?.mixedCurrencies ? await dealsOf(db, contactId) : null;
    return { facts, deals, now: Date.now() };
  }, [contactId]);
  const membership = useMembership();
  if (read === undefined) {
    return (
      <p className="muted" role="status">
        Loading activity…
      </p>
    );
  }
  const { facts, deals, now } = read;
  const days = daysSinceLastContact(facts ?? undefined, now);
  const currency = facts?.currency ?? DEFAULT_CURRENCY;
  return (
    <section aria-labelledby="activity-heading" className="profile-block">
      <h3 id="activity-heading">Activity</h3>
      <dl className="facts activity-facts">
        <dt>Last contacted</dt>
        <dd>
          {facts?.lastContactedAt !== undefined && days !== null ? (
            <>
              <time dateTime={new Date(facts.lastContactedAt).toISOString()}>
                {new Date(facts.lastContactedAt).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
              </time>{' '}
              <span className="muted">({daysAgo(days)})</span>
            </>
          ) : (
            'Never: log a call, meeting or email below'
          )}
        </dd>
        <dt>Interactions, last {RECENT_WINDOW_DAYS} days</dt>
        <dd>{recentInteractionCount(facts ?? undefined, now)}</dd>
        <dt>Open deals</dt>
        <dd>{deals ? inOwnCurrencies(deals, 'open') : formatMinorUnits(facts?.openDealValue ?? 0, currency)}</dd>
        <dt>Lifetime won</dt>
        <dd>{deals ? inOwnCurrencies(deals, 'won') : formatMinorUnits(facts?.wonValue ?? 0, currency)}</dd>
      </dl>
      {membership ? (
        // Teammates' private entries never reach this browser, so their totals may be higher.
        <p className="muted">From the entries you can see: teammates’ private entries are not counted here.</p>
      ) : null}
    </section>
  );
}
