import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_METRIC,
  type AssignmentLogger,
  type AssignmentMetrics,
  createAssignmentHandler,
  parseAssignmentBody,
} from '../../../../functions/assignment/handler';
import type { CaseRecord } from '../../../../shared/domain/case';
import { localConfig } from '../../../../shared/domain/config';
import type { Analyst } from '../../../../shared/domain/staff';
import {
  FixedClock,
  InMemoryCaseRepository,
  InMemoryStaffRepository,
  RecordingMailer,
  RecordingScheduler,
} from '../../../support/fakes';
import { aDecision, aCase } from '../../../support/builders';

function caseRecord(n: number, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const protocol = `OUV-2026-${String(n).padStart(6, '0')}`;
  return aCase({
    caseId: `email:ses-${n}`,
    protocol,
    channel: 'email',
    sourceId: `ses-${n}`,
    status: 'QUEUED',
    outcome: 'ACCEPTED',
    decision: aDecision('ACCEPTED', { ticket: { status: 'valid', number: String(40000 + n) } }),
    ticketCandidates: [],
    senderName: 'João Pereira',
    senderEmail: `joao${n}@lojadojoao.com.br`,
    subject: `Reclamação sobre o chamado ${40000 + n}`,
    createdAt: '2026-11-30T12:00:00.000Z',
    updatedAt: '2026-11-30T12:00:00.000Z',
    messages: [],
    messageIds: [],
    ...overrides,
  });
}

function sqsRecord(id: string, body: string): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1764504000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1764504000000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:sa-east-1:123456789012:assignment',
    awsRegion: 'sa-east-1',
  };
}

const bodyOf = (c: CaseRecord) => JSON.stringify({ caseId: c.caseId, protocol: c.protocol });

function setup(now = '2026-11-30T10:00:00-03:00', roster: Analyst[] = []) {
  const staff = new InMemoryStaffRepository(
    roster.length
      ? roster
      : [
          { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: true, openCases: 0 },
          { id: 'bia', name: 'Beatriz Lima', email: 'bia@ouvidoria.example.com.br', active: true, openCases: 0 },
        ],
  );
  const cases = new InMemoryCaseRepository(staff);
  const mailer = new RecordingMailer();
  const scheduler = new RecordingScheduler();
  const logs: Array<{ level: string; message: unknown; extra: unknown[] }> = [];
  const log =
    (level: string) =>
    (message: unknown, ...extra: unknown[]) => {
      logs.push({ level, message, extra });
    };
  const logger: AssignmentLogger = { info: log('info'), warn: log('warn'), error: log('error'), addContext: () => {} };
  const metrics: Array<{ name: string; unit: string; value: number }> = [];
  let published = 0;
  const metricsSink: AssignmentMetrics = {
    addMetric: (name, unit, value) => metrics.push({ name, unit, value }),
    publishStoredMetrics: () => {
      published += 1;
    },
  };
  const handler = createAssignmentHandler({
    cases,
    staff,
    mailer,
    scheduler,
    clock: new FixedClock(new Date(now)),
    config: localConfig,
    logger,
    metrics: metricsSink,
  });
  return { handler, cases, staff, mailer, scheduler, logs, metrics, published: () => published };
}

describe('assignment handler: SQS batch', () => {
  it('assigns every good record and reports only the bad ones', async () => {
    const s = setup();
    const good = [caseRecord(1), caseRecord(2), caseRecord(3)];
    for (const c of good) await s.cases.create(c);
    const event: SQSEvent = {
      Records: [
        sqsRecord('m1', bodyOf(good[0]!)),
        sqsRecord('m-bad-json', '{"caseId": "email:ses-9", "protocol":'),
        sqsRecord('m2', bodyOf(good[1]!)),
        // A case erased while queued: dropped as done, not dead-lettered.
        sqsRecord('m-erased', JSON.stringify({ caseId: 'email:apagado', protocol: 'OUV-2026-000777' })),
        sqsRecord('m-wrong-protocol', JSON.stringify({ caseId: good[0]?.caseId, protocol: 'OUV-2026-000778' })),
        sqsRecord('m-bad-shape', JSON.stringify({ caseId: 'email:ses-3', protocol: '12345' })),
        sqsRecord('m3', bodyOf(good[2]!)),
      ],
    };
    const response = await s.handler(event);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([
      'm-bad-json',
      'm-bad-shape',
      'm-wrong-protocol',
    ]);
    for (const c of good) expect((await s.cases.get(c.caseId))?.status).toBe('ASSIGNED');
    expect(s.mailer.sent).toHaveLength(3);
    expect(s.metrics.filter((m) => m.name === ASSIGNMENT_METRIC.assigned)).toHaveLength(3);
    expect(s.metrics.filter((m) => m.name === ASSIGNMENT_METRIC.failed)).toHaveLength(3);
    expect(s.published()).toBe(1);
  });

  it('processes records one at a time, so the choice sees the previous assignment', async () => {
    const s = setup();
    const batch = [1, 2, 3, 4].map((n) => caseRecord(n));
    for (const c of batch) await s.cases.create(c);
    const response = await s.handler({ Records: batch.map((c, i) => sqsRecord(`m${i}`, bodyOf(c))) });
    expect(response.batchItemFailures).toEqual([]);
    expect((await s.staff.list()).map((a) => a.openCases)).toEqual([2, 2]);
  });

  it('a batch where every record fails is reported record by record (no thrown error)', async () => {
    const s = setup();
    const response = await s.handler({ Records: [sqsRecord('x1', 'not json'), sqsRecord('x2', '')] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'x1' }, { itemIdentifier: 'x2' }]);
  });

  it('an SES failure fails only that record; the redelivery then sends the notice once', async () => {
    const s = setup();
    const [a, b] = [caseRecord(1), caseRecord(2)];
    await s.cases.create(a);
    await s.cases.create(b);
    s.mailer.failNext = new Error('Throttling: Maximum sending rate exceeded');
    const first = await s.handler({ Records: [sqsRecord('m1', bodyOf(a)), sqsRecord('m2', bodyOf(b))] });
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    const second = await s.handler({ Records: [sqsRecord('m1-again', bodyOf(a))] });
    expect(second.batchItemFailures).toEqual([]);
    expect(s.mailer.sent.map((m) => m.subject.slice(0, 17)).sort()).toEqual(['[OUV-2026-000001]', '[OUV-2026-000002]']);
    expect(s.metrics.some((m) => m.name === ASSIGNMENT_METRIC.noticeResent)).toBe(true);
  });

  it('metrics: deferred off hours, no-analyst with an empty roster, time to assignment in seconds', async () => {
    const closed = setup('2026-11-28T10:00:00-03:00');
    await closed.cases.create(caseRecord(1));
    await closed.handler({ Records: [sqsRecord('m1', bodyOf(caseRecord(1)))] });
    expect(closed.metrics).toEqual([{ name: ASSIGNMENT_METRIC.deferred, unit: 'Count', value: 1 }]);
    expect(closed.scheduler.scheduled).toHaveLength(1);

    const nobody = setup('2026-11-30T10:00:00-03:00', [
      { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: false, openCases: 0 },
    ]);
    await nobody.cases.create(caseRecord(1));
    const response = await nobody.handler({ Records: [sqsRecord('m1', bodyOf(caseRecord(1)))] });
    expect(response.batchItemFailures).toEqual([]);
    expect(nobody.metrics).toEqual([{ name: ASSIGNMENT_METRIC.noAnalyst, unit: 'Count', value: 1 }]);

    const open = setup('2026-11-30T10:00:00-03:00');
    await open.cases.create(caseRecord(1));
    await open.handler({ Records: [sqsRecord('m1', bodyOf(caseRecord(1)))] });
    // Created 09:00 -03:00, assigned 10:00 -03:00.
    expect(open.metrics).toContainEqual({ name: ASSIGNMENT_METRIC.timeToAssignment, unit: 'Seconds', value: 3600 });
  });

  it('logs correlation ids only, never the merchant address or name', async () => {
    const s = setup();
    await s.cases.create(caseRecord(1));
    await s.handler({
      Records: [sqsRecord('m1', bodyOf(caseRecord(1))), sqsRecord('m2', JSON.stringify({ caseId: 'x' }))],
    });
    const text = JSON.stringify(s.logs);
    expect(text).toContain('OUV-2026-000001');
    expect(text).not.toContain('joao1@lojadojoao.com.br');
    expect(text).not.toContain('João');
    expect(text).not.toContain('ana@ouvidoria');
  });
});

describe('parseAssignmentBody', () => {
  it.each([
    ['not JSON', 'caseId=email:1', /not JSON/],
    ['empty body', '', /not JSON/],
    ['JSON null', 'null', /Invalid assignment message/],
    ['missing protocol', '{"caseId":"email:1"}', /protocol/],
    ['empty caseId', '{"caseId":"","protocol":"OUV-2026-000001"}', /caseId/],
    ['protocol in a free form', '{"caseId":"email:1","protocol":"ouv 2026 1"}', /OUV-YYYY-NNNNNN/],
    ['caseId not a string', '{"caseId":42,"protocol":"OUV-2026-000001"}', /caseId/],
  ])('rejects %s', (_name, body, error) => {
    expect(() => parseAssignmentBody(body)).toThrow(error);
  });

  it('accepts the body the intake and the scheduler send (extra fields ignored)', () => {
    expect(parseAssignmentBody('{"caseId":"email:abc","protocol":"OUV-2026-000123","x":1}')).toEqual({
      caseId: 'email:abc',
      protocol: 'OUV-2026-000123',
    });
  });
});
