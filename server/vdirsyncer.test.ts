/**
 * A real CardDAV client end to end (issue 20): Debian's vdirsyncer syncs a workspace's address
 * book with the server (its own process, on SQLite) both ways, into a local folder, signed in
 * with an app password (`token add --scope dav`). A contact pushed through the sync API, as the
 * extension pushes it, appears as a `.vcf`, and its later edit and deletion follow; a `.vcf`
 * created or edited in the folder reaches the browsers (they pull it), merged per field with a
 * browser's offline edit; its unknown properties come back from the server as written.
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

  const cardFiles = () => readdirSync(join(dir, 'contacts')).filter((name) => name.endsWith('.vcf'));
  const cards = () => cardFiles().map((name) => readFileSync(join(dir, 'contacts', name), 'utf8'));

  /** A contact as the browsers pull it: field → value (undefined when there is no such contact). */
  async function pulled(id: string): Promise<Record<string, unknown> | undefined> {
    const response = await fetch(`${server.url}/v1/w/${workspace}/pull?since=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { changes: Array<{ table: string; id: string; fields: Record<string, { value: unknown }> }> };
    const row = page.changes.find((change) => change.table === 'contacts' && change.id === id);
    return row && Object.fromEntries(Object.entries(row.fields).map(([name, write]) => [name, write.value]));
  }

  const unfoldedLines = (card: string) => card.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);

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

    // A browser's recompute published Ada's tier (lib/db/published-tiers.ts): served read-only.
    await push([contactChange('c-ada', { title: 'Countess', publishedTier: 'strategic' }), contactChange('c-bob', { deletedAt: Date.now() - 1000 })]);
    await vdirsyncer('sync', 'crm_contacts');
    found = cards();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Countess');
    expect(unfoldedLines(found[0]!)).toContain('X-SIDEBAR-CRM-TIER:strategic');
    expect(found[0]).toContain('CRM tier: strategic');
  }, 120_000);

  it('sends a card made and edited in the folder to the browsers, merged per field with an offline browser edit, unknown properties kept as written', async () => {
    const unknown = ['BDAY:19061209', 'X-ANNIVERSARY:19300615', 'NOTE:Wrote the first compiler\\, A-0', 'IMPP;TYPE=work:xmpp:grace@example.org'];
    const original = ['BEGIN:VCARD', 'VERSION:3.0', 'UID:grace-hopper-1906', 'FN:Grace Hopper', 'N:Hopper;Grace;;;', 'EMAIL;TYPE=INTERNET:grace@example.org', 'ORG:US Navy', ...unknown, 'END:VCARD', ''];
    writeFileSync(join(dir, 'contacts', 'grace-hopper-1906.vcf'), original.join('\r\n'));
    await vdirsyncer('sync', 'crm_contacts');
    const created = await pulled('grace-hopper-1906');
    expect(created).toMatchObject({ name: 'Grace Hopper', emails: ['grace@example.org'], company: 'US Navy', vcardExtras: unknown });
    expect(created?.userFields).toEqual(expect.arrayContaining(['name', 'company']));
    // The server stores its own rendering of the card and answers the PUT without an ETag (RFC
    // 7231 §4.3.4), so vdirsyncer's next sync downloads that rendering: edit after it, as a user
    // editing between syncs would (an edit before it meets the download as a conflict).
    await vdirsyncer('sync', 'crm_contacts');

    // The folder's copy gets a phone; an offline browser edited the title before that sync (an
    // earlier stamp) and pushes after it: both fields survive.
    const offlineTitle = contactChange('grace-hopper-1906', { title: 'Rear Admiral' });
    const file = join(dir, 'contacts', cardFiles().find((name) => readFileSync(join(dir, 'contacts', name), 'utf8').includes('Grace Hopper'))!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('ORG:US Navy', 'ORG:US Navy\r\nTEL;TYPE=work:+1 202 555 0100'));
    await vdirsyncer('sync', 'crm_contacts');
    await push([offlineTitle]);
    const merged = await pulled('grace-hopper-1906');
    expect(merged).toMatchObject({ title: 'Rear Admiral', phones: ['+12025550100'], company: 'US Navy' });

    // The next sync brings the merged card back to the folder, unknown properties as written.
    await vdirsyncer('sync', 'crm_contacts');
    const back = readFileSync(file, 'utf8');
    expect(back).toContain('Rear Admiral');
    expect(back).toContain('+1 202 555 0100');
    const lines = unfoldedLines(back);
    for (const line of unknown) expect(lines).toContain(line);
    expect(lines).toContain('UID:grace-hopper-1906');

    // Deleted in the folder: the browsers find it in the trash (deletedAt), as Delete in the panel does.
    rmSync(file);
    await vdirsyncer('sync', 'crm_contacts');
    expect(typeof (await pulled('grace-hopper-1906'))?.deletedAt).toBe('number');
  }, 120_000);
});
