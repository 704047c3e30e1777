/**
 * Fixtures and in-memory ports of the case lifecycle (shared/app/lifecycle/ports.ts), with the
 * semantics the DynamoDB adapters must have: conditional writes on the case version, idempotent
 * counters and schedules. Every operation yields to the event loop before it reads or writes, so
 * `Promise.all` of two services really interleaves, as two Lambdas would.
 */
import { officeCalendar } from '../../shared/domain/calendar';
import type { CaseRecord, TextsShown } from '../../shared/domain/case';
import { localConfig, type OuvidoriaConfig } from '../../shared/domain/config';
import type { LifecycleTimer } from '../../shared/domain/lifecycle/deadlines';
import type { LifecycleContext } from '../../shared/domain/lifecycle/machine';
import type { Actor, PendingEffect, StaffMember, WorkCase } from '../../shared/domain/lifecycle/types';
import type { Submission } from '../../shared/domain/submission';
import { memberByAddress } from '../../shared/domain/staff';
import type { LifecycleDeps } from '../../shared/app/lifecycle/commit';
import type {
  CaseCommit,
  CaseWorkStore,
  CommitResult,
  OpenCaseCounter,
  RetentionKnown,
  StaffDirectory,
  SurveyAnswer,
  SurveyStore,
  TimerScheduler,
} from '../../shared/app/lifecycle/ports';
import { FixedClock, InMemoryRateLimiter, RecordingMailer, recordByProtocol, textsRead, withTextsShown } from './fakes';
import { aDecision } from './builders';

export const PROTOCOL = 'OUV-2026-000123';
export const CASE_ID = 'email:0100019abcdef-lojadamaria';
export const MERCHANT = 'maria@lojadamaria.com.br';
/** A 32-byte secret, as the stack creates it. */
export const SECRET = 'test-secret-0123456789abcdef-0123456789';

export const ana: Actor = { kind: 'staff', id: 'ana', role: 'analyst' };
export const bruno: Actor = { kind: 'staff', id: 'bruno', role: 'analyst' };
export const sofia: Actor = { kind: 'staff', id: 'sofia', role: 'supervisor' };

const calendar = officeCalendar(localConfig);

export function ctxAt(now: string | Date, overrides: Partial<LifecycleContext> = {}): LifecycleContext {
  return { now: new Date(now), config: localConfig, calendar, sourceId: 'staff-mail-1', ...overrides };
}

export function contextFor(config: OuvidoriaConfig, now: string | Date, sourceId?: string): LifecycleContext {
  return { now: new Date(now), config, calendar: officeCalendar(config), ...(sourceId ? { sourceId } : {}) };
}

/** An accepted case, assigned to Ana on Tuesday 2026-03-10, due Tuesday 2026-03-24 10:00 (São Paulo). */
export function workCase(overrides: Partial<WorkCase> = {}): WorkCase {
  return {
    caseId: CASE_ID,
    protocol: PROTOCOL,
    channel: 'email',
    sourceId: '0100019abcdef-lojadamaria',
    status: 'ASSIGNED',
    outcome: 'ACCEPTED',
    decision: aDecision('ACCEPTED'),
    ticketCandidates: [{ number: '48213', source: 'subject', score: 100, evidence: 'chamado #48213' }],
    senderName: 'Maria Aparecida',
    senderEmail: MERCHANT,
    storeName: 'Loja da Maria',
    subject: 'Cobrança em duplicidade — chamado #48213',
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    createdAt: '2026-03-10T13:00:00.000Z',
    updatedAt: '2026-03-10T13:05:00.000Z',
    messages: [
      {
        sourceId: '0100019abcdef-lojadamaria',
        channel: 'email',
        receivedAt: '2026-03-10T13:00:00.000Z',
        subject: 'Cobrança em duplicidade — chamado #48213',
        text: 'Fui cobrada duas vezes na fatura de fevereiro. Abri o chamado #48213 e ninguém resolveu.',
        attachments: [],
        messageId: 'CAF=merchant-1@mail.gmail.com',
      },
    ],
    messageIds: ['CAF=merchant-1@mail.gmail.com'],
    assignee: 'ana',
    assignedAt: '2026-03-10T13:05:00.000Z',
    dueAt: '2026-03-24T13:00:00.000Z',
    analystNotifiedAt: '2026-03-10T13:05:01.000Z',
    version: 1,
    history: [],
    ...overrides,
  };
}

/** The same case typed as the stored record (the store holds WorkCase; CaseRecord's status list is older). */
export function asRecord(c: WorkCase): CaseRecord {
  return c as unknown as CaseRecord;
}

const clone = <T>(value: T): T => structuredClone(value);
/** Lets other pending promises run, as a network round trip would. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Cases with the DynamoDB adapter's commit semantics: all or nothing, on the expected version. */
export class InMemoryCaseWorkStore implements CaseWorkStore {
  readonly records = new Map<string, WorkCase>();
  readonly commits: CaseCommit[] = [];
  /** The pending-effects marker (the sweep's index): case id → when its effects were stored. */
  readonly effectsSince = new Map<string, string>();
  /** Fault hook: the next call of that operation throws once. */
  failNext: Partial<Record<keyof CaseWorkStore, Error>> = {};
  /** The recipients recorded with a Message-ID (addMessageIds' sentTo), as the pointers keep them. */
  readonly sentTo = new Map<string, string[]>();

  constructor(seed: WorkCase[] = []) {
    for (const c of seed) this.records.set(c.caseId, clone(c));
  }

  private maybeFail(op: keyof CaseWorkStore): void {
    const error = this.failNext[op];
    if (error) {
      delete this.failNext[op];
      throw error;
    }
  }

  /**
   * Message texts the reads returned, one per text (what a text-store GET each costs on DynamoDB
   * when the texts are long): a read with TextsShown counts its shown ones, any other all.
   */
  textReads = 0;

  private read(c: WorkCase | undefined, shown?: TextsShown): WorkCase | null {
    if (!c) return null;
    this.textReads += textsRead(c, shown).size;
    return withTextsShown(clone(c), shown);
  }

  async get(caseId: string, shown?: TextsShown) {
    await tick();
    return this.read(this.records.get(caseId), shown);
  }

  async getByProtocol(protocol: string, shown?: TextsShown) {
    await tick();
    return this.read(recordByProtocol(this.records.values(), protocol) ?? undefined, shown);
  }

  async getStateByProtocol(protocol: string) {
    await tick();
    const found = recordByProtocol(this.records.values(), protocol);
    if (!found) return null;
    const { messages: _messages, ...state } = clone(found);
    return state;
  }

  async getState(caseId: string) {
    await tick();
    const found = this.records.get(caseId);
    if (!found) return null;
    const { messages: _messages, ...state } = clone(found);
    return state;
  }

  async commit(commit: CaseCommit): Promise<CommitResult> {
    await tick();
    this.maybeFail('commit');
    const c = this.records.get(commit.caseId);
    if (!c) return { ok: false, reason: 'not-found' };
    if ((c.version ?? 0) !== commit.expectedVersion) return { ok: false, reason: 'conflict' };
    const next: Record<string, unknown> = { ...clone(c) };
    for (const [key, value] of Object.entries(commit.changes)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = clone(value);
    }
    const updated = next as WorkCase;
    if (commit.history && (c.history ?? []).length !== commit.history.base) return { ok: false, reason: 'conflict' };
    updated.history = commit.history ? clone(commit.history.events) : [...(c.history ?? []), ...clone(commit.events)];
    const messages = [...c.messages];
    for (const m of commit.messages) if (!messages.some((x) => x.sourceId === m.sourceId)) messages.push(clone(m));
    updated.messages = messages;
    updated.pendingEffects = { ...(c.pendingEffects ?? {}) };
    for (const id of commit.superseded ?? []) delete updated.pendingEffects[id];
    for (const e of commit.effects) updated.pendingEffects[e.id] = clone(e);
    if (commit.effects[0]) this.effectsSince.set(commit.caseId, commit.effects[0].createdAt);
    updated.version = commit.expectedVersion + 1;
    this.records.set(commit.caseId, updated);
    this.commits.push(clone(commit));
    return { ok: true, version: updated.version };
  }

  async settleEffect(caseId: string, effectId: string) {
    await tick();
    this.maybeFail('settleEffect');
    const c = this.records.get(caseId);
    if (c?.pendingEffects) delete c.pendingEffects[effectId];
  }

  async claimEffect(caseId: string, effectId: string, now: string, until: string) {
    await tick();
    this.maybeFail('claimEffect');
    const pending = this.records.get(caseId)?.pendingEffects?.[effectId] as
      | (PendingEffect & { claimedUntil?: string })
      | undefined;
    if (!pending || (pending.claimedUntil && pending.claimedUntil >= now)) return false;
    pending.claimedUntil = until;
    return true;
  }

  async listWithPendingEffects(before: string, limit: number) {
    await tick();
    return [...this.effectsSince]
      .filter(([, since]) => since < before)
      .sort((a, b) => a[1].localeCompare(b[1]))
      .slice(0, limit)
      .map(([caseId, since]) => ({ caseId, since }));
  }

  async unmarkSettled(caseId: string) {
    await tick();
    const c = this.records.get(caseId);
    if (!c || Object.keys(c.pendingEffects ?? {}).length > 0) return false;
    if (c.status === 'ASSIGNED' && !c.analystNotifiedAt) return false;
    this.effectsSince.delete(caseId);
    return true;
  }

  async remark(caseId: string, since: string) {
    await tick();
    if (this.effectsSince.has(caseId)) this.effectsSince.set(caseId, since);
  }

  async releaseEffect(caseId: string, effectId: string) {
    await tick();
    const pending = this.records.get(caseId)?.pendingEffects?.[effectId] as { claimedUntil?: string } | undefined;
    if (pending) delete pending.claimedUntil;
  }

  async addMessageIds(caseId: string, messageIds: string[], sentTo?: string[]) {
    await tick();
    this.maybeFail('addMessageIds');
    const c = this.records.get(caseId);
    if (!c) return;
    for (const id of messageIds) if (!c.messageIds.includes(id)) c.messageIds.push(id);
    if (sentTo?.length) for (const id of messageIds) this.sentTo.set(id, [...sentTo]);
  }

  /** The `item-retention` runs, with the status each found and the one its caller gave (the fake keeps no item TTLs). */
  readonly retentionWalks: Array<{ caseId: string; status: WorkCase['status']; given?: WorkCase['status'] }> = [];

  async applyItemRetention(caseId: string, known?: RetentionKnown) {
    await tick();
    this.maybeFail('applyItemRetention');
    const c = this.records.get(caseId);
    if (c) this.retentionWalks.push({ caseId, status: c.status, ...(known ? { given: known.status } : {}) });
  }

  /** The stored case, for assertions. */
  must(caseId = CASE_ID): WorkCase {
    const c = this.records.get(caseId);
    if (!c) throw new Error(`no case ${caseId}`);
    return clone(c);
  }
}

/** Open cases per analyst as the set of open case ids: idempotent per (analyst, case), never negative. */
export class InMemoryOpenCaseCounter implements OpenCaseCounter {
  readonly open = new Map<string, Set<string>>();
  /** The last assignment turn each analyst got through this counter (a transfer's). */
  readonly turns = new Map<string, string>();
  constructor(seed: Record<string, string[]> = {}) {
    for (const [analyst, cases] of Object.entries(seed)) this.open.set(analyst, new Set(cases));
  }
  async opened(analystId: string, caseId: string, assignedAt?: string) {
    await tick();
    if (assignedAt) this.turns.set(analystId, assignedAt);
    const set = this.open.get(analystId) ?? new Set<string>();
    set.add(caseId);
    this.open.set(analystId, set);
  }
  async closed(analystId: string, caseId: string) {
    await tick();
    this.open.get(analystId)?.delete(caseId);
  }
  count(analystId: string): number {
    return this.open.get(analystId)?.size ?? 0;
  }
}

export class InMemoryStaffDirectory implements StaffDirectory {
  constructor(readonly members: StaffMember[]) {}
  async byEmail(email: string) {
    const m = memberByAddress(this.members, email);
    return m ? clone(m) : null;
  }
  async byId(id: string) {
    const m = this.members.find((x) => x.id === id);
    return m ? clone(m) : null;
  }
  async roster() {
    return this.members.map(clone);
  }
  async supervisors() {
    return this.members.filter((m) => m.role === 'supervisor' && m.active).map(clone);
  }
}

/** Schedules by name: a second schedule with the same name is the same schedule. */
export class RecordingTimerScheduler implements TimerScheduler {
  readonly timers = new Map<string, LifecycleTimer>();
  async schedule(timer: LifecycleTimer) {
    await tick();
    if (!this.timers.has(timer.name)) this.timers.set(timer.name, clone(timer));
  }
  list(): LifecycleTimer[] {
    return [...this.timers.values()];
  }
}

/** One answer per protocol, the first wins (conditional put). */
export class InMemorySurveyStore implements SurveyStore {
  readonly answers = new Map<string, SurveyAnswer>();
  async record(answer: SurveyAnswer) {
    await tick();
    if (this.answers.has(answer.protocol)) return false;
    this.answers.set(answer.protocol, clone(answer));
    return true;
  }
  async get(protocol: string) {
    const a = this.answers.get(protocol);
    return a ? clone(a) : null;
  }
  async forget(protocol: string) {
    await tick();
    this.answers.delete(protocol);
  }
}

export const ROSTER: StaffMember[] = [
  { id: 'ana', name: 'Ana Lima', email: 'ana@empresa.com.br', role: 'analyst', active: true },
  { id: 'bruno', name: 'Bruno Costa', email: 'bruno@empresa.com.br', role: 'analyst', active: true },
  { id: 'carla', name: 'Carla Souza', email: 'carla@empresa.com.br', role: 'analyst', active: true },
  {
    id: 'davi',
    name: 'Davi Rocha',
    email: 'davi@empresa.com.br',
    role: 'analyst',
    active: true,
    leave: { from: '2026-03-01', to: '2026-03-31' },
  },
  { id: 'edu', name: 'Eduardo Reis', email: 'edu@empresa.com.br', role: 'analyst', active: false },
  { id: 'sofia', name: 'Sofia Martins', email: 'sofia@empresa.com.br', role: 'supervisor', active: true },
];

export interface LifecycleWorld {
  deps: LifecycleDeps;
  cases: InMemoryCaseWorkStore;
  counter: InMemoryOpenCaseCounter;
  staff: InMemoryStaffDirectory;
  mailer: RecordingMailer;
  timers: RecordingTimerScheduler;
  surveys: InMemorySurveyStore;
  clock: FixedClock;
}

/** Everything the lifecycle services need, in memory, with Ana's case open (count 1). */
export function lifecycleWorld(
  options: { cases?: WorkCase[]; now?: string; config?: OuvidoriaConfig } = {},
): LifecycleWorld {
  const cases = new InMemoryCaseWorkStore(options.cases ?? [workCase()]);
  const counter = new InMemoryOpenCaseCounter({ ana: [CASE_ID] });
  const staff = new InMemoryStaffDirectory(ROSTER);
  const mailer = new RecordingMailer();
  const timers = new RecordingTimerScheduler();
  const surveys = new InMemorySurveyStore();
  const clock = new FixedClock(new Date(options.now ?? '2026-03-12T14:00:00.000Z'));
  const config = options.config ?? localConfig;
  const deps: LifecycleDeps = {
    cases,
    counter,
    staff,
    mailer,
    timers,
    surveys,
    clock,
    config,
    secret: SECRET,
    calendar: officeCalendar(config),
    noticeLimiter: new InMemoryRateLimiter(),
  };
  return { deps, cases, counter, staff, mailer, timers, surveys, clock };
}

/**
 * The lifecycle over a page's own stores (the merchant pages' cases, survey answers, mailer and clock):
 * what they build on the first survey answer, with the roster in memory and Ana's case open.
 */
export function lifecycleOver(
  given: Pick<LifecycleDeps, 'cases' | 'surveys' | 'mailer' | 'clock' | 'config' | 'secret'>,
): () => Promise<LifecycleDeps> {
  const deps: LifecycleDeps = {
    ...given,
    counter: new InMemoryOpenCaseCounter({ ana: [CASE_ID] }),
    staff: new InMemoryStaffDirectory(ROSTER),
    timers: new RecordingTimerScheduler(),
    calendar: officeCalendar(given.config),
  };
  return async () => deps;
}

const PASS = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;

/** A staff mail as the intake's parser hands it over. */
export function staffMail(overrides: Partial<Submission> & { to: string; from: string; text: string }): Submission {
  const { to, from, text, ...rest } = overrides;
  const sourceId = rest.sourceId ?? 'ses-staff-1';
  return {
    channel: 'email',
    sourceId,
    receivedAt: '2026-03-12T14:00:00.000Z',
    sender: { name: 'Ana Lima', address: from },
    returnPath: from,
    recipients: [to],
    subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`,
    text,
    // Each delivery its own mail, unless a test says otherwise (a replay keeps its Message-ID).
    messageId: `DM6PR01MB-${sourceId}@outlook.com`,
    references: [],
    headers: {},
    verdicts: { ...PASS },
    attachments: [],
    raw: { bucket: 'raw-mail', key: 'inbound/ses-staff-1' },
    ...rest,
  };
}

/** A merchant's answers written under the office's quoted questions (inline-answers.ts reads it as written). */
export const ANSWERS_UNDER_QUESTIONS = [
  'Em ter., 1 de dez. de 2026 às 10:05, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:',
  '> 1) Qual o número de um pedido afetado?',
  'Pedido 100234.',
  '> 2) Desde quando o erro ocorre?',
  'Desde o dia 20/11.',
].join('\n');
