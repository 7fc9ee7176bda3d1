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
  const known = credits ? memo.peripheralWithCredits : memo.peripheral;
  // One walk up per element for the whole scan: ancestors answered for one person (a card in a
  // list of 240) are not walked again for the next. Stops at the first element already answered.
  const walked: Element[] = [];
  let answer = false;
  for (let node: Element | null = element; node?.parentElement && !/^body$/i.test(node.tagName); node = node.parentElement) {
    const cached = known.get(node);
    if (cached !== undefined) {
      answer = cached;
      break;
    }
    walked.push(node);
    if (isPeripheralPart(node, credits)) {
      answer = true;
      break;
    }
  }
  for (const node of walked) known.set(node, answer);
  return answer;
}

/** The element itself is a peripheral part (see isPeripheral). */
function isPeripheralPart(node: Element, credits: boolean): boolean {
  const tag = node.tagName.toUpperCase();
  const name = `${node.id} ${node.getAttribute('class') ?? ''}`;
  return (
    NAMED.test(name) ||
    tag === 'NAV' ||
    LANDMARK.test(node.getAttribute('role') ?? '') ||
    ((tag === 'FOOTER' || tag === 'ASIDE') && !node.closest('article')) ||
    (credits && (tag === 'FIGURE' || /more-/i.test(name)))
  );
}

/** What one scan has learnt about elements, so many people in one part of a page cost one look. */
interface PlacementMemo {
  peripheral: WeakMap<Element, boolean>;
  peripheralWithCredits: WeakMap<Element, boolean>;
  blocks: WeakMap<Element, ContactBlock>;
  /** Chain tops whose text is short and never says contact (quietChain). */
  quiet: WeakMap<Element, boolean>;
}

const freshMemo = (): PlacementMemo => ({ peripheral: new WeakMap(), peripheralWithCredits: new WeakMap(), blocks: new WeakMap(), quiet: new WeakMap() });
let memo = freshMemo();

/**
 * Forgets what earlier scans learnt: a page changes between scans (a class added, a block grown).
 * Called as each scan starts (PageScan's constructor), so answers hold within one synchronous scan.
 */
export function forgetPlacements(): void {
  memo = freshMemo();
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
  const quiet = quietChain(element);
  if (quiet) return quiet.some(isNamedContact) ? 'contact' : undefined;
  for (let block: Element | null = element, level = 0; block && level < CONTACT_LEVELS && block.parentElement; block = block.parentElement, level++) {
    const info = contactBlock(block);
    if (info.tooLarge) break;
    if (info.named || (info.heading && info.headingSaysContact && !info.heading.contains(element))) return 'contact';
  }
  return undefined;
}

const isNamedContact = (block: Element) => CONTACT.test(`${block.id} ${block.getAttribute('class') ?? ''}`);

/**
 * The blocks contactRole would look at, when the largest of them is short and its text never says
 * contact; else undefined. A block's text is a stretch of its parent's, so then no smaller block's
 * text says it, none is too large, and only their names can: one text read per chain's top, shared
 * by every person under it, instead of one per block (two per person on a list of links).
 */
function quietChain(element: Element): Element[] | undefined {
  const chain: Element[] = [];
  for (let block: Element | null = element; block && chain.length < CONTACT_LEVELS && block.parentElement; block = block.parentElement) {
    if (block.childElementCount > CONTACT_CHILDREN) break; // too large, and so is every block above it
    chain.push(block);
  }
  const top = chain[chain.length - 1];
  if (!top) return [];
  let quiet = memo.quiet.get(top);
  if (quiet === undefined) {
    const text = top.textContent ?? '';
    quiet = text.length <= CONTACT_CHARS && !CONTACT.test(text);
    memo.quiet.set(top, quiet);
  }
  return quiet ? chain : undefined;
}

interface ContactBlock {
  /** Past a short block is a list, the article or the page: its first heading is not this person's. */
  tooLarge: boolean;
  /** Its id or class says contact. */
  named: boolean;
  heading: Element | null;
  headingSaysContact: boolean;
}

/** One block's answer, once per scan however many people sit in it. */
function contactBlock(block: Element): ContactBlock {
  let info = memo.blocks.get(block);
  if (info) return info;
  // The child count first: a list of 5,000 links must not be read as text 5,000 times.
  const text = block.childElementCount > CONTACT_CHILDREN ? undefined : (block.textContent ?? '');
  if (text === undefined || text.length > CONTACT_CHARS) {
    info = { tooLarge: true, named: false, heading: null, headingSaysContact: false };
  } else {
    // A heading can say "contact" only if the block's text does: most blocks' text does not, and
    // then their heading need not be looked for (a selector match over the whole block).
    const heading = CONTACT.test(text) ? block.querySelector('h1,h2,h3,h4,h5,h6,dt,strong,b') : null;
    info = {
      tooLarge: false,
      named: isNamedContact(block),
      heading,
      headingSaysContact: !!heading && CONTACT.test((heading.textContent ?? '').slice(0, 60)),
    };
  }
  memo.blocks.set(block, info);
  return info;
}
