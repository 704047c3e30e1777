import { beforeEach, describe, expect, it, vi } from 'vitest';
import { staffReplyAddress } from '../../../shared/domain/lifecycle/reply-address';
import { RecordingTimerScheduler, SECRET } from '../../support/lifecycle-fakes';
import {
  type AssignCaseDeps,
  type AssignmentTelemetry,
  AssignmentMessageInvalid,
  assignCase,
  noAnalystRetryAt,
} from '../../../shared/app/assign-case';
import { officeCalendar } from '../../../shared/domain/calendar';
import type { CaseRecord, CaseStatus } from '../../../shared/domain/case';
import { localConfig, type OuvidoriaConfig, parseConfig, localConfigInput } from '../../../shared/domain/config';
import type { Analyst } from '../../../shared/domain/staff';
import {
  FixedClock,
  InMemoryCaseRepository,
  InMemoryStaffRepository,
  RecordingMailer,
  RecordingScheduler,
} from '../../support/fakes';
import { aCase } from '../../support/builders';

const PROTOCOL = 'OUV-2026-000042';
const CASE_ID = 'webform:5f0c2a9e-lojadamaria';

function queuedCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return aCase({
    caseId: CASE_ID,
    protocol: PROTOCOL,
    channel: 'webform',
    sourceId: '5f0c2a9e-lojadamaria',
    status: 'QUEUED',
    outcome: 'ACCEPTED',
    ticketCandidates: [{ number: '48213', source: 'form', score: 100, evidence: 'chamado 48213' }],
    senderName: 'Maria Aparecida',
    senderEmail: 'maria@lojadamaria.com.br',
    storeName: 'Loja da Maria',
    subject: 'Cobrança em duplicidade na fatura de outubro',
    createdAt: '2026-11-27T12:00:00.000Z',
    updatedAt: '2026-11-27T12:00:00.000Z',
    messages: [
      {
        sourceId: '5f0c2a9e-lojadamaria',
        channel: 'webform',
        receivedAt: '2026-11-27T12:00:00.000Z',
        subject: 'Cobrança em duplicidade na fatura de outubro',
        text: 'Olá, fui cobrada duas vezes na fatura de outubro. Abri o chamado 48213 e ninguém resolveu.',
        attachments: [],
      },
    ],
    messageIds: [],
    ...overrides,
  });
}

function analyst(id: string, overrides: Partial<Analyst> = {}): Analyst {
  return {
    id,
    name: `Analista ${id}`,
    email: `${id}@ouvidoria.example.com.br`,
    active: true,
    openCases: 0,
    ...overrides,
  };
}

interface Harness {
  deps: AssignCaseDeps;
  cases: InMemoryCaseRepository;
  staff: InMemoryStaffRepository;
  mailer: RecordingMailer;
  scheduler: RecordingScheduler;
  clock: FixedClock;
  events: Array<[keyof AssignmentTelemetry, unknown]>;
}

function harness(opts: {
  now: string;
  roster?: Analyst[];
  record?: CaseRecord | null;
  config?: OuvidoriaConfig;
}): Harness {
  const staff = new InMemoryStaffRepository(opts.roster ?? [analyst('ana'), analyst('bia')]);
  const cases = new InMemoryCaseRepository(staff);
  if (opts.record !== null) void cases.create(opts.record ?? queuedCase());
  const mailer = new RecordingMailer();
  const scheduler = new RecordingScheduler();
  const clock = new FixedClock(new Date(opts.now));
  const events: Harness['events'] = [];
  const record =
    (name: keyof AssignmentTelemetry) =>
    (e: unknown): void => {
      events.push([name, e]);
    };
  const telemetry: AssignmentTelemetry = {
    assigned: record('assigned'),
    noticeResent: record('noticeResent'),
    deferred: record('deferred'),
    noAnalyst: record('noAnalyst'),
    alreadyDone: record('alreadyDone'),
    gone: record('gone'),
  };
  const config = opts.config ?? localConfig;
  return {
    deps: { cases, staff, mailer, scheduler, clock, config, telemetry },
    cases,
    staff,
    mailer,
    scheduler,
    clock,
    events,
  };
}

const message = { caseId: CASE_ID, protocol: PROTOCOL };

describe('assignCase: choice of analyst', () => {
  // "today" for leave checks is the São Paulo date: 2026-11-30 (a Monday), 10:00 local.
  const now = '2026-11-30T10:00:00-03:00';
  const cases: Array<{ name: string; roster: Analyst[]; expected: string | null }> = [
    {
      name: 'fewest open cases wins',
      roster: [analyst('ana', { openCases: 2 }), analyst('bia', { openCases: 0 }), analyst('caio', { openCases: 1 })],
      expected: 'bia',
    },
    {
      name: 'tie on open cases: least recently assigned wins',
      roster: [
        analyst('ana', { openCases: 1, lastAssignedAt: '2026-11-20T13:00:00.000Z' }),
        analyst('bia', { openCases: 1, lastAssignedAt: '2026-11-10T13:00:00.000Z' }),
      ],
      expected: 'bia',
    },
    {
      name: 'tie on open cases: someone never assigned goes first',
      roster: [
        analyst('ana', { openCases: 0, lastAssignedAt: '2026-11-02T13:00:00.000Z' }),
        analyst('bia', { openCases: 0 }),
      ],
      expected: 'bia',
    },
    {
      name: 'on leave today (last day of the leave, inclusive) is skipped',
      roster: [analyst('ana', { openCases: 3 }), analyst('bia', { leave: { from: '2026-11-16', to: '2026-11-30' } })],
      expected: 'ana',
    },
    {
      name: 'on leave starting today is skipped',
      roster: [analyst('ana', { openCases: 3 }), analyst('bia', { leave: { from: '2026-11-30', to: '2026-12-11' } })],
      expected: 'ana',
    },
    {
      name: 'a leave that ended yesterday does not count',
      roster: [analyst('ana', { openCases: 3 }), analyst('bia', { leave: { from: '2026-11-16', to: '2026-11-29' } })],
      expected: 'bia',
    },
    {
      name: 'a leave starting tomorrow does not count yet',
      roster: [analyst('ana', { openCases: 3 }), analyst('bia', { leave: { from: '2026-12-01', to: '2026-12-11' } })],
      expected: 'bia',
    },
    {
      name: 'inactive analysts are skipped',
      roster: [analyst('ana', { openCases: 5 }), analyst('bia', { active: false })],
      expected: 'ana',
    },
    { name: 'empty roster: nobody', roster: [], expected: null },
    {
      name: 'everyone inactive or on leave: nobody',
      roster: [analyst('ana', { active: false }), analyst('bia', { leave: { from: '2026-11-30', to: '2026-11-30' } })],
      expected: null,
    },
  ];

  it.each(cases)('$name', async ({ roster, expected }) => {
    const h = harness({ now, roster });
    const result = await assignCase(message, h.deps);
    const stored = await h.cases.get(CASE_ID);
    if (expected === null) {
      expect(result.kind).toBe('no-analyst');
      expect(stored?.status).toBe('QUEUED');
      expect(h.mailer.sent).toHaveLength(0);
    } else {
      expect(result).toMatchObject({ kind: 'assigned', analystId: expected });
      expect(stored?.assignee).toBe(expected);
      expect(h.mailer.sent.map((m) => m.to)).toEqual([[`${expected}@ouvidoria.example.com.br`]]);
    }
  });

  it('leave is checked against the São Paulo date, not the UTC date', async () => {
    // Office open until 23:00 here: 22:00 -03:00 on Monday 30/11 is already 01:00Z on Tuesday 01/12.
    const config = parseConfig({
      ...localConfigInput,
      officeHours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '23:00' },
    });
    const roster = [
      analyst('ana', { openCases: 4 }),
      analyst('bia', { leave: { from: '2026-11-16', to: '2026-11-30' } }),
    ];
    const h = harness({ now: '2026-11-30T22:00:00-03:00', roster, config });
    expect(await assignCase(message, h.deps)).toMatchObject({ kind: 'assigned', analystId: 'ana' });
  });

  it('keeps the roster balanced over consecutive assignments', async () => {
    const h = harness({ now, roster: [analyst('ana'), analyst('bia'), analyst('caio')], record: null });
    for (let i = 1; i <= 7; i++) {
      const protocol = `OUV-2026-${String(i).padStart(6, '0')}`;
      await h.cases.create(queuedCase({ caseId: `webform:k${i}`, protocol }));
      h.clock.advance(60_000);
      await assignCase({ caseId: `webform:k${i}`, protocol }, h.deps);
    }
    const counts = (await h.staff.list()).map((a) => a.openCases).sort();
    expect(counts).toEqual([2, 2, 3]);
  });
});

describe('assignCase: office hours (America/Sao_Paulo)', () => {
  const rows: Array<{ name: string; now: string; deferredTo?: string; config?: OuvidoriaConfig }> = [
    { name: 'Friday 16:59:59 is still open', now: '2026-11-27T16:59:59-03:00' },
    {
      name: 'Friday 17:00:00 is closed → Monday 09:00',
      now: '2026-11-27T17:00:00-03:00',
      deferredTo: '2026-11-30T09:00:00-03:00',
    },
    { name: 'Friday night → Monday 09:00', now: '2026-11-27T21:00:00-03:00', deferredTo: '2026-11-30T09:00:00-03:00' },
    { name: 'Saturday → Monday 09:00', now: '2026-11-28T11:00:00-03:00', deferredTo: '2026-11-30T09:00:00-03:00' },
    {
      name: 'Monday 08:59:59 → the same day 09:00',
      now: '2026-11-30T08:59:59-03:00',
      deferredTo: '2026-11-30T09:00:00-03:00',
    },
    { name: 'Monday 09:00:00 is open', now: '2026-11-30T09:00:00-03:00' },
    {
      name: 'holiday Monday (Independência, 2026-09-07) → Tuesday 09:00',
      now: '2026-09-07T10:00:00-03:00',
      deferredTo: '2026-09-08T09:00:00-03:00',
    },
    {
      name: 'Friday before the holiday Monday, after hours → Tuesday 09:00',
      now: '2026-09-04T17:30:00-03:00',
      deferredTo: '2026-09-08T09:00:00-03:00',
    },
    {
      name: 'Carnival Monday (closed by configuration) → Ash Wednesday 09:00',
      now: '2026-02-16T10:00:00-03:00',
      deferredTo: '2026-02-18T09:00:00-03:00',
    },
    // Christmas Eve is an optional (not national) holiday: the office calendar keeps it open.
    { name: 'Christmas Eve 2026-12-24 (Thursday) 10:00 is open', now: '2026-12-24T10:00:00-03:00' },
    {
      name: 'Christmas Eve after hours → Monday 2026-12-28 09:00 (Christmas on Friday)',
      now: '2026-12-24T17:00:00-03:00',
      deferredTo: '2026-12-28T09:00:00-03:00',
    },
    {
      name: 'Christmas Eve closed as a company day → Monday 2026-12-28 09:00',
      now: '2026-12-24T10:00:00-03:00',
      deferredTo: '2026-12-28T09:00:00-03:00',
      config: parseConfig({
        ...localConfigInput,
        calendar: { ...localConfigInput.calendar, extraClosedDays: ['2026-12-24'] },
      }),
    },
  ];

  it.each(rows)('$name', async ({ now, deferredTo, config }) => {
    const h = harness({ now, ...(config ? { config } : {}) });
    const result = await assignCase(message, h.deps);
    const stored = await h.cases.get(CASE_ID);
    if (deferredTo) {
      expect(result).toEqual({ kind: 'deferred', until: new Date(deferredTo) });
      expect(h.scheduler.scheduled).toEqual([{ message, at: new Date(deferredTo) }]);
      expect(stored?.status).toBe('QUEUED');
      expect(h.mailer.sent).toHaveLength(0);
      expect(h.events).toEqual([['deferred', { ...message, until: new Date(deferredTo) }]]);
    } else {
      expect(result.kind).toBe('assigned');
      expect(stored?.status).toBe('ASSIGNED');
      expect(h.scheduler.scheduled).toHaveLength(0);
      expect(h.mailer.sent).toHaveLength(1);
    }
  });

  it('a redelivered deferral makes one schedule, not two', async () => {
    const h = harness({ now: '2026-11-27T21:00:00-03:00' });
    await assignCase(message, h.deps);
    h.clock.set('2026-11-27T21:05:00-03:00');
    await assignCase(message, h.deps);
    expect(h.scheduler.scheduled).toHaveLength(1);
  });
});

describe('assignCase: the assignment itself', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness({ now: '2026-11-27T16:59:59-03:00', roster: [analyst('ana')] });
  });

  it('records assignee, assignment time and a due date 10 business days ahead', async () => {
    const result = await assignCase(message, h.deps);
    // Counted from receipt (Fri 27/11 09:00): Fri 27/11 … Thu 10/12 are the ten business days
    // (no national holiday in between), due at closing time — the date the acknowledgement gave.
    const due = new Date('2026-12-10T17:00:00-03:00');
    expect(result).toEqual({ kind: 'assigned', analystId: 'ana', dueAt: due });
    const stored = await h.cases.get(CASE_ID);
    expect(stored).toMatchObject({
      status: 'ASSIGNED',
      assignee: 'ana',
      assignedAt: new Date('2026-11-27T16:59:59-03:00').toISOString(),
      dueAt: due.toISOString(),
      analystNotifiedAt: new Date('2026-11-27T16:59:59-03:00').toISOString(),
    });
    expect((await h.staff.get('ana'))?.openCases).toBe(1);
  });

  it('uses the configured SLA', async () => {
    const config = parseConfig({ ...localConfigInput, slaBusinessDays: 3 });
    h = harness({ now: '2026-11-27T16:59:59-03:00', roster: [analyst('ana')], config });
    const result = await assignCase(message, h.deps);
    // Fri 27/11 (receipt), Mon 30/11, Tue 01/12.
    expect(result).toMatchObject({ dueAt: new Date('2026-12-01T17:00:00-03:00') });
  });

  it('emails the analyst: From us, Reply-To the merchant, our Message-ID, auto-generated', async () => {
    await assignCase(message, h.deps);
    expect(h.mailer.sent).toHaveLength(1);
    const mail = h.mailer.sent[0]!;
    expect(mail.from).toBe('Ouvidoria <ouvidoria@ouvidoria.example.com.br>');
    expect(mail.to).toEqual(['ana@ouvidoria.example.com.br']);
    expect(mail.replyTo).toEqual(['maria@lojadamaria.com.br']);
    // Random, never derived from the protocol (trust rules).
    expect(mail.messageId).not.toContain(PROTOCOL.toLowerCase());
    expect(mail.messageId.endsWith('@ouvidoria.example.com.br')).toBe(true);
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
    expect(mail.subject).toContain(PROTOCOL);
    expect(mail.text).toContain('10/12/2026 às 17:00');
    expect(mail.text).toContain('48213');
    // Our Message-ID threads replies into the case.
    expect((await h.cases.get(CASE_ID))?.messageIds).toContain(mail.messageId);
    expect(await h.cases.findByMessageId(mail.messageId)).toMatchObject({ caseId: CASE_ID });
  });

  it('carries the opening mail’s files for the mailer to relay, within the limit, and says where each one is', async () => {
    const raw = { bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-maria-1' };
    const files = [
      { filename: 'assinatura.png', contentType: 'image/png', size: 3_000, inline: true, partId: '2' },
      {
        filename: 'fatura-outubro.pdf',
        contentType: 'application/pdf',
        size: 210_000,
        inline: false,
        partId: '3',
        kind: 'pdf' as const,
      },
      { filename: 'gravacao-tela.mp4', contentType: 'video/mp4', size: 45_000_000, inline: false, partId: '4' },
      // An HTML page with a form: never sent on from the office's address (parse-email.ts refuses it).
      {
        filename: 'boleto.html',
        contentType: 'text/html',
        size: 4_000,
        inline: false,
        partId: '5',
        scan: 'REFUSED' as const,
      },
    ];
    const opening = {
      ...queuedCase().messages[0]!,
      channel: 'email' as const,
      raw,
      attachments: files,
      virus: 'PASS' as const,
    };
    h = harness({ now: '2026-11-27T16:59:59-03:00', record: queuedCase({ channel: 'email', messages: [opening] }) });
    await assignCase(message, h.deps);
    const mail = h.mailer.sent[0] as (typeof h.mailer.sent)[number] & { attachments?: unknown };
    expect(mail.attachments).toEqual({ raw, parts: [files[1]] });
    expect(mail.text).toMatch(/fatura-outubro\.pdf \(application\/pdf, [^)]+\) — anexado a este e-mail/);
    expect(mail.text).toMatch(/gravacao-tela\.mp4 \(video\/mp4, [^)]+\) — não anexado \(acima do limite de envio\)/);
    expect(mail.text).toMatch(/assinatura\.png \(image\/png, [^)]+, em linha\) — imagem no corpo da mensagem/);
    expect(mail.text).toMatch(
      /boleto\.html \(text\/html, [^)]+\) — recusado: [^—]+ — não anexado \(formato não aceito/,
    );
  });

  // SES's anti-virus did not pass the opening mail: the notice goes with her words, no file of hers.
  it.each([
    ['SES could not scan it', 'PROCESSING_FAILED' as const],
    ['SES was unsure of it', 'GRAY' as const],
    ['the scan was off', 'DISABLED' as const],
    ['stored without a verdict', undefined],
  ])('the opening mail’s files stay out of the notice when %s', async (_what, virus) => {
    const raw = { bucket: 'ouvidoria-raw-mail', key: 'inbound/ses-maria-1' };
    const pdf = {
      filename: 'fatura-outubro.pdf',
      contentType: 'application/pdf',
      size: 210_000,
      inline: false,
      partId: '3',
      kind: 'pdf' as const,
    };
    const opening = {
      ...queuedCase().messages[0]!,
      channel: 'email' as const,
      raw,
      attachments: [pdf],
      ...(virus ? { virus } : {}),
    };
    h = harness({ now: '2026-11-27T16:59:59-03:00', record: queuedCase({ channel: 'email', messages: [opening] }) });
    await assignCase(message, h.deps);
    const mail = h.mailer.sent[0] as (typeof h.mailer.sent)[number] & { attachments?: unknown };
    expect(mail.attachments).toBeUndefined();
    expect(mail.text).toMatch(
      /fatura-outubro\.pdf \(application\/pdf, [^)]+\) — não anexado \(não verificado pelo antivírus/,
    );
  });

  it.each([
    ['her earlier submission is held: its text opens the notice', 'maria@lojadamaria.com.br', true],
    ['an earlier record of another address is never shown', 'outra@lojavizinha.com.br', false],
  ])('a case answering the guidance she got: %s', async (_label, earlierSender, shown) => {
    const earlier = aCase({
      caseId: 'email:ses-maria-0',
      sourceId: 'ses-maria-0',
      status: 'REDIRECTED',
      outcome: 'TICKET_INVALID',
      senderEmail: earlierSender,
      subject: 'Cobrança em duplicidade',
      messages: [
        {
          sourceId: 'ses-maria-0',
          channel: 'email',
          receivedAt: '2026-11-26T12:00:00.000Z',
          subject: 'Cobrança em duplicidade',
          text: 'Fui cobrada duas vezes na fatura de outubro; o chamado é 48231.',
          attachments: [],
        },
      ],
    });
    h = harness({ now: '2026-11-27T16:59:59-03:00', record: queuedCase({ answersSubmissionId: earlier.caseId }) });
    await h.cases.create(earlier);
    await assignCase(message, h.deps);
    const text = h.mailer.sent[0]?.text ?? '';
    expect(text.includes('Fui cobrada duas vezes na fatura de outubro; o chamado é 48231.')).toBe(shown);
    expect(text.includes('Mensagem anterior (respondida com orientação, fora do caso)')).toBe(shown);
  });

  it('a case answering a submission that expired or was erased: the notice goes without it', async () => {
    h = harness({ now: '2026-11-27T16:59:59-03:00', record: queuedCase({ answersSubmissionId: 'email:gone' }) });
    await assignCase(message, h.deps);
    expect(h.mailer.sent).toHaveLength(1);
    expect(h.mailer.sent[0]?.text).not.toContain('Mensagem anterior');
  });

  it('a webform case’s files stay in the console: nothing relayed', async () => {
    await assignCase(message, h.deps);
    expect(h.mailer.sent[0]).not.toHaveProperty('attachments');
  });

  it('reports time since intake', async () => {
    await assignCase(message, h.deps);
    // createdAt 12:00Z (09:00 -03:00) → 16:59:59 -03:00.
    expect(h.events).toEqual([['assigned', { ...message, analystId: 'ana', secondsSinceIntake: 8 * 3600 - 1 }]]);
  });

  it('a redelivered message makes no second assignment or email', async () => {
    await assignCase(message, h.deps);
    const again = await assignCase(message, h.deps);
    expect(again).toEqual({ kind: 'already-done', status: 'ASSIGNED' });
    expect(h.mailer.sent).toHaveLength(1);
    expect((await h.staff.get('ana'))?.openCases).toBe(1);
  });

  it.each<CaseStatus>(['CLOSED', 'REDIRECTED', 'QUARANTINED'])('a %s case is left alone', async (status) => {
    h = harness({ now: '2026-11-27T10:00:00-03:00', record: queuedCase({ status }) });
    expect(await assignCase(message, h.deps)).toEqual({ kind: 'already-done', status });
    expect(h.mailer.sent).toHaveLength(0);
    expect(h.scheduler.scheduled).toHaveLength(0);
  });

  it('already done even outside office hours (no schedule for a finished case)', async () => {
    h = harness({ now: '2026-11-28T10:00:00-03:00', record: queuedCase({ status: 'CLOSED' }) });
    expect((await assignCase(message, h.deps)).kind).toBe('already-done');
    expect(h.scheduler.scheduled).toHaveLength(0);
  });

  it('losing the conditional write to a concurrent assignment sends nothing', async () => {
    vi.spyOn(h.cases, 'assign').mockResolvedValueOnce(false);
    expect((await assignCase(message, h.deps)).kind).toBe('already-done');
    expect(h.mailer.sent).toHaveLength(0);
  });
});

// Journey 47: the notice of a mail released from quarantine named nobody who vouched for it.
describe('assignCase: a mail released from quarantine', () => {
  it('the notice names the supervisor who released it, from the roster', async () => {
    const released = {
      ...queuedCase(),
      reviewOutcome: 'released' as const,
      reviewedBy: 'sofia',
      reviewedAt: '2026-11-27T12:00:00.000Z',
    };
    const h = harness({
      now: '2026-11-27T10:00:00-03:00',
      roster: [analyst('ana'), analyst('sofia', { name: 'Sofia Ramos' })],
      record: released,
      config: { ...localConfig, lifecycle: { ...localConfig.lifecycle, supervisorIds: ['sofia'] } },
    });
    await assignCase(message, h.deps);
    expect(h.mailer.sent[0]?.text).toContain('Liberado da quarentena por Sofia Ramos em 27/11/2026 às 09:00');
  });
});

describe('assignCase: crash recovery', () => {
  it('the email failed after the assignment: the retry sends it once, with the same Message-ID', async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00', roster: [analyst('ana')] });
    h.mailer.failNext = new Error('SES throttled');
    await expect(assignCase(message, h.deps)).rejects.toThrow('SES throttled');
    expect(await h.cases.get(CASE_ID)).toMatchObject({ status: 'ASSIGNED', assignee: 'ana' });
    expect((await h.cases.get(CASE_ID))?.analystNotifiedAt).toBeUndefined();

    h.clock.advance(30_000);
    expect(await assignCase(message, h.deps)).toEqual({ kind: 'notice-resent', analystId: 'ana' });
    expect(h.mailer.sent).toHaveLength(1);
    expect(h.mailer.sent[0]?.messageId).toMatch(/@ouvidoria\.example\.com\.br$/);
    expect((await h.cases.get(CASE_ID))?.analystNotifiedAt).toBeDefined();
    expect((await h.staff.get('ana'))?.openCases).toBe(1);

    expect((await assignCase(message, h.deps)).kind).toBe('already-done');
    expect(h.mailer.sent).toHaveLength(1);
    expect(h.events.map(([name]) => name)).toEqual(['noticeResent', 'alreadyDone']);
  });

  it('a failed write after sending is retried in-process: one notice, not a second email', async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00', roster: [analyst('ana')] });
    vi.spyOn(h.cases, 'markAnalystNotified').mockRejectedValueOnce(new Error('DynamoDB timeout'));
    expect((await assignCase(message, h.deps)).kind).toBe('assigned');
    expect(h.mailer.sent).toHaveLength(1);
    expect((await h.cases.get(message.caseId))?.analystNotifiedAt).toBeDefined();
  });

  it('crash after sending but before recording: resent with the same Message-ID (at least once)', async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00', roster: [analyst('ana')] });
    const timers = new RecordingTimerScheduler();
    h.deps.lifecycle = { secret: SECRET, timers };
    // The write keeps failing past the in-process retries, as if the process had died.
    vi.spyOn(h.cases, 'markAnalystNotified').mockRejectedValue(new Error('DynamoDB timeout'));
    await expect(assignCase(message, h.deps)).rejects.toThrow('DynamoDB timeout');
    vi.mocked(h.cases.markAnalystNotified).mockRestore();
    await assignCase(message, h.deps);
    expect(h.mailer.sent).toHaveLength(2);
    expect(new Set(h.mailer.sent.map((m) => m.messageId)).size).toBe(1);
    // Keyed with the secret: nothing of the protocol or case id shows in it.
    expect(h.mailer.sent[0]?.messageId).not.toContain(PROTOCOL.toLowerCase());
  });

  it('with the lifecycle: Reply-To is the per-case staff address, and the deadline timers are armed', async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00', roster: [analyst('ana')] });
    const timers = new RecordingTimerScheduler();
    h.deps.lifecycle = { secret: SECRET, timers };
    const result = await assignCase(message, h.deps);
    const mail = h.mailer.sent[0]!;
    expect(mail.replyTo).toEqual([staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig)]);
    expect(mail.replyTo?.[0]).not.toContain('maria@');
    expect(mail.text).toContain('#encerrar');
    const dueAt = result.kind === 'assigned' ? result.dueAt.toISOString() : '';
    expect(timers.list().map((t) => t.kind)).toEqual(['reminder', 'escalation']);
    expect(timers.list().every((t) => t.dueAt === dueAt)).toBe(true);
    // A redelivery arms nothing new (same names: the scheduler deduplicates them).
    await assignCase(message, h.deps);
    expect(timers.list()).toHaveLength(2);
  });

  it("with the lifecycle: the notice's ids are listed on the case, with no pointers (answers come by the per-case address)", async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00', roster: [analyst('ana')] });
    h.deps.lifecycle = { secret: SECRET, timers: new RecordingTimerScheduler() };
    const pointers = vi.spyOn(h.cases, 'addMessageIds');
    await assignCase(message, h.deps);
    const mail = h.mailer.sent[0]!;
    const ses = 'fake-1@fake.amazonses.com';
    expect(pointers).not.toHaveBeenCalled();
    expect((await h.cases.get(message.caseId))?.messageIds).toEqual(expect.arrayContaining([mail.messageId, ses]));
    expect(await h.cases.findByMessageId(mail.messageId)).toBeNull();
    expect(await h.cases.findByMessageId(ses)).toBeNull();
  });

  it("without the lifecycle: the notice's pointers are registered (the answer may come back by In-Reply-To)", async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00', roster: [analyst('ana')] });
    await assignCase(message, h.deps);
    const mail = h.mailer.sent[0]!;
    expect((await h.cases.findByMessageId(mail.messageId))?.caseId).toBe(message.caseId);
    expect((await h.cases.findByMessageId('fake-1@fake.amazonses.com'))?.caseId).toBe(message.caseId);
  });

  it('the resend happens even after hours (the assignment itself was made in hours)', async () => {
    const h = harness({
      now: '2026-11-27T20:00:00-03:00',
      roster: [analyst('ana')],
      record: queuedCase({
        status: 'ASSIGNED',
        assignee: 'ana',
        assignedAt: '2026-11-27T19:59:00.000Z',
        dueAt: '2026-12-11T19:59:00.000Z',
      }),
    });
    expect((await assignCase(message, h.deps)).kind).toBe('notice-resent');
    expect(h.scheduler.scheduled).toHaveLength(0);
    expect(h.mailer.sent[0]?.text).toContain('11/12/2026 às 16:59');
  });
});

// `npm run titular -- delete --confirm` erases a merchant's queued cases too; their assignment
// messages are still in the queue (or deferred to the next opening, or retried at the next hour).
describe('assignCase: the case was erased while queued', () => {
  it.each([
    ['office open', '2026-11-30T10:00:00-03:00'],
    ['office closed (the deferred message comes back at the opening)', '2026-11-29T22:00:00-03:00'],
  ])('%s: dropped as done, every delivery, without mail, schedule or DLQ', async (_l, now) => {
    const h = harness({ now });
    expect((await h.cases.get(CASE_ID))?.status).toBe('QUEUED');
    h.cases.records.delete(CASE_ID);
    expect(await assignCase(message, h.deps)).toEqual({ kind: 'gone' });
    expect(await assignCase(message, h.deps)).toEqual({ kind: 'gone' });
    expect(h.events).toEqual([
      ['gone', message],
      ['gone', message],
    ]);
    expect(h.mailer.sent).toHaveLength(0);
    expect(h.scheduler.scheduled).toHaveLength(0);
    expect(await h.cases.get(CASE_ID)).toBeNull();
  });
});

describe('assignCase: poison messages (end in the DLQ after retries)', () => {
  it('protocol that does not match the case', async () => {
    const h = harness({ now: '2026-11-30T10:00:00-03:00' });
    await expect(assignCase({ caseId: CASE_ID, protocol: 'OUV-2026-000999' }, h.deps)).rejects.toBeInstanceOf(
      AssignmentMessageInvalid,
    );
    expect(h.mailer.sent).toHaveLength(0);
  });

  it('assigned case whose analyst was removed from the roster', async () => {
    const h = harness({
      now: '2026-11-30T10:00:00-03:00',
      roster: [],
      record: queuedCase({ status: 'ASSIGNED', assignee: 'gone', assignedAt: '2026-11-30T12:00:00.000Z' }),
    });
    await expect(assignCase(message, h.deps)).rejects.toBeInstanceOf(AssignmentMessageInvalid);
  });
});

describe('assignCase: nobody available', () => {
  it('stays QUEUED, is retried at the top of the next hour, and says so', async () => {
    const h = harness({ now: '2026-11-30T10:17:00-03:00', roster: [analyst('ana', { active: false })] });
    const result = await assignCase(message, h.deps);
    const retryAt = new Date('2026-11-30T11:00:00-03:00');
    expect(result).toEqual({ kind: 'no-analyst', retryAt });
    expect(h.scheduler.scheduled).toEqual([{ message, at: retryAt }]);
    expect(h.events).toEqual([['noAnalyst', { ...message, retryAt }]]);
    expect((await h.cases.get(CASE_ID))?.status).toBe('QUEUED');
    // A redelivery within the same hour lands on the same schedule.
    h.clock.set('2026-11-30T10:48:00-03:00');
    await assignCase(message, h.deps);
    expect(h.scheduler.scheduled).toHaveLength(1);
  });

  it('is assigned on the retry once someone is back', async () => {
    const h = harness({ now: '2026-11-30T10:17:00-03:00', roster: [analyst('ana', { active: false })] });
    await assignCase(message, h.deps);
    await h.staff.put({ id: 'ana', name: 'Analista ana', email: 'ana@ouvidoria.example.com.br', active: true });
    h.clock.set('2026-11-30T11:00:00-03:00');
    expect(await assignCase(message, h.deps)).toMatchObject({ kind: 'assigned', analystId: 'ana' });
  });

  const calendar = officeCalendar(localConfig);
  it.each([
    ['10:17 → 11:00 the same day', '2026-11-30T10:17:00-03:00', '2026-11-30T11:00:00-03:00'],
    ['16:00 → next hour is closing time → next opening', '2026-11-30T16:00:00-03:00', '2026-12-01T09:00:00-03:00'],
    ['Friday 16:30 → Monday 09:00', '2026-11-27T16:30:00-03:00', '2026-11-30T09:00:00-03:00'],
    ['15:59:59 → 16:00', '2026-11-30T15:59:59-03:00', '2026-11-30T16:00:00-03:00'],
  ])('retry instant: %s', (_name, now, expected) => {
    expect(noAnalystRetryAt(new Date(now), calendar)).toEqual(new Date(expected));
  });
});
