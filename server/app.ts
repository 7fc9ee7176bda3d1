import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { routePath } from 'hono/route';
import { allowedOrigin } from './cors';
import { type Logger, errorFields, jsonLogger } from './log';
import { openApiDocument } from './openapi';
import { DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit';
import { problem } from './routes/reply';
import { davOptions } from './routes/carddav';
import { davRoutes } from './routes/dav';
import { syncRoutes } from './routes/sync';
import type { SyncStore } from './store';

export interface AppOptions {
  store: SyncStore;
  /** The server's clock, injectable so tests can travel in time. */
  now?: () => number;
  /** Origins allowed besides extension origins (e.g. a self-hosted web client). */
  corsOrigins?: readonly string[];
  rateLimit?: RateLimitOptions;
  /** Failed authentications allowed per client address. */
  authFailureLimit?: RateLimitOptions;
  logger?: Logger;
}

/** The HTTP API as a Hono app: no sockets here, so tests can call `app.request()` directly. */
export function createApp(options: AppOptions): Hono {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? jsonLogger();
  const corsOrigins = options.corsOrigins ?? [];
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, not the path: paths carry ids, and any bytes a caller chose.
    logger.info('request', { method: c.req.method, route: routePath(c, -1), status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
  });
  // DAV clients ask OPTIONS without credentials or an Origin; the CORS preflight must not answer for them.
  app.options('/dav/*', davOptions);
  app.use(
    '*',
    cors({
      origin: (origin) => allowedOrigin(origin, corsOrigins) ?? null,
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await options.store.ping();
      return c.json({ status: 'ok' });
    } catch (error) {
      logger.error('health check failed', errorFields(error));
      return problem(c, 503, 'unavailable', 'database unreachable');
    }
  });
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument()));
  // One count of failed sign-ins per address, whichever door they knocked on.
  const authFailures = new RateLimiter(options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT);
  app.route('/v1', syncRoutes({ store: options.store, now, limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT), authFailures }));
  app.all('/.well-known/carddav', (c) => c.redirect('/dav/', 301));
  app.route('/dav', davRoutes({ store: options.store, now, authFailures }));

  app.notFound((c) => problem(c, 404, 'not-found', 'no such route'));
  app.onError((error, c) => {
    logger.error('request failed', { route: routePath(c, -1), ...errorFields(error) });
    return problem(c, 500, 'internal', 'internal error');
  });
  return app;
}
