/**
 * Test helpers for end-to-end encrypted workspaces on the server: a key turned on as an owner's
 * browser does it, values sealed as the browser seals them (real AES-GCM, the same place bound
 * in), and members joined by invite.
 */
import type { Hono } from 'hono';
import { encryptField } from '../../../../lib/sync/client/crypto/field-cipher';
import { newKeyId, newWorkspaceKey, wrapWorkspaceKey } from '../../../../lib/sync/client/crypto/workspace-key';
import type { KeyEnvelope } from '../../../../lib/sync/shared/key-envelope';
import { JoinReply, type Role } from '../../../../lib/sync/shared/protocol';
import { call } from '../../../../server/test/call';

export interface WorkspaceKey {
  envelope: KeyEnvelope;
  keyId: string;
  /** The ciphertext of `value` for this place, as the browser stores it. */
  seal(table: string, id: string, field: string, hlc: string, value: unknown): Promise<string>;
}

/** Stores a new key envelope as the owner (turning encryption on, or a rotation's new key). */
export async function addKey(app: Hono, ownerToken: string, workspace: string): Promise<WorkspaceKey> {
  const key = await newWorkspaceKey();
  const envelope = await wrapWorkspaceKey(key, 'correct horse battery staple', newKeyId());
  const stored = await call(app, ownerToken, 'PUT', `/w/${workspace}/keys`, envelope);
  if (stored.status !== 201) throw new Error(`PUT keys: ${stored.status} ${JSON.stringify(stored.body)}`);
  return {
    envelope,
    keyId: envelope.keyId,
    seal: (table, id, field, hlc, value) => encryptField(key, envelope.keyId, { workspace, table, id, field, hlc }, value),
  };
}

/** Retires a key (PUT with retiredAt): new writes no longer use it. */
export async function retireKey(app: Hono, ownerToken: string, workspace: string, key: WorkspaceKey): Promise<void> {
  const stored = await call(app, ownerToken, 'PUT', `/w/${workspace}/keys`, { ...key.envelope, retiredAt: new Date().toISOString() });
  if (stored.status !== 200) throw new Error(`retire key: ${stored.status} ${JSON.stringify(stored.body)}`);
}

/** A new user joined to the owner's workspace by invite, with `role`. */
export async function joinAs(app: Hono, ownerToken: string, workspace: string, role: Role): Promise<JoinReply> {
  const invite = await call(app, ownerToken, 'POST', `/w/${workspace}/invites`, { role, expiresInDays: 1 });
  const joined = await app.request('/v1/join', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: invite.body.code, email: `m-${Math.random().toString(36).slice(2)}@example.org`, name: role }),
  });
  return JoinReply.parse(await joined.json());
}
