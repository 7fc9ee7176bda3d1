/**
 * Page parts named for what they hold (id or class): comments, related / "more from" /
 * recommended / popular lists, sidebars ("cb-sidebar", not "withSidebar", a layout's name).
 */
const NAMED = /comment|related|recirc|more-from|recommend|popular|(?:^|[\s_-])sidebar/i;
const LANDMARK = /^(?:navigation|complementary|contentinfo)$/;

/**
 * Whether a person found in this element is only mentioned: it sits in a peripheral part of the
 * page (navigation, a footer, an aside, a named part above). Not for the body's or html's own
 * classes ("has-sidebar", "comments-open": they say what the page holds somewhere), nor for an
 * article's own footer or aside (its byline, its contacts) unless that part is named as one of
 * the others (`aside.related`). `credits`: also "more-…" lists and figures, whose bylines are a
 * photo's or another story's. One walk up from the element: asked only of the elements people
 * were found in, never of every element.
 */
export function isPeripheral(element: Element, credits = false): boolean {
  for (let node: Element | null = element; node?.parentElement && !/^body$/i.test(node.tagName); node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    const name = `${node.id} ${node.getAttribute('class') ?? ''}`;
    if (
      NAMED.test(name) ||
      tag === 'NAV' ||
      LANDMARK.test(node.getAttribute('role') ?? '') ||
      ((tag === 'FOOTER' || tag === 'ASIDE') && !node.closest('article')) ||
      (credits && (tag === 'FIGURE' || /more-/i.test(name)))
    ) return true;
  }
  return false;
}

/** A block that says it holds the page's contact: "Contact", "Press contact", "Kontakt", "Contacto", "Contato". */
const CONTACT = /contact|kontakt|contato/i;
/** How far up from a person's element a contact block may start, and how much text it may hold. */
const CONTACT_LEVELS = 4;
const CONTACT_CHARS = 1_000;
const CONTACT_CHILDREN = 20;

/**
 * `contact` for a named person a link or card shows inside a block whose class, id or heading says
 * it is the page's contact ("Press contact", `.media-contact`), outside the peripheral parts;
 * else undefined (the default role, `mentioned`).
 */
export function contactRole(element: Element): 'contact' | undefined {
  if (isPeripheral(element)) return undefined;
  for (let block: Element | null = element, level = 0; block && level < CONTACT_LEVELS && block.parentElement; block = block.parentElement, level++) {
    // Past a short block is a list, the article or the page: its first heading is not this
    // person's. The child count first: a list of 5,000 links must not be read as text 5,000 times.
    if (block.childElementCount > CONTACT_CHILDREN || (block.textContent ?? '').length > CONTACT_CHARS) break;
    const heading = block.querySelector('h1,h2,h3,h4,h5,h6,dt,strong,b');
    if (CONTACT.test(`${block.id} ${block.getAttribute('class') ?? ''} ${heading && !heading.contains(element) ? (heading.textContent ?? '').slice(0, 60) : ''}`)) return 'contact';
  }
  return undefined;
}
