import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AddToPipeline } from '@/components/board/AddToPipeline';
import { PipelineBoard } from '@/components/board/PipelineBoard';
import { usePipelines } from '@/components/pipelines/use-pipelines';
import { OwnerFilterSelect } from '@/components/team/OwnerFilterSelect';
import { SegmentChoice } from '@/components/segments/SegmentChoice';
import { useMembership } from '@/components/sync/use-membership';
import { crmDatabase, tagsInUse } from '@/lib/db';
import { PIPELINE_TEMPLATE_IDS, PIPELINE_TEMPLATES, pipelineFromTemplate, type Pipeline, type PipelineTemplateId } from '@/lib/pipelines';
import { savePipelines } from '@/lib/settings/pipelines';

/** Owner tags offered in the filter: the first ones, sorted (the list is read from the index's keys). */
const MAX_TAGS = 500;

/** `#<pipelineId>` keeps the chosen pipeline across a reload. */
function pipelineFromHash(): string {
  return decodeURIComponent(location.hash.slice(1));
}

function showPipeline(id: string) {
  location.hash = encodeURIComponent(id);
}

/** The board page (a full tab): pick a pipeline, filter by owner tag, move cards between stages. */
export function BoardApp() {
  const state = usePipelines();
  const [chosenId, setChosenId] = useState(pipelineFromHash);
  const [ownerTag, setOwnerTag] = useState('');
  const [segmentId, setSegmentId] = useState('');
  // While syncing, records have real owners: the Owner filter replaces the owner tag.
  const membership = useMembership();
  const [owner, setOwner] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const tags = useHeldLiveQuery(() => tagsInUse(crmDatabase()).then((all) => all.slice(0, MAX_TAGS)), []);

  useEffect(() => {
    const onHashChange = () => setChosenId(pipelineFromHash());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const pipelines = state.status === 'ready' ? state.pipelines : [];
  const pipeline: Pipeline | undefined = pipelines.find((candidate) => candidate.id === chosenId) ?? pipelines[0];

  async function createFrom(template: PipelineTemplateId) {
    setFailure(null);
    try {
      const created = pipelineFromTemplate(template, pipelines);
      await savePipelines([...pipelines, created]);
      showPipeline(created.id);
    } catch (error) {
      setFailure(`Could not create the pipeline: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <main className="board">
      <header className="board-header">
        <h1>Board</h1>
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Edit pipelines
        </button>
      </header>
      {failure ? (
        <p role="alert" className="error">
          {failure}
        </p>
      ) : null}
      {state.status === 'loading' ? (
        <p role="status">Loading pipelines…</p>
      ) : state.status === 'error' ? (
        <p role="alert" className="error">
          {state.message}. Reload the page to try again.
        </p>
      ) : !pipeline ? (
        <section aria-labelledby="board-start-heading">
          <h2 id="board-start-heading">No pipelines yet</h2>
          <p>Start from a template; rename it and change its stages later in the options.</p>
          <div className="board-templates">
            {PIPELINE_TEMPLATE_IDS.map((template) => (
              <button key={template} type="button" onClick={() => void createFrom(template)}>
                Create {PIPELINE_TEMPLATES[template].name} pipeline
              </button>
            ))}
          </div>
        </section>
      ) : (
        <>
          <div className="board-controls">
            <div className="profile-field">
              <label htmlFor="board-pipeline">Pipeline</label>
              <select id="board-pipeline" value={pipeline.id} onChange={(event) => showPipeline(event.target.value)}>
                {pipelines.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name} ({candidate.kind === 'deals' ? 'deals' : 'people'})
                  </option>
                ))}
              </select>
            </div>
            {membership ? (
              <div className="profile-field">
                <label htmlFor="board-owner">Owner</label>
                <OwnerFilterSelect id="board-owner" membership={membership} value={owner} onChange={setOwner} />
              </div>
            ) : (
            <div className="profile-field">
              <label htmlFor="board-owner">Owner tag</label>
              <select id="board-owner" value={ownerTag} onChange={(event) => setOwnerTag(event.target.value)}>
                <option value="">Everyone</option>
                {(tags ?? []).map((tag) => (
                  <option key={tag} value={tag}>
                    {tag}
                  </option>
                ))}
              </select>
            </div>
            )}
            <SegmentChoice className="profile-field" value={segmentId} onChange={setSegmentId} />
          </div>
          <PipelineBoard
            pipeline={pipeline}
            ownerTag={membership ? undefined : ownerTag || undefined}
            owner={membership ? owner : undefined}
            segmentId={segmentId}
          />
          <AddToPipeline pipeline={pipeline} />
        </>
      )}
    </main>
  );
}
