/**
 * What one sync run sealed, so that the same run's pull need not open it again: a run pushes its
 * changes and then pulls, and the pull brings those changes back (the server sends every row
 * changed since the cursor, the browser's own included). Opening them again would decrypt every
 * value the run just sealed.
 *
 * A value is recalled only for the exact ciphertext this browser made for that place (workspace,
 * table, row, field and stamp): AES-GCM would open that ciphertext with that additional data to
 * exactly the value it sealed, so recalling it is opening it without the call. Anything else —
 * another ciphertext for the place (tampered, or sealed by another browser), another place — is
 * opened and checked as always. Bounded: past `limit` values, nothing more is remembered.
 */
import type { FieldPlace } from './field-cipher';

/** ~300 bytes each (the place, the ciphertext, the value): about 36 MB at most, a push of ~10,000 contacts. */
const DEFAULT_LIMIT = 120_000;

function placeKey(place: FieldPlace): string {
  return `${place.workspace}\u0000${place.table}\u0000${place.id}\u0000${place.field}\u0000${place.hlc}`;
}

export class SealedMemory {
  private readonly sealed = new Map<string, { ciphertext: string; value: unknown }>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  remember(place: FieldPlace, ciphertext: string, value: unknown): void {
    if (this.sealed.size < this.limit) this.sealed.set(placeKey(place), { ciphertext, value: value ?? null });
  }

  /** The value sealed as `ciphertext` for `place` in this run, or undefined (then open it). */
  recall(place: FieldPlace, ciphertext: string): { value: unknown } | undefined {
    if (this.sealed.size === 0) return undefined; // a run that pushed nothing (a first sync): no key to build
    const known = this.sealed.get(placeKey(place));
    return known !== undefined && known.ciphertext === ciphertext ? { value: known.value } : undefined;
  }

  get size(): number {
    return this.sealed.size;
  }
}
