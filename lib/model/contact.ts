import { z } from 'zod';
import { EmailAddress } from './email';
import { RecordedAt } from './timestamps';

export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'expansion', 'at-risk', 'churned'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** Profile links: http(s) only; mailto/tel are stored as emails and phones instead. */
export const ProfileLink = z.object({
  kind: z.string().min(1).max(40),
  url: z.url({ protocol: /^https?$/ }).max(2048),
});
export type ProfileLink = z.infer<typeof ProfileLink>;

export const ContactSource = z.object({
  kind: z.string().min(1).max(40),
  url: z.string().max(2048).optional(),
  at: RecordedAt,
});
export type ContactSource = z.infer<typeof ContactSource>;

/** Fields a person can type; once typed, scraped data never overwrites them. */
export const EDITABLE_FIELDS = ['name', 'company', 'title', 'location', 'avatarUrl'] as const;
export const EditableField = z.enum(EDITABLE_FIELDS);
export type EditableField = z.infer<typeof EditableField>;

/**
 * How much one contact may hold. The model enforces it, so it holds wherever data enters (a page,
 * an import, a restore, an edit, a pulled row) and on the server, which checks every pushed field
 * against this model: a contact with 20,000 tags is refused at the door, not at every sync.
 */
export const CONTACT_LIMITS = { emails: 50, phones: 50, profiles: 50, tags: 200 } as const;

const tooMany = (what: string, limit: number) => `More than ${limit} ${what} (the limit per contact)`;

export const Contact = z.object({
  id: z.string().min(1),
  name: z.string().max(300).optional(),
  emails: z.array(EmailAddress).max(CONTACT_LIMITS.emails, tooMany('email addresses', CONTACT_LIMITS.emails)).default([]),
  phones: z.array(z.string().max(40)).max(CONTACT_LIMITS.phones, tooMany('phone numbers', CONTACT_LIMITS.phones)).default([]),
  company: z.string().max(300).optional(),
  title: z.string().max(300).optional(),
  location: z.string().max(300).optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  profiles: z.array(ProfileLink).max(CONTACT_LIMITS.profiles, tooMany('profile links', CONTACT_LIMITS.profiles)).default([]),
  tags: z.array(z.string().min(1).max(80)).max(CONTACT_LIMITS.tags, tooMany('tags', CONTACT_LIMITS.tags)).default([]),
  stage: LifecycleStage.default('lead'),
  pipelineStage: z.string().max(80).optional(),
  source: ContactSource.optional(),
  /** Editable fields the user has typed (see EDITABLE_FIELDS). */
  userFields: z.array(EditableField).default([]),
  createdAt: RecordedAt,
  updatedAt: RecordedAt,
  deletedAt: RecordedAt.optional(),
  // Derived index keys, maintained by lib/db on every write (never typed by anyone).
  profileUrls: z.array(z.string()).default([]),
  searchTokens: z.array(z.string()).default([]),
});
export type Contact = z.infer<typeof Contact>;
