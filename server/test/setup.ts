import type { Hono } from 'hono';
import { createApp } from '../app';
import { silentLogger } from '../log';
import type { RateLimitOptions } from '../rate-limit';
import { afterAll, beforeAll } from 'vitest';
import { SyncStore } from '../store';
import type { TestBackend } from './backends';
import { SyncClient, appFetcher } from './client';

/** Generous enough that only the rate-limit test ever meets the limit. */
export const UNLIMITED: RateLimitOptions = { perMinute: 1_000_000, burst: 1_000_000 };

export function testApp(
  store: SyncStore,
  options: { now?: () => number; rateLimit?: RateLimitOptions; authFailureLimit?: RateLimitOptions; corsOrigins?: string[] } = {},
): Hono {
  return createApp({ store, logger: silentLogger, rateLimit: UNLIMITED, authFailureLimit: UNLIMITED, ...options });
}

let users = 0;

/** A new user with a personal workspace (its owner), and a client for it. */
export async function newClient(store: SyncStore, app: Hono): Promise<SyncClient & { email: string; user: string }> {
  const email = `user${users++}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const { workspace, token, user } = await store.addUser(email);
  return Object.assign(new SyncClient(appFetcher(app), workspace, token), { email, user });
}

/**
 * A fresh store on `backend` and the app over it, opened before the enclosing describe block's
 * tests and closed after them: read `server.store` and `server.app` inside the tests.
 */
export function storeAndApp(backend: TestBackend): { readonly store: SyncStore; readonly app: Hono } {
  const server = {} as { store: SyncStore; app: Hono };
  beforeAll(async () => {
    server.store = await SyncStore.open(await backend.freshLocation());
    server.app = testApp(server.store);
  }, 60_000);
  afterAll(async () => {
    await server.store?.close();
  });
  return server;
}
