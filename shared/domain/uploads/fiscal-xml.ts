/**
 * Brazilian electronic fiscal documents as the XML files merchants send ("segue o XML da nota"):
 * the NF-e/NFC-e (the SEFAZ's nfeProc, its NFe, an event on it), the CT-e, the MDF-e and the NFS-e
 * (the national standard, in force since 2026, and the ABRASF one most cities used before). Only those:
 * an XML file is active in a browser when its namespaces are XHTML or SVG, or a stylesheet turns it
 * into a page, and a DOCTYPE brings entities (expansion bombs, external files) to whatever parses it.
 *
 * Accepted when all of this holds of the decoded text:
 * - an optional byte-order mark and XML declaration, comments, then the root element, one of
 *   FISCAL_ROOTS, in one of FISCAL_NAMESPACES, its closing tag ending the file;
 * - every namespace the file declares is a fiscal one, the XML signature's (every NF-e is signed)
 *   or XML Schema's instance namespace (xsi:schemaLocation);
 * - no DOCTYPE or ENTITY declaration and no processing instruction but the declaration (an
 *   `<?xml-stylesheet?>` is one);
 * - no tag a browser's sniffer reads as HTML anywhere (HTML_TAG of file-type.ts, given here).
 * Served always as a download with application/xml (download.ts), after the malware scan.
 */

/** The document namespaces: SEFAZ's NF-e, CT-e and MDF-e, the national NFS-e, ABRASF's NFS-e. */
export const FISCAL_NAMESPACES: readonly string[] = [
  'http://www.portalfiscal.inf.br/nfe',
  'http://www.portalfiscal.inf.br/cte',
  'http://www.portalfiscal.inf.br/mdfe',
  'http://www.sped.fazenda.gov.br/nfse',
  'http://www.abrasf.org.br/nfse.xsd',
];

/** Namespaces a fiscal document carries besides its own: the signature's and XML Schema's instance. */
const COMPANION_NAMESPACES: readonly string[] = [
  'http://www.w3.org/2000/09/xmldsig#',
  'http://www.w3.org/2001/XMLSchema-instance',
];

/**
 * Root elements of the documents as their issuers hand them out: the authorised document with its
 * protocol (…Proc), the document alone, an event with its protocol; ABRASF's compiled NFS-e.
 */
export const FISCAL_ROOTS: readonly string[] = [
  'nfeProc',
  'NFe',
  'procEventoNFe',
  'cteProc',
  'CTe',
  'procEventoCTe',
  'mdfeProc',
  'MDFe',
  'NFSe',
  'CompNfse',
  'ConsultarNfseResposta',
];

/**
 * The declaration: byte-order mark, blanks, an optional XML declaration, blanks. Its encoding, if
 * named, is one the text was read as (textOf: UTF-8, UTF-16, Windows-1252; a city's NFS-e in ISO-8859-1).
 */
const DECLARATION =
  /^\ufeff?\s*(?:<\?xml\s+version\s*=\s*["']1\.[0-9]["'](?:\s+encoding\s*=\s*["'](?:utf-8|utf-16|iso-8859-1|windows-1252)["'])?(?:\s+standalone\s*=\s*["'](?:yes|no)["'])?\s*\?>\s*)?/i;
/** Blanks after a comment before the root (read at a position: sticky). */
const BLANKS = /\s*/y;

/**
 * Where the comments before the root (an ERP's "gerado por…") end. Read with indexOf, not a regex:
 * a repeated group over a comment of megabytes ran out of V8's backtracking stack (RangeError:
 * Maximum call stack size exceeded), and the upload's check threw instead of refusing it.
 */
function commentsEnd(document: string): number {
  let at = 0;
  while (document.startsWith('<!--', at)) {
    const close = document.indexOf('-->', at + 4);
    if (close < 0) return at;
    BLANKS.lastIndex = close + 3;
    BLANKS.exec(document);
    at = BLANKS.lastIndex;
  }
  return at;
}
/** An element's start: optional prefix, local name, then a blank, "/" or ">". */
const ROOT_START = /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)(?=[\s/>])/;
/** The root's start tag, up to its ">" (attribute values hold no ">" in these documents' roots). */
const START_TAG = /^<[^<>]*>/;
/**
 * Everything that may be a namespace declaration: "xmlns" then "=" or ":". Each must read as one
 * (NAMESPACE_DECLARATION), or the file is refused: a prefix is any XML name, not only ASCII
 * (`xmlns:é="…xhtml"` declares XHTML as surely as `xmlns:h=` does, and `<é:script>` runs).
 */
const NAMESPACE_MENTION = /\bxmlns(?=\s*[:=])/g;
/**
 * A namespace declaration at a mention: `xmlns="…"` or `xmlns:p="…"`, p any name without a colon (as
 * XML's; with one, "xmlns:p:xmlns:p…" would be read again from each mention inside it), either quote.
 */
const NAMESPACE_DECLARATION = /xmlns(?::[^\s="'<>/:]+)?\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
/** DOCTYPE or ENTITY declarations, and processing instructions (the declaration is stripped first). */
const FORBIDDEN = /<!\s*(?:DOCTYPE|ENTITY)|<\?/i;

/** The text after its declaration (DECLARATION). */
function withoutDeclaration(text: string): string {
  return text.slice(DECLARATION.exec(text)?.[0].length ?? 0);
}

/** The root element of a document (the text after its declaration): comments skipped, its start tag read. */
function rootOf(document: string): { prefix?: string; name: string; startTag: string; body: string } | undefined {
  const body = document.slice(commentsEnd(document));
  const root = ROOT_START.exec(body);
  const startTag = START_TAG.exec(body)?.[0];
  if (!root?.[2] || !startTag) return undefined;
  return { ...(root[1] ? { prefix: root[1] } : {}), name: root[2], startTag, body };
}

const closingTag = (root: { prefix?: string; name: string }) =>
  root.prefix ? `</${root.prefix}:${root.name}>` : `</${root.name}>`;

/** A DOCTYPE first (an HTML one is a page: file-type.ts reads it before). */
const DOCTYPE_START = /^<!\s*DOCTYPE\b/i;
/** A namespace declared on the root's start tag: XML's alone. */
const DECLARES_NAMESPACE = /\bxmlns\s*[:=]/;

/**
 * Whether a text is an XML document, fiscal or not, its XML declaration optional: it opens with a
 * DOCTYPE, or with a root element that declares a namespace or whose closing tag ends the file (or
 * that is the whole file, closed on itself). An order export saved without `<?xml …?>`
 * (`<pedidos xmlns="…">`) is one; a note opening with "<pedido 1042> atrasado", "<ana@loja.com.br>
 * escreveu:" or a CSV header "<produto>;<preço>" is not.
 */
export function isXmlDocument(text: string): boolean {
  const document = withoutDeclaration(text);
  if (DOCTYPE_START.test(document)) return true;
  const root = rootOf(document);
  if (!root) return false;
  if (DECLARES_NAMESPACE.test(root.startTag)) return true;
  const rest = root.body.trimEnd();
  return rest.endsWith(closingTag(root)) || (root.startTag.endsWith('/>') && rest === root.startTag);
}

export function isFiscalXml(text: string, htmlTag: RegExp): boolean {
  const document = withoutDeclaration(text);
  if (FORBIDDEN.test(document) || htmlTag.test(document)) return false;
  const root = rootOf(document);
  if (!root) return false;
  const { prefix, name, startTag, body } = root;
  if (!FISCAL_ROOTS.includes(name)) return false;
  // The root's own namespace: its prefix's declaration, or the default one, on the root itself.
  const own = prefix
    ? new RegExp(`\\bxmlns:${prefix.replace(/[.-]/g, '\\$&')}\\s*=\\s*["']([^"']*)["']`).exec(startTag)?.[1]
    : /\bxmlns\s*=\s*["']([^"']*)["']/.exec(startTag)?.[1];
  if (own === undefined || !FISCAL_NAMESPACES.includes(own)) return false;
  if (!body.trimEnd().endsWith(closingTag(root))) return false;
  for (const mention of body.matchAll(NAMESPACE_MENTION)) {
    NAMESPACE_DECLARATION.lastIndex = mention.index;
    const m = NAMESPACE_DECLARATION.exec(body);
    const uri = m ? (m[1] ?? m[2] ?? '') : '';
    if (!FISCAL_NAMESPACES.includes(uri) && !COMPANION_NAMESPACES.includes(uri)) return false;
  }
  return true;
}
