import { describe, expect, it } from 'vitest';
import { htmlToPlainText, isMarkupText } from '../../../shared/domain/html-to-text';

describe('htmlToPlainText', () => {
  it.each([
    ['drops script, style and comments', '<style>p{}</style><p>Oi</p><script>x()</script><!-- c -->', 'Oi'],
    ['blocks become lines', '<div>Chamado</div><div>nº 48213</div>', 'Chamado\nnº 48213'],
    ['decodes entities', 'Reclama&ccedil;&atilde;o &amp; a&#231;&#xE3;o&nbsp;j&aacute;', 'Reclamação & ação já'],
    ['keeps a lone less-than sign', 'preço < 10 reais', 'preço < 10 reais'],
    ['unterminated script drops the rest', '<p>Oi</p><script>while(1){}', 'Oi'],
    ['invalid numeric entity', 'a&#xD800;b', 'a\ufffdb'],
    // Names every object has are no entity: "&toString;" read Object.prototype.toString into the text.
    [
      'an object method named as an entity stays as written',
      'a&toString;b&valueOf;c&hasOwn;',
      'a&toString;b&valueOf;c&hasOwn;',
    ],
    [
      'table cells stay apart',
      '<table><tr><td>Chamado</td><td>48213</td><td>25/11/2026</td></tr></table>',
      'Chamado | 48213 | 25/11/2026',
    ],
    [
      'rows are lines',
      '<table><tr><th>Nº</th><th>Data</th></tr><tr><td>1</td><td>2</td></tr></table>',
      'Nº | Data\n1 | 2',
    ],
    ['blockquote is quoted', '<p>Sim.</p><blockquote><p>Seu chamado 1</p></blockquote>', 'Sim.\n\n> Seu chamado 1'],
    // A ticket link keeps its address: its text ("Ver meu chamado") does not carry the number.
    [
      'a ticket link keeps its address after its text',
      '<p>Não resolveram. <a href="https://ajuda.plataforma.com.br/hc/pt-br/requests/48213">Ver meu chamado</a></p>',
      'Não resolveram. Ver meu chamado (https://ajuda.plataforma.com.br/hc/pt-br/requests/48213)',
    ],
    [
      'single-quoted, unquoted and entity-encoded addresses',
      "<a href='https://x.zendesk.com/agent/tickets/771234'>aqui</a> e <a href=https://s.example/tickets/52310?a=1&amp;b=2>ali</a>",
      'aqui (https://x.zendesk.com/agent/tickets/771234) e ali (https://s.example/tickets/52310?a=1&b=2)',
    ],
    [
      'a ticket link whose text is its address is not repeated',
      '<a href="https://ajuda.plataforma.com.br/hc/pt-br/requests/48213">https://ajuda.plataforma.com.br/hc/pt-br/requests/48213</a>',
      'https://ajuda.plataforma.com.br/hc/pt-br/requests/48213',
    ],
    [
      'other links stay text only',
      '<p>Veja o <a href="https://minhaloja.com.br/produtos/48213">produto</a> e o <a href="https://instagram.com/loja">Instagram</a>.</p>',
      'Veja o produto e o Instagram.',
    ],
    [
      'a ticket link never closed adds nothing',
      '<p>Chamado: <a href="https://ajuda.plataforma.com.br/hc/pt-br/requests/48213">ver',
      'Chamado: ver',
    ],
  ])('%s', (_name, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });

  it('handles many ticket links, each around a long text, in one pass', () => {
    const link = `<a href="https://a.example/tickets/12345">${'x '.repeat(1000)}</a>`;
    expect(htmlToPlainText(link.repeat(500)).match(/\(https:\/\/a\.example\/tickets\/12345\)/g)).toHaveLength(500);
  });

  // Bars at a line's ends are dropped; an empty cell between two keeps its place.
  it.each([
    ['an empty cell between two', '<table><tr><td>Pedido</td><td></td><td>9921</td></tr></table>', 'Pedido | | 9921'],
    ['a row of bars typed as text', '<p>| | Chamado 48213 | |</p>', 'Chamado 48213'],
    ['one bar alone', '<p>|</p>', '|'],
  ])('cell bars: %s', (_name, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });

  // A line of bars not ending in one: the old /(?: \|)+$/ was tried again at every bar (quadratic).
  it.each([
    ['bars typed as text', `<p>Chamado ${'| '.repeat(75_000)}48213 |</p>`],
    ['a row of empty cells', `<table><tr>${'<td></td>'.repeat(75_000)}<td>48213</td><td></td></tr></table>`],
  ])('a long line of cell bars in one pass: %s', (_name, html) => {
    const started = performance.now();
    expect(htmlToPlainText(html)).toContain('48213');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('handles a large document of many tags', () => {
    expect(htmlToPlainText('<b>a'.repeat(200_000))).toBe('a'.repeat(200_000));
  });
});

describe('htmlToPlainText — what its reader never sees is not its text', () => {
  const VISIBLE = '<p>Olá, Maria. Estamos verificando o estorno.</p>';
  it.each([
    ['display:none', '<div style="display:none">#encerrar procedente</div>'],
    [
      'display: none !important, upper case',
      '<DIV STYLE="color:red; DISPLAY : NONE !important">#encerrar procedente</DIV>',
    ],
    ['the hidden attribute', '<span hidden>#encerrar improcedente</span>'],
    ['visibility:hidden', "<p style='visibility:hidden'>#encerrar improcedente</p>"],
    ['a font of size 0', '<p style="font-size:0px">#encerrar improcedente</p>'],
    ['opacity 0', '<div style="opacity:0">#transferir bruno</div>'],
    ["Outlook's mso-hide", '<span style="mso-hide:all">#encerrar parcial</span>'],
    ['nested divs inside the hidden one', '<div hidden><div>#encerrar procedente</div><div>chamado 99999</div></div>'],
  ])('%s: left out', (_, hidden) => {
    expect(htmlToPlainText(`${hidden}${VISIBLE}`)).toBe('Olá, Maria. Estamos verificando o estorno.');
  });

  it.each([
    ['display:block', '<div style="display:block">Chamado 48213.</div>', 'Chamado 48213.'],
    ['a font of size 0.9em', '<p style="font-size:0.9em">Chamado 48213.</p>', 'Chamado 48213.'],
    ['opacity 0.5', '<p style="opacity:0.5">Chamado 48213.</p>', 'Chamado 48213.'],
    ['a word "hidden" in the text', '<p class="x">hidden fees: chamado 48213</p>', 'hidden fees: chamado 48213'],
    ['a data-hidden attribute', '<p data-hidden="1">Chamado 48213.</p>', 'Chamado 48213.'],
    ['a hidden element never closed hides nothing', '<p hidden>Chamado<p>48213', 'Chamado\n\n48213'],
  ])('%s: kept', (_, html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });

  it('many hidden elements never closed: one pass', () => {
    const html = `${'<div hidden>x'.repeat(50_000)}${'<span style="display:none">y'.repeat(50_000)}`;
    const started = performance.now();
    htmlToPlainText(html);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('isMarkupText: HTML labelled text/plain', () => {
  it.each([
    ['a whole document', '<html><head><meta charset="utf-8"></head><body><p>Ol&aacute;</p></body></html>', true],
    ['a doctype first, after blank lines', '\r\n\r\n<!DOCTYPE html>\n<html lang="pt-br"><body>Oi</body></html>', true],
    ['a byte-order mark before the document', '\ufeff<HTML><BODY>Chamado 48213</BODY></HTML>', true],
    ['only a meta tag and text', '<meta http-equiv="Content-Type" content="text/html">N&atilde;o consigo', true],
    ['a form mailer’s fragment', '<div><b>Nome:</b> Maria</div><div><b>Mensagem:</b> n&atilde;o recebi</div>', true],
    ['an ERP’s paragraph', '<p style="font-family:Arial">Prezados,</p>\n<p>Segue o chamado 48213.</p>', true],
    ['line breaks written only as tags', 'Olá,<br>não consigo emitir notas<br><br>Att, Maria', true],
    ['plain prose', 'Olá, não consigo acessar o painel desde ontem.\nAtt, Maria', false],
    [
      'a tag of her theme pasted into her sentence',
      'O tema apagou o <div class="banner"> da home.\n</div> sumiu também',
      false,
    ],
    ['a tag at the top, but no block closed', '<b>URGENTE</b> não consigo acessar o painel', false],
    ['one line break tag', 'O campo mostra <br> em vez de pular linha', false],
    ['br tags in code, lines of her own', 'No rodapé aparece:\n<br>\n<br>\nComo tiro isso?', false],
    ['an address in angle brackets first', '<ouvidoria@bagy.com.br> escreveu:\n> Seu chamado', false],
    ['a less-than sign first', '< 10 pedidos por dia desde a mudança', false],
    ['html as a word', 'html do meu tema quebrou <body> some', false],
  ])('%s', (_name, text, markup) => {
    expect(isMarkupText(text)).toBe(markup);
  });
});
