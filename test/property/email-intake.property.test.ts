/**
 * Property of the whole email intake path: any bytes stored as a raw mail, delivered by SES
 * (once, then again), end in exactly one stored record with one of OUTCOMES, at most one reply,
 * and never an exception out of the handler.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../shared/domain/outcome';
import { inMemoryPipeline } from '../support/reliability-harness';

const CRLF = '\r\n';
const headerLine = fc.oneof(
  fc.constantFrom(
    'From: Marina Costa <lojista@modasbella.com.br>',
    'From: =?UTF-8?B?Sm9zw6k=?= <financeiro@casadosaromas.com.br>',
    'From: ',
    'To: ouvidoria@ouvidoria.example.com.br',
    'Subject: Reclamação chamado #48213',
    'Subject: =?iso-8859-1?Q?Reclama=E7=E3o?=',
    'Subject: =?utf-8?B?broken',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Type: text/html',
    'Content-Type: multipart/mixed; boundary="b"',
    'Content-Type: multipart/alternative',
    'Content-Type: message/rfc822',
    'Content-Transfer-Encoding: base64',
    'Content-Transfer-Encoding: quoted-printable',
    'Auto-Submitted: auto-replied',
    'Precedence: bulk',
    'List-Id: <x.lists.example>',
    'In-Reply-To: <ack-1@ouvidoria.example.com.br>',
    'Message-ID: <m1@mail.example>',
    ' folded continuation',
  ),
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ' ')),
);
const bodyChunk = fc.oneof(
  fc.constantFrom(
    'Olá, abri o chamado #48213 e ninguém resolveu.',
    'Não sou cliente, quero saber os preços.',
    'Quero um desconto especial no plano.',
    '--b',
    '--b--',
    'Content-Type: text/plain',
    '=C3=A7=ZZ',
    'T2zDoQ==',
    '<script>alert(1)</script>',
    '',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const rawMail = fc.oneof(
  fc
    .tuple(fc.array(headerLine, { maxLength: 10 }), fc.array(bodyChunk, { maxLength: 10 }))
    .map(([headers, body]) => Buffer.from(`${headers.join(CRLF)}${CRLF}${CRLF}${body.join(CRLF)}`, 'utf8')),
  fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
);

describe('email intake over arbitrary raw mail', () => {
  it('stores each delivery once with one of OUTCOMES; a redelivery changes nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(rawMail, fc.constantFrom('lojista@modasbella.com.br', ''), async (raw, mailFrom) => {
        const p = inMemoryPipeline();
        const id = `prop-${++n}`;
        const event = p.receive(id, raw, { mailFrom });
        const first = await p.emailHandler(event);
        const sentAfterFirst = p.mailer.sent.length;
        const second = await p.emailHandler(event);
        expect(first.results).toHaveLength(1);
        expect(second.results).toHaveLength(1);
        const result = first.results[0];
        // A delivery report about our own mail only feeds the bounce memory.
        if (result?.kind === 'bounce') return;
        if (result?.kind === 'case') {
          expect(OUTCOMES).toContain(result.outcome);
          expect(second.results[0]).toMatchObject({ kind: 'case', caseId: result.caseId, duplicate: true });
          if (result.outcome === 'QUARANTINED') expect(sentAfterFirst).toBe(0);
        }
        // A follow-up needs a parent case, and this pipeline starts empty.
        expect(result?.kind).not.toBe('follow-up');
        expect(p.repo.records.size).toBe(1);
        expect(sentAfterFirst).toBeLessThanOrEqual(1);
        expect(p.mailer.sent.length).toBe(sentAfterFirst);
        expect(p.queue.messages.length).toBeLessThanOrEqual(1);
        expect(p.rawOf(id)?.equals(raw)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
