/**
 * The images an HTML body shows by Content-ID (RFC 2392 `cid:` URLs), and which of them are the
 * writer's pictures — a screenshot pasted into the text ("olha o erro que aparece:"), her file like
 * any attached one: checked, listed and relayed — rather than the body's decoration: a signature's
 * logo or icon, or an image of the quoted history (an earlier message's, already on the case). Mail
 * clients send both the same way (Gmail's "image.png", Outlook's "image001.png", Apple's
 * `apple-inline`), so what tells them apart is where the body shows them and how big.
 * Linear in the HTML: one pass to drop what a reader never sees, one over its `<img` tags, one search
 * for the quote.
 */

/** An image the body shows: whether only its quoted history does, and the size the tag declares. */
export interface BodyImage {
  quoted: boolean;
  /** CSS pixels, from the tag's width/height attributes or its style (px, pt, in, cm). */
  width?: number;
  height?: number;
}

/**
 * A picture, when its tag declares both sides: at least this many CSS pixels (200 × 200, 400 × 100).
 * Signature logos and icons are drawn smaller (120 × 40, 250 × 90); a pasted screenshot is larger
 * even when scaled down to the text's width.
 */
export const PICTURE_MIN_AREA_PX = 40_000;
/**
 * A picture, when its tag does not declare its size: at least this many bytes. Logos are a few KB;
 * a screenshot, even a cropped one, is tens or hundreds.
 */
export const PICTURE_MIN_BYTES = 20 * 1024;

/** An `<img>` tag longer than this is not read (no mail client writes one; it bounds the work). */
const MAX_TAG_CHARS = 4000;

/**
 * Where a body's quoted history starts, as the common clients mark it in HTML: a blockquote (Apple
 * Mail, Thunderbird, Gmail's inner quote), Gmail's and Yahoo's quote containers, Thunderbird's cite
 * prefix, Outlook's reply header (divRplyFwdMsg, appendonsend, the border-top rule over "De:").
 */
const QUOTE_START =
  /<blockquote\b|\bclass=["']?(?:gmail_quote|yahoo_quoted|moz-cite-prefix|OutlookMessageHeader)\b|\bid=["']?(?:x_)?(?:divRplyFwdMsg|appendonsend)\b|border-top:\s*solid\s+#(?:e1e1e1|b5c4df)\b/i;

/** An attribute of a tag: its name and its value (double-, single- or unquoted). */
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const CID_URL = /^\s*cid:([^'"\s<>()]{1,255})/i;
const PIXELS = /^\s*(\d{1,5})\s*$/;
const STYLE_SIZE = {
  width: /(?:^|[;\s])width\s*:\s*(\d{1,5}(?:\.\d{1,4})?|\.\d{1,4})\s*(px|pt|in|cm)\b/i,
  height: /(?:^|[;\s])height\s*:\s*(\d{1,5}(?:\.\d{1,4})?|\.\d{1,4})\s*(px|pt|in|cm)\b/i,
};
/**
 * What a reader never sees: comments, the head, style sheets, scripts, templates and noscript
 * blocks. A cid or a quote's class written there shows nothing: read, a hidden copy of a screenshot
 * made a logo a "picture", and a stylesheet's `border-top:solid #e1e1e1` hid a real screenshot as
 * quoted history.
 */
const HIDDEN_START = /<!--|<(head|style|script|template|noscript)\b/gi;
const PX_PER_UNIT: Record<string, number> = { px: 1, pt: 96 / 72, in: 96, cm: 96 / 2.54 };

/** A Content-ID as a `cid:` URL and the part's header compare: %-decoded (RFC 2392), lower-cased. */
export function cidKey(cid: string): string {
  let decoded = cid;
  try {
    decoded = decodeURIComponent(cid);
  } catch {
    // A stray '%' is the id's own character.
  }
  return decoded.trim().toLowerCase();
}

/**
 * The images `html` shows by Content-ID, keyed by cidKey. An image shown both above the quote and in
 * it is the writer's (not quoted); the first tag that declares a size gives it.
 */
export function bodyImages(html: string, into: Map<string, BodyImage> = new Map()): Map<string, BodyImage> {
  const visible = visibleHtml(html);
  const quoteAt = visible.search(QUOTE_START);
  let from = 0;
  for (;;) {
    const start = indexOfTag(visible, from);
    if (start < 0) break;
    const end = visible.indexOf('>', start);
    if (end < 0) break;
    from = end + 1;
    if (end - start > MAX_TAG_CHARS) continue;
    const attributes = attributesOf(visible.slice(start + 4, end));
    const cid = CID_URL.exec(attributes.get('src') ?? '')?.[1];
    if (!cid) continue;
    const key = cidKey(cid);
    const quoted = quoteAt >= 0 && start > quoteAt;
    const seen = into.get(key);
    const width = seen?.width ?? sideOf(attributes, 'width');
    const height = seen?.height ?? sideOf(attributes, 'height');
    into.set(key, {
      quoted: (seen?.quoted ?? true) && quoted,
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
    });
  }
  return into;
}

/** The HTML without what a reader never sees (HIDDEN_START): one forward pass. */
export function visibleHtml(html: string): string {
  let out = '';
  let from = 0;
  HIDDEN_START.lastIndex = 0;
  for (let m = HIDDEN_START.exec(html); m; m = HIDDEN_START.exec(html)) {
    out += html.slice(from, m.index);
    const after = m.index + m[0].length;
    let resume: number;
    if (m[1] === undefined) {
      const close = html.indexOf('-->', after);
      resume = close < 0 ? html.length : close + 3;
    } else {
      const closer = new RegExp(`</${m[1]}\\s*>`, 'gi');
      closer.lastIndex = after;
      const close = closer.exec(html);
      resume = close ? close.index + close[0].length : html.length;
    }
    from = resume;
    if (from >= html.length) break;
    HIDDEN_START.lastIndex = from;
  }
  return from >= html.length ? out : out + html.slice(from);
}

/** A tag's attributes by lower-cased name (the first of a name counts, as browsers read it). */
function attributesOf(inside: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of inside.matchAll(ATTRIBUTE)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!attributes.has(name)) attributes.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

/** Whether a part the body shows is the writer's picture (see the module's comment), from its bytes. */
export function isPicture(image: BodyImage, bytes: number): boolean {
  if (image.quoted) return false;
  if (image.width !== undefined && image.height !== undefined) return image.width * image.height >= PICTURE_MIN_AREA_PX;
  return bytes >= PICTURE_MIN_BYTES;
}

/** The next `<img` (any case) at or after `from`, or -1. */
function indexOfTag(html: string, from: number): number {
  for (let at = html.indexOf('<', from); at >= 0; at = html.indexOf('<', at + 1)) {
    if (/^<img\b/i.test(html.slice(at, at + 5))) return at;
  }
  return -1;
}

function sideOf(attributes: ReadonlyMap<string, string>, side: 'width' | 'height'): number | undefined {
  const attribute = PIXELS.exec(attributes.get(side) ?? '')?.[1];
  if (attribute !== undefined) return Number(attribute);
  const style = STYLE_SIZE[side].exec(attributes.get('style') ?? '');
  if (!style?.[1] || !style[2]) return undefined;
  return Math.round(Number(style[1]) * (PX_PER_UNIT[style[2].toLowerCase()] ?? 1));
}
