import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { DetectionLimit } from '@/lib/model/detected';
import { page } from './page';

/*
 * Limits that say so (issue 15, item 6): every cap lib/detect stops at is reported on the result,
 * with what was read of how much the page has; nothing is reported when no cap was reached.
 */

const URL_OF_PAGE = 'https://www.northwind-traders.com/directory';
const jsonLd = (data: unknown) => `<script type="application/ld+json">${typeof data === 'string' ? data : JSON.stringify(data)}</script>`;

describe('limits that say so', () => {
  it('reports 200 of 50,000 addresses read on a page that lists 50,000', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `<li>p${i}@northwind.co</li>`).join('');
    const result = detect(page(`<ul>${rows}</ul>`), URL_OF_PAGE);
    expect(result.contacts).toHaveLength(200);
    expect(result.limits).toEqual([{ what: 'addresses', read: 200, found: 50_000 }]);
    for (const limit of result.limits ?? []) DetectionLimit.parse(limit);
  });

  it('reports nothing when no cap was reached', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `<li>p${i}@northwind.co</li>`).join('');
    const result = detect(page(`<ul>${rows}</ul>`), URL_OF_PAGE);
    expect(result.contacts).toHaveLength(150);
    expect(result).not.toHaveProperty('limits');
  });

  it('finds a valid JSON-LD Person after 50 broken blocks: broken blocks do not use up the budget', () => {
    const broken = Array.from({ length: 50 }, (_, i) => jsonLd(`{ "@type": "Person", "name": "Broken ${i}", `)).join('');
    const result = detect(page('', broken + jsonLd({ '@type': 'Person', name: 'Grace Hopper', email: 'grace@navy-computing.org' })), URL_OF_PAGE);
    expect(result.contacts).toEqual([expect.objectContaining({ name: 'Grace Hopper', emails: ['grace@navy-computing.org'] })]);
    expect(result).not.toHaveProperty('limits');
  });

  it('reports the JSON-LD blocks left unread after 50 valid ones', () => {
    const valid = Array.from({ length: 60 }, (_, i) => jsonLd({ '@type': 'WebPage', name: `Page ${i}` })).join('');
    const result = detect(page('', valid + jsonLd({ '@type': 'Person', name: 'Grace Hopper', email: 'grace@navy-computing.org' })), URL_OF_PAGE);
    expect(result.contacts).toEqual([]);
    expect(result.limits).toEqual([{ what: 'json-ld', read: 50, found: 61 }]);
  });

  it('reports cards, schema.org people and people past their caps', () => {
    const cards = Array.from({ length: 520 }, (_, i) => `<div class="h-card"><span class="p-name">Person ${i}</span></div>`).join('');
    const items = Array.from({ length: 510 }, (_, i) => `<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Member ${i}</span></div>`).join('');
    const result = detect(page(cards + items), URL_OF_PAGE);
    expect(result.contacts).toHaveLength(500);
    expect(result.limits).toEqual([
      { what: 'people', read: 500, found: 1_000 },
      { what: 'cards', read: 500, found: 520 },
      { what: 'items', read: 500, found: 510 },
    ]);
  });

  it('reports rel=me links past the cap', () => {
    const links = Array.from({ length: 230 }, (_, i) => `<a rel="me" href="https://social${i}.northwind.co/@ada">x</a>`).join('');
    expect(detect(page(links), URL_OF_PAGE).limits).toEqual([{ what: 'rel-me-links', read: 200, found: 230 }]);
  });
});
