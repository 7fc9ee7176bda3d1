import type { Detector } from '../types';
import { mailtoDetector } from './mailto';

/** The open-standard detectors, run on every page after the site adapters. */
export const GENERIC_DETECTORS: readonly Detector[] = [mailtoDetector];
