/**
 * Edits to a pipeline's configuration, as pure functions: each returns the edited pipeline,
 * validated, or the problems in plain words. The options page saves only what passes.
 */
import { STAGE_ID_MAX, slugify, uniqueId, validatePipeline, type Pipeline, type PipelineCheck } from './model';

export function renamePipeline(pipeline: Pipeline, name: string): PipelineCheck {
  return validatePipeline({ ...pipeline, name });
}

export function setPipelineCurrency(pipeline: Pipeline, currency: string): PipelineCheck {
  return validatePipeline({ ...pipeline, currency: currency.trim().toUpperCase() });
}

/**
 * A new stage named `label`, placed before the closed stages (won/lost stay last, where a board
 * reads them), with an id made from its name.
 */
export function addStage(pipeline: Pipeline, label: string): PipelineCheck {
  const id = uniqueId(slugify(label, STAGE_ID_MAX), new Set(pipeline.stages.map((stage) => stage.id)), STAGE_ID_MAX);
  const firstClosed = pipeline.stages.findIndex((stage) => stage.outcome);
  const at = firstClosed < 0 ? pipeline.stages.length : firstClosed;
  const stages = [...pipeline.stages.slice(0, at), { id, label }, ...pipeline.stages.slice(at)];
  return validatePipeline({ ...pipeline, stages });
}

/** Renames a stage; its id (what rows store) stays, so nothing placed in it moves. */
export function renameStage(pipeline: Pipeline, stageId: string, label: string): PipelineCheck {
  return validatePipeline({ ...pipeline, stages: pipeline.stages.map((stage) => (stage.id === stageId ? { ...stage, label } : stage)) });
}

export function removeStage(pipeline: Pipeline, stageId: string): PipelineCheck {
  return validatePipeline({ ...pipeline, stages: pipeline.stages.filter((stage) => stage.id !== stageId) });
}

/** Moves a stage one place earlier (-1) or later (+1); at either end it stays. */
export function moveStage(pipeline: Pipeline, stageId: string, delta: -1 | 1): PipelineCheck {
  const from = pipeline.stages.findIndex((stage) => stage.id === stageId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= pipeline.stages.length) return validatePipeline(pipeline);
  const stages = [...pipeline.stages];
  [stages[from], stages[to]] = [stages[to]!, stages[from]!];
  return validatePipeline({ ...pipeline, stages });
}

/** Marks a stage closed-won, closed-lost or open. */
export function setStageOutcome(pipeline: Pipeline, stageId: string, outcome: 'won' | 'lost' | undefined): PipelineCheck {
  return validatePipeline({
    ...pipeline,
    stages: pipeline.stages.map((stage) => {
      if (stage.id !== stageId) return stage;
      const { outcome: _previous, ...open } = stage;
      return outcome ? { ...open, outcome } : open;
    }),
  });
}
