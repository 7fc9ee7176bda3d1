import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import { isInsideCode } from '../rules';
import { describeElement } from '../evidence';
import { cleanName, cleanPhone } from '../field-values';
import { personDetection } from './person-detection';
import { contactRole, forgetPlacements, isPeripheral } from './placement';
import { imageSource } from '../dom';
import { classTokens, distinct, distinctProfiles, elementsWithClass, emailFromValue, pageBase, photoUrl, profileLink, shortText, textOf } from './markup';

/** Cards read per page, and elements read per card and per page: hostile pages get cut short. */
const MAX_CARDS = 500;
const MAX_ELEMENTS_PER_CARD = 3_000;
const MAX_ELEMENTS_PER_PAGE = 100_000;
/** Values kept per property of one card. */
const MAX_PROPERTY_VALUES = 20;
/** An implied name (a card's whole text) longer than this is a paragraph, not a name. */
const MAX_IMPLIED_NAME = 100;

type Prefix = 'p' | 'u' | 'dt' | 'e';
type Mode = 'mf2' | 'mf1';

const MF2_ROOT = /^h-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MF2_PROPERTY = /^(p|u|dt|e)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** Classic (microformats 1) root class names: each starts a nested item, as `h-*` does. */
const MF1_ROOTS = new Set('vcard adr geo vevent vcalendar hentry hfeed hnews hreview hreview-aggregate hproduct hrecipe hresume hslice'.split(' '));
/**
 * Classic hCard property names read here, as their microformats2 equivalents: `u-*` for the
 * link-valued ones, `p-*` for the rest, under the same name but for fn and title.
 */
const MF1_PROPERTIES = new Set('fn email tel org title url photo adr locality region country-name'.split(' '));
const MF1_URL_PROPERTIES = new Set(['email', 'url', 'photo']);
const MF1_RENAMED: Readonly<Record<string, string>> = { fn: 'name', title: 'job-title' };

interface Property {
  prefix: Prefix;
  name: string;
}

function propertiesOf(tokens: string[], mode: Mode): Property[] {
  const found: Property[] = [];
  for (const token of tokens) {
    if (mode === 'mf2') {
      const match = MF2_PROPERTY.exec(token);
      if (match) found.push({ prefix: match[1] as Prefix, name: match[2]! });
    } else {
      if (MF1_PROPERTIES.has(token)) found.push({ prefix: MF1_URL_PROPERTIES.has(token) ? 'u' : 'p', name: MF1_RENAMED[token] ?? token });
    }
  }
  return found;
}

function isRoot(tokens: string[]): boolean {
  return tokens.some((token) => MF2_ROOT.test(token) || MF1_ROOTS.has(token));
}

const tagOf = (element: Element) => element.tagName.toUpperCase();
const attribute = (element: Element, name: string) => element.getAttribute(name) ?? undefined;

/** The value-class pattern: `<span class="tel"><span class="type">Work</span> <span class="value">+1 …</span></span>`. */
function valueClassText(element: Element): string | undefined {
  // Most property elements are leaves, and a leaf has no value parts: skip the lookup.
  if (!element.firstElementChild) return undefined;
  const parts = [...element.querySelectorAll('.value, .value-title')].slice(0, 20);
  if (parts.length === 0) return undefined;
  return parts
    .map((part) => {
      if (classTokens(part).includes('value-title')) return attribute(part, 'title') ?? '';
      switch (tagOf(part)) {
        case 'IMG':
        case 'AREA':
          return attribute(part, 'alt') ?? '';
        case 'DATA':
          return attribute(part, 'value') ?? textOf(part);
        case 'ABBR':
          return attribute(part, 'title') ?? textOf(part);
        default:
          return textOf(part);
      }
    })
    .join('');
}

/** A `p-*` property's text (microformats2 parsing, section "parsing a p- property"). */
function plainValue(element: Element): string {
  const fromValueClass = valueClassText(element);
  if (fromValueClass !== undefined) return fromValueClass;
  const tag = tagOf(element);
  if ((tag === 'ABBR' || tag === 'LINK') && element.hasAttribute('title')) return attribute(element, 'title')!;
  if ((tag === 'DATA' || tag === 'INPUT') && element.hasAttribute('value')) return attribute(element, 'value')!;
  if ((tag === 'IMG' || tag === 'AREA') && element.hasAttribute('alt')) return attribute(element, 'alt')!;
  return textOf(element);
}

const URL_ATTRIBUTES: Readonly<Record<string, string>> = {
  A: 'href', AREA: 'href', LINK: 'href', IMG: 'src', AUDIO: 'src', VIDEO: 'src', SOURCE: 'src', IFRAME: 'src', OBJECT: 'data',
};

/** A `u-*` property's raw value: the link or source attribute, else as a `p-*` property. */
function urlValue(element: Element): string {
  const name = URL_ATTRIBUTES[tagOf(element)];
  if (name && element.hasAttribute(name)) return attribute(element, name)!;
  if (tagOf(element) === 'VIDEO' && element.hasAttribute('poster')) return attribute(element, 'poster')!;
  return plainValue(element);
}

/**
 * A `u-photo`'s address: an image's real source (lazy attributes, srcset; see imageSource), a
 * link's href, or the image inside (`<span class="photo"><img …></span>`); text only when it is
 * an absolute URL. Never alt text: "Lucas Mearian" is no photo.
 */
function photoValue(element: Element): string {
  const image = tagOf(element) === 'IMG' ? element : URL_ATTRIBUTES[tagOf(element)] ? undefined : element.querySelector('img');
  if (image) return imageSource(image) ?? '';
  const value = urlValue(element);
  return URL_ATTRIBUTES[tagOf(element)] || /^https?:\/\//i.test(value) ? value : '';
}

interface CardReading {
  values: Map<string, Array<{ value: string; element: Element }>>;
  nested: Element[];
  hasPlainProperty: boolean;
  hasUrlProperty: boolean;
}

/**
 * Walks one card's subtree in document order, collecting its properties. A nested microformat is
 * a value of the card (`p-org h-card`) or a child item, never walked into: its properties are
 * its own, and walking stops there, which keeps deeply nested cards linear.
 */
function readCard(card: Element, mode: Mode, budget: { elements: number }): CardReading {
  const reading: CardReading = { values: new Map(), nested: [], hasPlainProperty: false, hasUrlProperty: false };
  const stack: Element[] = [];
  const pushChildren = (element: Element) => {
    const children = element.children;
    for (let index = Math.min(children.length, MAX_ELEMENTS_PER_CARD) - 1; index >= 0; index--) stack.push(children[index]!);
  };
  pushChildren(card);
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_ELEMENTS_PER_CARD && budget.elements-- > 0) {
    const element = stack.pop()!;
    const tokens = classTokens(element);
    const nested = tokens.length > 0 && isRoot(tokens);
    if (nested) reading.nested.push(element);
    for (const property of tokens.length > 0 ? propertiesOf(tokens, mode) : []) {
      if (property.prefix === 'u') reading.hasUrlProperty = true;
      else if (property.prefix === 'p' || property.prefix === 'e') reading.hasPlainProperty = true;
      if (property.prefix === 'dt' || property.prefix === 'e') continue;
      // A nested item as a p-* value reads as its name; as a u-* value, as the element's link.
      const value = property.name === 'photo' ? photoValue(element) : property.prefix === 'u' ? urlValue(element) : nested ? nestedItemName(element, mode) : plainValue(element);
      const list = reading.values.get(property.name) ?? [];
      if (list.length < MAX_PROPERTY_VALUES) list.push({ value, element });
      reading.values.set(property.name, list);
    }
    if (!nested) pushChildren(element);
  }
  return reading;
}

/** The value of a nested item used as a property (`p-org h-card`): its name, else its text. */
function nestedItemName(element: Element, mode: Mode): string {
  const name = element.querySelector(mode === 'mf2' ? '.p-name' : '.fn');
  return name ? plainValue(name) : textOf(element);
}

/** `.h-x > tag:only-of-type` (not itself a microformat), the shape implied properties look for. */
function onlyOfType(parent: Element, tags: string[]): Element | undefined {
  let match: Element | undefined;
  for (const child of parent.children) {
    if (!tags.includes(tagOf(child))) continue;
    if (match && tagOf(match) === tagOf(child)) return undefined;
    match ??= child;
  }
  return match && !classTokens(match).some((token) => MF2_ROOT.test(token)) ? match : undefined;
}

function onlyChild(parent: Element): Element | undefined {
  const child = parent.children.length === 1 ? parent.children[0] : undefined;
  return child && !classTokens(child).some((token) => MF2_ROOT.test(token)) ? child : undefined;
}

function nameAttribute(element: Element): string | undefined {
  const tag = tagOf(element);
  if ((tag === 'IMG' || tag === 'AREA') && element.getAttribute('alt')) return attribute(element, 'alt');
  if (tag === 'ABBR' && element.getAttribute('title')) return attribute(element, 'title');
  return undefined;
}

/** microformats2 implied name: the alt or title of the card or its only (grand)child, else its text. */
function impliedName(card: Element): string | undefined {
  const child = onlyChild(card);
  const grandchild = child && onlyChild(child);
  const fromAttribute =
    nameAttribute(card) ??
    (child && nameAttribute(child)) ??
    (grandchild && nameAttribute(grandchild));
  if (fromAttribute !== undefined) return fromAttribute;
  const text = textOf(card, MAX_IMPLIED_NAME + 1);
  return text.length <= MAX_IMPLIED_NAME ? text : undefined;
}

function impliedPhoto(card: Element): string | undefined {
  const source = (element: Element | undefined) =>
    element && (tagOf(element) === 'IMG' ? imageSource(element) : tagOf(element) === 'OBJECT' ? attribute(element, 'data') : undefined);
  const child = onlyChild(card);
  return source(card) ?? source(onlyOfType(card, ['IMG', 'OBJECT'])) ?? (child ? source(onlyOfType(child, ['IMG', 'OBJECT'])) : undefined);
}

function impliedUrl(card: Element): string | undefined {
  const link = (element: Element | undefined) => (element && ['A', 'AREA'].includes(tagOf(element)) ? attribute(element, 'href') : undefined);
  const child = onlyChild(card);
  return link(card) ?? link(onlyOfType(card, ['A', 'AREA'])) ?? (child ? link(onlyOfType(child, ['A', 'AREA'])) : undefined);
}

/** "Brighton, United Kingdom" from an address item or the card's own locality properties. */
function locationOf(reading: CardReading, budget: { elements: number }): string | undefined {
  const join = (values: CardReading['values']) =>
    ['locality', 'region', 'country-name']
      .map((name) => shortText(values.get(name)?.[0]?.value, 100))
      .filter(Boolean)
      .join(', ') || undefined;
  const own = join(reading.values);
  if (own) return own;
  const addresses = [
    ...(reading.values.get('adr') ?? []).map(({ element }) => element),
    ...reading.nested.filter((element) => classTokens(element).some((token) => token === 'h-adr' || token === 'adr')),
  ];
  for (const address of addresses) {
    const addressMode: Mode = classTokens(address).includes('h-adr') ? 'mf2' : 'mf1';
    const location = join(readCard(address, addressMode, budget).values);
    if (location) return shortText(location);
  }
  return undefined;
}

/** The card is an organisation's, not a person's: `h-org`, a card used as an org, or fn = org. */
function isOrganisation(card: Element, tokens: string[], name: string | undefined, org: string | undefined): boolean {
  if (tokens.includes('h-org') || tokens.includes('p-org')) return true;
  if (tokens.includes('org') && !tokens.includes('h-card') && card.parentElement?.closest('.vcard')) return true;
  return !!name && !!org && name.toLowerCase() === org.toLowerCase();
}

const first = (reading: CardReading, name: string) => reading.values.get(name)?.[0]?.value;
const all = (reading: CardReading, name: string) => reading.values.get(name) ?? [];

function readPerson(card: Element, base: URL, page: URL, budget: { elements: number }): DetectedContactInput | undefined {
  const tokens = classTokens(card);
  // A card marked both ways is read as microformats2 only, as parsers do.
  const mode: Mode = tokens.includes('h-card') ? 'mf2' : 'mf1';
  const reading = readCard(card, mode, budget);
  const implies = mode === 'mf2' && reading.nested.length === 0;

  const explicitName = first(reading, 'name');
  const name = cleanName(explicitName ?? (implies && !reading.hasPlainProperty ? impliedName(card) : undefined));
  const company = shortText(first(reading, 'org'));
  if (isOrganisation(card, tokens, name, company)) return undefined;

  const urls = all(reading, 'url').map(({ value }) => value);
  if (urls.length === 0 && implies && !reading.hasUrlProperty) {
    const implied = impliedUrl(card);
    if (implied !== undefined) urls.push(implied);
  }
  const photos = all(reading, 'photo').map(({ value }) => value);
  if (photos.length === 0 && implies && !reading.hasUrlProperty) photos.push(impliedPhoto(card) ?? '');
  const emails = distinct(all(reading, 'email').map(({ value }) => emailFromValue(value)));
  const phones = distinct(
    all(reading, 'tel').map(({ value, element }) => cleanPhone(value) ?? cleanPhone(attribute(element, 'href') ?? '')),
  );
  const profiles = distinctProfiles(urls.map((url) => profileLink(url, base, page)));
  if (!name && emails.length === 0 && phones.length === 0 && profiles.length === 0) return undefined;

  const title = shortText(first(reading, 'job-title'));
  const location = locationOf(reading, budget);
  const photo = photos.map((value) => photoUrl(value, base)).find(Boolean);
  const evidence = [{ detector: 'h-card', element: describeElement(card) }];
  // `p-author h-card` (h-entry) and hAtom's `author vcard`: the post's author, outside comments and related posts.
  const role = !name ? undefined : (tokens.includes('p-author') || tokens.includes('author')) && !isPeripheral(card, true) ? 'author' : contactRole(card);
  return personDetection({ name, emails, phones, company, title, location, photo, profiles, role, evidence });
}

function isCard(element: Element): boolean {
  const tokens = classTokens(element);
  return tokens.includes('h-card') || tokens.includes('vcard');
}

/**
 * microformats2 `h-card` and classic hCard (`vcard`, `fn`, `org`, `email`, `tel`, …): one person
 * per card, read as the microformats2 parsing rules say (value-class pattern, implied name, photo
 * and url), including cards nested in other items (`p-author h-card` in an `h-entry`). A card
 * used as another card's organisation, or whose name is its organisation, is not a person.
 * Test URLs: https://tantek.com/ (representative h-card), IndieWeb blog posts (p-author h-card).
 */
export const hcardDetector: Detector = {
  name: 'h-card',
  matches: () => true,
  detect(root, url, scan) {
    if (!scan) forgetPlacements(); // run on its own: nothing learnt from an earlier scan holds
    const all = elementsWithClass(root, ['h-card', 'vcard']).filter(isCard);
    if (all.length === 0) return [];
    const base = scan ? scan.shared('base', () => pageBase(root, url)) : pageBase(root, url);
    const budget = { elements: MAX_ELEMENTS_PER_PAGE };
    const found: DetectedContactInput[] = [];
    let read = 0;
    for (const card of all.slice(0, MAX_CARDS)) {
      if (budget.elements <= 0) break;
      read++;
      if (isInsideCode(card)) continue;
      const person = readPerson(card, base, url, budget);
      if (person) found.push(person);
    }
    if (read < all.length) scan?.limit('cards', read, all.length);
    return found;
  },
};
