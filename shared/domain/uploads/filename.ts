/**
 * File names a merchant sends are data: shown to staff, never used as a path. A sanitised name
 * is one component, printable, without bidirectional-override tricks ("fatura‮fdp.exe"), without
 * reserved Windows names, at most 120 characters, and it ends with exactly one extension, the one
 * of the type the bytes proved (`fatura.pdf.exe` with PDF bytes becomes `fatura_pdf_exe.pdf`).
 * Compatibility characters are read as what they stand for (NFKC: "ｆａｔｕｒａ．ｐｄｆ" is fatura.pdf).
 */
import { withoutInvisible, withoutLoneSurrogates } from '../text';
import { type FileKind, KIND_EXTENSIONS } from './file-type';

const MAX_BASE = 100;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** A third combining mark and more on one letter. */
const STACKED_MARKS = /(\p{M}{2})\p{M}+/gu;

export function sanitizeFilename(name: string, kind: FileKind): string {
  // NFKC first: compatibility forms are what a download's ASCII name (download.ts) and the disk
  // make of them — a fullwidth solidus "／" becomes a path separator, "COM¹" the device COM1.
  const lastPart = withoutLoneSurrogates(name).normalize('NFKC').split(/[/\\]/).pop() ?? '';
  let clean = withoutInvisible(lastPart)
    // What a reader cannot see is gone first (bidi marks and overrides, zero-width characters,
    // fillers: text.ts's one rule); then controls (C0, DEL, C1) and line/paragraph separators.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '')
    // A pile of combining marks on one letter (Zalgo) draws over the lines around the name — on her
    // confirmation page, the scan state next to it (rt59). No script needs more than two on one letter
    // once NFKC has composed what it can.
    .replace(STACKED_MARKS, '$1')
    .replace(/[<>:"|?*;%$`'&=+#{}[\]~^]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const extensions = KIND_EXTENSIONS[kind];
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  let base = extensions.includes(ext) ? clean.slice(0, dot) : clean;
  const finalExt = extensions.includes(ext) ? ext : (extensions[0] as string);
  // (?<![\s_-]): a trailing run is tried from its start only (linear, not quadratic).
  base = base.replace(/\./g, '_').replace(/^[\s_-]+|(?<![\s_-])[\s_-]+$/g, '');
  if (RESERVED.test(base)) base = `_${base}`;
  base = [...base].slice(0, MAX_BASE).join('').trim();
  if (base === '') base = 'anexo';
  clean = `${base}.${finalExt}`;
  return clean;
}
