import type { Hono } from 'hono';
import { KeyEnvelope } from '../../lib/sync/shared/key-envelope';
import type { SyncStore } from '../store';
import type { Env } from './context';
import { problem } from './reply';
import { ownerOnly, parsedBody } from './team';

export interface KeyRouteOptions {
  store: SyncStore;
  now: () => number;
}

/**
 * `GET/PUT /w/:workspace/keys` (behind ./sync.ts's token and membership checks): the key
 * envelopes of an end-to-end encrypted workspace. Every member reads them (each unlocks with the
 * passphrase in their own browser); only an owner stores one (turning encryption on, a
 * passphrase change, a rotation). The server only checks the envelope's shape: it cannot unwrap it.
 */
export function keyRoutes(routes: Hono<Env>, { store, now }: KeyRouteOptions): void {
  routes.get('/w/:workspace/keys', async (c) => c.json({ keys: await store.listKeys(c.req.param('workspace')) }));

  routes.put('/w/:workspace/keys', async (c) => {
    const refused = ownerOnly(c, 'set the workspace key');
    if (refused) return refused;
    const parsed = await parsedBody(c, KeyEnvelope);
    if (!parsed.success) return parsed.reply;
    const stored = await store.putKey(c.req.param('workspace'), parsed.data, now());
    if (stored === 'full') return problem(c, 409, 'too-many-keys', 'this workspace keeps 16 keys: retire old ones first');
    return c.json(parsed.data, stored === 'created' ? 201 : 200);
  });
}
