import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { isRoleMailbox, isTollFree, withoutBrandAccounts } from '@/lib/detect/brand-accounts';
import { page, PAGE_URL } from './page';

/*
 * Issue 15, item 1: each detection says why the person matters on the page, and a site's own
 * accounts are never proposed. The pages below reproduce the shapes the issue met on real pages.
 */

const people = (body: string, head = '', url = PAGE_URL.href) =>
  detect(page(body, head), url).contacts.map(({ name, emails, phones, profiles, role }) => ({
    who: name ?? emails?.[0] ?? profiles?.[0]?.url ?? phones?.[0],
    role: role ?? 'mentioned',
  }));

describe('what one scan learns about the page', () => {
  it('is forgotten by the next scan: a block that became a related list makes its people mentioned', () => {
    const root = page(`<article><h1>News</h1><div class="press"><h3>Press contact</h3><a href="mailto:ines.duarte@northwind-traders.com">Inês Duarte</a></div></article>`);
    const roles = () => detect(root, PAGE_URL.href).contacts.map((person) => [person.name, person.role ?? 'mentioned']);
    expect(roles()).toEqual([['Inês Duarte', 'contact']]);
    root.querySelector('.press')!.setAttribute('class', 'related-stories');
    expect(roles()).toEqual([['Inês Duarte', 'mentioned']]);
  });
});

describe('the page\'s contact person', () => {
  it('is a named person in a block whose heading, class or id says contact', () => {
    expect(
      people(`<article><h1>Northwind opens its Lisbon office</h1><p>Text of the release.</p>
        <div class="press"><h3>Press contact</h3><p><a href="mailto:ines.duarte@northwind-traders.com">Inês Duarte</a>, <a href="tel:+351-21-555-0100">Inês Duarte</a></p></div>
        <div id="media-contact"><span class="h-card"><span class="p-name">Rui Costa</span> <a class="u-email" href="mailto:rui@northwind-traders.com">mail</a></span></div></article>`),
    ).toEqual([
      { who: 'Rui Costa', role: 'contact' },
      { who: 'Inês Duarte', role: 'contact' },
    ]);
  });

  it('is the Person an organisation\'s contactPoint names', () => {
    const jsonLd = { '@context': 'https://schema.org', '@type': 'Organization', name: 'Northwind', contactPoint: { '@type': 'Person', name: 'Marta Silva', email: 'marta@northwind-traders.com' } };
    expect(people('<p>About us</p>', `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`)).toEqual([{ who: 'Marta Silva', role: 'contact' }]);
  });

  it('is not anyone in the footer, navigation or a sidebar, whatever the block says', () => {
    expect(
      people(`<main><h1>Our products and what they cost</h1></main>
        <footer><h4>Contact</h4><a href="mailto:lena.berg@northwind-traders.com">Lena Berg</a></footer>
        <aside class="sidebar"><h4>Contact us</h4><a href="mailto:tom.reed@northwind-traders.com">Tom Reed</a></aside>`),
    ).toEqual([
      { who: 'Lena Berg', role: 'mentioned' },
      { who: 'Tom Reed', role: 'mentioned' },
    ]);
  });
});

describe('authors only from the article, never from related stories or sidebars', () => {
  it('skips a "Par" byline in a related-content aside inside the article (liberation-1\'s shape)', () => {
    expect(
      people(`<article><header><h1>Un troisième Français mort dans le séisme au Népal</h1></header>
        <div class="article-body"><aside id="related-content" class="related"><ul><li><div><span class="author">Par Sébastien Farcis</span></div></li></ul></aside>
        <p>Le texte de l'article, qui est de l'AFP.</p></div></article>`, '', 'https://www.liberation.fr/monde/article'),
    ).toEqual([]);
  });

  it('skips bylines in a popular-posts sidebar (sciencefly\'s shape), keeps the article\'s own', () => {
    expect(
      people(`<div id="cb-content"><div id="main"><article><header><h1 class="entry-title">Video shows false killer whale snagging tuna bait</h1>
        <div class="cb-byline"><div class="cb-author cb-byline-element">By <a href="/author/paul/">Paul Kramer</a></div></div></header><p>Story.</p></article></div>
        <aside class="cb-sidebar"><div class="widget-popular-posts"><ul><li><h4><a href="/ice-cream/">Can't see? Pass the ice cream!</a></h4>
        <div class="cb-byline"><div class="cb-author cb-byline-element">By <a href="/author/hollie-banks/">Hollie Banks</a></div></div></li></ul></div></aside></div>`, '', 'https://sciencefly.com/video/'),
    ).toEqual([{ who: 'Paul Kramer', role: 'author' }]);
  });

  it('keeps a byline in the article\'s own aside (the Guardian\'s meta column) and in a "withSidebar" layout (CBC\'s)', () => {
    expect(
      people(`<main><article><h1>Facebook's new rules for moderators explained</h1><aside class="dcr-1aul2ye"><address><a rel="author" href="/profile/julia">Julia Carrie Wong</a></address></aside><p>Story.</p></article></main>`, '', 'https://www.theguardian.com/story'),
    ).toEqual([{ who: 'Julia Carrie Wong', role: 'author' }]);
    expect(
      people(`<main><div class="detailBodyContainer withSidebar"><div class="detailMainCol"><h1>Canada's economy added jobs in May</h1><div class="byline"><span class="authorText">Pete Evans</span> · CBC News</div><p>Story.</p></div></div></main>`, '', 'https://www.cbc.ca/news/story'),
    ).toEqual([{ who: 'Pete Evans', role: 'author' }]);
  });
});

describe('an h-entry\'s author card', () => {
  it('is the post\'s author; a comment\'s author card is only mentioned', () => {
    expect(
      people(`<article class="h-entry"><h1 class="p-name">Notes from the river survey</h1><span class="p-author h-card"><a class="p-name u-url" href="/about">Lea Vogel</a></span><p class="e-content">Text.</p>
        <section class="comments"><div class="h-cite"><span class="p-author h-card">Max Ernst</span></div></section></article>
        <address class="author vcard"><span class="fn">Jonas Brand</span></address>`, '', 'https://lea-vogel.de/notes/1'),
    ).toEqual([
      { who: 'Lea Vogel', role: 'author' },
      { who: 'Max Ernst', role: 'mentioned' },
      { who: 'Jonas Brand', role: 'author' },
    ]);
  });
});

describe('a site\'s own accounts are no people', () => {
  it('drops role mailboxes and toll-free numbers nobody\'s name is attached to', () => {
    expect(
      people(`<main><h1>How we test headphones at this site</h1><p>By <a href="/staff/kim">Kim Park</a></p>
        <p>Got a tip? <a href="mailto:tips@northwind-news.com">Let us know</a>. <a href="mailto:Customer.Service@northwind-news.com">Customer Service</a>
        <a href="mailto:editors@northwind-news.com">editors@northwind-news.com</a> <a href="mailto:northwindnews@e.northwind-news.com">newsletter</a>
        Call <a href="tel:1-800-555-0199">1-800-555-0199</a> or <a href="tel:0800 555 0199">0800 555 0199</a>.</p>
        <p>Questions about this test: <a href="mailto:kim.park@northwind-news.com">kim.park@northwind-news.com</a>, <a href="tel:+1-415-555-0100">+1 415 555 0100</a></p></main>`),
    ).toEqual([
      { who: 'Kim Park', role: 'author' },
      { who: '+14155550100', role: 'mentioned' },
    ]);
  });

  it('keeps a role mailbox a real person\'s name is attached to: the press contact', () => {
    expect(people('<div class="press-contact"><a href="mailto:press@northwind-traders.com">Jane Doe</a></div>')).toEqual([{ who: 'Jane Doe', role: 'contact' }]);
    expect(people('<span class="h-card"><span class="p-name">Ana Lima</span> <a class="u-email" href="mailto:info@lima-studio.pt">info@lima-studio.pt</a></span>')).toEqual([
      { who: 'Ana Lima', role: 'mentioned' },
    ]);
  });

  it('drops "Follow us" rel=me links no card or Person joins (The Verge, V8, Phoronix), keeps those one does', () => {
    expect(people('<main><h1>A story about phones, at length</h1></main><footer><nav><a rel="me" href="https://twitter.com/v8js">Twitter</a></nav></footer>', '<link rel="me" href="https://mastodon.social/@verge">')).toEqual([]);
    expect(people('<header class="h-card"><a class="p-name u-url" rel="me" href="https://tomasz-nowak.pl/">Tomasz Nowak</a></header><a rel="me" href="https://github.com/tnowak">GitHub</a>', '', 'https://tomasz-nowak.pl/')).toEqual([
      { who: 'Tomasz Nowak', role: 'subject' },
    ]);
  });

  it('drops a brand typed Person and Organization at once', () => {
    const brand = { '@context': 'https://schema.org', '@type': ['Person', 'Organization'], name: 'Northwind News', sameAs: ['https://twitter.com/northwindnews'] };
    const news = { '@context': 'https://schema.org', '@type': ['Person', 'NewsMediaOrganization'], name: 'Reuters' };
    expect(people('<p>Text</p>', `<script type="application/ld+json">${JSON.stringify(brand)}</script><script type="application/ld+json">${JSON.stringify(news)}</script>`)).toEqual([]);
  });

  it('tells role mailboxes and hotlines by the local part and prefix only', () => {
    expect(['tips@x.com', 'Press@x.com', 'newsroom@x.com', 'customerservice@x.com', 'customer.service@x.com', 'accessibility@x.com', 'membership@x.com', 'support+eu@x.com', 'mozilla@e.mozilla.org'].filter(isRoleMailbox)).toHaveLength(9);
    expect(['ada@x.com', 'tim@macrumors.com', 'infoman@x.com', 'pete.evans@cbc.ca', 'mocker@spektrum.de', 'office@analyticalengines.co.uk'].filter(isRoleMailbox)).toEqual([]);
    expect(['+18005550199', '+18885550199', '08005550199', '+448005550199', '+498001234567'].every(isTollFree)).toBe(true);
    expect(['+14155550100', '+442079460000', '+4930123456'].some(isTollFree)).toBe(false);
  });

  it('keeps a mail\'s participants, role mailbox or not: the user writes to support@ on purpose', () => {
    const support = { emails: ['support@northwind.pt'], role: 'to' as const, evidence: [{ detector: 'gmail', element: 'span' }] };
    expect(withoutBrandAccounts([support])).toEqual([support]);
  });

  it('keeps what else identifies a nameless person when their role mailbox goes', () => {
    expect(withoutBrandAccounts([{ emails: ['info@northwind.pt', 'ana@northwind.pt'], evidence: [{ detector: 'mailto', element: 'a' }] }])).toEqual([
      { emails: ['ana@northwind.pt'], phones: [], evidence: [{ detector: 'mailto', element: 'a' }] },
    ]);
  });
});

describe('a profile page proposes its owner only', () => {
  it('never offers an address from a pinned repository\'s description on GitHub', () => {
    const html = readFileSync(new URL('../../fixtures/pages/github-profile.html', import.meta.url), 'utf8').replace(
      'The first English-like data processing language.',
      'The first English-like data processing language. Questions: <a href="mailto:flow-matic@navy-computing.org">flow-matic@navy-computing.org</a> or <a href="mailto:Richard Ridgway <richard.ridgway@navy-computing.org>">Richard Ridgway</a>',
    );
    expect(html).toContain('flow-matic@navy-computing.org');
    const { contacts } = detect(parseHTML(html).document as unknown as ParentNode, 'https://github.com/gracehopper');
    expect(contacts.map((contact) => [contact.name, contact.role])).toEqual([['Grace Hopper', 'subject']]);
    expect(contacts.flatMap((contact) => contact.emails)).toEqual(['grace@cobol.dev']);
  });
});
