/**
 * The console's own ports (issue 14): the ID-token verifier (aws-jwt-verify behind it, in
 * shared/adapters/) and the paginated case index (GSI queries, never a scan).
 */
import type { CaseStatus } from '../domain/case';
import type { Outcome } from '../domain/outcome';
import type { StaffClaims } from './access';

export type TokenRefusal = 'expired' | 'invalid';

/** Verifies a Cognito-shaped ID token: signature (JWKS), `exp`, `iss`, `aud`/client, `token_use: id`. */
export interface StaffTokenVerifier {
  /** `graceSeconds`: accept a token expired at most this long ago (the authorizer's window only). */
  verify(
    token: string,
    options?: { graceSeconds?: number },
  ): Promise<{ ok: true; claims: StaffClaims } | { ok: false; reason: TokenRefusal }>;
}

/** One row of the case list, read from the index item (no message items). */
export interface CaseSummary {
  caseId: string;
  protocol?: string;
  status: CaseStatus;
  outcome: Outcome;
  senderEmail: string;
  senderName?: string;
  subject: string;
  assignee?: string;
  dueAt?: string;
  createdAt: string;
  /** A guided record that is stored automatic mail (isAutomaticMail): its situation is not "Orientado". */
  automatic?: true;
}

export interface CaseListFilter {
  /** Only this analyst's cases. */
  assignee?: string;
  /** This analyst's cases or unassigned ones (an analyst's own view). */
  assigneeOrNone?: string;
  outcome?: Outcome;
  /** Due before this instant (ISO): overdue. */
  dueBefore?: string;
  /**
   * With `dueBefore`: also the accepted cases with no due date yet (waiting for their analyst)
   * received before this instant — the date their acknowledgement promised has passed (promisedBefore).
   */
  promisedBefore?: string;
  /** Only these statuses (the sender search; the status lists are keyed on the status). */
  statuses?: readonly CaseStatus[];
}

export interface CasePage {
  items: CaseSummary[];
  /** Opaque cursor of the next page; absent on the last one. */
  next?: string;
}

export type CasePageRequest = { limit: number; cursor?: string };

/** Index queries only: newest first, a filter applied inside the query, a page at a time. */
export interface ConsoleCaseIndex {
  byStatus(status: CaseStatus, filter: CaseListFilter, page: { limit: number; cursor?: string }): Promise<CasePage>;
  /** Several statuses as one list, newest first: per page one Query per status, never more. */
  byStatuses(statuses: readonly CaseStatus[], filter: CaseListFilter, page: CasePageRequest): Promise<CasePage>;
  bySender(email: string, filter: CaseListFilter, page: { limit: number; cursor?: string }): Promise<CasePage>;
}
