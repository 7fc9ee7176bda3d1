import type { DetectedContactInput } from '../../model/detected';
import type { SiteReading } from '../types';
import { imageSource } from '../dom';
import { describeElement } from '../evidence';
import { field, httpUrl, textOf } from '../site-support/page-text';
import { siteAdapter } from '../site-support/site-adapter';
import { linkedin, linkedInProfileSlug, linkedInProfileUrl } from './linkedin';

/*
 * A LinkedIn profile comes in two shapes. Signed out (and to crawlers) it is the public profile:
 * a `top-card-layout` header plus a JSON-LD `Person` (inside `@graph`) that names the member,
 * their current employers and place. Signed in it is the member view: a top-card `section`
 * (`[data-member-id]`) with the name in `h1`, the headline in `.text-body-medium`, the place in
 * `.text-body-small.t-black--light` and the current company on a "Current company: …" button.
 * Only the top card is read: "People also viewed", "People you may know" and the navigation
 * bar (the viewer's own photo and name) are other people.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function jsonString(value: unknown): string | undefined {
  const item = first(value);
  if (typeof item === 'string') return field(item);
  if (isObject(item) && typeof item.name === 'string') return field(item.name);
  return undefined;
}

function isPerson(node: Json): boolean {
  const type = node['@type'];
  return type === 'Person' || (Array.isArray(type) && type.includes('Person'));
}

/** Top-level JSON-LD Persons (a `reviewedBy` inside the WebPage node is not the subject). */
function jsonLdPersons(root: ParentNode): { node: Json; script: Element }[] {
  const persons: { node: Json; script: Element }[] = [];
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > 500_000) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const nodes = Array.isArray(data) ? data : isObject(data) && Array.isArray(data['@graph']) ? data['@graph'] : [data];
    for (const node of nodes) if (isObject(node) && isPerson(node)) persons.push({ node, script });
  }
  return persons;
}

/** Member photos live on media.licdn.com; LinkedIn's grey silhouette is a static asset elsewhere. */
function memberPhoto(raw: string | null | undefined, base: URL): string | undefined {
  const href = httpUrl(raw, base);
  if (!href) return undefined;
  const url = new URL(href);
  return url.protocol === 'https:' && /(^|\.)media\.licdn\.com$/.test(url.hostname) ? href : undefined;
}

/** " at ", " @ ", ", " (and "bei", "chez"): where a headline's title ends and its company starts. */
const AT_COMPANY = /\s+(?:at|@|bei|chez)\s+|,\s+/i;

/**
 * A headline as a title and a company: "Talent Partner at Northwind Robotics | Hiring robotics
 * engineers" → "Talent Partner", "Northwind Robotics". What follows "|" is a pitch, not a job;
 * "Title @ Company" and "Title, Company" split the same way; a headline without a company is all title.
 */
export function splitHeadline(headline: string | undefined): { title?: string; company?: string } {
  const job = field(headline?.split('|')[0]);
  const match = job ? AT_COMPANY.exec(job) : null;
  if (!job || !match) return { title: job };
  const title = field(job.slice(0, match.index));
  const company = field(job.slice(match.index + match[0].length));
  return title && company ? { title, company } : { title: job };
}

/** The top card's photo: the known picture classes, else any member photo there (lazy-loaded ones too). */
function topCardPhoto(topCard: Element | null | undefined, base: URL): string | undefined {
  if (!topCard) return undefined;
  const known = [
    ...topCard.querySelectorAll(
      'img.pv-top-card-profile-picture__image--show, img.pv-top-card-profile-picture__image, .pv-top-card__photo img, img.top-card-layout__entity-image',
    ),
  ];
  // Any other image there only when it is a member photo: company logos sit in the top card too.
  for (const image of [...known, ...topCard.querySelectorAll('img')]) {
    const photo = memberPhoto(imageSource(image), base);
    if (photo && (known.includes(image) || /\/profile-\w*photo/.test(photo))) return photo;
  }
  return undefined;
}

function subject(slug: string, fields: Omit<DetectedContactInput, 'profiles' | 'role'>): DetectedContactInput {
  const contact: DetectedContactInput = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(contact, { [key]: value });
  return { ...contact, profiles: [{ kind: 'linkedin', url: linkedInProfileUrl(slug) }], role: 'subject' };
}

/** The public profile: JSON-LD Person for the facts, the top card for the headline. */
function readPublic(root: ParentNode, url: URL, pageSlug: string): DetectedContactInput | undefined {
  const persons = jsonLdPersons(root);
  const isThisProfile = (link: unknown) => typeof link === 'string' && linkedInProfileSlug(link) === pageSlug;
  const match =
    persons.find(({ node }) => isThisProfile(node.url) || isThisProfile(node.sameAs)) ??
    (persons.length === 1 && !persons[0]!.node.url ? persons[0] : undefined);
  if (!match) return undefined;
  const { node, script } = match;
  const address = first(node.address);
  const image = first(node.image);
  const imageUrl = typeof image === 'string' ? image : isObject(image) ? (image.contentUrl ?? image.url) : undefined;
  const topCard = root.querySelector('.top-card-layout');
  const headline = splitHeadline(textOf(topCard?.querySelector('.top-card-layout__headline')));
  return subject(pageSlug, {
    name: jsonString(node.name) ?? field(textOf(topCard?.querySelector('h1'))),
    title: headline.title ?? splitHeadline(jsonString(node.jobTitle)).title,
    company: jsonString(node.worksFor) ?? headline.company,
    location: isObject(address) ? jsonString(address.addressLocality) : jsonString(address),
    photo: memberPhoto(typeof imageUrl === 'string' ? imageUrl : undefined, url) ?? topCardPhoto(topCard, url),
    evidence: [{ detector: linkedin.name, element: describeElement(script) }],
  });
}

/** "Current company: Analytical Engines. Click to skip to experience card" → the company. */
function currentCompany(topCard: Element, root: ParentNode): string | undefined {
  const label = topCard.querySelector('button[aria-label^="Current company"]')?.getAttribute('aria-label');
  const fromLabel = /^Current company:\s*(.+?)(?:\.\s+Click\b.*)?$/.exec(label ?? '')?.[1];
  if (fromLabel) return field(fromLabel);
  // Else the first experience entry: a company with several roles is a group whose bold line is
  // the company; a single role has the company first on its second line ("Acme · Full-time").
  const entry = root.querySelector('#experience')?.closest('section')?.querySelector('li');
  if (!entry) return undefined;
  const grouped = entry.querySelector('ul')?.querySelector('.t-bold') != null;
  const line = grouped
    ? entry.querySelector('.t-bold span[aria-hidden="true"]')
    : entry.querySelector('.t-14.t-normal span[aria-hidden="true"]');
  return field(textOf(line).split(' · ')[0]);
}

function readMember(root: ParentNode, url: URL, pageSlug: string): SiteReading {
  // The public view's top card stands in when its JSON-LD is missing or names someone else.
  const topCard =
    root.querySelector('section[data-member-id]') ??
    root.querySelector('.pv-top-card') ??
    root.querySelector('.top-card-layout') ??
    root.querySelector('main h1')?.closest('section');
  const heading = topCard?.querySelector('h1');
  if (!topCard || !heading) return { contacts: [] };
  // The top card links to its own overlays by the member's slug, which the address bar may lack.
  const ownLink = topCard.querySelector('a[href*="/overlay/contact-info"], a[href*="/overlay/about-this-profile"]');
  const slug = linkedInProfileSlug(httpUrl(ownLink?.getAttribute('href'), url) ?? '') ?? pageSlug;
  const profileUrl = linkedInProfileUrl(slug);
  if (topCard.querySelector('a[href*="/edit/intro"], [aria-label="Edit intro"]')) {
    // The viewer's own profile: nothing to propose, and they are nobody's contact here.
    return { contacts: [], signedInUser: { profileUrls: [profileUrl] } };
  }
  const headline = splitHeadline(textOf(topCard.querySelector('.text-body-medium') ?? topCard.querySelector('.top-card-layout__headline')));
  const contact = subject(slug, {
    name: field(textOf(heading)),
    title: headline.title,
    company:
      currentCompany(topCard, root) ??
      field(textOf(topCard.querySelector('[data-section="currentPositionsDetails"] .top-card-link__description'))) ??
      headline.company,
    location: field(
      textOf(
        topCard.querySelector('.text-body-small.inline.t-black--light') ??
          topCard.querySelector('.top-card-layout__first-subline .not-first-middot span'),
      ),
    ),
    photo: topCardPhoto(topCard, url),
    evidence: [{ detector: linkedin.name, element: describeElement(heading) }],
  });
  return { contacts: contact.name ? [contact] : [], context: { kind: 'profile', site: linkedin.name, url: profileUrl } };
}

function readLinkedIn(root: ParentNode, url: URL): SiteReading {
  const pageSlug = linkedInProfileSlug(url);
  if (!pageSlug) return { contacts: [] };
  const publicProfile = readPublic(root, url, pageSlug);
  if (publicProfile) {
    return {
      contacts: [publicProfile],
      context: { kind: 'profile', site: linkedin.name, url: linkedInProfileUrl(pageSlug) },
    };
  }
  return readMember(root, url, pageSlug);
}

/** Reads LinkedIn profile pages (see linkedin.ts): the owner and the canonical profile URL. */
export const linkedInAdapter = siteAdapter(linkedin, readLinkedIn);
