import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKEN_PATTERN, hashToken } from './auth';
import { runAdminCommand } from './cli';
import { UsageError, parseCommandLine } from './config';
import { SyncStore } from './store';
import { runCli } from './test/spawn';

describe('command line', () => {
  it('reads flags, then environment variables, then defaults', () => {
    expect(parseCommandLine([], {})).toEqual({
      command: { kind: 'serve' },
      settings: { db: './data/sync.sqlite', host: '127.0.0.1', port: 8787, corsOrigins: [], tombstoneDays: 90, ratePerMinute: 600, sqliteSync: 'full' },
    });
    const env = { DATABASE_URL: 'postgres://u@h/db', SYNC_HOST: '0.0.0.0', SYNC_PORT: '9000', SYNC_CORS_ORIGINS: 'https://a.example, https://b.example', SYNC_TOMBSTONE_DAYS: '30' };
    expect(parseCommandLine([], env).settings).toMatchObject({ db: 'postgres://u@h/db', host: '0.0.0.0', port: 9000, corsOrigins: ['https://a.example', 'https://b.example'], tombstoneDays: 30 });
    expect(parseCommandLine(['--db', 'x.sqlite', '--port', '0', '--cors-origin', 'https://c.example'], env).settings).toMatchObject({ db: 'x.sqlite', port: 0, corsOrigins: ['https://c.example'] });
  });

  it('parses every command, and refuses unknown ones and bad values', () => {
    const command = (...argv: string[]) => parseCommandLine(argv, {}).command;
    expect(command('user', 'add', 'a@example.org')).toEqual({ kind: 'user-add', email: 'a@example.org' });
    expect(command('token', 'add', 'a@example.org')).toEqual({ kind: 'token-add', email: 'a@example.org' });
    expect(command('token', 'add', 'a@example.org', '--scope', 'dav')).toEqual({ kind: 'token-add', email: 'a@example.org', scope: 'dav' });
    expect(command('token', 'revoke', 'scrm_x')).toEqual({ kind: 'token-revoke', token: 'scrm_x' });
    expect(command('token', 'revoke', '--user', 'a@example.org')).toEqual({ kind: 'token-revoke-user', email: 'a@example.org' });
    expect(command('workspace', 'share', 'ws_1', 'b@example.org')).toEqual({ kind: 'workspace-share', workspace: 'ws_1', email: 'b@example.org' });
    expect(command('workspace', 'share', 'ws_1', 'b@example.org', '--role', 'viewer')).toEqual({ kind: 'workspace-share', workspace: 'ws_1', email: 'b@example.org', role: 'viewer' });
    expect(command('invite', 'create', 'ws_1', '--role', 'editor')).toEqual({ kind: 'invite-create', workspace: 'ws_1', role: 'editor', days: 7 });
    expect(command('invite', 'create', 'ws_1', '--role', 'owner', '--days', '30')).toEqual({ kind: 'invite-create', workspace: 'ws_1', role: 'owner', days: 30 });
    expect(command('workspace', 'list')).toEqual({ kind: 'workspace-list' });
    expect(command('workspace', 'unshare', 'ws_1', 'b@example.org')).toEqual({ kind: 'workspace-unshare', workspace: 'ws_1', email: 'b@example.org' });
    expect(command('user', 'disable', 'a@example.org')).toEqual({ kind: 'user-disable', email: 'a@example.org' });
    expect(command('user', 'enable', 'a@example.org')).toEqual({ kind: 'user-enable', email: 'a@example.org' });
    expect(command('--help')).toEqual({ kind: 'help' });
    for (const argv of [['invite', 'create', 'ws_1'], ['invite', 'create', 'ws_1', '--role', 'admin'], ['invite', 'create', 'ws_1', '--role', 'editor', '--days', '31'], ['invite', 'create', 'ws_1', '--role', 'editor', '--days', '0'], ['workspace', 'share', 'ws_1', 'b@b.org', '--role', 'boss'], ['user', 'add'], ['user', 'remove', 'a@b.org'], ['--port', '70000'], ['--port', 'http'], ['--bogus'], ['--sqlite-sync', 'off'], ['token', 'add', 'a@b.org', '--scope', 'sync']]) {
      expect(() => parseCommandLine(argv, {}), argv.join(' ')).toThrow(UsageError);
    }
  });

  describe('administration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-cli-'));
    const db = join(dir, 'admin.sqlite');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('user add prints one JSON line with user, workspace and token, and stores only the hash', async () => {
      const result = await runCli(['user', 'add', 'Alice@Example.org', '--db', db]);
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const created = JSON.parse(lines[0]!) as Record<string, string>;
      expect(Object.keys(created)).toEqual(['user', 'workspace', 'token']);
      expect(created.token).toMatch(TOKEN_PATTERN);

      const raw = new BetterSqlite3(db, { readonly: true });
      const stored = raw.prepare('SELECT hash FROM tokens').pluck().all() as string[];
      const everything = JSON.stringify(raw.prepare('SELECT * FROM tokens').all());
      raw.close();
      expect(stored).toEqual([hashToken(created.token!)]);
      expect(everything).not.toContain(created.token);

      const again = await runCli(['user', 'add', 'alice@example.org', '--db', db]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
    }, 60_000);

    it('--help documents the flags; a wrong command exits 2 with the usage', async () => {
      const [help, wrong] = await Promise.all([runCli(['--help']), runCli(['frobnicate', '--db', db])]);
      expect(help.code).toBe(0);
      for (const flag of ['--db', '--host', '--port', 'DATABASE_URL', 'invite create', '--role', '--days', 'user add', 'user disable', 'user enable', 'token revoke', 'workspace share', 'workspace unshare', 'workspace list']) expect(help.stdout).toContain(flag);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/unknown command/);
    }, 60_000);

    it('token add and revoke, workspace share and list', async () => {
      const store = await SyncStore.open(join(dir, 'inprocess.sqlite'));
      try {
        const { settings } = parseCommandLine([], {});
        const run = (argv: string[]) => runAdminCommand(parseCommandLine(argv, {}).command as Parameters<typeof runAdminCommand>[0], store, settings);
        const [alice] = (await run(['user', 'add', 'alice@example.org'])) as Array<{ user: string; workspace: string; token: string }>;
        await run(['user', 'add', 'bob@example.org']);
        const [extra] = (await run(['token', 'add', 'alice@example.org'])) as Array<{ id: string; token: string }>;
        expect(extra!.token).toMatch(TOKEN_PATTERN);
        expect(await store.authenticate(extra!.token)).toBeDefined();
        expect(await run(['token', 'revoke', extra!.id])).toEqual([{ revoked: 1 }]);
        expect(await store.authenticate(extra!.token)).toBeUndefined();
        await expect(run(['token', 'revoke', extra!.id])).rejects.toThrow(/no live token/);

        expect(await run(['workspace', 'share', alice!.workspace, 'bob@example.org'])).toEqual([{ workspace: alice!.workspace, shared: true, role: 'editor' }]);
        const bobs = (await run(['workspace', 'list', 'bob@example.org'])) as Array<{ workspace: string; members: string[] }>;
        expect(bobs).toHaveLength(2);
        expect(bobs.find((w) => w.workspace === alice!.workspace)?.members).toEqual(['alice@example.org', 'bob@example.org']);
        expect(await run(['workspace', 'list'])).toHaveLength(2);
        await expect(run(['workspace', 'share', 'ws_nope', 'bob@example.org'])).rejects.toThrow(/no workspace/);

        // --role sets a member's role; without it a member keeps theirs; the last owner stays one.
        expect(await run(['workspace', 'share', alice!.workspace, 'bob@example.org', '--role', 'viewer'])).toEqual([{ workspace: alice!.workspace, shared: true, role: 'viewer' }]);
        expect(await run(['workspace', 'share', alice!.workspace, 'bob@example.org'])).toEqual([{ workspace: alice!.workspace, shared: true, role: 'viewer' }]);
        await expect(run(['workspace', 'share', alice!.workspace, 'alice@example.org', '--role', 'editor'])).rejects.toThrow(/last owner/);
        const [invite] = (await run(['invite', 'create', alice!.workspace, '--role', 'editor', '--days', '2'])) as Array<{ code: string; role: string; expiresAt: string }>;
        expect(Object.keys(invite!)).toEqual(['code', 'role', 'expiresAt']);
        expect(invite!.role).toBe('editor');
        expect(Date.parse(invite!.expiresAt) - Date.now()).toBeGreaterThan(2 * 86_400_000 - 60_000);
        const joined = await store.joinByInvite(invite!.code, 'carl@example.org', 'Carl');
        expect(joined).toMatchObject({ ok: true, workspace: alice!.workspace, role: 'editor' });
        await expect(run(['invite', 'create', 'ws_nope', '--role', 'editor'])).rejects.toThrow(/no workspace/);

        expect(await run(['token', 'revoke', '--user', 'alice@example.org'])).toEqual([{ revoked: 1 }]);
        expect(await store.authenticate(alice!.token)).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('workspace unshare takes a member out (never the last); user disable stops tokens at once, user enable undoes it', async () => {
      const store = await SyncStore.open(join(dir, 'hygiene.sqlite'));
      try {
        const { settings } = parseCommandLine([], {});
        const run = (argv: string[]) => runAdminCommand(parseCommandLine(argv, {}).command as Parameters<typeof runAdminCommand>[0], store, settings);
        const [carol] = (await run(['user', 'add', 'carol@example.org'])) as Array<{ user: string; workspace: string; token: string }>;
        const [dave] = (await run(['user', 'add', 'dave@example.org'])) as Array<{ user: string; workspace: string; token: string }>;
        await run(['workspace', 'share', carol!.workspace, 'dave@example.org']);
        const daveCaller = (await store.authenticate(dave!.token))!;
        expect(await store.isMember(carol!.workspace, daveCaller.userId)).toBe(true);
        expect(await run(['workspace', 'unshare', carol!.workspace, 'dave@example.org'])).toEqual([{ workspace: carol!.workspace, unshared: true }]);
        expect(await store.isMember(carol!.workspace, daveCaller.userId)).toBe(false);
        await expect(run(['workspace', 'unshare', carol!.workspace, 'dave@example.org'])).rejects.toThrow(/not a member/);
        await expect(run(['workspace', 'unshare', carol!.workspace, 'carol@example.org'])).rejects.toThrow(/last member/);
        await run(['workspace', 'share', carol!.workspace, 'dave@example.org']);
        await expect(run(['workspace', 'unshare', carol!.workspace, 'carol@example.org'])).rejects.toThrow(/last owner/);
        await run(['workspace', 'unshare', carol!.workspace, 'dave@example.org']);

        expect(await run(['user', 'disable', 'dave@example.org'])).toEqual([{ user: dave!.user, disabled: true }]);
        expect(await store.authenticate(dave!.token)).toBeUndefined();
        await expect(run(['token', 'add', 'dave@example.org'])).rejects.toThrow(/disabled/);
        expect(await store.authenticate(carol!.token)).toBeDefined();
        expect(await run(['user', 'enable', 'dave@example.org'])).toEqual([{ user: dave!.user, disabled: false }]);
        expect(await store.authenticate(dave!.token)).toBeDefined();
        expect((await run(['token', 'add', 'dave@example.org'])) as Array<{ token: string }>).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });
});
