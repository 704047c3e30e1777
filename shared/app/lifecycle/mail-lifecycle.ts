/**
 * The case lifecycle as the intake calls it (SPEC step 8): mail to a per-case staff address and a
 * merchant's follow-up. The intake receives it as a dependency, not an import, so that only the
 * function that receives mail carries staff commands and the state machine: the webform never
 * gets staff mail or a threaded reply, and its bundle and cold start no longer pay for them
 * (issue 16).
 */
import type { CaseMessage } from '../../domain/case';
import type { WorkCase } from '../../domain/lifecycle/types';
import type { Submission } from '../../domain/submission';
import type { LifecycleDeps } from './commit';
import { asksNothingAfterClosing, handleMerchantReply, type MerchantReplyResult } from './merchant-reply';
import { handleMisaddressedCommands, handleStaffMail, type StaffMailResult } from './staff-mail';

export interface MailLifecycle {
  /** Mail to a per-case staff reply address: a staff command, applied, refused or quarantined. */
  staffMail(mail: Submission): Promise<StaffMailResult>;
  /**
   * A mail to the ombudsman address that opens with staff commands: true when it is an active
   * member's (she is told where commands go; the caller keeps the mail as quarantined).
   */
  misaddressedCommands(mail: Submission): Promise<boolean>;
  /**
   * The case's merchant wrote again: the message, the event and the status move in one write.
   * `automatic`: its text is an automatic reply's (her helpdesk's acknowledgement): it asks for nothing.
   */
  merchantReply(parent: WorkCase, message: CaseMessage, intake?: { automatic?: boolean }): Promise<MerchantReplyResult>;
  /** Her mail to a closed case asks for nothing (thanks, praise, a rating), her analyst's name known. */
  asksNothingAfterClosing(parent: WorkCase, mail: Submission): Promise<boolean>;
}

/** The lifecycle's mail handling over its dependencies (kept readable: the composition root's tests check them). */
export interface BoundMailLifecycle extends MailLifecycle {
  readonly deps: LifecycleDeps;
}

export function mailLifecycle(deps: LifecycleDeps): BoundMailLifecycle {
  return {
    deps,
    staffMail: (mail) => handleStaffMail(mail, deps),
    misaddressedCommands: (mail) => handleMisaddressedCommands(mail, deps),
    merchantReply: (parent, message, intake) => handleMerchantReply(parent, message, deps, intake),
    asksNothingAfterClosing: (parent, mail) => asksNothingAfterClosing(parent, mail, deps),
  };
}
