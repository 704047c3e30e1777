/**
 * In-memory implementations of the ports, with the same semantics as the DynamoDB/SES/SQS
 * adapters (conditional writes, idempotent steps), for fast unit tests of the application code.
 */
import { inboxLimitKey } from '../../shared/domain/mailbox';
import { bounceKey, type HeldReply } from '../../shared/domain/bounce-breaker';
import {
  type CaseMessage,
  type CaseRecord,
  type CaseStatus,
  MAX_CITED_BY,
  REPLY_HELD_BY_BREAKER,
  type ReplyState,
  type TextsShown,
} from '../../shared/domain/case';
import type { Analyst } from '../../shared/domain/staff';
import type { ObjectLocation } from '../../shared/domain/submission';
import type {
  PendingSubmission,
  PendingSubmissionStore,
  AddMessageIdsOptions,
  AssignmentMessage,
  AssignmentQueue,
  BounceRegistry,
  CaseBookkeeping,
  CaseCreation,
  CaseRepository,
  Clock,
  DeferralScheduler,
  Mailer,
  OutgoingMail,
  RateLimiter,
  BounceCounter,
  HeldReplies,
  RawMailHead,
  RawMailStore,
  ReplyThrottle,
  SenderOpenCases,
  StaffChange,
  StaffRepository,
  TicketDirectory,
  TicketRecord,
} from '../../shared/ports';
import {
  type AttachmentScanRecorder,
  type ConfirmationMailRequest,
  type ConfirmationMailRequests,
  TicketDirectoryUnavailable,
} from '../../shared/ports';
import type { JoinedRelease, QuarantineReleaseStore, ReleasedDecision } from '../../shared/app/quarantine-release';
import type { ReleaseRefused } from '../../shared/domain/quarantine-release';
import type { Decision, TicketCandidate } from '../../shared/domain/decision';
import type { HistoryEvent } from '../../shared/domain/lifecycle/types';
import { assignedEvent } from '../../shared/domain/lifecycle/machine';
import type { IntakeDeps } from '../../shared/app/intake';
import { localConfig } from '../../shared/domain/config';
import { isBouncing } from '../../shared/domain/bounce-policy';
import { normaliseMessageId } from '../../shared/domain/message-id';
import { formatProtocol, parseProtocol } from '../../shared/domain/protocol';

/**
 * structuredClone's copy of the stored shapes (plain objects, arrays, dates), sharing strings: they
 * are immutable, and structuredClone copied every message text on each read and write (issue 16:
 * the bench's in-memory store spent more than DynamoDB's client would). Anything else is cloned by
 * structuredClone itself.
 */
function clone<T>(value: T): T {
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = clone((value as Record<string, unknown>)[key]);
  return out as T;
}

export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

/**
 * The repository's protocol lookup (DynamoCaseRepository.getByProtocol): any letter case, null for
 * a malformed number, and an error, never a pick, when two records carry one number.
 */
export function recordByProtocol<T extends { protocol?: string }>(records: Iterable<T>, protocol: string): T | null {
  const parts = parseProtocol(protocol);
  if (!parts) return null;
  const canonical = formatProtocol(parts.year, parts.seq);
  const found = [...records].filter((record) => record.protocol === canonical);
  if (found.length > 1) throw new Error(`Protocol ${canonical} is on ${found.length} cases`);
  return found[0] ?? null;
}

/** The positions of the texts a read with `shown` reads (all without it), as on DynamoDB. */
export function textsRead<T extends { messages: CaseMessage[] }>(record: T, shown?: TextsShown): ReadonlySet<number> {
  if (!shown) return new Set(record.messages.keys());
  return shown({
    ...(record as unknown as CaseRecord),
    messages: record.messages.map(({ text: _text, ...message }) => message),
  });
}

/** The case as a read with `shown` returns it: the texts not shown are empty (TextsShown), as on DynamoDB. */
export function withTextsShown<T extends { messages: CaseMessage[] }>(record: T, shown?: TextsShown): T {
  const picked = textsRead(record, shown);
  return { ...record, messages: record.messages.map((m, i) => (picked.has(i) ? m : { ...m, text: '' })) };
}

export class InMemoryCaseRepository implements CaseRepository {
  readonly records = new Map<string, CaseRecord & { replyClaimedAt?: string }>();
  private readonly counters = new Map<number, number>();
  private readonly messageIndex = new Map<string, string>();
  /** Optional fault hook: throw from a named operation once, to test retries. */
  failNext: Partial<Record<keyof CaseRepository, Error>> = {};
  private readonly staff?: InMemoryStaffRepository;

  constructor(staff?: InMemoryStaffRepository) {
    this.staff = staff;
  }

  private maybeFail(op: keyof CaseRepository): void {
    const error = this.failNext[op];
    if (error) {
      delete this.failNext[op];
      throw error;
    }
  }

  private must(caseId: string) {
    const record = this.records.get(caseId);
    if (!record) throw new Error(`case ${caseId} not found`);
    return record;
  }

  async create(record: CaseRecord, also?: CaseCreation) {
    this.maybeFail('create');
    const existing = this.records.get(record.caseId);
    if (existing) return { created: false, record: clone(existing) };
    const stored: CaseRecord & { replyClaimedAt?: string } = clone(record);
    if (also?.replyClaim) {
      stored.replyClaimedAt = also.replyClaim.at.toISOString();
      this.carry(stored, { messageIds: also.replyClaim.messageIds });
    }
    this.records.set(record.caseId, stored);
    for (const id of record.messageIds) this.messageIndex.set(id, record.caseId);
    return { created: true, record: clone(stored) };
  }

  async getFirstStored(caseIds: string[]) {
    this.maybeFail('getFirstStored');
    const first = caseIds.find((id) => this.records.has(id));
    return first === undefined ? null : clone(this.records.get(first) as CaseRecord);
  }

  /** Message texts get, getByProtocol, findByMessageId and listBySender returned, one per text (InMemoryCaseWorkStore.textReads). */
  textReads = 0;

  async get(caseId: string, shown?: TextsShown) {
    const record = this.records.get(caseId);
    if (!record) return null;
    this.textReads += textsRead(record, shown).size;
    return withTextsShown(clone(record), shown);
  }

  async getByProtocol(protocol: string, shown?: TextsShown) {
    const found = recordByProtocol(this.records.values(), protocol);
    return found ? this.get(found.caseId, shown) : null;
  }

  async findByMessageId(messageId: string, shown?: TextsShown) {
    const caseId = this.messageIndex.get(messageId);
    return caseId ? this.get(caseId, shown) : null;
  }

  /** The case id each year's last number went to (the DynamoDB counter's `lastCase`). */
  private readonly lastCase = new Map<number, string>();

  async nextProtocol(year: number, forCase?: string) {
    this.maybeFail('nextProtocol');
    const last = this.counters.get(year) ?? 0;
    const seq = forCase !== undefined && this.lastCase.get(year) === forCase ? last : last + 1;
    this.counters.set(year, seq);
    if (forCase === undefined) this.lastCase.delete(year);
    else this.lastCase.set(year, forCase);
    return `OUV-${year}-${String(seq).padStart(6, '0')}`;
  }

  async releaseProtocol(protocol: string) {
    this.maybeFail('releaseProtocol');
    const parts = parseProtocol(protocol);
    if (!parts) throw new Error(`Not a protocol number: ${protocol}`);
    if (this.counters.get(parts.year) === parts.seq) {
      this.counters.set(parts.year, parts.seq - 1);
      this.lastCase.delete(parts.year);
    }
  }

  async setProtocolOnce(caseId: string, protocol: string) {
    this.maybeFail('setProtocolOnce');
    const record = this.must(caseId);
    record.protocol ??= protocol;
    return record.protocol;
  }

  /** Recipients of the mail we sent, by Message-ID (what a delivery report is checked against). */
  private readonly sentTo = new Map<string, string[]>();

  async addMessageIds(caseId: string, messageIds: string[], sentTo?: string[], options?: AddMessageIdsOptions) {
    this.maybeFail('addMessageIds');
    const record = this.must(caseId);
    for (const id of messageIds) {
      const holder = this.messageIndex.get(id);
      if (options?.minted || holder === undefined || (options?.takeOverFrom && holder === options.takeOverFrom))
        this.messageIndex.set(id, caseId);
      if (sentTo?.length)
        this.sentTo.set(
          id,
          sentTo.map((a) => a.toLowerCase()),
        );
      if (!options?.listedOnCase && !record.messageIds.includes(id)) record.messageIds.push(id);
    }
  }

  /** What a case write carrying bookkeeping does (as the DynamoDB adapter: ids once, first enqueue time kept). */
  private carry(record: CaseRecord, also: CaseBookkeeping | undefined) {
    for (const id of also?.messageIds ?? []) if (!record.messageIds.includes(id)) record.messageIds.push(id);
    if (also?.enqueuedAt) record.enqueuedAt ??= also.enqueuedAt.toISOString();
  }

  private readonly deliveries = new Map<string, string>();

  /** Which mail (delivery key) claimed a Message-ID pointer, when, and whether it finished, as the DynamoDB claim records it. */
  private readonly pointerClaims = new Map<string, { deliveryKey: string; at: Date; finished: boolean }>();

  async claimDelivery(deliveryKey: string, caseId: string, messageId: string | undefined, at: Date) {
    const id = messageId ? normaliseMessageId(messageId) : '';
    const pointer = id ? this.messageIndex.get(id) : undefined;
    if (id && pointer === undefined) {
      this.messageIndex.set(id, caseId);
      this.pointerClaims.set(id, { deliveryKey, at, finished: false });
      return { caseId, first: true, pointerHeld: true };
    }
    const claim = id ? this.pointerClaims.get(id) : undefined;
    if (id && pointer !== undefined && claim?.deliveryKey === deliveryKey) {
      if (pointer === caseId) {
        claim.at = at;
        return { caseId, first: false, pointerHeld: true };
      }
      const holder = { at: claim.at, finished: claim.finished };
      return { caseId: pointer, first: false, pointerHeld: false, holder };
    }
    const owner = this.deliveries.get(deliveryKey);
    if (owner) return { caseId: owner, first: false, pointerHeld: false };
    this.deliveries.set(deliveryKey, caseId);
    return { caseId, first: true, pointerHeld: false };
  }

  async takeOverDelivery(
    deliveryKey: string,
    messageId: string,
    from: { caseId: string; at: Date },
    caseId: string,
    at: Date,
  ) {
    this.maybeFail('takeOverDelivery');
    const id = normaliseMessageId(messageId);
    const claim = this.pointerClaims.get(id);
    const held =
      this.messageIndex.get(id) === from.caseId &&
      claim?.deliveryKey === deliveryKey &&
      claim.at.getTime() === from.at.getTime() &&
      !claim.finished;
    if (!held) return false;
    this.messageIndex.set(id, caseId);
    claim.at = at;
    return true;
  }

  async expireClaim(messageId: string, caseId: string) {
    const id = normaliseMessageId(messageId);
    const claim = this.pointerClaims.get(id);
    if (claim && this.messageIndex.get(id) === caseId) claim.finished = true;
  }

  /** Raw mail kept with each case (keepRawCopy), by delivery id. */
  readonly rawCopies = new Map<string, Map<string, { raw: ObjectLocation; receivedAt: string }>>();

  async keepRawCopy(caseId: string, copy: { deliveryId: string; raw: ObjectLocation; receivedAt: string }) {
    const copies = this.rawCopies.get(caseId) ?? new Map();
    copies.set(copy.deliveryId, { raw: copy.raw, receivedAt: copy.receivedAt });
    this.rawCopies.set(caseId, copies);
  }

  async findSentMail(messageId: string) {
    const caseId = this.messageIndex.get(messageId);
    const recipients = this.sentTo.get(messageId);
    return caseId && recipients ? { caseId, recipients: [...recipients] } : null;
  }

  async appendMessage(caseId: string, message: CaseMessage) {
    this.maybeFail('appendMessage');
    const record = this.must(caseId);
    if (record.messages.some((m) => m.sourceId === message.sourceId)) return false;
    record.messages.push(clone(message));
    record.updatedAt = message.receivedAt;
    return true;
  }

  async rereadFirstMessage(caseId: string, message: CaseMessage) {
    this.maybeFail('rereadFirstMessage');
    const record = this.must(caseId);
    record.messages[0] = clone(message);
    record.subject = message.subject;
  }

  async claimReply(caseId: string, now: Date, staleAfterMs: number, also?: CaseBookkeeping) {
    this.maybeFail('claimReply');
    const record = this.must(caseId);
    // Same rule as the DynamoDB adapter: a failed send may be retaken once (the claim clears
    // the failure), a claim abandoned by a crash after staleAfterMs; a sent or suppressed reply never.
    if (record.reply?.status === 'failed') {
      delete record.reply;
      record.replyClaimedAt = now.toISOString();
      this.carry(record, also);
      return true;
    }
    if (record.reply !== undefined) return false;
    const stale =
      record.replyClaimedAt !== undefined && now.getTime() - Date.parse(record.replyClaimedAt) > staleAfterMs;
    if (record.replyClaimedAt !== undefined && !stale) return false;
    record.replyClaimedAt = now.toISOString();
    this.carry(record, also);
    return true;
  }

  async claimHeldReply(caseId: string, now: Date, staleAfterMs: number) {
    this.maybeFail('claimHeldReply');
    const record = this.records.get(caseId);
    if (!record) return false;
    // Same rule as the DynamoDB adapter: the breaker's hold, a failure a retry may fix, a stale claim.
    const { reply } = record;
    const claimable =
      (reply?.status === 'suppressed' && reply.reason === REPLY_HELD_BY_BREAKER) ||
      (reply?.status === 'failed' && !reply.permanent) ||
      (reply === undefined &&
        record.replyClaimedAt !== undefined &&
        now.getTime() - Date.parse(record.replyClaimedAt) > staleAfterMs);
    if (!claimable) return false;
    delete record.reply;
    record.replyClaimedAt = now.toISOString();
    return true;
  }

  async recordReply(caseId: string, reply: ReplyState, also?: CaseBookkeeping) {
    this.maybeFail('recordReply');
    const record = this.must(caseId);
    record.reply = clone(reply);
    this.carry(record, also);
  }

  async addCitation(caseId: string, citingCaseId: string) {
    this.maybeFail('addCitation');
    const record = this.records.get(caseId);
    if (!record || record.citedBy?.includes(citingCaseId) || (record.citedBy?.length ?? 0) >= MAX_CITED_BY) return;
    record.citedBy = [...(record.citedBy ?? []), citingCaseId];
  }

  async markEnqueued(caseId: string, at: Date) {
    this.maybeFail('markEnqueued');
    this.must(caseId).enqueuedAt = at.toISOString();
  }

  async assign(caseId: string, analystId: string, at: Date, dueAt: Date, also?: CaseBookkeeping) {
    this.maybeFail('assign');
    const record = this.must(caseId);
    if (record.status !== 'QUEUED') return false;
    this.carry(record, also);
    record.status = 'ASSIGNED';
    record.assignee = analystId;
    record.assignedAt = at.toISOString();
    record.dueAt = dueAt.toISOString();
    record.updatedAt = at.toISOString();
    record.history = [...(record.history ?? []), assignedEvent(analystId, record.assignedAt, record.dueAt)];
    this.staff?.recordAssignment(analystId, at);
    return true;
  }

  async markAnalystNotified(caseId: string, at: Date, also?: CaseBookkeeping) {
    const record = this.must(caseId);
    if (record.analystNotifiedAt) return false;
    record.analystNotifiedAt = at.toISOString();
    this.carry(record, also);
    return true;
  }

  async listByStatus(status: CaseStatus, limit = 100, order: 'newest' | 'oldest' = 'newest') {
    const listed = this.sorted().filter((r) => r.status === status);
    return (order === 'oldest' ? listed.reverse() : listed).slice(0, limit);
  }

  async listBySender(senderEmail: string, limit = 100, shown?: TextsShown) {
    const listed = this.sorted()
      .filter((r) => r.senderEmail === senderEmail.toLowerCase())
      .slice(0, limit);
    for (const record of listed) this.textReads += textsRead(record, shown).size;
    return listed.map((record) => withTextsShown(record, shown));
  }

  async listAll(limit = 1000) {
    return this.sorted().slice(0, limit);
  }

  private sorted(): CaseRecord[] {
    return [...this.records.values()].map(clone).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

/** SenderOpenCases with the same one-write semantics as the DynamoDB item (a bounded set per sender). */
export class InMemorySenderOpenCases implements SenderOpenCases {
  readonly open = new Map<string, Set<string>>();

  /** With a bounce registry, the bounce memory comes back from `add`, as the DynamoDB address item's. */
  constructor(private readonly bounces?: InMemoryBounceRegistry) {}

  private of(senderEmail: string): Set<string> {
    // The inbox's count, as the DynamoDB item's (inboxKey): "+tags" and Gmail's dots share one cap.
    const key = inboxLimitKey(senderEmail);
    let ids = this.open.get(key);
    if (!ids) {
      ids = new Set();
      this.open.set(key, ids);
    }
    return ids;
  }

  async reserve(senderEmail: string, caseId: string, max: number) {
    const ids = this.of(senderEmail);
    if (!ids.has(caseId) && ids.size >= max) return false;
    ids.add(caseId);
    return true;
  }

  async add(senderEmail: string, caseId: string) {
    this.of(senderEmail).add(caseId);
    if (!this.bounces) return null;
    const until = this.bounces.entries.get(senderEmail.trim().toLowerCase())?.until;
    return until ? { until } : {};
  }

  readonly ticketHolders = new Map<string, { caseId: string; at: Date }>();

  async claimTicket(senderEmail: string, ticket: string, caseId: string, at: Date) {
    // On the inbox's item, as the DynamoDB adapter's (inboxKey: "+tags" and Gmail's dots are one inbox).
    const key = `${inboxLimitKey(senderEmail)}#${ticket}`;
    const bounce = await this.add(senderEmail, caseId);
    const holder = this.ticketHolders.get(key) ?? { caseId, at };
    this.ticketHolders.set(key, holder);
    return { bounce, holder: { ...holder } };
  }

  async ticketHolder(senderEmail: string, ticket: string) {
    const holder = this.ticketHolders.get(`${inboxLimitKey(senderEmail)}#${ticket}`);
    return holder ? { ...holder } : null;
  }

  async passTicket(senderEmail: string, ticket: string, from: string, to: string, at: Date) {
    const key = `${inboxLimitKey(senderEmail)}#${ticket}`;
    if (this.ticketHolders.get(key)?.caseId !== from) return false;
    this.ticketHolders.set(key, { caseId: to, at });
    return true;
  }

  async release(senderEmail: string, caseId: string) {
    this.of(senderEmail).delete(caseId);
  }

  async count(senderEmail: string) {
    return this.of(senderEmail).size;
  }
}

export class InMemoryStaffRepository implements StaffRepository {
  readonly analysts = new Map<string, Analyst>();

  constructor(seed: Analyst[] = []) {
    for (const a of seed) this.analysts.set(a.id, clone(a));
  }

  async list() {
    return [...this.analysts.values()].map(clone);
  }
  async get(id: string) {
    const a = this.analysts.get(id);
    return a ? clone(a) : null;
  }
  async put(analyst: Omit<Analyst, 'openCases' | 'lastAssignedAt'>) {
    const existing = this.analysts.get(analyst.id);
    this.analysts.set(analyst.id, {
      ...clone(analyst),
      openCases: existing?.openCases ?? 0,
      lastAssignedAt: existing?.lastAssignedAt,
    });
  }
  async add(analyst: Omit<Analyst, 'openCases' | 'lastAssignedAt'>) {
    await Promise.resolve();
    if (this.analysts.has(analyst.id)) return false;
    this.analysts.set(analyst.id, { ...clone(analyst), openCases: 0 });
    return true;
  }
  async update(id: string, change: StaffChange) {
    await Promise.resolve();
    const a = this.analysts.get(id);
    if (!a) return false;
    if (change.active !== undefined) a.active = change.active;
    if (change.leave === null) delete a.leave;
    else if (change.leave) a.leave = { ...change.leave };
    return true;
  }
  async endSessions(id: string, at: string) {
    await Promise.resolve();
    const a = this.analysts.get(id);
    if (!a) return false;
    if (a.sessionsEndedAt === undefined || a.sessionsEndedAt < at) a.sessionsEndedAt = at;
    return true;
  }
  async remove(id: string) {
    this.analysts.delete(id);
  }
  recordAssignment(id: string, at: Date): void {
    const a = this.analysts.get(id);
    if (!a) return;
    a.openCases += 1;
    a.lastAssignedAt = at.toISOString();
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  failNext?: Error;
  /** `prefix`: of the provider's ids, so that two mailers of one test never hand out the same id. */
  constructor(private readonly prefix = 'fake') {}
  async send(mail: OutgoingMail) {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.sent.push(clone(mail));
    return {
      providerMessageId: `${this.prefix}-${this.sent.length}`,
      messageIds: [mail.messageId, `${this.prefix}-${this.sent.length}@fake.amazonses.com`],
    };
  }
}

export class RecordingQueue implements AssignmentQueue {
  readonly messages: AssignmentMessage[] = [];
  failNext?: Error;
  async enqueue(message: AssignmentMessage) {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.messages.push(clone(message));
  }
}

export class RecordingScheduler implements DeferralScheduler {
  readonly scheduled: { message: AssignmentMessage; at: Date }[] = [];
  async scheduleAt(message: AssignmentMessage, at: Date) {
    const duplicate = this.scheduled.some(
      (s) => s.message.caseId === message.caseId && s.at.getTime() === at.getTime(),
    );
    if (!duplicate) this.scheduled.push({ message: clone(message), at: new Date(at) });
  }
}

export class InMemoryTicketDirectory implements TicketDirectory {
  readonly lookups: string[] = [];
  /** When set, every lookup fails as if the directory were down. */
  unavailable = false;
  constructor(private readonly tickets: TicketRecord[] = []) {}
  async find(ticketId: string) {
    this.lookups.push(ticketId);
    if (this.unavailable) throw new TicketDirectoryUnavailable('directory down (fake)');
    return this.tickets.find((t) => t.id === ticketId) ?? null;
  }
}

export class InMemoryReplyThrottle implements ReplyThrottle {
  private readonly consumers = new Map<string, Set<string>>();
  async tryConsume(senderEmail: string, outcome: string, day: string, max: number, consumerId: string) {
    const key = `${senderEmail.toLowerCase()}|${outcome}|${day}`;
    const set = this.consumers.get(key) ?? new Set<string>();
    if (set.has(consumerId)) return true;
    if (set.size >= max) return false;
    set.add(consumerId);
    this.consumers.set(key, set);
    return true;
  }
}

export class InMemoryBounceRegistry implements BounceRegistry {
  readonly entries = new Map<string, { until: Date; reason: string }>();
  async markBouncing(address: string, until: Date, reason: string) {
    this.entries.set(address.toLowerCase(), { until, reason });
  }
  async isSuppressed(address: string, now: Date) {
    return isBouncing(this.entries.get(address.toLowerCase())?.until, now);
  }
}

/** PendingSubmissionStore in memory (DynamoPendingSubmissionStore on AWS): the same one-winner create. */
export class InMemoryPendingSubmissionStore implements PendingSubmissionStore {
  readonly items = new Map<string, PendingSubmission>();
  /** Fails the next call of that method once (fault injection). */
  failNext?: {
    method: 'create' | 'get' | 'claimMail' | 'markMailed' | 'releaseMail' | 'markConfirmed' | 'noteRepeatUpload';
    error: Error;
  };
  /** Mail claims and marks, by id (the Dynamo item's mailClaimedAt / mailedAt). */
  readonly mail = new Map<string, { claimedAt?: Date; mailedAt?: Date }>();
  private fault(method: NonNullable<this['failNext']>['method']): void {
    if (this.failNext?.method !== method) return;
    const { error } = this.failNext;
    this.failNext = undefined;
    throw error;
  }
  async create(pending: PendingSubmission): Promise<boolean> {
    this.fault('create');
    const existing = this.items.get(pending.id);
    if (existing && existing.expiresAt > pending.createdAt) return false;
    this.items.set(pending.id, structuredClone(pending));
    this.mail.delete(pending.id);
    return true;
  }
  async get(id: string): Promise<PendingSubmission | null> {
    this.fault('get');
    const found = this.items.get(id);
    return found ? structuredClone(found) : null;
  }
  async claimMail(id: string, now: Date, staleBefore: Date): Promise<boolean> {
    this.fault('claimMail');
    if (!this.items.has(id)) return false;
    const state = this.mail.get(id) ?? {};
    if (state.mailedAt || (state.claimedAt && state.claimedAt >= staleBefore)) return false;
    this.mail.set(id, { ...state, claimedAt: now });
    return true;
  }
  async markMailed(id: string, at: Date): Promise<void> {
    this.fault('markMailed');
    if (this.items.has(id)) this.mail.set(id, { ...this.mail.get(id), mailedAt: at });
  }
  async releaseMail(id: string): Promise<void> {
    this.fault('releaseMail');
    const state = this.mail.get(id);
    if (state) this.mail.set(id, state.mailedAt ? { mailedAt: state.mailedAt } : {});
  }
  async markConfirmed(id: string, caseId: string): Promise<void> {
    this.fault('markConfirmed');
    const found = this.items.get(id);
    if (found) found.confirmedCaseId = caseId;
  }
  async noteRepeatUpload(id: string, uploadId: string): Promise<void> {
    this.fault('noteRepeatUpload');
    const found = this.items.get(id);
    if (found) found.repeatUploadId = uploadId;
  }
}

/** The link secret the in-memory webform signs its confirmation links with (≥ 16 bytes). */
export const LINK_SECRET = 'link-secret-0123456789abcdef-0123';

/**
 * The confirmation-mail queue in memory: every request is recorded and, once a consumer is given
 * (`deliverTo`: the webform function's SQS consumer), delivered at once as the SQS event the
 * function receives on AWS. A delivery that throws is not the post's failure (SQS keeps the
 * message): it waits in `undelivered` until `redeliver()`.
 */
export class InMemoryConfirmationMails implements ConfirmationMailRequests {
  readonly requests: ConfirmationMailRequest[] = [];
  readonly undelivered: ConfirmationMailRequest[] = [];
  failNext?: Error;
  /** Requests wait in `undelivered` until `redeliver()` (a queue whose consumer runs later). */
  deferred = false;
  private consume?: (event: unknown) => Promise<unknown>;

  deliverTo(consume: (event: unknown) => Promise<unknown>): this {
    this.consume = consume;
    return this;
  }
  async request(message: ConfirmationMailRequest): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.requests.push(message);
    if (this.deferred) this.undelivered.push(message);
    else await this.deliver(message);
  }
  /** The messages a failed delivery left on the queue, delivered again. */
  async redeliver(): Promise<void> {
    for (const message of this.undelivered.splice(0)) await this.deliver(message);
  }
  private async deliver(message: ConfirmationMailRequest): Promise<void> {
    if (!this.consume) return;
    const event = {
      Records: [{ eventSource: 'aws:sqs', messageId: `m-${this.requests.length}`, body: JSON.stringify(message) }],
    };
    try {
      await this.consume(event);
    } catch {
      this.undelivered.push(message);
    }
  }
}

/**
 * The confirmation step's ports in memory: a pending-submission store, the link secret and the
 * confirmation-mail queue (wire its consumer with test/support/confirm.ts withConfirmMails).
 */
export function confirmationPorts(): {
  pendingSubmissions: InMemoryPendingSubmissionStore;
  linkSecret: () => Promise<string>;
  confirmMails: InMemoryConfirmationMails;
} {
  return {
    pendingSubmissions: new InMemoryPendingSubmissionStore(),
    linkSecret: async () => LINK_SECRET,
    confirmMails: new InMemoryConfirmationMails(),
  };
}

export class InMemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, number>();
  async hit(key: string, windowStart: Date, _windowSeconds: number) {
    const k = `${key}|${windowStart.toISOString()}`;
    const count = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, count);
    return count;
  }
}

let bounceMail = 0;
/** `n` bounces of mail never counted before (each call new ones): what tests trip the breaker with. */
export function bounceKeys(n: number): string[] {
  bounceMail++;
  return Array.from({ length: n }, (_, i) => bounceKey(`0100018e-teste-${bounceMail}`, `x${i}@devolve-tudo.example`));
}

export class InMemoryBounceCounter implements BounceCounter {
  readonly hours = new Map<number, number>();
  readonly seen = new Set<string>();
  reads = 0;
  async add(hour: Date, keys: string[]) {
    const fresh = [...new Set(keys)].filter((key) => !this.seen.has(`${hour.getTime()}#${key}`));
    for (const key of fresh) this.seen.add(`${hour.getTime()}#${key}`);
    if (fresh.length > 0) this.hours.set(hour.getTime(), (this.hours.get(hour.getTime()) ?? 0) + fresh.length);
  }
  async counts(hours: Date[]) {
    this.reads++;
    return hours.map((hour) => this.hours.get(hour.getTime()) ?? 0);
  }
}

export class InMemoryHeldReplies implements HeldReplies {
  readonly items = new Map<string, HeldReply>();
  writes = 0;
  async hold(reply: HeldReply) {
    this.writes++;
    this.items.set(`${reply.heldAt}#${reply.caseId}`, structuredClone(reply));
  }
  async heldSince(since: Date, now: Date, limit = Number.POSITIVE_INFINITY) {
    return [...this.items.values()]
      .filter((reply) => reply.heldAt >= since.toISOString() && reply.heldAt <= now.toISOString())
      .sort((a, b) => a.heldAt.localeCompare(b.heldAt))
      .slice(0, limit)
      .map((reply) => structuredClone(reply));
  }
  async remove(reply: Pick<HeldReply, 'caseId' | 'heldAt'>) {
    this.items.delete(`${reply.heldAt}#${reply.caseId}`);
  }
}

export class InMemoryRawMailStore implements RawMailStore, RawMailHead {
  readonly objects = new Map<string, Buffer>();
  failNext?: Error;
  /** Whole-object reads, and the byte counts of head reads (the poison path must read only heads). */
  wholeReads = 0;
  readonly headReads: number[] = [];
  put(location: ObjectLocation, body: Buffer | string): void {
    this.objects.set(`${location.bucket}/${location.key}`, Buffer.from(body));
  }
  private get(location: ObjectLocation): Buffer {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const body = this.objects.get(`${location.bucket}/${location.key}`);
    if (!body) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    return body;
  }
  async size(location: ObjectLocation) {
    return this.get(location).length;
  }
  async read(location: ObjectLocation) {
    this.wholeReads++;
    return this.get(location);
  }
  async head(location: ObjectLocation, bytes: number) {
    this.headReads.push(bytes);
    return this.get(location).subarray(0, bytes);
  }
}

/**
 * The scan-result store over an in-memory case repository, as the DynamoDB one records it: the
 * message listing the key (the first one's files on the case, a follow-up's on its own item).
 */
export class InMemoryAttachmentScans implements AttachmentScanRecorder {
  constructor(private readonly cases: InMemoryCaseRepository) {}
  async recordScan(
    caseId: string,
    key: string,
    update: Parameters<AttachmentScanRecorder['recordScan']>[2],
  ): Promise<'recorded' | 'unchanged' | 'missing'> {
    const record = this.cases.records.get(caseId);
    for (const message of record?.messages ?? []) {
      const file = message.attachments.find((a) => a.key === key || (update.movedTo && a.key === update.movedTo));
      if (!file) continue;
      if (file.scan === update.scan && (!update.movedTo || file.key === update.movedTo)) return 'unchanged';
      file.scan = update.scan;
      if (update.movedTo) file.key = update.movedTo;
      if (update.filename) file.filename = update.filename;
      if (update.contentType) file.contentType = update.contentType;
      return 'recorded';
    }
    return 'missing';
  }
}

/** The release write of the quarantine store over an in-memory case repository (one winner, like the condition). */
export class InMemoryQuarantineReleaseStore implements QuarantineReleaseStore {
  constructor(private readonly cases: InMemoryCaseRepository) {}
  async requarantine(caseId: string, decision: Decision, ticketCandidates: TicketCandidate[]) {
    const record = this.cases.records.get(caseId);
    if (record?.status !== 'QUARANTINED' || record.reviewedAt) return;
    this.cases.records.set(caseId, { ...record, decision: clone(decision), ticketCandidates: clone(ticketCandidates) });
  }
  async noteRefusal(caseId: string, refused: ReleaseRefused, event: HistoryEvent) {
    const record = this.cases.records.get(caseId) as (CaseRecord & { history?: HistoryEvent[] }) | undefined;
    if (!record) return;
    const noted = record.releaseRefused;
    if (noted?.requestedAt !== undefined && noted.requestedAt === (refused.requestedAt ?? refused.at)) return;
    const history = [...(record.history ?? []), clone(event)];
    this.cases.records.set(caseId, { ...record, releaseRefused: clone(refused), history } as CaseRecord);
  }
  async release(caseId: string, released: ReleasedDecision | JoinedRelease, by: string, at: string): Promise<boolean> {
    const record = this.cases.records.get(caseId) as (CaseRecord & { history?: HistoryEvent[] }) | undefined;
    if (record?.status !== 'QUARANTINED' || record.reviewedAt) return false;
    if ('joined' in released) {
      const history = [...(record.history ?? []), clone(released.event)];
      const reviewed = { reviewedAt: at, reviewedBy: by, reviewOutcome: 'released' as const, updatedAt: at };
      this.cases.records.set(caseId, { ...record, ...reviewed, history } as CaseRecord);
      return true;
    }
    const { reply: _suppressed, replyClaimedAt: _claim, ...rest } = record as CaseRecord & { replyClaimedAt?: string };
    this.cases.records.set(caseId, {
      ...rest,
      status: released.status,
      outcome: released.outcome,
      decision: clone(released.decision),
      ticketCandidates: clone(released.ticketCandidates),
      reviewedAt: at,
      reviewedBy: by,
      reviewOutcome: 'released',
      updatedAt: at,
      history: [...(record.history ?? []), clone(released.event)],
      ...released.links,
      ...(released.attachments
        ? {
            messages: record.messages.map((m, i) =>
              i === 0 ? { ...m, attachments: clone(released.attachments ?? []) } : m,
            ),
          }
        : {}),
    } as CaseRecord);
    return true;
  }
  /** The case ids whose quarantine expiry was cleared, in call order (retries included). */
  readonly keptOpen: string[] = [];
  async keepOpen(record: Pick<CaseRecord, 'caseId' | 'messageIds'>): Promise<void> {
    this.keptOpen.push(record.caseId);
  }
}

/**
 * The intake's ports, all in memory, with the fakes exposed for assertions (tests of the services
 * on top of the intake: email intake, quarantine release, handlers).
 */
export function inMemoryIntake(
  options: { tickets?: TicketRecord[]; now?: string; config?: IntakeDeps['config'] } = {},
) {
  const cases = new InMemoryCaseRepository();
  const mailer = new RecordingMailer();
  const queue = new RecordingQueue();
  const deps: IntakeDeps = {
    cases,
    tickets: new InMemoryTicketDirectory(options.tickets ?? []),
    mailer,
    queue,
    throttle: new InMemoryReplyThrottle(),
    bounces: new InMemoryBounceRegistry(),
    bounceCounter: new InMemoryBounceCounter(),
    openCases: new InMemorySenderOpenCases(),
    clock: new FixedClock(new Date(options.now ?? '2026-03-02T13:20:00Z')),
    config: options.config ?? localConfig,
  };
  return { deps, cases, mailer, queue };
}
