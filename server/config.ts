import { parseArgs } from 'node:util';
import { INVITE_DAYS, ROLES, type Role } from '../lib/sync/shared/protocol';
import { TOKEN_SCOPES, type TokenScope } from './auth';
import { DEFAULT_RATE_LIMIT } from './rate-limit';
import { DEFAULT_DB_PATH } from './store';

export const USAGE = `Sidebar CRM sync server

Usage:
  npm run server [-- OPTIONS]                   serve the sync API
  npm run server -- user add EMAIL              create a user, a personal workspace and a token;
                                                prints {"user":…,"workspace":…,"token":…}
  npm run server -- token add EMAIL             another token for a user; prints {"user":…,"id":…,"token":…}
  npm run server -- token add EMAIL --scope dav an app password for address books and calendars only
                                                (HTTP Basic: the email and this token); refused by the sync API
  npm run server -- token revoke TOKEN|ID       revoke one token
  npm run server -- token revoke --user EMAIL   revoke all of a user's tokens
  npm run server -- user disable EMAIL          refuse the user's tokens at once, and new ones;
                                                prints {"user":…,"disabled":true}
  npm run server -- user enable EMAIL           undo user disable; prints {"user":…,"disabled":false}
  npm run server -- workspace share WS EMAIL [--role viewer|editor|owner]
                                                give a user access to a workspace (editor unless
                                                --role), or change a member's role;
                                                prints {"workspace":…,"shared":true,"role":…}
  npm run server -- workspace unshare WS EMAIL  take a user out of a workspace (not its last member);
                                                prints {"workspace":…,"unshared":true}
  npm run server -- workspace list [EMAIL]      one JSON line per workspace (of one user)
  npm run server -- invite create WS --role ROLE [--days N]
                                                a single-use invite code for a role, valid N days
                                                (1-30, default 7); prints {"code":…,"role":…,"expiresAt":…}
  npm run server -- purge                       purge expired tombstones now

Options (environment variable in brackets; a flag wins over its variable):
  --db PATH|URL          SQLite file, or a postgres://… URL [DATABASE_URL]
                         (default ${DEFAULT_DB_PATH})
  --host HOST            address to listen on [SYNC_HOST] (default 127.0.0.1)
  --port PORT            port to listen on, 0 for any free one [SYNC_PORT] (default 8787)
  --cors-origin ORIGIN   allow a browser origin besides extension origins; repeatable
                         [SYNC_CORS_ORIGINS, comma-separated]
  --tombstone-days DAYS  purge tombstones older than this; older clients resync
                         [SYNC_TOMBSTONE_DAYS] (default 90)
  --rate-limit N         requests per minute per token [SYNC_RATE_LIMIT] (default ${DEFAULT_RATE_LIMIT.perMinute})
  --sqlite-sync MODE     full: a push is on disk before it is acknowledged, even across a power
                         cut; normal: no fsync per commit, faster, survives a crashed process but
                         a power cut may lose the last pushes [SYNC_SQLITE_SYNC] (default full)
  --help                 this text

Commands print one JSON line on stdout; errors go to stderr with a non-zero exit status.
Tokens are shown once, when created: only their SHA-256 is stored.`;

export interface Settings {
  db: string;
  host: string;
  port: number;
  corsOrigins: string[];
  tombstoneDays: number;
  ratePerMinute: number;
  sqliteSync: 'full' | 'normal';
}

export type Command =
  | { kind: 'help' }
  | { kind: 'serve' }
  | { kind: 'user-add'; email: string }
  | { kind: 'token-add'; email: string; scope?: TokenScope }
  | { kind: 'token-revoke'; token: string }
  | { kind: 'token-revoke-user'; email: string }
  | { kind: 'user-disable'; email: string }
  | { kind: 'user-enable'; email: string }
  | { kind: 'workspace-share'; workspace: string; email: string; role?: Role }
  | { kind: 'invite-create'; workspace: string; role: Role; days: number }
  | { kind: 'workspace-unshare'; workspace: string; email: string }
  | { kind: 'workspace-list'; email?: string }
  | { kind: 'purge' };

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command line and environment, read once into a command and settings. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): { command: Command; settings: Settings } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'tombstone-days': { type: 'string' },
        'rate-limit': { type: 'string' },
        'sqlite-sync': { type: 'string' },
        user: { type: 'string' },
        role: { type: 'string' },
        days: { type: 'string' },
        scope: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const settings: Settings = {
    db: values.db ?? nonEmpty(env.DATABASE_URL) ?? DEFAULT_DB_PATH,
    host: values.host ?? nonEmpty(env.SYNC_HOST) ?? '127.0.0.1',
    port: integer('port', values.port ?? nonEmpty(env.SYNC_PORT) ?? '8787', 0, 65_535),
    corsOrigins: values['cors-origin'] ?? (nonEmpty(env.SYNC_CORS_ORIGINS)?.split(',').map((origin) => origin.trim()).filter(Boolean) ?? []),
    tombstoneDays: integer('tombstone-days', values['tombstone-days'] ?? nonEmpty(env.SYNC_TOMBSTONE_DAYS) ?? '90', 1, 36_500),
    ratePerMinute: integer('rate-limit', values['rate-limit'] ?? nonEmpty(env.SYNC_RATE_LIMIT) ?? String(DEFAULT_RATE_LIMIT.perMinute), 1, 1_000_000),
    sqliteSync: oneOf('sqlite-sync', values['sqlite-sync'] ?? nonEmpty(env.SYNC_SQLITE_SYNC) ?? 'full', ['full', 'normal'] as const),
  };
  if (values.help) return { command: { kind: 'help' }, settings };
  return { command: toCommand(positionals, values), settings };
}

function toCommand(words: readonly string[], flags: { user?: string; role?: string; days?: string; scope?: string }): Command {
  const { user } = flags;
  const role = flags.role === undefined ? undefined : oneOf('role', flags.role, ROLES);
  const [noun, verb, ...rest] = words;
  const want = (count: number) => {
    if (rest.length !== count) throw new UsageError(`${noun} ${verb} takes ${count} argument${count === 1 ? '' : 's'}`);
  };
  switch (`${noun ?? ''} ${verb ?? ''}`.trim()) {
    case '':
    case 'serve':
      return { kind: 'serve' };
    case 'purge':
      return { kind: 'purge' };
    case 'user add':
      want(1);
      return { kind: 'user-add', email: rest[0]! };
    case 'user disable':
      want(1);
      return { kind: 'user-disable', email: rest[0]! };
    case 'user enable':
      want(1);
      return { kind: 'user-enable', email: rest[0]! };
    case 'token add':
      want(1);
      return flags.scope === undefined ? { kind: 'token-add', email: rest[0]! } : { kind: 'token-add', email: rest[0]!, scope: oneOf('scope', flags.scope, TOKEN_SCOPES) };
    case 'token revoke':
      if (user !== undefined && rest.length === 0) return { kind: 'token-revoke-user', email: user };
      want(1);
      return { kind: 'token-revoke', token: rest[0]! };
    case 'workspace share':
      want(2);
      return role === undefined
        ? { kind: 'workspace-share', workspace: rest[0]!, email: rest[1]! }
        : { kind: 'workspace-share', workspace: rest[0]!, email: rest[1]!, role };
    case 'invite create':
      want(1);
      if (role === undefined) throw new UsageError('invite create needs --role viewer|editor|owner');
      return { kind: 'invite-create', workspace: rest[0]!, role, days: integer('days', flags.days ?? String(INVITE_DAYS.default), INVITE_DAYS.min, INVITE_DAYS.max) };
    case 'workspace unshare':
      want(2);
      return { kind: 'workspace-unshare', workspace: rest[0]!, email: rest[1]! };
    case 'workspace list':
      if (rest.length > 1) throw new UsageError('workspace list takes at most one email');
      return rest[0] === undefined ? { kind: 'workspace-list' } : { kind: 'workspace-list', email: rest[0] };
    default:
      throw new UsageError(`unknown command: ${words.join(' ')}`);
  }
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
