/**
 * `npm run server`: the sync server, and its administrative commands (see --help).
 * Run directly with `npx tsx server/main.ts` or `node --import tsx server/main.ts`.
 */
import { ZodError } from 'zod';
import { runAdminCommand } from './cli';
import { type Command, type Settings, USAGE, UsageError, parseCommandLine } from './config';
import { jsonLogger } from './log';
import { DAY_MS, startServer } from './serve';
import { AccountError, SyncStore } from './store';

async function serve(settings: Settings): Promise<void> {
  const logger = jsonLogger();
  const store = await SyncStore.open(settings.db, { sqliteSync: settings.sqliteSync });
  const server = await startServer({
    store,
    host: settings.host,
    port: settings.port,
    corsOrigins: settings.corsOrigins,
    rateLimit: { perMinute: settings.ratePerMinute, burst: Math.max(1, Math.ceil(settings.ratePerMinute / 5)) },
    tombstoneHorizonMs: settings.tombstoneDays * DAY_MS,
    logger,
  });
  // Tests and scripts read the port from this line when they asked for port 0.
  logger.info('listening', { url: server.url, port: server.port, backend: store.backend });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function admin(command: Exclude<Command, { kind: 'help' | 'serve' }>, settings: Settings): Promise<void> {
  const store = await SyncStore.open(settings.db, { sqliteSync: settings.sqliteSync });
  try {
    for (const line of await runAdminCommand(command, store, settings)) process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { command, settings } = parseCommandLine(argv, process.env);
  if (command.kind === 'help') process.stdout.write(`${USAGE}\n`);
  else if (command.kind === 'serve') await serve(settings);
  else await admin(command, settings);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  // Mistakes an operator can fix get one line; anything else gets its stack.
  if (error instanceof AccountError) process.stderr.write(`error: ${error.message}\n`);
  else if (error instanceof ZodError) process.stderr.write(`error: ${error.issues[0]?.message ?? 'invalid input'}\n`);
  else process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
