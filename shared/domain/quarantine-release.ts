/**
 * Releasing quarantined mail into triage (staff console, supervisors): which quarantine verdicts a
 * supervisor may vouch for, and the verdicts the new decision reads. Only judgements about the
 * sender can be overruled by a person who knows the sender — spam scoring and SPF/DMARC
 * authentication — and a mail the intake failed on (shared/app/poison-mail.ts): that failure may be
 * our defect (a deploy's bug on an ordinary header or charset), so once it is fixed the release
 * reads the mail again; if it still fails, the release request ends in the release DLQ, which pages.
 * A virus verdict, mail the parser found unreadable or oversized and refused staff-address mail are
 * never released: a second decision would relay the same malware, fail the same way, or turn a
 * forged staff command into a merchant case.
 */
import type { Decision } from './decision';
import type { HistoryEvent } from './lifecycle/types';
import { INTAKE_FAILED_PROBLEM, UNREAD_REASON } from './received-mail';
import type { VerdictName, Verdicts } from './submission';

/** Quarantine rules a supervisor may vouch for, with the SES verdict each one reads. */
const VOUCHABLE: Record<string, VerdictName> = {
  'quarantine.spam': 'spam',
  'quarantine.auth.dmarc': 'dmarc',
  'quarantine.auth.spf': 'spf',
};

export type ReleaseRefusal =
  /** Not (or no longer) quarantined, or already reviewed by someone. */
  | 'not-in-quarantine'
  /** A quarantine rule that no supervisor can overrule (virus, unreadable, staff mail). */
  | 'not-vouchable';

const PARSE_PROBLEM_RULE = 'quarantine.parse-problem';

/**
 * Whether the record was quarantined because the intake failed on its mail every time (poison mail),
 * not because the parser found it unreadable: the parse-problem rule fired with the intake-failed
 * problem, which leads the decision's reason (the parse problem is the engine's first quarantine hit).
 */
export function intakeFailed(decision: Pick<Decision, 'ruleIds' | 'reason'>): boolean {
  return (
    decision.ruleIds.includes(PARSE_PROBLEM_RULE) &&
    decision.reason.startsWith(`${UNREAD_REASON}: ${INTAKE_FAILED_PROBLEM}: `)
  );
}

/** Whether a release vouches for the sender (some verdict held it): what the second decision counts as passed. */
export function vouchesForSender(decision: Pick<Decision, 'ruleIds'>): boolean {
  return decision.ruleIds.some((id) => Object.hasOwn(VOUCHABLE, id));
}

/** pt-BR explanation shown on the console when release is not offered. */
export const RELEASE_REFUSAL_PT: Record<ReleaseRefusal, string> = {
  'not-in-quarantine': 'Esta mensagem não está mais na fila de quarentena.',
  'not-vouchable':
    'Só mensagens retidas por spam, por falha de autenticação do remetente (SPF/DMARC) ou porque a triagem falhou ao processá-las podem ser liberadas; vírus, mensagens corrompidas ou grandes demais e e-mails recusados no endereço de um caso ficam em quarentena.',
};

/**
 * Why the email-intake function refused a release the console had asked for (shared/app/quarantine-
 * release.ts), after the console said it was asked: the record keeps it (`releaseRefused`) so the
 * supervisor reads what happened on the mail's page, not only the logs.
 */
export type AsyncReleaseRefusal = ReleaseRefusal | 'no-raw-mail' | 'still-quarantined';

/** A refused release on the record: why, who asked, when it was refused. */
export interface ReleaseRefused {
  reason: AsyncReleaseRefusal;
  by: string;
  at: string;
  /**
   * When the console asked (the request's `at`): the same request delivered again is the same refusal,
   * noted once. Absent on refusals noted before it was kept.
   */
  requestedAt?: string;
}

/**
 * The last refused release in a record's history (its `quarantine-release-refused` events), as the
 * quarantine list reads it off the status index, which projects the history but not `releaseRefused`.
 */
export function lastReleaseRefused(
  history: readonly HistoryEvent[] | undefined,
): { at: string; reason: AsyncReleaseRefusal; requestedBy: string } | undefined {
  for (let i = (history?.length ?? 0) - 1; i >= 0; i--) {
    const e = history?.[i];
    if (e?.type === 'quarantine-release-refused') return { at: e.at, reason: e.reason, requestedBy: e.requestedBy };
  }
  return undefined;
}

/** pt-BR for the supervisor: what became of the release she asked for. */
export const RELEASE_REFUSED_PT: Record<AsyncReleaseRefusal, string> = {
  'not-in-quarantine':
    'a mensagem já tinha sido revisada (liberada ou descartada por alguém da supervisão) ou saiu da fila de quarentena.',
  'not-vouchable': RELEASE_REFUSAL_PT['not-vouchable'],
  'no-raw-mail':
    'não há e-mail original arquivado para a triagem ler de novo (envio pelo formulário, ou o e-mail já foi apagado pelo prazo de retenção). Descarte a mensagem e peça ao remetente que escreva de novo.',
  'still-quarantined':
    'lida de novo, a triagem reteve a mensagem outra vez; o motivo mostrado nesta página é o da nova leitura. Ela só pode ser descartada.',
};

/** Why a record cannot be released, or null when a supervisor may release it. */
export function releaseRefusal(record: {
  status: string;
  reviewedAt?: string | undefined;
  decision: Pick<Decision, 'outcome' | 'ruleIds' | 'reason'>;
}): ReleaseRefusal | null {
  if (record.status !== 'QUARANTINED' || record.reviewedAt) return 'not-in-quarantine';
  const quarantineRules = record.decision.ruleIds.filter((id) => id.startsWith('quarantine.'));
  const releasable = (id: string) =>
    Object.hasOwn(VOUCHABLE, id) || (id === PARSE_PROBLEM_RULE && intakeFailed(record.decision));
  if (quarantineRules.length === 0 || !quarantineRules.every(releasable)) {
    return 'not-vouchable';
  }
  return null;
}

/**
 * The verdicts the second decision reads: those the supervisor vouched for count as passed.
 * The case keeps SES's own verdicts (the analyst's notice shows them); only the decision is told.
 */
export function vouchedVerdicts(verdicts: Verdicts | undefined): Verdicts | undefined {
  if (!verdicts) return undefined;
  const vouched = { ...verdicts };
  for (const key of Object.values(VOUCHABLE)) if (vouched[key] === 'FAIL') vouched[key] = 'PASS';
  // SES names a DMARC policy only beside a failure.
  if (vouched.dmarc !== 'FAIL') delete vouched.dmarcPolicy;
  return vouched;
}

/** A mail a supervisor released from quarantine: who vouched for its sender (roster id) and when. */
export interface MessageRelease {
  by: string;
  at: string;
}
