/**
 * The layering rules `npm run lint` enforces (issue 14). Lint prints each rule's comment under its
 * violations (`--output-type err-long`), so the comment says what to do instead.
 *
 * Type-only imports count (`tsPreCompilationDeps`): a cycle or a layer crossing made of types is
 * still a coupling that makes the lower layer change with the upper one.
 *
 * Paths are matched after resolution (WXT's `@/` alias included), relative to the repo root.
 */

/** Folders that decide (rules, models, parsing) and must stay testable without a browser. */
const PURE_FOLDERS = '^lib/(detect|value|templates|reminders|nba|pipelines|segments|outreach|cadences)/';
const PURE_FOLDERS_IN_WORDS = 'lib/detect, value, templates, reminders, nba, pipelines, segments, outreach and cadences';
const MOVE_THE_IO = 'Put the reading and writing in lib/db/queries (IndexedDB) or lib/settings (storage) and pass the data in.';

/** IndexedDB and the extension APIs (storage included), whether imported or reached indirectly. */
const BROWSER_IO_PACKAGES = 'node_modules/(dexie|dexie-react-hooks|webextension-polyfill|wxt|@wxt-dev)/';
/** lib folders whose job is I/O (the pure folders hand theirs to these), I/O-free parts included. */
const IO_FOLDERS = '^lib/(db|settings)/';

/** A rule whose violations fail lint; `why` is printed under each (say what to do instead). */
function forbid(name, why, from, to) {
  return { name, severity: 'error', comment: why, from, to };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'no-cycle',
      'Import cycle: modules that import each other cannot be understood, tested or moved apart. ' +
        'Move what both need into a lower module, or pass it in.',
      { path: '^(lib|components|entrypoints|server|tools)/' },
      { circular: true },
    ),
    forbid(
      'lib-not-to-ui',
      'lib/ is below the UI: it never imports components/ or entrypoints/. Move the shared code into lib/ ' +
        '(e.g. display helpers into lib/model) and import it from both.',
      { path: '^lib/' },
      { path: '^(components|entrypoints)/' },
    ),
    forbid(
      'background-not-to-components',
      'The service worker never imports React components or UI helpers (they bloat it and may touch the DOM). ' +
        'Move what it needs into lib/.',
      { path: '^entrypoints/background/' },
      { path: '^components/' },
    ),
    forbid(
      'pure-lib-no-io-modules',
      `${PURE_FOLDERS_IN_WORDS} decide; they never import lib/db or lib/settings. ${MOVE_THE_IO}`,
      { path: PURE_FOLDERS },
      { path: IO_FOLDERS },
    ),
    forbid(
      'pure-lib-no-browser-io',
      `${PURE_FOLDERS_IN_WORDS} decide; they reach no Dexie and no browser or storage API, not even through ` +
        `another module. ${MOVE_THE_IO}`,
      { path: PURE_FOLDERS },
      { path: BROWSER_IO_PACKAGES, reachable: true },
    ),
    forbid(
      'server-only-shared-lib',
      'The sync server shares only the sync protocol (lib/sync/shared) and the models (lib/model) with the ' +
        'extension; everything else in lib/ belongs to the browser.',
      { path: '^server/' },
      { path: '^lib/', pathNot: '^lib/(sync/shared|model)/' },
    ),
    forbid(
      'sync-shared-stands-alone',
      'lib/sync/shared is used by the server, lib/db and the sync client alike, so it imports only itself and ' +
        'lib/model (plus packages).',
      { path: '^lib/sync/shared/' },
      { path: '^(lib|components|entrypoints|server|tools)/', pathNot: '^lib/(sync/shared|model)/' },
    ),
    forbid(
      'db-below-sync-client',
      'lib/db sits below the sync client: it may use the shared protocol, clock and merge (lib/sync/shared) ' +
        'but nothing else of lib/sync, whose client imports lib/db.',
      { path: '^lib/db/' },
      { path: '^lib/sync/', pathNot: '^lib/sync/shared/' },
    ),
    forbid(
      'model-and-server-no-page-reading',
      'lib/model, lib/sync/shared and the server may read site declarations (lib/detect/sites/<site>.ts: ' +
        'names, hosts, URL rules) but never a DOM reader (<site>.dom.ts): those belong to content scripts.',
      { path: '^(lib/model|lib/sync/shared|server)/' },
      { path: '^lib/detect/.*\\.dom\\.ts$', reachable: true },
    ),
    forbid(
      'not-to-unresolvable',
      'This import does not resolve: a typo, a moved file, or a package missing from package.json.',
      {},
      { couldNotResolve: true },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)\\.(wxt|output)/' },
    tsPreCompilationDeps: true,
    // tsconfig.json plus a baseUrl, so that WXT's `@/` paths (declared in .wxt/tsconfig.json
    // relative to .wxt/) resolve; see the note in that file.
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    // Keep node_modules paths as the importer sees them, so the patterns above match in a worktree
    // whose node_modules is a symlink too (the real path would lie outside the repo).
    preserveSymlinks: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
