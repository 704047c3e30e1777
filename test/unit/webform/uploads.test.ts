import { withConfirmMails } from '../../support/confirm';
import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWebformHandler, type WebformResponse } from '../../../functions/webform/handler';
import { LocalUploadStore } from '../../../shared/adapters/local/local-upload-store';
import { noTelemetry } from '../../../shared/app/intake';
import { LocalAttachmentLinks } from '../../../shared/adapters/attachment-links';
import { signedDownload } from '../../../shared/app/attachment-links';
import { renderAnalystNotice } from '../../../shared/domain/assignment';
import { publicFileState } from '../../../shared/domain/lifecycle/status-page';
import { localConfig } from '../../../shared/domain/config';
import { CONFIRM_WORDS } from '../../../shared/domain/webform-confirmation';
import {
  FixedClock,
  InMemoryBounceRegistry,
  InMemoryCaseRepository,
  InMemoryRateLimiter,
  InMemoryReplyThrottle,
  InMemorySenderOpenCases,
  InMemoryTicketDirectory,
  RecordingMailer,
  RecordingQueue,
  confirmationPorts,
} from '../../support/fakes';
import {
  confirmationsIn,
  confirming,
  confirmPageEventOf,
  confirmTokenOf,
  withoutConfirmations,
} from '../../support/confirm';
import { EICAR, exe, nfeXml, pdf, png, xlsx } from '../../support/files';
import { multipartBody } from '../../support/multipart';
import { AWS_ERRORS, withFaults } from '../../support/reliability-harness';
import type { WebformDeps } from '../../../shared/webform/submit';

const MERCHANT = 'lojista@modasbella.com.br';
const FIELDS = {
  nome: 'Mariana Costa',
  email: MERCHANT,
  chamado: '48213',
  assunto: 'cobranca',
  descricao: 'Fui cobrada duas vezes pela mensalidade de março; segue o print e a fatura.',
  consentimento: 'on',
};

let cases: InMemoryCaseRepository;
let mailer: RecordingMailer;
let store: LocalUploadStore;
let clock: FixedClock;
let handle: (e: unknown) => Promise<WebformResponse>;
/** The handler itself: a post that cites a ticket answers its 202 (nothing confirmed). */
let unconfirmed: (e: unknown) => Promise<WebformResponse>;

let openCases: InMemorySenderOpenCases;
/** What the webform counted for the AntivirusSilent alarm: files claimed before their scan result. */
let claimedUnscanned: number[];
/** The presigned POSTs the last uploadWithScript got (a script could send them again). */
let lastPolicies: { fields: Record<string, string> }[] = [];

function setup(
  scan: 'sync' | 'manual' = 'sync',
  wrap: <T extends object>(port: T) => T = (port) => port,
  lifecycle?: WebformDeps['caseLifecycle'],
) {
  cases = new InMemoryCaseRepository();
  claimedUnscanned = [];
  openCases = new InMemorySenderOpenCases();
  mailer = new RecordingMailer();
  clock = new FixedClock(new Date('2026-03-10T13:05:00Z'));
  store = new LocalUploadStore({ url: 'http://127.0.0.1:3000/_s3/ouvidoria-uploads-local/', scan });
  const h = createWebformHandler(
    withConfirmMails({
      cases,
      tickets: new InMemoryTicketDirectory([{ id: '48213', requesterEmail: MERCHANT }]),
      mailer,
      queue: new RecordingQueue(),
      throttle: new InMemoryReplyThrottle(),
      bounces: new InMemoryBounceRegistry(),
      openCases: wrap(openCases),
      clock,
      config: localConfig,
      rateLimiter: new InMemoryRateLimiter(),
      ...confirmationPorts(),
      telemetry: noTelemetry,
      logger: new Logger({ logLevel: 'SILENT' }),
      webformTelemetry: {
        submitted() {},
        rejected() {},
        failed() {},
        claimedUnscanned: (files) => claimedUnscanned.push(files),
      },
      uploads: wrap(store),
      ...(lifecycle ? { caseLifecycle: lifecycle } : {}),
    }),
  );
  // A post that cites a ticket waits for its link: confirmed here as the merchant would (F1).
  handle = confirming(h, () => mailer.sent);
  unconfirmed = (e) => h(e);
}

function event(method: string, path: string, body?: Buffer | string, contentType?: string, accept = 'text/html') {
  const binary = Buffer.isBuffer(body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { accept, ...(contentType ? { 'content-type': contentType } : {}) },
    requestContext: {
      accountId: '1',
      apiId: 'x',
      domainName: 'local',
      domainPrefix: 'local',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '10/Mar/2026:13:05:00 +0000',
      timeEpoch: 0,
    },
    ...(body !== undefined ? { body: binary ? body.toString('base64') : body } : {}),
    isBase64Encoded: binary,
  };
}

const json = (r: WebformResponse) => JSON.parse(r.body);

/** The page's note on files of a repeated post that its case does not hold. */
const NOT_ADDED = 'os arquivos deste novo envio não foram acrescentados ao caso';

/** What the enhancement script does: ask for policies, then post each file to the bucket. */
async function uploadWithScript(files: { name: string; type: string; bytes: Buffer }[], send = true) {
  const issued = await handle(
    event(
      'POST',
      '/anexos',
      JSON.stringify({ files: files.map((f) => ({ name: f.name, size: f.bytes.length, type: f.type })) }),
      'application/json',
      'application/json',
    ),
  );
  expect(issued.statusCode).toBe(200);
  const { pendingId, files: policies } = json(issued) as {
    pendingId: string;
    files: { fields: Record<string, string> }[];
  };
  lastPolicies = policies;
  if (send) {
    for (const [i, policy] of policies.entries()) {
      expect(store.acceptPost(policy.fields, files[i]?.bytes as Buffer, clock.now())).toEqual({ ok: true });
    }
  }
  return pendingId;
}

const submit = (extra: Record<string, string>) =>
  handle(
    event(
      'POST',
      '/casos',
      new URLSearchParams({ ...FIELDS, ...extra }).toString(),
      'application/x-www-form-urlencoded',
    ),
  );

beforeEach(() => setup());

describe('the form page', () => {
  it('has the optional file field, multipart encoding, and says what to do without JavaScript', async () => {
    const page = (await handle(event('GET', '/'))).body;
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toMatch(/<input id="anexos" name="anexos" type="file" multiple accept="[^"]*\.pdf,application\/pdf/);
    expect(page).toContain(
      'até 5 arquivos (PDF, PNG, JPEG, WEBP, XLSX, DOCX, CSV, TXT, XML de nota fiscal), 10 MB cada e 25 MB no total',
    );
    expect(page).toMatch(/<noscript>.*abaixo de 9 MB/s);
  });
});

describe('with JavaScript: presigned POST straight to the bucket', () => {
  it('issues one policy per file under uploads/<pending id>/, with the safe type and a sanitised name', async () => {
    const r = await handle(
      event(
        'POST',
        '/anexos',
        JSON.stringify({ files: [{ name: '../fatura.pdf.exe.pdf', size: 10, type: 'application/x-msdownload' }] }),
        'application/json',
      ),
    );
    const body = json(r);
    expect(r.statusCode).toBe(200);
    expect(body.pendingId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.files[0]).toMatchObject({ key: `uploads/${body.pendingId}/01`, name: 'fatura_pdf_exe.pdf' });
    expect(body.files[0].fields['Content-Type']).toBe('application/pdf');
    expect(body.expiresInSeconds).toBe(300);
  });

  it('refuses too many, too big or unaccepted files before issuing anything', async () => {
    const ask = (files: unknown[]) => handle(event('POST', '/anexos', JSON.stringify({ files }), 'application/json'));
    expect((await ask([{ name: 'setup.exe', size: 10, type: '' }])).statusCode).toBe(400);
    expect((await ask([{ name: 'a.pdf', size: 11 * 1024 * 1024, type: '' }])).statusCode).toBe(400);
    expect((await ask(Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, size: 1, type: '' })))).statusCode).toBe(
      400,
    );
  });

  // Half a surrogate pair, as a script can send it in JSON: the policy's name encoding threw, and the
  // merchant read "falha temporária do nosso lado, tente novamente" (503) for her own typing.
  it.each(['\\ud800.pdf', 'fatura\\udc00.pdf', 'print \\ud83d.png'])(
    'a file name with half a surrogate pair (%s) is a clean 400, nothing issued',
    async (name) => {
      const body = `{"files":[{"name":"${name}","size":10,"type":"application/pdf"}]}`;
      const r = await handle(event('POST', '/anexos', body, 'application/json', 'application/json'));
      expect(r.statusCode).toBe(400);
      expect(store.keys()).toEqual([]);
    },
  );

  // She believes her files are attached: a pending id that is no id (a JSON list, garbage) is told,
  // not stored as a case without them. An empty field is the form without files.
  it.each([
    ['a JSON list', { anexosId: ['0123456789abcdef0123456789abcdef'] }],
    ['an object', { anexosId: { id: '0123456789abcdef0123456789abcdef' } }],
    ['a number', { anexosId: 12345 }],
    ['not an id', { anexosId: '../../uploads/outro' }],
  ])('an unreadable pending id (%s) is a 400 on the attachments, no case', async (_what, extra) => {
    const r = await handle(
      event('POST', '/casos', JSON.stringify({ ...FIELDS, ...extra }), 'application/json', 'application/json'),
    );
    expect(r.statusCode).toBe(400);
    expect(json(r).errors?.anexos).toMatch(/Não foi possível localizar os arquivos anexados/);
    expect(withoutConfirmations(mailer.sent)).toHaveLength(0);
  });

  it('an empty pending id is the form without files', async () => {
    const r = await submit({ anexosId: '' });
    expect(r.statusCode).toBe(201);
  });

  it('counts against the per-IP limit', async () => {
    for (let i = 0; i < localConfig.limits.webformPerIpPerHour; i++) {
      expect(
        (await handle(event('POST', '/anexos', '{"files":[{"name":"a.pdf","size":1}]}', 'application/json')))
          .statusCode,
      ).toBe(200);
    }
    const blocked = await handle(event('POST', '/anexos', '{"files":[{"name":"a.pdf","size":1}]}', 'application/json'));
    expect(blocked.statusCode).toBe(429);
  });

  /** Posts of the most files each that together pass the day's budget, and one post's files. */
  const dayOfFiles = () => {
    const { maxFiles, maxFilesPerSenderPerDay } = localConfig.attachments;
    const files = Array.from({ length: maxFiles }, (_, i) => ({
      name: `print-${i}.png`,
      type: 'image/png',
      bytes: png(),
    }));
    return { posts: Math.ceil(maxFilesPerSenderPerDay / maxFiles), files };
  };

  // The day's file budget is one inbox's: "+tags" (or Gmail's dots, googlemail.com) do not open new budgets.
  it.each([
    ['+tags', (i: number) => `lojista+${i}@modasbella.com.br`],
    ['Gmail dots', (i: number) => `${'lojista'.slice(0, i + 1)}.${'lojista'.slice(i + 1)}@gmail.com`],
    ['googlemail.com', (i: number) => (i % 2 === 0 ? 'lojista@gmail.com' : `lojista+${i}@googlemail.com`)],
  ])('the per-sender file budget holds across %s', async (_name, address) => {
    const { posts, files } = dayOfFiles();
    const statuses: number[] = [];
    for (let i = 0; i <= posts; i++) {
      const anexosId = await uploadWithScript(files);
      const r = await submit({ anexosId, email: address(i), descricao: `${FIELDS.descricao} Envio ${i}.` });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, posts).every((s) => s !== 400)).toBe(true);
    expect(statuses.at(-1)).toBe(400);
  });

  // The address is typed, not proven: a stranger posting files in her name from his own connection
  // neither uses up her day's budget nor learns from the refusal whether she posted any.
  it('a stranger’s files in her name do not use up her budget', async () => {
    const { posts, files } = dayOfFiles();
    const post = async (sourceIp: string, i: number) => {
      const anexosId = await uploadWithScript(files);
      const e = event(
        'POST',
        '/casos',
        new URLSearchParams({ ...FIELDS, anexosId, descricao: `${FIELDS.descricao} Envio ${i}.` }).toString(),
        'application/x-www-form-urlencoded',
      );
      e.requestContext.http.sourceIp = sourceIp;
      return handle(e);
    };
    const stranger: number[] = [];
    for (let i = 0; i <= posts; i++) stranger.push((await post('203.0.113.66', i)).statusCode);
    expect(stranger.at(-1)).toBe(400);
    const hers = await post('198.51.100.7', posts + 1);
    expect(hers.statusCode).toBeLessThan(400);
  });

  // A pending id names files for one case: posted again (the back button, or a script replaying it) it
  // cannot move them to another case, whose closing or erasure would then take them from the first.
  it('files claimed by one case stay with it when their pending id comes with another post', async () => {
    const anexosId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    expect((await submit({ anexosId })).statusCode).toBe(201);
    const [first] = await cases.listAll();
    const again = await submit({
      anexosId,
      email: 'outra.pessoa@casadosaromas.com.br',
      descricao: 'Quero registrar que a cobrança de março veio em dobro e ninguém do suporte respondeu.',
    });
    expect(again.statusCode).toBeLessThan(400);
    const second = (await cases.listAll()).find((c) => c.caseId !== first?.caseId);
    expect(second?.messages[0]?.attachments ?? []).toEqual([]);
    expect(await store.tags(`claimed/${anexosId}/01`)).toMatchObject({
      'ouvidoria-upload': 'attached',
      'ouvidoria-case': first?.caseId,
    });
    expect(first?.messages[0]?.attachments[0]?.key).toBe(`claimed/${anexosId}/01`);
  });

  it('two files → one case listing both, clean, on the confirmation page and in the analyst notice', async () => {
    const pendingId = await uploadWithScript([
      { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'pedidos.xlsx', type: '', bytes: xlsx() },
    ]);
    const r = await submit({ anexosId: pendingId });
    expect(r.statusCode).toBe(201);
    expect(r.body).toContain('Arquivos recebidos');
    expect(r.body).toMatch(/<strong>fatura\.pdf<\/strong> \([^)]*PDF\): recebido e verificado, sem ameaças/);
    expect(r.body).toContain('<strong>pedidos.xlsx</strong>');
    const [record] = await cases.listAll();
    expect(cases.records.size).toBe(1);
    expect(record?.messages[0]?.attachments).toEqual([
      expect.objectContaining({ filename: 'fatura.pdf', contentType: 'application/pdf', scan: 'NO_THREATS_FOUND' }),
      expect.objectContaining({
        filename: 'pedidos.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        scan: 'NO_THREATS_FOUND',
      }),
    ]);
    // The case's files are copies out of every upload policy's reach; the uploads expire like pending ones.
    expect(record?.messages[0]?.attachments.map((a) => a.key)).toEqual([
      `claimed/${pendingId}/01`,
      `claimed/${pendingId}/02`,
    ]);
    expect(await store.tags(`claimed/${pendingId}/01`)).toMatchObject({
      'ouvidoria-upload': 'attached',
      'ouvidoria-case': record?.caseId,
      GuardDutyMalwareScanStatus: 'NO_THREATS_FOUND',
    });
    expect(await store.tags(`uploads/${pendingId}/01`)).toMatchObject({ 'ouvidoria-upload': 'moved' });
    const notice = renderAnalystNotice(
      record as never,
      { id: 'ana', name: 'Ana', email: 'ana@x.com' } as never,
      localConfig,
      new Date(),
    );
    expect(notice.text).toContain('fatura.pdf (application/pdf');
    expect(notice.text).toContain('verificado, sem ameaças');
    // One size, written one way, on the merchant's page and in the analyst's mail.
    const size = `${pdf().length} bytes`;
    expect(r.body).toContain(`<strong>fatura.pdf</strong> (${size}, PDF)`);
    expect(notice.text).toContain(`fatura.pdf (application/pdf, ${size})`);
  });

  // "Segue o XML da nota": her NF-e was refused as a format not taken; a DANFE PDF beside it went.
  it('the XML of her NF-e goes with the case as an XML de nota fiscal, served as application/xml', async () => {
    const pendingId = await uploadWithScript([
      { name: 'NFe35261112345678000199550010000012341000012345.xml', type: 'text/xml', bytes: Buffer.from(nfeXml()) },
      { name: 'danfe.pdf', type: 'application/pdf', bytes: pdf() },
    ]);
    const r = await submit({ anexosId: pendingId });
    expect(r.statusCode).toBe(201);
    expect(r.body).toMatch(/<strong>NFe3526[0-9]+\.xml<\/strong> \([^)]*XML de nota fiscal\): recebido e verificado/);
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments[0]).toEqual(
      expect.objectContaining({ contentType: 'application/xml', scan: 'NO_THREATS_FOUND' }),
    );
  });

  it('EICAR → listed as infected, quarantined, never readable, the merchant gets a pt-BR note', async () => {
    const pendingId = await uploadWithScript([{ name: 'eicar.txt', type: 'text/plain', bytes: Buffer.from(EICAR) }]);
    const r = await submit({ anexosId: pendingId });
    expect(r.statusCode).toBe(201);
    expect(r.body).toContain('em quarentena: o antivírus encontrou uma ameaça');
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments[0]).toMatchObject({ filename: 'eicar.txt', scan: 'THREATS_FOUND' });
    await expect(store.readClean(`uploads/${pendingId}/01`)).rejects.toThrow(/AccessDenied/);
    expect(store.download(`uploads/${pendingId}/01`)).toBeNull();
    expect(await store.tags(`uploads/${pendingId}/01`)).toMatchObject({ 'ouvidoria-upload': 'quarantined' });
    const note = mailer.sent.find((m) => m.subject.includes('não pôde ser aceito'));
    expect(note?.to).toEqual([MERCHANT]);
    expect(note?.text).toContain('A verificação antivírus encontrou uma ameaça');
    expect(note?.text).toContain('arquivo TXT');
    expect(note?.text).not.toContain('eicar');
  });

  it('the same post with an infected file twice at once: one case, one note to the merchant', async () => {
    const pendingId = await uploadWithScript([{ name: 'eicar.txt', type: 'text/plain', bytes: Buffer.from(EICAR) }]);
    const answers = await Promise.all([submit({ anexosId: pendingId }), submit({ anexosId: pendingId })]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(cases.records.size).toBe(1);
    expect(mailer.sent.filter((m) => m.subject.includes('não pôde ser aceito'))).toHaveLength(1);
  });

  // The note is automatic mail too: where the acknowledgement may not go (our own domain, a staff reply
  // address, a no-reply or daemon mailbox), an infected file must not carry office mail there instead.
  it.each([
    'contato@ouvidoria.example.com.br',
    'caso+OUV-2026-000001.abcdefghijklmnop@ouvidoria.example.com.br',
    'no-reply@modasbella.com.br',
    'mailer-daemon@modasbella.com.br',
  ])('no infected-file note to %s, where no acknowledgement goes either', async (address) => {
    const pendingId = await uploadWithScript([{ name: 'eicar.txt', type: 'text/plain', bytes: Buffer.from(EICAR) }]);
    const r = await submit({ anexosId: pendingId, email: address });
    expect(r.statusCode).toBeLessThan(400);
    expect(withoutConfirmations(mailer.sent)).toEqual([]);
  });

  // Red-team round 5: a post without a ticket needs no confirmation link, so anyone could type her
  // address and attach infected files named as lures ("URGENTE sua loja será suspensa, ligue …"):
  // the office mailed her the lure, post after post. Now the note names the file's kind only and
  // counts under her inbox's daily limit of automatic mail.
  it('a stranger posting lure-named infected files in her name, post after post: one plain note a day', async () => {
    const lures = [
      'URGENTE sua loja sera suspensa ligue 11 91234-5678.txt',
      'Seu PIX foi bloqueado regularize em pix-seguro.example.txt',
      'Fatura vencida pague hoje no WhatsApp 11 98888-7777.txt',
    ];
    for (const [i, name] of lures.entries()) {
      const { body, contentType } = multipartBody(
        { ...FIELDS, chamado: '', descricao: `Reclamação número ${i + 1}: ninguém me responde sobre a cobrança.` },
        [{ name, type: 'text/plain', bytes: Buffer.from(EICAR) }],
      );
      const r = await handle(event('POST', '/casos', body, contentType));
      expect(r.statusCode).toBeLessThan(400);
    }
    expect(cases.records.size).toBe(lures.length);
    const notes = mailer.sent.filter((m) => m.subject.includes('não pôde ser aceito'));
    expect(notes).toHaveLength(1);
    for (const mail of mailer.sent) {
      expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/URGENTE|suspensa|PIX|WhatsApp|9\d{4}-\d{4}/);
    }
    // The next day she hears of it again: the limit is a day's.
    clock.advance(24 * 3600 * 1000);
    const { body, contentType } = multipartBody(
      { ...FIELDS, chamado: '', descricao: 'Outra reclamação, desta vez sobre o frete.' },
      [{ name: lures[0] as string, type: 'text/plain', bytes: Buffer.from(EICAR) }],
    );
    await handle(event('POST', '/casos', body, contentType));
    expect(mailer.sent.filter((m) => m.subject.includes('não pôde ser aceito'))).toHaveLength(2);
  });

  it('a renamed executable that reached the bucket is refused on its bytes and quarantined', async () => {
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: exe() }]);
    await submit({ anexosId: pendingId });
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments[0]).toMatchObject({
      scan: 'REFUSED',
      contentType: 'application/octet-stream',
    });
  });

  it('an upload that never completes leaves no case; unclaimed files stay pending (the lifecycle deletes them)', async () => {
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }], false);
    expect(cases.records.size).toBe(0);
    expect(await store.list(`uploads/${pendingId}/`)).toEqual([]);
    const other = await uploadWithScript([{ name: 'print.png', type: 'image/png', bytes: png() }]);
    expect(cases.records.size).toBe(0);
    expect(await store.tags(`uploads/${other}/01`)).toMatchObject({ 'ouvidoria-upload': 'pending' });
    expect(store.expirePending()).toEqual([`uploads/${other}/01`]);
  });

  it('the same post again (double click) answers with the files the case stored, claiming nothing more', async () => {
    const files = [{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }];
    const first = await submit({ anexosId: await uploadWithScript(files) });
    const again = await submit({ anexosId: await uploadWithScript(files) });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(cases.records.size).toBe(1);
    expect(again.body).toContain('<strong>fatura.pdf</strong>');
    // Its files are the case's: nothing to say.
    expect(again.body).not.toContain(NOT_ADDED);
  });

  it('the same form again with a file she forgot: one case, and the page names the file left out and how to send it', async () => {
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    const first = await submit({ anexosId: pendingId });
    const other = await uploadWithScript([
      { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'print.png', type: 'image/png', bytes: png() },
    ]);
    const again = await submit({ anexosId: other });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(cases.records.size).toBe(1);
    expect(again.body).toContain('<strong>fatura.pdf</strong>');
    expect(again.body).toContain(NOT_ADDED);
    expect(again.body).toContain('<li><strong>print.png</strong></li>');
    expect(again.body).toContain('responda ao e-mail de confirmação com os arquivos anexados');
    // Never claimed: the lifecycle deletes it with the other unclaimed uploads.
    expect(await store.tags(`uploads/${other}/02`)).toMatchObject({ 'ouvidoria-upload': 'pending' });
    expect(withoutConfirmations(mailer.sent).filter((m) => m.to.includes(MERCHANT))).toHaveLength(1);
  });

  it('in JSON too', async () => {
    await submit({});
    const other = await uploadWithScript([{ name: 'print.png', type: 'image/png', bytes: png() }]);
    const again = await handle(
      event(
        'POST',
        '/casos',
        new URLSearchParams({ ...FIELDS, anexosId: other }).toString(),
        'application/x-www-form-urlencoded',
        'application/json',
      ),
    );
    expect(json(again)).toMatchObject({ filesNotAdded: { files: ['print.png'] } });
    expect(json(again).filesNotAdded.message).toContain(NOT_ADDED);
  });

  it('a crash while claiming the files, after the slot was taken: the resubmission makes one case with them, one slot', async () => {
    // The claim fails on S3 and the give-back of the slot fails too: as if the function had died
    // between the reservation and the case (nothing ran after it).
    setup('sync', (port) =>
      withFaults(port, [
        { method: 'setState', error: AWS_ERRORS.throttled },
        { method: 'release', error: AWS_ERRORS.throttled },
      ]),
    );
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    expect((await submit({ anexosId: pendingId })).statusCode).toBe(503);
    expect(cases.records.size).toBe(0);
    expect(await openCases.count(MERCHANT)).toBe(1);
    clock.advance(30_000);
    const again = await submit({ anexosId: pendingId });
    expect(again.statusCode).toBe(201);
    expect(again.body).toContain('<strong>fatura.pdf</strong>');
    const [record] = await cases.listAll();
    expect(cases.records.size).toBe(1);
    expect(record?.messages[0]?.attachments).toHaveLength(1);
    expect(openCases.open.get(MERCHANT)).toEqual(new Set([record?.caseId]));
    expect(withoutConfirmations(mailer.sent).filter((m) => m.to.includes(MERCHANT))).toHaveLength(1);
  });

  it('a guidance post with files: stored on its case, no slot taken', async () => {
    const pendingId = await uploadWithScript([{ name: 'print.png', type: 'image/png', bytes: png() }]);
    const r = await submit({
      anexosId: pendingId,
      chamado: '',
      descricao: 'Preciso de ajuda com a loja, segue o print.',
    });
    expect(r.statusCode).toBe(200);
    const [record] = await cases.listAll();
    expect(record).toMatchObject({ outcome: 'BILLING_QUESTION', status: 'REDIRECTED' });
    expect(record?.messages[0]?.attachments).toHaveLength(1);
    expect(await store.tags(`uploads/${pendingId}/01`)).toMatchObject({ 'ouvidoria-case': record?.caseId });
    expect(openCases.open.get(MERCHANT) ?? new Set()).toEqual(new Set());
  });

  it('a scan still running is listed PENDING', async () => {
    setup('manual');
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    const r = await submit({ anexosId: pendingId });
    expect(r.body).toContain('recebido, em verificação antivírus');
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments[0]).toMatchObject({ scan: 'PENDING' });
  });
});

/** Other bytes of the same length as pdf(): what a re-sent presigned POST may carry. */
const swappedPdf = () => pdf('Fatura 123: cobrança em dobrX');
const infectedPdf = () => {
  const bytes = Buffer.alloc(pdf().length, 0x20);
  Buffer.from(`%PDF-1.4\n${EICAR}\n`, 'latin1').copy(bytes);
  return bytes;
};

// The browser's presigned POST stays valid for its whole policy time (uploadPolicySeconds). Sent again
// after the submission claimed the file, it must change nothing the case, the console or the status
// page shows: the case's file is a copy under claimed/, a key no upload policy names.
describe('a presigned POST re-sent after the submission', () => {
  const links = new LocalAttachmentLinks('http://127.0.0.1:3000/_s3/ouvidoria-uploads-local');

  it.each([
    ['clean other bytes', swappedPdf],
    ['an infected file', infectedPdf],
  ])('with %s: the case, the console link and the status page keep the file that was checked', async (_l, bytes) => {
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    expect((await submit({ anexosId: pendingId })).statusCode).toBe(201);
    const [record] = await cases.listAll();
    const before = structuredClone(record?.messages[0]?.attachments);
    const file = record?.messages[0]?.attachments[0];
    expect(store.acceptPost(lastPolicies[0]?.fields ?? {}, bytes(), clock.now())).toEqual({ ok: true });
    const [after] = await cases.listAll();
    expect(after?.messages[0]?.attachments).toEqual(before);
    expect(publicFileState(file as never)).toBe(publicFileState({ scan: 'NO_THREATS_FOUND' }));
    // The console's file route: still the case's file, served with the bytes that were checked.
    const link = await signedDownload(file as never, record?.caseId as string, links, store);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/_s3\/ouvidoria-uploads-local\/claimed\//);
    expect(store.download(file?.key as string)?.bytes.equals(pdf())).toBe(true);
  });

  it('and the policy cannot be turned to the claimed copy: the bucket refuses any POST outside uploads/', async () => {
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    await submit({ anexosId: pendingId });
    const fields = lastPolicies[0]?.fields ?? {};
    expect(store.acceptPost({ ...fields, key: `claimed/${pendingId}/01` }, swappedPdf(), clock.now()).ok).toBe(false);
    const forged = await store.presign(
      `claimed/${pendingId}/01`,
      { contentType: 'application/pdf', size: pdf().length, filename: 'fatura.pdf' },
      clock.now(),
      300,
    );
    expect(store.acceptPost(forged.fields, swappedPdf(), clock.now())).toEqual({ ok: false, problem: 'AccessDenied' });
    expect(store.download(`claimed/${pendingId}/01`)?.bytes.equals(pdf())).toBe(true);
  });

  // Re-sent while the submission claims the file: the claim copies the version it listed clean (the
  // bucket keeps versions); the re-sent bytes are another version, unclaimed, scanned, and expire.
  it('re-sent during the claim with an infected file: the case keeps the clean version it listed, the infected one is no one’s', async () => {
    let claimListed = false;
    setup('manual', (port) => {
      if (port !== (store as object)) return port;
      // The claim's listing (the post lists the pending id before it too: the sender's file budget, the 202's names).
      return new Proxy(port, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop !== 'list' || typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            const listed = await value.apply(target, args);
            if (new Error().stack?.includes('claimUploads')) {
              claimListed = true;
              expect(store.acceptPost(lastPolicies[0]?.fields ?? {}, infectedPdf(), clock.now())).toEqual({ ok: true });
            }
            return listed;
          };
        },
      });
    });
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    store.scanPending();
    const r = await submit({ anexosId: pendingId });
    expect(r.statusCode).toBe(201);
    expect(claimListed).toBe(true);
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments[0]).toMatchObject({
      scan: 'NO_THREATS_FOUND',
      key: `claimed/${pendingId}/01`,
    });
    expect(store.download(`claimed/${pendingId}/01`)?.bytes.equals(pdf())).toBe(true);
    store.scanPending();
    expect(store.download(`uploads/${pendingId}/01`)).toBeNull();
    expect(await store.tags(`uploads/${pendingId}/01`)).not.toHaveProperty('ouvidoria-case');
  });

  it('the upload left behind and the re-sent one expire like unclaimed uploads; the case’s copy stays', async () => {
    const pendingId = await uploadWithScript([{ name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() }]);
    await submit({ anexosId: pendingId });
    expect(await store.tags(`uploads/${pendingId}/01`)).toMatchObject({ 'ouvidoria-upload': 'moved' });
    expect(store.expirePending()).toEqual([`uploads/${pendingId}/01`]);
    expect(store.acceptPost(lastPolicies[0]?.fields ?? {}, swappedPdf(), clock.now())).toEqual({ ok: true });
    expect(store.expirePending()).toEqual([`uploads/${pendingId}/01`]);
    expect(store.keys()).toEqual([`claimed/${pendingId}/01`]);
  });
});

// A GuardDuty plan in error (or its EventBridge rule deleted) sends no result at all: every file stays
// PENDING and nothing else fails. The webform counts what it claims unscanned; attachment-scan counts
// the results; the AntivirusSilent alarm fires when claims come and results do not.
describe('files claimed before their scan result (the AntivirusSilent signal)', () => {
  it.each([
    ['scanner answered before the submission: nothing counted', 'sync', 2, []],
    ['scanner silent, one invoice: one counted', 'manual', 1, [1]],
    ['scanner silent, invoice and print in one post: counted together', 'manual', 2, [2]],
  ] as const)('%s', async (_name, scan, files, expected) => {
    setup(scan);
    const all = [
      { name: 'fatura-marco.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'print-cobranca.png', type: 'image/png', bytes: png() },
    ];
    const pendingId = await uploadWithScript(all.slice(0, files));
    const r = await submit({ anexosId: pendingId });
    expect(r.statusCode).toBe(201);
    expect(claimedUnscanned).toEqual(expected);
  });

  it('a submission without files counts nothing', async () => {
    setup('manual');
    expect((await submit({})).statusCode).toBe(201);
    expect(claimedUnscanned).toEqual([]);
  });
});

// ROUND23: a file carries the account — "Ver anexo." over a letter or a print is a description, as a
// mail whose text only points to its attachment is; without a file it is still too short.
describe('a short description pointing to the files', () => {
  it.each([
    ['Ver anexo.', '48213', 201, 'ACCEPTED'],
    ['Segue em anexo', '', 200, 'NO_PRIOR_TICKET'],
    ['print anexo', '48213', 201, 'ACCEPTED'],
  ])('%j with a file uploaded by the script (ticket %j) → %i %s', async (descricao, chamado, status, outcome) => {
    const anexosId = await uploadWithScript([{ name: 'relato.pdf', type: 'application/pdf', bytes: pdf() }]);
    const r = await submit({ anexosId, descricao, chamado, assunto: 'atendimento' });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
    const [record] = await cases.listAll();
    expect(record?.outcome).toBe(outcome);
    expect(record?.messages[0]?.attachments).toHaveLength(1);
  });

  it('"Ver anexo." with a file posted without JavaScript → the case, with the file', async () => {
    const { body, contentType } = multipartBody({ ...FIELDS, descricao: 'Ver anexo.' }, [
      { name: 'relato.pdf', type: 'application/pdf', bytes: pdf() },
    ]);
    expect((await handle(event('POST', '/casos', body, contentType))).statusCode).toBe(201);
    expect((await cases.listAll())[0]?.messages[0]?.attachments).toHaveLength(1);
  });

  it.each([
    ['no file at all', undefined],
    ['a pending id under which nothing arrived', 'nothing'],
  ])('"Ver anexo." with %s is still too short, and nothing is stored', async (_label, pending) => {
    const anexosId =
      pending === undefined
        ? ''
        : await uploadWithScript([{ name: 'relato.pdf', type: 'application/pdf', bytes: pdf() }], false);
    const r = await submit({ anexosId, descricao: 'Ver anexo.' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('pelo menos 20 caracteres');
    expect(await cases.listAll()).toEqual([]);
  });

  it('an empty description is required even with a file', async () => {
    const anexosId = await uploadWithScript([{ name: 'relato.pdf', type: 'application/pdf', bytes: pdf() }]);
    const r = await submit({ anexosId, descricao: '  ' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('Descreva a sua solicitação.');
  });
});

describe('without JavaScript: the multipart post', () => {
  it('two files → one case with both listed clean', async () => {
    const { body, contentType } = multipartBody(FIELDS, [
      { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'print.png', type: 'image/png', bytes: png() },
    ]);
    const r = await handle(event('POST', '/casos', body, contentType));
    expect(r.statusCode).toBe(201);
    expect(r.body).toContain('<strong>fatura.pdf</strong>');
    expect(r.body).toContain('<strong>print.png</strong>');
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments.map((a) => [a.filename, a.scan])).toEqual([
      ['fatura.pdf', 'NO_THREATS_FOUND'],
      ['print.png', 'NO_THREATS_FOUND'],
    ]);
  });

  it('the same form again, now with the file: one case, the file named as not added', async () => {
    const first = await handle(
      event('POST', '/casos', multipartBody(FIELDS, []).body, multipartBody(FIELDS, []).contentType),
    );
    const { body, contentType } = multipartBody(FIELDS, [
      { name: 'extrato.pdf', type: 'application/pdf', bytes: pdf() },
    ]);
    const again = await handle(event('POST', '/casos', body, contentType));
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(cases.records.size).toBe(1);
    expect(again.body).toContain(NOT_ADDED);
    expect(again.body).toContain('<li><strong>extrato.pdf</strong></li>');
    // The note on the file her text announces is not said twice.
    expect(again.body).not.toContain('nenhum arquivo veio com o formulário');
  });

  it.each([
    ['scanned before the claim', 'sync' as const],
    ['still being scanned', 'manual' as const],
  ])(
    'the same post twice at once (a double click), files %s: one case, the losing post’s files are no one’s (they expire)',
    async (_when, scan) => {
      setup(scan);
      const post = () => {
        const { body, contentType } = multipartBody(FIELDS, [
          { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() },
          { name: 'print.png', type: 'image/png', bytes: png() },
        ]);
        return handle(event('POST', '/casos', body, contentType));
      };
      const answers = await Promise.all([post(), post()]);
      expect(answers.map((r) => r.statusCode)).toEqual([201, 201]);
      expect(cases.records.size).toBe(1);
      const [record] = await cases.listAll();
      const listed = new Set(record?.messages[0]?.attachments.map((a) => a.key));
      expect(listed.size).toBe(2);
      // Every stored object is the case's file, or in a state the bucket's lifecycle deletes: an orphan
      // copy tagged for the case would outlive its erasure (which deletes the files the case lists).
      const objects = [...(await store.list('uploads/')), ...(await store.list('claimed/'))];
      const orphans = objects.filter(
        (o) => !listed.has(o.key) && !['pending', 'moved'].includes(o.tags['ouvidoria-upload'] ?? ''),
      );
      expect(orphans.map((o) => [o.key, o.tags['ouvidoria-upload']])).toEqual([]);
      // After the lifecycle's days, what is left is the case's files, nothing else.
      store.expirePending();
      expect(store.keys().sort()).toEqual([...listed].sort());
    },
  );

  // Her file's name as she sent it (made safe to show) on the page that answers her post, whatever
  // kind its bytes proved: the infected text in an `.pdf` is "extrato.pdf", never "extrato_pdf.txt".
  // The mail goes to the address typed, so it says the file's kind only.
  it.each([
    { sent: 'extrato.pdf', type: 'application/pdf', shown: 'extrato.pdf', kind: 'arquivo PDF' },
    { sent: 'Extrato de março.PDF', type: 'application/pdf', shown: 'Extrato de março.pdf', kind: 'arquivo PDF' },
    { sent: 'comprovante<pix>.pdf', type: 'application/pdf', shown: 'comprovante_pix.pdf', kind: 'arquivo PDF' },
    { sent: 'print-erro.png', type: 'image/png', shown: 'print-erro.png', kind: 'arquivo PNG' },
  ])('an infected $sent is named $shown on the page and told as $kind by mail', async ({ sent, type, shown, kind }) => {
    const { body, contentType } = multipartBody(FIELDS, [{ name: sent, type, bytes: Buffer.from(EICAR) }]);
    const r = await handle(event('POST', '/casos', body, contentType));
    expect(r.statusCode).toBe(201);
    expect(r.body).toContain(`<strong>${shown}</strong>`);
    expect(r.body).not.toMatch(/_(pdf|png)\.txt/i);
    const note = mailer.sent.find((m) => m.subject.includes('não pôde ser aceito'));
    expect(note?.to).toEqual([MERCHANT]);
    expect(note?.text).toContain(kind);
    expect(note?.text).not.toContain(shown.split('.')[0]);
    expect(note?.text).not.toMatch(/_(pdf|png)\.txt/i);
    const [record] = await cases.listAll();
    expect(record?.messages[0]?.attachments[0]).toMatchObject({ filename: shown, scan: 'THREATS_FOUND' });
  });

  it('a renamed executable is refused with the form kept and the field in error; no case', async () => {
    const { body, contentType } = multipartBody(FIELDS, [
      { name: 'fatura.pdf', type: 'application/pdf', bytes: exe() },
    ]);
    const r = await handle(event('POST', '/casos', body, contentType));
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('fatura.pdf: o arquivo é um programa executável');
    expect(r.body).toContain('<a href="#anexos">');
    expect(r.body).toContain('aria-invalid="true"');
    expect(r.body).toContain('value="Mariana Costa"');
    expect(cases.records.size).toBe(0);
    expect(store.keys()).toEqual([]);
  });

  it('zero-byte and polyglot files are refused the same way', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.concat([png(), Buffer.from('<script>alert(1)</script>')])]) {
      const { body, contentType } = multipartBody(FIELDS, [{ name: 'print.png', type: 'image/png', bytes }]);
      const r = await handle(event('POST', '/casos', body, contentType));
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain(
        bytes.length === 0 ? 'O arquivo está vazio.' : 'não corresponde a um único formato aceito',
      );
    }
  });
});

// Round 46: a confirmed post naming the ticket of her open case joins that case; its files go with it.
describe('a second post on the ticket of her open case, with a file', () => {
  it('joins the case: the file is claimed for that case, listed on the page and on her new message', async () => {
    expect((await submit({})).statusCode).toBe(201);
    const pendingId = await uploadWithScript([{ name: 'fatura-abril.pdf', type: 'application/pdf', bytes: pdf() }]);
    const r = await submit({
      anexosId: pendingId,
      descricao: 'Complementando: a cobrança em dobro se repetiu em abril, segue a fatura nova em anexo.',
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Mensagem acrescentada ao seu caso');
    expect(r.body).toMatch(/<strong>fatura-abril\.pdf<\/strong> \([^)]*\): recebido e verificado, sem ameaças/);
    const [record] = await cases.listAll();
    expect(cases.records.size).toBe(1);
    expect(record?.messages).toHaveLength(2);
    expect(record?.messages[1]?.attachments).toEqual([
      expect.objectContaining({ filename: 'fatura-abril.pdf', key: `claimed/${pendingId}/01` }),
    ]);
    expect(await store.tags(`claimed/${pendingId}/01`)).toMatchObject({
      'ouvidoria-upload': 'attached',
      'ouvidoria-case': record?.caseId,
    });
    expect(await openCases.count(MERCHANT)).toBe(1);
  });

  it('an infected file in it: quarantined on that case, and she gets the pt-BR note naming that case', async () => {
    const first = await submit({});
    const protocol = /OUV-\d{4}-\d{6}/.exec(first.body)?.[0] as string;
    expect(protocol).toMatch(/^OUV-/);
    const pendingId = await uploadWithScript([
      { name: 'comprovante.txt', type: 'text/plain', bytes: Buffer.from(EICAR) },
    ]);
    const r = await submit({
      anexosId: pendingId,
      descricao: 'Complementando: segue o comprovante do pagamento em dobro.',
    });
    expect(r.statusCode).toBe(200);
    const note = withoutConfirmations(mailer.sent).filter(
      (m) => m.to.includes(MERCHANT) && m.subject.includes('não pôde ser aceito'),
    );
    expect(note).toHaveLength(1);
    expect(note[0]?.subject).toContain(protocol);
    expect(await store.tags(`uploads/${pendingId}/01`)).toMatchObject({
      'ouvidoria-upload': 'quarantined',
      'ouvidoria-case': [...cases.records.keys()][0],
    });
  });
});

// Red team 48: the ticket holder is read open (or closed within the window), but the lifecycle may
// still refuse her message on it — a closed case with no analyst, at its record's ceiling, past its
// retention, or closed past the window in the meantime — and open a case of its own. The files had
// been claimed for the refused case: the new case listed none, and the copies stayed tagged
// `attached` to a case that does not list them (outliving its closing clock and its erasure).
describe('a second post on her ticket whose join the lifecycle refuses: a case of its own, with her files', () => {
  const refusing: WebformDeps['caseLifecycle'] = async () => ({
    merchantReply: async () => ({ kind: 'open-linked-case', linkedProtocol: 'OUV-2026-000001' }),
  });
  // The case erased between the ticket holder's read and the lifecycle's (a data-subject erasure):
  // the lifecycle finds no case. Her page said JOINED and nothing was stored.
  const gone: WebformDeps['caseLifecycle'] = async () => ({
    merchantReply: async (parent) => {
      cases.records.delete(parent.caseId);
      return { kind: 'not-a-case' };
    },
  });
  it.each([
    ['scanned clean before the post (copied under claimed/)', 'sync', 'claimed', refusing],
    ['still being scanned at the post (tagged where it is)', 'manual', 'uploads', refusing],
    ['scanned clean, the case erased meanwhile', 'sync', 'claimed', gone],
  ] as const)('a file %s goes with the new case', async (_label, scan, prefix, lifecycle) => {
    setup(scan, (port) => port, lifecycle);
    expect((await submit({})).statusCode).toBe(201);
    const [firstId] = [...cases.records.keys()];
    const pendingId = await uploadWithScript([{ name: 'fatura-abril.pdf', type: 'application/pdf', bytes: pdf() }]);
    const r = await submit({
      anexosId: pendingId,
      descricao: 'Complementando: a cobrança em dobro se repetiu em abril, segue a fatura nova em anexo.',
    });
    expect(r.statusCode).toBe(201);
    expect(r.body).toContain('fatura-abril.pdf');
    expect(cases.records.size).toBe(lifecycle === gone ? 1 : 2);
    const first = cases.records.get(firstId ?? '');
    const second = [...cases.records.values()].find((c) => c.caseId !== firstId);
    expect(first?.messages.flatMap((m) => m.attachments) ?? []).toEqual([]);
    const key = `${prefix}/${pendingId}/01`;
    expect(second?.messages[0]?.attachments).toEqual([expect.objectContaining({ filename: 'fatura-abril.pdf', key })]);
    expect(await store.tags(key)).toMatchObject({ 'ouvidoria-upload': 'attached', 'ouvidoria-case': second?.caseId });
  });

  it('files a message of the refused case lists (the same pending id, joined before) stay with it', async () => {
    let refuse = false;
    setup(
      'sync',
      (port) => port,
      async () => ({
        merchantReply: async (parent, message) => {
          if (refuse) return { kind: 'open-linked-case', linkedProtocol: parent.protocol ?? '' };
          await cases.appendMessage(parent.caseId, message);
          return { kind: 'applied', status: 'IN_PROGRESS', reopened: false, forwarded: true };
        },
      }),
    );
    expect((await submit({})).statusCode).toBe(201);
    const [firstId] = [...cases.records.keys()];
    const pendingId = await uploadWithScript([{ name: 'fatura-abril.pdf', type: 'application/pdf', bytes: pdf() }]);
    const joined = await submit({
      anexosId: pendingId,
      descricao: 'Segue a fatura de abril, cobrada em dobro de novo.',
    });
    expect(joined.statusCode).toBe(200);
    refuse = true;
    await submit({ anexosId: pendingId, descricao: 'Reforço: a fatura de abril em anexo veio cobrada em dobro.' });
    expect(await store.tags(`claimed/${pendingId}/01`)).toMatchObject({ 'ouvidoria-case': firstId });
  });
});

// Red team 49: at her open-case cap, a confirmed post on the ticket of her open case joins it
// (2c272abb). When the lifecycle then refuses the join, the post is refused (409) — it has no case of
// its own to take anything: the files were tagged `attached` to that never-stored case (kept to the
// closed-case backstop instead of the pending clock) and the ticket taken from her case for it.
describe('at her open-case cap, a post whose join the lifecycle refuses: refused, and it leaves nothing claimed', () => {
  const refusing: WebformDeps['caseLifecycle'] = async () => ({
    merchantReply: async () => ({ kind: 'open-linked-case', linkedProtocol: 'OUV-2026-000001' }),
  });
  it.each([
    ['scanned clean before the post (copied under claimed/)', 'sync'],
    ['still being scanned at the post', 'manual'],
  ] as const)('a file %s stays pending, the ticket with her case', async (_label, scan) => {
    setup(scan, (port) => port, refusing);
    expect((await submit({})).statusCode).toBe(201);
    const [firstId] = [...cases.records.keys()];
    const limit = localConfig.limits.maxOpenCasesPerSender;
    for (let i = 1; (await openCases.count(MERCHANT)) < limit; i++) await openCases.add(MERCHANT, `other-case-${i}`);
    const holders = JSON.stringify([...openCases.ticketHolders]);
    const pendingId = await uploadWithScript([{ name: 'fatura-abril.pdf', type: 'application/pdf', bytes: pdf() }]);
    const r = await submit({
      anexosId: pendingId,
      descricao: 'Complementando: a cobrança em dobro se repetiu em abril, segue a fatura nova em anexo.',
    });
    expect(r.statusCode).toBe(409);
    expect(cases.records.size).toBe(1);
    expect(cases.records.get(firstId ?? '')?.messages.flatMap((m) => m.attachments)).toEqual([]);
    expect(JSON.stringify([...openCases.ticketHolders])).toBe(holders);
    expect(await openCases.count(MERCHANT)).toBe(limit);
    // Attached to no stored case: each object expires on the pending clock, or her retry claims it.
    const objects = [...(await store.list(`uploads/${pendingId}/`)), ...(await store.list(`claimed/${pendingId}/`))];
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect([object.key, object.tags['ouvidoria-upload']]).toEqual([
        object.key,
        expect.stringMatching(/^(pending|moved)$/),
      ]);
      expect(cases.records.has(object.tags['ouvidoria-case'] ?? '')).toBe(false);
    }
    // A slot freed, her post sent again: its own case, with her file.
    await openCases.release(MERCHANT, 'other-case-1');
    const again = await submit({
      anexosId: pendingId,
      descricao: 'Complementando: a cobrança em dobro se repetiu em abril, segue a fatura nova em anexo.',
    });
    expect(again.statusCode).toBe(201);
    const second = [...cases.records.values()].find((c) => c.caseId !== firstId);
    expect(second?.messages[0]?.attachments).toEqual([expect.objectContaining({ filename: 'fatura-abril.pdf' })]);
  });
});

// Journeys 57: the 202 "Confirme o seu pedido pelo e-mail" and its mail never mentioned her files.
describe('a post with files waiting for its link: the files are named before she confirms', () => {
  const post = (accept: string, pendingId: string) =>
    unconfirmed(
      event(
        'POST',
        '/casos',
        new URLSearchParams({ ...FIELDS, anexosId: pendingId }).toString(),
        'application/x-www-form-urlencoded',
        accept,
      ),
    );

  it.each([
    ['the 202 page', 'text/html'],
    ['the 202 JSON answer', 'application/json'],
  ])('%s names each file with the status page’s words for a file being scanned', async (_what, accept) => {
    setup('manual');
    const pendingId = await uploadWithScript([
      { name: 'fatura março.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'print.png', type: 'image/png', bytes: png() },
    ]);
    const r = await post(accept, pendingId);
    expect(r.statusCode).toBe(202);
    if (accept === 'text/html') {
      expect(r.body).toContain('Confirme o seu pedido pelo e-mail');
      expect(r.body).toContain('Arquivos recebidos');
      expect(r.body).toMatch(/<strong>fatura março\.pdf<\/strong> \([^)]*PDF\): recebido, em verificação antivírus/);
      expect(r.body).toMatch(/<strong>print\.png<\/strong> \([^)]*PNG\): recebido, em verificação antivírus/);
      expect(r.body).toContain(CONFIRM_WORDS.sentFiles);
    } else {
      expect(json(r).files).toEqual(['fatura março.pdf', 'print.png']);
    }
  });

  it('its mail gives their count (no name: no words of the poster in it), and the link’s page names them', async () => {
    setup('manual');
    const pendingId = await uploadWithScript([
      { name: 'fatura.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'print.png', type: 'image/png', bytes: png() },
      { name: 'pedidos.xlsx', type: '', bytes: xlsx() },
    ]);
    const postEvent = event(
      'POST',
      '/casos',
      new URLSearchParams({ ...FIELDS, anexosId: pendingId }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect((await unconfirmed(postEvent)).statusCode).toBe(202);
    const [mail] = confirmationsIn(mailer.sent);
    expect(mail?.text).toContain(
      'Arquivos enviados com o pedido: 3 arquivos. O nome e a verificação antivírus de cada um aparecem na página do link.',
    );
    expect(mail?.text).not.toContain('fatura.pdf');
    const page = await unconfirmed(confirmPageEventOf(postEvent, confirmTokenOf(mailer.sent)));
    expect(page.statusCode).toBe(200);
    for (const name of ['fatura.pdf', 'print.png', 'pedidos.xlsx'])
      expect(page.body).toContain(`<strong>${name}</strong>`);
  });

  it('a post without files says nothing of files, on the page or in the mail', async () => {
    const r = await post('text/html', '');
    expect(r.statusCode).toBe(202);
    expect(r.body).not.toContain('Arquivos recebidos');
    expect(confirmationsIn(mailer.sent)[0]?.text).not.toContain('Arquivos enviados');
  });
});
