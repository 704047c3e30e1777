import type { Verdicts } from './submission';

/**
 * Whether the mail's sender is authenticated enough to act as that address (SPEC step 8 and
 * "Trust rules"): DKIM, or SPF and DMARC; a DMARC failure refuses whatever else passed, and missing
 * verdicts refuse. The one rule for staff mail acting on a case and for a merchant's mail joining
 * their case: a mail that passes no check only claims its From, which anyone can write. DKIM counts
 * only when its signature is of the From domain, where that is known (`dkimAligned`, from SES's
 * stored headers): anyone can sign a mail with their own domain and write someone else's From.
 */
export function senderAuthenticated(verdicts: Verdicts | undefined, dkimAligned?: boolean): boolean {
  if (!verdicts || verdicts.dmarc === 'FAIL') return false;
  const dkim = verdicts.dkim === 'PASS' && dkimAligned !== false;
  return dkim || (verdicts.spf === 'PASS' && verdicts.dmarc === 'PASS');
}

/**
 * Whether a merchant's mail proves its From, for joining the merchant's own case: senderAuthenticated,
 * or, when the From domain publishes no DMARC at all (GRAY), an SPF pass of an envelope domain
 * aligned with the From (`spfAligned`) — the check DMARC itself would make. Small stores' own
 * domains (a hosting plan, Google Workspace without DKIM) often have SPF and nothing else, and their
 * replies to their case would otherwise each open a new submission. Staff mail keeps the SPEC's
 * literal rule (senderAuthenticated): the office's own domain publishes DMARC.
 */
export function merchantAuthenticated(
  verdicts: Verdicts | undefined,
  alignment: { dkimAligned?: boolean | undefined; spfAligned?: boolean | undefined },
): boolean {
  if (senderAuthenticated(verdicts, alignment.dkimAligned)) return true;
  return verdicts?.dmarc === 'GRAY' && verdicts.spf === 'PASS' && alignment.spfAligned === true;
}

/**
 * Whether the mail proves its From by the From domain's own word (Trust rules): a DMARC pass, or a
 * DKIM pass whose signature is known to be of the From domain (`dkimAligned`, from SES's stored
 * headers). Stricter than merchantAuthenticated (no SPF-only proof, no DKIM of an unknown domain):
 * the rule for a mail that joins her open case by naming its ticket, with no header tying it to the
 * case, so a copy that only claims her From never lands in (or takes) her case.
 */
export function fromProven(verdicts: Verdicts | undefined, dkimAligned: boolean | undefined): boolean {
  if (!verdicts || verdicts.dmarc === 'FAIL') return false;
  return verdicts.dmarc === 'PASS' || (verdicts.dkim === 'PASS' && dkimAligned === true);
}

/**
 * Whether a mail's From may own a prior ticket (a case in that merchant's name): it is proven
 * (merchantAuthenticated), or nothing contradicts it — the envelope SPF checked is of the From's
 * own domain, or unknown. A From no check proves, sent with another domain's envelope, is a claim
 * only: its automatic reply goes to that envelope (RFC 3834 §4), so a stranger who knew a
 * merchant's ticket number would open a case in her name and be sent its protocol. Small stores
 * whose domain publishes nothing still send with their own envelope, and keep their case.
 */
export function fromMayOwnTicket(
  verdicts: Verdicts | undefined,
  alignment: { dkimAligned?: boolean | undefined; spfAligned?: boolean | undefined },
): boolean {
  return alignment.spfAligned !== false || merchantAuthenticated(verdicts, alignment);
}

/**
 * Whether the provider's verdicts alone prove the From domain, before the mail is read: only a
 * DMARC pass does (it is aligned with the From by definition; a DKIM pass may be of any domain,
 * and which one is only in the stored mail). The delivery claim asks this.
 */
export function fromDomainProven(verdicts: Verdicts | undefined): boolean {
  return verdicts?.dmarc === 'PASS';
}

/**
 * Whether the return path an automatic reply goes to (RFC 3834 §4) is the sender's own: only an SPF
 * pass proves it (SPF is the envelope domain's word; DKIM and DMARC prove the From, which need not
 * be the return path). Mail without it may name anyone's address as its envelope: the office still
 * answers it, but never with the sender's words (the subject, echoed) in a mail to a stranger.
 */
export function returnPathProven(verdicts: Verdicts | undefined): boolean {
  return verdicts?.spf === 'PASS';
}

/** The domain of an address (`<a@b.com.br>`, `a@B.com.br.`), lower-cased; '' without one. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : bareDomain(address.slice(at + 1).replace(/>\s*$/, ''));
}

/** A domain name as compared: no surrounding space, lower-cased, no root dot. */
export function bareDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * DMARC's relaxed alignment without the public-suffix list: the same domain, or one a subdomain of
 * the other (a store's `loja.com.br` and its mail host's `mail.loja.com.br`).
 */
export function domainsAligned(a: string, b: string): boolean {
  return a !== '' && b !== '' && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
}

/**
 * DMARC failed, but the From domain publishes `p=none`: its owner asks receivers to take no action
 * on a failure (RFC 7489 §6.3), as when a store's own CRM or host sends in its name unaligned. Such
 * mail is not quarantined, as mail from a domain without DMARC is not (SPF's own failure included:
 * the DMARC policy is the domain's word on it); it is still unauthenticated, so it joins no case.
 */
export function dmarcMonitoringOnly(verdicts: Verdicts | undefined): boolean {
  return verdicts?.dmarc === 'FAIL' && verdicts.dmarcPolicy === 'NONE';
}
