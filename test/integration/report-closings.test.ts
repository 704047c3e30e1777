/**
 * Journeys 50 on dynalite: a case received in October and closed late in November counts in
 * November's closing figures (and survey), October keeps it as received; a case closed in October,
 * reopened by the merchant and closed again in November counts in each month; all of it read by key
 * and by date (CASEEVENTS#, ERASEDEVENTS#), never a scan, and the same after an LGPD erasure.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { caseItemKey, DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoDataSubjectStore } from '../../shared/adapters/dynamo/data-subject-store';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { DynamoReportSource } from '../../shared/adapters/dynamo/report-source';
import { DynamoSenderOpenCases } from '../../shared/adapters/dynamo/sender-open-cases';
import { FileRawMailArchive } from '../../shared/adapters/raw-mail-archive';
import { eraseSubject } from '../../shared/app/data-subject';
import { processSubmission } from '../../shared/app/intake';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { handleMerchantReply } from '../../shared/app/lifecycle/merchant-reply';
import type { WorkCase } from '../../shared/domain/lifecycle/types';
import { generateReport } from '../../shared/app/report';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import type { ReportFigures } from '../../shared/domain/report/figures';
import { SubmissionSchema } from '../../shared/domain/submission';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../support/emulators';
import { dynamoLifecycle } from '../support/dynamo-lifecycle';
import { FixedClock, InMemoryTicketDirectory, RecordingMailer, RecordingQueue } from '../support/fakes';
import { SECRET, staffMail } from '../support/lifecycle-fakes';

const TABLE = 'report-closings';
const calendar = officeCalendar(localConfig);
let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
const commands: string[] = [];

const MARIANA = 'mariana@lojadamariana.com.br';
const PAULO = 'paulo@casadopaulo.com.br';
/** Mariana: received Fri 09/10, due 23/10, closed Wed 04/11 (late), survey 4. Paulo: received 26/10, closed 30/10, reopened 03/11, closed again 10/11. */
const PLAN = [
  { email: MARIANA, ticket: '48213', created: '2026-10-09T14:00:00.000Z', closes: ['2026-11-04T15:00:00.000Z'] },
  {
    email: PAULO,
    ticket: '48214',
    created: '2026-10-26T14:00:00.000Z',
    closes: ['2026-10-30T15:00:00.000Z', '2026-11-10T15:00:00.000Z'],
    reopen: '2026-11-03T13:00:00.000Z',
  },
] as const;
const protocols: string[] = [];
const caseIds: string[] = [];

function submission(i: number, email: string, ticket: string, created: string) {
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: `ses-${i}`,
    receivedAt: created,
    sender: { name: `Lojista ${i}`, address: email },
    returnPath: email,
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    subject: `Reclamação sobre o chamado #${ticket}`,
    text: `Olá, abri o chamado #${ticket} há duas semanas: fui cobrada em dobro na mensalidade e ninguém respondeu. Preciso do estorno.`,
    messageId: `msg-${i}@mail.example.com`,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  });
}

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  await createTableIfMissing(raw, TABLE);
  const repository = new DynamoCaseRepository({ client: doc, tableName: TABLE, retention: localConfig.retention });
  const clock = new FixedClock(new Date(PLAN[0].created));
  const intake = {
    cases: repository,
    openCases: new DynamoSenderOpenCases(doc, TABLE),
    tickets: new InMemoryTicketDirectory(PLAN.map((p) => ({ id: p.ticket, requesterEmail: p.email }))),
    mailer: new RecordingMailer(),
    queue: new RecordingQueue(),
    throttle: new DynamoReplyThrottle(doc, TABLE),
    bounces: new DynamoBounceRegistry(doc, TABLE),
    clock,
    config: localConfig,
  };
  const { deps: lifecycle } = await dynamoLifecycle(doc, TABLE, {
    cases: new DynamoCaseWorkStore({ client: doc, tableName: TABLE, repository, retention: localConfig.retention }),
    mailer: new RecordingMailer('lifecycle'),
    clock,
    calendar,
  });
  for (const [i, p] of PLAN.entries()) {
    clock.set(p.created);
    await processSubmission(submission(i, p.email, p.ticket, p.created), intake);
    const record = await repository.get(`email:ses-${i}`);
    expect(record?.outcome).toBe('ACCEPTED');
    await repository.assign(
      record?.caseId as string,
      'ana',
      new Date(p.created),
      calendar.dueDate(new Date(p.created), localConfig.slaBusinessDays),
    );
    protocols.push(record?.protocol as string);
    caseIds.push(record?.caseId as string);
  }
  const close = async (i: number, at: string, n: number) => {
    clock.set(at);
    const to = staffReplyAddress(protocols[i] as string, 'ana', SECRET, localConfig);
    const id = `close-${i}-${n}`;
    const r = await handleStaffMail(
      staffMail({
        to,
        from: 'ana@empresa.com.br',
        text: '#encerrar procedente\nEstorno feito.',
        sourceId: id,
        messageId: `${id}@outlook.com`,
        receivedAt: at,
      }),
      lifecycle,
    );
    expect(r.kind, JSON.stringify(r)).not.toBe('refused');
  };
  await close(0, PLAN[0].closes[0], 0);
  await lifecycle.surveys.record({
    protocol: protocols[0] as string,
    score: 4,
    answeredAt: '2026-11-05T12:00:00.000Z',
  });
  await close(1, PLAN[1].closes[0], 0);
  clock.set(PLAN[1].reopen);
  const paulo = (await lifecycle.cases.get(caseIds[1] as string)) as WorkCase;
  const reopened = await handleMerchantReply(
    paulo,
    {
      sourceId: 'ses-paulo-reopen',
      channel: 'email',
      receivedAt: PLAN[1].reopen,
      subject: 'Re: Reclamação sobre o chamado #48214',
      text: 'O estorno não apareceu na fatura. Podem verificar de novo?',
      attachments: [],
      from: { address: PAULO },
    },
    lifecycle,
  );
  expect(reopened.kind, JSON.stringify(reopened)).toBe('applied');
  expect(((await lifecycle.cases.get(caseIds[1] as string)) as WorkCase).status).not.toBe('CLOSED');
  await close(1, PLAN[1].closes[1], 1);
}, 60_000);

const report = (from: string, to: string) =>
  generateReport(
    { from, to },
    {
      source: new DynamoReportSource(doc, TABLE),
      calendar,
      clock: { now: () => new Date('2026-12-01T13:00:00.000Z') },
    },
  );

const counted = (f: Omit<ReportFigures, 'previous'> | ReportFigures['previous']) => ({
  received: f.total,
  closed: f.toClose.count,
  deadline: [f.deadline.withinDeadline, f.deadline.closed],
  surveys: [f.satisfaction.answers, f.satisfaction.closedCases, f.satisfaction.average],
  firstAnswers: f.firstAnswer.count,
});

describe('closings by the month they happen, on dynalite', () => {
  const october = { received: 2, closed: 1, deadline: [1, 1], surveys: [0, 1, null], firstAnswers: 1 };
  // Mariana's (late, survey 4) and Paulo's second closure; Mariana's first answer is her closing.
  const november = { received: 0, closed: 2, deadline: [1, 2], surveys: [1, 2, 4], firstAnswers: 1 };

  it('October counts what it received and its closure; November the closures made in it, by key and date only', async () => {
    commands.length = 0;
    const nov = await report('2026-11-01', '2026-11-30');
    expect({ november: counted(nov.figures), october: counted(nov.figures.previous) }).toEqual({ november, october });
    const oct = await report('2026-10-01', '2026-10-31');
    expect(counted(oct.figures)).toEqual(october);
    expect(nov.html).toContain('um caso recebido em um mês e encerrado no seguinte conta no mês do encerramento');
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.filter((c) => !/^(BatchGetItem|Query)Command$/.test(c))).toEqual([]);
    // Per report one BatchGetItem of the cases its closings name and one of their surveys, not a GetItem each.
    expect(commands.filter((c) => c === 'BatchGetItemCommand')).toHaveLength(2 * 2);
  });

  it('erasing Mariana leaves both months as they were, and nothing of hers in the closings’ list', async () => {
    const before = await report('2026-11-01', '2026-11-30');
    const result = await eraseSubject(
      MARIANA,
      {
        store: new DynamoDataSubjectStore(doc, TABLE),
        rawMail: new FileRawMailArchive('/nonexistent-raw-mail'),
        clock: { now: () => new Date('2026-12-02T12:00:00.000Z') },
        timeZone: localConfig.timeZone,
        calendar,
      },
      { confirmed: false },
    );
    expect(result.erased).toBe(true);
    const after = await report('2026-11-01', '2026-11-30');
    expect(after.figures).toEqual(before.figures);
    expect({ november: counted(after.figures), october: counted(after.figures.previous) }).toEqual({
      november,
      october,
    });
    const { Items } = await doc.send(new ScanCommand({ TableName: TABLE }));
    expect((Items ?? []).filter((i) => JSON.stringify(i).includes(caseIds[0] as string))).toEqual([]);
    const erasedEvents = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ERASEDEVENTS#2026-11' },
      }),
    );
    expect(erasedEvents.Items?.map((i) => String(i['sk']).slice(0, 10))).toEqual(['2026-11-04']);
  });

  it('an erasure that dies between Paulo’s statistics and his case items counts him once, then and when retried', async () => {
    const before = await report('2026-11-01', '2026-11-30');
    /** The Lambda's process ending right after the statistics were kept, before anything of the case goes. */
    class DiesAfterStatistics extends DynamoDataSubjectStore {
      override async releaseStaffCase(): Promise<void> {
        throw new Error('Runtime.ExitError');
      }
    }
    const erase = (store: DynamoDataSubjectStore) =>
      eraseSubject(
        PAULO,
        {
          store,
          rawMail: new FileRawMailArchive('/nonexistent-raw-mail'),
          clock: { now: () => new Date('2026-12-02T12:00:00.000Z') },
          timeZone: localConfig.timeZone,
          calendar,
        },
        { confirmed: false },
      );
    await expect(erase(new DiesAfterStatistics(doc, TABLE))).rejects.toThrow('Runtime.ExitError');
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(caseIds[1] as string) }));
    expect(Item?.['status']).toBe('CLOSED');
    const halfway = await report('2026-11-01', '2026-11-30');
    expect({ november: counted(halfway.figures), october: counted(halfway.figures.previous) }).toEqual({
      november: counted(before.figures),
      october: counted(before.figures.previous),
    });
    expect(halfway.figures).toEqual(before.figures);
    expect((await erase(new DynamoDataSubjectStore(doc, TABLE))).erased).toBe(true);
    expect((await report('2026-11-01', '2026-11-30')).figures).toEqual(before.figures);
    // One record of him, however many runs wrote it.
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ERASEDSTATS#2026-10' },
      }),
    );
    expect(Items?.filter((i) => i['createdOn'] === '2026-10-26')).toHaveLength(1);
  });
});

afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});
