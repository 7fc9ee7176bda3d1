import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applySourceEdits, LINT_CLEAN_EDITS } from '../../../wxt.config';

const require = createRequire(import.meta.url);
const zodUtil = require.resolve('zod/v4/core').replace(/index\.c?js$/, 'util.js');
const reactDom = require.resolve('react-dom/client').replace(/client\.js$/, 'cjs/react-dom-client.production.js');

describe('dependencies edited so web-ext lint reports nothing', () => {
  it('zod’s eval probe answers false without the Function constructor', () => {
    const source = readFileSync(zodUtil.replace(/\.cjs$/, '.js'), 'utf8');
    const edited = applySourceEdits(source, zodUtil.replace(/\.cjs$/, '.js'))!;
    expect(edited).not.toMatch(/new F\(""\)/);
    expect(edited).toContain('return false; // sidebar-crm');
  });

  it('React DOM’s production build throws instead of setting innerHTML', () => {
    const edited = applySourceEdits(readFileSync(reactDom, 'utf8'), reactDom)!;
    expect(edited).not.toMatch(/innerHTML = key/);
    expect(edited.match(/dangerouslySetInnerHTML is not allowed/g)).toHaveLength(2);
  });

  it('a dependency whose code changed fails the build instead of shipping unedited', () => {
    expect(() => applySourceEdits('export const nothing = 1;', '/x/node_modules/zod/v4/core/util.js')).toThrow(/expected 1 match/);
    expect(applySourceEdits('anything', '/x/src/app.ts')).toBeNull();
    expect(LINT_CLEAN_EDITS).toHaveLength(2);
  });
});
