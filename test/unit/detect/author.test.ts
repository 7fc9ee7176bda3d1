import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { authorDetector, authorNames } from '@/lib/detect/detectors/author';
import { page } from './page';

/*
 * The authorship reader on shapes copied from the real pages of the conformance sets
 * (../shared/conformance/html-readability-bylines and html-postlight-authors), names changed.
 * Each case names the page whose markup it reproduces.
 */

const ARTICLE_URL = 'https://www.harbour-gazette.com/2016/12/16/story';
const authorsOf = (document: Document, url = ARTICLE_URL) =>
  detect(document, url).contacts.filter((contact) => contact.role === 'author');
const namesOf = (document: Document, url = ARTICLE_URL) => authorsOf(document, url).map((contact) => contact.name);

describe('authorNames: a byline or author field, cleaned', () => {
  it.each([
    // abcnews.go.com: "By" glued to a run of upper-case names, then the date.
    ['Byby JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL December 16, 2016, 4:19 PM', ['Josh Haskell', 'David Caplan', 'Patrick Reevell']],
    // lwn-1: the date after the name.
    ['By Nathan Willis March 25, 2015', ['Nathan Willis']],
    // ebb-org's meta author: a URL in brackets.
    ['Bradley M. Kuhn (http://ebb.org/bkuhn/)', ['Bradley M. Kuhn']],
    // webmd-1: a degree after a comma.
    ['By Brenda  Goodman, MA', ['Brenda Goodman']],
    // recode.net: the Twitter handle glued on, then the time.
    ['by April Glaser@aprilaser Dec 15, 2016, 1:55pm EST', ['April Glaser']],
    // cnn.com: the network after the name.
    ['By Stephen Collinson, CNN', ['Stephen Collinson']],
    // ietf-1's DC.Creator: surname first.
    ['Jong, Michiel de', ['Michiel de Jong']],
    // liberation-1 (French), and the same shape in German, Spanish, Portuguese.
    ['Par Sébastien Farcis', ['Sébastien Farcis']],
    ['Von Melanie Weber und Jan Ott', ['Melanie Weber', 'Jan Ott']],
    ['Por Ana López y Juan Pérez', ['Ana López', 'Juan Pérez']],
    ['Por Ana Souza e João Lima', ['Ana Souza', 'João Lima']],
    // theguardian.com: "A and B".
    ['Julia Carrie Wong and Sam Levin', ['Julia Carrie Wong', 'Sam Levin']],
    // Japanese labels: oreilly.co.jp (著 after the author, translators after), news.mynavi.jp,
    // itmedia.co.jp (brackets, the site after a full-width comma), weekly.ascii.jp, bookwalker.jp.
    ['Eric Freeman\u3000著、嶋田 健志\u3000監訳、木下 哲也\u3000訳', ['Eric Freeman']],
    ['著者：後藤大地', ['後藤大地']],
    ['[田中宏昌，ITmedia]', ['田中宏昌']],
    ['文● オカモト／ASCII編集部', ['オカモト']],
    ['著者 お米ゴハン イラスト 汐街コナ', ['お米ゴハン']],
  ])('%s', (raw, names) => {
    expect(authorNames(raw)).toEqual(names);
  });

  it('leaves out what is no person: agencies, desks, credits, the site itself', () => {
    expect(authorNames('AFP')).toEqual([]); // liberation-1's microdata author
    expect(authorNames('FAIL')).toEqual([]); // metadata-content-missing's meta author
    expect(authorNames('BWW News Desk')).toEqual([]);
    expect(authorNames('Portrait by George Del Barrio')).toEqual([]); // daringfireball-1
    expect(authorNames('Photographed by Sharokh Mirzai; Modeled by Ariel Pierre-Louis')).toEqual([]); // refinery29
    expect(authorNames('ABC News', 'abcnewsgocom')).toEqual([]);
    expect(authorNames('The Huffington Post', 'huffingtonpostcom thehuffingtonpost')).toEqual([]);
  });

  it('asks more of a visible byline: a full name in capitals, no run-together text', () => {
    expect(authorNames('Gina TrapaniCEO', '', true)).toEqual([]); // postlight.com: name and title in two spans
    expect(authorNames('Twitter', '', true)).toEqual([]); // npr.org: the social link in the byline box
    expect(authorNames('Third Democratic Debates Set For Houston, But Format Details TBA', '', true)).toEqual([]); // deadline.com
    expect(authorNames('doumae')).toEqual(['doumae']); // techlog.iij.ad.jp: a handle in rel=author is theirs
  });
});

describe('author detector', () => {
  it('reads meta author, gives it the head’s profile link and the address that is theirs by name (medium-1)', () => {
    const document = page(
      '<h1>Why I started writing code again</h1><p>Text.</p><p>Mail me: <a href="mailto:pippinblee@gmail.com">pippinblee@gmail.com</a></p>',
      '<meta name="author" content="Pippin Lee"><meta property="article:author" content="https://medium.com/@pippinlee">',
    );
    expect(authorsOf(document)).toEqual([
      {
        name: 'Pippin Lee',
        emails: ['pippinblee@gmail.com'],
        profiles: [{ kind: 'website', url: 'https://medium.com/@pippinlee' }],
        role: 'author',
        evidence: [
          { detector: 'author', element: 'head' },
          { detector: 'mailto', element: 'a' },
        ],
      },
    ]);
    expect(detect(document, ARTICLE_URL).contacts).toHaveLength(1);
  });

  it('does not take the publisher in meta author for the author (wired.com: copyright "Condé Nast")', () => {
    const document = page(
      '<h1>The internet’s war on words</h1>',
      '<meta name="author" content="Condé Nast"><meta name="copyright" content="Copyright (c) Condé Nast 2022"><meta name="article:author" content="Emma Ruiz">',
    );
    expect(namesOf(document)).toEqual(['Emma Ruiz']);
  });

  it('takes the byline under the headline, not the bylines of the stories around it (salon-1, macrumors.com)', () => {
    const document = page(`
      <div class="articleInner"><h1>The sharing economy is a lie</h1>
        <span class="byline"><a href="https://www.harbour-gazette.com/writer/richard_eskow/" rel="author">Richard (R.J.) Eskow</a></span>
        <p>Story text, long enough to be an article and not a list of other stories at all.</p></div>
      <div class="most-read"><ul>
        <li><a href="/a">Another story about something else entirely</a><span class="byline"><a href="/writer/anna">Anna Silman</a></span></li>
        <li><a href="/b">Yet another story about something else again</a><span class="byline"><a href="/writer/kasai">Kasai Rex</a></span></li>
      </ul></div>`);
    expect(authorsOf(document)).toEqual([
      {
        name: 'Richard Eskow',
        profiles: [{ kind: 'website', url: 'https://www.harbour-gazette.com/writer/richard_eskow' }],
        role: 'author',
        evidence: [{ detector: 'author', element: 'a' }],
      },
    ]);
  });

  it('reads every name of a byline split over spans, with "By" on its own (nytimes.com)', () => {
    const document = page(`
      <article><h1>Manhunt ends in New Jersey</h1>
        <p><span class="byline-prefix">By </span><span itemprop="name"><a href="/by/marc-santora">Marc Santora</a>, </span><span itemprop="name"><a href="/by/william-k-rashbaum">William K. Rashbaum</a>, </span><span itemprop="name"><a href="/by/al-baker">Al Baker</a> and </span><span itemprop="name"><a href="/by/adam-goldman">Adam Goldman</a></span></p>
        <p>Story text.</p></article>`);
    expect(namesOf(document)).toEqual(['Marc Santora', 'William K. Rashbaum', 'Al Baker', 'Adam Goldman']);
  });

  it('reads "By <a>Name</a>" without any byline markup (dmagazine.com, deadspin.com)', () => {
    expect(namesOf(page('<h1 class="story__title">Settlement payments can begin</h1><div class="story__info"><span class="story__info__item">By <a href="/author/kathy-wise"> Kathy Wise </a></span></div>'))).toEqual(['Kathy Wise']);
    expect(namesOf(page('<h1>A trade nobody saw coming</h1><div><span>By</span><div><a href="/author/cthompson">Chris Thompson</a></div></div>'))).toEqual(['Chris Thompson']);
  });

  it('ignores commenters, footers and credits (blisterreview.com, daringfireball-1, refinery29.com)', () => {
    const document = page(`
      <article><h1>Ski review of the season</h1><p class="byline">By <a rel="author" href="/author/luke">Luke Koppa</a></p>
        <figure><img src="/a.jpg" alt=""><figcaption class="author">Photo by Greg Nelson</figcaption></figure>
        <p>Portrait by <a href="https://portraits.example-studio.net/">George Del Barrio</a></p></article>
      <section id="comments"><div class="comment-author">Taylor Margot</div></section>
      <footer><span class="author">Site by Jacob Arnold</span></footer>`);
    expect(namesOf(document)).toEqual(['Luke Koppa']);
  });

  it('gives the author role to the JSON-LD author of the article, a Person or plain text (theverge, gitlab-blog)', () => {
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'A story',
      author: [{ '@type': 'Person', name: 'Alex Heath', url: 'https://www.harbour-gazette.com/authors/alex-heath' }, 'Dave Steer'],
      publisher: { '@type': 'Organization', name: 'Harbour Gazette' },
      comment: { '@type': 'Comment', author: { '@type': 'Person', name: 'Sam Reader' } },
    };
    const document = page(`<h1>A story</h1><script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`);
    const people = detect(document, ARTICLE_URL)
      .contacts.map(({ name, role }) => ({ name, role }))
      .sort((a, b) => a.name!.localeCompare(b.name!));
    expect(people).toEqual([
      { name: 'Alex Heath', role: 'author' },
      { name: 'Dave Steer', role: 'author' },
      { name: 'Sam Reader', role: undefined },
    ]);
  });

  it('finds nobody on a page without an author, and never throws on broken markup', () => {
    expect(authorDetector.detect(page('<h1>About this site</h1><p>Nothing here.</p>'), new URL(ARTICLE_URL))).toEqual([]);
    expect(authorDetector.detect(page('<meta name="author"><a rel="author"></a><div class="byline"></div>'), new URL(ARTICLE_URL))).toEqual([]);
  });
});
