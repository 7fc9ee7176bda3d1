import type { Hono } from 'hono';
import { KeyEnvelope, KeyId } from '../../lib/sync/shared/key-envelope';
import type { SyncStore } from '../store';
import type { Env } from './context';
import { problem } from './reply';
import { ownerOnly, parsedBody } from './team';

export interface KeyRouteOptions {
  store: SyncStore;
  now: () => number;
}

/**
 * `GET/PUT /w/:workspace/keys` and `DELETE /w/:workspace/keys/:keyId` (behind ./sync.ts's token and membership checks): the key
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

  // Once no stored value needs a key (a rotation or turning encryption off rewrote them all).
  routes.delete('/w/:workspace/keys/:keyId', async (c) => {
    const refused = ownerOnly(c, 'delete a workspace key');
    if (refused) return refused;
    const keyId = c.req.param('keyId');
    const outcome = KeyId.safeParse(keyId).success ? await store.deleteKey(c.req.param('workspace'), keyId) : 'unknown';
    if (outcome === 'unknown') return problem(c, 404, 'not-found', 'no such key');
    if (outcome === 'in-use') return problem(c, 409, 'key-in-use', 'stored values still need this key: rewrite them under another key (or in the clear) first');
    return c.json({ keyId, deleted: true });
  });
}
