import { useId, useState, type FormEvent } from 'react';
import {
  addStage,
  moveStage,
  PIPELINE_TEMPLATE_IDS,
  PIPELINE_TEMPLATES,
  pipelineFromTemplate,
  removeStage,
  renameStage,
  setStageOutcome,
  validatePipeline,
  type Pipeline,
  type PipelineCheck,
  type PipelineTemplateId,
} from '@/lib/pipelines';
import { savePipelines } from '@/lib/settings/pipelines';
import { usePipelines } from './use-pipelines';
import './pipelines.css';

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Options → Pipelines: create one from a template, rename it, add, rename, reorder and remove
 * stages, mark closed stages, delete it. Every change is validated before it is saved.
 */
export function PipelinesSection() {
  const id = useId();
  const state = usePipelines();
  const [template, setTemplate] = useState<PipelineTemplateId>('sales');
  const [name, setName] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const pipelines = state.status === 'ready' ? state.pipelines : [];

  async function save(next: Pipeline[], done: string) {
    try {
      await savePipelines(next);
      setFeedback({ kind: 'ok', text: done });
    } catch (error) {
      setFeedback({ kind: 'error', text: `Nothing saved: ${message(error)}` });
    }
  }

  /** Applies an edit to one pipeline; saves it if it is valid, else says why not. */
  function apply(check: PipelineCheck, done: string): boolean {
    if (!check.ok) {
      setFeedback({ kind: 'error', text: `Nothing saved: ${check.problems.join(' ')}` });
      return false;
    }
    void save(
      pipelines.map((pipeline) => (pipeline.id === check.pipeline.id ? check.pipeline : pipeline)),
      done,
    );
    return true;
  }

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const created = pipelineFromTemplate(template, pipelines, name);
    void save([...pipelines, created], `Created ${created.name}.`).then(() => setName(''));
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="pipelines-section">
      <h2 id={`${id}-heading`}>Pipelines</h2>
      <p className="hint">
        Contacts (Recruiting) or deals (Sales) move through a pipeline’s stages on the board; each move is logged in History. A deal moved to a
        won stage is won.
      </p>
      {state.status === 'loading' ? <p role="status">Loading pipelines…</p> : null}
      {state.status === 'error' ? (
        <p role="alert" className="error">
          {state.message}
        </p>
      ) : null}
      <form className="pipeline-create" aria-label="Create a pipeline" onSubmit={create}>
        <div className="setting">
          <label htmlFor={`${id}-template`}>Template</label>
          <select id={`${id}-template`} value={template} onChange={(event) => setTemplate(event.target.value as PipelineTemplateId)}>
            {PIPELINE_TEMPLATE_IDS.map((option) => (
              <option key={option} value={option}>
                {PIPELINE_TEMPLATES[option].name} ({PIPELINE_TEMPLATES[option].stages.map((stage) => stage.label).join(', ')})
              </option>
            ))}
          </select>
        </div>
        <div className="setting">
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input id={`${id}-name`} type="text" maxLength={80} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <button type="submit">Create pipeline</button>
      </form>
      <p role="status" className={feedback?.kind === 'error' ? 'error' : 'muted'}>
        {feedback?.text ?? ''}
      </p>
      {state.status === 'ready' && pipelines.length === 0 ? <p className="muted">No pipelines yet: create one from a template above.</p> : null}
      {pipelines.map((pipeline) => (
        <PipelineEditor
          key={pipeline.id}
          pipeline={pipeline}
          apply={apply}
          onDelete={() => void save(pipelines.filter((other) => other.id !== pipeline.id), `Deleted ${pipeline.name}.`)}
        />
      ))}
    </section>
  );
}

function PipelineEditor(props: { pipeline: Pipeline; apply: (check: PipelineCheck, done: string) => boolean; onDelete: () => void }) {
  const { pipeline, apply, onDelete } = props;
  const id = useId();
  const [name, setName] = useState(pipeline.name);
  const [currency, setCurrency] = useState(pipeline.currency);
  const [newStage, setNewStage] = useState('');
  const [confirming, setConfirming] = useState(false);

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // One check and one save for both fields: two saves in a row would race on the stored list.
    apply(validatePipeline({ ...pipeline, name, currency: currency.trim().toUpperCase() }), `Saved ${name.trim() || pipeline.name}.`);
  }

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (apply(addStage(pipeline, newStage), `Added stage ${newStage.trim()}.`)) setNewStage('');
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="pipeline-editor">
      <h3 id={`${id}-heading`}>
        {pipeline.name} <span className="muted">({pipeline.kind === 'deals' ? 'deals' : 'people'})</span>
      </h3>
      <form className="pipeline-rename" aria-label={`Rename ${pipeline.name}`} onSubmit={rename}>
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" maxLength={80} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
        {pipeline.kind === 'deals' ? (
          <>
            <label htmlFor={`${id}-currency`}>Currency of totals</label>
            <input
              id={`${id}-currency`}
              type="text"
              maxLength={3}
              size={4}
              autoComplete="off"
              value={currency}
              onChange={(event) => setCurrency(event.target.value.toUpperCase())}
            />
          </>
        ) : null}
        <button type="submit" className="secondary">
          Save {pipeline.name}
        </button>
      </form>
      <ol className="pipeline-stages" aria-label={`${pipeline.name} stages`}>
        {pipeline.stages.map((stage, index) => (
          <StageRow
            key={stage.id}
            pipeline={pipeline}
            stageId={stage.id}
            label={stage.label}
            outcome={stage.outcome}
            first={index === 0}
            last={index === pipeline.stages.length - 1}
            apply={apply}
          />
        ))}
      </ol>
      <form className="pipeline-add-stage" aria-label={`Add a stage to ${pipeline.name}`} onSubmit={add}>
        <label htmlFor={`${id}-stage`}>New stage</label>
        <input id={`${id}-stage`} type="text" maxLength={60} autoComplete="off" value={newStage} onChange={(event) => setNewStage(event.target.value)} />
        <button type="submit" className="secondary">
          Add stage
        </button>
      </form>
      {confirming ? (
        <p className="pipeline-delete">
          Delete {pipeline.name}? People and deals in it keep their place but leave the board.{' '}
          <button type="button" onClick={onDelete}>
            Delete {pipeline.name}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </p>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Delete {pipeline.name}…
        </button>
      )}
    </section>
  );
}

function StageRow(props: {
  pipeline: Pipeline;
  stageId: string;
  label: string;
  outcome: 'won' | 'lost' | undefined;
  first: boolean;
  last: boolean;
  apply: (check: PipelineCheck, done: string) => boolean;
}) {
  const { pipeline, stageId, label, outcome, first, last, apply } = props;
  const id = useId();
  const [text, setText] = useState(label);
  const outcomeWords = pipeline.kind === 'deals' ? { won: 'Closed: won', lost: 'Closed: lost' } : { won: 'Closed: hired', lost: 'Closed: rejected' };

  return (
    <li className="pipeline-stage">
      <label htmlFor={`${id}-label`} className="visually-hidden">
        Name of stage {label}
      </label>
      <input
        id={`${id}-label`}
        type="text"
        maxLength={60}
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text.trim() !== label) apply(renameStage(pipeline, stageId, text), `Renamed stage to ${text.trim()}.`);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            (event.target as HTMLInputElement).blur();
          }
        }}
      />
      <label htmlFor={`${id}-outcome`} className="visually-hidden">
        Kind of stage {label}
      </label>
      <select
        id={`${id}-outcome`}
        value={outcome ?? ''}
        onChange={(event) => {
          const value = event.target.value === 'won' || event.target.value === 'lost' ? event.target.value : undefined;
          apply(setStageOutcome(pipeline, stageId, value), `Saved stage ${label}.`);
        }}
      >
        <option value="">Open</option>
        <option value="won">{outcomeWords.won}</option>
        <option value="lost">{outcomeWords.lost}</option>
      </select>
      <button type="button" className="secondary" disabled={first} aria-label={`Move ${label} earlier`} onClick={() => apply(moveStage(pipeline, stageId, -1), `Moved ${label} earlier.`)}>
        ↑
      </button>
      <button type="button" className="secondary" disabled={last} aria-label={`Move ${label} later`} onClick={() => apply(moveStage(pipeline, stageId, 1), `Moved ${label} later.`)}>
        ↓
      </button>
      <button type="button" className="secondary" aria-label={`Remove stage ${label}`} onClick={() => apply(removeStage(pipeline, stageId), `Removed stage ${label}.`)}>
        Remove
      </button>
    </li>
  );
}
