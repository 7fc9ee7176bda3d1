/**
 * A page of about `elements` elements with `people` people in it, in every markup the generic
 * detectors read (mailto and tel links, h-card, classic hCard, microdata, JSON-LD, rel=me, plain
 * text), spread through ordinary markup: what a full scan is measured on.
 */
export function mixedPage(elements = 10_000, people = 200): string {
  const parts: string[] = [];
  const jsonLd: object[] = [];
  let count = 4;
  let person = 0;
  const every = Math.max(1, Math.floor(elements / (people * 6)));
  for (let block = 0; count < elements; block++) {
    if (person < people && block % every === 0) {
      const i = person++;
      const email = `person${i}@company${i % 17}.com`;
      switch (i % 7) {
        case 0:
          parts.push(`<li><a href="mailto:${email}">Person Number${i}</a></li>`);
          count += 2;
          break;
        case 1:
          parts.push(`<li><a href="tel:+1-415-555-${String(1000 + i).slice(-4)}">Person Number${i}</a></li>`);
          count += 2;
          break;
        case 2:
          parts.push(`<li class="h-card"><a class="p-name u-url" href="/people/${i}">Person Number${i}</a> <span class="p-job-title">Engineer</span> <a class="u-email" href="mailto:${email}">mail</a></li>`);
          count += 4;
          break;
        case 3:
          parts.push(`<li class="vcard"><span class="fn">Person Number${i}</span> <span class="org">Company ${i % 17}</span> <span class="email">${email}</span></li>`);
          count += 4;
          break;
        case 4:
          parts.push(`<li itemscope itemtype="https://schema.org/Person"><span itemprop="name">Person Number${i}</span> <a itemprop="email" href="mailto:${email}">${email}</a></li>`);
          count += 3;
          break;
        case 5:
          jsonLd.push({ '@type': 'Person', name: `Person Number${i}`, email, sameAs: `https://github.com/person${i}` });
          break;
        default:
          parts.push(`<li>Write to ${email} for details.</li>`);
          count += 1;
      }
    } else {
      parts.push(`<li><span>Item ${block}</span> <a href="/item/${block}">link</a> <em>x</em></li>`);
      count += 4;
    }
    if (block % 10 === 9) {
      parts.push('</ul><p>Some paragraph text with <b>bold</b> words.</p><ul>');
      count += 3;
    }
  }
  const script = `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@graph': jsonLd })}</script>`;
  return `<!doctype html><html><head><title>mixed</title>${script}<link rel="me" href="https://mastodon.social/@site"></head><body><main><ul>${parts.join('')}</ul></main></body></html>`;
}
