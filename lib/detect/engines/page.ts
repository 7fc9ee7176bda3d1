import { GENERIC_DETECTORS } from '../detectors';
import type { DetectionEngine } from '../engine';

/** Any other page (read on demand or on an opted-in site): every open-standard detector. */
export const PAGE_ENGINE: DetectionEngine = { adapters: [], detectors: GENERIC_DETECTORS };
