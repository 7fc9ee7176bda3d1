/**
 * The recovery key: the workspace key's 32 bytes written for a person to print and type back.
 * Crockford base32 (no I, L, O or U; those read as 1, 1, 0 and V when typed back), in groups of
 * four, with a four-character checksum (the first 20 bits of the key's SHA-256) so a typo is
 * caught before any data is touched. 256 bits are 52 characters; with the checksum, 14 groups.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOKALIKES: Record<string, string> = { I: '1', L: '1', O: '0', U: 'V' };

export class RecoveryKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryKeyError';
  }
}

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string, bytes: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new RecoveryKeyError(`“${char}” is not in a recovery key: it uses 0–9 and A–Z without I, L, O, U.`);
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (index < bytes) out[index++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
  }
  return out;
}

async function checksum(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return toBase32(digest.subarray(0, 3)).slice(0, 4);
}

/** "ABCD-EFGH-…-WXYZ": 13 groups of the key, then the checksum group. */
export async function encodeRecoveryKey(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  if (raw.length !== 32) throw new RecoveryKeyError('a workspace key is 32 bytes');
  const text = toBase32(raw) + (await checksum(raw));
  return text.match(/.{1,4}/g)!.join('-');
}

/** The key's bytes from a typed recovery key (any case, spaces or dashes, I/L/O/U read as 1/1/0/V). */
export async function decodeRecoveryKey(typed: string): Promise<Uint8Array<ArrayBuffer>> {
  const text = typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[ILOU]/g, (char) => LOOKALIKES[char]!);
  if (text.length !== 56) throw new RecoveryKeyError(`A recovery key has 56 characters (14 groups of 4); this one has ${text.length}.`);
  const raw = fromBase32(text.slice(0, 52), 32);
  if ((await checksum(raw)) !== text.slice(52)) throw new RecoveryKeyError('This recovery key has a typo: its last group does not match the rest. Check each group against the printout.');
  return raw;
}
