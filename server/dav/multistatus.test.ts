/**
 * Escaping for multistatus answers: every character XML gives meaning to, and CR (a vCard's CRLF
 * must survive XML's line-end normalising), as character references; held to the one-line
 * regular expression it replaced, on generated text.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/seeded-random';
import { escapeXml } from './multistatus';
import { parseXml } from './xml-request';

const byPattern = (text: string) => text.replace(/[<>&"'\r]/g, (char) => `&#${char.charCodeAt(0)};`);

describe('escapeXml', () => {
  it('escapes < > & " \' and CR as character references, and nothing else', () => {
    expect(escapeXml('"2026-01-01~a"')).toBe('&#34;2026-01-01~a&#34;');
    expect(escapeXml('BEGIN:VCARD\r\nFN:A & B <a@b>\r\n')).toBe('BEGIN:VCARD&#13;\nFN:A &#38; B &#60;a@b&#62;&#13;\n');
    expect(escapeXml("it's")).toBe('it&#39;s');
    expect(escapeXml('plain é 中 😀')).toBe('plain é 中 😀');
    expect(escapeXml('')).toBe('');
  });

  it('matches the regular expression it replaced on 20,000 generated texts, and parses back to the text', () => {
    const random = seededRandom(0x9e3779b9);
    const alphabet = ['<', '>', '&', '"', "'", '\r', '\n', 'a', ' ', 'é', '😀', '#', ';'];
    for (let index = 0; index < 20_000; index++) {
      const text = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const escaped = escapeXml(text);
      expect(escaped, JSON.stringify(text)).toBe(byPattern(text));
      expect(parseXml(`<a>${escaped}</a>`)?.text ?? '', JSON.stringify(text)).toBe(text);
    }
  });
});
