import type { DetectionEngine } from '../engine';
import type { SiteEngine } from '../sites/site';
import { CALENDAR_ENGINE } from './calendar';
import { GMAIL_ENGINE } from './gmail';
import { OUTLOOK_ENGINE } from './outlook';
import { PROFILES_ENGINE } from './profiles';

/**
 * The engine of each content script that carries site readers, by the name sites declare as
 * their `engine`. Each engine file imports its own adapters (a runtime filter of one list would
 * put every site's DOM code in every content script); the registry test checks each carries
 * exactly the sites that name it.
 */
export const SITE_ENGINES: Record<SiteEngine, DetectionEngine> = {
  gmail: GMAIL_ENGINE,
  outlook: OUTLOOK_ENGINE,
  profiles: PROFILES_ENGINE,
  calendar: CALENDAR_ENGINE,
};
