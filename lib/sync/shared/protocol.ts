import { z } from 'zod';
import type { Visibility } from '../../model/activity';
import { looksEncrypted, MAX_CIPHERTEXT_CHARS } from './ciphertext';
import { HlcStamp } from './hlc';
import { SYNC_TABLES, SYNCED_TABLES } from './tables';

/**
 * The sync protocol between the extension and the server: request and reply shapes, limits and
 * the per-field checks. Both sides parse with these schemas, so a change one side accepts the
 * other accepts too. Documented for people in server/README.md.
 */

/** The synced tables (./tables.ts). `values` is derived from them and recomputed locally, never synced. */
export { SYNC_TABLES, SYNCED_TABLES };
export const SyncTable = z.enum(SYNC_TABLES);
export type SyncTable = z.infer<typeof SyncTable>;

export const SYNC_LIMITS = {
  /** Changes in one push; a client with more sends several pushes. */
  changesPerPush: 500,
  fieldsPerChange: 64,
  /** Length of one field's value: a string's characters, else its JSON (an interaction body is up to 100,000). */
  valueChars: 200_000,
  /** Length of all values of one push, measured the same way. */
  pushValueChars: 2_000_000,
  /** Bytes of one request body; more is refused with 413 before it is parsed. */
  bodyBytes: 4 * 1024 * 1024,
  /** Nesting of a request body; deeper JSON is refused before anything walks it recursively. */
  jsonDepth: 32,
  idChars: 128,
  pullDefault: 500,
  pullMax: 1000,
  /** A stamp further ahead of the server's clock than this is refused with 409. */
  clockAheadMs: 60_000,
} as const;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A lone UTF-16 surrogate: text no encoding can store. One in an id was stored as invalid UTF-8
 * and could never be deleted again, so ids and values carrying one are refused.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether every string in a JSON value (object keys included) is well-formed Unicode. */
export function isWellFormedJson(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isWellFormedJson);
  return Object.entries(value).every(([key, inner]) => !LONE_SURROGATE.test(key) && isWellFormedJson(inner));
}

/** Row ids are opaque strings chosen by clients (ULIDs in the extension); no control characters. */
export const RowId = z
  .string()
  .min(1)
  .max(SYNC_LIMITS.idChars)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'row id contains control characters')
  .refine((id) => !LONE_SURROGATE.test(id), 'row id is not well-formed Unicode (a lone surrogate)');
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'clientId is 1-64 letters, digits, _ or -');
export const MutationId = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'mutationId is 1-128 printable ASCII characters');

/** Length as JSON, without encoding the common cases: this runs for every field of every push. */
function jsonChars(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  return JSON.stringify(value).length;
}

/** A value's bound: a ciphertext of the longest value is longer than the value (./ciphertext.ts). */
const withinValueLimit = (value: unknown) => jsonChars(value) <= (looksEncrypted(value) ? MAX_CIPHERTEXT_CHARS : SYNC_LIMITS.valueChars);

const FieldValue = z
  .custom<JsonValue>((value) => value !== undefined, 'value is required (null clears a field)')
  .refine(withinValueLimit, `value longer than ${SYNC_LIMITS.valueChars} characters as JSON`)
  .refine(isWellFormedJson, 'value is not well-formed Unicode (a lone surrogate)');

export const FieldWrite = z.object({ value: FieldValue, hlc: HlcStamp });
export type FieldWrite = z.infer<typeof FieldWrite>;

const FIELD_NAME_RULE = 'field names are letters, digits and _ (at most 64), starting with a letter';
export const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, FIELD_NAME_RULE);
const FieldMap = () => z.record(FieldName, FieldWrite, { error: (issue) => (issue.code === 'invalid_key' ? FIELD_NAME_RULE : undefined) });

const Fields = FieldMap()
  .refine((fields) => Object.keys(fields).length <= SYNC_LIMITS.fieldsPerChange, `more than ${SYNC_LIMITS.fieldsPerChange} fields in one change`);

export const PushChange = z
  .object({
    /** Chosen by the client, unique per client: a change whose id was applied is skipped. */
    mutationId: MutationId,
    table: SyncTable,
    id: RowId,
    fields: Fields.default({}),
    /** Deletes the row as of this stamp (see lib/sync/shared/merge.ts: delete wins). */
    deleted: HlcStamp.optional(),
  })
  .refine((change) => change.deleted !== undefined || Object.keys(change.fields).length > 0, 'a change carries at least one field or deleted');
export type PushChange = z.infer<typeof PushChange>;

export const PushRequest = z
  .object({
    clientId: ClientId,
    changes: z.array(PushChange).max(SYNC_LIMITS.changesPerPush, `more than ${SYNC_LIMITS.changesPerPush} changes in one push`),
  })
  .refine(
    (push) => valueChars(push.changes) <= SYNC_LIMITS.pushValueChars,
    `values of one push longer than ${SYNC_LIMITS.pushValueChars} characters as JSON`,
  );
export type PushRequest = z.infer<typeof PushRequest>;
export type PushRequestInput = z.input<typeof PushRequest>;

export const RejectedChange = z.object({ mutationId: z.string(), reason: z.string() });
export type RejectedChange = z.infer<typeof RejectedChange>;

/** `cursor` is the workspace's cursor after the push; pull from your own cursor, not from this. */
export const PushReply = z.object({ cursor: z.number().int().nonnegative(), rejected: z.array(RejectedChange) });
export type PushReply = z.infer<typeof PushReply>;

const Cursor = z.string().regex(/^\d{1,15}$/, 'since is a non-negative integer cursor').transform(Number);

export const PullQuery = z.object({
  since: Cursor,
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit is an integer')
    .transform(Number)
    .pipe(z.number().int().min(1).max(SYNC_LIMITS.pullMax))
    .default(SYNC_LIMITS.pullDefault),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** A row as the server holds it: every field with its stamp, or only a tombstone. */
export const PulledRow = z.object({
  table: SyncTable,
  id: RowId,
  fields: FieldMap(),
  deleted: HlcStamp.optional(),
});
export type PulledRow = z.infer<typeof PulledRow>;

/** Rows changed after `since`, in cursor order; store `cursor` with the rows, in one transaction. */
export const PullReply = z.object({
  changes: z.array(PulledRow),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullReply = z.infer<typeof PullReply>;

/**
 * A member's role in one workspace: `owner` does everything, members and invites included;
 * `editor` reads and writes data; `viewer` only reads (its pushes are refused with 403).
 */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who a token belongs to: `name` is null for users made by the CLI. */
export const WorkspacesUser = z.object({ user: z.string().min(1).max(64), email: z.string(), name: z.string().nullable() });
export type WorkspacesUser = z.infer<typeof WorkspacesUser>;

/**
 * `GET /v1/workspaces`: the workspaces the token's user belongs to, for the extension's picker,
 * and the caller themself (`user`), so a browser set up with a CLI-made token learns its own id.
 * `user` is optional for servers from before teams.
 */
export const WorkspacesReply = z.object({
  workspaces: z.array(z.object({ workspace: z.string().min(1).max(64), name: z.string().max(200), role: Role.optional() })),
  user: WorkspacesUser.optional(),
});
export type WorkspacesReply = z.infer<typeof WorkspacesReply>;

/** Every non-2xx reply. 409 adds the server's time; 410 means "resync from since=0". */
export const ErrorReply = z.object({
  error: z.string(),
  message: z.string(),
  serverTime: z.string().optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

/** An email as the server keys users by it: trimmed, lower-cased, at most 320 characters. */
export const MemberEmail = z.string().trim().toLowerCase().pipe(z.email('not an email address').max(320));

/** A person's display name as they type it: well-formed, 1–200 characters once trimmed. */
export const MemberName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(200)
  .refine((name) => !LONE_SURROGATE.test(name), 'name is not well-formed Unicode (a lone surrogate)');

const IsoTime = z.iso.datetime();
const UserId = z.string().min(1).max(64);

export const INVITE_DAYS = { min: 1, max: 30, default: 7 } as const;

/** `POST /v1/w/:ws/invites` (owner only): a single-use code for one role, valid 1–30 days. */
export const InviteRequest = z.object({
  role: Role,
  expiresInDays: z.number().int().min(INVITE_DAYS.min).max(INVITE_DAYS.max).default(INVITE_DAYS.default),
});
export type InviteRequest = z.infer<typeof InviteRequest>;

/** The code is shown once: the server keeps only its hash. */
export const InviteReply = z.object({ code: z.string().min(1).max(100), role: Role, expiresAt: IsoTime });
export type InviteReply = z.infer<typeof InviteReply>;

/** `POST /v1/join` (no token): redeems a code for a new user's first token. */
export const JoinRequest = z.object({ code: z.string().max(100), email: MemberEmail, name: MemberName });
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinReply = z.object({ user: UserId, workspace: z.string().min(1).max(64), token: z.string(), role: Role });
export type JoinReply = z.infer<typeof JoinReply>;

/** `GET /v1/w/:ws/members`: `name` is null for users made by the CLI; `lastSeenAt` to the minute. */
export const Member = z.object({ user: UserId, email: z.string(), name: z.string().nullable(), role: Role, lastSeenAt: IsoTime.nullable() });
export type Member = z.infer<typeof Member>;
export const MembersReply = z.object({ members: z.array(Member) });
export type MembersReply = z.infer<typeof MembersReply>;

/** `PATCH /v1/w/:ws/members/:user` (owner only); the reply is the member as changed. */
export const MemberRoleRequest = z.object({ role: Role });
export type MemberRoleRequest = z.infer<typeof MemberRoleRequest>;
export const MemberRoleReply = z.object({ user: UserId, role: Role });
export type MemberRoleReply = z.infer<typeof MemberRoleReply>;

/** `DELETE /v1/w/:ws/members/:user` (owner only). */
export const MemberRemovedReply = z.object({ user: UserId, removed: z.literal(true) });
export type MemberRemovedReply = z.infer<typeof MemberRemovedReply>;

/** `GET /v1/w/:ws/audit?table=&id=` (owner only). */
export const AuditQuery = z.object({ table: SyncTable, id: RowId });
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The field a deletion is recorded under: no model field can be called this (see FieldName). */
export const AUDIT_DELETED = '@deleted';
/** Days the server keeps audit entries. */
export const AUDIT_DAYS = 90;

/** One accepted write: which field (or AUDIT_DELETED), by which member, at which stamp, received when. */
export const AuditEntry = z.object({ table: SyncTable, id: RowId, field: z.string(), member: UserId, hlc: HlcStamp, at: IsoTime });
export type AuditEntry = z.infer<typeof AuditEntry>;
/** Newest first. */
export const AuditReply = z.object({ changes: z.array(AuditEntry) });
export type AuditReply = z.infer<typeof AuditReply>;

/** The visibility a row's stored `visibility` field gives it (absent or unknown: team). */
export function visibilityOf(value: unknown): Visibility {
  return value === 'private' ? 'private' : 'team';
}

type FieldSchemas = Record<string, z.ZodType>;

/** Each table's synced fields and their schemas: its model's keys but the row key and derived index keys. */
const FIELD_SCHEMAS = Object.fromEntries(
  SYNC_TABLES.map((table) => {
    const spec = SYNCED_TABLES[table];
    const kept = (name: string) => name !== 'id' && !(spec.derivedKeys as readonly string[]).includes(name);
    const synced = Object.entries(spec.model.shape as FieldSchemas).filter(([name]) => kept(name));
    return [table, new Map(synced)];
  }),
) as Record<SyncTable, Map<string, z.ZodType>>;

/** The fields each table syncs, from the data model in lib/model. */
export const SYNCED_FIELDS = Object.fromEntries(SYNC_TABLES.map((table) => [table, [...FIELD_SCHEMAS[table].keys()]])) as unknown as Record<
  SyncTable,
  readonly string[]
>;

/**
 * Checks each field of a well-formed change against the data model. A failure is a reason for
 * `rejected[]`, not a failed push: one bad entry must never jam a client's outbox.
 */
export function modelProblem(table: SyncTable, fields: Readonly<Record<string, FieldWrite>>): string | undefined {
  const schemas = FIELD_SCHEMAS[table];
  for (const [name, write] of Object.entries(fields)) {
    const schema = schemas.get(name);
    if (!schema) return `${table} has no synced field "${name}"`;
    const value = write.value === null ? undefined : write.value;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return write.value === null ? `${table}.${name} cannot be cleared` : `${table}.${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
    }
  }
  return undefined;
}

function valueChars(changes: readonly PushChange[]): number {
  let total = 0;
  for (const change of changes) for (const write of Object.values(change.fields)) total += jsonChars(write.value);
  return total;
}

/**
 * Settings of a workspace its owners choose for everyone (`GET/PATCH /v1/w/:ws/settings`): who
 * sees emails captured from webmail at first, only their author (the default) or the team.
 */
const CapturedEmails = z.enum(['private', 'team']);
export const WorkspaceSettings = z.object({ capturedEmails: CapturedEmails.default('private') });
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
/** Only what is sent changes: no defaults here (a `.partial()` of the above would fill them in). */
export const WorkspaceSettingsPatch = z.object({ capturedEmails: CapturedEmails.optional() }).strict();
export type WorkspaceSettingsPatch = z.infer<typeof WorkspaceSettingsPatch>;
