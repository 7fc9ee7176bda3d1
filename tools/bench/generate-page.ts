/**
 * A synthetic page of about `elements` elements with `people` contacts in it, spread through
 * ordinary markup (sections, lists, paragraphs, links): the page detection is measured on.
 */
export function generatePage(elements = 10_000, people = 200): string {
  const parts: string[] = ['<main>'];
  let count = 1;
  let person = 0;
  const everyNth = Math.max(1, Math.floor(elements / (people * 4)));
  let block = 0;
  while (count < elements) {
    parts.push('<section><h2>Section</h2><ul>');
    count += 3;
    for (let item = 0; item < 10 && count < elements; item++, block++) {
      if (person < people && block % everyNth === 0) {
        parts.push(`<li><a href="mailto:person${person}@company${person % 17}.com">Person Number${person}</a></li>`);
        person++;
      } else {
        parts.push(`<li><span>Item ${block}</span> <a href="https://example.com/${block}">link</a></li>`);
        count += 1;
      }
      count += 2;
    }
    parts.push('</ul><p>Some paragraph text with <em>emphasis</em>.</p></section>');
    count += 2;
  }
  parts.push('</main>');
  return `<!doctype html><html><head><title>bench</title></head><body>${parts.join('')}</body></html>`;
}
