/**
 * What a browser must not take from the server on its word, sealed with the workspace key
 * itself so the server can neither forge nor move it:
 * - the key's **check**: a fixed text and the stamp encryption began at (`since`): a recovery key
 *   proves which key it is by opening it, and plain values are taken only if stamped before the
 *   `since` it holds (an envelope's own `since` is only a copy for people to read);
 * - a **retirement**: the time an owner retired the key. A server that marked keys retired by
 *   itself would make every browser write plain again; a browser holding the key believes only a
 *   retirement that opens with it.
 */
import type { KeyEnvelope } from '../../shared/key-envelope';
import { decryptField, encryptField, type FieldPlace } from './field-cipher';

const CHECK_TEXT = 'sidebar-crm key check';
/** Proofs are bound to the key and their purpose, not to a row: a fixed stamp. */
const PROOF_HLC = '1970-01-01T00:00:00.000Z-0000-0000000000000000';

const proofPlace = (workspace: string, keyId: string, purpose: '@check' | '@retired'): FieldPlace => ({ workspace, table: purpose, id: keyId, field: purpose, hlc: PROOF_HLC });

export function sealCheck(key: CryptoKey, keyId: string, workspace: string, since: string): Promise<string> {
  return encryptField(key, keyId, proofPlace(workspace, keyId, '@check'), { check: CHECK_TEXT, since });
}

/** The `since` the key's check holds, or undefined when `key` is not this envelope's key (or there is no check). */
export async function openCheck(key: CryptoKey, envelope: KeyEnvelope, workspace: string): Promise<{ since: string } | undefined> {
  if (!envelope.check) return undefined;
  const opened = await decryptField(new Map([[envelope.keyId, key]]), proofPlace(workspace, envelope.keyId, '@check'), envelope.check).catch(() => undefined);
  const value = opened as { check?: unknown; since?: unknown } | undefined;
  return value?.check === CHECK_TEXT && typeof value.since === 'string' ? { since: value.since } : undefined;
}

export function sealRetirement(key: CryptoKey, keyId: string, workspace: string, retiredAt: string): Promise<string> {
  return encryptField(key, keyId, proofPlace(workspace, keyId, '@retired'), retiredAt);
}

/**
 * Whether to believe the envelope's retirement. Held keys must prove it; a key this browser does
 * not hold cannot, and is believed (this browser has nothing sealed with it to give away).
 */
export async function retirementHolds(keys: ReadonlyMap<string, CryptoKey>, envelope: KeyEnvelope, workspace: string): Promise<boolean> {
  if (envelope.retiredAt === undefined) return false;
  const key = keys.get(envelope.keyId);
  if (!key) return true;
  if (!envelope.retiredProof) return false;
  const opened = await decryptField(new Map([[envelope.keyId, key]]), proofPlace(workspace, envelope.keyId, '@retired'), envelope.retiredProof).catch(() => undefined);
  return opened === envelope.retiredAt;
}
