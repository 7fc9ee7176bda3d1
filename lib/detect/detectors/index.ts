import type { Detector } from '../types';
import { authorDetector } from './author';
import { hcardDetector } from './hcard';
import { mailtoDetector } from './mailto';
import { relMeDetector } from './rel-me';
import { schemaOrgDetector } from './schema-org';
import { telDetector } from './tel';
import { textDetector } from './text';

/**
 * The open-standard detectors, run on every page after the site adapters. Structured markup
 * first, so its reading of a person (full name, company, title) is the one merged detections
 * start from; then the page's authors (meta, bylines); links next; plain text last, and only for addresses nothing else reported (merge
 * drops a text sighting of an address a structured detector found).
 */
export const GENERIC_DETECTORS: readonly Detector[] = [
  hcardDetector,
  schemaOrgDetector,
  authorDetector,
  relMeDetector,
  mailtoDetector,
  telDetector,
  textDetector,
];
