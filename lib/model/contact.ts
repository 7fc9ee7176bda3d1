import { z } from 'zod';

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
  at: z.number().int().nonnegative(),
});
export type ContactSource = z.infer<typeof ContactSource>;

/** Fields a person can type; once typed, scraped data never overwrites them. */
export const EDITABLE_FIELDS = ['name', 'company', 'title', 'location', 'avatarUrl'] as const;
export const EditableField = z.enum(EDITABLE_FIELDS);
export type EditableField = z.infer<typeof EditableField>;

export const Contact = z.object({
  id: z.string().min(1),
  name: z.string().max(300).optional(),
  emails: z.array(z.string().max(320)).default([]),
  phones: z.array(z.string().max(40)).default([]),
  company: z.string().max(300).optional(),
  title: z.string().max(300).optional(),
  location: z.string().max(300).optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  profiles: z.array(ProfileLink).default([]),
  tags: z.array(z.string().min(1).max(80)).default([]),
  stage: LifecycleStage.default('lead'),
  pipelineStage: z.string().max(80).optional(),
  source: ContactSource.optional(),
  /** Editable fields the user has typed (see EDITABLE_FIELDS). */
  userFields: z.array(EditableField).default([]),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  deletedAt: z.number().int().nonnegative().optional(),
  // Derived index keys, maintained by lib/db on every write (never typed by anyone).
  profileUrls: z.array(z.string()).default([]),
  searchTokens: z.array(z.string()).default([]),
});
export type Contact = z.infer<typeof Contact>;
