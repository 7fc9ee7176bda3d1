/**
 * `npm run bench`: the performance figures, as one JSON document on stdout (progress on stderr).
 * Each timing is a ratio against a baseline measured in the same run, plus the absolute value for
 * context, so figures from different machines compare. See README's performance table.
 * BENCH_FULL=1 adds the slow ones (seeding 1,000,000 deals into IndexedDB, a first sync of 1,100,000
 * rows, the side panel with 1,000,000 contacts in Chromium). The side panel's
 * figures always seed 100,000 contacts and 1,000,000 interactions (BENCH_PANEL_CONTACTS and
 * BENCH_PANEL_INTERACTIONS scale that down for a quick look), in Chromium and then in Firefox ESR.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchConformance } from '../conformance/authors';
import { benchCrypto } from './crypto';
import { benchDav } from './dav';
import { benchEncryptedSync } from './sync-encrypted';
import { benchEncryptedSyncInBrowser } from './sync-encrypted-browser';
import { benchDetection } from './detection';
import { benchIo } from './io';
import { benchPanel } from './panel';
import { benchPanelFirefox } from './panel-firefox';
import { benchSync } from './sync';
import { benchTasks } from './tasks';
import { benchCadences } from './cadences';
import { benchInitialSync } from './sync-initial';
import { benchTeamLoad } from './team-load';
import { benchValue } from './value';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CONTENT_SCRIPT_LIMIT_BYTES = 40 * 1024;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** Each built content script's size: every one must stay within the limit. */
function contentScriptSizes(): Record<string, { bytes: number; withinLimit: boolean }> {
  const dir = `${repoRoot}.output/chrome-mv3/content-scripts`;
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => {
        const bytes = statSync(`${dir}/${name}`).size;
        return [name, { bytes, withinLimit: bytes <= CONTENT_SCRIPT_LIMIT_BYTES }];
      }),
  );
}

/** One section's figures, or its error: a failing section must not lose the others' figures. */
async function section<T>(name: string, run: () => Promise<T>): Promise<T | { failed: string }> {
  try {
    return await run();
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { failed: error instanceof Error ? error.message : String(error) };
  }
}

async function main(): Promise<void> {
  log('building the Chrome extension (release build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  log('building the Firefox add-on (release build)…');
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const contentScripts = contentScriptSizes();

  log('detection: a generated 10,000-element page in Chromium…');
  const detection = await section('detection', () => benchDetection());
  log('conformance: author recall and precision on the 161 real pages of ../shared…');
  const conformance = await section('conformance', async () => benchConformance());
  log('value model: fits on CDNOW and 100,000 synthetic customers…');
  const value = await section('value', () => benchValue());
  log('sync: push and pull 10,000 changes through the server…');
  const sync = await section('sync', () => benchSync());
  log('sync.dav: a full and an incremental CardDAV sync-collection of 10,000 contacts, then 50 DAV clients for 10 s (under half a minute)…');
  const dav = await section('sync.dav', () => benchDav());
  log('team load: 50 members of one workspace on PostgreSQL, 10 writing and 40 reading (about a minute)…');
  const teamLoad = await section('team load', () => benchTeamLoad());
  const initialSync =
    process.env.BENCH_FULL === '1'
      ? (log('sync: first sync of 100,000 contacts and 1,000,000 interactions into a fresh profile (several minutes)…'), await section('initial sync', () => benchInitialSync()))
      : { skipped: 'set BENCH_FULL=1 for the first sync of 100,000 contacts and 1,000,000 interactions into a fresh browser profile' };
  log('encryption: passphrase unlock and sealing field values in Chromium…');
  const encryptionParts = await section('encryption', () => benchCrypto());
  log('encryption: sync engine in Chromium, plain against encrypted (10,000 changes pushed and pulled; a first sync of 100,000 contacts; a few minutes)…');
  const encryptedEngine = await section('encryption (engine)', () => benchEncryptedSyncInBrowser());
  log('encryption: the sync transport alone in Node, plain against encrypted (10,000 changes)…');
  const encryptedTransport = await section('encryption (transport)', () => benchEncryptedSync());
  const encryption = { ...encryptionParts, engine: encryptedEngine, transportOnly: encryptedTransport };
  log('import/export: 10,000-row Google CSV import and 100,000-contact CSV export in Chromium…');
  const io = await section('io', () => benchIo());
  log('follow-ups: open tasks among 100,000 in Chromium, through the index against a scan…');
  const followUps = await section('follow-ups', () => benchTasks());
  log('keep in touch: cadence planning for 100,000 contacts in Chromium…');
  const keepInTouch = await section('keep in touch', () => benchCadences());
  log('side panel: 100,000 contacts and 1,000,000 interactions in Chromium (seeding takes ~3 min)…');
  const sidePanel = await section('side panel', () => benchPanel());
  log('side panel: the same data and figures in Firefox ESR (seeding takes ~3 min)…');
  const sidePanelFirefox = await section('side panel (Firefox)', () => benchPanelFirefox());

  // Issue 24: measured, no goal yet. Chromium only (Firefox's seed of a million would double it).
  const sidePanelMillion =
    process.env.BENCH_FULL === '1'
      ? (log('side panel: 1,000,000 contacts and 1,000,000 interactions in Chromium (seeding takes ~20 min)…'),
        await section('side panel (1,000,000 contacts)', () => benchPanel({ contacts: 1_000_000, interactions: 1_000_000 })))
      : { skipped: 'set BENCH_FULL=1 for the side panel with 1,000,000 contacts' };
  const figures = {
    machine: { cpus: cpus().length, node: process.version },
    contentScripts: { limitBytes: CONTENT_SCRIPT_LIMIT_BYTES, scripts: contentScripts },
    detection,
    conformance,
    value,
    sync: { ...sync, dav, initialSync, teamLoad, encryption },
    io,
    followUps,
    keepInTouch,
    sidePanel,
    sidePanelFirefox,
    sidePanelMillion,
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
