import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_MATCHES, LOCAL_PAGE_MATCHES } from '@/lib/detect/hosts';
import { addLocalPageAccess } from '../../../wxt.config';

const releaseScripts = () => [{ matches: ['https://mail.google.com/*'], js: ['content-scripts/gmail.js'] }];

describe('host access', () => {
  it('release builds read only the supported sites', () => {
    const manifest = { content_scripts: releaseScripts() };
    addLocalPageAccess('production', manifest);
    expect(manifest.content_scripts).toEqual(releaseScripts());
    expect(CONTENT_SCRIPT_MATCHES.some((pattern) => /localhost|127\.0\.0\.1|<all_urls>|^\*:|^https?:\/\/\*\/\*$/.test(pattern))).toBe(false);
  });

  it('local builds (npm start, e2e) also run the page script on localhost', () => {
    const manifest = { content_scripts: releaseScripts() };
    addLocalPageAccess('local-pages', manifest);
    expect(manifest.content_scripts).toEqual([
      ...releaseScripts(),
      { matches: LOCAL_PAGE_MATCHES, js: ['content-scripts/page.js'], run_at: 'document_idle' },
    ]);
  });
});
