/**
 * HTML → plain text: what the rules and the ticket extractor read of an HTML-only mail, and what
 * an analyst saw of the HTML part of her mail (staff-mail.ts compares its commands with the text
 * part's). Our own converter rather than mailparser's (html-to-text), which runs table
 * cells together and declines long or deep documents. Linear in the input length.
 */
import { isTicketLink } from './tickets';

const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'object']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'tbody',
  'thead',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'hr',
  'section',
  'article',
  'header',
  'footer',
  'address',
  'dl',
  'dt',
  'dd',
  'center',
  'form',
  'fieldset',
  'main',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'body',
  'html',
]);

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  reg: '®',
  deg: '°',
  ordm: 'º',
  ordf: 'ª',
  sect: '§',
  euro: '€',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  times: '×',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  iacute: 'í',
  icirc: 'î',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  ccedil: 'ç',
  ntilde: 'ñ',
  Aacute: 'Á',
  Agrave: 'À',
  Acirc: 'Â',
  Atilde: 'Ã',
  Eacute: 'É',
  Ecirc: 'Ê',
  Iacute: 'Í',
  Oacute: 'Ó',
  Ocirc: 'Ô',
  Otilde: 'Õ',
  Uacute: 'Ú',
  Uuml: 'Ü',
  Ccedil: 'Ç',
  Ntilde: 'Ñ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    }
    // Own entries only: "&toString;" is no entity (it read Object.prototype.toString).
    return Object.hasOwn(ENTITIES, body) ? (ENTITIES[body] as string) : whole;
  });
}

/** Elements whose content a hiding style or attribute takes out of the text (a known, finite set). */
const HIDEABLE = new Set([
  ...BLOCK,
  'span',
  'font',
  'a',
  'b',
  'i',
  'u',
  'em',
  'strong',
  'small',
  'label',
  'td',
  'th',
  'sup',
  'sub',
  'mark',
]);
HIDEABLE.delete('br');
HIDEABLE.delete('hr');

/**
 * An element its reader never sees: the `hidden` attribute, or a style that hides it (display:none,
 * visibility:hidden, a font of size 0, opacity 0, Outlook's mso-hide:all). Its text is not the
 * mail's: a line hidden at the top of an analyst's HTML-only mail was read as her `#encerrar`, and a
 * merchant's hidden words would reach the rules (a ticket number no one wrote to be read).
 */
const HIDDEN_ATTRIBUTE = /\shidden(?=[\s=/>]|$)/;
const HIDDEN_STYLE =
  /(?:^|[;\s"'])(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:[;"'!]|$)|opacity\s*:\s*0(?:\.0*)?\s*(?:[;"'!]|$)|mso-hide\s*:\s*all)/;

function isHidden(tag: string): boolean {
  if (HIDDEN_ATTRIBUTE.test(tag)) return true;
  const style = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
  return style !== null && HIDDEN_STYLE.test(style[1] ?? style[2] ?? '');
}

/**
 * Where a hidden element that opened just before `from` ends: after its matching closing tag (the
 * same name, nested ones counted). One never closed (sloppy HTML, a `<p>` closed by the next one)
 * hides nothing: only its tag is skipped, and its name is not searched again — each skipped stretch
 * is read once and the searches that fail are one per name of a finite set: linear.
 */
function hiddenElements(lower: string): { after(name: string, from: number): number } {
  const unclosed = new Set<string>();
  return {
    after(name, from) {
      if (unclosed.has(name)) return from;
      const tag = new RegExp(`<(/?)${name}(?=[\\s/>])`, 'g');
      tag.lastIndex = from;
      let depth = 1;
      for (let m = tag.exec(lower); m !== null; m = tag.exec(lower)) {
        depth += m[1] === '/' ? -1 : 1;
        if (depth === 0) {
          const end = lower.indexOf('>', m.index);
          return end < 0 ? lower.length : end + 1;
        }
      }
      unclosed.add(name);
      return from;
    },
  };
}

/** Tags after which a paragraph break (blank line) is due; other BLOCK tags end a line. */
/** What only an HTML file opens with (a byte-order mark or blank lines before it allowed). */
const DOCUMENT_START = /^\s*<(?:!doctype\s+html\b|(?:html|head|body)[\s>]|meta\s)/i;
/** A fragment's opening tag, and the closing tags that show it is markup, not a pasted tag. */
const FRAGMENT_START = /^\s*<(?:div|p|table|span|font|center|h[1-6]|ul|ol)[\s>]/i;
const BLOCK_CLOSE = /<\/(?:div|p|table|span|font|td|li|h[1-6])\s*>/i;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;

/**
 * Whether a text/plain part is HTML: some senders (ERPs, form mailers, old webmail) label their HTML
 * text/plain, and read as text its tags and entities ("n&atilde;o consigo") hide the merchant's
 * words from the rules and show the analyst markup. A document's opening, a fragment that opens and
 * closes block tags, or line breaks written only as <br>: not a merchant who pastes a tag of her
 * theme into her sentence.
 */
export function isMarkupText(text: string): boolean {
  if (DOCUMENT_START.test(text)) return true;
  if (FRAGMENT_START.test(text) && BLOCK_CLOSE.test(text)) return true;
  const breakTags = text.match(LINE_BREAK_TAG)?.length ?? 0;
  if (breakTags < 2) return false;
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && newlines < breakTags; i = text.indexOf('\n', i + 1)) newlines++;
  return newlines < breakTags;
}

const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'ul', 'ol', 'pre', 'hr']);

/**
 * Linear-time HTML → text for HTML-only mail: scripts and styles dropped, block elements end a
 * line, paragraphs leave a blank line, table cells of a row are kept apart by " | " (so a
 * ticket number in one cell never runs into the date in the next), and the content of
 * <blockquote> (the quoted history of HTML replies) gets "> " marks, as plain-text mail quotes.
 */
export function htmlToPlainText(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let trailingBreaks = 0;
  let atLineStart = true;
  let quoteDepth = 0;
  let cellsInRow = 0;
  // A link to a support ticket keeps its address after its text: "Ver meu chamado" says nothing
  // of the number, which only the address carries. Other links stay text only.
  let ticketLink: { href: string; from: number } | undefined;
  const pushText = (segment: string) => {
    const text = decodeEntities(segment.replace(/\s+/g, ' '));
    if (text.trim() === '') {
      if (trailingBreaks === 0 && text) out.push(' ');
      return;
    }
    if (atLineStart && quoteDepth > 0) out.push('> '.repeat(Math.min(quoteDepth, 20)));
    out.push(text);
    trailingBreaks = 0;
    atLineStart = false;
  };
  const ensureBreaks = (n: number) => {
    while (trailingBreaks < n) {
      out.push('\n');
      trailingBreaks++;
    }
    atLineStart = true;
  };
  const hidden = hiddenElements(lower);
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      pushText(html.slice(i));
      break;
    }
    pushText(html.slice(i, lt));
    const next = html[lt + 1] ?? '';
    if (!/[a-zA-Z/!?]/.test(next)) {
      pushText('<');
      i = lt + 1;
      continue;
    }
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    const name = /^\/?([a-z][a-z0-9]*)/.exec(lower.slice(lt + 1, Math.min(gt, lt + 20)))?.[1] ?? '';
    const closing = next === '/';
    i = gt + 1;
    if (!closing && SKIP_CONTENT.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      if (close < 0) break;
      const closeEnd = html.indexOf('>', close);
      i = closeEnd < 0 ? html.length : closeEnd + 1;
      continue;
    }
    if (!closing && HIDEABLE.has(name) && html[gt - 1] !== '/' && isHidden(lower.slice(lt, gt))) {
      i = hidden.after(name, i);
      continue;
    }
    if (name === 'a') {
      if (!closing) {
        const href = hrefOf(html.slice(lt, gt));
        ticketLink = href && isTicketLink(href) ? { href, from: out.length } : undefined;
      } else if (ticketLink) {
        const { href, from } = ticketLink;
        if (!out.slice(from).join('').includes(href)) pushText(` (${href})`);
        ticketLink = undefined;
      }
      continue;
    }
    if (name === 'blockquote') {
      ensureBreaks(1);
      quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
      continue;
    }
    if (name === 'br') {
      out.push('\n');
      trailingBreaks++;
      atLineStart = true;
    } else if (name === 'td' || name === 'th') {
      if (!closing) {
        if (cellsInRow > 0) {
          out.push(' | ');
          trailingBreaks = 0;
        }
        cellsInRow++;
      }
    } else if (PARAGRAPH.has(name)) {
      ensureBreaks(2);
      if (name === 'table') cellsInRow = 0;
    } else if (BLOCK.has(name)) {
      ensureBreaks(1);
      if (name === 'tr' || name === 'tbody' || name === 'thead') cellsInRow = 0;
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) => withoutEdgeBars(line.replace(/[ \t\u00a0]+/g, ' ')).trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A line without the cell separators at its ends (" | " of cells left empty). Scanned by hand: the
 * expression /(?: \|)+$/ tried again at every " |" of a long line of bars ("| | | … x") is
 * quadratic — a 100 KB line took seconds.
 */
function withoutEdgeBars(line: string): string {
  let start = 0;
  let end = line.length;
  while (line.startsWith('| ', start)) start += 2;
  while (end - 2 >= start && line.endsWith(' |', end)) end -= 2;
  return line.slice(start, end);
}

/** Longest link address kept: a helpdesk's ticket link is far shorter. */
const MAX_HREF = 500;

/** The href of an opening <a> tag, its entities decoded, or undefined. */
function hrefOf(tag: string): string | undefined {
  const m = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  const raw = (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
  return raw === '' || raw.length > MAX_HREF ? undefined : decodeEntities(raw);
}
