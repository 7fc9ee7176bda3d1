import { z } from 'zod';
import { ErrorReply, PullReply, PushReply, PushRequest, SYNC_LIMITS, WorkspacesReply } from '../lib/sync/shared/protocol';

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
            '200': { description: 'Workspace ids and names, oldest first.', content: { 'application/json': { schema: { $ref: '#/components/schemas/WorkspacesReply' } } } },
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
            '200': { description: 'Applied (mutation ids seen before are skipped); invalid changes listed in rejected.', content: { 'application/json': { schema: { $ref: '#/components/schemas/PushReply' } } } },
            '400': error('Malformed body, unknown table, bad stamp, oversize value, or too many changes. Nothing applied.'),
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
    },
  };
  return cached;
}
