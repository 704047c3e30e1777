/**
 * Carrying out the effects a transition stored (its outbox): mails, open-case counts, timers.
 * Each effect is settled (removed from the case) once done; one that fails stays pending, the
 * others still run, and the call throws at the end so that the platform retries — the retry finds
 * the cause in the history and carries out what is still pending. What no retry completes (a console
 * action, a run that died holding a claim) the effects sweep does (effect-sweep.ts).
 *
 * Carried out late, an effect may no longer fit the case (a reopening after the close whose mail
 * failed): it is settled unsent (effect-fit.ts). Open-case counts converge on the case instead of
 * counting ±1 in arrival order (convergeCounts): one more read of the case per run that counts.
 */
import { caseMerchantBouncing } from '../../domain/bounce-policy';
import { encryptedMail, filesNotTaken } from '../../domain/encrypted-mail';
import { AUTOMATIC_MAIL_HEADERS, officeSender } from '../../domain/auto-reply-policy';
import type { CaseMessage } from '../../domain/case';
import { timersFor } from '../../domain/lifecycle/deadlines';
import { effectStillFits, type FitCase } from '../../domain/lifecycle/effect-fit';
import {
  renderAnswerToMerchant,
  renderClosingMail,
  renderAnswerOverlap,
  renderEncryptedReply,
  renderFilesNotTaken,
  renderEscalation,
  renderExtensionNotice,
  renderLowSurveyScore,
  renderMerchantMessageToAnalyst,
  renderReminder,
  renderAnswerToBouncingAddress,
  renderReopenNotice,
  renderFilesLeftOut,
  renderStaffExplanation,
  staffMayRetry,
  renderClosedByOther,
  renderTransferredAway,
  renderTransferNotice,
  renderUndeliverableNotice,
} from '../../domain/lifecycle/messages';
import { relayableAttachments } from '../../domain/lifecycle/relayed-files';
import { staffReplyAddress } from '../../domain/lifecycle/reply-address';
import { surveyLinks, surveyOpenAt } from '../../domain/lifecycle/survey';
import { type RatingNews, ratingNews } from '../../domain/lifecycle/mailed-rating';
import { closingWords } from '../../domain/lifecycle/thanks';
import { rawMailOf } from '../../domain/retention';
import {
  type Effect,
  isOnLeave,
  isOpenStatus,
  type PendingEffect,
  type StaffMember,
  supervisionOf,
  type WorkCase,
} from '../../domain/lifecycle/types';
import { type RenderedMail, threadTopic } from '../../domain/replies';
import { bestEffortAfterSend } from '../after-send';
import { mailMerchant } from '../office-mail';
import { lifecycleMessageId, type ResolvedDeps } from './commit';
import type { LifecycleOutgoingMail, RelayedAttachments } from './ports';
import { staffIdsOf, staffNames } from './staff-names';

export class LifecycleEffectsFailed extends Error {
  constructor(
    readonly caseId: string,
    readonly failures: { effectId: string; kind: string; error: unknown }[],
  ) {
    super(`${failures.length} lifecycle effect(s) failed on case ${caseId}: ${failures.map((f) => f.kind).join(', ')}`);
    this.name = 'LifecycleEffectsFailed';
  }
}

/**
 * How long a runner holds an effect it is carrying out: past the longest timeout of a function that
 * carries out effects (email-intake, 60 s), so a live runner never loses it to a concurrent one; and
 * short of the platform's retries (async invocations retry after about 1 and 3 minutes, the intake
 * queue after 6), so a runner that died mid-effect leaves it to the next retry. A retry that comes
 * while the claim still holds skips the effect and succeeds; the effects sweep takes only effects
 * stored longer ago than this, and completes those.
 */
export const EFFECT_CLAIM_MS = 90 * 1000;

/** Keep the thread root and the latest ids, as replyHeaders does. */
const MAX_REFERENCES = 20;

function fromHeader(deps: ResolvedDeps): string {
  return officeSender(deps.config);
}

/**
 * The conversation's mails in her mailbox, in order (for In-Reply-To / References): her first mail,
 * our acknowledgement as she received it (`deliveredAs`), then her later mails. A form's case has
 * only the acknowledgement: without it, the case's mails named nothing and her mail program could
 * split them from it. Only ids of mails to or from her: never a staff mail's.
 */
function merchantMessageIds(c: WorkCase): string[] {
  const hers = c.messages.filter((m) => m.direction !== 'out' && m.messageId).map((m) => m.messageId as string);
  const acknowledgement = c.reply?.status === 'sent' ? (c.reply.deliveredAs ?? []) : [];
  const ids = [...new Set([...hers.slice(0, 1), ...acknowledgement, ...hers.slice(1)])];
  return ids.length > MAX_REFERENCES ? [ids[0] as string, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
}

async function sendToMerchant(
  deps: ResolvedDeps,
  c: WorkCase,
  pending: PendingEffect,
  mail: RenderedMail,
  options: { human: boolean; attachments?: RelayedAttachments },
): Promise<void> {
  const messageId = lifecycleMessageId(deps, pending.id, pending.effect.kind);
  const to = [c.senderEmail];
  const refs = merchantMessageIds(c);
  // Outlook groups a conversation by its topic: the case's subject without "Re:" (replies.ts).
  const headers: Record<string, string> = {
    'X-Auto-Response-Suppress': 'All',
    'Thread-Topic': threadTopic(mail.subject),
  };
  // The relayed answer is a person's words; notices are automatic (RFC 3834).
  if (!options.human) headers['Auto-Submitted'] = 'auto-generated';
  // Her latest mail is the one answered; a form's case answers its acknowledgement.
  const last = c.messages.findLast((m) => m.direction !== 'out' && m.messageId)?.messageId ?? refs.at(-1);
  if (last) {
    headers['In-Reply-To'] = `<${last}>`;
    headers['References'] = refs.map((id) => `<${id}>`).join(' ');
  }
  const outgoing: LifecycleOutgoingMail = {
    to,
    from: fromHeader(deps),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
    headers,
    ...(options.attachments ? { attachments: options.attachments } : {}),
  };
  // Its ids registered first, so that the merchant's answer threads into the case at once; with her
  // address, so that her server's delivery report about it counts as a bounce of mail we sent her.
  await mailMerchant(deps, c.caseId, outgoing);
}

async function sendToStaff(
  deps: ResolvedDeps,
  c: WorkCase,
  pending: PendingEffect,
  member: StaffMember,
  mail: RenderedMail,
  attachments?: RelayedAttachments,
  options: { replyTo?: boolean } = {},
): Promise<void> {
  const replyTo =
    c.protocol && options.replyTo !== false ? [staffReplyAddress(c.protocol, member.id, deps.secret, deps.config)] : [];
  await deps.mailer.send({
    to: [member.email],
    from: fromHeader(deps),
    replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: lifecycleMessageId(deps, pending.id, member.id),
    headers: { ...AUTOMATIC_MAIL_HEADERS },
    ...(attachments ? { attachments } : {}),
  });
}

/**
 * Tells every active supervisor that the case's assignment notice never reached its analyst (the
 * effects sweep gives up on it). One Message-ID per case, assignment and
 * supervisor: a retried run's copy is the same mail.
 */
export async function tellSupervisorsNoticeUndeliverable(deps: ResolvedDeps, c: WorkCase): Promise<number> {
  const analyst = c.assignee ? await deps.staff.byId(c.assignee) : null;
  const supervisors = await supervisorsFor(deps, c, 'notice-undeliverable');
  for (const supervisor of supervisors) {
    const mail = renderUndeliverableNotice(c, supervisor, analyst ?? undefined, deps.config, deps.clock.now());
    await deps.mailer.send({
      to: [supervisor.email],
      from: fromHeader(deps),
      replyTo: c.protocol ? [staffReplyAddress(c.protocol, supervisor.id, deps.secret, deps.config)] : [],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: lifecycleMessageId(deps, 'notice-undeliverable', c.caseId, c.assignedAt ?? '', supervisor.id),
      headers: { ...AUTOMATIC_MAIL_HEADERS },
    });
  }
  return supervisors.length;
}

/**
 * The active supervisors, for mail meant for them. None (a roster without one, or all of them
 * deactivated) is said loudly: the mail would go to nobody and the case wait unseen. Only supervisors
 * on leave still get it (an absence must not silence a case), and it is said as loudly: nobody
 * present reads it.
 */
async function supervisorsFor(deps: ResolvedDeps, c: WorkCase, effect: string): Promise<StaffMember[]> {
  const supervisors = await deps.staff.supervisors();
  const supervision = supervisionOf(supervisors, deps.calendar.localDate(deps.clock.now()));
  if (supervision !== 'present')
    deps.telemetry.noActiveSupervisor({
      caseId: c.caseId,
      effect,
      ...(supervision === 'on-leave' ? { onLeave: true } : {}),
    });
  return supervisors;
}

/** The staff member whose answer `sourceId` is (its `answered` event), if a member's. */
function answererOf(c: WorkCase, sourceId: string): string | undefined {
  const e = (c.history ?? []).find((h) => h.type === 'answered' && h.messageSourceId === sourceId);
  return e?.actor.kind === 'staff' ? e.actor.id : undefined;
}

/** Whether the merchant's address is in the bounce memory; unreadable, the memory warns of nothing. */
async function merchantBouncing(deps: ResolvedDeps, c: WorkCase): Promise<boolean> {
  // The case knows it already (marked by the memory's writer): no read.
  if (caseMerchantBouncing(c, deps.clock.now(), deps.config)) return true;
  if (!deps.bounces) return false;
  return deps.bounces.isSuppressed(c.senderEmail, deps.clock.now()).catch(() => false);
}

async function member(deps: ResolvedDeps, id: string): Promise<StaffMember> {
  const found = await deps.staff.byId(id);
  // A roster entry removed after the effect was stored: nothing sensible to send; settle it.
  if (!found) throw new MissingStaff(id);
  return found;
}

class MissingStaff extends Error {
  constructor(readonly staffId: string) {
    super(`No staff member ${staffId} in the roster`);
    this.name = 'MissingStaff';
  }
}

/**
 * Her reply to the closed case rates the service (a score, or one taken back in irony): what came of
 * it, for the analyst's copy. Read from her words as merchant-reply.ts read them; the survey as it
 * stands (her score is recorded right after this forward, by the same rule: recordMailedRating).
 */
async function ratingOf(c: WorkCase, received: CaseMessage, deps: ResolvedDeps): Promise<RatingNews | undefined> {
  const rating = closingWords(received)?.rating;
  if (!rating || !c.protocol || !c.closedAt) return undefined;
  if (rating.score === undefined && !rating.ironic) return undefined;
  const answer = rating.score === undefined ? null : await deps.surveys.get(c.protocol);
  return ratingNews(rating, answer, surveyOpenAt(c.closedAt, deps.clock.now(), deps.config));
}

function message(c: WorkCase, sourceId: string): CaseMessage | undefined {
  return c.messages.find((m) => m.sourceId === sourceId);
}

async function carryOut(deps: ResolvedDeps, c: WorkCase, pending: PendingEffect): Promise<void> {
  const effect: Effect = pending.effect;
  const { config } = deps;
  switch (effect.kind) {
    case 'relay-to-merchant': {
      const { answer } = effect;
      const attachments =
        answer.raw && answer.attachments.length > 0 ? { raw: answer.raw, parts: answer.attachments } : undefined;
      const mail = renderAnswerToMerchant(c, answer.body, config, effect.extension);
      await sendToMerchant(deps, c, pending, mail, { human: true, ...(attachments ? { attachments } : {}) });
      // Her address bounces: whoever answered learns it now, not at the next reminder.
      const by = answererOf(c, answer.sourceId);
      if (!by || !(await merchantBouncing(deps, c))) return;
      const staff = await deps.staff.byId(by);
      if (staff?.active) await sendToStaff(deps, c, pending, staff, renderAnswerToBouncingAddress(c, staff, config));
      return;
    }
    case 'forward-to-analyst': {
      const analyst = await member(deps, effect.analystId);
      const received = message(c, effect.messageSourceId);
      if (!received) {
        // Settled all the same (nothing to send, and a retry would find nothing either), but never
        // silently: her analyst is not told of a message of hers (red team 48 saw it, 6ecf1d6c).
        deps.telemetry.effectFailed({ caseId: c.caseId, effect: effect.kind, error: 'MessageMissing' });
        return;
      }
      const reopened = (c.history ?? []).some(
        (e) => e.type === 'reopened' && e.messageSourceId === effect.messageSourceId,
      );
      // The merchant's files go with her words (read from her stored mail by MIME part).
      const attached = received.raw ? relayableAttachments(received, config.lifecycle.maxRelayAttachmentBytes) : [];
      const files = received.raw && attached.length > 0 ? { raw: received.raw, parts: attached } : undefined;
      // Released from quarantine into her case: who vouched for it, by name (its id when gone from the roster).
      const releaser = received.released ? await deps.staff.byId(received.released.by) : null;
      const releasedBy = releaser ? { releasedBy: releaser.name } : {};
      // Her thanks on a closed case (nothing reopened): for the analyst who closed it, and no one
      // else — there is no case to move.
      if (c.status === 'CLOSED' && !reopened) {
        if (!analyst.active) return;
        const rating = await ratingOf(c, received, deps);
        const mail = renderMerchantMessageToAnalyst(c, received, analyst, config, deps.clock.now(), {
          attached,
          ...(rating ? { rating } : {}),
          ...releasedBy,
        });
        await sendToStaff(deps, c, pending, analyst, mail, files);
        return;
      }
      if (!analyst.active) {
        // The analyst left the team: her words go to the supervisors, who move the case — never to
        // a mailbox no one works on, and which may no longer act on it.
        for (const supervisor of await supervisorsFor(deps, c, effect.kind)) {
          const mail = renderMerchantMessageToAnalyst(c, received, supervisor, config, deps.clock.now(), {
            reopened,
            attached,
            inactiveAnalyst: analyst.name,
            ...releasedBy,
          });
          await sendToStaff(deps, c, pending, supervisor, mail, files);
        }
        return;
      }
      const mail = renderMerchantMessageToAnalyst(c, received, analyst, config, deps.clock.now(), {
        reopened,
        attached,
        ...releasedBy,
      });
      await sendToStaff(deps, c, pending, analyst, mail, files);
      // On leave today: her copy waits for her return; the supervisors get one too, and may move the case.
      if (analyst.leave && isOnLeave(analyst, deps.calendar.localDate(deps.clock.now()))) {
        const analystOnLeave = { name: analyst.name, until: analyst.leave.to };
        for (const supervisor of await supervisorsFor(deps, c, effect.kind)) {
          if (supervisor.id === analyst.id) continue;
          const copy = renderMerchantMessageToAnalyst(c, received, supervisor, config, deps.clock.now(), {
            reopened,
            attached,
            analystOnLeave,
            ...releasedBy,
          });
          await sendToStaff(deps, c, pending, supervisor, copy, files);
        }
      }
      return;
    }
    case 'notify-transfer': {
      const to = await member(deps, effect.to);
      const from = await deps.staff.byId(effect.from);
      const by = effect.by ? await deps.staff.byId(effect.by) : null;
      // The files of the mail that moved the case, read from it by MIME part (as a merchant's are).
      const files = effect.files;
      await sendToStaff(
        deps,
        c,
        pending,
        to,
        renderTransferNotice(
          c,
          to,
          from?.name ?? effect.from,
          effect.note,
          config,
          deps.clock.now(),
          await staffNames(deps.staff, staffIdsOf(c)),
          effect.by ? (by?.name ?? effect.by) : undefined,
          files,
        ),
        files && files.parts.length > 0 ? { raw: files.raw, parts: files.parts } : undefined,
      );
      // Someone else moved it (a supervisor): the analyst who had it learns it is no longer hers. No
      // Reply-To: the case's address would refuse what she sent.
      if (effect.by && from?.active) {
        const away = renderTransferredAway(c, from, to.name, by?.name ?? effect.by, config, deps.clock.now());
        await sendToStaff(deps, c, pending, from, away, undefined, { replyTo: false });
      }
      return;
    }
    case 'open-count':
      return convergeCounts(deps, c, [effect]);
    case 'schedule-timers': {
      for (const timer of timersFor(c.caseId, effect.dueAt, deps.clock.now(), config, deps.calendar)) {
        await deps.timers.schedule(timer);
      }
      return;
    }
    case 'notify-extension':
      return sendToMerchant(deps, c, pending, renderExtensionNotice(c, effect, config), { human: false });
    case 'notify-closed': {
      // Told only while she is on the team; no Reply-To: nothing is left to do on the case by mail.
      const analyst = await deps.staff.byId(effect.analystId);
      if (!analyst?.active) return;
      const by = await deps.staff.byId(effect.by);
      const mail = renderClosedByOther(c, analyst, by?.name ?? effect.by, config, deps.clock.now());
      return sendToStaff(deps, c, pending, analyst, mail, undefined, { replyTo: false });
    }
    case 'notify-reopen': {
      // The same person is promised only if she can answer: active and not on leave today (else the
      // supervisors got the merchant's words, see forward-to-analyst, and may move the case).
      const analyst = c.assignee ? await deps.staff.byId(c.assignee) : null;
      const analystAvailable = !!analyst?.active && !isOnLeave(analyst, deps.calendar.localDate(deps.clock.now()));
      const mail = renderReopenNotice(c, effect.dueAt, config, { analystAvailable });
      return sendToMerchant(deps, c, pending, mail, { human: false });
    }
    case 'send-closing': {
      // Closed: the raw mail starts its retention clock (LGPD) at the closing date. The merchant's
      // open-case slot is freed with the analyst's count (the close's `open-count`, convergeCounts).
      const closedAt = new Date(c.closedAt ?? deps.clock.now());
      for (const raw of rawMailOf(c)) await deps.rawMailRetention?.markClosed(raw, closedAt);
      for (const m of c.messages) {
        for (const a of m.attachments) {
          if (a.key) await deps.uploadRetention?.markClosed(a.key, a.scan === 'NO_THREATS_FOUND', closedAt);
        }
      }
      // One answer per case: a closing after a reopening offers no survey already answered.
      const surveyAnswered = c.protocol ? (await deps.surveys.get(c.protocol)) !== null : false;
      const links = c.protocol && !surveyAnswered ? surveyLinks(c.protocol, deps.clock.now(), deps.secret, config) : [];
      const mail = renderClosingMail(c, effect, links, config, { surveyAnswered, closedAt: closedAt.toISOString() });
      return sendToMerchant(deps, c, pending, mail, { human: false });
    }
    case 'item-retention':
      return deps.cases.applyItemRetention(c.caseId, c);
    case 'reopen-files':
      // The closing started the LGPD clock on the case's files; an open case keeps them.
      for (const raw of rawMailOf(c)) await deps.rawMailRetention?.markOpen(raw);
      for (const m of c.messages) for (const a of m.attachments) if (a.key) await deps.uploadRetention?.markOpen(a.key);
      return;
    case 'explain-to-staff': {
      const staff = await member(deps, effect.staffId);
      // Refused on a closed case: who closed it, by name.
      const closer = c.status === 'CLOSED' && c.closure?.by ? await deps.staff.byId(c.closure.by) : null;
      // A case that is not hers gets no reply address: an answer there would be refused again.
      return sendToStaff(
        deps,
        c,
        pending,
        staff,
        renderStaffExplanation(c, staff, effect.problems, config, closer?.name),
        undefined,
        {
          replyTo: staffMayRetry(effect.problems),
        },
      );
    }
    case 'tell-files-left-out': {
      const staff = await member(deps, effect.staffId);
      return sendToStaff(deps, c, pending, staff, renderFilesLeftOut(c, staff, effect.files, config));
    }
    case 'tell-merchant-files-not-taken': {
      const hers = message(c, effect.messageSourceId);
      // Her mail arrived encrypted: nothing of it was read, so she is asked to send it again.
      const sealed = hers ? encryptedMail(hers) : undefined;
      if (sealed) return sendToMerchant(deps, c, pending, renderEncryptedReply(c, sealed, config), { human: false });
      const names = filesNotTaken(hers?.attachments ?? []);
      if (names.length === 0) return;
      return sendToMerchant(deps, c, pending, renderFilesNotTaken(c, names, config), { human: false });
    }
    case 'tell-answer-overlap': {
      const staff = await member(deps, effect.staffId);
      const other = await deps.staff.byId(effect.otherId);
      const mail = renderAnswerOverlap(c, staff, other?.name ?? effect.otherId, effect.otherAt, config);
      return sendToStaff(deps, c, pending, staff, mail);
    }
    case 'tell-low-score': {
      // Her comment is read from the answer, not kept on the case: an erased answer tells nothing.
      const answer = c.protocol ? await deps.surveys.get(c.protocol) : null;
      if (!answer) return;
      const now = deps.clock.now();
      const analyst = await deps.staff.byId(effect.analystId);
      if (analyst?.active) {
        // By mail, the copy of her mail the analyst got said the score (ratingOf): one notice, not two.
        if (effect.via === 'email') return;
        return sendToStaff(deps, c, pending, analyst, renderLowSurveyScore(c, analyst, answer, config, now));
      }
      // Her analyst left the team: a low score is not lost, the supervisors read it.
      const inactiveAnalyst = analyst?.name ?? effect.analystId;
      for (const supervisor of await supervisorsFor(deps, c, effect.kind)) {
        const mail = renderLowSurveyScore(c, supervisor, answer, config, now, { inactiveAnalyst });
        await sendToStaff(deps, c, pending, supervisor, mail);
      }
      return;
    }
    case 'remind-analyst': {
      const analyst = await member(deps, effect.analystId);
      const onLeave = analyst.leave && isOnLeave(analyst, deps.calendar.localDate(deps.clock.now()));
      // An analyst who left the team gets nothing (as with the merchant's messages); one on leave
      // gets hers for her return. Either way the supervisors are told while there is time to act.
      const bouncing = await merchantBouncing(deps, c);
      if (analyst.active)
        await sendToStaff(
          deps,
          c,
          pending,
          analyst,
          renderReminder(c, analyst, config, deps.clock.now(), undefined, bouncing),
        );
      if (analyst.active && !onLeave) return;
      const away = { name: analyst.name, ...(analyst.active && analyst.leave ? { until: analyst.leave.to } : {}) };
      for (const supervisor of await supervisorsFor(deps, c, effect.kind)) {
        if (supervisor.id === analyst.id) continue;
        const mail = renderReminder(c, supervisor, config, deps.clock.now(), away, bouncing);
        await sendToStaff(deps, c, pending, supervisor, mail);
      }
      return;
    }
    case 'escalate': {
      const analyst = effect.analystId ? await deps.staff.byId(effect.analystId) : null;
      const away = !analyst
        ? undefined
        : !analyst.active
          ? {}
          : analyst.leave && isOnLeave(analyst, deps.calendar.localDate(deps.clock.now()))
            ? { until: analyst.leave.to }
            : undefined;
      const bouncing = await merchantBouncing(deps, c);
      for (const supervisor of await supervisorsFor(deps, c, effect.kind)) {
        const mail = renderEscalation(c, supervisor, analyst ?? undefined, config, deps.clock.now(), away, bouncing);
        await sendToStaff(deps, c, pending, supervisor, mail);
      }
      return;
    }
  }
}

type OpenCountEffect = Extract<Effect, { kind: 'open-count' }>;

/** Passes of convergeCounts before it gives up (the effect stays pending: a retry or the sweep goes on). */
const MAX_COUNT_PASSES = 5;

class CountsKeptChanging extends Error {
  constructor(readonly caseId: string) {
    super(`Case ${caseId} kept changing while its open-case counts were written`);
    this.name = 'CountsKeptChanging';
  }
}

/** Whether the analyst's marker and the merchant's slot should be there, by the case's state. */
function countsOf(c: FitCase, analysts: readonly string[]): string {
  const open = isOpenStatus(c.status);
  return [open, ...analysts.map((id) => open && c.assignee === id)].join();
}

/**
 * Carries out `open-count` effects by converging on the case rather than applying ±1 in arrival
 * order (a stale `opened` after a close, a transfer racing a close, a close racing a reopening):
 * each named analyst's marker is written as the case says — open with her or not — and so is the
 * merchant's open-case slot; then the case is read again (strongly consistent) and, if a transition
 * came in between, written again. A later transition's own runner writes after its commit, so the
 * last write always agrees with the case's final state (ports.ts OpenCaseCounter).
 */
async function convergeCounts(deps: ResolvedDeps, c: WorkCase, effects: readonly OpenCountEffect[]): Promise<void> {
  const analysts = [...new Set(effects.map((e) => e.analystId))];
  const turns = new Map(
    effects.flatMap((e) => (e.change === 'opened' && e.assignedAt ? [[e.analystId, e.assignedAt]] : [])),
  );
  let state: FitCase = c;
  for (let pass = 0; pass < MAX_COUNT_PASSES; pass++) {
    const open = isOpenStatus(state.status);
    for (const id of analysts) {
      if (open && state.assignee === id) await deps.counter.opened(id, c.caseId, turns.get(id));
      else await deps.counter.closed(id, c.caseId);
    }
    if (open) await deps.openCases?.add(c.senderEmail, c.caseId);
    else await deps.openCases?.release(c.senderEmail, c.caseId);
    const fresh = await deps.cases.getState(c.caseId);
    if (!fresh || countsOf(fresh, analysts) === countsOf(state, analysts)) return;
    state = fresh;
  }
  throw new CountsKeptChanging(c.caseId);
}

/**
 * Carries out the case's pending effects (only `onlyIds` when given: a fresh commit runs its own,
 * a retry runs everything left), settling each one done.
 */
/**
 * Effects that converge on the case as it is when they run (its items' retention): safe to run
 * twice at once, so carried out without a claim, and settled when done.
 */
const UNCLAIMED_EFFECTS: ReadonlySet<Effect['kind']> = new Set(['item-retention']);

export async function carryOutEffects(deps: ResolvedDeps, c: WorkCase, onlyIds?: ReadonlySet<string>): Promise<void> {
  const pending = Object.values(c.pendingEffects ?? {})
    .filter((p) => !onlyIds || onlyIds.has(p.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.order - b.order);
  const failures: { effectId: string; kind: string; error: unknown }[] = [];
  const kept: PendingEffect[] = [];
  for (const p of pending) {
    if (effectStillFits(p.effect, c)) {
      kept.push(p);
      continue;
    }
    // A later transition overtook it (its commit drops such effects; this one was read before).
    await deps.cases.settleEffect(c.caseId, p.id);
    deps.telemetry.effectSuperseded({ caseId: c.caseId, effect: p.effect.kind });
  }
  // Another runner of this case is carrying it out (or has): not twice.
  const claim = (p: PendingEffect) => {
    const now = deps.clock.now();
    return deps.cases.claimEffect(
      c.caseId,
      p.id,
      now.toISOString(),
      new Date(now.getTime() + EFFECT_CLAIM_MS).toISOString(),
    );
  };
  // Left pending for a retry or the sweep, and told.
  const failed = async (p: PendingEffect, error: unknown, claimed = true) => {
    if (claimed) await bestEffortAfterSend(() => deps.cases.releaseEffect(c.caseId, p.id));
    failures.push({ effectId: p.id, kind: p.effect.kind, error });
    deps.telemetry.effectFailed({
      caseId: c.caseId,
      effect: p.effect.kind,
      error: error instanceof Error ? error.name : 'unknown',
    });
  };
  // The counts first, all together: one convergence, one read of the case after writing.
  const counts = kept.filter((p) => p.effect.kind === 'open-count');
  if (counts.length > 0) {
    const claimed: PendingEffect[] = [];
    for (const p of counts) if (await claim(p)) claimed.push(p);
    try {
      if (claimed.length > 0)
        await convergeCounts(
          deps,
          c,
          claimed.map((p) => p.effect as OpenCountEffect),
        );
      for (const p of claimed) await deps.cases.settleEffect(c.caseId, p.id);
    } catch (error) {
      for (const p of claimed) await failed(p, error);
    }
  }
  for (const p of kept) {
    if (p.effect.kind === 'open-count') continue;
    // Two runners of a convergent effect at once do no harm: it is not claimed (a claim rewrites
    // the case item, whose size its write units follow).
    const claimed = !UNCLAIMED_EFFECTS.has(p.effect.kind);
    if (claimed && !(await claim(p))) continue;
    try {
      await carryOut(deps, c, p);
    } catch (error) {
      if (!claimed || !(error instanceof MissingStaff)) {
        await failed(p, error, claimed);
        continue;
      }
      deps.telemetry.effectFailed({ caseId: c.caseId, effect: p.effect.kind, error: 'MissingStaff' });
    }
    await deps.cases.settleEffect(c.caseId, p.id);
  }
  if (failures.length > 0) throw new LifecycleEffectsFailed(c.caseId, failures);
}
