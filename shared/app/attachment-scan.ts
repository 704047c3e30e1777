/**
 * A scan result that arrives after the submission (GuardDuty scans in seconds, the person may
 * have submitted first): the file's case is found by its tag, the result is recorded on the
 * case, a clean file's type is proved on its bytes, an infected or refused one is quarantined
 * (tag), and the merchant is told about an infected file in the case's language. A file no submission claimed
 * yet is left alone: the submission reads the scan tag when it claims the file.
 */
import { NO_TEXTS, type ReplyState, type TextsShown } from '../domain/case';
import type { OuvidoriaConfig } from '../domain/config';
import type { AttachmentMeta, Channel } from '../domain/submission';
import { detectFileKind } from '../domain/uploads/file-type';
import { sanitizeFilename } from '../domain/uploads/filename';
import {
  infectedNoticeMayGo,
  renderInfectedNotice,
  renderInfectedNoticeToAnalyst,
} from '../domain/uploads/infected-notice';
import { caseLanguage } from '../domain/lifecycle/merchant-words';
import {
  CASE_TAG,
  isQuarantinedScan,
  NAME_TAG,
  nameFromTag,
  type ScanStatus,
  UPLOADS_PREFIX,
} from '../domain/uploads/plan';
import type { AttachmentScanRecorder, Clock, Mailer, ReplyThrottle, UploadStore } from '../ports';
import { mailInfectedNotice } from './infected-notice';
import { moveToClaimed } from './claimed-files';
import { automaticOfficeMail } from './office-mail';
import type { MessageLanguage } from '../domain/text';

export interface AttachmentScanDeps {
  uploads: UploadStore;
  scans: AttachmentScanRecorder;
  /** Reads the case's protocol, merchant (address and name) and analyst for the notes; no text (`shown`). */
  cases: {
    get(
      caseId: string,
      shown?: TextsShown,
    ): Promise<{
      protocol?: string;
      senderEmail: string;
      senderName?: string;
      assignee?: string;
      /** The case's language (its acknowledgement's): the merchant's note is in it. */
      decision?: { language?: MessageLanguage };
      /** The case's own automatic reply: where it was held back for the address, no note goes either. */
      reply?: ReplyState;
      /** Which message listed the file: a mail's (its copy for the console) or the form's. */
      messages?: ReadonlyArray<{ channel: Channel; attachments: readonly AttachmentMeta[] }>;
    } | null>;
    /** The merchant's note records its Message-IDs with her address (app/office-mail.ts, mailMerchant). */
    addMessageIds(caseId: string, messageIds: string[], sentTo?: string[]): Promise<void>;
  };
  /** The roster, to tell the case's analyst (when the case is already assigned). */
  staff?: { get(id: string): Promise<{ name: string; email: string } | null> };
  mailer: Mailer;
  /** The merchant's note counts under her inbox's daily limit of automatic mail (app/infected-notice.ts). */
  throttle: ReplyThrottle;
  clock: Clock;
  config: OuvidoriaConfig;
}

export type ScanOutcome =
  | { kind: 'ignored'; reason: 'outside-uploads' | 'unclaimed' | 'not-on-case' | 'replaced' }
  | { kind: 'recorded'; caseId: string; scan: NonNullable<AttachmentMeta['scan']> };

/**
 * `etag`, `version`: the scanned object's, from GuardDuty's event. A clean file is copied out of the upload
 * prefix pinned to it (moveToClaimed) and its type checked on the copy: when a re-sent POST replaced
 * the upload after the scan, nothing is recorded (`replaced`) and the case keeps what it showed.
 */
export async function recordScanResult(
  key: string,
  status: ScanStatus,
  deps: AttachmentScanDeps,
  etag?: string,
  version?: string,
): Promise<ScanOutcome> {
  if (!key.startsWith(UPLOADS_PREFIX)) return { kind: 'ignored', reason: 'outside-uploads' };
  // The scanned version's tags: a re-sent POST since is another version, with no case of its own.
  const tags = await deps.uploads.tags(key, version);
  const caseId = tags[CASE_TAG];
  if (!caseId) return { kind: 'ignored', reason: 'unclaimed' };
  const declared = nameFromTag(tags[NAME_TAG]);
  let scan: NonNullable<AttachmentMeta['scan']> = status;
  let proved: { filename: string; contentType: string } | undefined;
  let movedTo: string | undefined;
  if (status === 'NO_THREATS_FOUND') {
    movedTo = await moveToClaimed(deps.uploads, key, etag, tags, caseId, version);
    if (!movedTo) return { kind: 'ignored', reason: 'replaced' };
    const check = detectFileKind(await deps.uploads.readClean(movedTo), declared, deps.config.attachments.allowedTypes);
    if (check.ok) proved = { filename: sanitizeFilename(declared, check.kind), contentType: check.mime };
    else scan = 'REFUSED';
  }
  if (isQuarantinedScan(scan))
    await deps.uploads.setState(movedTo ?? key, 'quarantined', caseId, movedTo ? undefined : version);
  const recorded = await deps.scans.recordScan(caseId, key, { scan, ...proved, ...(movedTo ? { movedTo } : {}) });
  if (recorded === 'missing') {
    // The case is gone (erased) or no longer lists the file: its copy expires like a moved upload.
    if (movedTo) await deps.uploads.setState(movedTo, 'moved', caseId);
    return { kind: 'ignored', reason: 'not-on-case' };
  }
  // A redelivered event finds the result recorded: the merchant is told once.
  if (scan === 'THREATS_FOUND' && recorded === 'recorded') {
    // Its state and addresses only: the notices quote no message.
    const record = await deps.cases.get(caseId, NO_TEXTS);
    if (record) {
      // Where the case's own automatic reply was held back for the address, no note goes there either.
      if (infectedNoticeMayGo(record.reply)) {
        // A mailed file's copy (mail-file-copies.ts) is told as sent by mail, not through the form.
        const byMail = (record.messages ?? []).some(
          (m) => m.channel === 'email' && m.attachments.some((a) => a.key === key),
        );
        const content = renderInfectedNotice(
          [declared || 'anexo'],
          record.protocol,
          deps.config,
          record.senderName,
          caseLanguage(record),
          byMail,
        );
        await mailInfectedNotice(record.senderEmail, caseId, content, deps);
      }
      // Assigned already: its analyst is told too (a later assignment's notice lists the scan result).
      const analyst = record.assignee && record.protocol ? await deps.staff?.get(record.assignee) : null;
      if (analyst && record.protocol) {
        const note = renderInfectedNoticeToAnalyst([declared || 'anexo'], record.protocol, analyst.name, deps.config);
        await deps.mailer.send(automaticOfficeMail(analyst.email, note, deps.config));
      }
    }
  }
  return { kind: 'recorded', caseId, scan };
}
