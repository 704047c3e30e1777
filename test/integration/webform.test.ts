/**
 * The webform handler on the real adapters: DynamoDB (dynalite) for cases, tickets, throttles,
 * bounces and the per-IP counter, and SES (aws-ses-v2-local) for the acknowledgement. Only the
 * assignment queue is a fake (no SQS emulator). Plus the bundle check: the webform Lambda must
 * not carry the mail parser.
 */
import { withConfirmMails } from '../support/confirm';
import { DynamoSenderOpenCases, inboxKey } from '../../shared/adapters/dynamo/sender-open-cases';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebformHandler, handler, type WebformHandler } from '../../functions/webform/handler';
import { DynamoBounceRegistry } from '../../shared/adapters/dynamo/bounce-registry';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter';
import { DynamoReplyThrottle } from '../../shared/adapters/dynamo/reply-throttle';
import { putTicket, TableTicketDirectory } from '../../shared/adapters/dynamo/ticket-table-directory';
import { SesMailer } from '../../shared/adapters/ses-mailer';
import { noTelemetry } from '../../shared/app/intake';
import { localConfig, localConfigInput, type OuvidoriaConfig } from '../../shared/domain/config';
import { ENV } from '../../shared/runtime-env';
import {
  type DynaliteHandle,
  EMULATOR_CREDENTIALS,
  EMULATOR_REGION,
  type SesLocalHandle,
  startDynalite,
  startSesLocal,
  startSqsStub,
} from '../support/emulators';
import { FixedClock, InMemoryConfirmationMails, LINK_SECRET, RecordingQueue } from '../support/fakes';
import { WEBFORM_TICKET_HOLDER_WAIT } from '../../shared/webform/submit';
import { confirmAll, confirmationsIn, confirming, sesMails, withoutConfirmations } from '../support/confirm';
import { DynamoPendingSubmissionStore } from '../../shared/adapters/dynamo/pending-submission-store';

const MERCHANT = 'lojista@modasbella.com.br';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Fixture = { headers: Record<string, string>; body?: string; [key: string]: unknown };
const fixture = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`../../events/webform/${name}.json`, import.meta.url), 'utf8'));

let dynalite: DynaliteHandle;
let ses: SesLocalHandle;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let sesClient: SESv2Client;
let table = '';
let tableSeq = 0;
let cases: DynamoCaseRepository;
let queue: RecordingQueue;
let handle: WebformHandler;

beforeAll(async () => {
  [dynalite, ses] = await Promise.all([startDynalite(), startSesLocal()]);
  raw = new DynamoDBClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
  doc = documentClient({ endpoint: dynalite.endpoint, region: EMULATOR_REGION });
  sesClient = new SESv2Client({ endpoint: ses.endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS });
});

afterAll(async () => {
  sesClient?.destroy();
  doc?.destroy();
  raw?.destroy();
  await Promise.all([dynalite?.stop(), ses?.stop()]);
});

beforeEach(async () => {
  // A fresh table per test: protocol counters and rate counters start from zero.
  table = `ouvidoria-webform-${++tableSeq}`;
  await createTableIfMissing(raw, table);
  await putTicket(doc, table, { id: '48213', requesterEmail: MERCHANT });
  await ses.clear();
  cases = new DynamoCaseRepository({ client: doc, tableName: table });
  queue = new RecordingQueue();
  handle = webformWith(localConfig);
});

/** The local SES outbox as the confirmation helpers read it. */
const outboxMails = async () => sesMails(await ses.outbox());
/** What the office mailed besides the confirmation links (acknowledgements, guidance). */
const replies = async () =>
  withoutConfirmations(await ses.outbox().then((o) => o.map((e) => ({ ...e, to: e.destination.to }))));

/** The webform as the merchant uses it: a post that cites a ticket is confirmed from her mailbox (F1). */
function webformWith(config: OuvidoriaConfig): WebformHandler {
  const raw = rawWebformWith(config);
  return confirming(raw, outboxMails);
}

function rawWebformWith(config: OuvidoriaConfig): WebformHandler {
  return createWebformHandler(
    withConfirmMails({
      cases,
      tickets: new TableTicketDirectory(doc, table),
      mailer: new SesMailer({ client: sesClient }),
      queue,
      throttle: new DynamoReplyThrottle(doc, table),
      bounces: new DynamoBounceRegistry(doc, table),
      openCases: new DynamoSenderOpenCases(doc, table),
      clock: new FixedClock(new Date('2026-03-10T13:05:00Z')),
      config,
      rateLimiter: new DynamoRateLimiter(doc, table),
      pendingSubmissions: new DynamoPendingSubmissionStore(doc, table),
      // As deployed (composition/webform.ts): a post whose ticket a concurrent one is storing waits.
      ticketHolderWait: { ...WEBFORM_TICKET_HOLDER_WAIT, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      linkSecret: async () => LINK_SECRET,
      confirmMails: new InMemoryConfirmationMails(),
      telemetry: noTelemetry,
      logger: new Logger({ logLevel: 'SILENT' }),
      webformTelemetry: { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} },
    }),
  );
}

/** The valid JSON post with other words (another submission), from its own client address. */
function post(descricao: string, n: number, chamado = '48213'): Fixture {
  const e = fixture('post-json-valid');
  e.body = JSON.stringify({ ...JSON.parse(e.body ?? '{}'), descricao, chamado });
  (e['requestContext'] as { http: { sourceIp: string } }).http.sourceIp = `198.51.100.${n}`;
  return e;
}

async function openCaseIds(address: string): Promise<string[] | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: inboxKey(address), ConsistentRead: true }));
  if (!Item) return undefined;
  return Item['caseIds'] instanceof Set ? [...(Item['caseIds'] as Set<string>)].sort() : [];
}

describe('webform on dynalite and aws-ses-v2-local', () => {
  it('a valid submission stores one case and sends one acknowledgement with the protocol', async () => {
    const response = await handle(fixture('post-json-valid'));
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ outcome: 'ACCEPTED', protocol: 'OUV-2026-000001' });

    const stored = await cases.listAll();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: 'webform',
      outcome: 'ACCEPTED',
      status: 'QUEUED',
      protocol: 'OUV-2026-000001',
      senderEmail: MERCHANT,
      subject: 'Formulário: Atendimento do suporte',
    });
    expect(stored[0]?.reply?.status).toBe('sent');
    expect(await cases.countOpenBySender(MERCHANT)).toBe(1);

    // Her link (F1), read and confirmed from her mailbox, then her acknowledgement.
    const outbox = await replies();
    expect(confirmationsIn(sesMails(await ses.outbox()))).toHaveLength(1);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.subject).toBe('[OUV-2026-000001] Recebemos sua manifestação');
    expect(outbox[0]?.destination.to.join(' ')).toContain(MERCHANT);
    expect(outbox[0]?.body.text).toContain('OUV-2026-000001');
    expect(outbox[0]?.body.text).toContain('segunda a sexta-feira, das 09:00 às 17:00, exceto feriados');
    expect(queue.messages).toEqual([{ caseId: stored[0]?.caseId, protocol: 'OUV-2026-000001' }]);
  });

  it('a duplicate POST (double click) makes no second case and no second email', async () => {
    const first = await handle(fixture('post-urlencoded-valid'));
    const second = await handle(fixture('post-urlencoded-valid'));
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.body).toContain('<p class="protocolo">OUV-2026-000001</p>');
    expect(await cases.listAll()).toHaveLength(1);
    expect(await replies()).toHaveLength(1);
    expect(confirmationsIn(await outboxMails())).toHaveLength(1);
    expect(queue.messages).toHaveLength(1);
  });

  it('a retried POST with the same Idempotency-Key makes one case', async () => {
    const keyed = (descricao: string) => {
      const e = fixture('post-json-valid');
      e.headers['idempotency-key'] = '0b7c6a52-3f7e-4a55-9d7e-webform';
      e.body = JSON.stringify({ ...JSON.parse(e.body ?? '{}'), descricao });
      return e;
    };
    await handle(keyed('Primeiro envio: os pedidos pagos por Pix continuam parados na loja.'));
    const retry = await handle(keyed('Primeiro envio: os pedidos pagos por Pix continuam parados na loja.'));
    expect(JSON.parse(retry.body)).toMatchObject({ protocol: 'OUV-2026-000001' });
    // The key retries a post; with another form it is refused (422), never answered as the first.
    const edited = await handle(keyed('Segundo envio, editado: os pedidos pagos por Pix continuam parados.'));
    expect(edited.statusCode).toBe(422);
    expect(await cases.listAll()).toHaveLength(1);
    expect(await replies()).toHaveLength(1);
  });

  it('guidance outcomes are stored and emailed, without a protocol', async () => {
    const response = await handle(fixture('post-base64'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Fale primeiro com a Central de Atendimento');
    const [stored] = await cases.listAll();
    expect(stored).toMatchObject({ outcome: 'NO_PRIOR_TICKET', status: 'REDIRECTED' });
    expect(stored?.protocol).toBeUndefined();
    const outbox = await ses.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.destination.to.join(' ')).toContain('joao.araujo@lojadojoao.com.br');
  });

  it('a guidance post never touches the sender’s open-case item (decided before the cap)', async () => {
    const response = await handle(post('Preciso de ajuda com a minha loja, mas ainda não abri chamado.', 1, ''));
    expect(response.statusCode).toBe(200);
    expect((await cases.listAll())[0]).toMatchObject({ outcome: 'NO_PRIOR_TICKET', status: 'REDIRECTED' });
    expect(await openCaseIds(MERCHANT)).toBeUndefined();
  });

  it('concurrent posts from one sender at the cap: exactly the cap is accepted; guidance posts pass and take no slot', async () => {
    const cap = 2;
    // Her eight links all mailed (past the hourly limit of link mails, a post waits without one).
    const raw = rawWebformWith({
      ...localConfig,
      limits: {
        ...localConfig.limits,
        maxOpenCasesPerSender: cap,
        webformConfirmMailsPerAddressPerHour: 20,
        webformConfirmMailsPerAddressPerDay: 50,
      },
    });
    // Eight complaints, each on a ticket of its own (posts on one ticket join its case: below).
    const ids = Array.from({ length: 8 }, (_, i) => `4830${i + 1}`);
    for (const id of ids) await putTicket(doc, table, { id, requesterEmail: MERCHANT });
    const accepted = ids.map((id, i) =>
      post(`Abri o chamado ${id} e os pedidos pagos por Pix seguem parados: ocorrência ${i + 1}.`, i + 1, id),
    );
    const guidance = Array.from({ length: 4 }, (_, i) =>
      post(`Preciso de ajuda com a minha loja, mas ainda não abri chamado (dúvida ${i + 1}).`, i + 20, ''),
    );
    const responses = await Promise.all([...accepted, ...guidance].map((e) => raw(e)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses).toEqual([...Array(8).fill(202), 200, 200, 200, 200]);
    // She confirms all eight at once.
    const confirmed = (await confirmAll(raw, await outboxMails(), accepted[0])).map((r) => r.statusCode);
    expect(confirmed.sort()).toEqual([201, 201, 409, 409, 409, 409, 409, 409]);
    const stored = await cases.listAll();
    const open = stored.filter((c) => c.outcome === 'ACCEPTED');
    expect(open).toHaveLength(cap);
    expect(stored.filter((c) => c.outcome === 'NO_PRIOR_TICKET')).toHaveLength(4);
    expect(await openCaseIds(MERCHANT)).toEqual(open.map((c) => c.caseId).sort());
    expect(queue.messages.map((m) => m.caseId).sort()).toEqual(open.map((c) => c.caseId).sort());
  });

  it('concurrent posts from "+tag" and dotted variants of the ticket holder’s Gmail share her cap', async () => {
    const cap = 2;
    const raw = rawWebformWith({
      ...localConfig,
      limits: {
        ...localConfig.limits,
        maxOpenCasesPerSender: cap,
        webformConfirmMailsPerAddressPerHour: 20,
        webformConfirmMailsPerAddressPerDay: 50,
      },
    });
    await putTicket(doc, table, { id: '51733', requesterEmail: 'mariana.costa@gmail.com' });
    const variants = [
      'mariana.costa@gmail.com',
      'marianacosta+1@gmail.com',
      'mariana.costa+2@gmail.com',
      'm.arianacosta+3@gmail.com',
    ];
    const posts = variants.flatMap((email, i) =>
      [0, 1].map((j) => {
        const e = post(
          `Abri o chamado 51733 e o repasse das vendas não caiu na conta: tentativa ${i}-${j}.`,
          i * 2 + j + 1,
          '51733',
        );
        e.body = JSON.stringify({ ...JSON.parse(e.body ?? '{}'), email });
        return e;
      }),
    );
    expect((await Promise.all(posts.map((e) => raw(e)))).map((r) => r.statusCode)).toEqual(Array(8).fill(202));
    // Each variant's mailbox confirms its links, all at once.
    const statuses = (await confirmAll(raw, await outboxMails(), posts[0])).map((r) => r.statusCode);
    // One inbox: two posts within her cap, the rest past it. The two are two cases, or one case
    // holding both when they came from the same exact address (a post joins only the case of her
    // very address, as a mail does: Trust rules).
    expect(statuses.filter((s) => s === 409)).toHaveLength(posts.length - cap);
    const open = (await cases.listAll()).filter((c) => c.outcome === 'ACCEPTED');
    expect(open.flatMap((c) => c.messages)).toHaveLength(cap);
    expect(statuses.filter((s) => s === 201)).toHaveLength(open.length);
    expect(statuses.filter((s) => s === 200)).toHaveLength(cap - open.length);
    expect(await openCaseIds('mariana.costa@gmail.com')).toEqual(open.map((c) => c.caseId).sort());
    expect(queue.messages).toHaveLength(open.length);
  });

  // Round 46: a confirmed post naming the ticket of her open case joins it. Her links on one ticket,
  // confirmed at once: one case holding them all, no slot or ticket claim left behind. Her cap stops
  // new cases only: past it, a post the cap stops looks for her case of the ticket (waiting for one
  // still being stored) and joins it — no 409.
  it.each([
    { links: 4, cap: 5, within: 'within her cap', issue: 'os pedidos Pix seguem parados' },
    { links: 8, cap: 2, within: 'past her cap', issue: 'o estoque segue sem baixa' },
  ])(
    '$links concurrent confirmations on one ticket $within: one case holding them all',
    async ({ links, cap, issue }) => {
      const raw = rawWebformWith({
        ...localConfig,
        limits: { ...localConfig.limits, maxOpenCasesPerSender: cap, webformConfirmMailsPerAddressPerHour: 20 },
      });
      const sent = Array.from({ length: links }, (_, i) => i + 1);
      const posts = sent.map((n) => post(`O chamado 48213 foi encerrado sem solução e ${issue} (envio ${n}).`, n));
      expect((await Promise.all(posts.map((e) => raw(e)))).map((r) => r.statusCode)).toEqual(Array(links).fill(202));
      const statuses = (await confirmAll(raw, await outboxMails(), posts[0])).map((r) => r.statusCode);
      expect(statuses.sort()).toEqual([...Array(links - 1).fill(200), 201]);
      const stored = await cases.listAll();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.messages.map((m) => m.text).sort()).toEqual(
        sent.map((n) => expect.stringContaining(`(envio ${n})`)),
      );
      expect(await openCaseIds(MERCHANT)).toEqual([stored[0]?.caseId]);
      expect(queue.messages).toHaveLength(1);
    },
  );

  it('counts posts per IP in DynamoDB and answers 429 past the hourly limit', async () => {
    const limit = localConfig.limits.webformPerIpPerHour;
    for (let i = 0; i < limit; i++) expect((await handle(fixture('post-invalid'))).statusCode).toBe(400);
    const limited = await handle(fixture('post-invalid'));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3300');
  });
});

describe('Lambda entry point', () => {
  it('builds its dependencies from the environment (shared/composition/webform-site.ts) once, and serves', async () => {
    vi.stubEnv(ENV.config, JSON.stringify(localConfigInput));
    vi.stubEnv(ENV.tableName, table);
    vi.stubEnv(ENV.dynamoEndpoint, dynalite.endpoint);
    vi.stubEnv(ENV.sesEndpoint, ses.endpoint);
    vi.stubEnv(ENV.ticketDirectory, 'table');
    // Only accepted cases are queued, and this test sends none: no SQS emulator needed.
    vi.stubEnv(ENV.assignmentQueueUrl, 'http://127.0.0.1:9/000000000000/assignment');
    // The webform's mail queue: the post leaves its guidance work there, and the function consumes it.
    const sqs = await startSqsStub();
    vi.stubEnv(ENV.confirmMailQueueUrl, sqs.queueUrl('confirm-mail'));
    // The SQS client's endpoint is the stub's, as on AWS it is the queue URL's own host: the SDK
    // otherwise warns on stderr that the two differ.
    vi.stubEnv('AWS_ENDPOINT_URL_SQS', new URL(sqs.queueUrl('confirm-mail')).origin);
    vi.stubEnv(ENV.now, '2026-03-10T13:05:00Z');
    vi.stubEnv('AWS_REGION', EMULATOR_REGION);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    try {
      expect((await handler(fixture('get-page'))).statusCode).toBe(200);
      const response = await handler(fixture('post-base64'));
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Fale primeiro com a Central de Atendimento');
      expect(await cases.listAll()).toHaveLength(0);
      expect(sqs.sent).toHaveLength(1);
      const body = sqs.sent[0]?.body ?? '';
      expect(JSON.parse(body)).toMatchObject({ kind: 'guidance' });
      // SQS hands the message to the same function, which stores the case and sends its reply.
      await handler({ Records: [{ eventSource: 'aws:sqs', messageId: 'm-1', body }] });
      expect(await cases.listAll()).toHaveLength(1);
      expect(await ses.outbox()).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
      await sqs.stop();
    }
  });
});

describe('webform bundle', () => {
  /** The esbuild metafile's inputs of one handler (the options that matter for what is reached). */
  const inputsOf = async (entry: string) => {
    const result = await build({
      entryPoints: [`${ROOT}${entry}`],
      absWorkingDir: ROOT,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs);
  };

  it('does not include the mail parser, the staff console or aws-jwt-verify (esbuild metafile of functions/webform/handler.ts)', async () => {
    const inputs = await inputsOf('functions/webform/handler.ts');
    // The metafile is real: the webform code and its runtime wiring are in it.
    expect(inputs).toContain('functions/webform/handler.ts');
    expect(inputs).toContain('shared/webform/form.ts');
    expect(inputs).toContain('shared/webform/merchant-http.ts');
    expect(inputs).toContain('shared/app/intake.ts');
    expect(inputs.filter((path) => path.includes('mailparser'))).toEqual([]);
    expect(inputs.filter((path) => path.startsWith('shared/mail/'))).toEqual([]);
    // The console is its own function (functions/console): none of its code loads on a form post.
    expect(inputs.filter((path) => path.startsWith('shared/console/'))).toEqual([]);
    expect(inputs.filter((path) => path.includes('node_modules/aws-jwt-verify/'))).toEqual([]);
    expect(inputs.filter((path) => path.includes('console-case-index') || path.includes('quarantine'))).toEqual([]);
  });

  it('the console function carries the console and its token verifier, and no mail parser', async () => {
    const inputs = await inputsOf('functions/console/handler.ts');
    expect(inputs).toContain('shared/console/http.ts');
    expect(inputs.some((path) => path.includes('node_modules/aws-jwt-verify/'))).toBe(true);
    expect(inputs.filter((path) => path.includes('mailparser') || path.startsWith('shared/mail/'))).toEqual([]);
  });
});

describe('attachments on dynalite (issue 19)', () => {
  it('files are stored on the case, and a late scan result is recorded on it (DynamoAttachmentScanStore)', async () => {
    const { LocalUploadStore } = await import('../../shared/adapters/local/local-upload-store');
    const { DynamoAttachmentScanStore } = await import('../../shared/adapters/dynamo/attachment-scan-store');
    const { pdf } = await import('../support/files');
    const store = new LocalUploadStore({ url: 'http://local/_s3/b/', scan: 'manual' });
    const withUploads = createWebformHandler(
      withConfirmMails({
        cases,
        tickets: new TableTicketDirectory(doc, table),
        mailer: new SesMailer({ client: sesClient }),
        queue,
        throttle: new DynamoReplyThrottle(doc, table),
        bounces: new DynamoBounceRegistry(doc, table),
        openCases: new DynamoSenderOpenCases(doc, table),
        clock: new FixedClock(new Date('2026-03-10T13:05:00Z')),
        config: localConfig,
        rateLimiter: new DynamoRateLimiter(doc, table),
        pendingSubmissions: new DynamoPendingSubmissionStore(doc, table),
        linkSecret: async () => LINK_SECRET,
        confirmMails: new InMemoryConfirmationMails(),
        telemetry: noTelemetry,
        logger: new Logger({ logLevel: 'SILENT' }),
        webformTelemetry: { submitted() {}, rejected() {}, failed() {}, claimedUnscanned() {} },
        uploads: store,
      }),
    );
    const pendingId = '0123456789abcdef0123456789abcdef';
    await store.put(`uploads/${pendingId}/01`, pdf(), { contentType: 'application/pdf', filename: 'fatura.pdf' });
    const e = fixture('post-json-valid');
    e.body = JSON.stringify({ ...JSON.parse(e.body ?? '{}'), anexosId: pendingId });
    const response = await confirming(withUploads, outboxMails)(e);
    expect(response.statusCode).toBe(201);
    const [stored] = await cases.listAll();
    const caseId = stored?.caseId as string;
    expect(stored?.messages[0]?.attachments).toEqual([
      expect.objectContaining({
        key: `uploads/${pendingId}/01`,
        filename: 'fatura.pdf',
        scan: 'PENDING',
        size: pdf().length,
      }),
    ]);
    const scans = new DynamoAttachmentScanStore(doc, table);
    expect(
      await scans.recordScan(caseId, `uploads/${pendingId}/01`, {
        scan: 'NO_THREATS_FOUND',
        contentType: 'application/pdf',
      }),
    ).toBe('recorded');
    expect(await scans.recordScan(caseId, `uploads/${pendingId}/01`, { scan: 'NO_THREATS_FOUND' })).toBe('unchanged');
    expect(await scans.recordScan(caseId, 'uploads/other/01', { scan: 'THREATS_FOUND' })).toBe('missing');
    expect(await scans.recordScan('webform-nope', `uploads/${pendingId}/01`, { scan: 'THREATS_FOUND' })).toBe(
      'missing',
    );
    expect((await cases.get(caseId))?.messages[0]?.attachments[0]).toMatchObject({ scan: 'NO_THREATS_FOUND' });
  });
});
