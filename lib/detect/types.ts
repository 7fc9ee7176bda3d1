import type { DetectedContactInput } from '../model/detected';

/**
 * Every detector and site adapter has this shape: where it applies, and a pure, synchronous
 * read of a DOM. It must not throw on broken markup (the scheduler guards anyway) and must not
 * touch anything outside `root`.
 */
export interface Detector {
  name: string;
  matches(url: URL): boolean;
  detect(root: ParentNode, url: URL): DetectedContactInput[];
}

export interface DetectionResult {
  contacts: DetectedContactInput[];
}
