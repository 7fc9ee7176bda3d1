/**
 * Import and export figures for `npm run bench`, in real Chromium with real IndexedDB (a page on
 * a routed origin, the product's code bundled into it with esbuild):
 *
 * - import of a generated 10,000-row Google Contacts CSV into an empty database, the whole path
 *   the options page runs (parseImportFile → planImport → runImport, in the import's worker, the
 *   page waiting on it as the options page does), against papaparse parsing the same text alone,
 *   and against a raw Dexie `bulkPut` of the same mapped contact rows; alternating with each run,
 *   the same import on the page's own thread (how it ran before the worker), for its pauses;
 * - export of 100,000 stored contacts to CSV (read in chunks + contactsToCsv), against the read
 *   alone.
 *
 * Each figure is the median of a few runs, each import into a fresh database.
 */
import type { Browser, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import type * as IoEntry from './io-entry';
import { median, round } from './stats';
import { bundleForPage, openBenchPage } from './page-bundle';

type Io = typeof IoEntry;


function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}


export interface IoBench {
  import: {
    rows: number;
    fileBytes: number;
    runs: number;
    contactsCreated: number;
    totalMedianMs: number;
    /**
     * Starting the worker and opening the database in it, which Options does while the user
     * chooses the file (ImportClient.warm), before the timed import: not in totalMedianMs.
     */
    warmMedianMs: number;
    /** ratioToRawBulkPut with the warm-up counted in, as a page that asked for nothing before the file would see it. */
    ratioToRawBulkPutWithWarm: number;
    parseMedianMs: number;
    planMedianMs: number;
    writeMedianMs: number;
    papaparseMedianMs: number;
    rawBulkPutMedianMs: number;
    /** Median over runs of total / papaparse alone, measured in the same run. */
    ratioToPapaparse: number;
    /** Median over runs of total / raw bulkPut of the mapped rows, measured in the same run. */
    ratioToRawBulkPut: number;
    /**
     * The work the import may have to do beyond the floor, each part raw in the same run: the
     * notes bulkAdded, and one lookup per identity key of the file (the re-check that keeps a
     * contact added since the preview from being duplicated; since the contacts' write mark,
     * lib/db/write-marks.ts, it runs only once another page writes a contact meanwhile, which no
     * one does in this bench). `ratioToRawBulkPut`: the floor and these together against the
     * floor alone; `importRatio`: the import against all three.
     */
    necessaryWork: { notes: number; rawNotesBulkAddMedianMs: number; rawIdentityLookupsMedianMs: number; ratioToRawBulkPut: number; importRatio: number };
    /** Longest gap between 10 ms timer ticks during the import: how long the page could not respond. */
    longestPauseMs: number;
    /** The median over runs of each run's longest pause (one garbage collection can make the longest). */
    longestPauseMedianMs: number;
    /** The median over runs of how many pauses went over 50 ms (the bar). */
    pausesOver50MsMedian: number;
    /** The same, per phase (the longest of all runs), to tell which phase held the page. */
    longestPauseByPhaseMs: { parse: number; plan: number; write: number };
    /** The longest pause during the raw bulkPut itself (the floor), over all runs. */
    rawBulkPutLongestPauseMs: number;
    /** The same import run on the page's own thread, alternating with the worker's in this run (how it ran before the worker); absent with BENCH_IMPORT_ON_PAGE=0. */
    onThePage?: { totalMedianMs: number; ratioToRawBulkPut: number; longestPauseMs: number; longestPauseMedianMs: number; pausesOver50MsMedian: number };
  };
  export: {
    contacts: number;
    runs: number;
    csvBytes: number;
    exportMedianMs: number;
    readMedianMs: number;
    ratioToRead: number;
  };
}

export async function benchIo(importRuns = 2, exportRuns = 3): Promise<IoBench> {
  const { browser, page } = await openBenchPage('io-entry.ts', 'sidebarCrmIo', 'io bench');
  try {
    return { import: await benchImport(browser, page, importRuns), export: await benchExport(page, exportRuns) };
  } finally {
    await browser.close();
  }
}

/** The import figure alone (`npx tsx tools/bench/io.ts import`), in its own browser. */
export async function benchImportAlone(importRuns = 2): Promise<IoBench['import']> {
  const { browser, page } = await openBenchPage('io-entry.ts', 'sidebarCrmIo', 'io bench');
  try {
    return await benchImport(browser, page, importRuns);
  } finally {
    await browser.close();
  }
}

/**
 * A second page, on another origin, for the worker's imports: Chromium gives another site its own
 * renderer process, so this page's heap holds only what an Options page waiting on an import
 * holds. (On the first page, the floors and the on-page imports grow the heap by hundreds of MB,
 * and V8 shrinks it with collections while the page idles: 100-130 ms pauses that are not the
 * import's.)
 */
async function openImportPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.route('https://import.bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>import bench</title>' }));
  await page.goto('https://import.bench.invalid/');
  await page.addScriptTag({ content: await bundleForPage('io-entry.ts', 'sidebarCrmIo') });
  await page.addScriptTag({ content: 'globalThis.__name = (fn) => fn;' });
  return page;
}

async function benchImport(browser: Browser, page: Page, importRuns: number): Promise<IoBench['import']> {
  const withPage = process.env.BENCH_IMPORT_ON_PAGE !== '0';
  log(`io: importing a 10,000-row Google CSV, ${importRuns} runs, in the worker${withPage ? ' and on the page' : ''}…`);
  const workerCode = await bundleForPage('io-worker-entry.ts', 'sidebarCrmIoWorker');
  const importPage = await openImportPage(browser);
  const samples: Array<Record<string, number>> = [];
  const pageSamples: Array<Record<string, number>> = [];
  let fileBytes = 0;
  for (let run = 0; run <= importRuns; run += 1) {
    // The import as it ran before the worker: on the page's own thread (BENCH_IMPORT_ON_PAGE=0 leaves it out).
    const onThePage = withPage
      ? await page.evaluate(async ({ run }) => {
          const io = (globalThis as unknown as { sidebarCrmIo: Io }).sidebarCrmIo;
          const bytes = new TextEncoder().encode(io.generateGoogleCsv(10_000));
          const db = io.openCrmDatabase(`io-bench-page-${run}`);
          await db.open();
          (globalThis as unknown as { gc?: () => void }).gc?.();
          const watch = io.watchPauses();
          const started = performance.now();
          const parsed = await io.parseImportFile(bytes, { fileName: 'contacts.csv' });
          await io.runImport(db, await io.planImport(db, parsed, { updateExisting: false }));
          const totalMs = performance.now() - started;
          const { longestPause, over50 } = watch.stop();
          await db.delete();
          return { totalMs, longestPause, over50 };
        }, { run })
      : undefined;

    // The product's path: the page hands the file to the import's worker and waits, as Options does.
    const inWorker = await importPage.evaluate(
      async ({ run, workerCode }) => {
        const io = (globalThis as unknown as { sidebarCrmIo: Io }).sidebarCrmIo;
        const bytes = new TextEncoder().encode(io.generateGoogleCsv(10_000));
        const fileBytes = bytes.length;
        const workerUrl = URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' }));
        const dbName = `io-bench-${run}`;
        const client = io.workerImportClient(() => new Worker(workerUrl, { name: dbName }));
        // As Options does while the user chooses the file: the worker starts and opens the database.
        const warmStart = performance.now();
        await client.warm();
        const warmMs = performance.now() - warmStart;
        (globalThis as unknown as { gc?: () => void }).gc?.();
        const watch = io.watchPauses();
        watch.phase('parse');
        const started = performance.now();
        // The bytes move to the worker (transferred), as the options page's do.
        const read = await client.read({ name: 'contacts.csv', bytes }, {});
        const parsedAt = performance.now();
        watch.phase('plan');
        await client.preview({ updateExisting: false, createFromPurchases: false });
        const plannedAt = performance.now();
        watch.phase('write');
        const result = await client.run();
        const totalMs = performance.now() - started;
        const { longestPause, over50, byPhase } = watch.stop();
        client.close();
        URL.revokeObjectURL(workerUrl);
        await io.openCrmDatabase(dbName).delete();
        return {
          totalMs,
          warmMs,
          parseMs: parsedAt - started,
          planMs: plannedAt - parsedAt,
          writeMs: totalMs - (plannedAt - started),
          created: result.created,
          rows: read.rows,
          fileBytes,
          longestPause,
          over50,
          parsePause: byPhase.parse ?? 0,
          planPause: byPhase.plan ?? 0,
          writePause: byPhase.write ?? 0,
        };
      },
      { run, workerCode },
    );
    fileBytes = inWorker.fileBytes;

    // The floors, on the first page: papaparse alone, a raw bulkPut of the mapped rows, and the
    // work the import may have to do besides (the notes, and looking everyone up again).
    const floor = await page.evaluate(async ({ run }) => {
      const io = (globalThis as unknown as { sidebarCrmIo: Io }).sidebarCrmIo;
      const text = io.generateGoogleCsv(10_000);
      const papaStart = performance.now();
      io.papaParseAll(text);
      const papaparseMs = performance.now() - papaStart;
      const parsed = await io.parseImportFile(new TextEncoder().encode(text), { fileName: 'contacts.csv' });
      const rawDb = io.openCrmDatabase(`io-bench-raw-${run}`);
      await rawDb.open();
      const records = io.recordsFromImport(parsed);
      const rows = records.contacts;
      // The floor's own longest pause: one bulkPut clones and queues every row at once.
      const watch = io.watchPauses();
      const rawStart = performance.now();
      await rawDb.contacts.bulkPut(rows);
      const rawBulkPutMs = performance.now() - rawStart;
      const rawPause = watch.stop().longestPause;
      const notesStart = performance.now();
      await rawDb.interactions.bulkAdd(records.interactions);
      const rawNotesMs = performance.now() - notesStart;
      const lookupsStart = performance.now();
      const lookedUp = await io.lookUpIdentityKeys(rawDb, rows);
      const rawLookupsMs = performance.now() - lookupsStart;
      if (lookedUp < rows.length) throw new Error(`the identity lookups found ${lookedUp} of ${rows.length} stored contacts`);
      await rawDb.delete();
      return { papaparseMs, rawBulkPutMs, rawPause, rawNotesMs, rawLookupsMs, notes: records.interactions.length, rows: parsed.rows };
    }, { run });
    if (floor.rows !== inWorker.rows) throw new Error(`the worker read ${inWorker.rows} rows, the page ${floor.rows}`);

    if (run === 0) continue; // warm-up
    if (onThePage) pageSamples.push({ ...onThePage, rawBulkPutMs: floor.rawBulkPutMs });
    const { fileBytes: _bytes, ...timed } = inWorker;
    samples.push({ ...timed, ...floor });
  }
  await importPage.close();

  const pick = (key: string) => samples.map((sample) => sample[key]!);
  const pagePick = (key: string) => pageSamples.map((sample) => sample[key]!);
  return {
    rows: samples[0]!.rows!,
    fileBytes,
    runs: importRuns,
    contactsCreated: samples[0]!.created!,
    totalMedianMs: round(median(pick('totalMs')), 0),
    warmMedianMs: round(median(pick('warmMs')), 0),
    ratioToRawBulkPutWithWarm: round(median(samples.map((s) => (s.totalMs! + s.warmMs!) / s.rawBulkPutMs!)), 2),
    parseMedianMs: round(median(pick('parseMs')), 0),
    planMedianMs: round(median(pick('planMs')), 0),
    writeMedianMs: round(median(pick('writeMs')), 0),
    papaparseMedianMs: round(median(pick('papaparseMs')), 1),
    rawBulkPutMedianMs: round(median(pick('rawBulkPutMs')), 0),
    ratioToPapaparse: round(median(samples.map((s) => s.totalMs! / s.papaparseMs!)), 1),
    ratioToRawBulkPut: round(median(samples.map((s) => s.totalMs! / s.rawBulkPutMs!)), 2),
    necessaryWork: {
      notes: samples[0]!.notes!,
      rawNotesBulkAddMedianMs: round(median(pick('rawNotesMs')), 0),
      rawIdentityLookupsMedianMs: round(median(pick('rawLookupsMs')), 0),
      ratioToRawBulkPut: round(median(samples.map((s) => (s.rawBulkPutMs! + s.rawNotesMs! + s.rawLookupsMs!) / s.rawBulkPutMs!)), 2),
      importRatio: round(median(samples.map((s) => s.totalMs! / (s.rawBulkPutMs! + s.rawNotesMs! + s.rawLookupsMs!))), 2),
    },
    longestPauseMs: round(Math.max(...pick('longestPause')), 0),
    longestPauseMedianMs: round(median(pick('longestPause')), 0),
    pausesOver50MsMedian: median(pick('over50')),
    rawBulkPutLongestPauseMs: round(Math.max(...pick('rawPause')), 0),
    longestPauseByPhaseMs: {
      parse: round(Math.max(...pick('parsePause')), 0),
      plan: round(Math.max(...pick('planPause')), 0),
      write: round(Math.max(...pick('writePause')), 0),
    },
    ...(pageSamples.length > 0
      ? {
          onThePage: {
            totalMedianMs: round(median(pagePick('totalMs')), 0),
            ratioToRawBulkPut: round(median(pageSamples.map((sample) => sample.totalMs! / sample.rawBulkPutMs!)), 2),
            longestPauseMs: round(Math.max(...pagePick('longestPause')), 0),
            longestPauseMedianMs: round(median(pagePick('longestPause')), 0),
            pausesOver50MsMedian: median(pagePick('over50')),
          },
        }
      : {}),
  };
}

async function benchExport(page: Page, exportRuns: number): Promise<IoBench['export']> {
    log(`io: exporting 100,000 contacts to CSV, ${exportRuns} runs…`);
    const exported = await page.evaluate(
      async ({ runs }) => {
        const io = (globalThis as unknown as { sidebarCrmIo: Io }).sidebarCrmIo;
        // Seeded with IndexedDB's own API (after Dexie created the schema): the seed is not what
        // is measured, and lib/db's write path (outbox, index keys) would make it take minutes.
        const schema = io.openCrmDatabase('io-bench-export');
        await schema.open();
        schema.close();
        const raw = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('io-bench-export');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const rows = io.contactRows(100_000, Date.now());
        for (let start = 0; start < rows.length; start += 20_000) {
          await new Promise<void>((resolve, reject) => {
            const tx = raw.transaction('contacts', 'readwrite');
            for (const row of rows.slice(start, start + 20_000)) tx.objectStore('contacts').put(row);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        }
        raw.close();
        rows.length = 0;
        const db = io.openCrmDatabase('io-bench-export');
        await db.open();
        const samples: Array<{ readMs: number; exportMs: number; bytes: number }> = [];
        for (let run = 0; run <= runs; run += 1) {
          const readStart = performance.now();
          await io.readAllInChunks(db.contacts, (contact) => contact.id);
          const readMs = performance.now() - readStart;
          const exportStart = performance.now();
          const contacts = (await io.readAllInChunks(db.contacts, (contact) => contact.id)).filter((contact) => !contact.deletedAt);
          const csv = io.contactsToCsv(contacts);
          const exportMs = performance.now() - exportStart;
          if (run > 0) samples.push({ readMs, exportMs, bytes: csv.length });
        }
        await db.delete();
        return samples;
      },
      { runs: exportRuns },
    );

    return {
        contacts: 100_000,
        runs: exportRuns,
        csvBytes: exported[0]!.bytes,
        exportMedianMs: round(median(exported.map((s) => s.exportMs)), 0),
        readMedianMs: round(median(exported.map((s) => s.readMs)), 0),
        ratioToRead: round(median(exported.map((s) => s.exportMs / s.readMs)), 2),
    };
}

// `npx tsx tools/bench/io.ts` runs these figures alone; `… io.ts import [runs]` only the import.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  (process.argv[2] === 'import' ? benchImportAlone(Number(process.argv[3] ?? 2)) : benchIo())
    .then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
