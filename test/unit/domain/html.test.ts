import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, SafeHtml, safeUrl, sanitizeHeaderValue, textToHtml } from '../../../shared/domain/html';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"'&\``, '&quot;&#39;&amp;&#96;'],
    ['João & Maria — ação', 'João &amp; Maria — ação'],
    ['&amp;', '&amp;amp;'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html tagged template', () => {
  it('escapes every interpolation', () => {
    const name = '<img src=x onerror=alert(1)>';
    const out = html`<p title="${name}">Olá, ${name}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;">Olá, &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(String(out)).toBe(out.value);
  });

  it('does not escape raw() or nested html``', () => {
    const inner = html`<strong>${'a<b'}</strong>`;
    expect(html`<p>${inner}${raw('<br>')}</p>`.value).toBe('<p><strong>a&lt;b</strong><br></p>');
  });

  it('joins arrays, each item escaped unless safe', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(html`${['<x>', 1]}`.value).toBe('&lt;x&gt;1');
    expect(html`${[['<a>', null], [raw('<br>'), false], []]}`.value).toBe('&lt;a&gt;<br>');
  });

  it('renders nothing for null, undefined and booleans; numbers as text', () => {
    const none: string | undefined = undefined;
    expect(html`[${null}${none}${false}${true}${0}${42}]`.value).toBe('[042]');
  });

  it('a string that looks like SafeHtml is still escaped', () => {
    const fake = { value: '<b>' } as unknown as string;
    expect(html`${fake}`.value).toBe('[object Object]');
  });
});

describe('textToHtml', () => {
  it('escapes and keeps line breaks', () => {
    expect(textToHtml('a<b>\r\nc\rd\ne').value).toBe('a&lt;b&gt;<br>\nc<br>\nd<br>\ne');
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://ajuda.example.com.br/x?a=1&b=2', 'https://ajuda.example.com.br/x?a=1&b=2'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['mailto:ana@example.com', 'mailto:ana@example.com'],
    ['javascript:alert(1)', '#'],
    [' JavaScript:alert(1)', '#'],
    ['data:text/html,<script>', '#'],
    ['//evil.example', '#'],
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});

describe('sanitizeHeaderValue', () => {
  it.each([
    ['Reclamação\r\nBcc: vitima@example.com', 'Reclamação Bcc: vitima@example.com'],
    ['a\nb\rc\r\n\r\nd', 'a b c d'],
    ['nul\u0000byte', 'nulbyte'],
    ['tab\there', 'tab here'],
    ['bell\u0007 esc\u001b[31m del\u007f', 'bell esc[31m del'],
    ['c1\u0085next\u0090', 'c1 next'],
    ['  spaced   out  ', 'spaced out'],
    ['line\u2028sep\u2029para', 'line sep para'],
    ['evil\u202etxt.exe', 'eviltxt.exe'],
    ['\ufeffbom', 'bom'],
    ['Olá, ação 😀', 'Olá, ação 😀'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeHeaderValue(input)).toBe(expected);
  });

  it('returns an empty string for null and undefined', () => {
    expect(sanitizeHeaderValue(undefined)).toBe('');
    expect(sanitizeHeaderValue(null)).toBe('');
  });

  it('caps the length with an ellipsis and never splits a surrogate pair', () => {
    const out = sanitizeHeaderValue('😀'.repeat(300), 10);
    expect(Array.from(out)).toHaveLength(10);
    expect(out.endsWith('😀…')).toBe(true);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(sanitizeHeaderValue('x'.repeat(1000))).toHaveLength(250);
    expect(sanitizeHeaderValue('abc', 3)).toBe('abc');
    expect(sanitizeHeaderValue('abcd', 0)).toBe('');
  });

  it('never lets CR or LF through, whatever the input', () => {
    const nasty = ['\r', '\n', '\r\n', '\u0000', '\u2028', '\u0085'];
    for (const a of nasty) {
      for (const b of nasty) {
        const out = sanitizeHeaderValue(`x${a}y${b}z`);
        expect(out.includes('\r') || out.includes('\n') || out.includes('\u0000')).toBe(false);
        expect(out).toBe('x y z'.replace(/ /g, (sp, i) => ((i === 1 ? a : b) === '\u0000' ? '' : sp)));
      }
    }
  });
});
