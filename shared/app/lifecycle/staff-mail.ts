/**
 * Mail to a per-case staff reply address (`caso+<protocol>.<token>@<domain>`, SPEC.md step 8).
 *
 * It acts on the case only when, in this order:
 * 1. it is not an automatic message (an analyst's out-of-office must never reach the merchant);
 * 2. a recipient is a staff reply address of our domain, and every such recipient names the same
 *    case (a mail to two cases' addresses is ambiguous: which one it was meant for is a guess);
 * 3. sender authentication passed: DKIM, or SPF and DMARC — and DMARC did not fail;
 * 4. the sender is an active member of the roster;
 * 5. the token verifies for (protocol, that member's id): the address was issued to them;
 * 5a. that address is in the mail's own To or Cc, not only its envelope (a signed mail of theirs
 *    handed to the case's address again by someone else is not theirs to act with);
 * 6. the case exists.
 * Anything else returns `quarantine` with the reason, and nothing is written or sent: the caller
 * stores the mail as quarantined for review.
 *
 * A mail whose HTML part (what the analyst saw) and text part (what is parsed) carry different
 * commands is refused, nothing applied or relayed (commands.ts `parseStaffMailParts`).
 *
 * A verified mail always leaves one history event: the transition it asked for, or a `refused`
 * event (malformed command, wrong state, not the case's analyst) with a pt-BR explanation mailed
 * back to the sender. Its SES message id is the idempotency key, and so is the mail's own identity
 * (author + Message-ID, kept on its events): the same signed mail delivered again days later under
 * another SES id — re-sent by anyone who holds a copy, after the delivery claim expired (30 days)
 * or when no DMARC pass let it claim one — is the same action, and changes nothing again.
 */
import { createHash } from 'node:crypto';
import { ABSENCE_SIGNS, isMachineGenerated, machineSignOf } from '../../domain/auto-reply-policy';
import type { OuvidoriaConfig } from '../../domain/config';
import { htmlToPlainText } from '../../domain/html-to-text';
import { DAY_SECONDS, utcDayStart } from '../../domain/instant';
import {
  freshStaffText,
  opensWithCommands,
  type ParsedStaffMail,
  parseStaffMailParts,
} from '../../domain/lifecycle/commands';
import { findProtocols } from '../../domain/protocol';
import {
  EFFECT_TEXTS,
  leftOutReasonPt,
  renderAbsenceNotice,
  renderSetAsideNotice,
  type SetAsideReason,
} from '../../domain/lifecycle/messages';
import {
  type ParsedReplyAddress,
  parseStaffReplyAddress,
  verifyStaffReplyToken,
} from '../../domain/lifecycle/reply-address';
import {
  type Actor,
  isOnLeave,
  type LeftOutFile,
  type RefusalCode,
  type StaffMember,
} from '../../domain/lifecycle/types';
import { fromProven } from '../../domain/sender-authentication';
import { withoutMerchantSubject } from '../../domain/assignment';
import { leftOutFiles, relayableAttachments } from '../../domain/lifecycle/relayed-files';
import { normaliseMessageId } from '../../domain/message-id';
import { type AttachmentMeta, type Submission, virusDetected } from '../../domain/submission';
import { type LifecycleDeps, lifecycleMessageId, type ResolvedDeps, resolveDeps } from './commit';
import type { StaffMailQuarantineReason } from './ports';
import { applyStaffCommand } from './staff-command';
import { answersInsideQuote } from '../../domain/lifecycle/inline-answers';
import { automaticOfficeMail } from '../office-mail';
import { sameAddress } from '../threading';

export type StaffMailResult =
  | { kind: 'quarantine'; reason: StaffMailQuarantineReason }
  | { kind: 'applied'; caseId: string; protocol: string; events: string[] }
  | { kind: 'refused'; caseId: string; protocol: string; codes: RefusalCode[] }
  | { kind: 'duplicate'; caseId: string; protocol: string }
  /**
   * Not staff: the case's own merchant writing to its staff address (an analyst copied her on a
   * case mail and she answered it). Her words are hers to the case, as if she had cited its
   * protocol: the intake threads the mail with a merchant's checks (threading.ts caseOfMerchantMail),
   * and sets it aside for `otherwise` when her case does not take it.
   */
  | { kind: 'merchant'; protocol: string; otherwise: StaffMailQuarantineReason };

/**
 * Whether a mail proves it is its From's, for acting as staff: the office domain's own word (DMARC
 * pass), or a DKIM pass known to be of that domain (fromProven). A DKIM pass whose domain SES did not
 * say (no Authentication-Results of its own on the stored mail) proves nothing about the From: anyone
 * signs with their own domain. Unknown is not aligned here, as it may be for a merchant's thread.
 */
function staffAuthenticated(mail: Submission): boolean {
  return fromProven(mail.verdicts, mail.dkimAligned);
}

export async function handleStaffMail(mail: Submission, rawDeps: LifecycleDeps): Promise<StaffMailResult> {
  const deps = resolveDeps(rawDeps);
  const { config, telemetry } = deps;
  const quarantine = (reason: StaffMailQuarantineReason, protocol?: string): StaffMailResult => {
    telemetry.staffMailQuarantined({ reason, ...(protocol ? { protocol } : {}) });
    return { kind: 'quarantine', reason };
  };

  const sign = machineSignOf(mail, config, 'staff');
  if (sign !== undefined) {
    if (ABSENCE_SIGNS.has(sign)) await tellSupervisorsAway(mail, deps);
    return quarantine('automatic-message');
  }
  const addresses = mail.recipients.flatMap((r) => parseStaffReplyAddress(r, config) ?? []);
  const address = addresses[0];
  if (!address) return quarantine('not-a-staff-address');
  if (addresses.some((a) => a.protocol !== address.protocol)) return quarantine('ambiguous-address');
  const { protocol } = address;
  // Malware by SES's anti-virus: whoever wrote it, nothing of it acts or goes on to the merchant.
  if (virusDetected(mail.verdicts)) return quarantine('virus', protocol);
  // The case's own merchant: a staff member's proof is not hers to give (a small store's domain may
  // have SPF alone, which her thread accepts), so she is asked about before it. Read only for mail
  // that is no verified staff mail: an analyst's answer pays nothing for it.
  const merchant = async (otherwise: StaffMailQuarantineReason): Promise<StaffMailResult> => {
    const state = await deps.cases.getStateByProtocol(protocol);
    return state && sameAddress(state.senderEmail, mail.sender.address)
      ? { kind: 'merchant', protocol, otherwise }
      : quarantine(otherwise, protocol);
  };
  // Authenticated, and by one author: "From: ana, someone else" leaves who wrote it to a guess.
  if (mail.authorUnclear || !staffAuthenticated(mail)) {
    return merchant('sender-authentication-failed');
  }
  const member = await deps.staff.byEmail(mail.sender.address.toLowerCase());
  if (!member) return merchant('unknown-sender');
  if (!member.active) return quarantine('inactive-sender', protocol);
  // The case's addresses of several members (a reply to all): the sender's own is the one that counts.
  const issuedToSender = (a: ParsedReplyAddress) =>
    verifyStaffReplyToken(a, member.id, deps.secret, config.lifecycle.tokenLength);
  if (!addresses.some(issuedToSender)) {
    await tellSetAside(mail, member, protocol, 'bad-token', deps);
    return quarantine('bad-token', protocol);
  }
  // The envelope is whoever delivers the mail's word, and no signature covers it: a colleague in
  // Cc of Ana's answer (or in To of any mail of hers) could hand that signed mail to the case's
  // address again, and it would act as hers. Her own To or Cc names the address she wrote to.
  const written = (mail.addressedTo ?? mail.recipients).flatMap((r) => parseStaffReplyAddress(r, config) ?? []);
  if (!written.some((a) => a.protocol === protocol && issuedToSender(a))) {
    await tellSetAside(mail, member, protocol, 'not-addressed-to-case', deps);
    return quarantine('not-addressed-to-case', protocol);
  }
  const found = await deps.cases.getByProtocol(protocol, EFFECT_TEXTS);
  if (!found) return quarantine('unknown-case', protocol);

  const actor: Extract<Actor, { kind: 'staff' }> = { kind: 'staff', id: member.id, role: member.role };
  const mailId = staffMailId(member.id, mail.messageId);
  // The quote and signature cut finds her commands; what reaches the merchant is cleaned where every
  // path's text is (applyStaffCommand: no signature of hers, no staff address).
  const own = (text: string) => freshStaffText(text, member);
  const fresh = own(mail.text);
  // What she saw: the HTML part, when the mail has one, must carry the same commands as the text.
  const seen = mail.html === undefined ? undefined : own(htmlToPlainText(mail.html));
  const files = { attachments: mail.attachments, virus: mail.verdicts?.virus };
  const relayed = relayableAttachments(files, config.lifecycle.maxRelayAttachmentBytes);
  const leftOut = leftOutFiles(files, relayed);
  const parsed = filesOnly(
    parseStaffMailParts(
      fresh,
      seen,
      {
        maxExtensionBusinessDays: config.lifecycle.maxExtensionBusinessDays,
        caseNames: { merchantName: found.senderName, storeName: found.storeName },
      },
      withoutMerchantSubject(mail.subject, found.subject),
    ),
    relayed,
    leftOut,
    config,
  );

  // Her mailbox's absence notice said only by its text (commands.ts withoutAbsenceNotice): refused
  // as her mail below, and the supervisors hear of it as of any out-of-office of hers.
  if (!parsed.ok && parsed.problems.some((p) => p.code === 'absence-notice')) {
    await tellSupervisorsAway(mail, deps);
    // One explanation a day: a responder that answers every mail (no Auto-Submitted, no interval)
    // would answer each explanation too, and each answer be explained again — a loop.
    if (!(await firstToday(`staff-absence-text-${member.id}`, deps))) return quarantine('automatic-message', protocol);
  }
  const result = await applyStaffCommand(
    found.caseId,
    actor,
    parsed,
    parsed.ok ? parsed.body : '',
    deps,
    {
      sourceId: mail.sourceId,
      ...(mailId ? { mailId } : {}),
      origin: 'mail',
      channel: 'email',
      receivedAt: mail.receivedAt,
      subject: mail.subject,
      attachments: relayed,
      ...(leftOut.length > 0 ? { leftOut } : {}),
      ...(mail.raw ? { raw: mail.raw } : {}),
      ...(answersInsideQuote(mail.text, fresh, mail.attachments.length > 0) ? { answersInQuote: true } : {}),
    },
    found,
  );
  const ids = { caseId: found.caseId, protocol };
  switch (result.kind) {
    case 'not-found':
      return quarantine('unknown-case', protocol);
    case 'duplicate':
      return { kind: 'duplicate', ...ids };
    case 'refused':
      telemetry.staffMailRefused({ ...ids, staffId: member.id, codes: result.codes });
      return { kind: 'refused', ...ids, codes: result.codes };
    case 'applied':
      telemetry.staffMailApplied({ ...ids, staffId: member.id, events: result.events });
      return { kind: 'applied', ...ids, events: result.events };
  }
}

/**
 * An analyst's commands sent to the ombudsman address instead of the case's (a reply to a notice
 * that has no Reply-To, a new mail): nothing acts on a case there, and the office's own domain gets
 * no automatic reply, so she would believe the case closed. When the mail opens with a well-formed
 * command and comes, authenticated, from an active member, she is told (as for a mail set aside)
 * and the caller keeps it as quarantined, never as a merchant's submission. Anyone else's mail is
 * not concerned (false): it goes on as any mail to the office. Reads the roster only for a mail
 * that opens with a command.
 */
export async function handleMisaddressedCommands(mail: Submission, rawDeps: LifecycleDeps): Promise<boolean> {
  const deps = resolveDeps(rawDeps);
  const { config } = deps;
  const options = { maxExtensionBusinessDays: config.lifecycle.maxExtensionBusinessDays };
  if (mail.channel !== 'email' || !opensWithCommands(freshStaffText(mail.text), options)) return false;
  if (isMachineGenerated(mail, config, 'staff')) return false;
  if (mail.authorUnclear || !staffAuthenticated(mail)) return false;
  const member = await deps.staff.byEmail(mail.sender.address.toLowerCase());
  if (!member?.active) return false;
  deps.telemetry.staffMailQuarantined({ reason: 'misaddressed-commands' });
  await tellSetAside(mail, member, findProtocols(mail.subject)[0], 'ombudsman-address', deps);
  return true;
}

/**
 * An authenticated, active member's own mail set aside: she is told, at her roster address only
 * (never the mail's From or Reply-To), at most lifecycle.staffQuarantineNoticesPerDay a day, so
 * that copies of her signed mail re-sent by someone else cannot flood her. Best effort: the mail
 * is quarantined whether or not the notice goes.
 */
async function tellSetAside(
  mail: Submission,
  member: StaffMember,
  protocol: string | undefined,
  reason: SetAsideReason,
  deps: ResolvedDeps,
): Promise<void> {
  const { config, clock, noticeLimiter } = deps;
  if (!noticeLimiter) return;
  try {
    const hits = await noticeLimiter.hit(`staff-set-aside-${member.id}`, utcDayStart(clock.now()), DAY_SECONDS);
    if (hits > config.lifecycle.staffQuarantineNoticesPerDay) return;
    const notice = renderSetAsideNotice(protocol, mail.subject, member, reason, config);
    await sendStaffNotice(deps, member, notice, 'set-aside', mail.sourceId);
  } catch {
    // A notice SES refuses (a suppressed address, the sandbox) or a throttled limiter must not fail
    // the delivery: a thrown error would keep the mail from being stored as quarantined, send the
    // notice again on each retry and end in the intake's DLQ. The quarantine list still shows it.
  }
}

/**
 * An out-of-office of a member's own mailbox answered a case mail: she may be away with no leave on
 * the roster, so new cases keep going to her and her merchants wait. The supervisors are told, once
 * a day per member — only for her own authenticated mail to a case's reply address, while she is
 * active and not on leave already.
 */
async function tellSupervisorsAway(mail: Submission, deps: ResolvedDeps): Promise<void> {
  const { config, clock, noticeLimiter } = deps;
  const protocol = mail.recipients.flatMap((r) => parseStaffReplyAddress(r, config) ?? [])[0]?.protocol;
  if (!noticeLimiter || !protocol) return;
  if (mail.authorUnclear || !staffAuthenticated(mail)) return;
  try {
    const member = await deps.staff.byEmail(mail.sender.address.toLowerCase());
    if (!member?.active || isOnLeave(member, deps.calendar.localDate(clock.now()))) return;
    if ((await noticeLimiter.hit(`staff-away-${member.id}`, utcDayStart(clock.now()), DAY_SECONDS)) > 1) return;
    for (const supervisor of await deps.staff.supervisors()) {
      if (supervisor.id === member.id) continue;
      const notice = renderAbsenceNotice(
        member,
        supervisor,
        { protocol, receivedAt: mail.receivedAt, text: mail.text },
        config,
      );
      await sendStaffNotice(deps, supervisor, notice, 'away', mail.sourceId);
    }
  } catch {
    // As tellSetAside: a notice that cannot go must not fail the delivery (the quarantine list shows the mail).
  }
}

/** The first hit of `key` today (office day in UTC, as the other notices' limits); true without a limiter. */
async function firstToday(key: string, deps: ResolvedDeps): Promise<boolean> {
  const { noticeLimiter, clock } = deps;
  if (!noticeLimiter) return true;
  try {
    return (await noticeLimiter.hit(key, utcDayStart(clock.now()), DAY_SECONDS)) <= 1;
  } catch {
    // A throttled limiter must not fail the delivery: the explanation goes (the loop's next turn asks again).
    return true;
  }
}

/**
 * An automatic notice of the office to one member (answering it acts on nothing: no case address),
 * its id keyed on what caused it and whom it is for (a retry sends the same mail).
 */
async function sendStaffNotice(
  deps: ResolvedDeps,
  to: Pick<StaffMember, 'id' | 'email'>,
  notice: { subject: string; text: string; html: string },
  kind: string,
  sourceId: string,
): Promise<void> {
  await deps.mailer.send(
    automaticOfficeMail(to.email, notice, deps.config, lifecycleMessageId(deps, kind, sourceId, to.id)),
  );
}

/**
 * A staff mail's own identity (HistoryEvent.mailId): its author and Message-ID, hashed. Only
 * authenticated mail of that member gets this far, so no one else can take an id of hers first.
 */
export function staffMailId(staffId: string, messageId: string | undefined): string | undefined {
  const id = messageId ? normaliseMessageId(messageId) : '';
  if (id === '') return undefined;
  return createHash('sha256').update(`staff-mail\n${staffId}\n${id}`).digest('hex').slice(0, 32);
}

/**
 * The text parser reads words only: a mail of files without a word ("sem texto novo") is an answer
 * of those files, or, when none of them can go to the merchant, refused saying which and why.
 */
function filesOnly(
  parsed: ParsedStaffMail,
  relayed: readonly AttachmentMeta[],
  leftOut: readonly LeftOutFile[],
  config: OuvidoriaConfig,
): ParsedStaffMail {
  if (parsed.ok || !parsed.problems.every((p) => p.code === 'empty-answer')) return parsed;
  if (relayed.length > 0) return { ok: true, commands: [], body: '' };
  if (leftOut.length === 0) return parsed;
  const files = leftOut.map((f) => `${f.filename}: ${leftOutReasonPt(f, config)}`).join('; ');
  const message = `Sua mensagem trazia só arquivos que a Ouvidoria não envia ao lojista (${files}): nada foi enviado.`;
  return { ok: false, problems: [{ code: 'empty-answer', message }], commandLines: [] };
}
