/** Small real files for the upload tests: each starts with its format's true bytes. */
import { deflateRawSync } from 'node:zlib';

/** The EICAR anti-virus test string (harmless; every scanner flags it). */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A ZIP archive (deflated entries), enough for Office files. */
export function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const raw = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${main}"/></Types>`;

export const xlsx = (parts: Record<string, string | Buffer> = {}) =>
  zip({
    '[Content_Types].xml': contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
    'xl/workbook.xml': '<workbook/>',
    ...parts,
  });
export const docx = (parts: Record<string, string | Buffer> = {}) =>
  zip({
    '[Content_Types].xml': contentTypes(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    ),
    'word/document.xml': '<document/>',
    ...parts,
  });
export const xlsm = () =>
  zip({
    '[Content_Types].xml': contentTypes('application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
    'xl/vbaProject.bin': 'Attribute VB_Name',
  });

export const png = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(
      '0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6e0a80000000049454e44ae426082',
      'hex',
    ),
  ]);
export const jpeg = () =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1)]);
export const webp = () =>
  Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 2)]);
export const pdf = (body = 'Fatura 123: cobrança em dobro') =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
/** A Windows executable header: what a renamed .exe starts with. */
export const exe = () =>
  Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode.')]);

/** Options of an electronic fiscal document as issuers hand them out (fiscal-xml.ts). */
export interface FiscalXmlOptions {
  /** The XML declaration, or none. */
  declaration?: string;
  /** Lines between the declaration and the root (blanks, a comment). */
  before?: string;
  /** Replaces the root's start tag. */
  rootTag?: string;
  /** Inside the document, after the product line. */
  inside?: string;
  /** Replaces the closing tag. */
  closing?: string;
  /** Added after the closing tag. */
  after?: string;
}

/**
 * An authorised NF-e 4.00 (nfeProc: the signed NFe and SEFAZ's protocol), as an ERP or the SEFAZ
 * portal saves it: accented names, an item, taxes, the XML signature, the authorisation.
 */
export function nfeXml(options: FiscalXmlOptions = {}): string {
  const key = '35261112345678000199550010000012341000012345';
  return [
    options.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>',
    options.before ?? '',
    options.rootTag ?? '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00">',
    `<NFe xmlns="http://www.portalfiscal.inf.br/nfe"><infNFe versao="4.00" Id="NFe${key}">`,
    '<ide><cUF>35</cUF><cNF>00012345</cNF><natOp>Venda de mercadoria</natOp><mod>55</mod><serie>1</serie>',
    '<nNF>1234</nNF><dhEmi>2026-11-20T10:15:00-03:00</dhEmi><tpNF>1</tpNF><tpAmb>1</tpAmb></ide>',
    '<emit><CNPJ>12345678000199</CNPJ><xNome>Papelaria Estrela Comércio de Papéis Ltda</xNome>',
    '<enderEmit><xLgr>Rua São João</xLgr><nro>120</nro><xBairro>Centro</xBairro><xMun>São Paulo</xMun><UF>SP</UF></enderEmit></emit>',
    '<dest><CPF>12345678909</CPF><xNome>Ana Lúcia Conceição</xNome></dest>',
    '<det nItem="1"><prod><cProd>CAD-10</cProd><xProd>Caderno universitário 10 matérias</xProd><NCM>48202000</NCM>',
    '<CFOP>5102</CFOP><uCom>UN</uCom><qCom>2.0000</qCom><vUnCom>24.9000000000</vUnCom><vProd>49.80</vProd></prod>',
    options.inside ?? '',
    '<imposto><ICMS><ICMS00><orig>0</orig><CST>00</CST><vBC>49.80</vBC><pICMS>18.00</pICMS><vICMS>8.96</vICMS></ICMS00></ICMS></imposto></det>',
    '<total><ICMSTot><vProd>49.80</vProd><vNF>49.80</vNF></ICMSTot></total>',
    '<infAdic><infCpl>Pedido 7731 - loja virtual. Tributos aproximados R$ 12,30 (Lei 12.741/2012)</infCpl></infAdic>',
    '</infNFe><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>',
    '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>',
    '<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>',
    `<Reference URI="#NFe${key}"><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms>`,
    '<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><DigestValue>q0bLkQ2tX1w=</DigestValue></Reference></SignedInfo>',
    '<SignatureValue>dGVzdGU=</SignatureValue><KeyInfo><X509Data><X509Certificate>MIIB</X509Certificate></X509Data></KeyInfo></Signature></NFe>',
    `<protNFe versao="4.00"><infProt><tpAmb>1</tpAmb><chNFe>${key}</chNFe><nProt>135260001234567</nProt><cStat>100</cStat>`,
    '<xMotivo>Autorizado o uso da NF-e</xMotivo></infProt></protNFe>',
    options.closing ?? '</nfeProc>',
    options.after ?? '',
  ].join('\n');
}
