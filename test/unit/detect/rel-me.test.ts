import { describe, expect, it } from 'vitest';
import { relMeDetector } from '@/lib/detect/detectors/rel-me';
import { page, PAGE_URL } from './page';

describe('rel=me detector', () => {
  it('makes one person, the page subject, of every rel=me link, address and number', () => {
    const found = relMeDetector.detect(
      page(
        `<a rel="me" href="https://github.com/ada/">GitHub</a> <a rel="ME noopener" href="/about">About</a>
         <a rel="me" href="mailto:Ada@Engines.co.uk">mail</a> <a rel="me" href="tel:+44 20 7946 0000">call</a>
         <a rel="met" href="https://grace.example-navy.net">Grace</a> <a rel="home" href="/">Home</a>`,
        '<link rel="me" href="https://mastodon.social/@ada">',
      ),
      PAGE_URL,
    );
    expect(found).toEqual([
      {
        emails: ['ada@engines.co.uk'],
        phones: ['+442079460000'],
        profiles: [
          { kind: 'mastodon', url: 'https://mastodon.social/@ada' },
          { kind: 'github', url: 'https://github.com/ada' },
          { kind: 'website', url: 'https://www.northwind-traders.com/about' },
        ],
        role: 'subject',
        evidence: [
          { detector: 'rel-me', element: 'link' },
          { detector: 'rel-me', element: 'a' },
          { detector: 'rel-me', element: 'a' },
          { detector: 'rel-me', element: 'a' },
          { detector: 'rel-me', element: 'a' },
        ],
      },
    ]);
  });

  it('reports nothing when no rel=me link leads anywhere usable', () => {
    expect(relMeDetector.detect(page('<a rel="me" href="javascript:void 0">x</a><a rel="me" href="http://example.com/me">y</a><a rel="me">z</a>'), PAGE_URL)).toEqual([]);
    expect(relMeDetector.detect(page('<a rel="nofollow" href="https://github.com/ada">x</a>'), PAGE_URL)).toEqual([]);
  });
});
