/**
 * The per-case staff reply address (SPEC.md step 8): `caso+<protocol>.<token>@<domain>`, set as
 * Reply-To on every mail the office sends a staff member about a case.
 *
 * token = the first `lifecycle.tokenLength` characters of base32 (RFC 4648, lower case, no
 * padding) of HMAC-SHA256(secret, "staff-reply\n<PROTOCOL>\n<staff id>"). It binds the address
 * to the case AND to the person it was sent to: the service verifies it with the roster id of the
 * mail's sender, so an address forwarded to (or guessed by) anyone else does not verify. The
 * secret lives in Secrets Manager (a file locally); rotating it invalidates addresses in flight.
 *
 * Parsing is strict about the shape and tolerant of letter case (mail systems may lower-case the
 * local part): `CASO+ouv-2026-000123.ABC…@Domain` parses; anything else is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OuvidoriaConfig } from '../config';
import { MAX_MAILBOX_ADDRESS_CHARS, withAsciiDomain } from '../mailbox';
import { parseProtocol } from '../protocol';
import { escapeRegExp } from '../text';

export type ReplySecret = string | Uint8Array;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function assertSecret(secret: ReplySecret): void {
  if (secret.length < 16) throw new RangeError('The staff reply secret must have at least 16 bytes');
}

/** The token for (protocol, staff id); the protocol is taken in its canonical upper-case form. */
export function staffReplyToken(protocol: string, staffId: string, secret: ReplySecret, tokenLength: number): string {
  assertSecret(secret);
  const mac = createHmac('sha256', secret).update(`staff-reply\n${protocol.toUpperCase()}\n${staffId}`).digest();
  return base32(mac).slice(0, tokenLength);
}

/** `caso+OUV-2026-000123.<token>@<domain>` for the staff member `staffId`. */
export function staffReplyAddress(
  protocol: string,
  staffId: string,
  secret: ReplySecret,
  config: OuvidoriaConfig,
): string {
  if (!parseProtocol(protocol)) throw new RangeError(`Not a protocol number: ${JSON.stringify(protocol)}`);
  const { staffReplyLocalPart, tokenLength } = config.lifecycle;
  const token = staffReplyToken(protocol, staffId, secret, tokenLength);
  return `${staffReplyLocalPart}+${protocol.toUpperCase()}.${token}@${config.domain.toLowerCase()}`;
}

export interface ParsedReplyAddress {
  /** Canonical, upper case: OUV-2026-000123. */
  protocol: string;
  /** Lower case, as issued. */
  token: string;
}

/** The address of a recipient as written ("<addr>", "Name <addr>" or bare), trimmed and lower-cased; null when not a string or far too long. */
function bareAddress(address: string): string | null {
  if (typeof address !== 'string' || address.length > MAX_MAILBOX_ADDRESS_CHARS + 200) return null;
  const bracketed = /<([^<>]*)>\s*$/.exec(address);
  return (bracketed ? (bracketed[1] ?? '') : address).trim().toLowerCase();
}

/** The local part of a bare address at the office's own domain, or null for any other domain. */
function localPartAtOurDomain(bare: string, config: Pick<OuvidoriaConfig, 'domain'>): string | null {
  const at = bare.lastIndexOf('@');
  if (at < 1 || bare.slice(at + 1) !== config.domain.toLowerCase()) return null;
  return bare.slice(0, at);
}

/**
 * The protocol and token of a staff reply address, or null when the address is not one of ours:
 * other domain, other local part, malformed protocol, token of the wrong length or alphabet.
 * Accepts "<addr>" and "Name <addr>" as they appear in headers.
 */
export function parseStaffReplyAddress(address: string, config: OuvidoriaConfig): ParsedReplyAddress | null {
  const bare = bareAddress(address);
  if (bare === null || bare.length > MAX_MAILBOX_ADDRESS_CHARS) return null;
  const local = localPartAtOurDomain(bare, config);
  if (local === null) return null;
  const { staffReplyLocalPart, tokenLength } = config.lifecycle;
  const prefix = `${staffReplyLocalPart}+`;
  if (!local.startsWith(prefix)) return null;
  const m = /^(ouv-\d{4}-\d{6,9})\.([a-z2-7]+)$/.exec(local.slice(prefix.length));
  if (!m) return null;
  const protocol = (m[1] as string).toUpperCase();
  const token = m[2] as string;
  if (!parseProtocol(protocol) || token.length !== tokenLength) return null;
  return { protocol, token };
}

/** True when `token` was issued for (protocol, staffId) with this secret. Constant time in the token. */
export function verifyStaffReplyToken(
  parsed: ParsedReplyAddress,
  staffId: string,
  secret: ReplySecret,
  tokenLength: number,
): boolean {
  const expected = Buffer.from(staffReplyToken(parsed.protocol, staffId, secret, tokenLength));
  const given = Buffer.from(parsed.token.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether a recipient is a well-formed staff reply address (one whose token can be verified). */
export function isStaffReplyAddress(address: string, config: OuvidoriaConfig): boolean {
  return parseStaffReplyAddress(address, config) !== null;
}

/** What names the staff reply mailbox: our domain and its local part. */
export type StaffReplyMailboxConfig = Pick<OuvidoriaConfig, 'domain'> & {
  lifecycle: Pick<OuvidoriaConfig['lifecycle'], 'staffReplyLocalPart'>;
};

/**
 * Whether a recipient is the staff reply mailbox at all (routing: staff mail vs merchant mail):
 * `caso@<domain>` or `caso+<anything>@<domain>`, well-formed or not. The receipt rule takes the
 * whole mailbox (labels stripped, staffReplyBaseAddress), so mail to a truncated token, a token of
 * the wrong alphabet or no label at all arrives too: it is staff-address mail that does not verify
 * (quarantined, unanswered, SPEC step 8), never a merchant's submission with an automatic reply.
 */
export function isStaffReplyMailbox(address: string, config: StaffReplyMailboxConfig): boolean {
  // The domain as SES sends to it: "caso@ｏuvidoria…" (full-width), written on a roster entry, is
  // delivered to caso@ouvidoria… (the mailer's withAsciiDomain), so it is the mailbox too.
  const bare = bareAddress(address);
  const ascii = bare === null ? undefined : withAsciiDomain(bare);
  const local = ascii === undefined ? null : localPartAtOurDomain(ascii.replace(/\.$/, ''), config);
  if (local === null) return false;
  const unquoted = local.replace(/^"(.*)"$/, '$1');
  const base = config.lifecycle.staffReplyLocalPart.toLowerCase();
  return unquoted === base || unquoted.startsWith(`${base}+`);
}

/**
 * The text with every address of the staff reply mailbox (`caso@`, `caso+<anything>@` our domain,
 * any letter case) written as the ombudsman address: what an analyst writes goes to the merchant
 * (the answer, a closing message, a reason) and onto her status page, and an address that carries
 * a staff token is never hers to see — nor to write to: her mail there would be staff mail, set
 * aside unanswered. "Escreva para caso+OUV-….abc…@" means "write to us". Linear: one pass, a
 * bounded label, no nesting.
 */
export function withoutStaffReplyAddresses(
  text: string,
  config: Pick<OuvidoriaConfig, 'lifecycle' | 'domain' | 'ombudsmanAddresses'>,
): string {
  const local = escapeRegExp(config.lifecycle.staffReplyLocalPart);
  const domain = escapeRegExp(config.domain);
  const pattern = new RegExp(
    `(?<![\\w.+-])${local}(?:\\+[^\\s@<>"(),;:]{0,${MAX_MAILBOX_ADDRESS_CHARS}})?@${domain}(?![\\w-]|\\.\\w)`,
    'giu',
  );
  return text.replace(pattern, config.ombudsmanAddresses[0] as string);
}

/**
 * The text with the writer's own mailbox address (her roster address, any letter case) written as the
 * ombudsman address: a signature the cut did not recognise ("Beto", a nickname) still never hands the
 * merchant an analyst's own address — she writes to the office, and the office answers from it.
 */
export function withoutOwnAddress(
  text: string,
  address: string,
  config: Pick<OuvidoriaConfig, 'ombudsmanAddresses'>,
): string {
  if (!address.includes('@')) return text;
  const pattern = new RegExp(`(?<![\\w.+-])${escapeRegExp(address)}(?![\\w-]|\\.\\w)`, 'giu');
  return text.replace(pattern, config.ombudsmanAddresses[0] as string);
}

/** The address a mail server routes every staff reply address by: `caso@<domain>` (labels stripped). */
export function staffReplyBaseAddress(config: Pick<OuvidoriaConfig, 'lifecycle' | 'domain'>): string {
  return `${config.lifecycle.staffReplyLocalPart}@${config.domain.toLowerCase()}`;
}
