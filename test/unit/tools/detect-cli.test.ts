import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/pages/${name}`, import.meta.url));

function runDetect(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'tools/detect.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
}

describe('npm run detect', () => {
  it('prints the people of a fixture page as the expected JSON', () => {
    const result = runDetect(fixture('team.html'), '--url', 'https://analyticalengines.co.uk/team');
    expect(result.status).toBe(0);
    // `limits` was added to the output (issue 15): nothing was cut on this page.
    expect(JSON.parse(result.stdout)).toEqual({ ...JSON.parse(readFileSync(fixture('team.expected.json'), 'utf8')), limits: [] });
  });

  it('says which caps a page reached', () => {
    const links = Array.from({ length: 2_100 }, (_, i) => `<li><a href="tel:+1415555${String(i).padStart(4, '0')}">call</a></li>`).join('');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/detect.ts', '-', '--url', 'https://directory.northwind-traders.com/'], {
      cwd: repoRoot,
      encoding: 'utf8',
      input: `<!doctype html><html><body><ul>${links}</ul></body></html>`,
    });
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { contacts: unknown[]; limits: unknown[] };
    expect(output.contacts).toHaveLength(500);
    expect(output.limits).toEqual([
      { what: 'people', read: 500, found: 2_000 },
      { what: 'phone-links', read: 2_000, found: 2_100 },
    ]);
  });

  it('adds "reader" when a webmail page was read by the generic fallback, and only then', () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmrHLnTNqvKLzfXvCLmN';
    const renamed = JSON.parse(runDetect(fixture('gmail-thread-renamed.html'), '--url', url).stdout) as { reader?: Record<string, unknown> };
    expect(renamed.reader).toMatchObject({ site: 'gmail', fallback: true, missing: 'the open thread’s subject', outline: expect.stringContaining('[role=main]') });
    expect(JSON.parse(runDetect(fixture('gmail-thread.html'), '--url', url).stdout)).not.toHaveProperty('reader');
  });

  it('fails with exit code 2 and a message on a missing file or a bad URL', () => {
    const missing = runDetect('no-such-page.html');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read no-such-page.html');
    const badUrl = runDetect(fixture('team.html'), '--url', 'not a url');
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain('not a URL');
  });
});
