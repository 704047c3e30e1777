import { encryptedMail } from '../../../shared/domain/encrypted-mail';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAutoReply, isMachineGenerated } from '../../../shared/domain/auto-reply-policy';
import { localConfig } from '../../../shared/domain/config';
import { SubmissionSchema, type Submission } from '../../../shared/domain/submission';
import { FORWARDED_MARKER, PARSE_LIMITS, parseEmail } from '../../../shared/mail/parse-email';

const FIXTURES = join(__dirname, '..', '..', '..', 'events', 'emails');
const META = { sourceId: 'ses-msg-0001', receivedAt: '2026-03-02T13:00:00.000Z' };
const LIMITS = { maxRawMailBytes: 25 * 1024 * 1024 };

const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const parse = (raw: Buffer | string, limits = LIMITS) =>
  parseEmail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8'), META, limits);

/** Every result must be what the schema accepts, unchanged. */
function expectValid(s: Submission): void {
  expect(SubmissionSchema.parse(s)).toEqual(s);
}

interface FixtureCase {
  file: string;
  sender: string;
  name?: string;
  subject: string;
  /** Substrings the decoded text must contain. */
  text: string[];
  attachments?: Array<Partial<Submission['attachments'][number]>>;
  headers?: Record<string, string>;
  inReplyTo?: string;
  references?: string[];
  returnPath?: string;
  html?: boolean;
  parseProblem?: string;
}

const FIXTURE_CASES: FixtureCase[] = [
  {
    file: '01-accepted-ticket-48213.eml',
    sender: 'lojista@modasbella.com.br',
    name: 'Juliana Bella',
    subject: 'Pedidos não sincronizam com o estoque - chamado #48213',
    text: ['Abri o chamado #48213', 'encerrado sem solução'],
    returnPath: 'lojista@modasbella.com.br',
  },
  {
    file: '02-billing-complaint-ticket-48214.eml',
    sender: 'financeiro@casadosaromas.com.br',
    name: 'Casa dos Aromas - Financeiro',
    subject: 'Cobrança em duplicidade no cartão - protocolo 48214',
    text: ['(protocolo: 48214)', 'estorno da cobrança indevida'],
  },
  {
    file: '03-access-issue-no-ticket.eml',
    sender: 'joao@lojadojoao.com.br',
    name: 'João Pereira',
    subject: 'Não consigo acessar o painel administrativo',
    text: ['usuário bloqueado por inatividade'],
  },
  {
    file: '04-billing-question-no-ticket.eml',
    sender: 'carla@docesdacarla.com.br',
    subject: 'Dúvida sobre fatura e migração de plano',
    text: ['migração de\nplano', 'cobrança é proporcional'],
  },
  {
    file: '05-not-a-client-prices.eml',
    sender: 'rafael.souza@gmail.com',
    subject: 'Quanto custa para abrir uma loja?',
    text: ['ainda não sou cliente de vocês', 'preços dos planos'],
    html: true,
  },
  {
    file: '06-feature-request-integration.eml',
    sender: 'contato@eletroponto.com.br',
    subject: 'Integração com marketplace - chamado 48215',
    text: ['no chamado 48215', 'funcionalidade de venda por assinatura'],
  },
  {
    file: '07-commercial-discount-51000.eml',
    sender: 'ana@papelariaestrela.com.br',
    subject: 'Pedido de desconto na renovação anual',
    text: ['(solicitação 51000)', 'condição\nespecial'],
  },
  {
    file: '08-no-prior-ticket.eml',
    sender: 'lojista@modasbella.com.br',
    subject: 'Loja muito lenta no checkout',
    text: ['reclamação\nformal'],
  },
  {
    file: '09-ticket-invalid-not-found.eml',
    sender: 'lojista@modasbella.com.br',
    subject: 'Reclamação - chamado 77777 sem resposta',
    text: ['abri o chamado 77777'],
  },
  {
    file: '10-ticket-invalid-not-owner.eml',
    sender: 'contato@eletroponto.com.br',
    subject: 'Chamado #48213 encerrado sem solução',
    text: ['Solicito a análise da Ouvidoria'],
  },
  {
    file: '11-latin1-rfc2047.eml',
    sender: 'financeiro@casadosaromas.com.br',
    name: 'José Conceição',
    subject: 'Reclamação: cobrança indevida - protocolo 48214',
    text: ['Não recebemos o estorno da cobrança', 'exige uma ação', 'José Conceição'],
  },
  {
    file: '12-windows-1252-body.eml',
    sender: 'ana@papelariaestrela.com.br',
    subject: 'Notas fiscais não são emitidas – chamado 51000',
    text: ['automaticamente – aparece o erro “Falha na comunicação com a SEFAZ”', 'a ação sugerida', 'parados…'],
  },
  {
    file: '13-html-only.eml',
    sender: 'lojista@modasbella.com.br',
    subject: 'Reclamação sobre o atendimento',
    text: ['reclamação sobre o atendimento', 'Chamado nº 48.213', 'Não houve retorno'],
    html: true,
  },
  {
    file: '14-attachment-pdf.eml',
    sender: 'financeiro@casadosaromas.com.br',
    subject: 'Comprovante da cobrança indevida - chamado 48214',
    text: ['conforme\no chamado 48214'],
    attachments: [
      { filename: 'boleto-fatura-2026-02.pdf', contentType: 'application/pdf', partId: '2', inline: false },
    ],
  },
  {
    file: '15-forwarded-support-reply.eml',
    sender: 'contato@eletroponto.com.br',
    subject: 'Fwd: Seu chamado foi encerrado',
    text: ['---------- Forwarded message ---------', 'Seu chamado #48215 foi encerrado'],
  },
  {
    file: '16-reply-to-ack.eml',
    sender: 'lojista@modasbella.com.br',
    subject: 'Re: [OUV-2026-000001] Recebemos sua manifestação',
    text: [
      'vendidos sem estoque hoje',
      '> Recebemos sua manifestação, protocolo OUV-2026-000001 (chamado anterior #48213).',
    ],
    inReplyTo: 'ack-01JNQ4ZK8W3V6M2T9X5Y7B1C0D@ouvidoria.example.com.br',
    references: ['CAK7f1x2Qm9bLd0Zp48213a@mail.gmail.com', 'ack-01JNQ4ZK8W3V6M2T9X5Y7B1C0D@ouvidoria.example.com.br'],
  },
  {
    file: '17-auto-reply-system.eml',
    sender: 'atendimento@casadosaromas.com.br',
    subject: 'Resposta automática: Recebemos sua mensagem',
    text: ['Este é um e-mail automático'],
    headers: { 'auto-submitted': 'auto-replied', 'x-autoreply': 'yes', precedence: 'auto_reply', 'return-path': '<>' },
    returnPath: '',
  },
  {
    file: '18-out-of-office.eml',
    sender: 'ana@papelariaestrela.com.br',
    subject: 'Fora do escritório: Re: [OUV-2026-000002] Recebemos sua manifestação',
    text: ['Estou de férias até 30/03'],
    headers: { 'x-auto-response-suppress': 'All' },
  },
  {
    file: '19-mailing-list.eml',
    sender: 'news@ecomnews.example.org',
    subject: '[ecom-news] Novidades da semana: frete, PIX e marketplace',
    text: ['mudanças nas regras de frete'],
    headers: {
      'list-id': 'Lojistas E-commerce News <lojistas.lists.ecomnews.example.org>',
      // Folded over two lines in the raw mail: unfolded here.
      'list-unsubscribe':
        '<mailto:leave-lojistas@lists.ecomnews.example.org>, <https://lists.ecomnews.example.org/unsubscribe/lojistas>',
      precedence: 'list',
    },
  },
  {
    file: '20-bounce-mailer-daemon.eml',
    sender: 'mailer-daemon@amazonses.com',
    subject: 'Delivery Status Notification (Failure)',
    text: ['Final-Recipient: rfc822; ana@papelariaestrela.com.br', 'Status: 5.1.1'],
    headers: { 'x-failed-recipients': 'ana@papelariaestrela.com.br', 'auto-submitted': 'auto-replied' },
    attachments: [{ contentType: 'message/rfc822-headers' }],
    returnPath: '',
  },
  {
    file: '21-forwarded-as-attachment.eml',
    sender: 'contato@eletroponto.com.br',
    subject: 'Encaminhando a resposta do suporte (frete continua errado)',
    text: [
      'calculado em dobro',
      `${FORWARDED_MARKER}\nDe: Suporte <suporte@atendimento.example.com.br>`,
      'Assunto: Seu chamado #48215 foi encerrado',
      'A configuração de frete foi revisada.',
    ],
    attachments: [{ contentType: 'message/rfc822', partId: '2' }],
  },
  {
    file: '22-quoted-printable-quoted-reply.eml',
    sender: 'lojista@modasbella.com.br',
    subject: 'Reclamação - integração de estoque',
    text: ['problema de integração de estoque', '> Sobre o ticket nº 48213: estamos analisando com a equipe técnica e'],
  },
  {
    file: '23-base64-access-domain-frozen.eml',
    sender: 'beatriz@bazarimperial.com.br',
    name: 'Beatriz Imperial',
    subject: 'Loja fora do ar: domínio congelado',
    text: ['foi congelado no registro.br', 'alteração de domínio'],
    html: true,
  },
  {
    file: '24-rfc2231-filename.eml',
    sender: 'ana@papelariaestrela.com.br',
    subject: 'Comprovante anexo - solicitação 51000',
    text: ['solicitação 51000'],
    attachments: [{ filename: 'comprovante de cobrança - março 2026.pdf', contentType: 'application/pdf' }],
  },
  {
    file: '25-malformed-multipart-no-boundary.eml',
    sender: 'lojista@modasbella.com.br',
    subject: 'Reclamação chamado 48213 (anexo)',
    text: [],
    parseProblem: 'malformed MIME: multipart without boundary',
  },
  {
    file: '26-protocol-from-other-sender.eml',
    sender: 'contato@eletroponto.com.br',
    subject: 'Re: [OUV-2026-000001] Recebemos sua manifestação',
    text: ['chamado #48215'],
  },
];

describe('parseEmail on the sample emails', () => {
  it('covers every .eml file in events/emails', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));
    expect(files.sort()).toEqual(FIXTURE_CASES.map((c) => c.file).sort());
    expect(files.length).toBeGreaterThanOrEqual(24);
  });

  it.each(FIXTURE_CASES)('$file', async (c) => {
    const s = await parse(fixture(c.file));
    expectValid(s);
    expect(s.channel).toBe('email');
    expect(s.sourceId).toBe(META.sourceId);
    expect(s.sender.address).toBe(c.sender);
    if (c.name) expect(s.sender.name).toBe(c.name);
    expect(s.subject).toBe(c.subject);
    for (const piece of c.text) expect(s.text).toContain(piece);
    expect(s.text).not.toContain('\ufffd');
    expect(s.recipients.length).toBeGreaterThan(0);
    expect(s.recipients).toContain('ouvidoria@ouvidoria.example.com.br');
    expect(s.messageId).toMatch(/^[^<>\s]+@[^<>\s]+$/);
    expect(s.attachments).toHaveLength(c.attachments?.length ?? 0);
    (c.attachments ?? []).forEach((expected, i) => {
      expect(s.attachments[i]).toMatchObject(expected);
      expect(s.attachments[i]?.size).toBeGreaterThan(0);
      expect(s.attachments[i]).not.toHaveProperty('content');
    });
    for (const [key, value] of Object.entries(c.headers ?? {})) expect(s.headers[key]).toBe(value);
    if (c.inReplyTo) expect(s.inReplyTo).toBe(c.inReplyTo);
    if (c.references) expect(s.references).toEqual(c.references);
    if (c.returnPath !== undefined) expect(s.returnPath).toBe(c.returnPath);
    expect(s.html !== undefined).toBe(c.html === true);
    expect(s.parseProblem).toBe(c.parseProblem);
  });

  it('keeps envelope metadata and the raw location as given', async () => {
    const verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'GRAY', dmarc: 'PASS' } as const;
    const raw = { bucket: 'ouvidoria-raw', key: 'inbound/abc' };
    const s = await parseEmail(
      fixture('01-accepted-ticket-48213.eml'),
      {
        ...META,
        verdicts,
        raw,
        returnPath: 'Bounce+X@ModasBella.com.br',
        recipients: ['Ouvidoria@Ouvidoria.Example.com.br'],
      },
      LIMITS,
    );
    expect(s.verdicts).toEqual(verdicts);
    expect(s.raw).toEqual(raw);
    expect(s.returnPath).toBe('bounce+x@modasbella.com.br');
    expect(s.recipients).toEqual(['ouvidoria@ouvidoria.example.com.br']);
  });

  it.each([
    [
      'the envelope names the case address, the mail itself names a colleague',
      ['To: Bruno Costa <Bruno@Empresa.com.br>', 'Cc: "Carla" <carla@empresa.com.br>, bruno@empresa.com.br'],
      ['caso+OUV-2026-000123.abcdefghijklmnop@ouvidoria.example.com.br'],
      ['bruno@empresa.com.br', 'carla@empresa.com.br'],
    ],
    [
      'a mail to the case address with a colleague in Cc',
      ['To: caso+OUV-2026-000123.abcdefghijklmnop@ouvidoria.example.com.br', 'Cc: bruno@empresa.com.br'],
      ['caso+OUV-2026-000123.abcdefghijklmnop@ouvidoria.example.com.br'],
      ['caso+ouv-2026-000123.abcdefghijklmnop@ouvidoria.example.com.br', 'bruno@empresa.com.br'],
    ],
    ['no To nor Cc (all in Bcc)', [], ['caso+OUV-2026-000123.abcdefghijklmnop@ouvidoria.example.com.br'], []],
  ])('with an envelope, the addresses of its own To and Cc are kept apart: %s', async (_, headers, envelope, own) => {
    const raw = mail(['From: Ana Lima <ana@empresa.com.br>', ...headers, 'Subject: RE: caso'], 'Olá, Maria.');
    const s = await parseEmail(Buffer.from(raw), { ...META, recipients: envelope }, LIMITS);
    expect(s.recipients).toEqual(envelope.map((a) => a.toLowerCase()));
    expect(s.addressedTo).toEqual(own);
    expectValid(s);
  });

  it('without an envelope, recipients are the To and Cc already: nothing kept twice', async () => {
    const s = await parse(mail(['From: Ana <ana@empresa.com.br>', 'To: bruno@empresa.com.br', 'Subject: x'], 'oi'));
    expect(s.recipients).toEqual(['bruno@empresa.com.br']);
    expect(s.addressedTo).toBeUndefined();
  });

  it('drops scripts and styles from an HTML-only body', async () => {
    const s = await parse(fixture('13-html-only.eml'));
    expect(s.text).not.toMatch(/rastreamento|font-family|<\w/);
    expect(s.html).toContain('<script>');
  });
});

/** Builds a raw message from header lines and a body, CRLF line ends. */
const mail = (headers: string[], body = '') => `${headers.join('\r\n')}\r\n\r\n${body}`;
const BASIC = ['From: Juliana <lojista@modasbella.com.br>', 'To: ouvidoria@ouvidoria.example.com.br', 'Subject: Teste'];

function nested(levels: number): string {
  let part = 'Content-Type: text/plain; charset=utf-8\r\n\r\nChamado 48213 lá no fundo.\r\n';
  for (let i = 0; i < levels; i++) {
    part = `Content-Type: multipart/mixed; boundary="nivel-${i}"\r\n\r\n--nivel-${i}\r\n${part}\r\n--nivel-${i}--\r\n`;
  }
  return `${BASIC.join('\r\n')}\r\nMIME-Version: 1.0\r\n${part}`;
}

interface BadCase {
  name: string;
  raw: () => Buffer;
  limits?: { maxRawMailBytes: number };
  parseProblem?: RegExp;
  check?: (s: Submission) => void;
}

const BAD_INPUT: BadCase[] = [
  { name: 'zero bytes', raw: () => Buffer.alloc(0), parseProblem: /^empty message/ },
  {
    name: 'headers only, no blank line, no body',
    raw: () => Buffer.from(BASIC.join('\r\n')),
    check: (s) => {
      expect(s.parseProblem).toBeUndefined();
      expect(s.subject).toBe('Teste');
      expect(s.text).toBe('');
    },
  },
  {
    name: 'garbage binary',
    raw: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
    parseProblem: /^unparseable: no header fields/,
  },
  {
    name: 'text without any header',
    raw: () => Buffer.from('Olá, quero reclamar do chamado 48213.\r\n'),
    parseProblem: /^unparseable: no header fields/,
  },
  {
    name: 'missing From',
    raw: () => Buffer.from(mail(['To: ouvidoria@ouvidoria.example.com.br', 'Subject: sem remetente'], 'oi')),
    parseProblem: /^missing sender/,
    check: (s) => expect(s.sender.address).toBe(''),
  },
  {
    name: 'missing boundary',
    raw: () => Buffer.from(mail([...BASIC, 'Content-Type: multipart/mixed'], '--x\r\n\r\noi\r\n--x--\r\n')),
    parseProblem: /multipart without boundary/,
  },
  {
    name: 'truncated multipart (no closing boundary, part cut mid-base64)',
    raw: () =>
      Buffer.from(
        mail(
          [...BASIC, 'Content-Type: multipart/mixed; boundary="b1"'],
          '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nReclamação do chamado 48213\r\n--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJc',
        ),
      ),
    check: (s) => expect(s.text).toContain('Reclamação do chamado 48213'),
  },
  {
    name: 'bad base64',
    raw: () =>
      Buffer.from(mail([...BASIC, 'Content-Transfer-Encoding: base64'], '!!!não é base64 %%%\r\n====\r\n@@@\r\n')),
  },
  {
    name: 'lying charset: Latin-1 bytes labelled UTF-8',
    raw: () =>
      Buffer.concat([
        Buffer.from(mail([...BASIC, 'Content-Type: text/plain; charset=utf-8'])),
        Buffer.from('Não recebi a cobrança, ação urgente.\r\n', 'latin1'),
      ]),
    check: (s) => expect(s.text).toContain('Não recebi a cobrança, ação urgente.'),
  },
  {
    name: 'unknown charset with Latin-1 bytes',
    raw: () =>
      Buffer.concat([
        Buffer.from(mail([...BASIC, 'Content-Type: text/plain; charset="x-charset-inventado"'])),
        Buffer.from('Cobrança indevida, não autorizada.\r\n', 'latin1'),
      ]),
    check: (s) => expect(s.text).toContain('Cobrança indevida, não autorizada.'),
  },
  {
    name: 'quoted-printable Latin-1 labelled UTF-8, inside multipart/alternative',
    raw: () =>
      Buffer.from(
        mail(
          [...BASIC, 'Content-Type: multipart/alternative; boundary="alt"'],
          '--alt\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nN=E3o houve solu=E7=E3o.\r\n--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Não houve solução.</p>\r\n--alt--\r\n',
        ),
      ),
    check: (s) => {
      expect(s.text).toContain('Não houve solução.');
      expect(s.html).toContain('Não houve solução.');
    },
  },
  {
    name: 'UTF-7 body is not decoded into markup',
    raw: () =>
      Buffer.from(
        mail([...BASIC, 'Content-Type: text/html; charset=utf-7'], '+ADw-script+AD4-alert(1)+ADw-/script+AD4-'),
      ),
    check: (s) => expect(s.html ?? '').not.toContain('<script>'),
  },
  {
    name: '8-bit raw headers in windows-1252',
    raw: () =>
      Buffer.concat([
        Buffer.from('From: José Ação <lojista@modasbella.com.br>\r\nSubject: Reclamação ', 'latin1'),
        Buffer.from([0x96]), // en dash in windows-1252
        Buffer.from(' cobrança\r\n\r\noi', 'latin1'),
      ]),
    check: (s) => {
      expect(s.sender.name).toBe('José Ação');
      expect(s.subject).toBe('Reclamação – cobrança');
    },
  },
  {
    name: '8-bit raw headers in UTF-8 (RFC 6532)',
    raw: () =>
      Buffer.from(mail(['From: "José Ação" <Lojista@ModasBella.com.br>', 'Subject: Reclamação – cobrança'], 'oi')),
    check: (s) => {
      expect(s.sender).toEqual({ name: 'José Ação', address: 'lojista@modasbella.com.br' });
      expect(s.subject).toBe('Reclamação – cobrança');
    },
  },
  {
    name: 'NUL bytes in headers and body',
    raw: () =>
      Buffer.from(
        mail(['From: Ju\0liana <lojista@modasbella.com.br>', 'Subject: Cha\0mado 48213'], 'Corpo\0 com\0 NUL'),
      ),
    check: (s) => {
      expect(JSON.stringify(s)).not.toContain('\\u0000');
      expect(s.text).toBe('Corpo com NUL');
    },
  },
  ...(
    [
      // [what, Content-Type, body as sent, text read]: bidi controls reorder what the analyst reads
      // ("R$ 0001" shown as "R$ 1000", a reversed link); the text keeps the order it is written in.
      [
        'an override around an amount (UTF-8 text)',
        'text/plain; charset=utf-8',
        'Reembolso de R$ \u202e0001\u202c pendente.',
        'Reembolso de R$ 0001 pendente.',
      ],
      [
        'isolates and marks around a link, quoted-printable',
        'text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable',
        'Pague em https://=E2=81=A7moc.olpmexe=E2=81=A9/x =E2=80=8F=E2=80=8E=D8=9Choje',
        'Pague em https://moc.olpmexe/x hoje',
      ],
      [
        'embeddings and overrides in an HTML-only body, as characters and as references',
        'text/html; charset=utf-8',
        '<p>Chave Pix: \u202d12345\u202c &#x202E;6789&#x202C; &#8235;conta&#8236;</p>',
        'Chave Pix: 12345 6789 conta',
      ],
      [
        'what is no bidi control stays: an emoji sequence, Arabic letters, a zero-width joiner in it',
        'text/plain; charset=utf-8',
        'Obrigada 👩\u200d💻 مرحبا',
        'Obrigada 👩\u200d💻 مرحبا',
      ],
    ] as const
  ).map(([what, type, body, read]) => ({
    name: `bidi controls in the body: ${what}`,
    raw: () => Buffer.from(mail([...BASIC, 'MIME-Version: 1.0', `Content-Type: ${type}`], body)),
    check: (s: Submission) => {
      expect(s.text.trim()).toBe(read);
      expect(s.html ?? '').not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    },
  })),
  {
    name: '2 MB subject',
    raw: () =>
      Buffer.from(mail(['From: lojista@modasbella.com.br', `Subject: ${'Cobrança indevida '.repeat(120_000)}`], 'oi')),
    check: (s) => {
      expect(s.subject.length).toBeLessThanOrEqual(PARSE_LIMITS.subjectChars);
      expect(s.subject.startsWith('Cobrança indevida Cobrança')).toBe(true);
      expect(s.text).toBe('oi');
    },
  },
  {
    name: '10,000 recipients',
    raw: () =>
      Buffer.from(
        mail(
          [
            'From: lojista@modasbella.com.br',
            `To: ${Array.from({ length: 10_000 }, (_, i) => `Pessoa ${i} <pessoa${i}@exemplo.com.br>`).join(',\r\n ')}`,
            'Subject: muitos',
          ],
          'oi',
        ),
      ),
    check: (s) => {
      expect(s.recipients).toHaveLength(PARSE_LIMITS.recipients);
      expect(s.recipients[0]).toBe('pessoa0@exemplo.com.br');
    },
  },
  {
    name: '50 levels of nested multiparts',
    raw: () => Buffer.from(nested(50)),
    check: (s) => expect(s.text).toContain('Chamado 48213 lá no fundo.'),
  },
  {
    name: 'CRLF injection in the From name (RFC 2047 encoded CR/LF)',
    raw: () =>
      Buffer.from(
        mail(
          [
            'From: =?utf-8?Q?Jo=C3=A3o=0D=0ABcc=3A_vitima=40exemplo.com=0D=0A?= <joao@lojadojoao.com.br>',
            'Subject: oi',
          ],
          'oi',
        ),
      ),
    check: (s) => {
      expect(s.sender.address).toBe('joao@lojadojoao.com.br');
      expect(s.sender.name).toBe('João Bcc: vitima@exemplo.com');
      expect(s.sender.name).not.toMatch(/[\r\n]/);
    },
  },
  ...(
    [
      // [what, encoded subject, subject read]: what a reader cannot see is not in the subject.
      [
        'a zero-width space inside the protocol',
        'Re:_[OUV-2026-0001=E2=80=8B23]_pedidos_parados',
        'Re: [OUV-2026-000123] pedidos parados',
      ],
      [
        'a word joiner and a BOM inside the protocol',
        '[OUV-2026-=E2=81=A0000123=EF=BB=BF]_repasse',
        '[OUV-2026-000123] repasse',
      ],
      [
        'LRM and RLM around the protocol',
        '=E2=80=8E[OUV-2026-000123]=E2=80=8F_cobran=C3=A7a',
        '[OUV-2026-000123] cobrança',
      ],
      [
        'a Hangul filler and a braille blank',
        'Reclama=C3=A7=C3=A3o=E3=85=A4_do_chamado=E2=A0=80_48213',
        'Reclamação do chamado 48213',
      ],
    ] as const
  ).map(([what, encoded, read]) => ({
    name: `invisible characters in the subject: ${what}`,
    raw: () => Buffer.from(mail(['From: joao@lojadojoao.com.br', `Subject: =?utf-8?Q?${encoded}?=`], 'oi')),
    check: (s: Submission) => expect(s.subject).toBe(read),
  })),
  ...(
    [
      // [what, encoded display name, name read]: bidi marks and fillers cannot dress up a display name.
      ['LRM, RLM and ALM', 'Jo=C3=A3o=E2=80=8E_=E2=80=8FPereira=D8=9C', 'João Pereira'],
      ['a zero-width space and a Hangul filler', 'Suporte=E2=80=8B_=E3=85=A4Oficial', 'Suporte Oficial'],
    ] as const
  ).map(([what, encoded, read]) => ({
    name: `invisible characters in the From name: ${what}`,
    raw: () => Buffer.from(mail([`From: =?utf-8?Q?${encoded}?= <joao@lojadojoao.com.br>`, 'Subject: oi'], 'oi')),
    check: (s: Submission) => expect(s.sender.name).toBe(read),
  })),
  {
    name: 'CR/LF and control characters in the subject',
    raw: () =>
      Buffer.from(mail(['From: joao@lojadojoao.com.br', 'Subject: =?utf-8?Q?Ol=C3=A1=0D=0AX-Injetado:_1=07?='], 'oi')),
    check: (s) => expect(s.subject).toBe('Olá X-Injetado: 1'),
  },
  {
    name: 'oversized mail (small limit): headers read, body not parsed',
    raw: () =>
      Buffer.from(
        mail(
          [...BASIC, 'Message-ID: <grande-1@modasbella.com.br>', 'Subject: =?utf-8?Q?Cobran=C3=A7a?='],
          'x'.repeat(8000),
        ),
      ),
    limits: { maxRawMailBytes: 2048 },
    parseProblem: /^oversized: \d+ bytes$/,
    check: (s) => {
      expect(s.sender.address).toBe('lojista@modasbella.com.br');
      expect(s.messageId).toBe('grande-1@modasbella.com.br');
      expect(s.text).toBe('');
      expect(s.attachments).toEqual([]);
    },
  },
  {
    name: 'oversized mail whose header block is bigger than the 64 KB peek',
    raw: () =>
      Buffer.from(mail(['From: lojista@modasbella.com.br', `X-Lixo: ${'a'.repeat(100_000)}`, 'Subject: tarde'], 'oi')),
    limits: { maxRawMailBytes: 4096 },
    parseProblem: /^oversized/,
    check: (s) => expect(s.sender.address).toBe('lojista@modasbella.com.br'),
  },
  {
    name: 'header block larger than the parser allows',
    raw: () => Buffer.from(mail(['From: lojista@modasbella.com.br', `X-Lixo: ${'a'.repeat(5 * 1024 * 1024)}`], 'oi')),
    parseProblem: /^unparseable/,
    check: (s) => expect(s.sender.address).toBe('lojista@modasbella.com.br'),
  },
  {
    name: 'body text over the cap is truncated with a note',
    raw: () => Buffer.from(mail(BASIC, 'Reclamação. '.repeat(100_000))),
    check: (s) => {
      expect(s.text.length).toBeLessThan(PARSE_LIMITS.textChars + 200);
      expect(s.text).toMatch(/texto truncado: \d+ caracteres omitidos/);
    },
  },
  {
    name: 'group syntax and no display name',
    raw: () => Buffer.from(mail(['From: Lojistas: lojista@modasbella.com.br;', 'To: undisclosed-recipients:;'], 'oi')),
    check: (s) => {
      expect(s.sender).toEqual({ address: 'lojista@modasbella.com.br' });
      expect(s.recipients).toEqual([]);
    },
  },
  {
    name: 'message/rfc822 attachment that is empty or garbage',
    raw: () =>
      Buffer.from(
        mail(
          [...BASIC, 'Content-Type: multipart/mixed; boundary="m"'],
          '--m\r\nContent-Type: text/plain\r\n\r\nsegue\r\n--m\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n\u0001\u0002lixo\r\n--m--\r\n',
        ),
      ),
    check: (s) => {
      expect(s.text).toContain(FORWARDED_MARKER);
      expect(s.attachments[0]?.contentType).toBe('message/rfc822');
    },
  },
];

describe('parseEmail on bad input', () => {
  it.each(BAD_INPUT)('$name', async (c) => {
    const s = await parse(c.raw(), c.limits ?? LIMITS);
    expectValid(s);
    if (c.parseProblem) expect(s.parseProblem).toMatch(c.parseProblem);
    c.check?.(s);
  });

  it('rejects invalid meta with a TypeError (a caller bug, not bad mail)', async () => {
    await expect(parseEmail(Buffer.from('x'), { sourceId: '', receivedAt: META.receivedAt }, LIMITS)).rejects.toThrow(
      TypeError,
    );
    await expect(parseEmail(Buffer.from('x'), { sourceId: 'a', receivedAt: 'ontem' }, LIMITS)).rejects.toThrow(
      TypeError,
    );
  });
});

describe('parseEmail: who wrote the mail', () => {
  const rest = ['To: ouvidoria@ouvidoria.example.com.br', 'Subject: Re: [OUV-2026-000001] Recebemos'];
  it.each([
    ['no From, only Sender', ['Sender: lojista@modasbella.com.br', ...rest]],
    ['two From fields', ['From: lojista@modasbella.com.br', 'From: atacante@evil.example', ...rest]],
    ['two mailboxes in From', ['From: lojista@modasbella.com.br, atacante@evil.example', ...rest]],
    ['a group in From', ['From: equipe: lojista@modasbella.com.br;', ...rest]],
  ])('%s: the author is unclear (the sender is a guess, never trusted to join a case)', async (_name, headers) => {
    const s = await parse(mail(headers, 'Segue o comprovante.'));
    expectValid(s);
    expect(s.sender.address).toBe('lojista@modasbella.com.br');
    expect(s.authorUnclear).toBe(true);
  });

  it.each([
    ['one From', ['From: Juliana <lojista@modasbella.com.br>', ...rest]],
    [
      'one From and a Sender (a list or an assistant sending for her)',
      ['From: lojista@modasbella.com.br', 'Sender: assistente@modasbella.com.br', ...rest],
    ],
  ])('%s: one author', async (_name, headers) => {
    const s = await parse(mail(headers, 'Segue o comprovante.'));
    expect(s.sender.address).toBe('lojista@modasbella.com.br');
    expect(s.authorUnclear).toBeUndefined();
  });
});

describe('parseEmail: whose DKIM signature SES found valid', () => {
  const sesTop = (dkim: string) => [
    'Return-Path: <bounce@evil.example>',
    'Received: from mx.evil.example by inbound-smtp.us-east-1.amazonaws.com with SMTP id 1',
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
    `Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=evil.example; ${dkim}; dmarc=none header.from=modasbella.com.br;`,
  ];
  const message = [
    'From: Juliana <lojista@modasbella.com.br>',
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Re: [OUV-2026-000001]',
  ];
  const signedBy = (d: string) => `DKIM-Signature: v=1; a=rsa-sha256; d=${d}; s=s1; h=from; bh=AAAA; b=BBBB`;
  it.each([
    ['signed by the From domain', 'dkim=pass header.i=@modasbella.com.br', 'modasbella.com.br', true],
    ['signed only by another domain', 'dkim=pass header.i=@evil.example', 'evil.example', false],
    ['no valid signature', 'dkim=none', 'evil.example', false],
    // The attacker's envelope carries a result of its own (SES quotes it in its SPF result).
    [
      'a pass written into the envelope SES quotes',
      'envelope-from="x;dkim=pass header.d=modasbella.com.br;"@evil.example; dkim=pass header.i=@evil.example',
      'evil.example',
      false,
    ],
  ])('%s → dkimAligned %s', async (_name, dkim, signer, aligned) => {
    const s = await parse(mail([...sesTop(dkim), signedBy(signer), ...message], 'Podem encerrar.'));
    expectValid(s);
    expect(s.dkimAligned).toBe(aligned);
  });

  it('a mail without SES’s block (a sample file, the local stack) leaves it unknown', async () => {
    expect((await parse(mail(message, 'Olá'))).dkimAligned).toBeUndefined();
  });
});

describe('parseEmail: whether the envelope SPF checked is of the From domain', () => {
  const message = (from: string, returnPath?: string) =>
    mail(
      [
        ...(returnPath ? [`Return-Path: <${returnPath}>`] : []),
        `From: Juliana <${from}>`,
        'To: ouvidoria@ouvidoria.example.com.br',
        'Subject: Re: [OUV-2026-000001]',
      ],
      'Segue o comprovante.',
    );
  it.each([
    ['lojista@modasbella.com.br', 'lojista@modasbella.com.br', true],
    ['lojista@modasbella.com.br', 'bounces+123@mail.modasbella.com.br', true],
    ['Lojista@ModasBella.com.br', 'LOJISTA@modasbella.COM.BR', true],
    ['lojista@modasbella.com.br', 'bounce@evil.example', false],
    ['lojista@modasbella.com.br', 'x@notmodasbella.com.br', false],
    ['lojista@modasbella.com.br', 'x@bella.com.br', false],
  ])('From %s, envelope %s → spfAligned %s', async (from, envelope, aligned) => {
    const s = await parseEmail(Buffer.from(message(from)), { ...META, returnPath: envelope }, LIMITS);
    expectValid(s);
    expect(s.spfAligned).toBe(aligned);
  });

  it('only the envelope counts: a Return-Path header the sender wrote, or a null return path, leaves it unknown', async () => {
    const forged = message('lojista@modasbella.com.br', 'lojista@modasbella.com.br');
    expect((await parseEmail(Buffer.from(forged), { ...META }, LIMITS)).spfAligned).toBeUndefined();
    expect((await parseEmail(Buffer.from(forged), { ...META, returnPath: '' }, LIMITS)).spfAligned).toBeUndefined();
  });
});

describe('parseEmail: a From that spells out a second address', () => {
  const rest = ['To: ouvidoria@ouvidoria.example.com.br', 'Subject: Re: [OUV-2026-000001] Recebemos'];
  it.each([
    ['two addresses without a comma', 'From: lojista@modasbella.com.br atk@evil.example'],
    ['another address as the display name', 'From: atk@evil.example <lojista@modasbella.com.br>'],
    ['two bracketed addresses', 'From: <lojista@modasbella.com.br> <atk@evil.example>'],
    ['an address after a comment', 'From: lojista@modasbella.com.br (x) atk@evil.example'],
    [
      'an address hidden in an encoded display name',
      'From: =?UTF-8?B?YXRrQGV2aWwuZXhhbXBsZQ==?= <lojista@modasbella.com.br>',
    ],
  ])('%s: the author is unclear', async (_name, from) => {
    const s = await parse(mail([from, ...rest], 'Podem encerrar.'));
    expect(s.authorUnclear).toBe(true);
  });

  it.each([
    [
      'the same address as the display name (Outlook does this)',
      'From: "lojista@modasbella.com.br" <lojista@modasbella.com.br>',
    ],
    ['the same address in another case', 'From: "Lojista@ModasBella.com.br" <lojista@modasbella.com.br>'],
    ['a name with an at sign but no address', 'From: "Juliana @ Modas Bella" <lojista@modasbella.com.br>'],
  ])('%s: one author', async (_name, from) => {
    const s = await parse(mail([from, ...rest], 'Segue o comprovante.'));
    expect(s.authorUnclear).toBeUndefined();
  });

  it('reads a From field of megabytes in linear time (no address, no separator)', async () => {
    const s = await parse(mail([`From: <lojista@modasbella.com.br> ${'x'.repeat(1_000_000)}`, ...rest], 'Olá'));
    expect(s.sender.address).toBe('lojista@modasbella.com.br');
  });
});

describe('parseEmail: what files say about themselves is bounded (stored on the case item)', () => {
  it('keeps the first 50 files of a mail with 500, each name at most 255 characters', async () => {
    const name = `${'arquivo-'.repeat(120)}.pdf`;
    const parts = Array.from(
      { length: 500 },
      (_, i) =>
        `--b\r\nContent-Type: application/pdf; name="${i}-${name}"\r\nContent-Disposition: attachment; filename="${i}-${name}"\r\n\r\nx\r\n`,
    ).join('');
    const raw = mail(
      [...BASIC, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=b'],
      `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSeguem os arquivos do chamado 48213.\r\n${parts}--b--\r\n`,
    );
    const s = await parse(raw);
    expectValid(s);
    expect(s.attachments).toHaveLength(50);
    expect(s.attachments[0]?.filename?.startsWith('0-arquivo-')).toBe(true);
    expect(Math.max(...s.attachments.map((a) => a.filename?.length ?? 0))).toBe(255);
    expect(JSON.stringify(s.attachments).length).toBeLessThan(30_000);
  });
});

describe('parseEmail: a file is passed on only as the kind its bytes prove (the webform’s rule)', () => {
  const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const part = (name: string, type: string, bytes: Buffer | string, disposition = 'attachment') =>
    `--b\r\nContent-Type: ${type}; name*=utf-8''${encodeURIComponent(name)}\r\nContent-Disposition: ${disposition}; filename*=utf-8''${encodeURIComponent(name)}\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(bytes).toString('base64')}\r\n`;
  const withFiles = (...parts: string[]) =>
    mail(
      [...BASIC, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=b'],
      `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSegue a fatura do chamado 48213, o problema continua.\r\n${parts.join('')}--b--\r\n`,
    );

  it.each<[string, string, string, Buffer | string, Record<string, unknown>]>([
    // Refused: the office never sends these on from its own address, whatever they are called.
    [
      'a program named as a PDF',
      'fatura.pdf.exe',
      'application/pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]),
      { filename: 'fatura.pdf.exe', contentType: 'application/pdf', scan: 'REFUSED' },
    ],
    [
      'a program behind a right-to-left override',
      'fatura\u202efdp.exe',
      'application/x-msdownload',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]),
      { contentType: 'application/x-msdownload', scan: 'REFUSED' },
    ],
    [
      'an HTML page (phishing form)',
      'boleto.html',
      'text/html',
      '<!DOCTYPE html><form action="https://golpe.example/pix">',
      { filename: 'boleto.html', scan: 'REFUSED' },
    ],
    [
      'an SVG with a script',
      'logo.svg',
      'image/svg+xml',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      { scan: 'REFUSED' },
    ],
    [
      'a PDF that runs JavaScript',
      'nota.pdf',
      'application/pdf',
      '%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n',
      { filename: 'nota.pdf', scan: 'REFUSED' },
    ],
    [
      'a PNG with a ZIP behind it (polyglot)',
      'print.png',
      'image/png',
      Buffer.concat([PNG, Buffer.from('PK\u0003\u0004 payload PK\u0005\u0006'), Buffer.alloc(18)]),
      { scan: 'REFUSED' },
    ],
    [
      'a CSV with a formula',
      'pedidos.csv',
      'text/csv',
      'pedido,valor\n=HYPERLINK("https://golpe.example","ver")\n',
      { scan: 'REFUSED' },
    ],
    [
      'a ZIP archive',
      'docs.zip',
      'application/zip',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]),
      { scan: 'REFUSED' },
    ],
    // Accepted: the kind's one content type and a name ending in its extension.
    [
      'a PDF with a double extension',
      'fatura.pdf.exe',
      'application/octet-stream',
      PDF,
      { filename: 'fatura_pdf_exe.pdf', contentType: 'application/pdf', kind: 'pdf' },
    ],
    [
      'text sent as HTML',
      'leia.html',
      'text/html',
      'Pedido 1234 não sincronizou <b>ontem</b>.',
      { filename: 'leia_html.txt', contentType: 'text/plain', kind: 'txt' },
    ],
    [
      'a PNG with a path and an override in its name',
      '../../x\u202egnp.png',
      'image/png',
      PNG,
      { filename: 'xgnp.png', contentType: 'image/png', kind: 'png' },
    ],
    [
      'a plain PDF',
      'fatura-outubro.pdf',
      'application/pdf',
      PDF,
      { filename: 'fatura-outubro.pdf', contentType: 'application/pdf', kind: 'pdf' },
    ],
  ])('%s', async (_what, name, type, bytes, expected) => {
    const s = await parse(withFiles(part(name, type, bytes)));
    expectValid(s);
    expect(s.attachments).toHaveLength(1);
    expect(s.attachments[0]).toMatchObject(expected);
    if (expected.scan) expect(s.attachments[0]).not.toHaveProperty('kind');
    else expect(s.attachments[0]).not.toHaveProperty('scan');
  });

  it('inline images are not checked (never relayed); only the first files are, within the budget', async () => {
    const files = Array.from({ length: PARSE_LIMITS.checkedFiles + 2 }, (_, i) =>
      part(`print-${i + 1}.png`, 'image/png', PNG),
    );
    const html = `--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Modas Bella</p><img src="cid:logo@modasbella">\r\n`;
    const logo = part('logo.png', 'image/png', PNG, 'inline').replace(
      '\r\n\r\n',
      '\r\nContent-ID: <logo@modasbella>\r\n\r\n',
    );
    const s = await parse(withFiles(html, logo, ...files));
    expectValid(s);
    expect(s.attachments[0]).toMatchObject({ filename: 'logo.png', inline: true });
    expect(s.attachments[0]).not.toHaveProperty('kind');
    expect(s.attachments.slice(1).map((a) => a.kind ?? null)).toEqual([
      ...Array(PARSE_LIMITS.checkedFiles).fill('png'),
      null,
      null,
    ]);
  });
});

describe('parseEmail: a part is inline only when the HTML body shows it by its Content-ID', () => {
  const JPEG = Buffer.concat([
    Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
    Buffer.alloc(64),
    Buffer.from('ffd9', 'hex'),
  ]);
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  /** As big as a screenshot or a phone photo is (tens of KB at least). */
  const SCREENSHOT_PNG = Buffer.concat([PNG, Buffer.alloc(80_000)]);
  const PHOTO_JPEG = Buffer.concat([JPEG.subarray(0, -2), Buffer.alloc(300_000), Buffer.from('ffd9', 'hex')]);
  const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const HEAD = [
    'From: Maria Bella <lojista@modasbella.com.br>',
    'To: Ouvidoria <ouvidoria@ouvidoria.example.com.br>',
    'Subject: Re: Pedidos não sincronizam - chamado #48213 [OUV-2026-000001]',
    'MIME-Version: 1.0',
  ];
  const text = (body: string) =>
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`;
  const html = (body: string) =>
    `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`;
  const file = (type: string, name: string, bytes: Buffer | string, disposition: string, extra: string[] = []) =>
    [
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: ${disposition}; filename="${name}"`,
      ...extra,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(bytes).toString('base64'),
      '',
    ].join('\r\n');
  const multipart = (type: string, boundary: string, parts: string[]) =>
    `Content-Type: ${type}; boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}`).join('')}--${boundary}--\r\n`;
  /** A whole mail: the top part's own header block joins the message's. */
  const message = (top: string) => `${HEAD.join('\r\n')}\r\n${top}`;

  const cases: Array<[string, string, Array<Record<string, unknown>>]> = [
    [
      'an iPhone photo: inline disposition, a filename, a plain-text body',
      message(
        multipart('multipart/mixed', 'Apple-Mail-ABC', [
          text('Segue o print. O ERP é o Bling.\n\nEnviado do meu iPhone'),
          file('image/jpeg', 'IMG_0042.jpeg', JPEG, 'inline'),
        ]),
      ),
      [{ filename: 'IMG_0042.jpeg', contentType: 'image/jpeg', inline: false, kind: 'jpeg' }],
    ],
    [
      'an iPhone photo with a Content-ID no body shows',
      message(
        multipart('multipart/mixed', 'Apple-Mail-DEF', [
          text('Print da tela de erro do Bling em anexo.\n\nEnviado do meu iPhone'),
          file('image/jpeg', 'IMG_0043.jpeg', JPEG, 'inline', ['Content-Id: <5F1B2C3D-0A1B-4C2D-9E8F-7A6B5C4D3E2F>']),
        ]),
      ),
      [{ filename: 'IMG_0043.jpeg', inline: false, kind: 'jpeg' }],
    ],
    [
      'Apple Mail HTML: a photo the body shows is her file, as is the one it does not show',
      message(
        multipart('multipart/mixed', 'Apple-Mail-0A1B', [
          multipart('multipart/alternative', 'Apple-Mail-2C3D', [
            text('Olá, segue a tela do pedido.\n\nE a nota fiscal.'),
            multipart('multipart/related', 'Apple-Mail-4E5F', [
              html(
                '<html><body><div>Olá, segue a tela do pedido.</div><img apple-inline="yes" id="A1" src="cid:8C2E1F0A-3B4D-4E5F-A6B7-C8D9E0F1A2B3@home"></body></html>',
              ),
              file('image/jpeg', 'tela-pedido.jpeg', PHOTO_JPEG, 'inline', [
                'Content-Id: <8C2E1F0A-3B4D-4E5F-A6B7-C8D9E0F1A2B3@home>',
              ]),
            ]),
          ]),
          file('image/jpeg', 'nota-fiscal.jpeg', JPEG, 'inline', [
            'Content-Id: <1D2E3F40-5A6B-4C7D-8E9F-0A1B2C3D4E5F@home>',
          ]),
        ]),
      ),
      [
        {
          filename: 'tela-pedido.jpeg',
          inline: false,
          kind: 'jpeg',
          contentId: '8C2E1F0A-3B4D-4E5F-A6B7-C8D9E0F1A2B3@home',
        },
        { filename: 'nota-fiscal.jpeg', inline: false, kind: 'jpeg' },
      ],
    ],
    [
      'an Outlook signature logo shown by cid stays inline; the PDF beside it is her file',
      message(
        multipart('multipart/mixed', '_004_CP8P', [
          multipart('multipart/related', '_003_CP8P', [
            multipart('multipart/alternative', '_000_CP8P', [
              text('Bom dia,\n\nSegue o boleto.\n\nRenata Lima\n[cid:image001.png@01DB4A2F.5C3D1E20]'),
              html(
                '<html><body><p>Bom dia,</p><p>Segue o boleto.</p><p>Renata Lima<br><img width="120" src="cid:image001.png@01DB4A2F.5C3D1E20" alt="Modas Bella"></p></body></html>',
              ),
            ]),
            file('image/png', 'image001.png', PNG, 'inline', ['Content-ID: <image001.png@01DB4A2F.5C3D1E20>']),
          ]),
          file('application/pdf', 'boleto-48213.pdf', PDF, 'attachment'),
        ]),
      ),
      [
        { filename: 'image001.png', inline: true },
        { filename: 'boleto-48213.pdf', inline: false, kind: 'pdf' },
      ],
    ],
    [
      'a Gmail screenshot pasted in the body (cid, %-encoded in the URL, another case) is her file',
      message(
        multipart('multipart/related', '000000000000a1b2c3', [
          multipart('multipart/alternative', '000000000000a1b2c4', [
            text('Olha o erro que aparece:\n[image: print-erro.png]'),
            html(
              '<div dir="ltr">Olha o erro que aparece:<div><img src="cid:II_M3X9K2AB0%401" alt="print-erro.png" width="562" height="316"></div></div>',
            ),
          ]),
          file('image/png', 'print-erro.png', SCREENSHOT_PNG, 'inline', [
            'Content-ID: <ii_m3x9k2ab0@1>',
            'X-Attachment-Id: ii_m3x9k2ab0',
          ]),
        ]),
      ),
      [{ filename: 'print-erro.png', inline: false, kind: 'png' }],
    ],
    [
      'Outlook: a screenshot pasted above the signature goes as her file; the signature’s logo does not',
      message(
        multipart('multipart/related', '_005_CP8P', [
          multipart('multipart/alternative', '_006_CP8P', [
            text('Bom dia,\n\n[cid:image001.png@01DB5]\n\nRenata Lima\n[cid:image002.png@01DB5]'),
            html(
              '<html><body><p>Bom dia,</p><p><img width="602" height="338" style="width:6.2708in;height:3.5208in" src="cid:image001.png@01DB5"></p><p>Renata Lima<br><img width="150" height="50" src="cid:image002.png@01DB5"></p></body></html>',
            ),
          ]),
          file('image/png', 'image001.png', SCREENSHOT_PNG, 'inline', ['Content-ID: <image001.png@01DB5>']),
          // A heavy logo is still a logo: its tag says how small it is drawn.
          file('image/png', 'image002.png', SCREENSHOT_PNG, 'inline', ['Content-ID: <image002.png@01DB5>']),
        ]),
      ),
      [
        { filename: 'image001.png', inline: false, kind: 'png' },
        { filename: 'image002.png', inline: true },
      ],
    ],
    [
      'a reply whose quoted history shows her earlier screenshot: that image is not sent again',
      message(
        multipart('multipart/related', '000000000000b1', [
          html(
            '<div dir="ltr">Continua sem funcionar.</div><div class="gmail_quote"><div>Em seg., Maria escreveu:</div><blockquote class="gmail_quote"><img src="cid:ii_old1" width="562" height="316"></blockquote></div>',
          ),
          file('image/png', 'image.png', SCREENSHOT_PNG, 'inline', ['Content-ID: <ii_old1>']),
        ]),
      ),
      [{ filename: 'image.png', inline: true }],
    ],
    [
      'a pasted image with no size in its tag: its bytes say it is a screenshot',
      message(
        multipart('multipart/related', '000000000000c1', [
          html('<div dir="ltr">O erro:<br><img src="cid:ii_new1" alt="image.png"></div>'),
          file('image/png', 'image.png', SCREENSHOT_PNG, 'inline', ['Content-ID: <ii_new1>']),
        ]),
      ),
      [{ filename: 'image.png', inline: false, kind: 'png' }],
    ],
  ];

  it.each(cases)('%s', async (_what, raw, expected) => {
    const s = await parse(raw);
    expectValid(s);
    expect(s.attachments).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(s.attachments[i]).toMatchObject(e);
      // An inline image is the body's decoration: never checked, so never relayed.
      if (e['inline']) expect(s.attachments[i]).not.toHaveProperty('kind');
    });
  });
});

describe('parseEmail: the sender is the address the From spells out, as the DNS and SES know it', () => {
  const rest = ['To: ouvidoria@ouvidoria.example.com.br', 'Subject: Reclamação - chamado #48213'];
  const ENVELOPE = { ...META, returnPath: 'atk@evil.example' };
  it.each([
    // RFC 2047 keeps encoded words out of addresses: SES checks DMARC on no domain, mailparser reads one.
    ['an address in an encoded word (B)', 'From: Loja <=?utf-8?b?bG9qaXN0YUBtb2Rhc2JlbGxhLmNvbS5icg==?=>'],
    ['an address in an encoded word (Q)', 'From: Loja <=?utf-8?q?lojista=40modasbella.com.br?=>'],
    ['a local part in an encoded word', 'From: <=?utf-8?q?lojista?=@modasbella.com.br>'],
  ])('%s: not the sender, and the author is unclear', async (_name, from) => {
    const s = await parseEmail(Buffer.from(mail([from, ...rest], 'Abri o chamado #48213 e nada.')), ENVELOPE, LIMITS);
    expectValid(s);
    expect(s.sender.address).not.toBe('lojista@modasbella.com.br');
    expect(s.authorUnclear).toBe(true);
  });

  it.each([
    // A Cyrillic "е": shown decoded it would read as the merchant's own domain.
    [
      'a lookalike internationalized domain',
      'From: lojista@xn--modasblla-l0h.com.br',
      'lojista@xn--modasblla-l0h.com.br',
    ],
    ['an accented domain', 'From: Maria <maria@xn--aadamaria-q3a1e.com.br>', 'maria@xn--aadamaria-q3a1e.com.br'],
    ['a plain domain', 'From: Juliana <Lojista@ModasBella.com.br>', 'lojista@modasbella.com.br'],
  ])('%s: kept in ASCII, one author', async (_name, from, address) => {
    const s = await parseEmail(Buffer.from(mail([from, ...rest], 'Abri o chamado #48213 e nada.')), ENVELOPE, LIMITS);
    expectValid(s);
    expect(s.sender.address).toBe(address);
    expect(s.authorUnclear).toBeUndefined();
  });
});

// A signed mail's signature is her mail client's, not a file of hers: listed, it read as a refused
// file on her status page and in the analyst's notice ("smime.p7s — recusado").
describe('parseEmail: the signature of a signed mail is not her file', () => {
  const signed = (protocol: string, signature: string) =>
    mail(
      [
        ...BASIC,
        'MIME-Version: 1.0',
        `Content-Type: multipart/signed; protocol="${protocol}"; micalg=sha-256; boundary=s`,
      ],
      `--s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAbri o chamado 48213 e o frete segue errado.\r\n${signature}--s--\r\n`,
    );
  const part = (type: string, name: string) =>
    `--s\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(600, 7).toString('base64')}\r\n`;

  it.each([
    ['S/MIME', 'application/pkcs7-signature', part('application/pkcs7-signature', 'smime.p7s')],
    ['S/MIME, the older type', 'application/x-pkcs7-signature', part('application/x-pkcs7-signature', 'smime.p7s')],
    ['PGP/MIME', 'application/pgp-signature', part('application/pgp-signature', 'signature.asc')],
  ])('%s: the text is read, no file is listed', async (_what, protocol, signature) => {
    const s = await parse(signed(protocol, signature));
    expect(s.text).toContain('chamado 48213');
    expect(s.attachments).toEqual([]);
    expect(s.parseProblem).toBeUndefined();
  });

  it('a file she attached to a signed mail is still listed (and checked)', async () => {
    const pdf = `--s\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nSegue a fatura.\r\n--m\r\nContent-Type: application/pdf; name="fatura.pdf"\r\nContent-Disposition: attachment; filename="fatura.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n').toString('base64')}\r\n--m--\r\n`;
    const raw = mail(
      [
        ...BASIC,
        'MIME-Version: 1.0',
        'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=s',
      ],
      `${pdf}${part('application/pkcs7-signature', 'smime.p7s')}--s--\r\n`,
    );
    const s = await parse(raw);
    expect(s.attachments.map((a) => [a.filename, a.scan ?? 'checked'])).toEqual([['fatura.pdf', 'checked']]);
  });
});

describe('parseEmail: a calendar’s invitation keeps its signal though its file is kept as text', () => {
  const ics = (method: string) =>
    `BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:${method}\r\nBEGIN:VEVENT\r\nSUMMARY:Alinhamento Bagy\r\nDTSTART:20261210T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
  const invite = (method: string, type = `text/calendar; method=${method}; charset=UTF-8`) =>
    [
      'From: Kevin Wu <kevin@wuimports.com>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Alinhamento Bagy',
      'Message-ID: <cal-1@wuimports.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Reunião do Microsoft Teams. Ingressar no computador ou aplicativo móvel.',
      '--b1',
      `Content-Type: ${type}`,
      'Content-Disposition: attachment; filename="invite.ics"',
      '',
      ics(method),
      '--b1--',
      '',
    ].join('\r\n');

  it.each([
    ['an invitation (REQUEST), its title as the subject', invite('REQUEST'), true],
    ['an answer to one (REPLY)', invite('REPLY'), true],
    ['a cancellation (CANCEL)', invite('CANCEL'), true],
    ['a shared calendar file (PUBLISH): no invitation', invite('PUBLISH'), false],
    ['METHOD in a part that is no calendar', invite('REQUEST', 'text/plain; charset=UTF-8'), false],
  ] as const)('%s', async (_name, raw, calendar) => {
    const s = await parse(raw);
    expectValid(s);
    expect(s.calendarInvite === true).toBe(calendar);
    expect(isMachineGenerated(s, localConfig)).toBe(calendar);
    if (calendar) {
      expect(evaluateAutoReply(s, 'NO_PRIOR_TICKET', localConfig)).toMatchObject({ ruleId: 'calendar-part' });
      expect(s.attachments[0]).toMatchObject({ kind: 'txt', filename: 'invite_ics.txt' });
    }
  });
});

describe('parseEmail: a Gmail emoji reaction is a click, not a message with a file', () => {
  const reactionPart = (json: string, disposition = '') =>
    [
      'Content-Type: text/vnd.google.email-reaction+json; charset=UTF-8',
      ...(disposition ? [`Content-Disposition: ${disposition}`] : []),
      'Content-Transfer-Encoding: 8bit',
      '',
      json,
    ].join('\r\n');
  const reaction = (json: string, { disposition = '', text = '👍\r\n\r\nRenata Bella reagiu via Gmail' } = {}) =>
    [
      'From: Renata Bella <lojista@modasbella.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Re: [OUV-2026-000001] Seu caso foi encerrado',
      'Message-ID: <884457408.1.1697791227669@mail.gmail.com>',
      'In-Reply-To: <closing-1@ouvidoria.example.com.br>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text,
      '--r1',
      reactionPart(json, disposition),
      '--r1',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<div>👍</div><p>Renata Bella reagiu via Gmail</p>',
      '--r1--',
      '',
    ].join('\r\n');

  it('reads the emoji, lists no file, keeps her text, and is never answered', async () => {
    const s = await parse(reaction('{"emoji":"👍","version":1}'));
    expectValid(s);
    expect(s.reaction).toBe('👍');
    expect(s.attachments).toEqual([]);
    expect(s.text).toContain('Renata Bella reagiu via Gmail');
    expect(isMachineGenerated(s, localConfig)).toBe(true);
    expect(evaluateAutoReply(s, 'NO_PRIOR_TICKET', localConfig)).toMatchObject({ ruleId: 'email-reaction' });
  });

  it('a reaction that is the whole mail (base64, one part) shows its emoji as the text', async () => {
    const raw = [
      'From: Renata Bella <lojista@modasbella.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Re: [OUV-2026-000001]',
      'Message-ID: <940553268.0.1697791227697@mail.gmail.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/vnd.google.email-reaction+json',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('{\n  "emoji": "🎉",\n  "version": 1\n}').toString('base64'),
      '',
    ].join('\r\n');
    const s = await parse(raw);
    expectValid(s);
    expect(s).toMatchObject({ reaction: '🎉', text: '🎉', attachments: [] });
  });

  it.each([
    ['another version', '{"emoji":"👍","version":2}'],
    ['no emoji', '{"version":1}'],
    ['words for an emoji', '{"emoji":"Pode reabrir o caso, por favor","version":1}'],
    ['not JSON', 'emoji: 👍'],
    ['a huge part', `{"emoji":"👍","version":1,"x":"${'a'.repeat(5000)}"}`],
  ])('%s: no reaction read, and no file listed either', async (_name, json) => {
    const s = await parse(reaction(json));
    expectValid(s);
    expect(s.reaction).toBeUndefined();
    expect(s.attachments).toEqual([]);
    expect(isMachineGenerated(s, localConfig)).toBe(false);
  });

  it('a mail that says more than its emoji is read as a mail (a reaction part does not silence it)', async () => {
    const text = `${'O estorno ainda não caiu e preciso de uma resposta. '.repeat(12)}\r\n\r\nRenata`;
    const s = await parse(reaction('{"emoji":"👍","version":1}', { text }));
    expect(s.reaction).toBeUndefined();
    expect(isMachineGenerated(s, localConfig)).toBe(false);
  });

  it('a reaction part sent as an attachment is no reaction (Gmail’s format)', async () => {
    const s = await parse(reaction('{"emoji":"👍","version":1}', { disposition: 'attachment; filename="r.json"' }));
    expect(s.reaction).toBeUndefined();
    expect(s.attachments).toHaveLength(1);
  });
});

describe('parseEmail: a read receipt is read by its structure, whatever its subject says', () => {
  const report = (subject: string, reportType = 'disposition-notification', body = 'foi excluída sem ser lida.') =>
    [
      'From: Renata Bella <lojista@modasbella.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      `Subject: ${subject}`,
      'Message-ID: <mdn-1@modasbella.com.br>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=${reportType}; boundary="m1"`,
      '',
      '--m1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `Sua mensagem Re: [OUV-2026-000001] Seu caso foi encerrado ${body}`,
      '--m1',
      'Content-Type: message/disposition-notification',
      '',
      'Final-Recipient: rfc822;lojista@modasbella.com.br',
      'Original-Message-ID: <closing-1@ouvidoria.example.com.br>',
      'Disposition: automatic-action/MDN-sent-automatically; deleted',
      '--m1--',
      '',
    ].join('\r\n');

  it.each([
    ['Outlook, deleted unread', '=?utf-8?Q?N=C3=A3o_lida:_Re:_[OUV-2026-000001]_Seu_caso_foi_encerrado?='],
    ['a client in German', 'Gelesen: Re: [OUV-2026-000001] Seu caso foi encerrado'],
    ['Thunderbird', 'Return Receipt (displayed) - Re: [OUV-2026-000001]'],
    ['no subject at all', ''],
  ])('%s: a machine’s mail, never answered nor joined to a case', async (_name, subject) => {
    const s = await parse(report(subject));
    expectValid(s);
    expect(s.readReceipt).toBe(true);
    expect(isMachineGenerated(s, localConfig)).toBe(true);
  });

  it.each([
    ['a delivery status naming none of our mail', 'delivery-status', 'delivery-status'],
    ['an abuse feedback report', 'feedback-report', 'feedback-report'],
    ['a report-type that is no token', '"x y<script>"', 'unknown'],
    ['no report-type at all', '', 'unknown'],
  ])('%s: another mail system’s report, a machine’s mail', async (_name, reportType, stored) => {
    const s = await parse(report('Entregue: Chamado 48213 - pedidos somem', reportType, 'foi entregue.'));
    expectValid(s);
    expect(s.readReceipt).toBeUndefined();
    expect(s.systemReport).toBe(stored);
    expect(isMachineGenerated(s, localConfig)).toBe(true);
  });

  it('a delivery report or a person’s mail titled like a receipt is no read receipt by structure', async () => {
    expect((await parse(report('Não lida: Re: [OUV-2026-000001]', 'delivery-status'))).readReceipt).toBeUndefined();
    const person = [
      'From: Renata Bella <lojista@modasbella.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Não lida: minha reclamação continua sem resposta',
      'Message-ID: <p-1@modasbella.com.br>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Ninguém leu a minha reclamação do chamado 48213.',
      '',
    ].join('\r\n');
    const s = await parse(person);
    expect(s.readReceipt).toBeUndefined();
    expect(s.systemReport).toBeUndefined();
    expect(isMachineGenerated(s, localConfig)).toBe(false);
  });
});

describe('parseEmail: HTML labelled text/plain is read as its reader sees it', () => {
  const plain = (body: string, charset = 'utf-8') =>
    [
      'From: Loja Bela <contato@lojabela.com.br>',
      'To: ouvidoria@ouvidoria.example.com.br',
      'Subject: Chamado 48213',
      'Message-ID: <erp-1@lojabela.com.br>',
      'MIME-Version: 1.0',
      `Content-Type: text/plain; charset=${charset}`,
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
      '',
    ].join('\r\n');

  it.each([
    [
      'an ERP’s whole document, entities and all',
      '<html><head><style>p{margin:0}</style></head><body><p>Ol&aacute;,</p><p>N&atilde;o consigo acessar o painel desde o chamado 48213.</p></body></html>',
      ['Olá,', 'Não consigo acessar o painel desde o chamado 48213.'],
    ],
    [
      'a form mailer’s fragment',
      '<div><b>Nome:</b> Maria</div><div><b>Mensagem:</b> cobran&ccedil;a em dobro</div>',
      ['Nome: Maria\nMensagem: cobrança em dobro'],
    ],
    [
      'line breaks as tags',
      'Bom dia<br>os pedidos n&atilde;o sincronizam<br>Att',
      ['Bom dia\nos pedidos não sincronizam\nAtt'],
    ],
  ])('%s', async (_name, body, texts) => {
    const s = await parse(plain(body));
    expectValid(s);
    for (const t of texts) expect(s.text).toContain(t);
    expect(s.text).not.toMatch(/<\/?[a-z]+[\s>]|&[a-z]+;/i);
  });

  it('a hidden line of an HTML body sent as text/plain is not read', async () => {
    const s = await parse(plain('<div>Abri o chamado 48213.</div><div style="display:none">#encerrar</div>'));
    expect(s.text).toContain('Abri o chamado 48213.');
    expect(s.text).not.toContain('#encerrar');
  });

  it('a merchant who pastes a tag of her theme keeps her words as written', async () => {
    const body = 'O tema apagou o <div class="banner"> da home.\nO chamado 48213 foi fechado sem resposta.';
    const s = await parse(plain(body));
    expect(s.text).toContain('<div class="banner">');
  });
});

// Red team round 44: a domain written beside the bracketed address. We read the mailbox inside the
// brackets; a DMARC reader that takes the field's last "@domain" checks the attacker's domain, whose
// own signature passes — and the mail would act as hers (or as staff, on a case's reply address).
describe('parseEmail: an "@" outside the address, quotes and comments', () => {
  const rest = ['To: ouvidoria@ouvidoria.example.com.br', 'Subject: Re: [OUV-2026-000001] Recebemos'];
  const M = 'lojista@modasbella.com.br';
  it.each([
    ['a domain right after the brackets', `From: <${M}>@evil.example`],
    ['a domain after a space', `From: <${M}> @evil.example`],
    ['a domain after a tab, with a name', `From: Juliana <${M}>\t@evil.example`],
    ['a domain after a comment', `From: <${M}>(x)@evil.example`],
    ['a domain on a folded line', `From: <${M}>\r\n @evil.example`],
    ['a domain and a stray bracket', `From: <${M}>@evil.example>`],
    ['a domain after a doubled bracket', `From: Juliana <${M}>>@evil.example`],
    ['a domain after a bare address', `From: ${M} @evil.example`],
    ['a source route', `From: Juliana <@evil.example:${M}>`],
    ['an unquoted name with an at sign', `From: Juliana @ Modas Bella <${M}>`],
  ])('%s: the author is unclear', async (_name, from) => {
    const s = await parse(mail([from, ...rest], 'Podem encerrar.'));
    expect(s.authorUnclear).toBe(true);
  });
});

// Red team round 44, the class behind the row above: whatever From form we read one way and SES
// another, SES names the domain its DMARC verdict is about (`header.from=`). A verdict about another
// domain than the From we read proves nothing of it: the author is unclear.
describe('parseEmail: the From domain SES checked DMARC against', () => {
  const sesTop = (dmarc: string) => [
    'Return-Path: <bounce@evil.example>',
    'Received: from mx.evil.example by inbound-smtp.us-east-1.amazonaws.com with SMTP id 1',
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
    `Authentication-Results: amazonses.com; spf=pass smtp.mailfrom=evil.example; dkim=pass header.i=@evil.example; ${dmarc};`,
    'DKIM-Signature: v=1; a=rsa-sha256; d=evil.example; s=s1; h=from; bh=AAAA; b=BBBB',
  ];
  const message = [
    'From: Juliana <lojista@modasbella.com.br>',
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Re: [OUV-2026-000001]',
  ];
  it.each([
    ['another domain', 'dmarc=pass header.from=evil.example'],
    ['a parent of hers', 'dmarc=pass header.from=com.br'],
    ['a subdomain of hers', 'dmarc=pass header.from=mail.modasbella.com.br'],
  ])('a DMARC verdict about %s: the author is unclear', async (_name, dmarc) => {
    const s = await parse(mail([...sesTop(dmarc), ...message], 'Podem encerrar.'));
    expectValid(s);
    expect(s.authorUnclear).toBe(true);
  });

  it.each([
    ['her domain', 'dmarc=pass header.from=modasbella.com.br'],
    ['her domain in capitals, with a root dot', 'dmarc=pass header.from=ModasBella.com.br.'],
    ['no domain named', 'dmarc=none'],
  ])('a DMARC verdict about %s: one author', async (_name, dmarc) => {
    const s = await parse(mail([...sesTop(dmarc), ...message], 'Podem encerrar.'));
    expect(s.authorUnclear).toBeUndefined();
  });

  it('an international domain SES names in Unicode is hers, read in ASCII', async () => {
    const idn = ['From: Joana <joana@xn--loj-gla.com.br>', 'To: ouvidoria@ouvidoria.example.com.br', 'Subject: Olá'];
    const s = await parse(mail([...sesTop('dmarc=pass header.from=lojá.com.br'), ...idn], 'Podem encerrar.'));
    expect(s.sender.address).toBe('joana@xn--loj-gla.com.br');
    expect(s.authorUnclear).toBeUndefined();
  });
});

// Journey 45 (local stack): an encrypted mail is read as a mail with no text and one refused file;
// the intake tells it apart from what the parser leaves (encrypted-mail.ts).
describe('parseEmail: an encrypted mail reads as encrypted', () => {
  const cipher = Buffer.alloc(900, 9).toString('base64');
  it('S/MIME (enveloped-data, the whole body one smime.p7m part)', async () => {
    const s = await parse(
      mail(
        [
          ...BASIC,
          'MIME-Version: 1.0',
          'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"',
          'Content-Transfer-Encoding: base64',
          'Content-Disposition: attachment; filename="smime.p7m"',
        ],
        `${cipher}\r\n`,
      ),
    );
    expect(encryptedMail(s)).toBe('S/MIME');
  });

  it('PGP/MIME (multipart/encrypted)', async () => {
    const s = await parse(
      mail(
        [
          ...BASIC,
          'MIME-Version: 1.0',
          'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary=e',
        ],
        `--e\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--e\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n${cipher}\r\n-----END PGP MESSAGE-----\r\n--e--\r\n`,
      ),
    );
    expect(encryptedMail(s)).toBe('PGP');
  });
});

describe('parseEmail on header blocks that ask mailparser for too much', () => {
  const TEXT = 'Olá, o chamado 48213 foi encerrado sem solução. Segue o comprovante.';
  /** A mail with her text and `count` PDF parts, each under `partHeader`. */
  const withParts = (partHeader: string, count: number) =>
    mail(
      [...BASIC, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="limite"'],
      [
        `--limite\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${TEXT}\r\n`,
        ...Array.from({ length: count }, () => `--limite\r\n${partHeader}\r\n\r\n%PDF-1.4\r\n`),
        '--limite--\r\n',
      ].join(''),
    );
  /** Outlook's HTML, quoted-printable, `bytes` long, after its style block. */
  const outlookHtml = (bytes: number) => {
    const p =
      '<p class=3DMsoNormal style=3D"margin:0cm;font-family:&quot;Calibri&quot;,sans-serif">Pedido 4521 conferido; =\r\nfrete (PAC) <b>ok</b>, ver <a href=3D"https://loja.example/p?a=3D1&amp;b=3D2">link</a></p>\r\n';
    return mail(
      [...BASIC, 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="=_alt"'],
      [
        '--=_alt',
        'Content-Type: text/html; charset="windows-1252"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        '<html><head><style><!--',
        'p.MsoNormal{margin:0cm}',
        '-->',
        '</style></head><body lang=3DPT-BR>',
        p.repeat(Math.ceil(bytes / p.length)),
        '</body></html>',
        '--=_alt--',
        '',
      ].join('\r\n'),
    );
  };
  /** `message` forwarded as a message/rfc822 part, in base64 or as it is. */
  const forwarding = (messages: string[], base64: boolean) =>
    mail(
      [...BASIC, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="fwd"'],
      [
        `--fwd\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${TEXT}\r\n`,
        ...messages.map((m) =>
          base64
            ? `--fwd\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(m).toString('base64')}\r\n`
            : `--fwd\r\nContent-Type: message/rfc822\r\n\r\n${m}\r\n`,
        ),
        '--fwd--\r\n',
      ].join(''),
    );
  const many = (n: number, item: (i: number) => string, sep: string) =>
    Array.from({ length: n }, (_, i) => item(i)).join(sep);
  const over = PARSE_LIMITS.headerItems;
  const inner = (items: number) =>
    mail(['From: Bruno <bruno@fornecedor.com.br>', `To: ${many(items / 2, () => 'a@b', ',')}`, 'Subject: x'], 'oi');

  it.each([
    // [what, raw]: each asks for more addresses, parameters or encoded words than the budget; the
    // old parse built them all (six parts of 950,000 addresses, 23 MB, ran the intake out of 1 GB).
    [
      'part headers of addresses',
      withParts(`Content-Type: application/pdf\r\nTo: ${many(over / 8, () => 'a@b', ',')}`, 5),
    ],
    [
      'RFC 2231 filename continuations in every part',
      withParts(
        `Content-Type: application/pdf\r\nContent-Disposition: attachment${many(over / 4, (i) => `;filename*${i}=a`, '')}`,
        5,
      ),
    ],
    [
      'encoded words in a name parameter, folded',
      withParts(`Content-Type: application/pdf; name="${many(over / 4, () => '=?utf-8?Q?a?=', '\r\n ')}"`, 5),
    ],
    ['Content-Type parameters', withParts(`Content-Type: application/pdf${many(over / 4, (i) => `; p${i}=v`, '')}`, 5)],
    [
      'a field without a colon that a folded line names',
      withParts(`Content-Type: application/pdf\r\nTo\r\n :${many(over / 8, () => 'a@b', ',')}`, 5),
    ],
    ['forwarded messages, as they are', forwarding(Array(5).fill(inner(over / 4)), false)],
    // No ",", ";" or "@": tokens of the address parser, and what mailparser HTML-escapes (red team 54:
    // six parts of 3.5 MB of '\x' took 1.1 GB, of '&x' 1 GB, of 'x<y> ' 450 MB).
    ['escapes in a part header', withParts(`Content-Type: application/pdf\r\nTo: ${'\\x'.repeat(over / 4)}`, 5)],
    ['quoted names', withParts(`Content-Type: application/pdf\r\nTo: ${'"x" '.repeat(over / 8)}`, 5)],
    ['angle brackets', withParts(`Content-Type: application/pdf\r\nTo: ${'x<y> '.repeat(over / 8)}`, 5)],
    ['ampersands and apostrophes', withParts(`Content-Type: application/pdf\r\nTo: ${"&x'y".repeat(over / 8)}`, 5)],
    // Nor any item at all: bytes (six parts of 3.5 MB of 'x x …': a Content-Disposition 5.6 s and
    // 790 MB, References 860 MB).
    [
      'words in a Content-Disposition',
      withParts(`Content-Type: application/pdf\r\nContent-Disposition: attachment ${'x '.repeat(350_000)}`, 5),
    ],
    ['words in References', withParts(`Content-Type: application/pdf\r\nReferences: ${'x '.repeat(350_000)}`, 5)],
    ['group names', withParts(`Content-Type: application/pdf\r\nTo: ${'g: '.repeat(over / 4)}`, 5)],
  ])('%s: unparseable, before mailparser reads them', async (_what, raw) => {
    const s = await parse(raw);
    expectValid(s);
    expect(s.parseProblem).toBe(`unparseable: too many header items: over ${PARSE_LIMITS.headerItems}`);
    // The mail's own header block is still read (the quarantine shows who sent it).
    expect(s.sender.address).toBe('lojista@modasbella.com.br');
    expect(s.text).toBe('');
  });

  it('forwarded messages in base64 share the mail budget: those past it are not read, her text is', async () => {
    const s = await parse(forwarding(Array(5).fill(inner(over / 4)), true));
    expectValid(s);
    expect(s.parseProblem).toBeUndefined();
    expect(s.text).toContain(TEXT);
    expect(s.text.split(FORWARDED_MARKER)).toHaveLength(6);
    expect(s.text.match(/não foi possível ler a mensagem encaminhada/g)).toHaveLength(2);
  });

  it.each([
    // [what, raw, text read]: what real mail holds stays well inside the budget.
    [
      'a part header with 10,000 recipients',
      withParts(`Content-Type: application/pdf\r\nTo: ${many(10_000, (i) => `p${i}@exemplo.com.br`, ', ')}`, 1),
      TEXT,
    ],
    [
      'a part header with 10,000 named recipients',
      withParts(
        `Content-Type: application/pdf\r\nTo: ${many(10_000, (i) => `"Cliente ${i} (SP)" <p${i}@exemplo.com.br>`, ', ')}`,
        1,
      ),
      TEXT,
    ],
    [
      'a signature after "-- " and 200 lines of CSV in the body',
      mail(
        [...BASIC],
        `${TEXT}\r\n-- \r\nJuliana, Loja Bella\r\n${many(200, (i) => `pedido;${i};R$ 10,00;ana@loja.com.br`, '\r\n')}`,
      ),
      'pedido;199;R$ 10,00',
    ],
    ['a forwarded message', forwarding([inner(100)], false), TEXT],
    // Outlook ends its style block's comment on a line of its own ("-->"): no delimiter of this mail,
    // so the HTML after it is body, not header lines (620 KB of it was quarantined as unparseable).
    ['an Outlook HTML body of 1.5 MB after a "-->" line', outlookHtml(1_500_000), 'Pedido 4521 conferido'],
  ])('%s: read', async (_what, raw, read) => {
    const s = await parse(raw);
    expect(s.parseProblem).toBeUndefined();
    expect(s.text).toContain(read);
  });
});
