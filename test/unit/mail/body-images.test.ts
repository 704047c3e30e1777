import { describe, expect, it } from 'vitest';
import {
  bodyImages,
  cidKey,
  isPicture,
  PICTURE_MIN_AREA_PX,
  PICTURE_MIN_BYTES,
} from '../../../shared/mail/body-images';

describe('bodyImages: the images an HTML body shows by Content-ID', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'Gmail: a pasted screenshot, %-encoded cid, declared size',
      '<div dir="ltr">Olha o erro:<div><img src="cid:ii_m3x9k2ab0%401" alt="image.png" width="562" height="316"><br></div></div>',
      { 'ii_m3x9k2ab0@1': { quoted: false, width: 562, height: 316 } },
    ],
    [
      'Outlook: size in the style, in inches and points',
      '<p class=MsoNormal><img width=600 style="width:6.25in;height:3.5in" id="Imagem_x0020_1" src="cid:image001.png@01DB4A2F.5C3D1E20"></p>',
      { 'image001.png@01db4a2f.5c3d1e20': { quoted: false, width: 600, height: 336 } },
    ],
    [
      'Outlook: a logo sized in points only',
      '<img style="width:90pt;height:30pt" src=cid:image002.jpg@01DB>',
      { 'image002.jpg@01db': { quoted: false, width: 120, height: 40 } },
    ],
    [
      'a percentage is no size; line-height and max-width are not the sides',
      '<img src="cid:a@b" width="100%" style="max-width:900px;line-height:20px">',
      { 'a@b': { quoted: false } },
    ],
    [
      'Apple Mail: an image of the quoted history only',
      '<div>Segue.</div><blockquote type="cite"><div>Olá</div><img src="cid:old@home" width="800" height="600"></blockquote>',
      { 'old@home': { quoted: true, width: 800, height: 600 } },
    ],
    [
      'Gmail: the same image above the quote and inside it is the writer’s',
      '<div><img src="cid:x@1"></div><div class="gmail_quote gmail_quote_container"><img src="cid:x@1"></div>',
      { 'x@1': { quoted: false } },
    ],
    [
      'Outlook: an image under the reply header (divRplyFwdMsg) is quoted',
      '<p>Segue.</p><div id="divRplyFwdMsg"><b>De:</b> Loja</div><img src="cid:image003.png@01DB">',
      { 'image003.png@01db': { quoted: true } },
    ],
    [
      'Outlook desktop: the border-top rule over "De:" starts the quote',
      '<p>Ok</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p><b>De:</b></p></div><img src="cid:q@1">',
      { 'q@1': { quoted: true } },
    ],
    [
      'an image by URL is not a part of the mail',
      '<img src="https://example.com/logo.png" width="900" height="900">',
      {},
    ],
    // What a reader never sees shows nothing: a hidden copy does not make a logo a picture…
    [
      'a large copy of the logo inside a comment, a style sheet, a template or a noscript block',
      '<!-- <img src="cid:logo@x" width="800" height="600"> --><style>/* <img src="cid:logo@x" width="800" height="600"> */</style><template><img src="cid:logo@x" width="800" height="600"></template><noscript><img src="cid:logo@x" width="800" height="600"></noscript><p>Ana<br><img src="cid:logo@x" width="120" height="40"></p>',
      { 'logo@x': { quoted: false, width: 120, height: 40 } },
    ],
    [
      'src and sizes only as the tag’s own attributes (not data-src, data-width, nor inside a title)',
      '<img data-src="cid:a@x" title=\'src="cid:b@x" width=900\' data-width="900" src="cid:c@x" width="120" height="40">',
      { 'c@x': { quoted: false, width: 120, height: 40 } },
    ],
    // …nor does a quote's mark written where no one sees it hide a real screenshot as quoted history.
    [
      'a quote class in a comment and an Outlook rule in a style sheet, above her screenshot',
      '<head><style>p{border-top:solid #e1e1e1 1pt}</style></head><!-- <div class="gmail_quote"> --><p>Olha o erro:</p><img src="cid:shot@x" width="800" height="600">',
      { 'shot@x': { quoted: false, width: 800, height: 600 } },
    ],
    ['an unclosed comment hides the rest', '<p>Oi</p><!-- <img src="cid:a@x" width="800" height="600">', {}],
    [
      'tags in upper case',
      '<STYLE>.x{}</STYLE><IMG SRC="CID:Shot@X" WIDTH=640 HEIGHT=400>',
      { 'shot@x': { quoted: false, width: 640, height: 400 } },
    ],
    ['an unclosed tag at the end', '<p>texto</p><img src="cid:a@b"', {}],
  ])('%s', (_what, html, expected) => {
    expect(Object.fromEntries(bodyImages(html))).toEqual(expected);
  });

  // Linear by construction (one forward pass; each tag read at most MAX_TAG_CHARS): the work is
  // timed in the benchmark, not here. These shapes end with the right answer.
  it.each<[string, string, number]>([
    ['a megabyte of unclosed <img', '<img '.repeat(200_000), 0],
    ['a megabyte of <', '<'.repeat(1_000_000), 0],
    ['one tag longer than any client writes', `<img src="cid:a@b" ${'x'.repeat(999_000)}>`, 0],
    ['many small tags', '<img src="cid:a@b">'.repeat(50_000), 1],
    ['a megabyte of unclosed comments and style tags', '<!--<style <template'.repeat(50_000), 0],
    ['hidden blocks opened and closed many times', '<style>x</style><img src="cid:a@b">'.repeat(30_000), 1],
  ])('adversarial HTML: %s', (_what, html, images) => {
    expect(bodyImages(html).size).toBe(images);
  });

  it('cidKey compares as RFC 2392 says: %-decoded, lower-cased; a stray % is kept', () => {
    expect(cidKey('II_M3X9K2AB0%401')).toBe('ii_m3x9k2ab0@1');
    expect(cidKey('100%@x')).toBe('100%@x');
  });
});

describe('isPicture: the writer’s picture or the body’s decoration', () => {
  it.each<[string, Parameters<typeof isPicture>[0], number, boolean]>([
    ['a screenshot scaled to the text (562 × 316)', { quoted: false, width: 562, height: 316 }, 80_000, true],
    ['a small crop of an error dialog (220 × 190)', { quoted: false, width: 220, height: 190 }, 9_000, true],
    [
      'an Outlook signature logo (120 × 40), even a heavy one',
      { quoted: false, width: 120, height: 40 },
      45_000,
      false,
    ],
    ['a 250 × 90 logo', { quoted: false, width: 250, height: 90 }, 12_000, false],
    ['no size declared, a screenshot’s bytes', { quoted: false }, PICTURE_MIN_BYTES, true],
    ['no size declared, a logo’s bytes', { quoted: false }, PICTURE_MIN_BYTES - 1, false],
    ['one side only: the bytes decide', { quoted: false, width: 900 }, 3_000, false],
    ['the quoted history’s screenshot', { quoted: true, width: 800, height: 600 }, 200_000, false],
  ])('%s', (_what, image, bytes, expected) => {
    expect(isPicture(image, bytes)).toBe(expected);
  });

  it('the area threshold is the one documented', () => {
    expect(isPicture({ quoted: false, width: 200, height: PICTURE_MIN_AREA_PX / 200 }, 0)).toBe(true);
    expect(isPicture({ quoted: false, width: 200, height: PICTURE_MIN_AREA_PX / 200 - 1 }, 0)).toBe(false);
  });
});
