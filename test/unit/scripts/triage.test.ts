import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const TIMEOUT = 120_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the triage script from the repository root, as `npx tsx scripts/triage.ts` does
 * (node with the tsx loader, without npx's package resolution on every run).
 */
function triage(args: string[], input?: string | Buffer): Run {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/triage.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: ROOT },
    input: input ?? '',
    encoding: 'utf8',
    timeout: TIMEOUT - 10_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function triageJson(args: string[], input?: string | Buffer) {
  const run = triage(args, input);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const eml = (name: string) => join('events', 'emails', name);

describe('triage script', () => {
  it(
    'accepts a complaint with a ticket, unverified without a directory, and prints no body',
    () => {
      const out = triageJson([eml('01-accepted-ticket-48213.eml'), '--no-directory']);
      expect(out.directory).toMatchObject({ name: 'none' });
      expect(out.submission.sender).toEqual({ name: 'Juliana Bella', address: 'lojista@modasbella.com.br' });
      expect(out.submission.subject).toBe('Pedidos não sincronizam com o estoque - chamado #48213');
      expect(out.submission.parseProblem).toBeNull();
      expect(out.ticketCandidates[0]).toMatchObject({ number: '48213' });
      expect(out.ticketCheck).toMatchObject({ status: 'unverified', number: '48213' });
      expect(out.outcome).toBe('ACCEPTED');
      expect(out.ruleIds).toContain('ticket.unverified');
      expect(typeof out.reason).toBe('string');
      expect(out.autoReply).toEqual({ allowed: true, reason: null, ruleId: null });
      // The body stays out of the output (only its length is shown).
      expect(JSON.stringify(out)).not.toContain('limpar o cache do navegador');
      expect(out.submission.textChars).toBeGreaterThan(100);
    },
    TIMEOUT,
  );

  it(
    '--ticket-invalid simulates a directory that does not know the ticket',
    () => {
      const out = triageJson([eml('09-ticket-invalid-not-found.eml'), '--ticket-invalid']);
      expect(out.ticketCheck).toEqual({ status: 'invalid', number: '77777', why: 'not_found' });
      expect(out.outcome).toBe('TICKET_INVALID');
    },
    TIMEOUT,
  );

  it(
    'reads stdin with "-"; --ticket-valid; attachments as metadata only',
    () => {
      const raw = readFileSync(join(ROOT, eml('14-attachment-pdf.eml')));
      const out = triageJson(['-', '--ticket-valid'], raw);
      expect(out.ticketCheck).toEqual({ status: 'valid', number: '48214' });
      expect(out.outcome).toBe('ACCEPTED');
      expect(out.submission.attachments).toEqual([
        {
          filename: 'boleto-fatura-2026-02.pdf',
          contentType: 'application/pdf',
          size: expect.any(Number),
          partId: '2',
          inline: false,
          // The kind its bytes prove: only such a file is ever relayed.
          kind: 'pdf',
        },
      ]);
    },
    TIMEOUT,
  );

  it(
    'a bounce gets no automatic reply',
    () => {
      const out = triageJson([eml('20-bounce-mailer-daemon.eml')]);
      expect(out.submission.sender.address).toBe('mailer-daemon@amazonses.com');
      expect(out.submission.returnPath).toBe('');
      expect(out.submission.headers['auto-submitted']).toBe('auto-replied');
      expect(out.autoReply.allowed).toBe(false);
      expect(out.autoReply.reason).toEqual(expect.any(String));
    },
    TIMEOUT,
  );

  it(
    'malformed MIME is quarantined with its parse problem',
    () => {
      const out = triageJson([eml('25-malformed-multipart-no-boundary.eml')]);
      expect(out.submission.parseProblem).toMatch(/multipart without boundary/);
      expect(out.quarantineReason).not.toBeNull();
      expect(out.outcome).toBe('QUARANTINED');
      expect(out.autoReply.allowed).toBe(false);
    },
    TIMEOUT,
  );
});

/** A stored raw mail as SES writes it to the bucket: its verdict block on top of the message. */
function fromBucket(
  file: string,
  verdicts: { spam?: string; virus?: string; spf?: string; dkim?: string; dmarc?: string },
  below = '',
): Buffer {
  const v = { spam: 'PASS', virus: 'PASS', spf: 'pass', dkim: 'pass', dmarc: 'pass', ...verdicts };
  const top = [
    'Return-Path: <lojista@modasbella.com.br>',
    'Received: from mail.modasbella.com.br (mail.modasbella.com.br [203.0.113.7])',
    ' by inbound-smtp.us-east-1.amazonaws.com with SMTP id abc123',
    ' for ouvidoria@ouvidoria.example.com.br; Wed, 25 Nov 2026 13:00:00 +0000 (UTC)',
    `X-SES-Spam-Verdict: ${v.spam}`,
    `X-SES-Virus-Verdict: ${v.virus}`,
    `Received-SPF: ${v.spf} (spfCheck: domain of modasbella.com.br) client-ip=203.0.113.7;`,
    `Authentication-Results: amazonses.com; spf=${v.spf} (spfCheck: x) smtp.mailfrom=lojista@modasbella.com.br; dkim=${v.dkim} header.i=@modasbella.com.br; dmarc=${v.dmarc} header.from=modasbella.com.br;`,
    'X-SES-RECEIPT: AEFBQUFBQUFBQUFFeGFtcGxl',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${top}\r\n${below}`), readFileSync(join(ROOT, eml(file)))]);
}

describe('triage script sees what production sees', () => {
  it(
    'uses the local ticket directory by default and says so',
    () => {
      const out = triageJson([eml('01-accepted-ticket-48213.eml')]);
      expect(out.directory).toMatchObject({ name: 'local-seed', detail: 'events/local-seed.json', answered: true });
      expect(out.ticketCheck).toEqual({ status: 'valid', number: '48213' });
      expect(out.outcome).toBe('ACCEPTED');
    },
    TIMEOUT,
  );

  it(
    "someone else's ticket is TICKET_INVALID, not accepted-unverified",
    () => {
      const out = triageJson([eml('10-ticket-invalid-not-owner.eml')]);
      expect(out.ticketCheck).toEqual({ status: 'invalid', number: '48213', why: 'not_owner' });
      expect(out.outcome).toBe('TICKET_INVALID');
    },
    TIMEOUT,
  );

  it.each([
    ['spam verdict', { spam: 'FAIL' }, 'quarantine.spam'],
    ['virus verdict', { virus: 'FAIL' }, 'quarantine.virus'],
    ['DMARC failure', { dmarc: 'fail' }, 'quarantine.auth.dmarc'],
  ])(
    'a raw mail from the bucket with a %s on top is quarantined',
    (_name, verdicts, rule) => {
      const out = triageJson(['-'], fromBucket('01-accepted-ticket-48213.eml', verdicts));
      expect(out.sesHeaders.read).toBe(true);
      expect(out.outcome).toBe('QUARANTINED');
      expect(out.ruleIds).toContain(rule);
      expect(out.autoReply.allowed).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'verdict headers below the top block are the sender’s and are ignored',
    () => {
      const forged = 'X-SES-Spam-Verdict: PASS\r\nAuthentication-Results: amazonses.com; dmarc=pass\r\n';
      const out = triageJson(['-'], fromBucket('01-accepted-ticket-48213.eml', { spam: 'FAIL' }, forged));
      expect(out.submission.verdicts.spam).toBe('FAIL');
      expect(out.outcome).toBe('QUARANTINED');
      // A plain file with forged SES headers further down (no SES block on top) gets no verdicts.
      const plain = Buffer.concat([
        Buffer.from('From: x@y.com.br\r\nX-Mailer: z\r\nX-SES-Spam-Verdict: FAIL\r\n'),
        readFileSync(join(ROOT, eml('08-no-prior-ticket.eml'))),
      ]);
      expect(triageJson(['-'], plain).submission.verdicts).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'Zendesk answers when its credentials are in the environment (unreachable here: not verified, still accepted)',
    () => {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/triage.ts', eml('01-accepted-ticket-48213.eml')],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            INIT_CWD: ROOT,
            ZENDESK_SUBDOMAIN: 'exemplo-invalido',
            ZENDESK_EMAIL: 'a@b.c',
            ZENDESK_API_TOKEN: 't',
          },
          encoding: 'utf8',
          timeout: TIMEOUT - 10_000,
        },
      );
      expect(run.status).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out.directory).toMatchObject({ name: 'zendesk', detail: 'exemplo-invalido.zendesk.com', answered: false });
      expect(out.ticketCheck).toMatchObject({ status: 'unverified', number: '48213' });
      expect(out.outcome).toBe('ACCEPTED');
    },
    TIMEOUT,
  );

  it.each([
    [
      'a PNG image',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        Buffer.from('IHDR chamado 48213 #55555 123456'),
      ]),
    ],
    ['a text file without headers', Buffer.from('chamado 48213\n\nprotocolo 77777, ticket #55555 e 123456 reais\n')],
  ])(
    '%s is not an email: pt-BR message, exit 2, no ticket invented',
    (_name, input) => {
      const run = triage(['-'], input);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/não é uma mensagem de e-mail/);
    },
    TIMEOUT,
  );
});

describe('triage script on bad invocations', () => {
  it.each([
    { name: 'missing file', args: ['events/emails/nao-existe.eml'], stderr: /arquivo não encontrado/ },
    { name: 'a directory', args: ['events/emails'], stderr: /diretório/ },
    { name: 'empty stdin', args: ['-'], stderr: /entrada padrão está vazia/ },
    { name: 'no argument', args: [], stderr: /informe o arquivo/ },
    { name: 'two files', args: [eml('01-accepted-ticket-48213.eml'), eml('08-no-prior-ticket.eml')], stderr: /único/ },
    {
      name: 'unknown option',
      args: ['--tiket-valid', eml('01-accepted-ticket-48213.eml')],
      stderr: /argumento inválido/,
    },
    {
      name: 'both directory flags',
      args: ['--ticket-valid', '--ticket-invalid', eml('01-accepted-ticket-48213.eml')],
      stderr: /não os dois/,
    },
    {
      name: 'unreadable config',
      args: ['--config', 'nao-existe.json', eml('01-accepted-ticket-48213.eml')],
      stderr: /configuração/,
    },
  ])(
    '$name → exit 2 with a message',
    ({ args, stderr }) => {
      const run = triage(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(stderr);
    },
    TIMEOUT,
  );

  it(
    '--help prints the usage and exits 0',
    () => {
      const run = triage(['--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^Uso: npm run triage/);
      expect(run.stdout).toContain('--ticket-valid');
    },
    TIMEOUT,
  );
});
