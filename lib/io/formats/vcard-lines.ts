/**
 * A .vcf file → one clean text per card, for ical.js. ical.js reads vCard 3.0 and 4.0; the 2.1
 * that phones and Outlook still write breaks it in four ways, undone here before it parses:
 * bare parameters (`TEL;CELL;PREF:`), quoted-printable values with `=` soft line breaks and a
 * CHARSET, base64 blobs that run on over unindented lines until a blank one, and line endings
 * such as iOS's `\r\r\n`. Embedded binaries (PHOTO, LOGO, SOUND, KEY) are dropped here, counted.
 */
import { decodeWindows1252 } from './decode';

export interface CardText {
  /** 1-based line of BEGIN:VCARD. */
  line: number;
  /** The card as vCard 3.0/4.0 content lines, unfolded, ending in END:VCARD. */
  text: string;
  embeddedPhotos: number;
}

export interface BrokenCard {
  line: number;
  reason: string;
}

const BEGIN = /^\s*BEGIN:VCARD\s*$/i;
const END = /^\s*END:VCARD\s*$/i;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/** Splits on the first `:` that is not inside a quoted parameter value. */
function splitContentLine(line: string): { head: string; value: string } | undefined {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) return { head: line.slice(0, i), value: line.slice(i + 1) };
  }
  return undefined;
}

function splitParams(head: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < head.length; i += 1) {
    if (head[i] === '"') quoted = !quoted;
    else if (head[i] === ';' && !quoted) {
      parts.push(head.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(head.slice(start));
  return parts;
}

const encodingOf = (head: string) => /;(?:ENCODING=)?(QUOTED-PRINTABLE|BASE64|B)(?=;|$)/i.exec(head)?.[1]?.toUpperCase();

/** `=C3=91=20` → bytes → text in the card's CHARSET (UTF-8 unless said; Windows-1252 if not UTF-8). */
function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const hex = value[i] === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      // Non-ASCII characters written raw (a UTF-8 file) keep their own bytes.
      bytes.push(...new TextEncoder().encode(value[i]!));
    }
  }
  const data = new Uint8Array(bytes);
  const wanted = charset?.toLowerCase() ?? 'utf-8';
  if (/^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/.test(wanted)) return decodeWindows1252(data);
  try {
    return new TextDecoder(wanted, { fatal: true }).decode(data);
  } catch {
    return decodeWindows1252(data);
  }
}

/**
 * One unfolded 2.1/3.0/4.0 content line → a line ical.js reads, or null to drop it (an embedded
 * binary), or undefined when it is not a content line at all.
 */
function cleanContentLine(line: string): { line: string | null; embeddedPhoto: boolean } | undefined {
  const parts = splitContentLine(line);
  if (!parts) return undefined;
  const [name = '', ...params] = splitParams(parts.head);
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?$/.test(name)) return undefined;
  let encoding: string | undefined;
  let charset: string | undefined;
  const kept: string[] = [];
  for (const param of params) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    const key = eq < 0 ? '' : param.slice(0, eq).toUpperCase();
    const value = eq < 0 ? param : param.slice(eq + 1);
    if (key === 'ENCODING' || (eq < 0 && /^(QUOTED-PRINTABLE|BASE64|B|7BIT|8BIT)$/i.test(param))) encoding = value.toUpperCase();
    else if (key === 'CHARSET') charset = value.replace(/"/g, '');
    // vCard 2.1 writes types bare: TEL;CELL;PREF → TEL;TYPE=CELL;TYPE=PREF.
    else if (eq < 0) kept.push(`TYPE=${param}`);
    else kept.push(param);
  }
  const bare = name.replace(/^.*\./, '').toUpperCase();
  if (encoding === 'BASE64' || encoding === 'B') return { line: null, embeddedPhoto: bare === 'PHOTO' };
  let value = parts.value;
  if (encoding === 'QUOTED-PRINTABLE') {
    // 2.1 text has no escapes but `\;`; the decoded line breaks become vCard 3.0's `\n`.
    value = decodeQuotedPrintable(value, charset).replace(/\r\n|\r|\n/g, '\\n');
  }
  return { line: [name, ...kept].join(';') + ':' + value, embeddedPhoto: false };
}

/** Physical lines of one card → unfolded content lines, following 2.1's soft breaks and blobs. */
function logicalLines(lines: readonly string[]): { lines: string[]; unreadable: number } {
  const out: string[] = [];
  let unreadable = 0;
  for (const physical of lines) {
    const current = out.length > 0 ? out[out.length - 1]! : undefined;
    const head = current !== undefined ? (splitContentLine(current)?.head ?? '') : '';
    const encoding = current !== undefined ? encodingOf(head) : undefined;
    if (current !== undefined && encoding === 'QUOTED-PRINTABLE' && current.endsWith('=')) {
      out[out.length - 1] = current.slice(0, -1) + physical;
    } else if (current !== undefined && /^[ \t]/.test(physical)) {
      out[out.length - 1] = current + physical.slice(1);
    } else if (physical.trim() === '') {
      continue;
    } else if (current !== undefined && (encoding === 'BASE64' || encoding === 'B') && BASE64_LINE.test(physical.trim())) {
      out[out.length - 1] = current + physical.trim();
    } else if (splitContentLine(physical)) {
      out.push(physical);
    } else {
      unreadable += 1;
    }
  }
  return { lines: out, unreadable };
}

export interface SplitCards {
  cards: CardText[];
  broken: BrokenCard[];
  /** Lines inside cards that were neither properties nor continuations, skipped. */
  unreadableLines: number;
}

export function splitCards(text: string): SplitCards {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\r\n|\r\n|\r|\n/);
  const cards: CardText[] = [];
  const broken: BrokenCard[] = [];
  let unreadableLines = 0;
  let open: { line: number; body: string[] } | undefined;

  const close = (card: { line: number; body: string[] }) => {
    const { lines: content, unreadable } = logicalLines(card.body);
    unreadableLines += unreadable;
    let embeddedPhotos = 0;
    const cleaned: string[] = [];
    for (const line of content) {
      const result = cleanContentLine(line);
      if (!result) unreadableLines += 1;
      else if (result.line === null) embeddedPhotos += result.embeddedPhoto ? 1 : 0;
      else cleaned.push(result.line);
    }
    // ical.js picks 3.0 or 4.0 rules from VERSION being the first property.
    const version = cleaned.findIndex((line) => /^VERSION:/i.test(line));
    if (version > 0) cleaned.unshift(...cleaned.splice(version, 1));
    cards.push({ line: card.line, text: ['BEGIN:VCARD', ...cleaned, 'END:VCARD'].join('\r\n'), embeddedPhotos });
  };

  lines.forEach((line, index) => {
    if (BEGIN.test(line)) {
      if (open) broken.push({ line: open.line, reason: 'card has no END:VCARD before the next card' });
      open = { line: index + 1, body: [] };
    } else if (END.test(line)) {
      if (open) close(open);
      open = undefined;
    } else if (open) {
      open.body.push(line);
    }
  });
  if (open) broken.push({ line: open.line, reason: 'card has no END:VCARD: the file may be cut short' });
  return { cards, broken, unreadableLines };
}
