import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { activityOf, crmDatabase, daysSinceLastContact, recentInteractionCount, RECENT_WINDOW_DAYS } from '@/lib/db';
import { formatMinorUnits } from '../deal/amount';
import { DEFAULT_CURRENCY } from '../deal/deal-form';
import { useMembership } from '../sync/use-membership';

function daysAgo(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** The activity facts lib/db keeps for a contact; only "days since" and the 90-day count depend on now. */
export function ActivityFacts({ contactId }: { contactId: string }) {
  // null: no activity row yet (nothing logged); undefined: still loading.
  // The clock is read with the facts: "days since" and the 90-day count are worked out from both.
  const read = useHeldLiveQuery(
    () => activityOf(crmDatabase(), contactId).then((row) => ({ facts: row ?? null, now: Date.now() })),
    [contactId],
  );
  const membership = useMembership();
  if (read === undefined) {
    return (
      <p className="muted" role="status">
        Loading activity…
      </p>
    );
  }
  const { facts, now } = read;
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
        <dd>{formatMinorUnits(facts?.openDealValue ?? 0, currency)}</dd>
        <dt>Lifetime won</dt>
        <dd>{formatMinorUnits(facts?.wonValue ?? 0, currency)}</dd>
      </dl>
      {facts?.mixedCurrencies ? <p className="muted">Deals in several currencies are added as if they were one.</p> : null}
      {membership ? (
        // Teammates' private entries never reach this browser, so their totals may be higher.
        <p className="muted">From the entries you can see: teammates’ private entries are not counted here.</p>
      ) : null}
    </section>
  );
}
