/**
 * SES verdicts from the headers SES prepends to a raw mail it stores in S3:
 *
 *   Return-Path: <…>
 *   Received: from … by inbound-smtp.<region>.amazonaws.com …
 *   X-SES-Spam-Verdict: PASS
 *   X-SES-Virus-Verdict: PASS
 *   Received-SPF: pass (spfCheck: …) client-ip=…; envelope-from=…;
 *   Authentication-Results: amazonses.com; spf=pass …; dkim=pass …; dmarc=pass …
 *   X-SES-RECEIPT: …
 *   X-SES-DKIM-SIGNATURE: …
 *   <the sender's own header block>
 *
 * Only that top block is read: the same fields further down were written by the sender (or
 * anyone on the way) and can be forged. The block is the run of SES's fields at the very top,
 * each once (one Received field: SES's own), ending at X-SES-RECEIPT / X-SES-DKIM-SIGNATURE;
 * Authentication-Results count only when their authserv-id is amazonses.com. Used by the triage
 * command on mail taken from the bucket (in production the verdicts come with the SES event
 * instead), and by parseEmail for what the event does not say: which domains the passing DKIM
 * signatures are of (see dkimAlignedWith).
 */
import { bareDomain, domainOf, domainsAligned } from '../domain/sender-authentication';
import type { Verdict, Verdicts } from '../domain/submission';
import { type HeaderField, readHeaderBlock } from './header-block';

/** Fields SES writes on top of the stored message. */
const SES_FIELDS = new Set([
  'return-path',
  'received',
  'x-ses-spam-verdict',
  'x-ses-virus-verdict',
  'received-spf',
  'authentication-results',
  'x-ses-receipt',
  'x-ses-dkim-signature',
]);

/** The fields SES writes after its verdicts: its block ends with them. */
const SES_LAST_FIELDS = new Set(['x-ses-receipt', 'x-ses-dkim-signature']);

export interface SesHeaderVerdicts {
  verdicts: Verdicts;
  /** The SES fields read, in order (names only), for the triage output. */
  fields: string[];
  /**
   * Domains of the DKIM signatures SES found valid (`dkim=pass header.i=@d` or `header.d=d`),
   * lower-cased; undefined when SES wrote no Authentication-Results.
   */
  dkimPassDomains?: string[];
  /**
   * The From domains SES's DMARC results name (`dmarc=… header.from=d`), lower-cased, without a root
   * dot; undefined when SES wrote no Authentication-Results. A verdict is about that domain only.
   */
  dmarcFromDomains?: string[];
}

/** The header block, strictly: it ends at the first line that is not a field (read as latin1, as SES's ASCII). */
function topFields(raw: Buffer): HeaderField[] {
  return readHeaderBlock(raw, { encoding: 'latin1', strayLine: 'end' });
}

function verdictWord(value: string | undefined): Verdict | undefined {
  const v = (value ?? '').trim().toUpperCase();
  return ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'].includes(v) ? (v as Verdict) : undefined;
}

/** RFC 8601 result words → SES verdicts: only "fail" is a failure; "could not tell" is GRAY. */
function resultWord(value: string | undefined): Verdict | undefined {
  switch ((value ?? '').toLowerCase()) {
    case 'pass':
      return 'PASS';
    case 'fail':
      return 'FAIL';
    case 'softfail':
    case 'neutral':
    case 'none':
    case 'policy':
      return 'GRAY';
    case 'temperror':
    case 'permerror':
      return 'PROCESSING_FAILED';
    default:
      return undefined;
  }
}

/**
 * One result of an Authentication-Results field (RFC 8601 resinfo): `dkim=pass header.i=@x.com`.
 * `props` holds its `ptype.property=value` pairs, the keys lower-cased.
 */
interface ResInfo {
  method: string;
  result: string;
  props: Map<string, string>;
}

/**
 * SES's Authentication-Results, read as results only SES could have written. Its SPF result quotes
 * the envelope (`envelope-from=…; helo=…;`), which the sender chose: a quoted local part or a HELO
 * may carry `;dkim=pass header.d=<someone else's domain>;`. So, before splitting on ';':
 * - the SPF text SES also wrote on its own in Received-SPF is cut out where it recurs;
 * - comments and quoted strings (RFC 5322 CFWS, where RFC 8601 lets them stand) are blanked;
 * and a result is a method word, '=', a result word and then only whitespace-separated properties.
 */
function resultsOf(authResults: string, receivedSpf: string | undefined): ResInfo[] {
  let text = authResults.replace(/\s+/g, ' ');
  const spf = receivedSpf?.replace(/\s+/g, ' ').trim();
  // Its result word stays, and the ';' that ended it.
  if (spf) text = text.replace(`spf=${spf}`, `spf=${spf.split(/[\s(;]/)[0]}${spf.endsWith(';') ? ';' : ''}`);
  const results: ResInfo[] = [];
  // The first part is the authserv-id ("amazonses.com").
  for (const part of withoutCommentsAndQuotes(text).replace(/\s+/g, ' ').split(';').slice(1)) {
    const m = /^ ?([a-z][a-z0-9-]*) ?= ?([a-z]+)(?: (.*))?$/i.exec(part.trimEnd());
    if (!m) continue;
    const props = new Map<string, string>();
    for (const token of (m[3] ?? '').split(' ')) {
      const eq = token.indexOf('=');
      if (eq > 0) props.set(token.slice(0, eq).toLowerCase(), token.slice(eq + 1));
    }
    results.push({ method: (m[1] as string).toLowerCase(), result: (m[2] as string).toLowerCase(), props });
  }
  return results;
}

/** Text with each comment `( … )` (nested, `\`-escaped) and quoted string `" … "` blanked out. */
function withoutCommentsAndQuotes(text: string): string {
  // SES's own comment went with the SPF text cut out above: most fields have none left.
  if (!/[("\\]/.test(text)) return text;
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (quoted || depth > 0)) {
      i++;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0 && c === '"') quoted = true;
    else if (depth === 0) {
      out += c;
      continue;
    }
    out += ' ';
  }
  return out;
}

function methodResults(results: readonly ResInfo[], method: string): Verdict[] {
  const out: Verdict[] = [];
  for (const r of results) {
    if (r.method !== method) continue;
    const v = resultWord(r.result);
    if (v) out.push(v);
  }
  return out;
}

/** Several DKIM signatures: one that passes is enough; else any failure; else the first result. */
function combine(results: Verdict[]): Verdict | undefined {
  if (results.includes('PASS')) return 'PASS';
  if (results.includes('FAIL')) return 'FAIL';
  return results[0];
}

/**
 * The verdicts SES wrote on top of a stored raw mail, or undefined when the mail carries no
 * SES block (a message saved from a mail client, a sample file).
 */
export function readSesVerdictHeaders(raw: Buffer): SesHeaderVerdicts | undefined {
  const fields = topFields(raw);
  const block: { name: string; value: string }[] = [];
  for (const field of fields) {
    // SES writes each of its fields once, X-SES-RECEIPT and X-SES-DKIM-SIGNATURE last: a field again
    // (a second Received is the sender's chain), or anything after those two, is the sender's — an
    // Authentication-Results there is forged, even when SES wrote none of its own.
    if (!SES_FIELDS.has(field.name) || block.some((f) => f.name === field.name)) break;
    if (block.some((f) => SES_LAST_FIELDS.has(f.name)) && !SES_LAST_FIELDS.has(field.name)) break;
    block.push(field);
  }
  const first = (name: string) => block.find((f) => f.name === name)?.value;
  const spam = verdictWord(first('x-ses-spam-verdict'));
  const virus = verdictWord(first('x-ses-virus-verdict'));
  const auth = block.find(
    (f) => f.name === 'authentication-results' && /^amazonses\.com\s*(?:;|$)/i.test(f.value),
  )?.value;
  const receivedSpf = first('received-spf');
  if (!spam && !virus && auth === undefined && receivedSpf === undefined) return undefined;

  const results = auth === undefined ? [] : resultsOf(auth, receivedSpf);
  const spf = combine(methodResults(results, 'spf')) ?? resultWord(receivedSpf?.split(/[\s(;]/)[0]);
  const dkim = auth ? combine(methodResults(results, 'dkim')) : undefined;
  const dmarc = auth ? combine(methodResults(results, 'dmarc')) : undefined;
  return {
    verdicts: {
      spam: spam ?? 'DISABLED',
      virus: virus ?? 'DISABLED',
      spf: spf ?? 'GRAY',
      dkim: dkim ?? 'GRAY',
      dmarc: dmarc ?? 'GRAY',
    },
    fields: block.map((f) => f.name),
    ...(auth
      ? {
          dkimPassDomains: dkimPassDomains(results, signingDomains(fields)),
          dmarcFromDomains: results.flatMap((r) => {
            const domain = r.method === 'dmarc' ? r.props.get('header.from') : undefined;
            // The block is read as latin1: a domain SES wrote in UTF-8 is read back as such.
            return domain === undefined ? [] : [bareDomain(Buffer.from(domain, 'latin1').toString('utf8'))];
          }),
        }
      : {}),
  };
}

/** The `d=` domain of each DKIM-Signature field of the mail, lower-cased ('' where it has none). */
function signingDomains(fields: readonly { name: string; value: string }[]): string[] {
  return fields
    .filter((f) => f.name === 'dkim-signature')
    .map((f) => {
      const tag = f.value
        .split(';')
        .map((t) => t.replace(/\s+/g, ''))
        .find((t) => t.toLowerCase().startsWith('d='));
      return bareDomain(tag?.slice(2) ?? '');
    });
}

/**
 * The domains of the passing DKIM results, each the domain (or a parent of the `header.i`) of a
 * signature the mail carries: SES reports one result per signature it checked, so more results
 * than signatures, or a pass of a domain that signed nothing, were not written by SES, and then no
 * pass counts (the mail proves its From in other ways, or not at all).
 */
function dkimPassDomains(results: readonly ResInfo[], signers: readonly string[]): string[] {
  const dkim = results.filter((r) => r.method === 'dkim' && r.result !== 'none');
  if (dkim.length > signers.length) return [];
  const domains: string[] = [];
  for (const r of dkim) {
    if (r.result !== 'pass') continue;
    const identity = r.props.get('header.i');
    const domain =
      r.props.get('header.d') ?? (identity?.includes('@') ? identity.slice(identity.lastIndexOf('@') + 1) : undefined);
    if (domain === undefined) continue;
    const bare = bareDomain(domain);
    if (!signers.some((d) => d !== '' && (bare === d || bare.endsWith(`.${d}`)))) return [];
    domains.push(bare);
  }
  return domains;
}

/**
 * Whether a DKIM signature SES found valid is of the From address's domain, or one of them is a
 * subdomain of the other (DMARC's relaxed alignment, without the public-suffix list): a valid
 * signature of some other domain proves nothing about the From.
 */
export function dkimAlignedWith(fromAddress: string, passDomains: readonly string[]): boolean {
  const from = domainOf(fromAddress);
  return passDomains.some((d) => domainsAligned(bareDomain(d), from));
}
