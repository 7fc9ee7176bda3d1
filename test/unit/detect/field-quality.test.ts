import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { hcardDetector } from '@/lib/detect/detectors/hcard';
import { schemaOrgDetector } from '@/lib/detect/detectors/schema-org';
import { linkedInAdapter, splitHeadline } from '@/lib/detect/sites/linkedin.dom';
import { page } from './page';

/*
 * Field quality (issue 15, item 3), each case the shape of markup that went wrong on a real page:
 * photos only from image addresses, never alt text; profile links only about the person; LinkedIn
 * headlines split into title and company; placeholders ("--", "N/A") never a value.
 */

const ARTICLE = 'https://www.computerworld.com/article/3715364/generative-ai-is-changing-the-workplace.html';
const hcard = (body: string, url = ARTICLE) => hcardDetector.detect(page(body), new URL(url));

describe('photos come from image addresses, never alt text', () => {
  it('reads a lazy-loaded u-photo (no src) from data-src, not its alt text (computerworld.com)', () => {
    const [person] = hcard(`<div class="author-box h-card">
      <img class="u-photo lazyload" data-src="/wp-content/uploads/2024/01/lucas_mearian-100.jpg" alt="Lucas Mearian" width="64" height="64">
      <a class="p-name u-url" href="/author/lucas-mearian/">Lucas Mearian</a>
      <span class="p-job-title">Senior Reporter</span>
    </div>`);
    // Before: https://www.computerworld.com/article/3715364/Lucas%20Mearian (the alt text, resolved).
    expect(person?.photo).toBe('https://www.computerworld.com/wp-content/uploads/2024/01/lucas_mearian-100.jpg');
    expect(person?.profiles).toEqual([{ kind: 'website', url: 'https://www.computerworld.com/author/lucas-mearian' }]);
  });

  it('leaves the photo out when an image has no address at all, instead of using its alt text', () => {
    const [person] = hcard('<div class="h-card"><img class="u-photo" alt="Lucas Mearian"><span class="p-name">Lucas Mearian</span></div>');
    expect(person?.name).toBe('Lucas Mearian');
    expect(person?.photo).toBeUndefined();
  });

  it('takes the largest srcset candidate, and a lazy attribute over a data: placeholder', () => {
    const [wide] = hcard(
      '<div class="h-card"><img class="u-photo" src="/a-100.jpg" srcset="/a-100.jpg 100w, /a-400.jpg 400w, /a-200.jpg 200w" alt="Ada"><span class="p-name">Ada Lovelace</span></div>',
    );
    expect(wide?.photo).toBe('https://www.computerworld.com/a-400.jpg');
    const [lazy] = hcard(
      '<div class="h-card"><img class="u-photo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="https://cdn.example.net/ada.jpg" alt="Ada"><span class="p-name">Ada Lovelace</span></div>',
    );
    expect(lazy?.photo).toBe('https://cdn.example.net/ada.jpg');
    const [script] = hcard('<div class="h-card"><a class="u-photo" href="javascript:alert(1)">x</a><span class="p-name">Ada Lovelace</span></div>');
    expect(script?.photo).toBeUndefined();
  });

  it('reads the image inside a classic hCard photo wrapper, not the page address (WordPress comments)', () => {
    const [person] = hcard(
      `<h4 class="entry-title vcard"><cite class="author fn">Alan Goodale</cite> <span class="photo"><img alt="" src="https://secure.gravatar.com/avatar/bd81?s=60" srcset="https://secure.gravatar.com/avatar/bd81?s=120 2x" class="avatar photo"></span></h4>`,
    );
    // Before: the page's own address (the wrapper's empty alt text, resolved).
    expect(person?.photo).toBe('https://secure.gravatar.com/avatar/bd81?s=120');
  });

  it('never takes a microdata image without an address as the page address', () => {
    const [person] = schemaOrgDetector.detect(
      page('<div itemscope itemtype="https://schema.org/Person"><img itemprop="image" alt="Lucas Mearian"><span itemprop="name">Lucas Mearian</span></div>'),
      new URL(ARTICLE),
    );
    expect(person).toMatchObject({ name: 'Lucas Mearian' });
    expect(person?.photo).toBeUndefined();
  });
});

describe('profile links are about the person', () => {
  it('reads a bare domain as that site, not a path on the page (a Wikipedia infobox h-card)', () => {
    const { document } = parseHTML(`<!doctype html><html><body><table class="infobox biography vcard"><tbody>
      <tr><th colspan="2" class="infobox-above"><div class="fn">Bob Dylan</div></th></tr>
      <tr><th class="infobox-label">Website</th><td class="infobox-data"><span class="url"><a rel="nofollow" class="external text" href="https://www.bobdylan.com">bobdylan.com</a></span></td></tr>
    </tbody></table></body></html>`);
    const { contacts } = detect(document, 'https://en.wikipedia.org/wiki/Bob_Dylan');
    // Before: https://en.wikipedia.org/wiki/bobdylan.com
    expect(contacts).toEqual([expect.objectContaining({ name: 'Bob Dylan', profiles: [{ kind: 'website', url: 'https://bobdylan.com' }] })]);
  });

  it('keeps a relative path relative, and a file name is no domain', () => {
    const [person] = hcard('<div class="h-card"><a class="p-name u-url" href="about.html">Ada Lovelace</a></div>', 'https://ada.example.org/');
    expect(person?.profiles).toEqual([]); // example.org is reserved: the link resolves there, not to https://about.html
    const [own] = hcard('<div class="h-card"><a class="p-name u-url" href="jane.html">Jane Doe</a></div>', 'https://sample-site.com/');
    expect(own?.profiles).toEqual([{ kind: 'website', url: 'https://sample-site.com/jane.html' }]);
  });

  it("drops the article's own address and other articles, keeps author pages and other sites", () => {
    const [person] = hcard(`<div class="h-card">
      <a class="p-name u-url" href="${ARTICLE}">Lucas Mearian</a>
      <a class="u-url" href="/author/lucas-mearian/">All articles</a>
      <a class="u-url" href="https://twitter.com/lucasmearian">Twitter</a>
      <aside>More from this author:
        <a class="u-url" href="/article/3715001/apple-s-new-ai-features.html">Apple's new AI features</a>
        <a class="u-url" href="/2024/05/ai-pc-sales-are-taking-off">AI PC sales are taking off</a></aside>
    </div>`);
    expect(person?.profiles).toEqual([
      { kind: 'website', url: 'https://www.computerworld.com/author/lucas-mearian' },
      { kind: 'twitter', url: 'https://twitter.com/lucasmearian' },
    ]);
    const [empty] = hcard('<div class="h-card"><a class="p-name u-url" href="">Lucas Mearian</a></div>');
    expect(empty?.profiles).toEqual([]);
  });

  it("drops a JSON-LD author's url that is the article itself, keeps their author page", () => {
    const url = 'https://www.computerworld.com/article/3715364/generative-ai-is-changing-the-workplace.html';
    const article = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Generative AI is changing the workplace',
      author: { '@type': 'Person', name: 'Lucas Mearian', url, sameAs: ['https://www.computerworld.com/author/lucas-mearian/'] },
    };
    const found = schemaOrgDetector.detect(page('', `<script type="application/ld+json">${JSON.stringify(article)}</script>`), new URL(url));
    // Before: the article's own address was listed as the author's profile.
    expect(found).toEqual([
      expect.objectContaining({ name: 'Lucas Mearian', profiles: [{ kind: 'website', url: 'https://www.computerworld.com/author/lucas-mearian' }] }),
    ]);
  });
});

describe('placeholders are no values', () => {
  it.each(['--', '—', 'N/A', 'n/a', '-', 'null', 'undefined'])('drops %s from every field of an h-card', (placeholder) => {
    const [person] = hcard(`<div class="h-card"><span class="p-name">Ada Lovelace</span>
      <span class="p-job-title">${placeholder}</span><span class="p-org">${placeholder}</span><span class="p-locality">${placeholder}</span></div>`);
    expect(person).toEqual({ name: 'Ada Lovelace', emails: [], phones: [], profiles: [], evidence: [{ detector: 'h-card', element: 'div.h-card' }] });
    expect(hcard(`<div class="h-card"><span class="p-name">${placeholder}</span></div>`)).toEqual([]);
  });
});

describe('LinkedIn', () => {
  const PROFILE = 'https://www.linkedin.com/in/mara-okafor-3b1a2';
  const read = (body: string) => linkedInAdapter.read(page(body), new URL(PROFILE));

  it('splits a headline into title and company', () => {
    expect(splitHeadline('Talent Partner at Northwind Robotics | Hiring robotics & controls engineers')).toEqual({
      title: 'Talent Partner',
      company: 'Northwind Robotics',
    });
    expect(splitHeadline('Staff Engineer @ Contoso')).toEqual({ title: 'Staff Engineer', company: 'Contoso' });
    expect(splitHeadline('Head of Research, Fabrikam Labs')).toEqual({ title: 'Head of Research', company: 'Fabrikam Labs' });
    expect(splitHeadline('Rear Admiral')).toEqual({ title: 'Rear Admiral' });
    expect(splitHeadline('--')).toEqual({ title: undefined });
  });

  it('reads the public top card: the photo from data-delayed-url, the headline split, no JSON-LD image', () => {
    const photo = 'https://media.licdn.com/dms/image/v2/D4E03AQMara/profile-displayphoto-shrink_200_200/0/1700000000000?e=2147483647&v=beta&t=Mo';
    const reading = read(`<main><section class="top-card-layout container-lined overflow-hidden babybear:rounded-[0px]">
      <div class="top-card-layout__card"><img class="inline-block relative rounded-[50%] w-16 h-16 top-card__profile-image top-card__profile-image--real-image onload"
        data-delayed-url="${photo.replace(/&/g, '&amp;')}" data-ghost-classes="bg-color-entity-ghost-background" data-ghost-url="https://static.licdn.com/aero-v1/sc/h/9c8pery4andzj6ohjkjp54ma2" alt="Mara Okafor">
      <div class="top-card-layout__entity-info-container"><h1 class="top-card-layout__title">Mara Okafor</h1>
        <h2 class="top-card-layout__headline">Talent Partner at Northwind Robotics | Hiring robotics &amp; controls engineers</h2></div></div></section>
      <script type="application/ld+json">${JSON.stringify({ '@context': 'http://schema.org', '@graph': [{ '@type': 'Person', name: 'Mara Okafor', url: PROFILE }] })}</script></main>`);
    expect(reading.contacts).toEqual([
      expect.objectContaining({ name: 'Mara Okafor', title: 'Talent Partner', company: 'Northwind Robotics', photo }),
    ]);
  });

  it('drops a "--" headline in the member view and keeps a lazy member photo, not a company logo', () => {
    const photo = 'https://media.licdn.com/dms/image/v2/D4E03AQMara/profile-displayphoto-shrink_400_400/0/1700000000000?e=1800000000&v=beta&t=Mo';
    const reading = read(`<main><section data-member-id="719284653" class="artdeco-card">
      <img class="evi-image" src="https://media.licdn.com/dms/image/v2/C4E0BAQNorth/company-logo_100_100/0/1600000000000" alt="Northwind Robotics">
      <img class="pv-top-card-profile-picture__image evi-image ghost-person" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" data-delayed-url="${photo.replace(/&/g, '&amp;')}" alt="Mara Okafor">
      <a href="/in/mara-okafor-3b1a2/overlay/about-this-profile/"><h1>Mara Okafor</h1></a>
      <div class="text-body-medium break-words">--</div></section></main>`);
    expect(reading.contacts).toEqual([expect.objectContaining({ name: 'Mara Okafor', photo })]);
    expect(reading.contacts[0]).not.toHaveProperty('title');
  });
});
