import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_MATCHES, LOCAL_PAGE_MATCHES } from '@/lib/detect/hosts';
import { addLocalPageAccess } from '../../../wxt.config';

describe('host access', () => {
  it('release builds read only the supported sites', () => {
    const manifest = { content_scripts: [{ matches: [...CONTENT_SCRIPT_MATCHES] }] };
    addLocalPageAccess('production', manifest);
    expect(manifest.content_scripts[0]?.matches).toEqual(CONTENT_SCRIPT_MATCHES);
    expect(CONTENT_SCRIPT_MATCHES.some((pattern) => /localhost|127\.0\.0\.1/.test(pattern))).toBe(false);
  });

  it('local builds (npm start, e2e) also read pages on localhost', () => {
    const manifest = { content_scripts: [{ matches: [...CONTENT_SCRIPT_MATCHES] }] };
    addLocalPageAccess('local-pages', manifest);
    expect(manifest.content_scripts[0]?.matches).toEqual([...CONTENT_SCRIPT_MATCHES, ...LOCAL_PAGE_MATCHES]);
  });
});
