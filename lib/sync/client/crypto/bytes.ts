/**
 * Byte strings as base64 and back: envelopes and ciphertexts travel as JSON strings. The
 * browser's own `Uint8Array.prototype.toBase64` / `Uint8Array.fromBase64` where it has them
 * (Chromium 140+, Firefox 133+): in Chromium they cut a field's sealing from about 21 to 17 µs;
 * the string loops are the fallback for older browsers and Node.
 */
type NativeBase64 = { toBase64?: (this: Uint8Array) => string };
type NativeFromBase64 = { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

const nativeTo = (Uint8Array.prototype as NativeBase64).toBase64;
const nativeFrom = (Uint8Array as unknown as NativeFromBase64).fromBase64;

export function toBase64(bytes: Uint8Array): string {
  if (nativeTo) return nativeTo.call(bytes);
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** Throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFrom) return nativeFrom(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
