/**
 * Issue 15 on dynalite: a month of submissions through the real intake and lifecycle services and
 * the DynamoDB adapters, the report over the status index checked against figures computed here
 * independently, retention TTLs, and a data-subject export + erasure that leaves only the tombstone.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { caseItemKey, DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoDataSubjectStore } from '../../shared/adapters/dynamo/data-subject-store';
import { DynamoHeldReplies } from '../../shared/adapters/dynamo/held-replies';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { DynamoReportSource } from '../../shared/adapters/dynamo/report-source';
import { DynamoSenderOpenCases } from '../../shared/adapters/dynamo/sender-open-cases';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { surveyKey } from '../../shared/adapters/dynamo/survey-store';
import { recordSurvey } from '../../shared/app/lifecycle/survey';
import { surveyLinks } from '../../shared/domain/lifecycle/survey';
import { FileRawMailArchive } from '../../shared/adapters/raw-mail-archive';
import { DirectoryReportStore } from '../../shared/adapters/report-store';
import {
  type DataSubjectDeps,
  eraseSubject,
  exportSubject,
  type SubjectCase,
  statisticsOf,
  subjectHash,
} from '../../shared/app/data-subject';
import { processSubmission } from '../../shared/app/intake';
import { handleStaffMail } from '../../shared/app/lifecycle/staff-mail';
import { generateReport, publishReport } from '../../shared/app/report';
import type { ReportEntry } from '../../shared/domain/report/figures';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import { staffReplyAddress } from '../../shared/domain/lifecycle/reply-address';
import { DAY_SECONDS } from '../../shared/domain/retention';
import { utcDayStart } from '../../shared/domain/instant';
import { citationKey, statusLinkCaseKey, statusLinkInboxKey } from '../../shared/domain/rate-keys';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter';
import { SubmissionSchema } from '../../shared/domain/submission';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../support/emulators';
import { dynamoLifecycle } from '../support/dynamo-lifecycle';
import { FixedClock, InMemoryTicketDirectory, RecordingMailer, RecordingQueue } from '../support/fakes';
import { SECRET, staffMail } from '../support/lifecycle-fakes';

const TABLE = 'report-titular';
const BUCKET = 'ouvidoria-raw-mail-test';
const calendar = officeCalendar(localConfig);

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let rawRoot: string;

/** Accepted case i: created April 6 + i (weekdays), answered the next day for i < 4, closed for i < 3. */
const PLAN = [
  {
    created: '2026-04-06T14:00:00.000Z',
    answer: '2026-04-07T14:00:00.000Z',
    close: '2026-04-28T14:00:00.000Z',
    category: 'procedente',
    score: 4,
  },
  {
    created: '2026-04-07T14:00:00.000Z',
    answer: '2026-04-08T14:00:00.000Z',
    close: '2026-04-09T14:00:00.000Z',
    category: 'resolvido',
    score: 5,
  },
  {
    created: '2026-04-08T14:00:00.000Z',
    answer: '2026-04-09T14:00:00.000Z',
    close: '2026-04-22T14:00:00.000Z',
    category: 'procedente',
  },
  { created: '2026-04-09T14:00:00.000Z', answer: '2026-04-13T14:00:00.000Z' },
  { created: '2026-04-10T14:00:00.000Z' },
  { created: '2026-04-13T14:00:00.000Z' },
] as const;
const REDIRECTED = ['2026-04-14T14:00:00.000Z', '2026-04-15T14:00:00.000Z'];
const SUBJECT = 'lojista0@loja0.com.br';

const sender = (i: number) => `lojista${i}@loja${i}.com.br`;

function submission(i: number, created: string, ticket: boolean) {
  const address = ticket ? sender(i) : `orientar${i}@outra.com.br`;
  return SubmissionSchema.parse({
    channel: 'email',
    sourceId: `ses-${i}-${ticket ? 'a' : 'r'}`,
    receivedAt: created,
    sender: { name: `Lojista ${i}`, address },
    returnPath: address,
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    subject: ticket ? `Reclamação sobre o chamado #${48200 + i}` : 'Dúvida',
    text: ticket
      ? `Olá, abri o chamado #${48200 + i} há duas semanas sobre a integração com os Correios que parou de calcular o frete e ninguém resolveu. Preciso de uma solução.`
      : 'Olá, quero saber como funciona a plataforma de vocês para vender online. Nunca abri chamado nenhum.',
    messageId: `msg-${i}-${ticket ? 'a' : 'r'}@mail.example.com`,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    raw: { bucket: BUCKET, key: `inbound/ses-${i}-${ticket ? 'a' : 'r'}` },
  });
}

/** Business days after a's local date up to b's: written here, apart from the report code. */
function bd(a: string, b: string): number {
  let n = 0;
  const start = calendar.localDate(new Date(a));
  const end = calendar.localDate(new Date(b));
  for (let t = Date.parse(`${start}T12:00:00Z`) + 86_400_000; t <= Date.parse(`${end}T12:00:00Z`); t += 86_400_000) {
    if (calendar.isBusinessDay(new Date(t).toISOString().slice(0, 10))) n++;
  }
  return n;
}

const caseIds: string[] = [];
const protocols: string[] = [];
const dueAts: string[] = [];

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  await createTableIfMissing(raw, TABLE);
  rawRoot = await mkdtemp(join(tmpdir(), 'ouvidoria-raw-'));

  const repository = new DynamoCaseRepository({ client: doc, tableName: TABLE, retention: localConfig.retention });
  const clock = new FixedClock(new Date(PLAN[0].created));
  const tickets = new InMemoryTicketDirectory(
    PLAN.map((_, i) => ({ id: String(48200 + i), requesterEmail: sender(i) })),
  );
  const intake = {
    cases: repository,
    openCases: new DynamoSenderOpenCases(doc, TABLE),
    tickets,
    mailer: new RecordingMailer(),
    queue: new RecordingQueue(),
    throttle: new DynamoReplyThrottle(doc, TABLE),
    bounces: new DynamoBounceRegistry(doc, TABLE),
    clock,
    config: localConfig,
  };
  const store = new DynamoCaseWorkStore({
    client: doc,
    tableName: TABLE,
    repository,
    retention: localConfig.retention,
  });
  const { deps: lifecycle } = await dynamoLifecycle(doc, TABLE, {
    cases: store,
    // Its own provider ids: SES never gives two mails one id.
    mailer: new RecordingMailer('lifecycle'),
    clock,
    calendar,
  });

  // One March case for the month-over-month row.
  clock.set('2026-03-16T14:00:00.000Z');
  await processSubmission(submission(9, '2026-03-16T14:00:00.000Z', false), intake);

  for (const [i, p] of PLAN.entries()) {
    const s = submission(i, p.created, true);
    await mkdir(join(rawRoot, BUCKET, 'inbound'), { recursive: true });
    await writeFile(
      join(rawRoot, BUCKET, s.raw?.key as string),
      `From: ${sender(i)}\r\nSubject: caso ${i}\r\n\r\ntexto`,
    );
    clock.set(p.created);
    const result = await processSubmission(s, intake);
    const record = await repository.get(`email:${s.sourceId}`);
    expect(record?.outcome, JSON.stringify(result)).toBe('ACCEPTED');
    const due = calendar.dueDate(new Date(p.created), localConfig.slaBusinessDays);
    await repository.assign(record?.caseId as string, 'ana', new Date(p.created), due);
    caseIds.push(record?.caseId as string);
    protocols.push(record?.protocol as string);
    dueAts.push(due.toISOString());
  }
  // A second delivery of case 0's mail (another SES id, as a sending server's retry makes): its raw
  // mail is kept with the case, where an erasure of the address finds it.
  await writeFile(join(rawRoot, BUCKET, 'inbound/ses-0-copy'), `From: ${sender(0)}\r\nSubject: caso 0\r\n\r\ntexto`);
  await repository.keepRawCopy(caseIds[0] as string, {
    deliveryId: 'ses-0-copy',
    raw: { bucket: BUCKET, key: 'inbound/ses-0-copy' },
    receivedAt: PLAN[0].created,
  });
  // Two cases as numbered before the protocol index (issue 16), with their legacy PROTOCOL# pointer:
  // retention and erasure still handle those.
  for (const i of [0, 1]) {
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: `PROTOCOL#${protocols[i]}`, sk: 'PROTOCOL', type: 'PROTOCOL', caseId: caseIds[i] },
      }),
    );
  }
  for (const [j, created] of REDIRECTED.entries()) {
    clock.set(created);
    await processSubmission(submission(20 + j, created, false), intake);
  }
  for (const [i, p] of PLAN.entries()) {
    const to = staffReplyAddress(protocols[i] as string, 'ana', SECRET, localConfig);
    const mail = (text: string, id: string, at: string) =>
      staffMail({ to, from: 'ana@empresa.com.br', text, sourceId: id, messageId: `${id}@outlook.com`, receivedAt: at });
    if ('answer' in p) {
      clock.set(p.answer);
      const r = await handleStaffMail(mail(`Olá, estamos verificando o caso ${i}.`, `ans-${i}`, p.answer), lifecycle);
      expect(r.kind, JSON.stringify(r)).not.toBe('refused');
    }
    if ('close' in p) {
      clock.set(p.close);
      const r = await handleStaffMail(
        mail(`#encerrar ${p.category}\nResolvido com o time.`, `close-${i}`, p.close),
        lifecycle,
      );
      expect(r.kind, JSON.stringify(r)).not.toBe('refused');
    }
    if ('score' in p) {
      await lifecycle.surveys.record({
        protocol: protocols[i] as string,
        score: p.score,
        answeredAt: '2026-04-29T12:00:00.000Z',
      });
    }
  }
}, 60_000);

afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});

function csvTable(csv: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1)) {
    const [table, key, , value] = line.split(';');
    map.set(`${table}.${key}`, value ?? '');
  }
  return map;
}

describe('monthly report on dynalite', () => {
  it('matches figures computed independently, from index queries only', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ouvidoria-report-'));
    const source = new DynamoReportSource(doc, TABLE);
    const mailer = new RecordingMailer();
    const now = new Date('2026-05-04T12:00:00.000Z');
    const report = await publishReport(
      { from: '2026-04-01', to: '2026-04-30' },
      {
        source,
        calendar,
        clock: { now: () => now },
        store: new DirectoryReportStore(out),
        mailer,
        config: localConfig,
        supervisors: async () => ['sofia@empresa.com.br'],
      },
    );
    const csv = csvTable(report.csv);
    const closed = PLAN.map((p, i) => ({ p, i })).filter(({ p }) => 'close' in p);
    const answers = PLAN.filter((p) => 'answer' in p).map((p) => bd(p.created, (p as { answer: string }).answer));
    const closes = closed.map(({ p }) => bd(p.created, (p as { close: string }).close)).sort((a, b) => a - b);
    const within = closed.filter(
      ({ p, i }) => Date.parse((p as { close: string }).close) <= Date.parse(dueAts[i] as string),
    );
    const overdue = PLAN.map((p, i) => ({ p, i })).filter(
      ({ p, i }) => !('close' in p) && Date.parse(dueAts[i] as string) < now.getTime(),
    );

    expect(csv.get('resumo.total')).toBe(String(PLAN.length + REDIRECTED.length));
    expect(csv.get('resumo.aceitas')).toBe(String(PLAN.length));
    expect(csv.get('resumo.orientadas')).toBe(String(REDIRECTED.length));
    expect(csv.get('resumo.primeira_resposta_casos')).toBe(String(answers.length));
    expect(csv.get('resumo.primeira_resposta_mediana')).toBe(String(1));
    expect(answers).toEqual([1, 1, 1, 2]);
    expect(csv.get('resumo.encerramento_mediana')).toBe(String(closes[1]));
    expect(csv.get('resumo.encerramento_p90')).toBe(String(closes[2]));
    expect(csv.get('resumo.prazo_no_prazo')).toBe(String(within.length));
    expect(csv.get('resumo.em_atraso_agora')).toBe(String(overdue.length));
    expect(csv.get('resumo.satisfacao_respostas')).toBe('2');
    expect(csv.get('resumo.satisfacao_media')).toBe('4,5');
    expect(csv.get('categorias_resolucao.procedente')).toBe('2');
    expect(csv.get('categorias_resolucao.resolvido')).toBe('1');
    expect(csv.get('por_analista.ana')).toBe(String(PLAN.length));
    expect(csv.get('por_canal.email')).toBe(String(PLAN.length + REDIRECTED.length));
    expect(csv.get('variacao_mensal.total')).toBe(String(PLAN.length + REDIRECTED.length));
    expect(report.figures.previous.total).toBe(1);
    // 7 status partitions × 2 periods + 3 open partitions + the erased cases' statistics of March
    // and April (one month partition each) + the closings of March to May (the UTC months of the
    // bounds, CASEEVENTS#) + the erased cases' of March and April, by closing date and (records of
    // older erasures) by creation date, one page each: no scan.
    expect(source.queries).toBe(7 * 2 + 3 + 2 + 3 + 2 * 2);
    expect(existsSync(join(out, `${report.name}.html`))).toBe(true);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toEqual(['sofia@empresa.com.br']);
    expect(mailer.sent[0]?.files?.map((f) => f.filename)).toEqual(report.files);

    // The page for the README screenshot (test/e2e/report-screenshot.test.ts takes it).
    await mkdir('test-artifacts', { recursive: true });
    await writeFile(join('test-artifacts', 'report.html'), report.html);
  });
});

describe('retention', () => {
  it('closing sets expiresAt on the case and its pointers (a legacy PROTOCOL# one too); redirected submissions get it at creation', async () => {
    const closedAt = Date.parse(PLAN[1].close);
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(caseIds[1] as string) }));
    expect(Item?.['expiresAt']).toBe(Math.floor(closedAt / 1000) + 1826 * DAY_SECONDS);
    const pointer = await doc.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `PROTOCOL#${protocols[1]}`, sk: 'PROTOCOL' } }),
    );
    expect(pointer.Item?.['expiresAt']).toBe(Item?.['expiresAt']);
    const open = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(caseIds[4] as string) }));
    expect(open.Item?.['expiresAt']).toBeUndefined();
    const redirected = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey('email:ses-20-r') }));
    expect(redirected.Item?.['status']).toBe('REDIRECTED');
    expect(redirected.Item?.['expiresAt']).toBe(
      Math.floor(Date.parse(REDIRECTED[0] as string) / 1000) + 180 * DAY_SECONDS,
    );
  });
});

describe('retention of everything a closed case or a redirected submission left', () => {
  /** pk/sk → expiresAt of the items of a case: its partition, its pointers and claims, its survey answer. */
  async function itemsOf(caseId: string): Promise<Record<string, unknown>> {
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(caseId) }));
    const { Items } = await doc.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'pk = :pk OR caseId = :id OR (attribute_exists(protocol) AND protocol = :protocol)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':id': caseId, ':protocol': Item?.['protocol'] ?? '-' },
      }),
    );
    return Object.fromEntries((Items ?? []).map((i) => [`${i['pk']}/${i['sk']}`, i['expiresAt']]));
  }

  it('every item of a closed case expires with it, the pointers of the mail sent at closing too', async () => {
    for (const i of [0, 1, 2]) {
      const caseId = caseIds[i] as string;
      const items = await itemsOf(caseId);
      const ttl = items[`CASE#${caseId}/CASE`];
      expect(ttl).toBe(Math.floor(Date.parse((PLAN[i] as { close: string }).close) / 1000) + 1826 * DAY_SECONDS);
      // The survey answer is kept as long as its case, from its own answer instant (a few days later at most).
      const survey = Object.keys(items).find((k) => k.startsWith('SURVEY#'));
      if (survey) {
        expect(items[survey]).toEqual(expect.any(Number));
        delete items[survey];
      }
      // The report's entry of its first answer expires from that instant (before the case); its
      // closing's, with the case.
      for (const k of Object.keys(items).filter((key) => key.startsWith('CASEEVENTS#'))) {
        const at = Date.parse(k.slice(k.indexOf('/') + 1, k.lastIndexOf('#')));
        expect(items[k]).toBe(Math.floor(at / 1000) + 1826 * DAY_SECONDS);
        expect(items[k] as number).toBeLessThanOrEqual(ttl as number);
        if (items[k] !== ttl) delete items[k];
      }
      expect(items).toEqual(Object.fromEntries(Object.keys(items).map((k) => [k, ttl])));
    }
  });

  it('every item of a redirected submission expires with it, its guidance reply’s pointers too', async () => {
    const items = await itemsOf('email:ses-20-r');
    const ttl = Math.floor(Date.parse(REDIRECTED[0] as string) / 1000) + 180 * DAY_SECONDS;
    expect(Object.keys(items).length).toBeGreaterThan(2);
    expect(items).toEqual(Object.fromEntries(Object.keys(items).map((k) => [k, ttl])));
  });
});

describe('data-subject requests', () => {
  const deps = (): DataSubjectDeps => ({
    store: new DynamoDataSubjectStore(doc, TABLE),
    rawMail: new FileRawMailArchive(rawRoot),
    clock: { now: () => new Date('2026-05-04T12:00:00.000Z') },
    timeZone: localConfig.timeZone,
    calendar,
  });

  it('exports every case, message, survey answer and raw mail of the address', async () => {
    // A guidance reply to her the bounce breaker held (her address and her mail's Message-ID), and one
    // of another case to another address, which is not hers to see or erase.
    const held = new DynamoHeldReplies(doc, TABLE);
    const reply = { headers: { 'In-Reply-To': '<msg-0@loja.example>' }, messageId: '<r1@ouvidoria.example.com.br>' };
    await held.hold({ ...reply, caseId: caseIds[0] as string, heldAt: '2026-05-03T22:10:00.000Z', to: SUBJECT });
    await held.hold({
      ...reply,
      caseId: 'email:ses-other',
      heldAt: '2026-05-03T22:11:00.000Z',
      to: 'outra@loja.example',
    });
    const { data, files } = await exportSubject(SUBJECT, deps());
    expect(data.addressItems.filter((a) => a.key.pk.startsWith('HELDREPLY#')).map((a) => a.item['reply'])).toEqual([
      expect.objectContaining({ caseId: caseIds[0], to: SUBJECT }),
    ]);
    expect(data.cases).toHaveLength(1);
    expect(data.cases[0]?.protocol).toBe(protocols[0]);
    expect(data.cases[0]?.messages.length).toBeGreaterThanOrEqual(2);
    expect(data.cases[0]?.related.map((r) => r.key.pk)).toEqual(
      expect.arrayContaining([`PROTOCOL#${protocols[0]}`, `SURVEY#${protocols[0]}`]),
    );
    expect(data.addressItems.map((a) => a.key.pk)).toContain(`OPEN#${SUBJECT}`);
    expect([...files.values()][0]?.toString()).toContain('Subject: caso 0');
  });

  const april = () =>
    generateReport(
      { from: '2026-04-01', to: '2026-04-30' },
      {
        source: new DynamoReportSource(doc, TABLE),
        calendar,
        clock: { now: () => new Date('2026-05-04T12:00:00.000Z') },
      },
    );

  it('erases everything but the tombstone and the anonymous statistics: the past report is unchanged', async () => {
    const reportBefore = await april();
    expect(reportBefore.figures.acceptedVsRedirected.accepted).toBe(PLAN.length);
    const before = await doc.send(new ScanCommand({ TableName: TABLE }));
    const result = await eraseSubject(SUBJECT, deps(), { confirmed: false });
    expect(result.erased).toBe(true);
    // The report of a past month is the same (before, case 0 went from it: 6 accepted became 5).
    const reportAfter = await april();
    expect(reportAfter.figures).toEqual(reportBefore.figures);
    expect(reportAfter.csv).toBe(reportBefore.csv);
    expect(reportAfter.html).toBe(reportBefore.html);
    const after = await doc.send(new ScanCommand({ TableName: TABLE }));
    const mentions = (after.Items ?? []).filter((item) => {
      const text = JSON.stringify(item);
      return text.includes(SUBJECT) || text.includes(caseIds[0] as string) || text.includes(protocols[0] as string);
    });
    expect(mentions).toEqual([]);
    const bySender = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi2-sender',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `SENDER#${SUBJECT}` },
      }),
    );
    expect(bySender.Items).toEqual([]);
    expect(existsSync(join(rawRoot, BUCKET, 'inbound/ses-0-a'))).toBe(false);
    expect(existsSync(join(rawRoot, BUCKET, 'inbound/ses-0-copy'))).toBe(false);
    const tomb = (after.Items ?? []).filter((i) => String(i['pk']).startsWith('TOMBSTONE#'));
    expect(tomb).toHaveLength(1);
    expect(tomb[0]?.['pk']).toBe(`TOMBSTONE#${subjectHash(SUBJECT)}`);
    expect(tomb[0]?.['counts']).toMatchObject({ cases: 1, rawMail: 2 });
    // What went is exactly what named the address: the other items are all still there (+1 tombstone,
    // +1 statistics record).
    const removed = (before.Items?.length ?? 0) - (after.Items?.length ?? 0) + 2;
    expect(removed).toBe((tomb[0]?.['counts'] as { items: number } | undefined)?.items);

    // What the report counted of case 0, and nothing that leads back to her: no address, name, text,
    // ticket, protocol, case id or instant, and nothing tying it to the tombstone's hash.
    const stats = (after.Items ?? []).filter((i) => String(i['pk']).startsWith('ERASEDSTATS#'));
    expect(stats).toHaveLength(1);
    const { sk, [`expiresAt`]: expiresAt, ...kept } = stats[0] as Record<string, unknown>;
    expect(sk).toMatch(/^2026-04-06#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(kept).toEqual({
      pk: 'ERASEDSTATS#2026-04',
      type: 'ERASED_CASE_STATS',
      createdOn: '2026-04-06',
      channel: 'email',
      status: 'CLOSED',
      outcome: 'ACCEPTED',
      topics: expect.any(Array),
      analyst: 'ana',
      analysts: ['ana'],
      firstAnswerDays: bd(PLAN[0].created, PLAN[0].answer),
      firstAnsweredOn: PLAN[0].answer.slice(0, 10),
      closures: [
        {
          closeDays: bd(PLAN[0].created, PLAN[0].close),
          category: 'procedente',
          closedOn: PLAN[0].close.slice(0, 10),
          closedBy: 'ana',
          withinDeadline: Date.parse(PLAN[0].close) <= Date.parse(dueAts[0] as string),
          // Her answer, with the closing it answered.
          survey: 4,
        },
      ],
    });
    // It goes when the case would have (its retention after closing), rounded up to the day.
    expect(expiresAt).toBe(
      Math.ceil((Math.floor(Date.parse(PLAN[0].close) / 1000) + 1826 * DAY_SECONDS) / DAY_SECONDS) * DAY_SECONDS,
    );
    const text = JSON.stringify(stats[0]);
    for (const personal of [
      '@',
      'lojista',
      'Lojista',
      '48200',
      'OUV-',
      'ses-',
      'msg-',
      subjectHash(SUBJECT),
      'T14:00',
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  it('an erasure run again (interrupted after the statistics) keeps one record per case, not two', async () => {
    const count = async () =>
      ((await doc.send(new ScanCommand({ TableName: TABLE }))).Items ?? []).filter((i) =>
        String(i['pk']).startsWith('ERASEDSTATS#'),
      ).length;
    const held = await count();
    const store = new DynamoDataSubjectStore(doc, TABLE);
    const [c] = await store.cases(sender(1));
    // The run died after keeping the statistics of case 1, before erasing anything.
    const entry = statisticsOf(c as SubjectCase, calendar);
    await store.keepStatistics(caseIds[1] as string, entry as ReportEntry);
    expect(await count()).toBe(held + 1);
    expect((await eraseSubject(sender(1), deps(), { confirmed: false })).erased).toBe(true);
    expect(await count()).toBe(held + 1);
  });

  it('after the erasure, an unexpired survey link of the erased case writes nothing back (answers as expired)', async () => {
    const now = new Date('2026-05-04T12:00:00.000Z');
    const [link] = surveyLinks(protocols[0] as string, now, SECRET, localConfig);
    const { deps: surveyDeps } = await dynamoLifecycle(doc, TABLE, {
      cases: new DynamoCaseWorkStore({
        client: doc,
        tableName: TABLE,
        repository: new DynamoCaseRepository({ client: doc, tableName: TABLE, retention: localConfig.retention }),
        retention: localConfig.retention,
      }),
      clock: new FixedClock(now),
    });
    expect(await recordSurvey(link?.url ?? '', 'Sou a lojista, pode me ligar', surveyDeps)).toEqual({
      kind: 'invalid-link',
      error: 'expired',
    });
    const { Item } = await doc.send(
      new GetCommand({ TableName: TABLE, Key: surveyKey(protocols[0] as string), ConsistentRead: true }),
    );
    expect(Item).toBeUndefined();
  });

  it('refuses to erase an address with open cases without confirmation', async () => {
    const result = await eraseSubject(sender(4), deps(), { confirmed: false });
    expect(result).toEqual({ erased: false, reason: 'open-cases', openCases: 1 });
  });

  // Mend 51: her erasure left the protocol counter's lastCase naming her case (the last numbered,
  // kept with no expiry) and the rate counters keyed by her case id (status links, citation notices)
  // or her hashed inbox until DynamoDB's TTL removed them. Another case's counters stay.
  it("erasing an open case (confirmed) releases its marker and keeps the analyst's last assignment; nothing names it afterwards", async () => {
    const staff = new DynamoStaffRepository(doc, TABLE);
    const before = await staff.get('ana');
    // Case 5 is ana's latest assignment, still open: the instant lives on its marker.
    expect(before?.lastAssignedAt).toBe(PLAN[5].created);
    // Case 5 was numbered last: the counter names it.
    const erased = caseIds[5] as string;
    const counter = await doc.send(
      new GetCommand({ TableName: TABLE, Key: { pk: 'COUNTER#PROTOCOL#2026', sk: 'COUNTER' }, ConsistentRead: true }),
    );
    expect(counter.Item?.['lastCase']).toBe(erased);
    const now = new Date('2026-05-04T12:00:00.000Z');
    const limiter = new DynamoRateLimiter(doc, TABLE);
    for (const day of [now, new Date(now.getTime() - DAY_SECONDS * 1000)]) {
      const start = utcDayStart(day);
      for (const key of [statusLinkCaseKey(erased), citationKey(erased), statusLinkInboxKey(sender(5))])
        await limiter.hit(key, start, DAY_SECONDS);
      await limiter.hit(statusLinkCaseKey(caseIds[2] as string), start, DAY_SECONDS);
    }
    // Journey 50: a colleague's mail from another address cited the case (not joined): her record
    // names it until the erasure; then its link goes and the record, hers, stays.
    const citing = 'email:citing-joana';
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          ...caseItemKey(citing),
          caseId: citing,
          referencedCaseId: erased,
          referencedProtocol: 'OUV-2026-000005',
        },
      }),
    );
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: caseItemKey(erased),
        UpdateExpression: 'SET citedBy = :ids',
        ExpressionAttributeValues: { ':ids': [citing] },
      }),
    );
    const scan = async () => (await doc.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];
    const othersBefore = await scan();

    const result = await eraseSubject(sender(5), deps(), { confirmed: true });
    expect(result.erased).toBe(true);
    expect(await staff.get('ana')).toMatchObject({
      openCases: (before?.openCases ?? 0) - 1,
      lastAssignedAt: PLAN[5].created,
    });
    const after = await scan();
    expect(after.find((item) => item['caseId'] === citing)).toEqual({ ...caseItemKey(citing), caseId: citing });
    const hashed = statusLinkInboxKey(sender(5));
    expect(
      after.filter((item) => JSON.stringify(item).includes(erased) || String(item['pk']).includes(hashed)),
    ).toEqual([]);
    // The numbering goes on; another case's counters are untouched.
    expect(after.find((item) => item['pk'] === 'COUNTER#PROTOCOL#2026')?.['seq']).toBe(counter.Item?.['seq']);
    const others = (items: typeof after) =>
      items.filter((item) => String(item['pk']).startsWith(`RATE#${statusLinkCaseKey(caseIds[2] as string)}#`));
    expect(others(after)).toHaveLength(2);
    expect(others(after)).toEqual(others(othersBefore));
  });
});

// Red team 62: her guidance-only record cited another merchant's case without joining it; that case's
// citedBy listed her record's id until after her erasure ("nothing names her").
describe("erasing a record that cited another address's case", () => {
  it("takes her id off that case's citedBy, and leaves the other ids and the case", async () => {
    const citer = 'email:ses-9-r';
    const cited = caseIds[2] as string;
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: caseItemKey(citer),
        UpdateExpression: 'SET referencedCaseId = :c, referencedProtocol = :p',
        ExpressionAttributeValues: { ':c': cited, ':p': protocols[2] },
      }),
    );
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: caseItemKey(cited),
        UpdateExpression: 'SET citedBy = :ids',
        ExpressionAttributeValues: { ':ids': ['email:citing-joana', citer, 'email:citing-gmail'] },
      }),
    );
    const store = new DynamoDataSubjectStore(doc, TABLE);
    const result = await eraseSubject(
      'orientar9@outra.com.br',
      {
        store,
        rawMail: new FileRawMailArchive(rawRoot),
        clock: { now: () => new Date('2026-05-04T12:00:00.000Z') },
        timeZone: localConfig.timeZone,
        calendar,
      },
      { confirmed: false },
    );
    expect(result.erased).toBe(true);
    const after = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(cited), ConsistentRead: true }));
    expect(after.Item?.['citedBy']).toEqual(['email:citing-joana', 'email:citing-gmail']);
    expect(after.Item?.['protocol']).toBe(protocols[2]);
    // Idempotent: a second run finds nothing to take off.
    await store.forgetCiter(cited, citer);
    const again = await doc.send(new GetCommand({ TableName: TABLE, Key: caseItemKey(cited), ConsistentRead: true }));
    expect(again.Item?.['citedBy']).toEqual(['email:citing-joana', 'email:citing-gmail']);
  });
});
