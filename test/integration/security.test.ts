/**
 * Security properties of the whole pipeline:
 * - merchant text is escaped in every HTML email (acknowledgement, guidance, analyst notice) and
 *   every page (webform results, validation errors, the 503 page), for XSS payloads in the name,
 *   subject, store, description and attachment filename;
 * - no header injection through name, subject, addresses, header values or file names (checked
 *   on the SendEmail input `sendEmailInput` builds: SES composes the MIME from it);
 * - spoofed mail (SPF/DKIM/DMARC failures) gets no automatic reply;
 * - the logs of a full run (email intake, webform, assignment) hold no email body and no full
 *   email address.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sendEmailInput } from '../../shared/adapters/ses-mailer';
import type { Verdicts } from '../../shared/domain/submission';
import { MailRejected, type OutgoingMail } from '../../shared/ports';
import {
  activeContent,
  AWS_ERRORS,
  apiEvent,
  captureOutput,
  formPost,
  inMemoryPipeline,
  withFaults,
} from '../support/reliability-harness';

const MERCHANT = 'lojista@modasbella.com.br';
const CRLF = '\r\n';

const XSS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(document.cookie)">clique</a>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '<iframe src="javascript:alert(2)"></iframe>',
  'javascript:alert(3)',
  '</textarea><script>alert(4)</script>',
  '<style>body{background:url(javascript:alert(5))}</style>',
] as const;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** An email whose name, subject, body and attachment filename all carry the payload. */
function xssMail(payload: string, ticket: string): Buffer {
  const boundary = 'xss-boundary';
  const filename = `${payload.replace(/"/g, "'")}.pdf`;
  return Buffer.from(
    [
      `From: =?UTF-8?B?${b64(`Marina ${payload}`)}?= <${MERCHANT}>`,
      'To: ouvidoria@ouvidoria.example.com.br',
      `Subject: =?UTF-8?B?${b64(`Chamado ${ticket} ${payload}`)}?=`,
      'Message-ID: <xss-1@mail.modasbella.com.br>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>Olá, abri o chamado #${ticket} e ninguém resolveu. ${payload}</p><p>Loja: ${payload}</p>`,
      `--${boundary}`,
      'Content-Type: application/pdf',
      `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Content-Transfer-Encoding: base64',
      '',
      b64('%PDF-1.4 falso'),
      `--${boundary}--`,
      '',
    ].join(CRLF),
    'utf8',
  );
}

describe('XSS payloads never become markup', () => {
  describe.each(XSS)('payload %s', (payload) => {
    it('through email intake: acknowledgement and analyst notice', async () => {
      const p = inMemoryPipeline();
      await p.emailHandler(p.receive('xss-accepted', xssMail(payload, '48213'), { mailFrom: MERCHANT }));
      await p.drainAssignments();
      const record = await p.cases.get('email:xss-accepted');
      expect(record?.outcome).toBe('ACCEPTED');
      // The payload did reach the case (so the check below is not vacuous)…
      expect(record?.messages[0]?.text).toContain(payload.includes('<') ? 'Olá' : payload);
      expect(p.mailer.sent).toHaveLength(2);
      // …and the analyst notice shows it as text, not as markup.
      for (const mail of p.mailer.sent) expect(activeContent(mail.html), mail.subject).toEqual([]);
      if (payload.includes('<')) expect(p.mailer.sent[1]?.html).toContain('&lt;');
    });

    it('through email intake: guidance reply (no ticket) and TICKET_INVALID reply', async () => {
      for (const [id, ticket] of [
        ['xss-invalid', '77777'],
        ['xss-none', ''],
      ] as const) {
        const p = inMemoryPipeline();
        await p.emailHandler(p.receive(id, xssMail(payload, ticket), { mailFrom: MERCHANT }));
        expect(p.mailer.sent).toHaveLength(1);
        for (const mail of p.mailer.sent) expect(activeContent(mail.html)).toEqual([]);
      }
    });

    it('through the webform: result page, validation page, analyst notice', async () => {
      const p = inMemoryPipeline();
      const fields = {
        nome: `Marina ${payload}`.slice(0, 120),
        email: MERCHANT,
        loja: payload,
        chamado: '48213',
        assunto: 'atendimento',
        descricao: `Abri o chamado e ninguém resolveu o problema da minha loja. ${payload}`,
        consentimento: 'on',
      };
      const accepted = await p.webformHandler(formPost(fields));
      expect(accepted.statusCode).toBe(201);
      expect(activeContent(accepted.body)).toEqual([]);

      // A validation error puts every typed value back into the page.
      const invalid = await p.webformHandler(formPost({ ...fields, email: `x${payload}@`, chamado: payload }));
      expect(invalid.statusCode).toBe(400);
      expect(activeContent(invalid.body)).toEqual([]);
      expect(invalid.body).not.toContain(payload.includes('<') ? payload : '\u0000');

      const json = await p.webformHandler(
        apiEvent({
          method: 'POST',
          path: '/casos',
          body: JSON.stringify({ ...fields, descricao: 'curta' }),
          headers: { 'content-type': 'application/json', accept: 'text/html' },
        }),
      );
      expect(json.statusCode).toBe(400);
      expect(activeContent(json.body)).toEqual([]);

      await p.drainAssignments();
      // Her link (F1), her acknowledgement, the analyst's notice.
      expect(p.mailer.sent).toHaveLength(3);
      expect(p.replies()).toHaveLength(2);
      for (const mail of p.mailer.sent) expect(activeContent(mail.html)).toEqual([]);
    });

    it('through the webform 503 page that keeps the typed text', async () => {
      const p = inMemoryPipeline();
      // The post's one awaited dependency of ours fails: the queue its case and reply go through.
      p.confirmMails.failNext = AWS_ERRORS.throttled();
      const response = await p.webformHandler(
        formPost({
          nome: 'Marina',
          email: MERCHANT,
          loja: payload,
          assunto: 'outro',
          descricao: `Texto longo o bastante para ser aceito. ${payload}`,
          consentimento: 'on',
        }),
      );
      expect(response.statusCode).toBe(503);
      expect(activeContent(response.body)).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------

/** How a mail client reads one address field we hand SES (mailparser decodes RFC 2047 as clients do). */
async function readAddressField(value: string) {
  const parsed = await simpleParser(Buffer.from(`To: ${value}\r\nSubject: x\r\n\r\nx\r\n`));
  const to = parsed.to;
  return { mailboxes: (Array.isArray(to) ? to : to ? [to] : []).flatMap((a) => a.value), parsed };
}

const ONE_ASCII_LINE = /^[ -~]*$/;
/** CR, LF and every other line break or control a client might honour. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The SendEmail input keeps every field in its place: headers are SES-valid names with one line of
 * printable ASCII each and none of the structural ones; every address is exactly one mailbox (the
 * intended address); subject and file names hold no line break.
 */
async function expectSafeInput(input: SendEmailCommand['input'], mail: OutgoingMail): Promise<void> {
  expect(input.Content?.Raw).toBeUndefined();
  const simple = input.Content?.Simple;
  expect(simple?.Subject?.Data).not.toMatch(BREAKS);
  for (const h of simple?.Headers ?? []) {
    // SES MessageHeader: name of printable ASCII without ':' (ours: a token); value one ASCII line.
    expect(h.Name).toMatch(/^[A-Za-z0-9-]{1,126}$/);
    expect(h.Value).toMatch(ONE_ASCII_LINE);
    expect(h.Value!.length).toBeLessThanOrEqual(870);
    expect(h.Name!.length + h.Value!.length).toBeLessThanOrEqual(996);
  }
  const names = (simple?.Headers ?? []).map((h) => h.Name!.toLowerCase());
  for (const structural of ['bcc', 'cc', 'x-injected', 'from', 'to', 'subject', 'message-id', 'content-type']) {
    expect(names).not.toContain(structural);
  }
  expect(new Set(names).size).toBe(names.length);
  expect(input.Destination?.CcAddresses).toBeUndefined();
  expect(input.Destination?.BccAddresses).toBeUndefined();
  // The address the caller meant: the last <…> of the field, or the whole field.
  const meant = (field: string) => /<([^<>]*)>$/.exec(field.trim())?.[1] ?? field.trim();
  const fields: [string | undefined, string][] = [
    [input.FromEmailAddress, meant(mail.from)],
    ...(input.Destination?.ToAddresses ?? []).map((a, i) => [a, meant(mail.to[i]!)] as [string, string]),
    ...(input.ReplyToAddresses ?? []).map((a, i) => [a, meant(mail.replyTo![i]!)] as [string, string]),
  ];
  expect(input.Destination?.ToAddresses).toHaveLength(mail.to.length);
  expect(input.ReplyToAddresses?.length ?? 0).toBe(mail.replyTo?.length ?? 0);
  for (const [value, address] of fields) {
    expect(value).toMatch(ONE_ASCII_LINE);
    const { mailboxes, parsed } = await readAddressField(value!);
    expect(mailboxes.map((m) => m.address)).toEqual([address]);
    expect(parsed.headers.has('bcc')).toBe(false);
  }
  for (const file of simple?.Attachments ?? []) {
    expect(file.FileName).not.toMatch(BREAKS);
    expect(file.FileName).not.toMatch(/[\\/"]/);
    expect(file.ContentType).toMatch(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/);
  }
}

/** The input SES would get, or 'refused' when the mailer refuses the mail for good. */
function inputOrRefusal(mail: OutgoingMail): SendEmailCommand['input'] | 'refused' {
  try {
    return sendEmailInput(mail);
  } catch (error) {
    if (error instanceof MailRejected) return 'refused';
    throw error;
  }
}

const INJECTIONS = [
  'Olá\r\nBcc: vitima@example.com',
  'Olá\nBcc: vitima@example.com\n\n<script>x</script>',
  'Olá\rX-Injected: 1',
  'Olá%0d%0aBcc:%20vitima@example.com',
  'Olá\u2028Bcc: vitima@example.com',
  'Olá\u2029Bcc: vitima@example.com',
  'Olá\u0085Bcc: vitima@example.com',
  'Olá\u0000Bcc: vitima@example.com',
  '=?UTF-8?Q?Ol=C3=A1=0D=0ABcc:_vitima@example.com?=',
  `${'á'.repeat(500)}\r\nBcc: vitima@example.com`,
  'Olá, "Bcc" <vitima@example.com>,',
  'Olá\r\n\r\n--boundary\r\nContent-Type: text/html',
];

describe('no header injection', () => {
  const base: OutgoingMail = {
    to: [MERCHANT],
    from: 'Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
    subject: 'Recebemos sua manifestação',
    text: 'Olá',
    html: '<p>Olá</p>',
    messageId: 'ack-1@ouvidoria.example.com.br',
    headers: { 'Auto-Submitted': 'auto-replied' },
  };

  it.each(INJECTIONS)('the SendEmail input keeps %j inside its field', async (evil) => {
    const variants: OutgoingMail[] = [
      { ...base, subject: evil },
      { ...base, from: `${evil} <ouvidoria@ouvidoria.example.com.br>` },
      { ...base, to: [`${evil} <${MERCHANT}>`] },
      { ...base, replyTo: [`"${evil}" <${MERCHANT}>`] },
      {
        ...base,
        headers: { ...base.headers, 'In-Reply-To': `<a@b>${evil}`, References: `<a@b> ${evil}`, 'X-Loop': evil },
      },
      {
        ...base,
        files: [{ filename: `${evil}.pdf`, contentType: `application/pdf${evil}`, content: Buffer.from('x') }],
      },
    ];
    for (const mail of variants) {
      const input = inputOrRefusal(mail);
      expect(input, JSON.stringify(mail).slice(0, 200)).not.toBe('refused');
      await expectSafeInput(input as SendEmailCommand['input'], mail);
    }
  });

  it.each([
    `${MERCHANT}\r\nBcc: vitima@example.com`,
    `${MERCHANT}, vitima@example.com`,
    `${MERCHANT}\u2028vitima@example.com`,
    `Nome <${MERCHANT}>, vitima@example.com`,
  ])('refuses for good an address field that would hold two mailboxes: %j', (evil) => {
    expect(inputOrRefusal({ ...base, to: [evil] })).toBe('refused');
    expect(inputOrRefusal({ ...base, replyTo: [evil] })).toBe('refused');
    expect(inputOrRefusal({ ...base, from: evil })).toBe('refused');
  });

  it('a non-ASCII display name goes as encoded-words a client reads back', async () => {
    const input = sendEmailInput({
      ...base,
      from: 'Ouvidoria — Atendimento São Paulo <ouvidoria@ouvidoria.example.com.br>',
    });
    expect(input.FromEmailAddress).toMatch(/^=\?UTF-8\?B\?/);
    const { mailboxes } = await readAddressField(input.FromEmailAddress!);
    expect(mailboxes).toEqual([
      { name: 'Ouvidoria — Atendimento São Paulo', address: 'ouvidoria@ouvidoria.example.com.br' },
    ]);
  });

  it('a References chain too long for SES keeps its root and latest ids, within the limit', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `<${i}.${'x'.repeat(40)}@mail.example.com>`);
    const mail = { ...base, headers: { ...base.headers, References: `Bcc: x\r\n${ids.join(' ')}` } };
    const input = sendEmailInput(mail);
    await expectSafeInput(input, mail);
    const references = input.Content?.Simple?.Headers?.find((h) => h.Name === 'References')?.Value?.split(' ');
    expect(references?.[0]).toBe(ids[0]);
    expect(references?.at(-1)).toBe(ids.at(-1));
  });

  it.each(['X-Ok\r\nBcc', 'X-Loop:', 'X Loop', `X-${'a'.repeat(125)}`, 'X-Olá', 'X-Loop\u2028'])(
    'refuses a header name SES would refuse or that is not a token: %j',
    (name) => {
      expect(() => sendEmailInput({ ...base, headers: { [name]: 'vitima@example.com' } })).toThrow(
        /Invalid header name/,
      );
    },
  );

  it('every email the pipeline sends for injection attempts composes into a clean header block', async () => {
    const p = inMemoryPipeline();
    const attempts = [
      [
        `=?UTF-8?Q?Marina=0D=0ABcc:_vitima@example.com?= <${MERCHANT}>`,
        `=?UTF-8?B?${b64('Chamado 48213\r\nBcc: vitima@example.com')}?=`,
      ],
      [`"Marina%0d%0aBcc: vitima@example.com" <${MERCHANT}>`, 'Chamado 48213%0d%0aX-Injected:%201'],
      [
        `=?UTF-8?B?${b64('Marina\u2028X-Injected: 1')}?= <${MERCHANT}>`,
        `=?UTF-8?B?${b64('Chamado 48213\u0085Bcc: x@y.z')}?=`,
      ],
    ];
    for (const [i, [from, subject]] of attempts.entries()) {
      const raw = Buffer.from(
        [
          `From: ${from}`,
          'To: ouvidoria@ouvidoria.example.com.br',
          `Subject: ${subject}`,
          `Message-ID: <inj-${i}@mail.example>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Olá, abri o chamado #48213 e ninguém resolveu até hoje, preciso de ajuda.',
        ].join(CRLF),
      );
      await p.emailHandler(p.receive(`inj-${i}`, raw, { mailFrom: MERCHANT }));
    }
    await p.drainAssignments();
    // The first two names spell out a second address: their author is a guess, the ticket is not
    // theirs (one guidance reply, the second throttled); the third is acknowledged and assigned
    // (the analyst notice's Reply-To is the merchant's address).
    expect(p.mailer.sent).toHaveLength(3);
    for (const mail of p.mailer.sent) await expectSafeInput(sendEmailInput(mail), mail);
  });
});

// ---------------------------------------------------------------------------------------------

describe('spoofed mail gets no automatic reply', () => {
  const complaint = Buffer.from(
    [
      `From: Marina Costa <${MERCHANT}>`,
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Reclamação sobre o chamado #48213',
      'Message-ID: <spoof@mail.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Olá, abri o chamado #48213 há duas semanas e ninguém resolveu. Peço ajuda da Ouvidoria.',
    ].join(CRLF),
  );

  it.each<[string, Partial<Verdicts>]>([
    ['DMARC fails', { dmarc: 'FAIL' }],
    ['SPF and DKIM fail', { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' }],
    ['SPF fails, no DKIM signature', { spf: 'FAIL', dkim: 'GRAY', dmarc: 'GRAY' }],
    ['SPF fails, DKIM not checked', { spf: 'FAIL', dkim: 'DISABLED', dmarc: 'DISABLED' }],
    ['SPF, DKIM and DMARC all fail', { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' }],
    ['spam verdict', { spam: 'FAIL' }],
    ['virus verdict', { virus: 'FAIL' }],
  ])('%s: quarantined, no reply, nothing queued, kept for review', async (_name, verdicts) => {
    const p = inMemoryPipeline();
    await p.emailHandler(p.receive('spoof', complaint, { mailFrom: MERCHANT, verdicts }));
    const record = await p.cases.get('email:spoof');
    expect(record).toMatchObject({ outcome: 'QUARANTINED', status: 'QUARANTINED', reply: { status: 'suppressed' } });
    expect(p.mailer.sent).toHaveLength(0);
    expect(p.queue.messages).toHaveLength(0);
    // The ticket directory is not even asked: a spoofer learns nothing about tickets.
    expect(p.tickets.lookups).toEqual([]);
  });

  it('SPF failing while DKIM passes (mail forwarded by a relay) is authentic and answered', async () => {
    const p = inMemoryPipeline();
    await p.emailHandler(
      p.receive('forwarded', complaint, { mailFrom: MERCHANT, verdicts: { spf: 'FAIL', dkim: 'PASS', dmarc: 'PASS' } }),
    );
    expect((await p.cases.get('email:forwarded'))?.outcome).toBe('ACCEPTED');
    expect(p.mailer.sent).toHaveLength(1);
  });

  it('mail claiming to come from our own address gets no reply (no loop, no reflection)', async () => {
    const p = inMemoryPipeline();
    const own = Buffer.from(
      complaint
        .toString('utf8')
        .replace(`Marina Costa <${MERCHANT}>`, 'Ouvidoria <ouvidoria@ouvidoria.example.com.br>'),
    );
    await p.emailHandler(p.receive('own', own, { mailFrom: 'ouvidoria@ouvidoria.example.com.br' }));
    expect(p.mailer.sent).toHaveLength(0);
    expect((await p.cases.get('email:own'))?.reply?.status).toBe('suppressed');
  });
});

// ---------------------------------------------------------------------------------------------

const FIXTURES = join(import.meta.dirname, '..', '..', 'events', 'emails');
/** A full address; masked ones (j***@l***.com.br, x***@***) do not match: no "*" in the local part. */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

describe('logs of a full run', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('hold no email body, no display name and no full email address', async () => {
    // Metrics (EMF on stdout) are part of the logs audited here; vitest.config.ts turns them off elsewhere.
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const p = inMemoryPipeline({ logLevel: 'DEBUG' });
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(10);

    // Sentences of every body and every address that appears in the fixtures and the form posts.
    const secrets = new Set<string>();
    const addresses = new Set<string>();
    for (const file of files) {
      const parsed = await simpleParser(readFileSync(join(FIXTURES, file)));
      for (const line of (parsed.text ?? '').split(/\n+/)) {
        const sentence = line.trim();
        if (sentence.length >= 30 && !sentence.startsWith('>')) secrets.add(sentence.slice(0, 60));
      }
      for (const m of readFileSync(join(FIXTURES, file), 'latin1').matchAll(EMAIL_ADDRESS))
        addresses.add(m[0].toLowerCase());
      // Display names are personal data too.
      const name = parsed.from?.value[0]?.name?.trim();
      if (name && name.length >= 5) secrets.add(name);
    }
    const description = 'O checkout da minha loja está lento há dias e os clientes desistem da compra no pagamento.';
    secrets.add(description.slice(0, 60));
    secrets.add('Carla Mendes');
    addresses.add('carla@docesdacarla.com.br');

    const { output } = await captureOutput(async () => {
      for (const [i, file] of files.entries()) {
        const raw = readFileSync(join(FIXTURES, file));
        const mailFrom = /^Return-Path:\s*<([^>]*)>/im.exec(raw.toString('latin1'))?.[1] ?? MERCHANT;
        await p.emailHandler(p.receive(`fixture-${i}`, raw, { mailFrom }));
      }
      const form = {
        nome: 'Carla Mendes',
        email: 'carla@docesdacarla.com.br',
        loja: 'Doces da Carla',
        assunto: 'atendimento',
        descricao: description,
        consentimento: 'on',
      };
      await p.webformHandler(formPost(form));
      await p.webformHandler(formPost({ ...form, email: 'carla@docesdacarla' }));
      await p.webformHandler(
        apiEvent({
          method: 'POST',
          path: '/casos',
          body: JSON.stringify(form),
          headers: { 'content-type': 'application/json' },
        }),
      );
      // A dependency failure is logged too (masked sender only).
      const failing = inMemoryPipeline({
        logLevel: 'DEBUG',
        wrap: { cases: (r) => withFaults(r, [{ method: 'create', error: AWS_ERRORS.throttled }]) },
      });
      await failing.webformHandler(formPost(form));
      await p.drainAssignments();
    });

    expect(p.mailer.sent.length).toBeGreaterThan(5);
    expect(output.length).toBeGreaterThan(1000); // the loggers did write
    const leakedAddresses = [...new Set(output.match(EMAIL_ADDRESS) ?? [])];
    expect(leakedAddresses).toEqual([]);
    expect([...secrets].filter((s) => output.includes(s))).toEqual([]);
    // The masked form is what appears instead.
    expect(output).toMatch(/l\*\*\*@m\*\*\*\.com\.br/);
    for (const address of addresses) expect(output.toLowerCase()).not.toContain(address);
  });
});
