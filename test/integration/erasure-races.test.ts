/**
 * LGPD erasure against what shares an item with the erased address or writes beside it, on
 * dynalite: the inbox's open-case cap ("+tag" and Gmail-dot variants count on one item) and a
 * survey answer racing the erasure (interleavings forced through the stores).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoCaseWorkStore } from '../../shared/adapters/dynamo/case-work-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoDataSubjectStore } from '../../shared/adapters/dynamo/data-subject-store';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { addressKey, DynamoSenderOpenCases } from '../../shared/adapters/dynamo/sender-open-cases';
import { surveyKey } from '../../shared/adapters/dynamo/survey-store';
import { FileRawMailArchive } from '../../shared/adapters/raw-mail-archive';
import { type DataSubjectDeps, eraseSubject } from '../../shared/app/data-subject';
import { processSubmission } from '../../shared/app/intake';
import { recordSurvey } from '../../shared/app/lifecycle/survey';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import { surveyLinks } from '../../shared/domain/lifecycle/survey';
import { SubmissionSchema } from '../../shared/domain/submission';
import { dynamoLifecycle } from '../support/dynamo-lifecycle';
import { type DynaliteHandle, EMULATOR_CREDENTIALS, EMULATOR_REGION, startDynalite } from '../support/emulators';
import { FixedClock, InMemoryTicketDirectory, RecordingMailer, RecordingQueue } from '../support/fakes';
import { SECRET } from '../support/lifecycle-fakes';

const TABLE = 'erasure-races';
const NOW = '2026-04-06T14:00:00.000Z';
const calendar = officeCalendar(localConfig);

let dynalite: DynaliteHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let repository: DynamoCaseRepository;
let ticket = 48300;

/** Opens an accepted case of the address (its own ticket); returns its case id and protocol. */
async function openCase(address: string): Promise<{ caseId: string; protocol: string }> {
  ticket++;
  const sourceId = `ses-${ticket}`;
  const s = SubmissionSchema.parse({
    channel: 'email',
    sourceId,
    receivedAt: NOW,
    sender: { name: 'Lojista', address },
    returnPath: address,
    recipients: ['ouvidoria@ouvidoria.example.com.br'],
    subject: `Reclamação sobre o chamado #${ticket}`,
    text: `Olá, abri o chamado #${ticket} há duas semanas sobre a integração com os Correios que parou de calcular o frete e ninguém resolveu. Preciso de uma solução.`,
    messageId: `msg-${ticket}@mail.example.com`,
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
  });
  const result = await processSubmission(s, {
    cases: repository,
    openCases: new DynamoSenderOpenCases(doc, TABLE),
    tickets: new InMemoryTicketDirectory([{ id: String(ticket), requesterEmail: address }]),
    mailer: new RecordingMailer(),
    queue: new RecordingQueue(),
    throttle: new DynamoReplyThrottle(doc, TABLE),
    bounces: new DynamoBounceRegistry(doc, TABLE),
    clock: new FixedClock(new Date(NOW)),
    config: localConfig,
  });
  const record = await repository.get(`email:${sourceId}`);
  expect(record?.outcome, JSON.stringify(result)).toBe('ACCEPTED');
  return { caseId: record?.caseId as string, protocol: record?.protocol as string };
}

const deps = (store = new DynamoDataSubjectStore(doc, TABLE)): DataSubjectDeps => ({
  store,
  rawMail: new FileRawMailArchive('/nonexistent-raw-mail'),
  clock: { now: () => new Date('2026-04-07T12:00:00.000Z') },
  timeZone: localConfig.timeZone,
  calendar,
});

async function openIds(address: string): Promise<string[] | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: addressKey(address), ConsistentRead: true }));
  if (!Item) return undefined;
  return Item['caseIds'] instanceof Set ? [...(Item['caseIds'] as Set<string>)].sort() : [];
}

beforeAll(async () => {
  dynalite = await startDynalite();
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  await createTableIfMissing(raw, TABLE);
  repository = new DynamoCaseRepository({ client: doc, tableName: TABLE, retention: localConfig.retention });
}, 60_000);

afterAll(async () => {
  doc?.destroy();
  raw?.destroy();
  await dynalite?.stop();
});

describe('erasing a "+tag" or dotted variant releases its cases from the inbox cap', () => {
  it.each([
    { erased: 'vitima+1@gmail.com', inbox: 'vitima@gmail.com', others: ['vitima@gmail.com', 'vi.tima@gmail.com'] },
    { erased: 'vi.tima@outlook.com', inbox: 'vi.tima@outlook.com', others: ['vi.tima+loja@outlook.com'] },
    { erased: 'ana.s+pedidos@gmail.com', inbox: 'anas@gmail.com', others: ['anas@gmail.com'] },
  ])('erasing $erased: its ids leave OPEN#$inbox, the others stay counted', async ({ erased, inbox, others }) => {
    const kept = [];
    for (const other of others) kept.push((await openCase(other)).caseId);
    const gone = (await openCase(erased)).caseId;
    expect(await openIds(inbox)).toEqual([...kept, gone].sort());
    expect((await eraseSubject(erased, deps(), { confirmed: true })).erased).toBe(true);
    expect(await openIds(inbox)).toEqual(kept.sort());
    expect(await new DynamoSenderOpenCases(doc, TABLE).count(erased)).toBe(kept.length);
    // Nothing is written back under the erased address (a variant's own item, never created for it).
    if (erased !== inbox) expect(await openIds(erased)).toBeUndefined();
  });

  it("erasing the inbox's own address keeps its variants' open cases counted, not its bounce memory", async () => {
    const variant = (await openCase('maria+loja@gmail.com')).caseId;
    await openCase('maria@gmail.com');
    await new DynamoBounceRegistry(doc, TABLE).markBouncing('maria@gmail.com', new Date('2026-04-20T00:00:00Z'), 'x');
    expect((await eraseSubject('maria@gmail.com', deps(), { confirmed: true })).erased).toBe(true);
    const { Item } = await doc.send(
      new GetCommand({ TableName: TABLE, Key: addressKey('maria@gmail.com'), ConsistentRead: true }),
    );
    expect(Item?.['caseIds']).toEqual(new Set([variant]));
    expect(Item?.['bounceUntil']).toBeUndefined();
    expect(Item?.['bounceReason']).toBeUndefined();
    expect(await new DynamoSenderOpenCases(doc, TABLE).count('maria+loja@gmail.com')).toBe(1);
  });

  it("a variant's own item (counted before the cap was per inbox) goes whole, stale ids and all", async () => {
    const { caseId } = await openCase('rita+old@gmail.com');
    // As the cap counted before issue 16's inbox key: on the variant's own item, with an id whose case is gone.
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: addressKey('rita+old@gmail.com'),
        UpdateExpression: 'ADD caseIds :ids SET bounceUntil = :u',
        ExpressionAttributeValues: { ':ids': new Set([caseId, 'email:ses-apagado']), ':u': '2026-04-20T00:00:00.000Z' },
      }),
    );
    expect((await eraseSubject('rita+old@gmail.com', deps(), { confirmed: true })).erased).toBe(true);
    expect(await openIds('rita+old@gmail.com')).toBeUndefined();
    expect(await openIds('rita@gmail.com')).toEqual([]);
  });

  it('erasing an address whose cases are closed writes no address item back', async () => {
    const { caseId } = await openCase('joana+2@gmail.com');
    await new DynamoSenderOpenCases(doc, TABLE).release('joana+2@gmail.com', caseId);
    expect((await eraseSubject('joana+2@gmail.com', deps(), { confirmed: true })).erased).toBe(true);
    expect(await openIds('joana+2@gmail.com')).toBeUndefined();
  });
});

describe('a survey answer racing the erasure of its case leaves no answer behind', () => {
  const workStore = () =>
    new DynamoCaseWorkStore({ client: doc, tableName: TABLE, repository, retention: localConfig.retention });
  /** The lifecycle over the table; `getStateByProtocol`: the survey's reads of the case, raced. */
  const surveyDeps = async (getStateByProtocol?: DynamoCaseWorkStore['getStateByProtocol']) => {
    const cases = workStore();
    if (getStateByProtocol) cases.getStateByProtocol = getStateByProtocol;
    const clock = new FixedClock(new Date('2026-04-07T12:00:00.000Z'));
    return (await dynamoLifecycle(doc, TABLE, { cases, clock })).deps;
  };
  const answerOf = async (protocol: string) =>
    (await doc.send(new GetCommand({ TableName: TABLE, Key: surveyKey(protocol), ConsistentRead: true }))).Item;
  const link = (protocol: string) =>
    surveyLinks(protocol, new Date('2026-04-07T12:00:00.000Z'), SECRET, localConfig)[4]?.url ?? '';
  // A survey link comes from a closing: the case answered is closed (an open one is a reopened case).
  const closedCase = async (address: string) => {
    const opened = await openCase(address);
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: `CASE#${opened.caseId}`, sk: 'CASE' },
        UpdateExpression: 'SET #status = :closed, #closedAt = :at',
        ExpressionAttributeNames: { '#status': 'status', '#closedAt': 'closedAt' },
        ExpressionAttributeValues: { ':closed': 'CLOSED', ':at': '2026-04-07T11:00:00.000Z' },
      }),
    );
    return opened;
  };

  it('the answer read the case, the whole erasure ran, then the answer wrote', async () => {
    const address = 'pesquisa1@loja.com.br';
    const { protocol } = await closedCase(address);
    const store = workStore();
    const racing = {
      getStateByProtocol: async (p: string) => {
        const found = await store.getStateByProtocol(p);
        // Only the first read races: the erasure runs to its end between the read and the write.
        if (found && !(await answerOf(p))) await eraseSubject(address, deps(), { confirmed: true });
        return found;
      },
    };
    let first = true;
    const once = {
      getStateByProtocol: async (p: string) => {
        if (!first) return store.getStateByProtocol(p);
        first = false;
        return racing.getStateByProtocol(p);
      },
    };
    await recordSurvey(
      link(protocol),
      'Atendimento ótimo, meu telefone é 11 91234-5678',
      await surveyDeps(once.getStateByProtocol),
    );
    expect(await store.getByProtocol(protocol)).toBeNull();
    expect(await answerOf(protocol)).toBeUndefined();
  });

  it('the erasure deleted the pointers, the answer ran whole, then the erasure deleted the case item', async () => {
    const address = 'pesquisa2@loja.com.br';
    const { protocol } = await closedCase(address);
    const base = new DynamoDataSubjectStore(doc, TABLE);
    let answered: unknown;
    const racing = Object.assign(Object.create(base) as DynamoDataSubjectStore, {
      remove: async (key: { pk: string; sk: string }) => {
        if (key.sk === 'CASE' && answered === undefined) {
          answered = await recordSurvey(link(protocol), 'Nota máxima', await surveyDeps());
        }
        return base.remove(key);
      },
    });
    expect((await eraseSubject(address, deps(racing), { confirmed: true })).erased).toBe(true);
    expect(answered).toMatchObject({ kind: 'recorded' });
    expect(await answerOf(protocol)).toBeUndefined();
  });
});
