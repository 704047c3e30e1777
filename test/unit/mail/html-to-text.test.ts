import { describe, expect, it } from 'vitest';
import { htmlToPlainText } from '../../../shared/mail/html-to-text';

describe('htmlToPlainText', () => {
  it.each([
    ['drops script, style and comments', '<style>p{}</style><p>Oi</p><script>x()</script><!-- c -->', 'Oi'],
    ['blocks become lines', '<div>Chamado</div><div>nº 48213</div>', 'Chamado\nnº 48213'],
    ['decodes entities', 'Reclama&ccedil;&atilde;o &amp; a&#231;&#xE3;o&nbsp;j&aacute;', 'Reclamação & ação já'],
    ['keeps a lone less-than sign', 'preço < 10 reais', 'preço < 10 reais'],
    ['unterminated script drops the rest', '<p>Oi</p><script>while(1){}', 'Oi'],
    ['invalid numeric entity', 'a&#xD800;b', 'a\ufffdb'],
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
  ])('%s', (_name, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });

  it('handles a large document of many tags', () => {
    expect(htmlToPlainText('<b>a'.repeat(200_000))).toBe('a'.repeat(200_000));
  });
});
