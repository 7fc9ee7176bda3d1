// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { addressesFromMailto } from '@/lib/detect/detectors/mailto';
import { nameFromLinkText } from '@/lib/detect/field-values';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('mailto detector', () => {
  it('reads the address and a name-like link text', () => {
    const { contacts } = detect(page('<a href="mailto:Ada@Engines.co.uk">Ada Lovelace</a>'), 'https://example.org/');
    expect(contacts).toEqual([
      { name: 'Ada Lovelace', emails: ['ada@engines.co.uk'], evidence: [{ detector: 'mailto', element: 'a' }] },
    ]);
  });

  it('drops link text that is a call to action or the address itself', () => {
    const { contacts } = detect(
      page('<a href="mailto:a@engines.co.uk">Email us</a><a href="mailto:b@engines.co.uk">b@engines.co.uk</a>'),
      'https://example.org/',
    );
    expect(contacts.map((c) => [c.name, c.emails])).toEqual([
      [undefined, ['a@engines.co.uk']],
      [undefined, ['b@engines.co.uk']],
    ]);
  });

  it('merges several links to one person into one detection with all the evidence', () => {
    const { contacts } = detect(
      page('<a id="x" href="mailto:ada@engines.co.uk">Ada Lovelace</a><a class="f" href="MAILTO:ADA@engines.co.uk">Write</a>'),
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

  it('applies the rules: no reserved, robot or asset addresses, no links inside code', () => {
    const { contacts } = detect(
      page(
        '<a href="mailto:jane@example.com">Jane Doe</a><a href="mailto:noreply@shop.com,ada@engines.co.uk">Shop</a>' +
          '<a href="mailto:logo@2x.png">logo</a><pre><a href="mailto:root@engines.co.uk">root</a></pre><code><a href="mailto:dev@engines.co.uk">dev</a></code>',
      ),
      'https://example.org/',
    );
    expect(contacts.map((contact) => contact.emails)).toEqual([['ada@engines.co.uk']]);
  });

  it('returns nothing for an unparseable page URL', () => {
    expect(detect(page('<a href="mailto:a@engines.co.uk">A</a>'), 'not a url')).toEqual({ contacts: [] });
  });

  it('reads 5,000 mailto links quickly and caps what one page reports', () => {
    const links = Array.from({ length: 5000 }, (_, i) => `<a href="mailto:p${i}@engines.co.uk">Person ${i}</a>`);
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
    ['ada@engines.co.uk', undefined],
    ['Call 555 0100', undefined],
    ['one two three four five six', undefined],
  ])('%j → %j', (text, expected) => {
    expect(nameFromLinkText(text)).toBe(expected);
  });
});
