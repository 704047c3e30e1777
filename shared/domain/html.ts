/**
 * Safe HTML building for emails and pages, and header-value sanitising.
 * Every interpolation is escaped unless the caller wraps it in `raw()` (or it is itself the
 * result of `html\`…\``): merchant text can never become markup by accident.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(s: string): string {
  const text = String(s);
  // Most values (styles, our own words) have nothing to escape: no replacing pass (issue 16).
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => HTML_ESCAPES[c] as string) : text;
}

const HTML_SPECIAL = /[&<>"'`]/;
const HTML_SPECIALS = /[&<>"'`]/g;

/** Markup that is already safe. Only `html` and `raw` create it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks trusted markup (our own templates, never merchant text) as safe to insert as is. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (typeof value === 'string') return escapeHtml(value);
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (Array.isArray(value)) {
    // Appended in place: no array of pieces per list (issue 16).
    let out = '';
    for (const item of value) out += render(item);
    return out;
  }
  return escapeHtml(String(value));
}

/**
 * Tagged template: `html\`<p>${name}</p>\`` escapes `name`; arrays are joined; null, undefined
 * and booleans render nothing (so `${cond && html\`…\`}` works).
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Plain text as HTML: escaped, line breaks kept as <br>. */
export function textToHtml(text: string): SafeHtml {
  return new SafeHtml(escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>\n'));
}

/** Only http(s) and mailto URLs go into href; anything else (javascript:, data:) becomes "#". */
export function safeUrl(url: string): string {
  const trimmed = String(url).trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : '#';
}

/**
 * A value safe to put in a mail header: CR, LF, NUL and every other control character removed
 * (line breaks and tabs become a space, so words do not run together), Unicode line separators
 * and bidirectional overrides removed, whitespace collapsed, trimmed, and capped at `maxLength`
 * characters (code points, never splitting a surrogate pair; "…" marks a cut).
 */
export function sanitizeHeaderValue(s: string | undefined | null, maxLength = 250): string {
  if (s === undefined || s === null) return '';
  const cleaned = String(s)
    .replace(/[\r\n\t\v\f\u2028\u2029\u0085]+/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    // Only the runs that change: not every single space between words (issue 16).
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
  // No more UTF-16 units than the cap: no more code points either, nothing to cut.
  if (cleaned.length <= maxLength) return cleaned;
  const chars = Array.from(cleaned);
  if (chars.length <= maxLength) return cleaned;
  if (maxLength < 1) return '';
  return `${chars
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`;
}
