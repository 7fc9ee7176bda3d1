import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { SITES } from '@/lib/detect/sites';
import { DetectedContact, DetectionReader, PageContext } from '@/lib/model/detected';
import { pinTimeZone } from '../time-zone';

/*
 * Every site reader's fixture pages (declared in lib/detect/sites/<site>.ts) against their
 * hand-written *.expected.json; the format is described in test/fixtures/pages/README.md.
 */

const pagesDir = fileURLToPath(new URL('../../../fixtures/pages/', import.meta.url));
const pages = SITES.flatMap((site) => site.fixtures);

interface Expected {
  url: string;
  contacts: DetectedContact[];
  context?: PageContext;
  /** A reading by the generic mail fallback: which site's, and what the site's reader missed (the outline is checked apart). */
  reader?: Omit<DetectionReader, 'outline'>;
}

function read(name: string): { html: string; expected: Expected } {
  const html = readFileSync(`${pagesDir}${name}`, 'utf8');
  const expected = JSON.parse(readFileSync(`${pagesDir}${name.replace(/\.html$/, '.expected.json')}`, 'utf8')) as Expected;
  return { html, expected };
}

/** Evidence from detectors the file does not name is left out (see the README): new generic detectors add evidence, not people. */
function withNamedEvidence(contacts: DetectedContact[], named: Set<string>): DetectedContact[] {
  return contacts.map((contact) => ({ ...contact, evidence: contact.evidence.filter((item) => named.has(item.detector)) }));
}

// Webmail shows local wall-clock times; the expected dates are written for UTC.
pinTimeZone('UTC');

describe('site fixture pages', () => {
  it('has a page for every site, each with its expected file', () => {
    for (const site of SITES) expect(site.fixtures.length, site.name).toBeGreaterThan(0);
    for (const name of pages) {
      expect(existsSync(`${pagesDir}${name.replace(/\.html$/, '.expected.json')}`), name).toBe(true);
    }
  });

  it.each(pages)('%s: detect() finds the expected people and context', (name) => {
    const { html, expected } = read(name);
    const { document } = parseHTML(html);
    const result = detect(document, expected.url);

    const contacts = result.contacts.map((contact) => DetectedContact.parse(contact));
    const named = new Set(expected.contacts.flatMap((contact) => contact.evidence.map((item) => item.detector)));
    expect(withNamedEvidence(contacts, named)).toEqual(expected.contacts);

    const context = result.context ? PageContext.parse(result.context) : undefined;
    expect(context).toEqual(expected.context);

    const reader = result.reader ? DetectionReader.parse(result.reader) : undefined;
    expect(reader && { site: reader.site, fallback: reader.fallback, missing: reader.missing }).toEqual(expected.reader);
    if (reader) expect(reader.outline).not.toBe('');
  });
});
