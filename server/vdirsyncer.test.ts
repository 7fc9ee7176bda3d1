/**
 * A real CardDAV client end to end (issue 20): Debian's vdirsyncer syncs a workspace's address
 * book from the server (its own process, on SQLite) into a local folder, signed in with an app
 * password (`token add --scope dav`). A contact pushed through the sync API, as the extension
 * pushes it, appears as a `.vcf`; a later edit and a deletion follow on the next sync. The address
 * book is read-only for now, so vdirsyncer's server side is configured `read_only`.
 * Without vdirsyncer it is skipped with a message; under CI=true it must run (.ci/run installs it).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../lib/sync/shared/hlc';
import type { PushChange } from '../lib/sync/shared/protocol';
import { runCli, spawnServer, type ServerProcess } from './test/spawn';

const run = promisify(execFile);
const VDIRSYNCER = '/usr/bin/vdirsyncer';
const skip = existsSync(VDIRSYNCER) || process.env.CI === 'true' ? undefined : `no ${VDIRSYNCER} (apt-get install -y vdirsyncer)`;
if (skip) console.warn(`skipping the vdirsyncer test: ${skip}`);

let counter = 0;
function contactChange(id: string, fields: Record<string, unknown>): PushChange {
  const hlc = formatHlc({ millis: Date.now() - 60_000 + counter++, counter: 0, node: '00000000000000e1' });
  return { mutationId: `v${counter}-${id}`, table: 'contacts', id, fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value: value as never, hlc }])) };
}

describe.skipIf(skip !== undefined)('vdirsyncer, a real CardDAV client', () => {
  let dir: string;
  let server: ServerProcess;
  let workspace: string;
  let token: string;
  let config: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sidebar-crm-vdirsyncer-'));
    const db = join(dir, 'sync.sqlite');
    const email = 'vdir@example.org';
    ({ workspace, token } = JSON.parse((await runCli(['user', 'add', email, '--db', db])).stdout) as { workspace: string; token: string });
    const dav = JSON.parse((await runCli(['token', 'add', email, '--scope', 'dav', '--db', db])).stdout) as { token: string };
    server = await spawnServer(['--db', db]);
    mkdirSync(join(dir, 'contacts'));
    config = join(dir, 'config');
    writeFileSync(
      config,
      [
        '[general]',
        `status_path = "${join(dir, 'status')}/"`,
        '',
        '[pair crm_contacts]',
        'a = "crm"',
        'b = "local"',
        'collections = null',
        'conflict_resolution = "a wins"',
        '',
        '[storage crm]',
        'type = "carddav"',
        `url = "${server.url}/dav/${workspace}/contacts/"`,
        `username = "${email}"`,
        `password = "${dav.token}"`,
        'read_only = true',
        '',
        '[storage local]',
        'type = "filesystem"',
        `path = "${join(dir, 'contacts')}/"`,
        'fileext = ".vcf"',
        '',
      ].join('\n'),
    );
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function push(changes: PushChange[]): Promise<void> {
    const response = await fetch(`${server.url}/v1/w/${workspace}/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'extension', changes }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rejected: unknown[] }).rejected).toEqual([]);
  }

  async function vdirsyncer(...args: string[]): Promise<void> {
    await run(VDIRSYNCER, ['--config', config, ...args], { timeout: 60_000, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
  }

  const cards = () =>
    readdirSync(join(dir, 'contacts'))
      .filter((name) => name.endsWith('.vcf'))
      .map((name) => readFileSync(join(dir, 'contacts', name), 'utf8'));

  it('brings the workspace’s contacts into a local folder, then an edit and a deletion', async () => {
    const base = { emails: ['ada@example.org'], phones: [], profiles: [], tags: ['vip'], stage: 'customer', userFields: [], createdAt: 1, updatedAt: 2 };
    await push([contactChange('c-ada', { ...base, name: 'Ada Lovelace', company: 'Analytical Engines' }), contactChange('c-bob', { ...base, name: 'Bob Byron', emails: ['bob@example.org'] })]);
    await vdirsyncer('discover', 'crm_contacts');
    await vdirsyncer('sync', 'crm_contacts');
    let found = cards();
    expect(found).toHaveLength(2);
    const ada = found.find((card) => card.includes('Ada Lovelace'))!;
    expect(ada).toMatch(/^BEGIN:VCARD\r?\n/);
    expect(ada).toMatch(/EMAIL[^:\r\n]*:ada@example\.org/);
    expect(ada).toContain('Analytical Engines');

    await push([contactChange('c-ada', { title: 'Countess' }), contactChange('c-bob', { deletedAt: Date.now() - 1000 })]);
    await vdirsyncer('sync', 'crm_contacts');
    found = cards();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Countess');
  }, 120_000);
});
