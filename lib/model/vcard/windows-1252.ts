/**
 * Windows-1252 both ways, for files and vCard properties in that charset. Pure: no I/O.
 */

/**
 * Windows-1252 by table. Node's TextDecoder (without full ICU) reads the label as ISO-8859-1,
 * turning €, “ ” and … (0x80–0x9F) into control characters; Chromium's does not. One table
 * makes the CLI and the options page agree. Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are,
 * as the WHATWG encoding standard has it.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    units[i] = byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : byte;
  }
  return new TextDecoder('utf-16le').decode(units);
}

/**
 * Text read as Windows-1252 (by the table above, or by a decoder that maps 0x80–0x9F to control
 * characters) → its bytes again; undefined when the text has a character no byte gives. A vCard
 * property in another CHARSET is then decoded from its own bytes (lines.ts).
 */
export function encodeWindows1252(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const high = CP1252_HIGH.indexOf(code);
    if (high >= 0) bytes[i] = 0x80 + high;
    else if (code < 0x100) bytes[i] = code;
    else return undefined;
  }
  return bytes;
}
