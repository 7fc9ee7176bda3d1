import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { DetectedContact } from '@/lib/model/detected';

/*
 * Every generic fixture page (test/fixtures/pages/generic-*.html) against its hand-written
 * generic-*.expected.json, in the format `npm run -s detect -- FILE --url URL` prints: each
 * contact parsed by the model, as the background does. A page says where it was served from with
 * `<link rel="canonical">`, the URL it is detected at.
 */

const pagesDir = fileURLToPath(new URL('../../fixtures/pages/', import.meta.url));
const pages = readdirSync(pagesDir)
  .filter((name) => /^generic-.+\.html$/.test(name))
  .sort();

describe('generic fixture pages', () => {
  it('has a page for each generic detector, each with its expected file', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const name of pages) expect(readdirSync(pagesDir)).toContain(name.replace(/\.html$/, '.expected.json'));
  });

  it.each(pages)('%s: detect() prints the expected people', (name) => {
    const { document } = parseHTML(readFileSync(`${pagesDir}${name}`, 'utf8'));
    const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
    expect(url, 'the page names its URL').toBeTruthy();
    const contacts = detect(document, url!).contacts.map((contact) => DetectedContact.parse(contact));
    const expected = JSON.parse(readFileSync(`${pagesDir}${name.replace(/\.html$/, '.expected.json')}`, 'utf8')) as { contacts: unknown[] };
    expect(JSON.parse(JSON.stringify({ contacts }))).toEqual(expected);
  });
});
