import { z } from 'zod';
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

const FieldValue = z
  .custom<JsonValue>((value) => value !== undefined, 'value is required (null clears a field)')
  .refine((value) => jsonChars(value) <= SYNC_LIMITS.valueChars, `value longer than ${SYNC_LIMITS.valueChars} characters as JSON`)
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

/** `GET /v1/workspaces`: the workspaces the token's user belongs to, for the extension's picker. */
export const WorkspacesReply = z.object({
  workspaces: z.array(z.object({ workspace: z.string().min(1).max(64), name: z.string().max(200) })),
});
export type WorkspacesReply = z.infer<typeof WorkspacesReply>;

/** Every non-2xx reply. 409 adds the server's time; 410 means "resync from since=0". */
export const ErrorReply = z.object({
  error: z.string(),
  message: z.string(),
  serverTime: z.string().optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

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
