// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath, URL as NodeURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { DetectedContact } from '@/lib/model/detected';

/*
 * The generic fixture pages again, over happy-dom's DOMParser instead of linkedom: the detectors
 * use only standard DOM calls, so a browser-like DOM must give the same people.
 */

const pagesDir = fileURLToPath(new NodeURL('../../fixtures/pages/', import.meta.url));
const pages = readdirSync(pagesDir)
  .filter((name) => /^generic-.+\.html$/.test(name))
  .sort();

describe('generic fixture pages over a browser-like DOM', () => {
  it.each(pages)('%s', (name) => {
    const document = new DOMParser().parseFromString(readFileSync(`${pagesDir}${name}`, 'utf8'), 'text/html');
    const url = document.querySelector('link[rel="canonical"]')!.getAttribute('href')!;
    const contacts = detect(document, url).contacts.map((contact) => DetectedContact.parse(contact));
    const expected = JSON.parse(readFileSync(`${pagesDir}${name.replace(/\.html$/, '.expected.json')}`, 'utf8')) as { contacts: unknown[] };
    expect(JSON.parse(JSON.stringify({ contacts }))).toEqual(expected);
  });
});
