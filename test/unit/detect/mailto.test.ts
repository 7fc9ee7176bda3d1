// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { addressesFromMailto } from '@/lib/detect/detectors/mailto';
import { nameFromLinkText } from '@/lib/detect/text';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('mailto detector', () => {
  it('reads the address and a name-like link text', () => {
    const { contacts } = detect(page('<a href="mailto:Ada@Example.org">Ada Lovelace</a>'), 'https://example.org/');
    expect(contacts).toEqual([
      { name: 'Ada Lovelace', emails: ['ada@example.org'], evidence: [{ detector: 'mailto', element: 'a' }] },
    ]);
  });

  it('drops link text that is a call to action or the address itself', () => {
    const { contacts } = detect(
      page('<a href="mailto:a@example.org">Email us</a><a href="mailto:b@example.org">b@example.org</a>'),
      'https://example.org/',
    );
    expect(contacts.map((c) => [c.name, c.emails])).toEqual([
      [undefined, ['a@example.org']],
      [undefined, ['b@example.org']],
    ]);
  });

  it('merges several links to one person into one detection with all the evidence', () => {
    const { contacts } = detect(
      page('<a id="x" href="mailto:ada@example.org">Ada Lovelace</a><a class="f" href="MAILTO:ADA@example.org">Write</a>'),
      'https://example.org/',
    );
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.name).toBe('Ada Lovelace');
    expect(contacts[0]?.evidence).toEqual([
      { detector: 'mailto', element: 'a#x' },
      { detector: 'mailto', element: 'a.f' },
    ]);
  });

  it('skips broken mailto links without throwing', () => {
    const { contacts } = detect(
      page('<a href="mailto:">x</a><a href="mailto:%E0%A4%A">bad escape</a><a href="mailto:no-at-sign">n</a>'),
      'https://example.org/',
    );
    expect(contacts).toEqual([]);
  });

  it('returns nothing for an unparseable page URL', () => {
    expect(detect(page('<a href="mailto:a@example.org">A</a>'), 'not a url')).toEqual({ contacts: [] });
  });

  it('reads 5,000 mailto links quickly and caps what one page reports', () => {
    const links = Array.from({ length: 5000 }, (_, i) => `<a href="mailto:p${i}@example.org">Person ${i}</a>`);
    const started = performance.now();
    const { contacts } = detect(page(links.join('')), 'https://example.org/');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(contacts).toHaveLength(500);
  });
});

describe('addressesFromMailto', () => {
  it('splits several recipients and ignores the query', () => {
    expect(addressesFromMailto('mailto:a@x.org,%20B@y.org?subject=hi&cc=c@z.org')).toEqual(['a@x.org', 'b@y.org']);
  });
});

describe('nameFromLinkText', () => {
  it.each([
    ['Ada Lovelace', 'Ada Lovelace'],
    ['  Grace   Hopper ', 'Grace Hopper'],
    ["Seán O'Brien-Ó", "Seán O'Brien-Ó"],
    ['Email us', undefined],
    ['Contact', undefined],
    ['ada@example.org', undefined],
    ['Call 555 0100', undefined],
    ['one two three four five six', undefined],
  ])('%j → %j', (text, expected) => {
    expect(nameFromLinkText(text)).toBe(expected);
  });
});
