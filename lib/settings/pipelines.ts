/**
 * Configured pipelines, kept in storage.local like the value settings: they belong to this
 * browser profile. How the stored list is parsed and validated is lib/pipelines/pipeline-list.ts.
 */
import type { Pipeline } from '../pipelines/model';
import { parseStoredPipelines, PipelineList } from '../pipelines/pipeline-list';
import { localSetting } from './storage-key';

export const PIPELINES_KEY = 'settings:pipelines';

/**
 * Read forgivingly; saved whole and strictly (throws, nothing saved, if any pipeline is invalid or
 * two share an id); watched for changes from the options page or another window.
 */
export const {
  read: readPipelines,
  save: savePipelines,
  onChanged: onPipelinesChanged,
} = localSetting<Pipeline[], readonly Pipeline[]>(PIPELINES_KEY, parseStoredPipelines, (pipelines) => PipelineList.parse(pipelines));
