import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { schemaOrgDetector } from '@/lib/detect/detectors/schema-org';
import { requireSharedSet } from '../../shared-data';

/*
 * The schema.org site's own examples mentioning Person: the microdata and JSON-LD variants of
 * one example must yield the same people (name, emails, phones, company, title, location, photo,
 * profiles, role); the plain-HTML ("pre-markup") variants must yield no schema.org detection.
 */

const set = requireSharedSet('conformance', 'schemaorg-person-examples');

interface Example {
  id: string;
  files: Partial<Record<'PRE-MARKUP' | 'MICRODATA' | 'RDFA' | 'JSON', string>>;
}

/**
 * Where the schema.org editors' two variants really say different things (checked by hand), so
 * no reader can make them agree.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'eg-0186': 'JSON-LD names the accepted answer\'s author "someuser", microdata "anotheruser"',
  'eg-0209': 'JSON-LD gives the author as a plain string, microdata as a Person item',
  'eg-0255': 'microdata gives the creator as plain text, JSON-LD as a Person with sameAs',
  'eg-0306': 'microdata gives the author as plain text, JSON-LD as a Person item',
  // Where a person sits on the page is a role only markup in the page has: JSON-LD has no place.
  'eg-0328': 'only the microdata Person sits on the page, under "Contact Name:" (role contact)',
  'eg-0329': 'only the microdata Person sits on the page, under "Contact Name:" (role contact)',
  'eg-0476': 'the variants link different URLs (www. or not, /en) and only JSON-LD has the image',
};

/** The examples use reserved domains, which the product rejects by design: both variants move off them. */
const unreserve = (text: string) => text.replace(/\bexample\.(com|org|net)\b/g, 'sample-site.$1');

function people(file: string) {
  const html = unreserve(readFileSync(join(set!, 'examples', file), 'utf8'));
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return schemaOrgDetector.detect(document, new URL('https://schema-examples.org/page')).map(({ evidence: _evidence, ...person }) => person);
}

/** The same people in any order: variants list properties (and so nested people) in different orders. */
const asSet = (found: object[]) => found.map((person) => JSON.stringify(person)).sort();

describe.skipIf(!set)('schema.org Person examples', () => {
  const examples = set ? (JSON.parse(readFileSync(join(set, 'index.json'), 'utf8')) as Example[]) : [];
  // Many examples are "JSON only": their microdata file says so instead of marking anything up.
  const pairs = examples.filter(
    (example) => example.files.MICRODATA && example.files.JSON && /itemscope/i.test(readFileSync(join(set!, 'examples', example.files.MICRODATA), 'utf8')),
  );

  it('has the examples it is meant to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(200);
    expect(pairs.length).toBeGreaterThanOrEqual(40);
  });

  it('reads the same people from the microdata and the JSON-LD variant of each example', () => {
    const disagreeing: string[] = [];
    let agreeing = 0;
    for (const example of pairs) {
      const fromMicrodata = people(example.files.MICRODATA!);
      const fromJsonLd = people(example.files.JSON!);
      if (JSON.stringify(asSet(fromMicrodata)) === JSON.stringify(asSet(fromJsonLd))) agreeing++;
      else if (!KNOWN_DIFFERENCES[example.id]) disagreeing.push(`${example.id}\n  microdata: ${JSON.stringify(fromMicrodata)}\n  JSON-LD:   ${JSON.stringify(fromJsonLd)}`);
    }
    console.info(
      `schema.org examples: microdata and JSON-LD agree on ${agreeing}/${pairs.length} ` +
        `(${Object.keys(KNOWN_DIFFERENCES).length} known to differ in the source, ${disagreeing.length} other)`,
    );
    expect(disagreeing).toEqual([]);
  });

  it('finds the person of eg-0001 with every field, the same from both variants', () => {
    const expected = {
      name: 'Jane Doe',
      emails: ['jane-doe@xyz.edu'],
      phones: ['4251234567'],
      title: 'Professor',
      location: 'Seattle, WA',
      photo: 'https://schema-examples.org/janedoe.jpg',
      profiles: [{ kind: 'website', url: 'http://www.janedoe.com' }],
    };
    expect(people('eg-0001.microdata.html')).toEqual([expected]);
    expect(people('eg-0001.jsonld.html')).toEqual([expected]);
  });

  it('reads sender and recipients of an email message with their roles (eg-0343)', () => {
    const found = people('eg-0343.jsonld.html').map(({ name, emails, role }) => ({ name, emails, role }));
    expect(found).toEqual([
      { name: 'Dom Portwood', emails: ['dportwood@sample-site.com'], role: 'from' },
      { name: 'Peter Gibbons', emails: ['pgibbons@sample-site.com'], role: 'to' },
      { name: 'Bill Lumbergh', emails: ['blumbergh@sample-site.com'], role: 'cc' },
    ]);
    expect(people('eg-0343.microdata.html').map(({ name, role }) => ({ name, role }))).toEqual(found.map(({ name, role }) => ({ name, role })));
  });

  it('finds no schema.org person in any plain-HTML variant', () => {
    const withDetections = examples
      .filter((example) => example.files['PRE-MARKUP'])
      .filter((example) => {
        const html = readFileSync(join(set!, 'examples', example.files['PRE-MARKUP']!), 'utf8');
        const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
        return detect(document, 'https://schema-examples.org/page').contacts.some((contact) =>
          (contact.evidence ?? []).some((evidence) => evidence.detector === 'schema-org'),
        );
      })
      .map((example) => example.id);
    expect(withDetections).toEqual([]);
  });
});
