/**
 * A .vcf file → one clean text per card, for ical.js. ical.js reads vCard 3.0 and 4.0; the 2.1
 * that phones and Outlook still write breaks it in four ways, undone here before it parses:
 * bare parameters (`TEL;CELL;PREF:`), quoted-printable values with `=` soft line breaks and a
 * CHARSET, base64 blobs that run on over unindented lines until a blank one, and line endings
 * such as iOS's `\r\r\n`. Embedded binaries (PHOTO, LOGO, SOUND, KEY) are dropped here, counted.
 */
import { decodeWindows1252, encodeWindows1252 } from './windows-1252';

export interface CardText {
  /** 1-based line of BEGIN:VCARD. */
  line: number;
  /** The card as vCard 3.0/4.0 content lines, unfolded, ending in END:VCARD. */
  text: string;
  embeddedPhotos: number;
  /** Its content lines as the card had them, unfolded, before any cleaning (read.ts keeps the unknown ones). */
  raw: string[];
  /** True for a vCard 2.1 card (its lines are in 2.1 syntax). */
  version21: boolean;
}

export interface BrokenCard {
  line: number;
  reason: string;
}

const BEGIN = /^\s*BEGIN:VCARD\s*$/i;
const END = /^\s*END:VCARD\s*$/i;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/** Splits on the first `:` that is not inside a quoted parameter value. */
export function splitContentLine(line: string): { head: string; value: string } | undefined {
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

/**
 * The bytes a piece of the file was, from its text and the file's encoding (utf-8 or the
 * windows-1252 guess give them back exactly); undefined for other encodings.
 */
function fileBytes(text: string, fileEncoding: string): Uint8Array | undefined {
  if (fileEncoding === 'utf-8') return new TextEncoder().encode(text);
  if (fileEncoding === 'windows-1252') return encodeWindows1252(text);
  return undefined;
}

const sameCharset = (a: string, b: string) => a.replace(/[-_]/g, '').toLowerCase() === b.replace(/[-_]/g, '').toLowerCase();

/** Bytes in the property's CHARSET; undefined when that charset is unknown or the bytes are not in it. */
function decodeCharset(bytes: Uint8Array, charset: string): string | undefined {
  if (/^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/i.test(charset)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A property's raw value in its own CHARSET (issue 17, item 1): the file was decoded as a whole
 * (UTF-8, else Windows-1252), but a 2.1 card may say `N;CHARSET=SHIFT_JIS:` for its bytes. The
 * value's bytes are recovered and decoded by the parameter; if they are not in that charset,
 * the file's reading stands.
 */
function inCharset(value: string, charset: string | undefined, fileEncoding: string): string {
  if (!charset || sameCharset(charset, fileEncoding) || !/[^\p{ASCII}]/u.test(value)) return value;
  const bytes = fileBytes(value, fileEncoding);
  return (bytes && decodeCharset(bytes, charset)) ?? value;
}

/** `=C3=91=20` → bytes → text in the card's CHARSET (UTF-8 unless said; Windows-1252 if not UTF-8). */
function decodeQuotedPrintable(value: string, charset: string | undefined, fileEncoding: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const hex = value[i] === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      // Characters written raw keep the bytes they were in the file.
      bytes.push(...(fileBytes(value[i]!, fileEncoding) ?? new TextEncoder().encode(value[i]!)));
    }
  }
  const data = new Uint8Array(bytes);
  return decodeCharset(data, charset ?? 'utf-8') ?? decodeWindows1252(data);
}

/** Lists of texts (`a,b\\,c`), which ical.js splits as it does components. */
const LISTS = new Set(['CATEGORIES', 'NICKNAME']);
/** Properties whose value has components (`;`) in every version. */
const STRUCTURED = new Set(['N', 'ADR', 'ORG']);
/** Single text values, which ical.js (2.2) splits at a bare comma in 3.0 (NOTE) and unescapes oddly. */
const TEXTS = new Set(['FN', 'NOTE', 'TITLE', 'ROLE', 'EMAIL', 'LABEL', 'MAILER', 'SORT-STRING']);

/** 3.0/4.0 text escapes (RFC 6350 3.4): `\\`, `\,`, `\;`, `\n`; any other backslash is kept. */
const unescapeText = (text: string) => text.replace(/\\([\\,;nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));

/**
 * A text → the value ical.js reads back as exactly that text: it turns `\\` into `\`, `\,` into
 * `,` and `\n` into a line break, splits at a bare comma, but leaves `\;` as it is, so a
 * semicolon goes in bare.
 */
const forIcalText = (text: string) => text.replace(/[\\,]/g, (ch) => `\\${ch}`).replace(/\r\n|\r|\n/g, '\\n');

/** A structured value's component in 3.0 form. */
/**
 * ical.js (2.2) splits a structured value at every `;` after a backslash, so a component that
 * ends in one (`E\\;`) runs into the next. A literal backslash in a component is handed on as
 * this noncharacter instead, and vcard.ts puts the backslash back.
 */
export const BACKSLASH = '\uFDD0';

/** A structured value's component (a literal text) in the form ical.js reads back. */
const escapeComponent = (text: string) =>
  text
    .replace(/\\/g, BACKSLASH)
    .replace(/[,;]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|\r|\n/g, '\\n');

/** A 3.0/4.0 structured value: escapes read here; a bare comma (a list inside a component) kept. */
function structured30(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i]!;
    const next = value[i + 1];
    if (ch !== '\\') out += ch;
    else if (next === undefined) out += BACKSLASH;
    else {
      out += next === '\\' ? BACKSLASH : next === ';' || next === ',' || next === 'n' || next === 'N' ? `\\${next}` : `${BACKSLASH}${next}`;
      i += 1;
    }
  }
  return out;
}

/**
 * A value as ical.js should read it (issue 17, items 2 and 7). A single text value is read here,
 * by its version's rules (2.1 has no escapes in it: a backslash, comma or semicolon is just
 * that character; 3.0 and 4.0 escape `\\ \, \; \n`), and handed on in the form ical.js keeps
 * whole. A 2.1 structured value (N, ADR, ORG) has one escape, `\;`, and becomes 3.0 text.
 */
function forIcal(name: string, value: string, version21: boolean): string {
  if (TEXTS.has(name)) return forIcalText(version21 ? value : unescapeText(value));
  if (!version21) return STRUCTURED.has(name) || LISTS.has(name) ? structured30(value) : value.replace(/\r\n|\r|\n/g, '\\n');
  // Lists (CATEGORIES), URIs and phone numbers are read without unescaping: as they are.
  if (!STRUCTURED.has(name)) return value.replace(/\r\n|\r|\n/g, '\\n');
  const components: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    if (value[i] === '\\' && value[i + 1] === ';') {
      current += ';';
      i += 1;
    } else if (value[i] === ';') {
      components.push(current);
      current = '';
    } else {
      current += value[i];
    }
  }
  components.push(current);
  return components.map(escapeComponent).join(';');
}

/**
 * One unfolded 2.1/3.0/4.0 content line → a line ical.js reads, or null to drop it (an embedded
 * binary), or undefined when it is not a content line at all.
 */
function cleanContentLine(line: string, version21: boolean, fileEncoding: string): { line: string | null; embeddedPhoto: boolean } | undefined {
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
  const decoded = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(parts.value, charset, fileEncoding) : inCharset(parts.value, charset, fileEncoding);
  // Decoded line breaks become vCard 3.0's `\n`.
  const value = forIcal(bare, decoded, version21);
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
    } else {
      // Even a line without its `:` yet: a fold may fall inside the name or the parameters
      // (`TEL;TYPE=VOICE,M` + `\tSG,WORK:+1…`, issue 17 item 3), so only the unfolded line is judged.
      out.push(physical);
    }
  }
  const content = out.filter((line) => splitContentLine(line) !== undefined);
  unreadable += out.length - content.length;
  return { lines: content, unreadable };
}

export interface SplitCards {
  cards: CardText[];
  /** True when the file has no BEGIN:VCARD and cards were read up to each END:VCARD. */
  bare: boolean;
  broken: BrokenCard[];
  /** Lines inside cards that were neither properties nor continuations, skipped. */
  unreadableLines: number;
}

/** Properties that say a text is a vCard even without BEGIN:VCARD (issue 17, item 4). */
const VCARD_BODY = /^(VERSION:[234]\.\d|END:VCARD)\s*$/im;

/** A vCard body without its BEGIN lines: a VERSION or END:VCARD line and vCard properties. */
export function looksLikeBareVcard(head: string): boolean {
  if (!VCARD_BODY.test(head)) return false;
  const properties = head.split(/\r\n|\r|\n/).filter((line) => /^(FN|N|TEL|EMAIL|ORG|ADR|TITLE|NOTE|UID)[;:]/i.test(line));
  return properties.length > 0;
}

export function splitCards(text: string, options: { fileEncoding?: string } = {}): SplitCards {
  const fileEncoding = options.fileEncoding ?? 'utf-8';
  const lines = text.replace(/^\uFEFF/, '').split(/\r\r\n|\r\n|\r|\n/);
  // Without any BEGIN:VCARD, each card runs from its first line to its END:VCARD.
  const bare = !lines.some((line) => BEGIN.test(line)) && lines.some((line) => END.test(line));
  const cards: CardText[] = [];
  const broken: BrokenCard[] = [];
  let unreadableLines = 0;
  let open: { line: number; body: string[] } | undefined;

  const close = (card: { line: number; body: string[] }) => {
    const { lines: content, unreadable } = logicalLines(card.body);
    unreadableLines += unreadable;
    let embeddedPhotos = 0;
    const cleaned: string[] = [];
    const version21 = content.some((line) => /^VERSION:\s*2\.1\s*$/i.test(line));
    for (const line of content) {
      const result = cleanContentLine(line, version21, fileEncoding);
      if (!result) unreadableLines += 1;
      else if (result.line === null) embeddedPhotos += result.embeddedPhoto ? 1 : 0;
      else cleaned.push(result.line);
    }
    // ical.js picks 3.0 or 4.0 rules from VERSION being the first property.
    const version = cleaned.findIndex((line) => /^VERSION:/i.test(line));
    if (version > 0) cleaned.unshift(...cleaned.splice(version, 1));
    cards.push({ line: card.line, text: ['BEGIN:VCARD', ...cleaned, 'END:VCARD'].join('\r\n'), embeddedPhotos, raw: content, version21 });
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
    } else if (bare && line.trim() !== '') {
      open = { line: index + 1, body: [line] };
    }
  });
  if (open) broken.push({ line: open.line, reason: 'card has no END:VCARD: the file may be cut short' });
  return { cards, bare, broken, unreadableLines };
}
