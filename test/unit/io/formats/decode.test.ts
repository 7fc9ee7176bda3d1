import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../lib/io/formats';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, and says which', () => {
    const withBom = decodeText(bytes(0xef, 0xbb, 0xbf, 0x5a, 0x6f, 0xc3, 0xab));
    expect(withBom.text).toBe('Zoë');
    expect(withBom.notice).toContain('byte-order mark');
    expect(decodeText(bytes(0x5a, 0x6f, 0xc3, 0xab))).toMatchObject({ text: 'Zoë', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00))).toMatchObject({ text: 'Aé', encoding: 'utf-16le' });
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9))).toMatchObject({ text: 'Aé', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (é and ü read correctly)', () => {
    // "Müller, José" saved by Excel on Windows.
    const latin = bytes(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c, 0x20, 0x4a, 0x6f, 0x73, 0xe9, 0x80);
    const decoded = decodeText(latin);
    expect(decoded.text).toBe('Müller, José€');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.notice).toContain('not valid UTF-8');
  });

  it('uses an encoding the caller names (Shift_JIS), and refuses an unknown one', () => {
    // 名無し in Shift_JIS.
    expect(decodeText(bytes(0x96, 0xbc, 0x96, 0xb3, 0x82, 0xb5), 'shift_jis').text).toBe('名無し');
    expect(() => decodeText(bytes(0x41), 'no-such-encoding')).toThrow(/unknown text encoding/);
  });
});
