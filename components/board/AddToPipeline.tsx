import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId, useState } from 'react';
import { displayName } from '@/lib/model/display-name';
import { formatMinorUnits } from '@/components/deal/amount';
import { crmDatabase, moveContactToStage, moveDealToStage, searchContacts } from '@/lib/db';
import { unplacedOpenDeals } from '@/lib/db/queries/board';
import type { Pipeline } from '@/lib/pipelines';
import { StatusAndAlert } from '../ui/StatusAndAlert';

const SHOWN = 8;

/**
 * Puts people (contacts pipelines, found by search through the index) or open deals not yet in
 * a pipeline (deals pipelines, through the status index) into the first stage.
 */
export function AddToPipeline({ pipeline }: { pipeline: Pipeline }) {
  const id = useId();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const first = pipeline.stages[0]!;
  const db = crmDatabase();

  const people = useHeldLiveQuery(
    () => (pipeline.kind === 'contacts' && text.trim() ? searchContacts(db, { text }).then((found) => found.contacts.slice(0, SHOWN)) : Promise.resolve(null)),
    [pipeline.kind, text],
  );
  const deals = useHeldLiveQuery(
    () =>
      pipeline.kind === 'deals'
        ? unplacedOpenDeals(db, SHOWN).then((open) => open.map(({ deal, owner }) => ({ deal, owner: displayName(owner) })))
        : Promise.resolve(null),
    [pipeline.kind],
  );

  async function add(rowId: string, name: string) {
    setFailure(null);
    try {
      if (pipeline.kind === 'contacts') await moveContactToStage(db, rowId, pipeline, first.id);
      else await moveDealToStage(db, rowId, pipeline, first.id);
      setDone(`Added ${name} to ${first.label}.`);
    } catch (error) {
      setFailure(`Could not add ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="board-add">
      <h2 id={`${id}-heading`}>Add to {pipeline.name}</h2>
      {pipeline.kind === 'contacts' ? (
        <>
          <label htmlFor={`${id}-search`}>Find a person by name, email, company or tag</label>
          <input id={`${id}-search`} type="search" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} />
          {people && people.length === 0 ? <p className="muted">Nobody matches. Add people from the side panel first.</p> : null}
          {people && people.length > 0 ? (
            <ul className="board-add-list" aria-label="Matching people">
              {people.map((contact) => {
                const name = displayName(contact);
                const inHere = contact.pipelineStage?.startsWith(`${pipeline.id}:`);
                return (
                  <li key={contact.id}>
                    <span>
                      {name}
                      {contact.company ? <span className="muted"> · {contact.company}</span> : null}
                    </span>
                    {inHere ? (
                      <span className="muted">already on the board</span>
                    ) : (
                      <button type="button" className="secondary" onClick={() => void add(contact.id, name)}>
                        Add {name} to {first.label}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : deals === undefined ? (
        <p role="status">Loading open deals…</p>
      ) : deals && deals.length === 0 ? (
        <p className="muted">Every open deal is in a pipeline. Add deals from a contact’s profile in the side panel.</p>
      ) : (
        <ul className="board-add-list" aria-label="Open deals in no pipeline">
          {deals?.map(({ deal, owner }) => {
            const title = deal.title.trim() || 'Untitled deal';
            return (
              <li key={deal.id}>
                <span>
                  {title} <span className="muted">· {owner} · {formatMinorUnits(deal.amount, deal.currency)}</span>
                </span>
                <button type="button" className="secondary" onClick={() => void add(deal.id, title)}>
                  Add {title} to {first.label}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <StatusAndAlert status={done} failure={failure} />
    </section>
  );
}
