/**
 * The field cipher (lib/sync/client/crypto/field-cipher.ts) in the two browsers the add-on runs
 * in, Firefox ESR and Chromium, on a loopback page (a secure context, so WebCrypto is there).
 *
 * The cipher writes each call's inputs (additional data, plaintext, IV and ciphertext) into one
 * scratch buffer and overwrites it on the next call, trusting WebCrypto to copy its inputs when
 * `encrypt`/`decrypt` is called, as the spec says. If a browser read them later instead, the
 * thousands of calls in flight below, whose inputs differ in length and content, would seal or
 * open each other's bytes: round trips would fail or come back wrong. Values sealed by the earlier
 * code (known answers, servers hold them) must still open.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleForPage } from '../../tools/bench/page-bundle';
import { FIREFOX_PATH } from './firefox';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server: Server;
let pageUrl = '';
const dirs: string[] = [];

beforeAll(async () => {
  const bundle = await bundleForPage('crypto-entry.ts', 'cipherLib');
  server = createServer((request, response) => {
    if (request.url === '/cipher.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(`globalThis.__name = (fn) => fn;${bundle};globalThis.cipherLib = cipherLib;`);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>field cipher</title><script src="/cipher.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  knownAnswers: unknown[];
  roundTrips: number;
  wrong: number[];
  failed: number;
}

/** Runs in the page: known answers, then 3,000 values sealed at once and opened at once. */
async function exercise(): Promise<Outcome> {
  type Lib = {
    importRawKey(bytes: Uint8Array): Promise<CryptoKey>;
    encryptField(key: CryptoKey, keyId: string, place: object, value: unknown): Promise<string>;
    decryptField(keys: Map<string, CryptoKey>, place: object, stored: unknown): Promise<unknown>;
  };
  const lib = (globalThis as unknown as { cipherLib: Lib }).cipherLib;
  const key = await lib.importRawKey(new Uint8Array(32).map((_, index) => index * 7 + 3));
  const keys = new Map([['kat1', key]]);
  const plainPlace = { workspace: '01JWORKSPACE', table: 'contacts', id: 'c1', field: 'name', hlc: '0001733000000000-0000-browser-1' };
  const oddPlace = { workspace: 'Café "ünïcode" \\ ws', table: 'interactions', id: 'id\twith\u0001control', field: 'body', hlc: '0001733000000000-0001-browser-1' };
  const knownAnswers = [
    await lib.decryptField(keys, plainPlace, 'e1.kat1.SKa8PoYIP6JJSzCc7kEYlE6cM1VAYZkBuUazaPZ/xjy36hCIvGgb7KVZ'),
    await lib.decryptField(keys, oddPlace, 'e1.kat1.CpS8lcxCQ2vCkTPa4klZhEEGRBkCCw1qh/W6go3jGf8a49To+3fa9KUJw4MCPie5Tpkg9ogSEwOJIZPzF0122o65zMunqc/g890QN8PUxzAYs1ycLGDAwOXtQgjV'),
  ];
  const values = Array.from({ length: 3_000 }, (_, index) => (index % 4 === 0 ? 'ü'.repeat(index % 300) : index % 4 === 1 ? { n: index, s: 'x'.repeat((index * 7) % 2_000) } : `v${index}`));
  const places = values.map((_, index) => ({ ...(index % 2 ? oddPlace : plainPlace), id: `row ${index} ${index % 3 ? 'ä' : ''}` }));
  let failed = 0;
  const sealed = await Promise.all(values.map((value, index) => lib.encryptField(key, 'kat1', places[index]!, value)));
  const opened = await Promise.all(
    sealed.map((stored, index) =>
      lib.decryptField(keys, places[index]!, stored).catch(() => {
        failed += 1;
        return undefined;
      }),
    ),
  );
  const wrong = opened.flatMap((value, index) => (JSON.stringify(value) === JSON.stringify(values[index]) ? [] : [index]));
  return { knownAnswers, roundTrips: values.length, wrong: wrong.slice(0, 10), failed };
}

function expectSound(outcome: Outcome): void {
  expect(outcome.knownAnswers).toEqual(['Ada Lovelace', { note: 'Grüße aus Köln — 東京 ✓', list: [1, 'two', null] }]);
  expect(outcome.roundTrips).toBe(3_000);
  expect(outcome.failed).toBe(0);
  expect(outcome.wrong).toEqual([]);
}

test('Firefox: thousands of field values sealed and opened at once come back intact, and known answers open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'firefox-cipher-'));
  dirs.push(dir);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, userDataDir: dir });
  try {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    expectSound(await page.evaluate(exercise));
  } finally {
    await browser.close();
  }
});

test('Chromium: the same', async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    expectSound(await page.evaluate(exercise));
  } finally {
    await browser.close();
  }
});
