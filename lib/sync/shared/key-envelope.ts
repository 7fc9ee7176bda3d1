/**
 * An encrypted workspace's key as the server keeps it (`GET/PUT /v1/w/:ws/keys`): the random
 * 256-bit workspace key wrapped (AES-KW) with a key derived from the workspace passphrase. The
 * server stores and hands out this envelope and can read none of it: the passphrase and the raw key
 * never leave a member's browser.
 *
 * PBKDF2-SHA-256, not Argon2id: WebCrypto has it in every browser and in Node (0 bytes added; an
 * Argon2id WASM build adds 20-60 KB to the extension and runs 2-4x slower than native code for
 * the same cost), at the iteration count OWASP sets for PBKDF2-SHA-256 (600,000). What it lacks
 * is memory-hardness: a long passphrase matters more here than with Argon2id (Options says so).
 */
import { z } from 'zod';
import { looksEncrypted } from './ciphertext';
import { HlcStamp } from './hlc';

export const KDF = 'PBKDF2-SHA-256';
/** OWASP's floor for PBKDF2-SHA-256 (2023): an envelope asking for fewer is refused. */
export const MIN_KDF_ITERATIONS = 600_000;
/** A bound above: an envelope (from the server) must not make a browser spin for minutes. */
export const MAX_KDF_ITERATIONS = 10_000_000;

/** Standard base64 of a byte string of `bytes` length. */
const base64Of = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
    .refine((text) => Math.floor((text.length * 3) / 4) - (text.match(/=+$/)?.[0].length ?? 0) === bytes, `${bytes} bytes`);

/** Names one workspace key: ciphertexts say which key they need (both readable during rotation). */
export const KeyId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
export type KeyId = z.infer<typeof KeyId>;

export const KeyEnvelope = z.object({
  kdf: z.literal(KDF),
  params: z.object({ iterations: z.number().int().min(MIN_KDF_ITERATIONS).max(MAX_KDF_ITERATIONS) }),
  /** 16 random bytes, new for each wrapping. */
  salt: base64Of(16),
  /** The 32-byte key wrapped with AES-KW (RFC 3394): 40 bytes, its integrity check included. */
  wrappedKey: base64Of(40),
  keyId: KeyId,
  /**
   * The owner's clock when encryption was turned on (kept by later keys): a value stamped before
   * it may still arrive plain, until the rewrite reaches it; one stamped after it never may.
   */
  since: HlcStamp.optional(),
  /** A fixed text sealed with this key: a recovery key proves which key it is by opening it. */
  check: z.string().max(300).refine(looksEncrypted, 'a ciphertext').optional(),
  /** The retirement sealed with this key (lib/sync/client/crypto/key-proofs.ts): a server cannot retire a key by itself. */
  retiredProof: z.string().max(300).refine(looksEncrypted, 'a ciphertext').optional(),
  /** Set once a rotation has re-encrypted every row under a newer key: kept readable, no longer used to write. */
  retiredAt: z.iso.datetime().optional(),
});
export type KeyEnvelope = z.infer<typeof KeyEnvelope>;

/** `GET /v1/w/:ws/keys`: newest first; empty for a plain (unencrypted) workspace. */
export const KeysReply = z.object({ keys: z.array(KeyEnvelope).max(16) });
export type KeysReply = z.infer<typeof KeysReply>;

/** The key new writes use: the newest one not retired. */
export function currentKey(keys: readonly KeyEnvelope[]): KeyEnvelope | undefined {
  return keys.find((key) => key.retiredAt === undefined);
}
