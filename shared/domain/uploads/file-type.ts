/**
 * The real type of an uploaded file, from its bytes (magic numbers), never from its name or the
 * browser's claim. Office files (XLSX, DOCX) are ZIP archives: they are recognised by the
 * content types their `[Content_Types].xml` entry declares; macro-enabled ones, and those with parts
 * that act when opened (OLE programs, embedded macro-enabled documents, ActiveX, data connections,
 * external relationships but web and mail hyperlinks, DDE and remote-include fields, formulas that
 * reach outside the workbook), are refused.
 * CSV and TXT are text (UTF-8, UTF-16 with its mark or Windows-1252: textOf) without NUL or other
 * control characters; a CSV without formulas
 * (csv-formulas.ts). XML is taken only as an electronic fiscal document (NF-e, CT-e, MDF-e, NFS-e:
 * fiscal-xml.ts), never by its name.
 * Refused: empty files, executables (whatever their name), polyglots (a ZIP hidden after an image
 * or a PDF, HTML a browser would sniff), PDFs with active content (or whose compressed objects
 * cannot be checked: pdf-active-content.ts), anything else.
 */
import { inflateRawSync } from 'node:zlib';
import { csvHasFormula, formulaReachesOut } from './csv-formulas';
import { isFiscalXml, isXmlDocument } from './fiscal-xml';
import { FILE_KINDS, type FileKind, KIND_EXTENSIONS, KIND_MIME } from './kinds';
import { pdfActiveContent } from './pdf-active-content';

export { FILE_KINDS, type FileKind, KIND_EXTENSIONS, KIND_MIME } from './kinds';

export type FileRefusal =
  | 'empty'
  | 'executable'
  | 'polyglot'
  | 'active_content'
  | 'unverifiable'
  /** An XLSX or DOCX whose parts could not be read through (damaged, or past the reading budgets). */
  | 'unreadable'
  | 'formula'
  | 'macro'
  /** An XML document not read as an electronic fiscal document (fiscal-xml.ts): the one XML taken. */
  | 'xml_not_fiscal'
  | 'unknown'
  | 'not_allowed';

export type FileCheck = { ok: true; kind: FileKind; mime: string } | { ok: false; reason: FileRefusal };

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Executable and script headers refused under any name. */
function isExecutable(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, ascii('MZ')) || // Windows PE / DOS
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O fat / Java class
    startsWith(bytes, ascii('#!')) || // script with an interpreter line
    startsWith(bytes, [0x00, 0x61, 0x73, 0x6d]) // WebAssembly
  );
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_END = [0x50, 0x4b, 0x05, 0x06];
const ZIP_END_BYTES = Buffer.from(ZIP_END);

function indexOf(bytes: Uint8Array, sig: number[], from = 0, to = bytes.length): number {
  const first = sig[0] as number;
  for (let i = bytes.indexOf(first, from); i !== -1 && i <= to - sig.length; i = bytes.indexOf(first, i + 1)) {
    if (startsWith(bytes, sig, i)) return i;
  }
  return -1;
}

/** A ZIP end record where a ZIP reader would look for one (the last 64 KiB): a ZIP appended to the file. */
function hasTrailingZip(bytes: Uint8Array): boolean {
  return indexOf(bytes, ZIP_END, Math.max(0, bytes.length - 65_557)) !== -1;
}

/** Tags a browser's sniffer treats as HTML (WHATWG MIME sniffing). */
const HTML_TAGS = '!doctype\\s+html|html|head|body|script|iframe|svg|object|embed|title|style|a\\s|img\\s';
/** Markup a browser's sniffer treats as HTML or XML (which may be XHTML), near the start of the file. */
const HTML_SNIFF = new RegExp(`<(?:${HTML_TAGS}|\\?xml)`, 'i');
const HTML_TAG = new RegExp(`<(?:${HTML_TAGS})`, 'i');

/**
 * How much of a file a browser's sniffer reads (WHATWG MIME sniffing's resource header, 1445 bytes),
 * in characters of the decoded text: at least as much.
 */
const SNIFF_CHARS = 1445;
/**
 * A text that opens with markup (whitespace and a byte-order mark aside, as the sniffer skips them).
 */
const MARKUP_START = /^[\s\ufeff]*</;
/**
 * What opens an HTML page to a browser's sniffer (WHATWG's "identifying a resource with an unknown
 * MIME type": these tags, each followed by a space or ">" — a "/" or another blank here as well — and
 * "<!--"), and HTML_TAGS' svg, object, embed. A text that opens this way is a page, whatever its name
 * says: '<div onclick="…">', '<p>', '<table>', '<b>' passed as txt. "<ana@loja.com.br> escreveu:" opens
 * with no tag ("<a" then a letter).
 */
const HTML_START =
  /^[\s\ufeff]*<(?:!--|(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|object|embed|img)[\s/>])/i;
/** An XML stylesheet instruction: a browser transforms the document into a page with it. */
const XML_STYLESHEET = /<\?xml-stylesheet\b/i;

function sniffsAsHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return HTML_SNIFF.test(head);
}

/**
 * The text of a file that is text, as the analyst's editor or spreadsheet reads it: UTF-8; UTF-16
 * with its byte-order mark (Excel's "Texto Unicode"); else Windows-1252 — what Excel in pt-BR saves
 * as "CSV (separado por vírgulas)" and what it reads a CSV without a mark as, and older ERPs' exports
 * ("Observação" as 0xE7 0xE3 was refused as an unknown format). Null for anything else: a C0
 * control character or DEL (NUL first of all: binary data; tab, LF, FF and CR are text), or a byte
 * Windows-1252 leaves undefined (read as NUL).
 */
function textOf(bytes: Uint8Array): string | null {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  // Outside UTF-16 a NUL byte is NUL in either reading: binary data (a phone's HEIC or video, an old
  // .doc) is refused by one native search, not decoded twice first (UTF-8, then byte by byte as
  // Windows-1252: issue 16, a tenth of a millisecond a mail on the bench corpus).
  if (utf16 === null && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0) !== -1) return null;
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (utf16) return null;
    text = windows1252(bytes);
  }
  return CONTROL.test(text) ? null : text;
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/**
 * Windows-1252's characters for 0x80–0x9F (the rest is Latin-1); its five undefined bytes read as NUL,
 * refused as binary. (Node's TextDecoder('windows-1252') reads the range as Latin-1's C1 controls.)
 */
const CP1252_HIGH = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';

function windows1252(bytes: Uint8Array): string {
  // One code unit a byte, decoded at once (a replace callback per character took 2 s on 10 MB).
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    units[i] = byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH.charCodeAt(byte - 0x80) : byte;
  }
  return new TextDecoder('utf-16le').decode(units);
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory of a ZIP, or null if it is not a well-formed one. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The last end record within a reader's reach (searched by Buffer, not byte by byte in JS).
  const end = buf.length < 22 ? -1 : buf.lastIndexOf(ZIP_END_BYTES, buf.length - 22);
  if (end === -1 || end < buf.length - 65_557) return null;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const MAX_CONTENT_TYPES_BYTES = 256 * 1024;

/** An entry's stored bytes (compressed or not), after its local header; null when the header is not there. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Buffer | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  return buf.subarray(start, start + entry.compressedSize);
}

function readEntry(bytes: Uint8Array, entry: ZipEntry): string | null {
  const data = entryData(bytes, entry);
  if (!data) return null;
  try {
    if (entry.method === 0) return data.subarray(0, MAX_CONTENT_TYPES_BYTES).toString('utf8');
    // Bounded output: a "zip bomb" entry stops at the cap instead of filling the memory.
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES }).toString('utf8');
  } catch {
    return null;
  }
  return null;
}

/** Read of a part whose whole text the check needs: its bytes, or why not. */
function readPart(bytes: Uint8Array, entry: ZipEntry, max: number): Buffer | 'too-large' | null {
  const data = entryData(bytes, entry);
  if (!data) return null;
  try {
    if (entry.method === 0) return data.length > max ? 'too-large' : data;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: max });
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : null;
  }
  return null;
}

/** XML text in the encoding its bytes show (Office reads UTF-16 parts as well as UTF-8). */
function xmlText(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0x00)) {
    return bytes.toString('utf16le');
  }
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0x00 && bytes[1] === 0x3c)) {
    return Buffer.from(bytes).swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Pieces of an Office file's text the check reads at most: the field and formula tags (TEXT_TAG),
 * a field tag's attributes, and the character or entity references it decodes (`&amp;`, `&#x41;`),
 * in its text parts and relationship parts together. The byte budgets bound the memory, not the work:
 * the work is per piece (½–1 µs each here, some times that on a function's share of a CPU), and a
 * 160 KB .docx whose one formula is 63 MB of `&amp;` took 9–28 s; four of them in one 0.5 MB mail,
 * 114 s (the intake has 60, the webform 10). A real workbook's formulas, shared down a column, are a
 * tag each and few references: past this the file is not read ('unknown'), as past the byte budget.
 */
export const MAX_OFFICE_TEXT_PIECES = 250_000;
/**
 * Characters of formulas and field instructions (decoded) the check reads at most per file, in all:
 * each is read for calls, string literals and character codes, and one 63 MB formula of `a(a(…` took
 * 11 s, one string literal of 20 MB overflowed the stack (a RangeError out of the check), and a
 * 60 MB `QUOTE 1 1 1 …` field held 900 MB. Excel's own limit is 8,192 characters a formula; a real
 * workbook's formulas, shared down a column, are a few hundred KB at most.
 */
export const MAX_OFFICE_CODE_CHARS = 4 * 1024 * 1024;

/** What is left of a file's pieces and code (MAX_OFFICE_TEXT_PIECES, MAX_OFFICE_CODE_CHARS): one count for all its parts. */
interface Reading {
  pieces: number;
  codeChars: number;
}

/** Spends `n` pieces: false once the file's are spent. */
function spend(reading: Reading, n: number): boolean {
  reading.pieces -= n;
  return reading.pieces >= 0;
}

/** A formula's or a field instruction's text, counted in the file's code characters: null past them. */
function codeText(raw: string, reading: Reading): string | null {
  const text = decodedValue(raw, reading);
  if (text === null) return null;
  reading.codeChars -= text.length;
  return reading.codeChars >= 0 ? text : null;
}

/**
 * xmlValue within the file's pieces (each "&" one), or null past them: the references are counted
 * (stopping at what is left) before any is decoded.
 */
function decodedValue(raw: string, reading: Reading): string | null {
  let references = 0;
  for (let at = raw.indexOf('&'); at !== -1 && references <= reading.pieces; at = raw.indexOf('&', at + 1)) {
    references++;
  }
  if (references === 0) return raw;
  return spend(reading, references) ? xmlValue(raw) : null;
}

/** An attribute value as an XML parser gives it (character and the five named references decoded). */
function xmlValue(raw: string): string {
  return raw.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (m, hex, dec, named) => {
    const code = hex ? Number.parseInt(hex, 16) : dec ? Number(dec) : undefined;
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    return XML_ENTITIES[String(named).toLowerCase()] ?? m;
  });
}

/**
 * Parts of an Office file that act when it opens: embedded OLE objects (`embeddings/*.bin`, a
 * packaged program) and embedded macro-enabled documents (`.xlsm`, `.docm`…, opened with their
 * macros), ActiveX controls, links to other workbooks (and DDE, which lives there), data connections
 * (`xl/connections.xml`, refreshed from a URL or a database on open).
 * Part names are compared as Office reads them: percent-decoded, in any letter case.
 */
const ACTIVE_PART =
  /(?:^|\/)(?:embeddings\/[^/]*\.(?:bin|xlsm|xlsb|xltm|xlam|docm|dotm|pptm|potm|ppsm|ppam|sldm)|activex\/.*|externallinks\/.*|connections\.xml)$/;
/** Excel 4.0 macro sheets: macros without a VBA project, in a file that says it has none. */
const MACRO_PART = /(?:^|\/)(?:vba(?:project\.bin|data\.xml)|macrosheets\/.*)$/;
/** A relationship to something outside the file other than a hyperlink: a remote template, an OLE link ("Follina"), a frame. */
const HYPERLINK_TYPE = /\/hyperlink$/;
/**
 * Where an external hyperlink may go: the web, mail, a phone, a path on the reader's own disk or a
 * relative one. A file:// or UNC target (`\\\\servidor\\x`) sends the Windows login hash when clicked,
 * another scheme starts a program (`ms-msdt:`): refused.
 */
const SAFE_LINK_TARGET = /^(?:(?:https?|mailto|tel):|[a-z]:[\\/]|(?![a-z][\w+.-]*:|[\\/]{2}))/i;
/** Relationship parts read per file at most, and their bytes in all (a real document has a few dozen, a few KB). */
const MAX_RELATIONSHIP_PARTS = 1000;
const MAX_RELATIONSHIP_BYTES = 4 * 1024 * 1024;

function partName(name: string): string {
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/**
 * One attribute of a start tag. It starts where a name starts (the look-behind): tried from each
 * character of a long name, it was quadratic — a 56 KB name in a 700-byte .docx took 8 s.
 */
const ATTRIBUTE = /(?<![\w:.-])([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The attribute text of each `<Relationship …>` start tag, or null when one is never closed: not
 * well-formed, so no reader opens it as the file says — and looking for its end again from every
 * later `<Relationship` was quadratic (56 KB of them took a second, the 4 MB budget hours).
 */
function relationshipTags(xml: string): string[] | null {
  const tags: string[] = [];
  const start = /<(?:[\w.-]+:)?Relationship\b/g;
  const rest = /((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
  for (let tag = start.exec(xml); tag; tag = start.exec(xml)) {
    rest.lastIndex = tag.index + tag[0].length;
    const attributes = rest.exec(xml);
    if (!attributes) return null;
    tags.push(attributes[1] as string);
    start.lastIndex = rest.lastIndex;
  }
  return tags;
}

/** Active parts or external relationships: the refusal, or null when the file has none. */
function officeActiveContent(bytes: Uint8Array, entries: ZipEntry[]): FileRefusal | null {
  const reading: Reading = { pieces: MAX_OFFICE_TEXT_PIECES, codeChars: MAX_OFFICE_CODE_CHARS };
  const names = entries.map((e) => partName(e.name));
  if (names.some((n) => MACRO_PART.test(n))) return 'macro';
  if (names.some((n) => ACTIVE_PART.test(n))) return 'active_content';
  const rels = entries.filter((_, i) => (names[i] as string).endsWith('.rels'));
  if (rels.length > MAX_RELATIONSHIP_PARTS) return 'unknown';
  let budget = MAX_RELATIONSHIP_BYTES;
  for (const entry of rels) {
    const part = readPart(bytes, entry, budget);
    // A part that cannot be read (damaged data, an unknown method, no local header) leaves the file
    // unchecked — and its failed inflation did work the budget never saw (a thousand directory
    // entries may all point at one damaged 4 MB part): refused.
    if (part === 'too-large' || part === null) return 'unknown';
    budget -= part.length;
    const tags = relationshipTags(xmlText(part));
    if (!tags) return 'unknown';
    for (const tag of tags) {
      const attributes = new Map<string, string>();
      for (const a of tag.matchAll(ATTRIBUTE)) {
        const value = decodedValue(a[2] ?? a[3] ?? '', reading);
        if (value === null) return 'unknown';
        attributes.set(String(a[1]).replace(/^.*:/, ''), value.trim());
      }
      const external = (attributes.get('TargetMode') ?? '').toLowerCase() === 'external';
      if (!external) continue;
      if (!HYPERLINK_TYPE.test(attributes.get('Type') ?? '')) return 'active_content';
      if (!SAFE_LINK_TARGET.test(attributes.get('Target') ?? '')) return 'active_content';
    }
  }
  return activeText(bytes, entries, names, reading);
}

/**
 * Parts whose text may hold fields or formulas: a document's body, headers, footers, notes and
 * comments; a workbook's sheets and its defined names. Their bytes in all, at most (a long report's
 * body is a few MB; a 30 MB one is refused as unreadable rather than held in memory).
 */
const TEXT_PART = /^(?:word\/(?:glossary\/)?[^/]+\.xml|xl\/workbook\.xml|xl\/worksheets\/[^/]+\.xml)$/;
export const MAX_OFFICE_TEXT_BYTES = 64 * 1024 * 1024;
/**
 * A field's pieces (`<w:fldSimple w:instr="…">`, `<w:instrText>…`, where a field begins:
 * `<w:fldChar w:fldCharType="begin"/>`) and a cell's or a name's formula (`<f>…`, `<definedName>…`), a
 * data validation's or a conditional format's (`<formula1>`, `<formula2>`, `<formula>`: Excel evaluates them too).
 * A tag's attributes and text stop at the next "<" (no attribute value holds one): no match is tried
 * past it, so the reading is linear.
 */
const TEXT_TAG =
  /<(?:[\w.-]+:)?(instrText|fldChar|fldSimple|f|definedName|formula[12]?)\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>([^<]*)/g;
/** A DDE field (`DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc"`): a program started from the document. */
const DDE_FIELD = /\bDDE(?:AUTO)?\b/i;
/**
 * A QUOTE field of character codes (`QUOTE 68 68 69 65 85 84 79`): nested in a field's code, its
 * result is read as code — how DDEAUTO was hidden from scanners. Read as the text it spells.
 */
const QUOTE_FIELD = /^\s*QUOTE\s+\d/i;
const quoted = (instruction: string) => {
  const codes: number[] = [];
  for (const [code] of instruction.matchAll(/\d{1,5}/g)) if (codes.push(Number(code)) === 4096) break;
  return String.fromCharCode(...codes);
};
/** A field that fetches another file into the document, and a target outside the reader's disk. */
const INCLUDE_FIELD = /^\s*(?:INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT)\b/i;
const REMOTE_TARGET = /\\\\|\/\/|file:/i;

/** Fields that start a program or fetch a remote file, formulas that reach outside the workbook. */
function activeText(bytes: Uint8Array, entries: ZipEntry[], names: string[], reading: Reading): FileRefusal | null {
  let budget = MAX_OFFICE_TEXT_BYTES;
  // Compressed bytes read: no more than the file holds. Directory entries that all point at one
  // part's data (each inflating to little) would have it read once per entry.
  let compressed = 0;
  for (const [i, entry] of entries.entries()) {
    if (!TEXT_PART.test(names[i] as string)) continue;
    compressed += entry.compressedSize;
    if (compressed > bytes.length) return 'unknown';
    const part = readPart(bytes, entry, budget);
    if (part === 'too-large' || part === null) return 'unknown';
    budget -= part.length;
    // Field instructions, one per field begun: a field's instruction may be split over many runs.
    const fields: string[] = [];
    let field = '';
    for (const [, tag, attributes, text] of xmlText(part).matchAll(TEXT_TAG)) {
      if (!spend(reading, 1)) return 'unknown';
      if (tag === 'f' || tag === 'definedName' || tag?.startsWith('formula')) {
        const formula = codeText(text as string, reading);
        if (formula === null) return 'unknown';
        if (formulaReachesOut(formula)) return 'active_content';
      } else if (tag === 'instrText') {
        const piece = codeText(text as string, reading);
        if (piece === null) return 'unknown';
        field += piece;
      } else if (tag === 'fldChar') {
        if (/fldCharType\s*=\s*["']begin["']/.test(attributes as string)) {
          fields.push(field);
          field = '';
        }
      } else {
        for (const a of (attributes as string).matchAll(ATTRIBUTE)) {
          if (!spend(reading, 1)) return 'unknown';
          if (String(a[1]).replace(/^.*:/, '') !== 'instr') continue;
          const instruction = codeText(a[2] ?? a[3] ?? '', reading);
          if (instruction === null) return 'unknown';
          fields.push(instruction);
        }
      }
    }
    fields.push(field);
    for (const instruction of fields) {
      if (DDE_FIELD.test(instruction)) return 'active_content';
      if (QUOTE_FIELD.test(instruction) && DDE_FIELD.test(quoted(instruction))) return 'active_content';
      if (INCLUDE_FIELD.test(instruction) && REMOTE_TARGET.test(instruction)) return 'active_content';
    }
  }
  return null;
}

function officeKind(bytes: Uint8Array): FileCheck {
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, reason: 'unknown' };
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  const xml = types ? readEntry(bytes, types) : null;
  if (!xml) return { ok: false, reason: 'unknown' };
  if (/macroEnabled/i.test(xml)) return { ok: false, reason: 'macro' };
  const kind = xml.includes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')
    ? 'xlsx'
    : xml.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')
      ? 'docx'
      : undefined;
  const active = officeActiveContent(bytes, entries);
  // A declared workbook or document read only part-way is hers, damaged or too large to check: said so.
  if (active === 'unknown' && kind) return { ok: false, reason: 'unreadable' };
  if (active) return { ok: false, reason: active };
  return kind ? { ok: true, kind, mime: KIND_MIME[kind] } : { ok: false, reason: 'unknown' };
}

function ok(kind: FileKind): FileCheck {
  return { ok: true, kind, mime: KIND_MIME[kind] };
}

/**
 * The kind of a file from its bytes. `name` only tells CSV from TXT (both are plain text);
 * `allowed` is the configured list: a recognised kind outside it is `not_allowed`.
 */
export function detectFileKind(bytes: Uint8Array, name = '', allowed: readonly FileKind[] = FILE_KINDS): FileCheck {
  const check = detect(bytes, name);
  if (check.ok && !allowed.includes(check.kind)) return { ok: false, reason: 'not_allowed' };
  return check;
}

function detect(bytes: Uint8Array, name: string): FileCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (isExecutable(bytes)) return { ok: false, reason: 'executable' };
  if (startsWith(bytes, ZIP_LOCAL)) return officeKind(bytes);
  let kind: FileKind | undefined;
  if (startsWith(bytes, ascii('%PDF-'))) kind = 'pdf';
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = 'png';
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) kind = 'jpeg';
  else if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) kind = 'webp';
  if (kind) {
    // A ZIP (JAR, APK, Office file) appended to an image or PDF, or HTML in its first bytes,
    // makes a file that is two things at once: refused.
    if (hasTrailingZip(bytes) || (kind !== 'pdf' && sniffsAsHtml(bytes))) return { ok: false, reason: 'polyglot' };
    const active = kind === 'pdf' ? pdfActiveContent(bytes) : null;
    if (active) return { ok: false, reason: active };
    return ok(kind);
  }
  const text = textOf(bytes);
  if (text !== null) {
    const head = text.slice(0, SNIFF_CHARS);
    if (HTML_START.test(head)) return { ok: false, reason: 'polyglot' };
    if (MARKUP_START.test(head) && isFiscalXml(text, HTML_TAG)) return ok('xml');
    if (MARKUP_START.test(head) && HTML_SNIFF.test(head)) {
      // Any other XML document with no HTML tag near its start is a kind not taken, said so in her words
      // (the form lists "XML de nota fiscal": a bare "formato não aceito" reads as a contradiction);
      // markup a browser would run as a page is a file posing as text.
      return { ok: false, reason: HTML_TAG.test(head) || XML_STYLESHEET.test(head) ? 'polyglot' : 'xml_not_fiscal' };
    }
    // The same without its XML declaration (an ERP's export, an NF-e with a DOCTYPE): passed as text.
    if (MARKUP_START.test(head) && isXmlDocument(text)) return { ok: false, reason: 'xml_not_fiscal' };
    if (hasTrailingZip(bytes)) return { ok: false, reason: 'polyglot' };
    if (!/\.csv$/i.test(name.trim())) return ok('txt');
    // Opened in a spreadsheet by the analyst: no cell may be a formula, in the text it reads.
    if (csvHasFormula(text)) return { ok: false, reason: 'formula' };
    return ok('csv');
  }
  return { ok: false, reason: 'unknown' };
}

/** A name's extension, lower-case, when it reads as one (1–5 letters or digits after the last dot). */
export function nameExtension(name: string): string | undefined {
  return /\.([a-z0-9]{1,5})$/i.exec(name.trim())?.[1]?.toLowerCase();
}

/** Kind a browser-declared type or a name points to (for the checks before the bytes arrive). */
export function kindFromDeclared(name: string, contentType: string): FileKind | undefined {
  const ext = nameExtension(name);
  const byExt = FILE_KINDS.find((k) => ext !== undefined && KIND_EXTENSIONS[k].includes(ext));
  if (byExt) return byExt;
  return kindFromMime(contentType);
}

/** Kind whose content type this is (parameters and letter case aside), or undefined. */
export function kindFromMime(contentType: string): FileKind | undefined {
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return FILE_KINDS.find((k) => KIND_MIME[k] === mime);
}

/** pt-BR reason shown to the person for a refused file. */
export const REFUSAL_MESSAGES: Record<FileRefusal, string> = {
  empty: 'o arquivo está vazio',
  executable: 'o arquivo é um programa executável',
  polyglot: 'o conteúdo do arquivo não corresponde a um único formato aceito',
  active_content: 'o arquivo contém conteúdo ativo (scripts, programas embutidos ou vínculos externos)',
  unverifiable:
    'não conseguimos verificar o conteúdo deste PDF (protegido por senha ou compactado de um jeito que não lemos); envie-o sem senha, ou uma foto ou impressão da tela',
  formula:
    'a planilha CSV contém fórmulas (células que começam com “=”, ou com “+”, “-” ou “@” seguidos de uma função); envie só os valores',
  unreadable:
    'não conseguimos verificar o conteúdo desta planilha ou documento (danificado, ou grande ou complexo demais para a nossa verificação); envie uma versão menor, em PDF ou uma imagem da tela',
  macro: 'a planilha ou o documento contém macros',
  xml_not_fiscal:
    'é um XML que não lemos como nota fiscal eletrônica (NF-e, NFC-e, CT-e, MDF-e ou NFS-e, o arquivo como a SEFAZ ou a prefeitura o emitiu); de XML, só aceitamos esse. Envie os outros dados em PDF, planilha (XLSX ou CSV) ou imagem',
  unknown: 'o formato do arquivo não é aceito',
  not_allowed: 'o formato do arquivo não é aceito',
};
