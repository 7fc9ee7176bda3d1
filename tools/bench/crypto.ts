/**
 * End-to-end encryption's costs in real Chromium (issue 19), with lib/sync/client/crypto bundled
 * for the page: unlocking a workspace key with its passphrase (PBKDF2-SHA-256 at the iterations
 * new envelopes use, KDF_ITERATIONS, then AES-KW unwrap; the issue wants 0.3–1 s), and the cost of
 * sealing and opening one field value (AES-256-GCM with its AAD), for 10,000 values, against the
 * same values sealed and opened by bare WebCrypto calls (the floor of one call per value). The issue's
 * ratios against plain sync are in ./sync-encrypted.ts and ./sync-initial.ts.
 */
import { chromium } from '@playwright/test';
import { bundleForPage } from './page-bundle';
import { round } from './stats';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function benchCrypto(): Promise<object> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    // A secure context: WebCrypto's subtle API exists only there.
    await page.route('https://bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>crypto</title>' }));
    await page.goto('https://bench.invalid/');
    await page.addScriptTag({ content: `globalThis.__name = (fn) => fn;${await bundleForPage('crypto-entry.ts', 'cryptoBench')};globalThis.cryptoBench = cryptoBench;` });
    return await page.evaluate(async () => {
      type Lib = {
        newWorkspaceKey(): Promise<CryptoKey>;
        newKeyId(): string;
        wrapWorkspaceKey(key: CryptoKey, passphrase: string, keyId: string, iterations: number): Promise<object>;
        KDF_ITERATIONS: number;
        unwrapWorkspaceKey(envelope: object, passphrase: string): Promise<CryptoKey>;
        encryptField(key: CryptoKey, keyId: string, place: object, value: unknown): Promise<string>;
        decryptField(keys: Map<string, CryptoKey>, place: object, stored: unknown): Promise<unknown>;
      };
      const lib = (globalThis as unknown as { cryptoBench: Lib }).cryptoBench;
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const key = await lib.newWorkspaceKey();
      const keyId = lib.newKeyId();
      const envelope = await lib.wrapWorkspaceKey(key, 'a long team passphrase', keyId, lib.KDF_ITERATIONS);
      const unlocks: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        await lib.unwrapWorkspaceKey(envelope, 'a long team passphrase');
        unlocks.push(performance.now() - started);
      }
      // 10,000 field values like a sync page's: names, titles, a few lists.
      const values = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? [`person${i}@example.org`] : `Field value number ${i} of a contact`));
      const places = values.map((_, i) => ({ workspace: 'ws', table: 'contacts', id: `c${i}`, field: 'title', hlc: `0001733000000000-${String(i).padStart(4, '0')}-node0001` }));
      const keys = new Map([[keyId, key]]);
      const sealOpen: number[] = [];
      for (let run = 0; run < 7; run++) {
        const started = performance.now();
        const sealed = await Promise.all(values.map((value, i) => lib.encryptField(key, keyId, places[i]!, value)));
        await Promise.all(sealed.map((stored, i) => lib.decryptField(keys, places[i]!, stored)));
        sealOpen.push(performance.now() - started);
      }
      // The floor: the same 10,000 values sealed and opened by bare WebCrypto calls, inputs made
      // beforehand (one IV and one additional data for all): what one AES-GCM call per value costs
      // whatever the code around it, in the same page and run.
      const encoder = new TextEncoder();
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const aad = encoder.encode(JSON.stringify(['e1', 'ws', 'contacts', 'c1', 'title', places[0]!.hlc, keyId]));
      const plain = values.map((value) => encoder.encode(JSON.stringify(value)));
      const bare: number[] = [];
      for (let run = 0; run < 7; run++) {
        const started = performance.now();
        const sealed = await Promise.all(plain.map((bytes) => crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, bytes)));
        await Promise.all(sealed.map((bytes) => crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, bytes)));
        bare.push(performance.now() - started);
      }
      return { unlockMs: median(unlocks), iterations: lib.KDF_ITERATIONS, sealAndOpen10000Ms: median(sealOpen.slice(2)), bare10000Ms: median(bare.slice(2)) };
    }).then((figures) => ({
      unlockMedianMs: round(figures.unlockMs, 0),
      kdfIterations: figures.iterations,
      unlockWantedMs: [300, 1000],
      sealAndOpen10000FieldsMs: round(figures.sealAndOpen10000Ms, 1),
      sealAndOpenPerFieldUs: round((figures.sealAndOpen10000Ms / 10_000) * 1000, 1),
      /** One bare `encrypt` and one bare `decrypt` call per value, nothing else: the floor of sealing and opening. */
      bareCallsPerFieldUs: round((figures.bare10000Ms / 10_000) * 1000, 1),
      ratioToBareCalls: round(figures.sealAndOpen10000Ms / figures.bare10000Ms, 2),
    }));
  } finally {
    await browser.close();
  }
}
