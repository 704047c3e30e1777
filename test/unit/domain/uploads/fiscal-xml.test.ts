import { describe, expect, it } from 'vitest';
import { detectFileKind } from '../../../../shared/domain/uploads/file-type';
import { FISCAL_ROOTS, isFiscalXml } from '../../../../shared/domain/uploads/fiscal-xml';
import { nfeXml } from '../../../support/files';
import { growth } from '../../../support/growth';

/** What file-type.ts gives: the tags a browser's sniffer reads as HTML. */
const HTML_TAG = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|title|style|a\s|img\s)/i;
const fiscal = (text: string) => isFiscalXml(text, HTML_TAG);

const XHTML = 'http://www.w3.org/1999/xhtml';

describe('isFiscalXml: the electronic fiscal documents merchants send', () => {
  it.each([
    ['an authorised NF-e (nfeProc) as the ERP saves it', nfeXml()],
    ['without the XML declaration (SEFAZ portal download)', nfeXml({ declaration: '' })],
    ['with a byte-order mark and CRLF lines', `\ufeff${nfeXml()}`.replace(/\n/g, '\r\n')],
    [
      'declared ISO-8859-1 (a city NFS-e system)',
      nfeXml({ declaration: "<?xml version='1.0' encoding='ISO-8859-1'?>" }),
    ],
    ['standalone declared', nfeXml({ declaration: '<?xml version="1.0" encoding="utf-8" standalone="no"?>' })],
    ['a comment before the root', nfeXml({ before: '<!-- gerado pelo ERP Bling em 20/11/2026 -->' })],
    [
      'a CDATA note in the document',
      nfeXml({ inside: '<obsCont xCampo="pedido"><xTexto><![CDATA[7731 & 7732]]></xTexto></obsCont>' }),
    ],
    ['a trailing newline and blanks', nfeXml({ after: '\n\n  ' })],
    [
      'the root with a prefix',
      nfeXml({
        rootTag: '<n:nfeProc xmlns:n="http://www.portalfiscal.inf.br/nfe" versao="4.00">',
        closing: '</n:nfeProc>',
      }),
    ],
    [
      'xsi:schemaLocation on the root',
      nfeXml({
        rootTag:
          '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" versao="4.00">',
      }),
    ],
    [
      'a CT-e',
      '<?xml version="1.0" encoding="UTF-8"?><cteProc xmlns="http://www.portalfiscal.inf.br/cte" versao="4.00"><CTe xmlns="http://www.portalfiscal.inf.br/cte"><infCte Id="CTe1"/></CTe></cteProc>',
    ],
    [
      'a national NFS-e (2026 standard)',
      '<?xml version="1.0" encoding="utf-8"?><NFSe xmlns="http://www.sped.fazenda.gov.br/nfse" versao="1.00"><infNFSe Id="NFS1"><xLocEmi>Curitiba</xLocEmi></infNFSe></NFSe>',
    ],
    [
      'an ABRASF NFS-e',
      '<?xml version="1.0" encoding="UTF-8"?><CompNfse xmlns="http://www.abrasf.org.br/nfse.xsd"><Nfse><InfNfse><Numero>981</Numero><Discriminacao>Serviço de frete</Discriminacao></InfNfse></Nfse></CompNfse>',
    ],
    [
      'a cancellation event',
      '<?xml version="1.0" encoding="UTF-8"?><procEventoNFe xmlns="http://www.portalfiscal.inf.br/nfe" versao="1.00"><evento><infEvento><tpEvento>110111</tpEvento><detEvento><xJust>Cancelamento por erro no valor</xJust></detEvento></infEvento></evento></procEventoNFe>',
    ],
  ])('accepts %s', (_, text) => {
    expect(fiscal(text)).toBe(true);
  });

  it.each([
    [
      'an order export (not a fiscal root)',
      '<?xml version="1.0"?><pedidos xmlns="http://www.portalfiscal.inf.br/nfe"></pedidos>',
    ],
    ['a fiscal root with no namespace', '<?xml version="1.0"?><nfeProc versao="4.00"><NFe/></nfeProc>'],
    ['a fiscal root in another namespace', `<?xml version="1.0"?><nfeProc xmlns="${XHTML}"><NFe/></nfeProc>`],
    ['a namespace look-alike', '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe/x"><NFe/></nfeProc>'],
    ['the namespace on a child only', '<nfeProc><NFe xmlns="http://www.portalfiscal.inf.br/nfe"/></nfeProc>'],
    ['XHTML declared inside', nfeXml({ inside: `<x:p xmlns:x="${XHTML}" onclick="alert(1)">clique</x:p>` })],
    ['SVG declared inside', nfeXml({ inside: '<g xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' })],
    // A prefix is any XML name: Chromium runs <é:script> of xmlns:é="…xhtml" in an opened NF-e.
    ['XHTML under a non-ASCII prefix', nfeXml({ inside: `<é:script xmlns:é="${XHTML}">alert(1)</é:script>` })],
    [
      'XHTML under a prefix with a middle dot',
      nfeXml({ inside: `<a·b:script xmlns:a·b="${XHTML}">alert(1)</a·b:script>` }),
    ],
    [
      'SVG under a non-ASCII prefix',
      nfeXml({ inside: `<ç:g xmlns:ç='http://www.w3.org/2000/svg' onload="alert(1)"/>` }),
    ],
    ['a namespace declaration it cannot read', nfeXml({ inside: `<é:script xmlns:é = ${XHTML}>alert(1)</é:script>` })],
    ['an HTML tag inside', nfeXml({ inside: '<script>alert(1)</script>' })],
    ['an HTML tag in CDATA', nfeXml({ inside: '<xTexto><![CDATA[<iframe src="https://golpe.example">]]></xTexto>' })],
    [
      'a DOCTYPE with entities (expansion bomb)',
      nfeXml({ before: '<!DOCTYPE nfeProc [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]>' }),
    ],
    ['an external entity', nfeXml({ before: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' })],
    [
      'a stylesheet that makes it a page',
      nfeXml({ before: '<?xml-stylesheet type="text/xsl" href="https://golpe.example/x.xsl"?>' }),
    ],
    ['a processing instruction inside', nfeXml({ inside: '<?php system($_GET["c"]); ?>' })],
    ['something after the closing tag', nfeXml({ after: '<html><script>alert(1)</script></html>' })],
    ['text after the closing tag', nfeXml({ after: 'PK\u0005\u0006' })],
    ['an unclosed document', nfeXml({ closing: '' })],
    ['the wrong closing tag', nfeXml({ closing: '</NFe>' })],
    ['a declaration in another encoding', nfeXml({ declaration: '<?xml version="1.0" encoding="UTF-7"?>' })],
    ['text before the root', nfeXml({ before: 'segue a nota' })],
    ['empty', ''],
  ])('refuses %s', (_, text) => {
    expect(fiscal(text)).toBe(false);
  });

  it('knows every root it lists (one document of each)', () => {
    for (const root of FISCAL_ROOTS) {
      expect(fiscal(`<${root} xmlns="http://www.portalfiscal.inf.br/nfe"><x/></${root}>`), root).toBe(true);
    }
  });

  it('is linear in the document, whatever it repeats', () => {
    const shapes: Array<(n: number) => string> = [
      (n) => nfeXml({ inside: '<obsCont><xTexto>7731</xTexto></obsCont>'.repeat(n) }),
      (n) => nfeXml({ inside: '<x xmlns="'.repeat(n) }),
      (n) => nfeXml({ inside: `<x xmlns='${' '.repeat(n)}` }),
      (n) => nfeXml({ inside: `<x xmlns:${'é'.repeat(n)}` }),
      (n) => nfeXml({ inside: `<x${' xmlns '.repeat(n)}` }),
      (n) => nfeXml({ inside: `<x xmlns${' '.repeat(n)}:` }),
      (n) => nfeXml({ inside: `<x xmlns${':p:xmlns'.repeat(n)}="http://www.portalfiscal.inf.br/nfe"/>` }),
      (n) => `<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe"${' a="1"'.repeat(n)}>`,
      (n) => `${'\ufeff'}${' '.repeat(n)}<?xml version="1.0"${' '.repeat(n)}`,
      (n) => nfeXml({ inside: '<!'.repeat(n) }),
      (n) => nfeXml({ before: `${'<!-- ERP -->'.repeat(n)}<!--${'-'.repeat(n)}` }),
    ];
    for (const shape of shapes) expect(growth(shape, fiscal, 2_000)).toBeLessThan(30);
  });
});

describe('detectFileKind on fiscal XML', () => {
  // rt60: a repeated regex group over a comment of megabytes ran out of V8's backtracking stack: the
  // check threw (RangeError) instead of answering, and the upload or the mail carrying it failed.
  it.each([
    [
      'an unclosed comment after the declaration',
      `<?xml version="1.0"?><!--${'log do ERP '.repeat(800_000)}`,
      'refused',
    ],
    ['the same with no declaration', `<!--${'-'.repeat(8_000_000)}`, 'refused'],
    ['an NF-e after an 8 MB comment', nfeXml({ before: `<!--${'gerado '.repeat(1_200_000)}-->` }), 'xml'],
  ])('answers, never throws, on %s', (_, text, expected) => {
    for (const name of ['nota.xml', 'notas.txt']) {
      const check = detectFileKind(Buffer.from(text), name);
      expect(check.ok ? check.kind : 'refused').toBe(expected);
    }
  });

  it('an NF-e is an xml file, whatever its name, served as application/xml', () => {
    for (const name of ['NFe35261112345678000199550010000012341000012345.xml', 'nota.txt', 'nota']) {
      expect(detectFileKind(Buffer.from(nfeXml()), name)).toEqual({ ok: true, kind: 'xml', mime: 'application/xml' });
    }
  });

  it('a configuration without xml refuses it as not allowed', () => {
    expect(detectFileKind(Buffer.from(nfeXml()), 'n.xml', ['pdf', 'txt'])).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('an NF-e in UTF-16 with its mark (a Windows export) is one too', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(nfeXml({ declaration: '<?xml version="1.0" encoding="UTF-16"?>' }), 'utf16le'),
    ]);
    expect(detectFileKind(utf16, 'n.xml')).toMatchObject({ ok: true, kind: 'xml' });
  });

  it.each([
    ['XHTML inside', nfeXml({ inside: `<p xmlns="${XHTML}"><a href="javascript:alert(1)">x</a></p>` }), 'polyglot'],
    ['a stylesheet', nfeXml({ before: '<?xml-stylesheet href="x.xsl"?>' }), 'polyglot'],
    // Told in her words: XML is on the form's list, but only a fiscal document's.
    ['another XML', '<?xml version="1.0"?><pedidos><pedido/></pedidos>', 'xml_not_fiscal'],
    ['an NF-e with a DOCTYPE', nfeXml({ before: '<!DOCTYPE nfeProc>' }), 'xml_not_fiscal'],
    ['a NUL inside (binary)', nfeXml({ inside: '\u0000' }), 'unknown'],
  ])('refuses an XML with %s', (_, text, reason) => {
    expect(detectFileKind(Buffer.from(text), 'n.xml')).toEqual({ ok: false, reason });
  });
});
