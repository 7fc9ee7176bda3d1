import { useId, useState } from 'react';
import { crmDatabase, moveContactToStage } from '@/lib/db';
import type { Contact } from '@/lib/model';
import { parsePlace, placeKey } from '@/lib/pipelines';
import { usePipelines } from './use-pipelines';
import { FailureAlert } from '../ui/FailureAlert';

/**
 * A contact's place in a contacts pipeline (Recruiting, say), in the profile: shown, and changed
 * with one select. A move is logged in History like a move on the board. Hidden while no contacts
 * pipeline is configured.
 */
export function PipelinePlace({ contact }: { contact: Contact }) {
  const id = useId();
  const state = usePipelines();
  const [failure, setFailure] = useState<string | null>(null);
  if (state.status !== 'ready') return null;
  const pipelines = state.pipelines.filter((pipeline) => pipeline.kind === 'contacts');
  if (pipelines.length === 0) return null;

  const place = contact.pipelineStage;
  const parsed = parsePlace(place);
  const known = parsed && pipelines.some((p) => p.id === parsed.pipelineId && p.stages.some((s) => s.id === parsed.stageId));

  async function move(value: string) {
    const target = parsePlace(value);
    const pipeline = target && pipelines.find((p) => p.id === target.pipelineId);
    if (!target || !pipeline) return;
    setFailure(null);
    try {
      await moveContactToStage(crmDatabase(), contact.id, pipeline, target.stageId);
    } catch (error) {
      setFailure(`Could not move: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <div className="profile-field pipeline-place">
      <label htmlFor={`${id}-stage`}>Pipeline stage</label>
      <select id={`${id}-stage`} value={known ? place : ''} onChange={(event) => void move(event.target.value)}>
        {known ? null : <option value="">{place ? `Unknown stage (${place})` : 'Not in a pipeline'}</option>}
        {pipelines.map((pipeline) => (
          <optgroup key={pipeline.id} label={pipeline.name}>
            {pipeline.stages.map((stage) => (
              <option key={stage.id} value={placeKey(pipeline.id, stage.id)}>
                {pipeline.name}: {stage.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FailureAlert text={failure} />
    </div>
  );
}
