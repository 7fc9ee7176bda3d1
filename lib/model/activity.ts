import { z } from 'zod';
import { RecordedAt } from './timestamps';
import { EmailAddress } from './email';

/**
 * The member who first wrote a row (a server user id). Stamped by the sync server from the token
 * when the row is first created there; a client's own value is never trusted (it is overwritten).
 */
export const AuthorId = z.string().min(1).max(64);

/**
 * The member who takes care of a contact or deal (a server user id), set to its creator while
 * syncing and changeable by anyone who may write. Absent: unassigned (and in a book of one).
 */
export const OwnerId = z.string().min(1).max(64);

/** Who may see an interaction: the whole team (the default) or only its author. */
export const INTERACTION_VISIBILITIES = ['team', 'private'] as const;
export const Visibility = z.enum(INTERACTION_VISIBILITIES);
export type Visibility = z.infer<typeof Visibility>;

/** `profile-change`: the user accepted a page's newer title, company, location or photo (lib/profile-changes). */
export const INTERACTION_KINDS = ['email', 'call', 'meeting', 'note', 'visit', 'stage-change', 'task-done', 'profile-change'] as const;
export const InteractionKind = z.enum(INTERACTION_KINDS);

export const Interaction = z.object({
  id: z.string().min(1),
  contactId: z.string().min(1),
  kind: InteractionKind,
  /** When it happened: history, so never more than a day ahead (see RecordedAt). */
  at: RecordedAt,
  direction: z.enum(['in', 'out']).optional(),
  subject: z.string().max(1000).optional(),
  body: z.string().max(100_000).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  /** Webmail message id: the dedupe key for captured emails. */
  externalId: z.string().max(500).optional(),
  /**
   * Captured emails: who wrote to whom, so History can say "Jun Chen → you, Maria Lopez" (the
   * direction alone cannot tell Maria's own message from Jun's message to her). `to` holds the
   * To and Cc addresses; `account` is the signed-in address the message was read under, shown
   * as "you"; `threadId` is the webmail's thread, so History can group a conversation. Rows
   * captured before these existed have none of them.
   */
  from: EmailAddress.optional(),
  to: z.array(EmailAddress).max(400).optional(),
  account: EmailAddress.optional(),
  threadId: z.string().min(1).max(500).optional(),
  /** Calls and meetings: how long they took and how they went. */
  durationMinutes: z.number().int().min(0).max(24 * 60).optional(),
  outcome: z.string().max(300).optional(),
  authorId: AuthorId.optional(),
  /** Absent means team. The server pulls a private row, and every change to it, only to its author. */
  visibility: Visibility.optional(),
});
export type Interaction = z.infer<typeof Interaction>;

export const DealStatus = z.enum(['open', 'won', 'lost']);

export const Deal = z.object({
  id: z.string().min(1),
  contactId: z.string().min(1),
  title: z.string().max(300),
  /** Integer minor units (cents): floating-point money drifts. */
  amount: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  status: DealStatus,
  stage: z.string().max(80).optional(),
  /** Closed date for won/lost deals, expected close date for open ones. */
  at: z.number().int().nonnegative(),
  authorId: AuthorId.optional(),
  ownerId: OwnerId.optional(),
});
export type Deal = z.infer<typeof Deal>;

export const Task = z.object({
  id: z.string().min(1),
  contactId: z.string().min(1),
  title: z.string().min(1).max(500),
  dueAt: z.number().int().nonnegative(),
  remindAt: z.number().int().nonnegative().optional(),
  doneAt: RecordedAt.optional(),
  authorId: AuthorId.optional(),
  /**
   * Derived index key (lib/db/task-keys.ts): `dueAt` while the task is open, absent once done, so
   * open follow-ups are read through an index (IndexedDB indexes no undefined `doneAt`). Local
   * only: never synced, never backed up.
   */
  openDueAt: z.number().int().nonnegative().optional(),
});
export type Task = z.infer<typeof Task>;

export const VALUE_TIERS = ['strategic', 'growth', 'core', 'at-risk', 'prospect'] as const;
export const ValueTier = z.enum(VALUE_TIERS);
export type ValueTier = z.infer<typeof ValueTier>;

/** Derived by lib/value; recomputed locally, never synced. */
export const ContactValue = z.object({
  contactId: z.string().min(1),
  historical: z.number(),
  predictedPurchases: z.number().nullable(),
  pAlive: z.number().min(0).max(1).nullable(),
  expectedSpend: z.number().nullable(),
  clv: z.number().nullable(),
  rfm: z.object({ r: z.number(), f: z.number(), m: z.number() }),
  tier: ValueTier,
  explanation: z.string(),
  computedAt: z.number().int().nonnegative(),
});
export type ContactValue = z.infer<typeof ContactValue>;
