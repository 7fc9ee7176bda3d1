import { expect, it } from 'vitest';
import { EncryptionStatusReply, RewriteReply } from '../../../../lib/sync/shared/encryption';
import { KeysReply } from '../../../../lib/sync/shared/key-envelope';
import { describeEachBackend } from '../../../../server/test/backends';
import { call } from '../../../../server/test/call';
import { SyncClient, appFetcher, stamp } from '../../../../server/test/client';
import { newClient, storeAndApp } from '../../../../server/test/setup';
import { addKey, joinAs, retireKey } from './encrypted-workspace';

const AT = Date.UTC(2026, 0, 2);

describeEachBackend('encrypted workspaces: push, rewrite, key deletion, status', (backend) => {
  const server = storeAndApp(backend);

  it('an encrypted workspace refuses plain values per change, takes ciphertexts unchecked by the model but still checks clear fields; retired, it is plain again', async () => {
    const owner = await newClient(server.store, server.app);
    const key = await addKey(server.app, owner.token, owner.workspace);
    const h = stamp(1);
    const longName = await key.seal('contacts', 'c2', 'name', h, 'x'.repeat(400)); // the model allows 300: not the server's to see
    const reply = await owner.push({
      clientId: 'a',
      changes: [
        { mutationId: 'plain', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: h } } },
        { mutationId: 'sealed', table: 'contacts', id: 'c2', fields: { name: { value: longName, hlc: h } } },
        {
          mutationId: 'bad-visibility',
          table: 'interactions',
          id: 'i1',
          fields: { body: { value: await key.seal('interactions', 'i1', 'body', h, 'hi'), hlc: h }, visibility: { value: 'everyone', hlc: h } },
        },
        {
          mutationId: 'private',
          table: 'interactions',
          id: 'i2',
          fields: { body: { value: await key.seal('interactions', 'i2', 'body', h, 'hi'), hlc: h }, visibility: { value: 'private', hlc: h } },
        },
        { mutationId: 'sealed-visibility', table: 'interactions', id: 'i3', fields: { visibility: { value: await key.seal('interactions', 'i3', 'visibility', h, 'team'), hlc: h } } },
      ],
    });
    const reasons = Object.fromEntries(reply.rejected.map((entry) => [entry.mutationId, entry.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['bad-visibility', 'plain', 'sealed-visibility']);
    expect(reasons.plain).toContain('contacts.name arrived unencrypted');
    expect(reasons['bad-visibility']).toContain('visibility');
    const pulled = await owner.pullAll();
    expect(pulled.changes.map((change) => change.id).sort()).toEqual(['c2', 'i2']);
    expect(pulled.changes.find((change) => change.id === 'c2')?.fields.name?.value).toBe(longName);

    await retireKey(server.app, owner.token, owner.workspace, key);
    const after = await owner.push({
      clientId: 'a',
      changes: [
        { mutationId: 'plain-again', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: stamp(2) } } },
        { mutationId: 'sealed-now', table: 'contacts', id: 'c3', fields: { name: { value: await key.seal('contacts', 'c3', 'name', stamp(2), 'Bo'), hlc: stamp(2) } } },
      ],
    });
    expect(after.rejected).toEqual([{ mutationId: 'sealed-now', reason: expect.stringContaining('not encrypted') }]);
  });

  it('a rewrite replaces values only at their stamp, moves no cursor and writes no audit; private rows of others, clear fields and unknown rows are skipped; viewers and wrong encodings are refused', async () => {
    const owner = await newClient(server.store, server.app);
    const ws = owner.workspace;
    const editorJoin = await joinAs(server.app, owner.token, ws, 'editor');
    const editor = new SyncClient(appFetcher(server.app), ws, editorJoin.token);
    const viewer = await joinAs(server.app, owner.token, ws, 'viewer');
    const h1 = stamp(1);
    await owner.push({
      clientId: 'o',
      changes: [
        { mutationId: '1', table: 'contacts', id: 'r1', fields: { name: { value: 'Ada', hlc: h1 }, company: { value: 'Engines', hlc: h1 } } },
        { mutationId: '2', table: 'interactions', id: 'mine', fields: { contactId: { value: 'r1', hlc: h1 }, kind: { value: 'note', hlc: h1 }, at: { value: AT, hlc: h1 } } },
      ],
    });
    await editor.push({
      clientId: 'e',
      changes: [{ mutationId: '1', table: 'interactions', id: 'secret', fields: { contactId: { value: 'r1', hlc: h1 }, kind: { value: 'note', hlc: h1 }, at: { value: AT, hlc: h1 }, visibility: { value: 'private', hlc: h1 } } }],
    });

    const key = await addKey(server.app, owner.token, ws);
    const h2 = stamp(2);
    const newer = await key.seal('contacts', 'r1', 'company', h2, 'Analytical Engines');
    await owner.push({ clientId: 'o', changes: [{ mutationId: '3', table: 'contacts', id: 'r1', fields: { company: { value: newer, hlc: h2 } } }] });
    const { cursor } = await owner.pullAll();
    const auditBefore = await call(server.app, owner.token, 'GET', `/w/${ws}/audit?table=contacts&id=r1`);

    const sealedName = await key.seal('contacts', 'r1', 'name', h1, 'Ada');
    const request = {
      changes: [
        { table: 'contacts', id: 'r1', fields: { name: { value: sealedName, hlc: h1 }, company: { value: await key.seal('contacts', 'r1', 'company', h1, 'Engines'), hlc: h1 } } },
        { table: 'interactions', id: 'secret', fields: { kind: { value: await key.seal('interactions', 'secret', 'kind', h1, 'note'), hlc: h1 } } },
        { table: 'interactions', id: 'mine', fields: { authorId: { value: owner.user, hlc: h1 } } },
        { table: 'contacts', id: 'nobody', fields: { name: { value: await key.seal('contacts', 'nobody', 'name', h1, 'N'), hlc: h1 } } },
      ],
    };
    const rewritten = await call(server.app, owner.token, 'POST', `/w/${ws}/rewrite`, request);
    expect(rewritten.status, JSON.stringify(rewritten.body)).toBe(200);
    expect(RewriteReply.parse(rewritten.body)).toEqual({ rewritten: 1, skipped: 4 });

    // No cursor moved: nobody pulls the row again, yet a full pull has the new value at its old stamp.
    expect(await owner.pull(cursor)).toEqual({ changes: [], cursor, hasMore: false });
    const row = (await owner.pullAll()).changes.find((change) => change.id === 'r1');
    expect(row?.fields).toEqual({ name: { value: sealedName, hlc: h1 }, company: { value: newer, hlc: h2 } });
    expect((await call(server.app, owner.token, 'GET', `/w/${ws}/audit?table=contacts&id=r1`)).body).toEqual(auditBefore.body);
    const secret = (await editor.pullAll()).changes.find((change) => change.id === 'secret');
    expect(secret?.fields.kind).toEqual({ value: 'note', hlc: h1 });

    expect((await call(server.app, viewer.token, 'POST', `/w/${ws}/rewrite`, request)).status).toBe(403);
    const plain = await call(server.app, owner.token, 'POST', `/w/${ws}/rewrite`, { changes: [request.changes[0], { table: 'contacts', id: 'r1', fields: { title: { value: 'CTO', hlc: h1 } } }] });
    expect(plain.status).toBe(400);
    expect(plain.body).toMatchObject({ error: 'invalid', message: expect.stringContaining('changes.1: this workspace is end-to-end encrypted') });
    expect((await owner.pullAll()).changes.find((change) => change.id === 'r1')?.fields.name?.value).toBe(sealedName);
  });

  it('a key still holding values cannot be deleted (409); after a rewrite moves them to the new key it can, by an owner only', async () => {
    const owner = await newClient(server.store, server.app);
    const ws = owner.workspace;
    const editor = await joinAs(server.app, owner.token, ws, 'editor');
    const old = await addKey(server.app, owner.token, ws);
    const h = stamp(1);
    await owner.push({ clientId: 'o', changes: [{ mutationId: '1', table: 'contacts', id: 'k1', fields: { name: { value: await old.seal('contacts', 'k1', 'name', h, 'Ada'), hlc: h } } }] });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later created_at: the new key is listed first
    const next = await addKey(server.app, owner.token, ws);
    await retireKey(server.app, owner.token, ws, old);

    expect(await call(server.app, owner.token, 'DELETE', `/w/${ws}/keys/${old.keyId}`)).toMatchObject({ status: 409, body: { error: 'key-in-use' } });
    expect((await call(server.app, editor.token, 'DELETE', `/w/${ws}/keys/${old.keyId}`)).status).toBe(403);
    expect((await call(server.app, owner.token, 'DELETE', `/w/${ws}/keys/no_such-key`)).status).toBe(404);
    expect((await call(server.app, owner.token, 'DELETE', `/w/${ws}/keys/${'x'.repeat(40)}`)).status).toBe(404);

    const moved = await call(server.app, owner.token, 'POST', `/w/${ws}/rewrite`, { changes: [{ table: 'contacts', id: 'k1', fields: { name: { value: await next.seal('contacts', 'k1', 'name', h, 'Ada'), hlc: h } } }] });
    expect(moved.body).toEqual({ rewritten: 1, skipped: 0 });
    expect(await call(server.app, owner.token, 'DELETE', `/w/${ws}/keys/${old.keyId}`)).toEqual({ status: 200, body: { keyId: old.keyId, deleted: true } });
    expect(KeysReply.parse((await call(server.app, owner.token, 'GET', `/w/${ws}/keys`)).body).keys.map((envelope) => envelope.keyId)).toEqual([next.keyId]);
    // The new key still holds a value: it stays.
    expect((await call(server.app, owner.token, 'DELETE', `/w/${ws}/keys/${next.keyId}`)).status).toBe(409);
  });

  it('GET encryption counts the values the caller may see: plain ones and ciphertexts per key, clear fields and deleted rows left out', async () => {
    const owner = await newClient(server.store, server.app);
    const ws = owner.workspace;
    const editorJoin = await joinAs(server.app, owner.token, ws, 'editor');
    const editor = new SyncClient(appFetcher(server.app), ws, editorJoin.token);
    const status = async (token: string) => EncryptionStatusReply.parse((await call(server.app, token, 'GET', `/w/${ws}/encryption`)).body);
    const h1 = stamp(1);
    await owner.push({
      clientId: 'o',
      changes: [
        { mutationId: '1', table: 'contacts', id: 'p1', fields: { name: { value: 'Ada', hlc: h1 }, company: { value: 'Engines', hlc: h1 } } },
        // Three fields counted; authorId (stamped by the server) and visibility are clear fields.
        { mutationId: '2', table: 'interactions', id: 'p2', fields: { contactId: { value: 'p1', hlc: h1 }, kind: { value: 'note', hlc: h1 }, at: { value: AT, hlc: h1 }, visibility: { value: 'team', hlc: h1 } } },
        { mutationId: '3', table: 'contacts', id: 'gone', fields: { name: { value: 'Gone', hlc: h1 } } },
      ],
    });
    await owner.push({ clientId: 'o', changes: [{ mutationId: '4', table: 'contacts', id: 'gone', fields: {}, deleted: stamp(2) }] });
    await editor.push({
      clientId: 'e',
      changes: [{ mutationId: '1', table: 'interactions', id: 'secret', fields: { contactId: { value: 'p1', hlc: h1 }, kind: { value: 'note', hlc: h1 }, at: { value: AT, hlc: h1 }, visibility: { value: 'private', hlc: h1 } } }],
    });
    expect(await status(owner.token)).toEqual({ encrypted: false, currentKey: null, values: { plain: 5, byKey: {} } });
    expect(await status(editorJoin.token)).toEqual({ encrypted: false, currentKey: null, values: { plain: 8, byKey: {} } });

    const key = await addKey(server.app, owner.token, ws);
    const h3 = stamp(3);
    await owner.push({
      clientId: 'o',
      changes: [{ mutationId: '5', table: 'contacts', id: 's1', fields: Object.fromEntries(await Promise.all(['name', 'title', 'tags'].map(async (field) => [field, { value: await key.seal('contacts', 's1', field, h3, 'v'), hlc: h3 }]))) }],
    });
    expect(await status(owner.token)).toEqual({ encrypted: true, currentKey: key.keyId, values: { plain: 5, byKey: { [key.keyId]: 3 } } });
    await retireKey(server.app, owner.token, ws, key);
    expect(await status(owner.token)).toMatchObject({ encrypted: false, currentKey: null });
  });
});

describeEachBackend('encrypted workspaces: what review found (old keys, rewrites that are edits, un-retiring)', (backend) => {
  const server = storeAndApp(backend);

  it('refuses a value sealed with a key that is no longer current, a rewrite without keys, and a rewrite that would only replace one ciphertext by another', async () => {
    const owner = await newClient(server.store, server.app);
    // Never encrypted: a rewrite would be a silent edit no other browser pulls.
    const h = stamp(1);
    await owner.push({ clientId: 'a', changes: [{ mutationId: 'p1', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: h } } }] });
    const noKeys = await call(server.app, owner.token, 'POST', `/w/${owner.workspace}/rewrite`, { changes: [{ table: 'contacts', id: 'c1', fields: { name: { value: 'Eve', hlc: h } } }] });
    expect(noKeys.status).toBe(409);

    const first = await addKey(server.app, owner.token, owner.workspace);
    const sealed = await first.seal('contacts', 'c1', 'name', h, 'Ada');
    expect(RewriteReply.parse((await call(server.app, owner.token, 'POST', `/w/${owner.workspace}/rewrite`, { changes: [{ table: 'contacts', id: 'c1', fields: { name: { value: sealed, hlc: h } } }] })).body)).toEqual({ rewritten: 1, skipped: 0 });
    // Another ciphertext of another value under the same key, at the same stamp: an edit in disguise.
    const forged = await first.seal('contacts', 'c1', 'name', h, 'Eve');
    expect(RewriteReply.parse((await call(server.app, owner.token, 'POST', `/w/${owner.workspace}/rewrite`, { changes: [{ table: 'contacts', id: 'c1', fields: { name: { value: forged, hlc: h } } }] })).body)).toEqual({ rewritten: 0, skipped: 1 });
    expect((await owner.pullAll()).changes[0]?.fields.name?.value).toBe(sealed);

    // A rotation: the new key is current, a push sealed with the old one is refused.
    const second = await addKey(server.app, owner.token, owner.workspace);
    const h2 = stamp(2);
    const reply = await owner.push({
      clientId: 'a',
      changes: [
        { mutationId: 'old', table: 'contacts', id: 'c2', fields: { name: { value: await first.seal('contacts', 'c2', 'name', h2, 'Old'), hlc: h2 } } },
        { mutationId: 'new', table: 'contacts', id: 'c3', fields: { name: { value: await second.seal('contacts', 'c3', 'name', h2, 'New'), hlc: h2 } } },
      ],
    });
    expect(reply.rejected).toEqual([{ mutationId: 'old', reason: expect.stringMatching(/has a new key/) }]);
    // …and a rewrite back to the old key is refused whole.
    const back = await call(server.app, owner.token, 'POST', `/w/${owner.workspace}/rewrite`, { changes: [{ table: 'contacts', id: 'c1', fields: { name: { value: sealed, hlc: h } } }] });
    expect(back.status).toBe(400);
  });

  it('keeps a retired key retired when an older copy of its envelope is stored again (a passphrase change racing a retirement)', async () => {
    const owner = await newClient(server.store, server.app);
    const key = await addKey(server.app, owner.token, owner.workspace);
    await retireKey(server.app, owner.token, owner.workspace, key);
    const again = await call(server.app, owner.token, 'PUT', `/w/${owner.workspace}/keys`, key.envelope);
    expect(again.status).toBe(200);
    const keys = KeysReply.parse((await call(server.app, owner.token, 'GET', `/w/${owner.workspace}/keys`)).body).keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]!.retiredAt).toBeDefined();
  });
});
