import { z } from 'zod';
import { EncryptionStatusReply, RewriteReply, RewriteRequest } from '../lib/sync/shared/encryption';
import { KeyEnvelope, KeysReply } from '../lib/sync/shared/key-envelope';
import {
  WorkspaceSettings,
  WorkspaceSettingsPatch,
  AuditReply,
  ErrorReply,
  InviteReply,
  InviteRequest,
  JoinReply,
  JoinRequest,
  MemberRemovedReply,
  MemberRoleReply,
  MemberRoleRequest,
  MembersReply,
  PullReply,
  PushReply,
  PushRequest,
  SYNC_LIMITS,
  SYNC_TABLES,
  WorkspacesReply,
} from '../lib/sync/shared/protocol';

/**
 * The protocol as OpenAPI 3.1, served at /v1/openapi.json. Body schemas are generated from the
 * same Zod schemas the server parses with, so the document cannot drift from the code.
 */
function schema(type: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } } });

const workspaceParam = { name: 'workspace', in: 'path', required: true, schema: { type: 'string' } };

const userParam = { name: 'user', in: 'path', required: true, schema: { type: 'string' } };

const keyIdParam = { name: 'keyId', in: 'path', required: true, schema: { type: 'string' } };

/** A JSON body or reply by its component name. */
const json = (name: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const forbidden = error('The caller is a member but not an owner.');

const common = {
  '401': error('Missing, malformed, unknown or revoked bearer token.'),
  '404': error('No such workspace, or not one of this token’s.'),
  '429': { ...error('Too many requests for this token.'), headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } },
};

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Sidebar CRM sync',
      version: '1',
      description: 'Per-field last-writer-wins sync by hybrid logical clock. See server/README.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        PushRequest: schema(PushRequest, 'input'),
        PushReply: schema(PushReply, 'output'),
        PullReply: schema(PullReply, 'output'),
        ErrorReply: schema(ErrorReply, 'output'),
        WorkspacesReply: schema(WorkspacesReply, 'output'),
        InviteRequest: schema(InviteRequest, 'input'),
        InviteReply: schema(InviteReply, 'output'),
        JoinRequest: schema(JoinRequest, 'input'),
        JoinReply: schema(JoinReply, 'output'),
        MembersReply: schema(MembersReply, 'output'),
        MemberRoleRequest: schema(MemberRoleRequest, 'input'),
        MemberRoleReply: schema(MemberRoleReply, 'output'),
        MemberRemovedReply: schema(MemberRemovedReply, 'output'),
        AuditReply: schema(AuditReply, 'output'),
        WorkspaceSettings: schema(WorkspaceSettings, 'output'),
        WorkspaceSettingsPatch: schema(WorkspaceSettingsPatch, 'input'),
        KeyEnvelope: schema(KeyEnvelope, 'input'),
        KeysReply: schema(KeysReply, 'output'),
        RewriteRequest: schema(RewriteRequest, 'input'),
        RewriteReply: schema(RewriteReply, 'output'),
        EncryptionStatusReply: schema(EncryptionStatusReply, 'output'),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/healthz': {
        get: { security: [], summary: 'Liveness and database reachability', responses: { '200': { description: 'Up.' }, '503': error('Database unreachable.') } },
      },
      '/v1/workspaces': {
        get: {
          summary: 'The workspaces of the token’s user (for a workspace picker)',
          responses: {
            '200': { description: 'Workspace ids, names and the caller’s role in each, oldest first; `user`: the caller’s id, email and name.', content: { 'application/json': { schema: { $ref: '#/components/schemas/WorkspacesReply' } } } },
            '401': common['401'],
            '429': common['429'],
          },
        },
      },
      '/v1/w/{workspace}/push': {
        post: {
          summary: 'Apply a batch of per-field changes in one transaction',
          parameters: [workspaceParam],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PushRequest' } } } },
          responses: {
            '200': { description: 'Applied (mutation ids seen before are skipped); invalid changes listed in rejected (among them, in an end-to-end encrypted workspace, plain values; in a plain one, ciphertexts).', content: { 'application/json': { schema: { $ref: '#/components/schemas/PushReply' } } } },
            '400': error('Malformed body, unknown table, bad stamp, oversize value, or too many changes. Nothing applied.'),
            '403': error('The caller is a viewer (`read-only member`). Nothing applied.'),
            '409': error(`A stamp more than ${SYNC_LIMITS.clockAheadMs / 1000} s ahead of the server clock; serverTime says the server's time.`),
            '413': error(`Body larger than ${SYNC_LIMITS.bodyBytes} bytes.`),
            ...common,
          },
        },
      },
      '/v1/w/{workspace}/pull': {
        get: {
          summary: 'Rows changed after a cursor, in cursor order',
          parameters: [
            workspaceParam,
            { name: 'since', in: 'query', required: true, schema: { type: 'integer', minimum: 0 }, description: 'Cursor of the last applied page; 0 from the start.' },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: SYNC_LIMITS.pullMax, default: SYNC_LIMITS.pullDefault } },
          ],
          responses: {
            '200': { description: 'A page of rows.', content: { 'application/json': { schema: { $ref: '#/components/schemas/PullReply' } } } },
            '400': error('Bad since or limit.'),
            '410': error('Cursor older than the tombstone horizon: resync from since=0.'),
            ...common,
          },
        },
      },
      '/v1/w/{workspace}/invites': {
        post: {
          summary: 'Create a single-use invite code for a role (owner only)',
          parameters: [workspaceParam],
          requestBody: { required: true, ...json('InviteRequest') },
          responses: { '201': { description: 'The code, shown once.', ...json('InviteReply') }, '400': error('Bad role or expiresInDays (1-30).'), '403': forbidden, ...common },
        },
      },
      '/v1/join': {
        post: {
          security: [],
          summary: 'Redeem an invite code: a new user, their first token, and membership with the invited role',
          requestBody: { required: true, ...json('JoinRequest') },
          responses: {
            '201': { description: 'Joined.', ...json('JoinReply') },
            '400': error('Malformed body, email or name.'),
            '409': error('A user with this email exists: an owner adds them with `workspace share`.'),
            '410': error('The code is unknown, used or expired (`invite no longer valid`).'),
            '429': common['429'],
          },
        },
      },
      '/v1/w/{workspace}/members': {
        get: { summary: 'The members, their roles and when each was last seen', parameters: [workspaceParam], responses: { '200': { description: 'Members.', ...json('MembersReply') }, ...common } },
      },
      '/v1/w/{workspace}/members/{user}': {
        patch: {
          summary: 'Change a member’s role (owner only)',
          parameters: [workspaceParam, userParam],
          requestBody: { required: true, ...json('MemberRoleRequest') },
          responses: { '200': { description: 'Changed.', ...json('MemberRoleReply') }, '400': error('Bad role.'), '403': forbidden, '409': error('It would leave the workspace without an owner.'), ...common },
        },
        delete: {
          summary: 'Remove a member at once (owner only)',
          parameters: [workspaceParam, userParam],
          responses: { '200': { description: 'Removed.', ...json('MemberRemovedReply') }, '403': forbidden, '409': error('It would leave the workspace without an owner.'), ...common },
        },
      },
      '/v1/w/{workspace}/audit': {
        get: {
          summary: 'Who changed which field of a row when, newest first, for 90 days (owner only)',
          parameters: [
            workspaceParam,
            { name: 'table', in: 'query', required: true, schema: { type: 'string', enum: [...SYNC_TABLES] } },
            { name: 'id', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'Audit entries.', ...json('AuditReply') }, '400': error('Bad table or id.'), '403': forbidden, ...common },
        },
      },
      '/v1/w/{workspace}/settings': {
        get: {
          summary: 'The settings owners chose for every member (defaults when none were saved); any member',
          parameters: [workspaceParam],
          responses: { '200': { description: 'The settings.', ...json('WorkspaceSettings') }, ...common },
        },
        patch: {
          summary: 'Change some settings (owner only): capturedEmails private (the default) or team',
          parameters: [workspaceParam],
          requestBody: { required: true, ...json('WorkspaceSettingsPatch') },
          responses: { '200': { description: 'The settings as changed.', ...json('WorkspaceSettings') }, '400': error('An unknown setting or value.'), '403': forbidden, ...common },
        },
      },
      '/v1/w/{workspace}/keys': {
        get: {
          summary: 'An end-to-end encrypted workspace’s key envelopes, newest first (empty: a plain workspace); any member',
          parameters: [workspaceParam],
          responses: { '200': { description: 'The envelopes: each the workspace key wrapped by the passphrase’s key, unreadable to the server.', ...json('KeysReply') }, ...common },
        },
        put: {
          summary: 'Store a key envelope: a new key, or a re-wrap or retirement of one with the same keyId (owner only)',
          parameters: [workspaceParam],
          requestBody: { required: true, ...json('KeyEnvelope') },
          responses: {
            '200': { description: 'Replaced the envelope of that keyId.', ...json('KeyEnvelope') },
            '201': { description: 'Stored a new key.', ...json('KeyEnvelope') },
            '400': error('Not an envelope (fewer than 600,000 PBKDF2 iterations, wrong sizes, another KDF).'),
            '403': forbidden,
            '409': error('The workspace keeps 16 keys already.'),
            ...common,
          },
        },
      },
      '/v1/w/{workspace}/keys/{keyId}': {
        delete: {
          summary: 'Remove a key envelope once no stored value needs it (owner only)',
          parameters: [workspaceParam, keyIdParam],
          responses: {
            '200': {
              description: 'Removed.',
              content: { 'application/json': { schema: { type: 'object', properties: { keyId: { type: 'string' }, deleted: { const: true } }, required: ['keyId', 'deleted'] } } },
            },
            '403': forbidden,
            '409': error('`key-in-use`: a stored row still holds a value under this key; rewrite it first.'),
            ...common,
            '404': error('No such workspace (or not the token’s), or no such key in it.'),
          },
        },
      },
      '/v1/w/{workspace}/rewrite': {
        post: {
          summary: 'Re-encode stored values in place at their stamps: encryption on or off, key rotation (owners and editors)',
          description:
            'A field is replaced only while it is still stored under the stamp sent, in a row the caller may see that is not deleted; clear fields (authorId, visibility) never are. No cursor, stamp, audit entry or mutation id changes.',
          parameters: [workspaceParam],
          requestBody: { required: true, ...json('RewriteRequest') },
          responses: {
            '200': { description: 'How many fields were replaced, and how many skipped (a newer stamp, a missing, deleted or private row, a clear field).', ...json('RewriteReply') },
            '400': error('Malformed body, or a value in the wrong encoding for the workspace’s mode (plain in an encrypted one, a ciphertext in a plain one). Nothing applied.'),
            '403': error('The caller is a viewer (`read-only member`). Nothing applied.'),
            '413': error(`Body larger than ${SYNC_LIMITS.bodyBytes} bytes.`),
            ...common,
          },
        },
      },
      '/v1/w/{workspace}/encryption': {
        get: {
          summary: 'Whether the workspace is end-to-end encrypted, its current key, and how the values the caller may see are stored (any member)',
          parameters: [workspaceParam],
          responses: { '200': { description: 'Plain values and ciphertexts per key id, clear fields and deleted rows left out.', ...json('EncryptionStatusReply') }, ...common },
        },
      },
    },
  };
  return cached;
}
