import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';

/**
 * The longest local part (before the '@') of an address (RFC 5321 4.5.3.1.1): SES refuses a longer
 * one, so the form refuses it too, rather than open a case whose every mail to the merchant fails.
 */
export const MAX_LOCAL_PART_CHARS = 64;

/**
 * The longest address a form takes (RFC 5321 4.5.3.1.3: a 256-octet path, its brackets included).
 * The web form, the status form and the roster cut here before their patterns, which are then read in
 * bounded time.
 */
export const MAX_ADDRESS_CHARS = 254;

/**
 * The longest address a case holds: a received mail's sender may be longer than the forms' limit
 * (MAX_ADDRESS_CHARS), and what reads a case's address back must take it.
 */
export const MAX_MAILBOX_ADDRESS_CHARS = 320;

/**
 * Whether two addresses reach one mailbox as its provider defines it: case and spaces aside, and
 * Gmail's own equivalences — dots in the name, a "+tag", googlemail.com. A merchant who typed
 * "mariasouza@gmail.com" when opening a support ticket writes from "maria.souza@gmail.com": the
 * same account, which nobody else can hold. Only Gmail's: on other domains a dot or a "+" may
 * name another mailbox.
 */
export function sameMailbox(a: string, b: string): boolean {
  const x = mailboxOf(a);
  return x !== '' && x === mailboxOf(b);
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The one spelling of the mailbox an address reaches (sameMailbox's key): lower case, the domain in
 * ASCII, and for Gmail the name without dots or "+tag" at gmail.com. For comparisons that must take
 * the same time wherever two addresses differ (the status page's).
 */
export function mailboxKey(address: string): string {
  return mailboxOf(address);
}

function mailboxOf(address: string): string {
  // One domain, whichever form it is written in: the directory may hold "açaí.com.br", the mail "xn--aa-4iaz".
  const trimmed = address.trim().toLowerCase();
  const lower = withAsciiDomain(trimmed) ?? trimmed;
  const at = lower.lastIndexOf('@');
  if (at <= 0) return lower;
  const domain = lower.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return lower;
  const name = lower.slice(0, at).split('+')[0]?.replaceAll('.', '') ?? '';
  return name === '' ? lower : `${name}@gmail.com`;
}

/**
 * The key of a limit meant for one inbox (automatic replies per sender and day): Gmail's
 * equivalences, and a "+tag" cut on every domain. Stricter than sameMailbox outside Gmail, which
 * only makes such a limit count a few addresses together; never used to decide who someone is.
 */
export function inboxLimitKey(address: string): string {
  const box = mailboxOf(address);
  const at = box.lastIndexOf('@');
  if (at <= 0) return box;
  const name = box.slice(0, at).split('+')[0] ?? '';
  return name === '' ? box : `${name}${box.slice(at)}`;
}

/** inboxLimitKey hashed, for a limiter's key: one counter per inbox, no address in the table. */
export function hashedInboxKey(address: string): string {
  return createHash('sha256').update(inboxLimitKey(address)).digest('hex').slice(0, 32);
}

/**
 * The address with its domain as the DNS, SES and DMARC have it: ASCII, an internationalised label in
 * its `xn--` form ("loja@açaí.com.br" → "loja@xn--aa-4iaz.com.br"; mailparser and a form show it in
 * Unicode, where a Cyrillic "е" passes for a Latin one). Undefined when the domain is no domain name;
 * the local part stays as it is (SES sends to none that is not ASCII).
 */
export function withAsciiDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  if (PRINTABLE_ASCII.test(domain)) return address;
  const ascii = domainToASCII(domain);
  return ascii === '' ? undefined : `${address.slice(0, at + 1)}${ascii}`;
}

const PRINTABLE_ASCII = /^[ -~]*$/;
