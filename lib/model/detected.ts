import { z } from 'zod';
import { siteNamesOf } from '../detect/sites';
import { MAX_OUTLINE_CHARS } from '../detect/site-support/outline-size';
import { ProfileLink } from './contact';
import { EmailAddress } from './email';

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
  emails: z.array(EmailAddress).max(50).default([]),
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

/** The most a page outline (Copy diagnostics) may be: lib/detect/site-support/page-outline.ts keeps under it. */
export { MAX_OUTLINE_CHARS };

/**
 * Which reader read a site's page, when not the site's own: the site reader yielded less than a
 * page of its kind must (`missing` says what), so a generic reader's findings are shown, with a
 * redacted outline of the page (tags, roles, class and attribute names; no text, no values) the
 * user may copy into a bug report.
 */
export const DetectionReader = z.object({
  site: z.enum(siteNamesOf('email-thread')),
  fallback: z.literal(true),
  missing: z.string().max(200),
  outline: z.string().max(MAX_OUTLINE_CHARS).default(''),
});
export type DetectionReader = z.infer<typeof DetectionReader>;
export type DetectionReaderInput = z.input<typeof DetectionReader>;

const HttpUrl = z.url({ protocol: /^https?$/ }).max(4096);

/** One message of an open webmail thread: who wrote to whom, when. */
export const EmailMessage = z.object({
  /** The webmail's own message id: the dedupe key when the message is logged as an interaction. */
  id: z.string().min(1).max(500),
  from: EmailAddress.optional(),
  to: z.array(EmailAddress).max(200).default([]),
  cc: z.array(EmailAddress).max(200).default([]),
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
  account: EmailAddress.optional(),
  messages: z.array(EmailMessage).max(200).default([]),
});

export const ProfileContext = z.object({
  kind: z.literal('profile'),
  /** The profile site readers (lib/detect/sites). */
  site: z.enum(siteNamesOf('profile')),
  /** Canonical profile URL of the page's subject. */
  url: HttpUrl,
});

/** How an invitee answered a calendar invitation (iCalendar's PARTSTAT, as the calendars show it). */
export const EVENT_RESPONSES = ['accepted', 'declined', 'tentative', 'needs-action'] as const;

/** One person invited to a calendar event, with their answer. */
export const EventPerson = z.object({
  email: z.email().max(320),
  name: z.string().max(300).optional(),
  response: z.enum(EVENT_RESPONSES).default('needs-action'),
});
export type EventPerson = z.infer<typeof EventPerson>;

/** An open calendar event: what it is, when, who organised it and who was invited. */
export const EventContext = z.object({
  kind: z.literal('event'),
  /** The calendar site readers (lib/detect/sites). */
  site: z.enum(siteNamesOf('event')),
  url: HttpUrl,
  /** The signed-in account, so the product can leave the user out of their own meetings. */
  account: z.email().max(320).optional(),
  event: z.object({
    /** The calendar's own event id: the dedupe key when the event is logged as a meeting. */
    id: z.string().min(1).max(500),
    title: z.string().max(1000).default(''),
    /** Milliseconds since the epoch, when the page shows a readable start (local wall-clock time). */
    start: z.number().int().nonnegative().optional(),
    /** Absent for all-day events and when the page shows no end. */
    durationMinutes: z.number().int().min(0).max(24 * 60).optional(),
    organizer: EventPerson.optional(),
    attendees: z.array(EventPerson).max(500).default([]),
  }),
});

export const PageContext = z.discriminatedUnion('kind', [EmailThreadContext, ProfileContext, EventContext]);
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
  /** Set when a generic fallback read this site's page (see DetectionReader). */
  reader: DetectionReader.optional(),
  at: z.number().int().nonnegative(),
});
export type TabDetections = z.infer<typeof TabDetections>;
export type TabDetectionsInput = z.input<typeof TabDetections>;
