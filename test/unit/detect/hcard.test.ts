import { describe, expect, it } from 'vitest';
import { hcardDetector } from '@/lib/detect/detectors/hcard';
import { page, PAGE_URL } from './page';

const detect = (body: string, head = '') => hcardDetector.detect(page(body, head), PAGE_URL);

describe('h-card detector', () => {
  it('reads a microformats2 card: name, email, tel, org, title, url, photo, location', () => {
    expect(
      detect(`<div class="h-card">
        <img class="u-photo" src="/p/ada.jpg" alt="">
        <a class="p-name u-url" href="/people/ada">Ada Lovelace</a>
        <span class="p-job-title">Analyst</span> at <span class="p-org">Analytical Engines</span>
        <a class="u-email" href="mailto:ADA@engines.co.uk?subject=Hi">write</a>
        <span class="p-tel">+44 20 7946 0000</span>
        <span class="p-locality">London</span>, <span class="p-country-name">UK</span>
        <a class="u-url" href="https://github.com/ada/">GitHub</a>
      </div>`),
    ).toEqual([
      {
        name: 'Ada Lovelace',
        emails: ['ada@engines.co.uk'],
        phones: ['+442079460000'],
        company: 'Analytical Engines',
        title: 'Analyst',
        location: 'London, UK',
        photo: 'https://www.northwind-traders.com/p/ada.jpg',
        profiles: [
          { kind: 'website', url: 'https://www.northwind-traders.com/people/ada' },
          { kind: 'github', url: 'https://github.com/ada' },
        ],
        evidence: [{ detector: 'h-card', element: 'div.h-card' }],
      },
    ]);
  });

  it('reads a classic hCard with the value-class pattern and n parts', () => {
    const [person] = detect(`<div class="vcard">
      <a class="url fn n" href="https://grace.navy.mil/"><span class="given-name">Grace</span> <span class="family-name">Hopper</span></a>
      <div class="tel"><span class="type">work</span> <abbr class="value" title="+1-202-555-0142">office</abbr></div>
      <div class="org"><span class="organization-name">US Navy</span></div>
      <span class="title">Rear Admiral</span>
      <div class="adr"><span class="locality">Arlington</span>, <abbr class="region" title="Virginia">VA</abbr></div>
    </div>`);
    expect(person).toMatchObject({
      name: 'Grace Hopper',
      phones: ['+12025550142'],
      company: 'US Navy',
      title: 'Rear Admiral',
      location: 'Arlington, Virginia',
      profiles: [{ kind: 'website', url: 'https://grace.navy.mil' }],
    });
  });

  it('finds a p-author h-card inside an h-entry, and child cards, but not organisation cards', () => {
    const found = detect(`
      <article class="h-entry"><h1 class="p-name">A post</h1>
        <a class="p-author h-card" href="https://maja-berg.se">Maja Berg</a></article>
      <div class="h-card"><span class="p-name">Chidi Okafor</span>
        <a class="p-org h-card" href="https://lo.se">Lindqvist &amp; Okafor</a></div>
      <div class="h-card h-org"><span class="p-name">Acme</span></div>
      <div class="vcard"><span class="fn org">Acme Widgets Ltd</span></div>`);
    expect(found.map(({ name, company }) => ({ name, company }))).toEqual([
      { name: 'Maja Berg', company: undefined },
      { name: 'Chidi Okafor', company: 'Lindqvist & Okafor' },
    ]);
  });

  it('implies no name from a card that is a whole page of text', () => {
    const text = 'Lorem ipsum dolor sit amet. '.repeat(20);
    expect(detect(`<div class="h-card"><p>${text}</p></div>`)).toEqual([]);
    expect(detect(`<div class="h-card"><p>${text}</p><a class="u-email" href="mailto:x@engines.co.uk">x</a></div>`)).toMatchObject([
      { emails: ['x@engines.co.uk'] },
    ]);
  });

  it('applies the rules: reserved and robot addresses, non-http links, cards in code', () => {
    const found = detect(`
      <div class="h-card"><span class="p-name">Jane Doe</span>
        <a class="u-email" href="mailto:jane@example.com">e</a><a class="u-email" href="mailto:noreply@shop.com">n</a>
        <a class="u-url" href="javascript:alert(1)">x</a><a class="u-url" href="http://example.org/jane">y</a>
        <img class="u-photo" src="data:image/png;base64,AAAA"></div>
      <pre><span class="h-card"><span class="p-name">Code Sample</span></span></pre>`);
    expect(found).toEqual([{ name: 'Jane Doe', emails: [], phones: [], profiles: [], evidence: [{ detector: 'h-card', element: 'div.h-card' }] }]);
  });

  it('resolves relative URLs against <base href>', () => {
    const found = hcardDetector.detect(
      page('<a class="h-card" href="people/ada">Ada Lovelace</a>', '<base href="https://engines.co.uk/site/">'),
      PAGE_URL,
    );
    expect(found[0]?.profiles).toEqual([{ kind: 'website', url: 'https://engines.co.uk/site/people/ada' }]);
  });

  it('reads the added card itself in an incremental scan', () => {
    const document = page('<p><span id="c" class="h-card">Ada Lovelace</span></p>');
    expect(hcardDetector.detect(document.getElementById('c')!, PAGE_URL)).toMatchObject([{ name: 'Ada Lovelace' }]);
  });
});
