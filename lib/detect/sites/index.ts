import type { SiteAdapter } from '../types';
import { gitHubAdapter } from './github';
import { gmailAdapter } from './gmail';
import { linkedInAdapter } from './linkedin';
import { outlookAdapter } from './outlook';

/** The site adapters; the first whose `matches` accepts the URL reads the page. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [gmailAdapter, outlookAdapter, linkedInAdapter, gitHubAdapter];
