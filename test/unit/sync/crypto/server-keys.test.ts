import { expect, it } from 'vitest';
import { newKeyId, newWorkspaceKey, unwrapWorkspaceKey, wrapWorkspaceKey, WrongPassphraseError } from '../../../../lib/sync/client/crypto/workspace-key';
import { KeysReply } from '../../../../lib/sync/shared/key-envelope';
import { JoinReply } from '../../../../lib/sync/shared/protocol';
import { describeEachBackend } from '../../../../server/test/backends';
import { call } from '../../../../server/test/call';
import { newClient, storeAndApp } from '../../../../server/test/setup';

describeEachBackend('encrypted workspaces: key envelopes', (backend) => {
  const server = storeAndApp(backend);

  it('an owner stores the envelope; every member reads it and unlocks with the passphrase in their own browser; others cannot write it', async () => {
    const owner = await newClient(server.store, server.app);
    const ws = `/w/${owner.workspace}/keys`;
    expect((await call(server.app, owner.token, 'GET', ws)).body).toEqual({ keys: [] }); // a plain workspace

    const key = await newWorkspaceKey();
    const envelope = await wrapWorkspaceKey(key, 'our team passphrase', newKeyId());
    const put = await call(server.app, owner.token, 'PUT', ws, envelope);
    expect(put.status).toBe(201);

    const invite = await call(server.app, owner.token, 'POST', `/w/${owner.workspace}/invites`, { role: 'editor', expiresInDays: 1 });
    const joined = await server.app.request('/v1/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: invite.body.code, email: `e-${Math.random().toString(36).slice(2)}@example.org`, name: 'Ed' }),
    });
    const editor = JoinReply.parse(await joined.json());
    const read = KeysReply.parse((await call(server.app, editor.token, 'GET', ws)).body);
    expect(read.keys).toEqual([envelope]);
    await expect(unwrapWorkspaceKey(read.keys[0]!, 'our team passphrase')).resolves.toBeDefined();
    await expect(unwrapWorkspaceKey(read.keys[0]!, 'not our passphrase')).rejects.toThrow(WrongPassphraseError);

    const refused = await call(server.app, editor.token, 'PUT', ws, envelope);
    expect(refused.status).toBe(403);
    // The server holds no passphrase, no raw key: only the envelope's own fields.
    expect(JSON.stringify(read)).not.toContain('passphrase');
  });

  it('a re-wrap under the same key id replaces the envelope; a second key is listed first; malformed or weak envelopes are refused', async () => {
    const owner = await newClient(server.store, server.app);
    const ws = `/w/${owner.workspace}/keys`;
    const key = await newWorkspaceKey();
    const keyId = newKeyId();
    const first = await wrapWorkspaceKey(key, 'first passphrase', keyId);
    expect((await call(server.app, owner.token, 'PUT', ws, first)).status).toBe(201);
    const rewrapped = await wrapWorkspaceKey(key, 'second passphrase', keyId);
    expect((await call(server.app, owner.token, 'PUT', ws, rewrapped)).status).toBe(200);
    expect(KeysReply.parse((await call(server.app, owner.token, 'GET', ws)).body).keys).toEqual([rewrapped]);

    await new Promise((resolve) => setTimeout(resolve, 5)); // a later created_at
    const rotated = await wrapWorkspaceKey(await newWorkspaceKey(), 'second passphrase', newKeyId());
    expect((await call(server.app, owner.token, 'PUT', ws, rotated)).status).toBe(201);
    expect(KeysReply.parse((await call(server.app, owner.token, 'GET', ws)).body).keys.map((envelope) => envelope.keyId)).toEqual([rotated.keyId, keyId]);

    for (const bad of [{ ...first, params: { iterations: 1_000 } }, { ...first, wrappedKey: 'AAAA' }, { ...first, kdf: 'none' }, {}, 'x']) {
      const reply = await call(server.app, owner.token, 'PUT', ws, bad);
      expect(reply.status, JSON.stringify(bad)).toBe(400);
    }
  });
});
