import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { addressAt, textDetector } from '@/lib/detect/detectors/text';
import { page, PAGE_URL } from './page';

const addressesIn = (text: string) => {
  const found: string[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const address = addressAt(text, at);
    if (address) found.push(address);
  }
  return found;
};

describe('addressAt', () => {
  it.each([
    ['Write to Ada@Engines.co.uk.', ['ada@engines.co.uk']],
    ['(grace.hopper+navy@cobol-navy.net), or', ['grace.hopper+navy@cobol-navy.net']],
    ['Email: ada@engines.co.uk: she answers', ['ada@engines.co.uk']],
    ['mailto:ada@engines.co.uk', ['ada@engines.co.uk']],
    ['...ada@engines.co.uk', ['ada@engines.co.uk']],
    ['a@b.co and c@d.co', ['a@b.co', 'c@d.co']],
    ['git@github.com:org/repo.git', []],
    ['https://deploy@engines.co.uk/repo', []],
    ['ssh://admin@engines.co.uk:22', []],
    ['user@host:8080', []],
    ['logo@2x.png lodash@4.17.21 @media @ada', []],
    ['a@b@c.org', []],
    [`${'x'.repeat(65)}@engines.co.uk`, []],
    ['ada@engines.co.uk/path', []],
  ])('%j → %j', (text, expected) => {
    expect(addressesIn(text)).toEqual(expected);
  });
});

describe('text detector', () => {
  it('reads addresses in text, one detection per address, skipping code, scripts and form fields', () => {
    const found = textDetector.detect(
      page(`<p>Ada: ada@engines.co.uk</p><p>Again <b>ada@engines.co.uk</b></p>
        <pre>root@engines.co.uk</pre><code>dev@engines.co.uk</code><kbd>k@engines.co.uk</kbd>
        <textarea>draft@engines.co.uk</textarea><script>x = "s@engines.co.uk"</script><style>/* st@engines.co.uk */</style>
        <div><code><span>deep@engines.co.uk</span></code></div>`),
      PAGE_URL,
    );
    expect(found).toEqual([
      {
        emails: ['ada@engines.co.uk'],
        evidence: [
          { detector: 'text', element: 'p' },
          { detector: 'text', element: 'b' },
        ],
      },
    ]);
  });

  it('is dropped where a structured detector found the same address', () => {
    const { contacts } = detect(
      page('<p>Mail <a href="mailto:ada@engines.co.uk">Ada Lovelace</a> at ada@engines.co.uk, or grace@navy.net</p>'),
      PAGE_URL.href,
    );
    expect(contacts).toEqual([
      { name: 'Ada Lovelace', emails: ['ada@engines.co.uk'], evidence: [{ detector: 'mailto', element: 'a' }] },
      { emails: ['grace@navy.net'], evidence: [{ detector: 'text', element: 'p' }] },
    ]);
  });

  it('bounds its work on a page full of "@"', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `p${i}@engines${i}.co.uk`).join(' ');
    const started = performance.now();
    const found = textDetector.detect(page(`<p>${text}</p>`), PAGE_URL);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(found.length).toBeLessThanOrEqual(200);
    expect(found.length).toBeGreaterThan(100);
  });
});
