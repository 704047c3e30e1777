/**
 * A mail the email intake failed on every attempt (Lambda's async retries, then the on-failure
 * destination): whether the failure was the mail's own doing, from what Lambda wrote of the last
 * attempt. Only a failure the mail itself can cause is poison — the runtime died (out of memory, a
 * process exit), the attempt timed out, or the code hit a JavaScript engine error (a TypeError, a stack
 * overflow's RangeError) on the mail's structure. Everything else (a named service error, a network
 * error, a reply not sent yet, an event that was not an SES receipt, an event too old to run) is
 * the platform's: left for staff as before, since quarantining a readable mail as unreadable would
 * tell a merchant her mail could not be read, and no supervisor can release it.
 */

/** What the on-failure destination record says of the last attempt (requestContext, responsePayload). */
export interface IntakeFailure {
  /** Lambda's reason for giving up: RetriesExhausted or EventAgeExceeded. */
  readonly condition?: string | undefined;
  readonly errorType?: string | undefined;
  readonly errorMessage?: string | undefined;
}

export type PoisonKind = 'timeout' | 'runtime' | 'code-error';

/** JavaScript's own error classes: thrown by the engine on code paths, never by an AWS client. */
const ENGINE_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'URIError', 'EvalError']);

/**
 * The runtime kinds a mail can cause: the process killed (out of memory) or exited mid-mail. The
 * other Runtime.* kinds (ImportModuleError, HandlerNotFound, UserCodeSyntaxError, MalformedHandlerName,
 * InvalidEntrypoint, Unknown…) are a deploy's: every mail fails alike, none is the mail's doing.
 */
const MAIL_RUNTIME_ERRORS = new Set(['Runtime.OutOfMemory', 'Runtime.ExitError']);

/** Lambda's message for an invocation that ran out of time (the runtime writes no errorType for it). */
const TIMED_OUT = /\bTask timed out after\b/;

/** The kind of poison, or null when the failure is not the mail's doing. */
export function poisonKindOf(failure: IntakeFailure): PoisonKind | null {
  // An event that never ran (throttled past its maximum age) says nothing about the mail.
  if (failure.condition !== 'RetriesExhausted') return null;
  const type = failure.errorType ?? '';
  const message = (failure.errorMessage ?? '').slice(0, 500);
  if (type === 'Sandbox.Timedout' || TIMED_OUT.test(message)) return 'timeout';
  if (MAIL_RUNTIME_ERRORS.has(type)) return 'runtime';
  if (ENGINE_ERRORS.has(type)) return 'code-error';
  return null;
}

/**
 * The breaker: past this many mails quarantined unread in an hour (fixed UTC hour, all senders), the
 * failures are our code's or platform's (a deploy's bug on ordinary mail), not hostile mail — the next
 * ones are left for staff (IntakeDlq, page) instead of quarantined with a notice telling each merchant
 * her mail could not be read. Hostile mail is rare; a deploy's bug fails every mail of its kind.
 */
export const POISON_MAIL_PER_HOUR = 5;

/** Whether the `count`th poison mail of the hour (this one included) is past the breaker. */
export function breakerOpen(count: number): boolean {
  return count > POISON_MAIL_PER_HOUR;
}

/** What a header scan of a raw mail's first bytes read (shared/mail/header-peek.ts). */
export interface PeekedHeaders {
  /** The From field's address (lower-cased), '' when none or no single author's (header-peek's oneAuthor). */
  from: string;
  messageId?: string;
  /** The envelope sender SES wrote on the stored mail (Return-Path), when it did. */
  returnPath?: string;
  /** The auto-reply headers (AUTO_REPLY_HEADERS), lower-cased names, as the parser keeps them. */
  headers: Record<string, string>;
}
