import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pageOutline } from '@/lib/detect/site-support/page-outline';
import { MAX_OUTLINE_CHARS } from '@/lib/model/detected';

/** A page full of what must not leave it: text, names, addresses, ids, links, values of every kind. */
const LOUD = `<!DOCTYPE html><html lang="en"><head><title>Secret subject - ada@lovelace.io</title><meta name="author" content="Ada Lovelace"></head><body>
<div id="user-ada@lovelace.io" class="nH w-asV ada@lovelace.io  x=1 ok_name" role="main" data-info="Grace Hopper grace@cobol.dev" aria-label="From: Grace Hopper <grace@cobol.dev>">
  <h2 class="hP" data-legacy-thread-id="18f3a1b2c3d4e5f6" title="Invoice for Charles">Invoice for Charles Babbage</h2>
  <span class="gD" email="grace@cobol.dev" name="Grace Hopper" data-hovercard-id="grace@cobol.dev">Grace Hopper &lt;grace@cobol.dev&gt;</span>
  <a href="mailto:katherine@langley-aero.com?subject=Private%20matter" style="color:red">Katherine Johnson</a>
  <img src="https://lh3.googleusercontent.com/a/photo-of-grace" alt="Grace's photo">
  <input type="hidden" name="to" value="alan.turing@bletchley.uk">
  <div role="button Grace" tabindex="0">+1 (555) 010-9999 call Grace</div>
  <script>var token = "sk-live-secret"; </script><style>.secret::after { content: "ada@lovelace.io" }</style>
  <p weird@attr="1" data-ok="2">Body text with ada@lovelace.io and a card 4111 1111 1111 1111</p>
  <!-- comment with grace@cobol.dev -->
  <template><span email="hidden@template.example">Hidden</span></template>
</div></body></html>`;

describe('pageOutline', () => {
  it('keeps tags, roles, class and attribute names, and nothing of the text or the values', () => {
    const { document } = parseHTML(LOUD);
    const outline = pageOutline(document);
    expect(outline.split('\n').slice(0, 4)).toEqual([
      'html {lang}',
      '  body',
      '    div.nH.w-asV.ok_name [role=main] {id data-info aria-label}',
      '      h2.hP {data-legacy-thread-id title}',
    ]);
    expect(outline).toContain('span.gD {email name data-hovercard-id}');
    expect(outline).toContain('a {href style}');
    expect(outline).toContain('input {type name value}');
    // A role that is not one ARIA word is a value, and left out.
    expect(outline).toContain('      div {tabindex}');
    expect(outline).toContain('p {data-ok}');
    for (const secret of ['@', 'Grace', 'Ada', 'Charles', 'Katherine', 'Invoice', 'Secret', 'secret', '555', '4111', '18f3', 'https', 'mailto', 'red', 'token', 'Hidden', 'hidden', 'x=1', 'comment']) {
      expect(outline, secret).not.toContain(secret);
    }
  });

  it('stays within its bounds on a huge and deep page, and says where it was cut', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `<tr class="zA row${i}" role="row"><td email="person${i}@cobol.dev">Person ${i}</td></tr>`).join('');
    const deep = `${'<div class="d">'.repeat(200)}x${'</div>'.repeat(200)}`;
    const { document } = parseHTML(`<html><body><div role="main"><table><tbody>${rows}</tbody></table>${deep}</div></body></html>`);
    const outline = pageOutline(document);
    expect(outline.length).toBeLessThanOrEqual(MAX_OUTLINE_CHARS);
    expect(outline.split('\n').length).toBeLessThanOrEqual(1_300);
    expect(outline.split('\n').at(-1)).toMatch(/^… cut at \d+ elements$/);
    expect(outline).not.toContain('@');

    const { document: tall } = parseHTML(`<html><body><main role="main">${deep}</main></body></html>`);
    const indents = pageOutline(tall).split('\n').map((line) => line.length - line.trimStart().length);
    expect(Math.max(...indents)).toBeLessThanOrEqual(2 * 62);
  });

  it('outlines the body when the page has no main region, and nothing for an empty root', () => {
    const { document } = parseHTML('<html><body><section class="a"><p>text</p></section></body></html>');
    expect(pageOutline(document)).toBe('html\n  body\n    section.a\n      p');
    expect(pageOutline(parseHTML('<html></html>').document.createDocumentFragment())).toBe('');
  });
});
