import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { type AppOptions, createApp } from './app';
import { type Logger, errorFields, jsonLogger } from './log';

export interface ServerOptions extends AppOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Tombstones and applied mutation ids older than this are purged. */
  tombstoneHorizonMs: number;
  purgeEveryMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Listens, purges expired tombstones now and then, and closes everything it opened on close(). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger: Logger = options.logger ?? jsonLogger();
  const app = createApp({ ...options, logger });
  const purge = async () => {
    try {
      const purged = await options.store.purge(options.tombstoneHorizonMs, (options.now ?? Date.now)());
      if (Object.values(purged).some((count) => count > 0)) logger.info('purged', purged);
    } catch (error) {
      logger.error('purge failed', errorFields(error));
    }
  };
  await purge();
  const server: ServerType = await new Promise((resolve, reject) => {
    // A client that trickles its headers or body holds a socket and a 4 MiB buffer: bound both.
    const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000 };
    const started = serve({ fetch: app.fetch, hostname: options.host, port: options.port, serverOptions }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const timer = setInterval(() => void purge(), options.purgeEveryMs ?? HOUR_MS);
  timer.unref();

  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(timer);
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until their idle timeout.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
