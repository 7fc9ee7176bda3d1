import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useState } from 'react';
import { crmDatabase, dealsOf, readHomeCurrency, updateDeal } from '@/lib/db';
import type { Deal } from '@/lib/model';
import { localIsoDay, localMidnight } from '@/lib/value/recompute';
import { AddDealForm } from './AddDealForm';
import { useCanWrite } from '../sync/use-membership';
import { formatMinorUnits } from './amount';
import { DEFAULT_CURRENCY } from './deal-form';
import { FailureAlert } from '../ui/FailureAlert';
import { DealTeamLine } from '../team/RowTeamLine';
import './deal.css';

function startOfToday(): number {
  return localMidnight(localIsoDay(Date.now()));
}

const STATUS_LABEL: Record<Deal['status'], string> = { open: 'Open', won: 'Won', lost: 'Lost' };

/** A contact's deals, newest first, and the form to add one. Everything is rendered as text. */
export function DealsSection({ contactId }: { contactId: string }) {
  const deals = useHeldLiveQuery(() => dealsOf(crmDatabase(), contactId), [contactId]);
  // A new deal starts in the contact's own currency, else the home currency tiers add up in.
  const home = useHeldLiveQuery(() => readHomeCurrency(crmDatabase()), []);
  const [failure, setFailure] = useState<string | null>(null);

  async function close(deal: Deal, status: 'won' | 'lost') {
    setFailure(null);
    try {
      // Closing an open deal closes it today: its date becomes the purchase day.
      await updateDeal(crmDatabase(), deal.id, { status, at: startOfToday() });
    } catch (error) {
      setFailure(`Could not update “${deal.title}”: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const writable = useCanWrite();
  return (
    <section aria-labelledby={`deals-heading-${contactId}`} className="deals">
      <h3 id={`deals-heading-${contactId}`}>Deals</h3>
      {deals === undefined ? (
        <p className="muted" role="status">
          Loading deals…
        </p>
      ) : deals.length === 0 ? (
        <p className="muted">No deals yet. Won deals are the purchases that rank this contact.</p>
      ) : (
        <ul aria-label="Deals" className="deal-list">
          {deals.map((deal) => (
            <li key={deal.id} className="deal-row">
              <span className="deal-title">{deal.title || 'Untitled deal'}</span>
              <span className="deal-amount">{formatMinorUnits(deal.amount, deal.currency)}</span>
              <span className={`deal-status deal-status-${deal.status}`}>{STATUS_LABEL[deal.status]}</span>
              <time className="deal-date muted" dateTime={localIsoDay(deal.at)}>
                {new Date(deal.at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}
              </time>
              {deal.status === 'open' && writable ? (
                <span className="deal-row-actions">
                  <button type="button" className="link-button" aria-label={`Mark ${deal.title || 'deal'} as won`} onClick={() => void close(deal, 'won')}>
                    Mark won
                  </button>
                  <button type="button" className="link-button" aria-label={`Mark ${deal.title || 'deal'} as lost`} onClick={() => void close(deal, 'lost')}>
                    Mark lost
                  </button>
                </span>
              ) : null}
              <DealTeamLine deal={deal} />
            </li>
          ))}
        </ul>
      )}
      <FailureAlert text={failure} />
      {deals === undefined || home === undefined || !writable ? null : <AddDealForm contactId={contactId} defaultCurrency={deals[0]?.currency ?? home ?? DEFAULT_CURRENCY} />}
    </section>
  );
}
