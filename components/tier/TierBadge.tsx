import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase } from '@/lib/db';
import { readTierFacts } from '@/lib/db/queries/tier';
import { homeCurrencyOf } from '@/lib/db/values';
import { NotFitted } from './NotFitted';
import { describeTier } from './tier-view';
import './tier.css';

/**
 * A contact's value tier and the one-line reason for it, read from the `values` table the
 * background writes (the panel never computes values itself). Updates live after a recompute.
 */
export function TierBadge({ contactId }: { contactId: string }) {
  const view = useHeldLiveQuery(async () => {
    const facts = await readTierFacts(crmDatabase(), contactId);
    return describeTier({ ...facts, currency: homeCurrencyOf(facts.state) });
  }, [contactId]);

  const headingId = `value-heading-${contactId}`;
  return (
    <section aria-labelledby={headingId} className="tier">
      <h3 id={headingId}>Value</h3>
      {view === undefined ? (
        <p className="muted" role="status">
          Loading value…
        </p>
      ) : (
        <>
          <p className="tier-line">
            <span className="tier-badge" data-tier={view.tier ?? 'none'}>
              {view.label}
            </span>{' '}
            <span className="tier-reason">{view.reason}</span>
          </p>
          {view.facts ? <p className="tier-facts">{view.facts}</p> : null}
          {view.note ? <NotFitted note={view.note} muted /> : null}
          <p className="tier-updating muted" role="status">
            {view.updating ? 'Updating after the latest deal changes…' : ''}
          </p>
        </>
      )}
    </section>
  );
}
