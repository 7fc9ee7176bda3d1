import { describe, expect, it } from 'vitest';
import { schemaOrgDetector } from '@/lib/detect/detectors/schema-org';
import { page, PAGE_URL } from './page';

const jsonLd = (...values: unknown[]) => values.map((value) => `<script type="application/ld+json">${typeof value === 'string' ? value : JSON.stringify(value)}</script>`).join('');
const detect = (body: string) => schemaOrgDetector.detect(page(body), PAGE_URL);
const brief = (body: string) => detect(body).map(({ evidence: _evidence, ...person }) => person);

describe('schema.org detector, JSON-LD', () => {
  it('reads a Person with every supported property', () => {
    expect(
      detect(
        jsonLd({
          '@context': 'https://schema.org',
          '@type': 'Person',
          name: 'Ada Lovelace',
          email: ['mailto:Ada@Engines.co.uk', 'ada.l@engines.co.uk'],
          telephone: '+44 20 7946 0000',
          jobTitle: { '@type': 'DefinedTerm', name: 'Analyst' },
          worksFor: { '@type': 'Organization', name: 'Analytical Engines' },
          address: { '@type': 'PostalAddress', addressLocality: 'London', addressCountry: { '@type': 'Country', name: 'United Kingdom' } },
          image: [{ '@type': 'ImageObject', contentUrl: '/ada.png' }],
          url: 'https://engines.co.uk/ada/',
          sameAs: 'https://www.linkedin.com/in/ada-lovelace?trk=x',
        }),
      ),
    ).toEqual([
      {
        name: 'Ada Lovelace',
        emails: ['ada@engines.co.uk', 'ada.l@engines.co.uk'],
        phones: ['+442079460000'],
        company: 'Analytical Engines',
        title: 'Analyst',
        location: 'London, United Kingdom',
        photo: 'https://www.northwind-traders.com/ada.png',
        profiles: [
          { kind: 'website', url: 'https://engines.co.uk/ada' },
          { kind: 'linkedin', url: 'https://www.linkedin.com/in/ada-lovelace' },
        ],
        evidence: [{ detector: 'schema-org', element: 'script' }],
      },
    ]);
  });

  it('finds people in @graph, arrays and nested values, following @id references', () => {
    const found = brief(
      jsonLd(
        {
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'NewsArticle', headline: 'H', author: [{ '@id': '#a' }, { '@type': 'Person', name: 'Grace Hopper', affiliation: 'US Navy' }] },
            { '@type': ['Person'], '@id': '#a', name: 'Ada Lovelace', worksFor: { '@id': '#org' } },
            { '@type': 'Organization', '@id': '#org', name: 'Analytical Engines', employee: { '@type': 'Person', givenName: 'Charles', familyName: 'Babbage' } },
          ],
        },
        [{ '@type': 'schema:Person', 'schema:name': 'Katherine Johnson' }],
      ),
    );
    expect(found.map(({ name, company }) => ({ name, company }))).toEqual([
      { name: 'Grace Hopper', company: 'US Navy' },
      { name: 'Ada Lovelace', company: 'Analytical Engines' },
      { name: 'Charles Babbage', company: 'Analytical Engines' },
      { name: 'Katherine Johnson', company: undefined },
    ]);
  });

  it('gives the roles of an email message and of a profile page', () => {
    const found = brief(
      jsonLd(
        {
          '@type': 'EmailMessage',
          sender: { '@type': 'Person', name: 'Ada Lovelace', email: 'ada@engines.co.uk' },
          toRecipient: [{ '@type': 'Person', email: 'grace@navy.net' }],
          ccRecipient: { '@type': 'Person', email: 'charles@engines.co.uk' },
        },
        { '@type': 'ProfilePage', mainEntity: { '@type': 'Person', name: 'Katherine Johnson' } },
      ),
    );
    expect(found.map(({ emails, name, role }) => [emails?.[0] ?? name, role])).toEqual([
      ['ada@engines.co.uk', 'from'],
      ['grace@navy.net', 'to'],
      ['charles@engines.co.uk', 'cc'],
      ['Katherine Johnson', 'subject'],
    ]);
  });

  it('reads JSON-LD wrapped in comments or CDATA, or with raw newlines in strings', () => {
    const found = brief(
      jsonLd('<!-- {"@type": "Person", "name": "Ada Lovelace"} -->', '//<![CDATA[\n{"@type": "Person", "name": "Grace\nHopper"}\n//]]>'),
    );
    expect(found.map((person) => person.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });

  it('survives broken and hostile JSON-LD, reading the blocks that parse', () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const cyclicLooking = { '@type': 'Person', '@id': '#me', name: 'Ada Lovelace', knows: { '@id': '#me' }, sameAs: Array.from({ length: 10_000 }, (_, i) => `https://p${i}.org/`) };
    const found = brief(
      jsonLd('{ "@type": "Person", "name": "Never", ', 'null', '42', '"text"', '{"@type": 7, "name": {"a": 1}}', deep, cyclicLooking, { '@type': 'Person', name: ['A', 'B'], email: 12 }),
    );
    expect(found.map((person) => person.name)).toEqual(['Ada Lovelace', 'A']);
    expect(found[0]?.profiles).toHaveLength(50);
  });

  it('is not fooled by organisations, contact points or plain text', () => {
    expect(
      detect(
        jsonLd({ '@type': 'Organization', name: 'Acme', email: 'sales@acme-widgets.com', contactPoint: { '@type': 'ContactPoint', telephone: '+1 415 555 0100' } }) +
          '<p>Ada Lovelace, ada@engines.co.uk</p>',
      ),
    ).toEqual([]);
  });
});

describe('schema.org detector, microdata', () => {
  it('reads itemprop values from meta, link, a, img, time and text, and nested items', () => {
    expect(
      brief(`<div itemscope itemtype="https://schema.org/Person">
        <meta itemprop="name" content="Ada Lovelace">
        <link itemprop="sameAs" href="https://github.com/ada">
        <a itemprop="email" href="mailto:ada@engines.co.uk">write to Ada</a>
        <img itemprop="image" src="/ada.jpg">
        <span itemprop="telephone">+44 20 7946 0000</span>
        <span itemprop="jobTitle">Analyst</span>
        <div itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Analytical Engines</span>
          <span itemprop="telephone">+44 20 0000 0000</span></div>
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">London</span></div>
      </div>`),
    ).toEqual([
      {
        name: 'Ada Lovelace',
        emails: ['ada@engines.co.uk'],
        phones: ['+442079460000'],
        company: 'Analytical Engines',
        title: 'Analyst',
        location: 'London',
        photo: 'https://www.northwind-traders.com/ada.jpg',
        profiles: [{ kind: 'github', url: 'https://github.com/ada' }],
      },
    ]);
  });

  it('takes the company from an organisation the person is an employee of, and data-vocabulary persons', () => {
    const found = brief(`
      <div itemscope itemtype="http://schema.org/Corporation"><span itemprop="name">Acme Widgets</span>
        <div itemprop="employee" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Wile Coyote</span></div></div>
      <span itemscope itemtype="http://data-vocabulary.org/Person"><span itemprop="name">Road Runner</span></span>
      <span itemscope itemtype="https://schema.org/PersonalInfo"><span itemprop="name">Not A Person</span></span>`);
    expect(found.map(({ name, company }) => ({ name, company }))).toEqual([
      { name: 'Wile Coyote', company: 'Acme Widgets' },
      { name: 'Road Runner', company: undefined },
    ]);
  });

  it('reads the added item itself in an incremental scan', () => {
    const document = page('<p><span id="p" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ada Lovelace</span></span></p>');
    expect(schemaOrgDetector.detect(document.getElementById('p')!, PAGE_URL)).toMatchObject([{ name: 'Ada Lovelace' }]);
  });
});
