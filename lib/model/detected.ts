import { z } from 'zod';
import { siteNamesOf } from '../detect/sites';
import { ProfileLink } from './contact';

/** Why a detector believes this is a person: which detector, and which element it read. */
export const Evidence = z.object({
  detector: z.string().min(1).max(60),
  element: z.string().max(300),
});

/**
 * Why a person matters on the page: `subject` (the profile's or page's owner), `author` (of the
 * article), `contact` (the page's stated contact person), `from`/`to`/`cc` (of a mail), or only
 * `mentioned` (comments, navigation, footers, related stories, anyone else).
 */
export const DETECTED_ROLES = ['from', 'to', 'cc', 'subject', 'author', 'contact', 'mentioned'] as const;

/**
 * A person found on a page. It crosses from a hostile page through the content script, so every
 * string is bounded and every link is http(s): the background parses each report with this.
 */
export const DetectedContact = z.object({
  name: z.string().max(300).optional(),
  emails: z.array(z.email().max(320)).max(50).default([]),
  phones: z.array(z.string().max(40)).max(50).default([]),
  company: z.string().max(300).optional(),
  title: z.string().max(300).optional(),
  location: z.string().max(300).optional(),
  photo: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  profiles: z.array(ProfileLink).max(50).default([]),
  role: z.enum(DETECTED_ROLES).default('mentioned'),
  evidence: z.array(Evidence).max(50).default([]),
});
export type DetectedContact = z.infer<typeof DetectedContact>;
/** What detectors build: the same shape, before defaults are applied by parsing. */
export type DetectedContactInput = z.input<typeof DetectedContact>;

/**
 * What a detector stopped reading at one of its caps (lib/detect bounds every page's cost): "200
 * of 50,000 addresses read". `found` is what the page has as far as it was counted.
 */
export const DETECTION_LIMITS = ['addresses', 'cards', 'json-ld', 'items', 'phone-links', 'rel-me-links', 'people'] as const;
export const DetectionLimit = z.object({
  what: z.enum(DETECTION_LIMITS),
  read: z.number().int().nonnegative().max(1e9),
  found: z.number().int().nonnegative().max(1e9),
});
export type DetectionLimit = z.infer<typeof DetectionLimit>;
/** The caps a report carries at most (one per kind). */
export const MAX_LIMITS = DETECTION_LIMITS.length;

const HttpUrl = z.url({ protocol: /^https?$/ }).max(4096);

/** One message of an open webmail thread: who wrote to whom, when. */
export const EmailMessage = z.object({
  /** The webmail's own message id: the dedupe key when the message is logged as an interaction. */
  id: z.string().min(1).max(500),
  from: z.email().max(320).optional(),
  to: z.array(z.email().max(320)).max(200).default([]),
  cc: z.array(z.email().max(320)).max(200).default([]),
  /** Milliseconds since the epoch, when the page shows a parseable date. */
  date: z.number().int().nonnegative().optional(),
});
export type EmailMessage = z.infer<typeof EmailMessage>;

/** What a page is about, beyond the people on it: an open email thread, or a profile. */
export const EmailThreadContext = z.object({
  kind: z.literal('email-thread'),
  /** The webmail site readers (lib/detect/sites). */
  site: z.enum(siteNamesOf('email-thread')),
  threadId: z.string().min(1).max(500),
  subject: z.string().max(1000).default(''),
  url: HttpUrl,
  /** The signed-in account, so the product can tell incoming from outgoing mail. */
  account: z.email().max(320).optional(),
  messages: z.array(EmailMessage).max(200).default([]),
});

export const ProfileContext = z.object({
  kind: z.literal('profile'),
  /** The profile site readers (lib/detect/sites). */
  site: z.enum(siteNamesOf('profile')),
  /** Canonical profile URL of the page's subject. */
  url: HttpUrl,
});

export const PageContext = z.discriminatedUnion('kind', [EmailThreadContext, ProfileContext]);
export type PageContext = z.infer<typeof PageContext>;
export type PageContextInput = z.input<typeof PageContext>;

/** The latest detections of one tab, kept in storage.session by the background. */
export const TabDetections = z.object({
  tabId: z.number().int(),
  url: z.string().max(4096),
  title: z.string().max(1000).default(''),
  contacts: z.array(DetectedContact).max(500),
  context: PageContext.optional(),
  limits: z.array(DetectionLimit).max(MAX_LIMITS).default([]),
  at: z.number().int().nonnegative(),
});
export type TabDetections = z.infer<typeof TabDetections>;
export type TabDetectionsInput = z.input<typeof TabDetections>;
