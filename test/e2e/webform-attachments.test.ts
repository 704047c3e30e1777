/**
 * Webform attachments (issue 19) on the local stack: the local uploads bucket on /_s3/ (presigned
 * POSTs verified like S3, EICAR stand-in scanner, tag-based reads), the webform handler, dynalite,
 * the SES outbox and the in-process assignment; first over plain HTTP, then in Chromium with and
 * without JavaScript, axe-core clean.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack';
import { EICAR, pdf, png, xlsx } from '../support/files';
import {
  chromiumAvailable,
  clearOutbox,
  getCaseRecord,
  listCases,
  mailsTo,
  outbox,
  waitFor,
  openChromium,
  seriousViolations,
  confirmationLinkFor,
  confirmInBrowser,
  confirmLink,
} from './helpers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const START = '2026-11-25T10:00:00-03:00';
const MERCHANT = 'lojista@modasbella.com.br';

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ouvidoria-uploads-e2e-'));
  stack = await startLocalStack({
    ports: { smtp: 0, http: 0, dynamodb: 0, ses: 0 },
    dataDir,
    fresh: true,
    now: START,
    seedFile: join(ROOT, 'events', 'local-seed.json'),
    // Every post here is one merchant's: more confirmation links in an hour and a day than the defaults allow.
    configOverrides: { limits: { webformConfirmMailsPerAddressPerHour: 50, webformConfirmMailsPerAddressPerDay: 200 } },
    logLevel: 'ERROR',
    queueBackoffMs: () => 200,
  });
  await clearOutbox(stack);
});

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const origin = () => stack.urls.form.replace(/\/$/, '');
/**
 * Who posts: a post naming the ticket of her open case joins it (no case of its own), so the tests
 * that want a case of their own each post as another merchant of the seed.
 */
interface Poster {
  email: string;
  ticket: string;
}
const MODAS_BELLA: Poster = { email: MERCHANT, ticket: '48213' };
const CASA_DOS_AROMAS: Poster = { email: 'financeiro@casadosaromas.com.br', ticket: '48214' };
const DOCES_DA_CARLA: Poster = { email: 'carla@docesdacarla.com.br', ticket: '52310' };
const LOJA_DO_JOAO: Poster = { email: 'joao@lojadojoao.com.br', ticket: '52311' };
const fields = (descricao: string, who: Poster = MODAS_BELLA) => ({
  nome: 'Mariana Costa',
  email: who.email,
  chamado: who.ticket,
  assunto: 'cobranca',
  descricao,
  consentimento: 'on',
});

/** What app.js does: ask for policies, then POST each file to the bucket with its fields. */
async function uploadLikeTheScript(files: { name: string; type: string; bytes: Buffer }[], send = true) {
  const issued = await fetch(`${origin()}/anexos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ files: files.map((f) => ({ name: f.name, size: f.bytes.length, type: f.type })) }),
  });
  expect(issued.status).toBe(200);
  const body = (await issued.json()) as {
    pendingId: string;
    files: { key: string; url: string; fields: Record<string, string> }[];
  };
  if (send) {
    for (const [i, policy] of body.files.entries()) {
      const form = new FormData();
      for (const [k, v] of Object.entries(policy.fields)) form.append(k, v);
      form.append('file', new Blob([files[i]?.bytes as Buffer]), files[i]?.name);
      const uploaded = await fetch(policy.url, { method: 'POST', body: form, headers: { origin: origin() } });
      expect(uploaded.status).toBe(204);
    }
  }
  return body;
}

/** Her post, then (it cites her ticket: F1) the link in her mailbox confirmed; the confirmation's answer. */
async function submit(pendingId: string, descricao: string, who: Poster = MODAS_BELLA) {
  const posted = await fetch(`${origin()}/casos`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ ...fields(descricao, who), anexosId: pendingId }).toString(),
  });
  if (posted.status !== 202) return posted;
  await posted.body?.cancel();
  return confirmLink(await confirmationLinkFor(stack, who.email), 'application/json');
}

describe('attachments on the local stack (HTTP)', () => {
  it('two files → one case with both files listed and clean', async () => {
    const before = (await listCases(stack)).length;
    const { pendingId } = await uploadLikeTheScript([
      { name: 'fatura-marco.pdf', type: 'application/pdf', bytes: pdf() },
      { name: 'pedidos.xlsx', type: '', bytes: xlsx() },
    ]);
    const r = await submit(pendingId, 'Cobrança em dobro na fatura de março: seguem a fatura e a planilha de pedidos.');
    expect(r.status).toBe(201);
    const body = (await r.json()) as { protocol: string; attachments: { name: string; scan: string }[] };
    expect(body.attachments.map((a) => [a.name, a.scan])).toEqual([
      ['fatura-marco.pdf', 'NO_THREATS_FOUND'],
      ['pedidos.xlsx', 'NO_THREATS_FOUND'],
    ]);
    const cases = await listCases(stack);
    expect(cases.length).toBe(before + 1);
    const summary = cases.find((c) => c.protocol === body.protocol);
    const record = await getCaseRecord(stack, summary?.caseId as string);
    expect(record.messages[0]?.attachments.map((a) => [a.filename, a.contentType, a.scan])).toEqual([
      ['fatura-marco.pdf', 'application/pdf', 'NO_THREATS_FOUND'],
      ['pedidos.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'NO_THREATS_FOUND'],
    ]);
    // A clean file comes back only as an attachment, with a safe type and nosniff.
    const download = await fetch(`${origin()}/_s3/ouvidoria-uploads-local/${record.messages[0]?.attachments[0]?.key}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-type')).toBe('application/pdf');
  });

  it('the EICAR string → listed as infected, never served, the merchant gets a pt-BR note', async () => {
    const { pendingId, files } = await uploadLikeTheScript([
      { name: 'comprovante.txt', type: 'text/plain', bytes: Buffer.from(EICAR) },
    ]);
    const r = await submit(
      pendingId,
      'Segue o comprovante do pagamento em duplicidade para análise da Ouvidoria.',
      CASA_DOS_AROMAS,
    );
    expect(r.status).toBe(201);
    const body = (await r.json()) as { protocol: string; attachments: { name: string; scan: string }[] };
    expect(body.attachments).toEqual([expect.objectContaining({ name: 'comprovante.txt', scan: 'THREATS_FOUND' })]);
    const download = await fetch(`${origin()}/_s3/ouvidoria-uploads-local/${files[0]?.key}`);
    expect(download.status).toBe(403);
    expect(await download.text()).not.toContain('EICAR');
    const note = await waitFor(
      'the infected-file note',
      async () =>
        mailsTo(await outbox(stack), CASA_DOS_AROMAS.email).find((m) => m.subject.includes('não pôde ser aceito')),
      (m) => m !== undefined,
    );
    expect(note?.subject).toContain(body.protocol);
    expect(note?.body.text).toContain('quarentena');
  });

  // The presigned POST stays valid for uploadPolicySeconds: sent again after the submission, it
  // lands on the upload key, not on the case's copy under claimed/, which the bucket fills only by copy.
  it('the presigned POST sent again after the submission changes nothing the case holds or serves', async () => {
    const original = pdf();
    const { pendingId, files } = await uploadLikeTheScript([
      { name: 'fatura-abril.pdf', type: 'application/pdf', bytes: original },
    ]);
    const r = await submit(
      pendingId,
      'Cobrança indevida em abril; segue a fatura com o valor em dobro.',
      DOCES_DA_CARLA,
    );
    expect(r.status).toBe(201);
    const { protocol } = (await r.json()) as { protocol: string };
    const summary = (await listCases(stack)).find((c) => c.protocol === protocol);
    const before = await getCaseRecord(stack, summary?.caseId as string);
    const file = before.messages[0]?.attachments[0];
    expect(file?.key).toBe(`claimed/${pendingId}/01`);
    const swapped = Buffer.alloc(original.length, 0x20);
    Buffer.from(`%PDF-1.4\n${EICAR}\n`, 'latin1').copy(swapped);
    const resend = async (fieldsOf: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fieldsOf)) form.append(k, v);
      form.append('file', new Blob([swapped]), 'fatura-abril.pdf');
      return fetch(files[0]?.url as string, { method: 'POST', body: form, headers: { origin: origin() } });
    };
    expect((await resend(files[0]?.fields ?? {})).status).toBe(204);
    // Aimed at the copy, the same policy is refused (its signature binds the key; the bucket takes no POST there).
    expect((await resend({ ...files[0]?.fields, key: `claimed/${pendingId}/01` })).status).toBe(403);
    const after = await getCaseRecord(stack, summary?.caseId as string);
    expect(after.messages[0]?.attachments).toEqual(before.messages[0]?.attachments);
    const download = await fetch(`${origin()}/_s3/ouvidoria-uploads-local/${file?.key}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(original)).toBe(true);
  });

  it('an upload that never completes leaves no case (and its policy expires)', async () => {
    const before = (await listCases(stack)).length;
    const { pendingId, files } = await uploadLikeTheScript(
      [{ name: 'print.png', type: 'image/png', bytes: png() }],
      false,
    );
    expect(await stack.uploads.list(`uploads/${pendingId}/`)).toEqual([]);
    expect((await listCases(stack)).length).toBe(before);
    // Later, with the policy expired, the bucket refuses the file.
    stack.clock.set('2026-11-25T10:30:00-03:00');
    const form = new FormData();
    for (const [k, v] of Object.entries(files[0]?.fields ?? {})) form.append(k, v);
    form.append('file', new Blob([png()]), 'print.png');
    const late = await fetch(files[0]?.url as string, { method: 'POST', body: form });
    expect(late.status).toBe(403);
    expect((await listCases(stack)).length).toBe(before);
  });
});

// ---- in Chromium --------------------------------------------------------------------------------

describe.skipIf(!chromiumAvailable())('attachments in Chromium', () => {
  let dir: string;
  let files: { pdf: string; png: string };

  beforeAll(async () => {
    stack.clock.set('2026-12-02T10:00:00-03:00');
    dir = await mkdtemp(join(tmpdir(), 'ouvidoria-files-'));
    files = { pdf: join(dir, 'fatura-dezembro.pdf'), png: join(dir, 'print-cobranca.png') };
    await writeFile(files.pdf, pdf());
    await writeFile(files.png, png());
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page; profile: string }> {
    const profile = await mkdtemp(join(tmpdir(), 'ouvidoria-chromium-'));
    return { ...(await openChromium(profile, { javaScriptEnabled })), profile };
  }

  async function fill(page: Page, descricao: string, who: Poster = MODAS_BELLA) {
    await page.fill('#nome', 'Mariana Costa');
    await page.fill('#email', who.email);
    await page.fill('#chamado', who.ticket);
    await page.selectOption('#assunto', 'cobranca');
    await page.fill('#descricao', descricao);
    await page.check('#consentimento');
  }

  it('with JavaScript: attach, see progress, submit, files on the confirmation and in the analyst notice', {
    timeout: 90_000,
  }, async () => {
    const { context, page, profile } = await open(true);
    try {
      await page.goto(stack.urls.form);
      await fill(page, 'Cobrança em dobro em dezembro: anexei a fatura e o print da cobrança no cartão.', LOJA_DO_JOAO);
      await page.setInputFiles('#anexos', [files.pdf, files.png]);
      // One progress bar per file, each reaching 100 % and saying so.
      await page.locator('#anexos-lista progress').nth(1).waitFor();
      await page.waitForFunction(() =>
        [
          ...(
            globalThis as unknown as { document: { querySelectorAll(s: string): { value: number }[] } }
          ).document.querySelectorAll('#anexos-lista progress'),
        ].every((p) => p.value === 100),
      );
      await expect(page.locator('#anexos-lista').textContent()).resolves.toContain('fatura-dezembro.pdf: enviado.');
      expect(await page.inputValue('#anexosId')).toMatch(/^[0-9a-f]{32}$/);
      expect(await seriousViolations(page)).toEqual([]);
      await clearOutbox(stack);
      await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);
      // Her post cites her ticket (F1): the files wait with it for the link in her mailbox.
      await confirmInBrowser(page, stack, LOJA_DO_JOAO.email);
      const protocol = ((await page.locator('.protocolo').textContent()) ?? '').trim();
      const listed = (await page.locator('.anexos-recebidos').textContent()) ?? '';
      expect(listed).toContain('fatura-dezembro.pdf');
      expect(listed).toContain('print-cobranca.png');
      expect(listed).toContain('verificado, sem ameaças');
      expect(await seriousViolations(page)).toEqual([]);
      // The assignment runs in process: the analyst's notice lists the files and their scan.
      const notice = await waitFor(
        'the analyst notice',
        async () =>
          (await outbox(stack)).find(
            (m) => m.subject.includes(protocol) && !m.destination.to.join().includes(LOJA_DO_JOAO.email),
          ),
        (m) => m !== undefined,
      );
      expect(notice?.body.text).toContain('fatura-dezembro.pdf (application/pdf');
      expect(notice?.body.text).toContain('print-cobranca.png (image/png');
      expect(notice?.body.text).toContain('verificado, sem ameaças');
      // Downloaded from the console's case page, which signs fresh links: none signed in the mail.
      expect(notice?.body.text).toContain('baixar pelo console');
      expect(notice?.body.html).not.toContain('/_s3/');
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('the same form sent again with the file she forgot: one case, and the page names the file not added', {
    timeout: 90_000,
  }, async () => {
    const { context, page, profile } = await open(true);
    try {
      const descricao = 'Fui cobrada duas vezes na mensalidade de dezembro; o suporte não resolveu. Segue a fatura.';
      // Another merchant of the seed: the others' open cases stay within her cap.
      const eletroPonto = { email: 'contato@eletroponto.com.br', ticket: '48215' };
      await page.goto(stack.urls.form);
      await fill(page, descricao, eletroPonto);
      await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);
      await confirmInBrowser(page, stack, eletroPonto.email);
      const protocol = ((await page.locator('.protocolo').textContent()) ?? '').trim();
      await page.goto(stack.urls.form);
      await fill(page, descricao, eletroPonto);
      await page.setInputFiles('#anexos', [files.pdf]);
      await page.locator('#anexos-lista progress').first().waitFor();
      await page.waitForFunction(() =>
        [
          ...(
            globalThis as unknown as { document: { querySelectorAll(s: string): { value: number }[] } }
          ).document.querySelectorAll('#anexos-lista progress'),
        ].every((p) => p.value === 100),
      );
      await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);
      // The same post: no second link; her first link, opened again, shows the case and the file left out.
      await confirmInBrowser(page, stack, eletroPonto.email);
      await expect(page.locator('.protocolo').textContent()).resolves.toBe(protocol);
      const note = (await page.locator('[role=note]').allTextContents()).join(' ');
      expect(note).toContain('os arquivos deste novo envio não foram acrescentados ao caso');
      expect(note).toContain('fatura-dezembro.pdf');
      expect(note).toContain('responda ao e-mail de confirmação com os arquivos anexados');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('with JavaScript, one file of a kind not taken: the others still go, and the page names the one left out', {
    timeout: 90_000,
  }, async () => {
    const { context, page, profile } = await open(true);
    const exe = join(dir, 'programa-boleto.exe');
    await writeFile(exe, Buffer.from('MZ\x90\x00 not a boleto'));
    try {
      const aromas = { email: 'financeiro@casadosaromas.com.br', ticket: '48214' };
      await page.goto(stack.urls.form);
      await fill(page, 'Cobrança em dobro na fatura de dezembro: seguem a fatura, o print e o boleto.', aromas);
      await page.setInputFiles('#anexos', [files.pdf, exe, files.png]);
      await page.locator('#anexos-lista progress').nth(1).waitFor();
      await page.waitForFunction(() =>
        [
          ...(
            globalThis as unknown as { document: { querySelectorAll(s: string): { value: number }[] } }
          ).document.querySelectorAll('#anexos-lista progress'),
        ].every((p) => p.value === 100),
      );
      const rows = (await page.locator('#anexos-lista').textContent()) ?? '';
      expect(rows).toContain('programa-boleto.exe: ');
      expect(rows).toContain('fatura-dezembro.pdf: enviado.');
      expect(rows).toContain('print-cobranca.png: enviado.');
      await expect(page.locator('#anexos-aviso').textContent()).resolves.toContain(
        'programa-boleto.exe não foi aceito e não vai com o formulário. Os demais arquivos foram enviados',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);
      await confirmInBrowser(page, stack, aromas.email);
      const listed = (await page.locator('.anexos-recebidos').textContent()) ?? '';
      expect(listed).toContain('fatura-dezembro.pdf');
      expect(listed).toContain('print-cobranca.png');
      expect(listed).not.toContain('programa-boleto');
      // Only that file chosen: nothing to send, she is told to choose again before the form goes.
      await page.goto(stack.urls.form);
      await fill(page, 'Segue o boleto.', aromas);
      await page.setInputFiles('#anexos', [exe]);
      await expect.poll(() => page.locator('#anexos-aviso').textContent()).toContain('programa-boleto.exe: ');
      await page.click('button[type=submit]');
      expect(new URL(page.url()).pathname).not.toMatch(/\/casos$/);
      await expect(page.locator('#anexos-aviso').textContent()).resolves.toContain(
        'programa-boleto.exe não foi aceito: selecione os arquivos de novo sem ele',
      );
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('without JavaScript: the multipart post carries the files; the page says what to do', {
    timeout: 90_000,
  }, async () => {
    const { context, page, profile } = await open(false);
    try {
      await page.goto(stack.urls.form);
      await expect(page.locator('body').textContent()).resolves.toContain('abaixo de 9 MB');
      await fill(page, 'Sem JavaScript: cobrança duplicada em dezembro, envio a fatura e o print em anexo.');
      await page.setInputFiles('#anexos', [files.pdf, files.png]);
      await Promise.all([page.waitForURL(/\/casos$/), page.click('button[type=submit]')]);
      // Without script too: the link's page is a form with one button.
      await confirmInBrowser(page, stack, MERCHANT);
      await expect(page.locator('.protocolo').textContent()).resolves.toMatch(/OUV-2026-\d{6}/);
      const listed = (await page.locator('.anexos-recebidos').textContent()) ?? '';
      expect(listed).toContain('fatura-dezembro.pdf');
      expect(listed).toContain('print-cobranca.png');
      // axe needs script: check the same confirmation page in a JavaScript-enabled page.
      const html = await page.content();
      const checker = await open(true);
      try {
        await checker.page.setContent(html);
        expect(await seriousViolations(checker.page)).toEqual([]);
      } finally {
        await checker.context.close();
        await rm(checker.profile, { recursive: true, force: true });
      }
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
