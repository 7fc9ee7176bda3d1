/**
 * A synthetic page of about `elements` elements with `people` contacts in it, spread through
 * ordinary markup and written in every format the detectors read: mailto and tel links, h-card,
 * schema.org microdata and JSON-LD, rel=me and plain-text addresses.
 */
const PERSON_MARKUP = [
  (i: number) => `<li><a href="mailto:person${i}@company${i % 17}.com">Person Number${i}</a></li>`,
  (i: number) => `<li><span>Person Number${i}</span> <a href="tel:+44207946${String(i).padStart(4, '0')}">call</a> <a href="mailto:p${i}@firm${i % 13}.co.uk">mail</a></li>`,
  (i: number) => `<li class="h-card"><span class="p-name">Person Number${i}</span> <a class="u-email" href="mailto:hc${i}@agency${i % 11}.io">email</a> <span class="p-org">Agency</span></li>`,
  (i: number) => `<li itemscope itemtype="https://schema.org/Person"><span itemprop="name">Person Number${i}</span> <a itemprop="email" href="mailto:md${i}@studio${i % 7}.net">mail</a></li>`,
  (i: number) => `<li>Write to Person Number${i} at txt${i}@office${i % 5}.org for details.</li>`,
];

export function generatePage(elements = 10_000, people = 200): string {
  const parts: string[] = ['<main>'];
  const jsonLd: string[] = [];
  let count = 1;
  let person = 0;
  const everyNth = Math.max(1, Math.floor(elements / (people * 4)));
  let block = 0;
  while (count < elements) {
    parts.push('<section><h2>Section</h2><ul>');
    count += 3;
    for (let item = 0; item < 10 && count < elements; item++, block++) {
      if (person < people && block % everyNth === 0) {
        if (person % 10 === 9) {
          jsonLd.push(`{"@type":"Person","name":"Person Number${person}","email":"ld${person}@venture${person % 3}.com","jobTitle":"Partner"}`);
          parts.push(`<li><a rel="me" href="https://social.network/@person${person}">profile</a></li>`);
        } else {
          parts.push(PERSON_MARKUP[person % PERSON_MARKUP.length]!(person));
        }
        person++;
        count += 3;
      } else {
        parts.push(`<li><span>Item ${block}</span> <a href="https://example.com/${block}">link</a></li>`);
        count += 3;
      }
    }
    parts.push('</ul><p>Some paragraph text with <em>emphasis</em>.</p></section>');
    count += 2;
  }
  parts.push('</main>');
  const script = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[${jsonLd.join(',')}]}</script>`;
  return `<!doctype html><html><head><title>bench</title>${script}</head><body>${parts.join('')}</body></html>`;
}

/** 50 new elements, a few of them people: what an SPA typically adds in one render. */
export function generateMutation(seed: number): string {
  const items: string[] = [];
  for (let i = 0; i < 24; i++) {
    items.push(
      i % 4 === 0
        ? `<li><a href="mailto:new${seed}-${i}@arrivals.com">New Person</a></li>`
        : `<li><span>Row ${seed}-${i}</span></li>`,
    );
  }
  return `<div><ul>${items.join('')}</ul></div>`; // div + ul + 24 li + 24 span/a = 50 elements
}
