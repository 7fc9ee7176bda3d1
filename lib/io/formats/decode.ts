/**
 * Bytes → text for an imported file. Exports arrive as UTF-8 (with or without a BOM), UTF-16
 * (Outlook, Thunderbird) or the Windows code page of whoever saved them in Excel; a byte-order
 * mark decides, else strict UTF-8, else Windows-1252 (which maps every byte, so it cannot fail).
 * Other encodings (Shift_JIS…) cannot be told apart reliably: the caller names them.
 */
import { decodeWindows1252 } from '../../model/vcard/windows-1252';

export interface DecodedText {
  text: string;
  /** The WHATWG encoding label that was used. */
  encoding: string;
  /** For the user: which encoding was read, and why. */
  notice: string;
}

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

export function decodeText(bytes: Uint8Array, encoding?: string): DecodedText {
  if (encoding) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      throw new RangeError(`unknown text encoding ${JSON.stringify(encoding)}`);
    }
    // TextDecoder drops a matching BOM itself.
    return { text: decoder.decode(bytes), encoding: decoder.encoding, notice: `Read as ${decoder.encoding} (as asked).` };
  }
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => bytes[i] === byte)) {
      const text = new TextDecoder(bom.encoding).decode(bytes);
      return { text, encoding: bom.encoding, notice: `Read as ${bom.encoding.toUpperCase()} (byte-order mark).` };
    }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', notice: 'Read as UTF-8.' };
  } catch {
    const text = decodeWindows1252(bytes);
    return {
      text,
      encoding: 'windows-1252',
      notice: 'Read as Windows-1252: the file is not valid UTF-8. If accented letters look wrong, choose its encoding.',
    };
  }
}
