/**
 * Properties of eligibility and the auto-reply policy over arbitrary schema-valid submissions:
 * every field drawn from wide generators (full Unicode, control characters, any headers, both
 * channels), not only the phrases the rules look for. Complements the phrase-driven properties
 * in test/unit/domain/eligibility/engine.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAutoReply, replyHeaders } from '../../shared/domain/auto-reply-policy';
import { localConfig } from '../../shared/domain/config';
import type { TicketCheck } from '../../shared/domain/decision';
import { decide, quarantineReason } from '../../shared/domain/eligibility/engine';
import { rulesById } from '../../shared/domain/eligibility/rules';
import { OUTCOMES } from '../../shared/domain/outcome';
import { AUTO_REPLY_HEADERS } from '../../shared/domain/auto-reply-policy';
import { type Submission, SubmissionSchema } from '../../shared/domain/submission';

const verdict = fc.constantFrom('PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED');
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc
      .array(
        fc.constantFrom(
          'chamado 48213',
          'não sou cliente',
          'desconto',
          'fatura',
          'não consigo acessar o painel',
          'integração',
          '\r\n',
          '\u0000',
          '\u202e',
          'ＣＨＡＭＡＤＯ ４８２１３',
          '<script>alert(1)</script>',
        ),
        { maxLength: 8 },
      )
      .map((a) => a.join(' ')),
  );

const address = fc.oneof(
  fc.emailAddress().map((a) => a.toLowerCase()),
  fc.constantFrom(
    '',
    'mailer-daemon@x.com',
    'ouvidoria@ouvidoria.example.com.br',
    'a@b',
    '<>',
    'x@ouvidoria.example.com.br',
  ),
  fc.string({ maxLength: 40 }),
);

const headers = fc.dictionary(
  fc.oneof(fc.constantFrom(...AUTO_REPLY_HEADERS), fc.string({ maxLength: 12 })),
  fc.string({ maxLength: 60 }),
  { maxKeys: 5 },
);

const submission: fc.Arbitrary<Submission> = fc
  .record({
    channel: fc.constantFrom('email', 'webform'),
    name: fc.option(fc.string({ maxLength: 50 }), { nil: undefined }),
    address,
    returnPath: fc.option(address, { nil: undefined }),
    subject: anyText(200),
    text: anyText(600),
    html: fc.option(anyText(200), { nil: undefined }),
    messageId: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
    references: fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }),
    headers,
    verdicts: fc.option(fc.record({ spam: verdict, virus: verdict, spf: verdict, dkim: verdict, dmarc: verdict }), {
      nil: undefined,
    }),
    formTicket: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    storeName: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
    formTopic: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    isClient: fc.option(fc.boolean(), { nil: undefined }),
    parseProblem: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
  })
  .map((r) =>
    SubmissionSchema.parse({
      channel: r.channel,
      sourceId: 'prop-1',
      receivedAt: '2026-11-24T17:00:00.000Z',
      sender: { ...(r.name !== undefined ? { name: r.name } : {}), address: r.address },
      returnPath: r.returnPath,
      subject: r.subject,
      text: r.text,
      html: r.html,
      messageId: r.messageId,
      references: r.references,
      headers: r.headers,
      verdicts: r.verdicts,
      formTicket: r.formTicket,
      storeName: r.storeName,
      formTopic: r.formTopic,
      isClient: r.isClient,
      parseProblem: r.parseProblem,
    }),
  );

const ticketNumber = fc.oneof(fc.stringMatching(/^\d{3,10}$/), fc.string({ maxLength: 30 }));
const ticket: fc.Arbitrary<TicketCheck> = fc.oneof(
  fc.constant({ status: 'none' } as const),
  ticketNumber.map((number) => ({ status: 'valid', number }) as const),
  fc
    .tuple(ticketNumber, fc.string({ maxLength: 30 }))
    .map(([number, why]) => ({ status: 'unverified', number, why }) as const),
  fc
    .tuple(ticketNumber, fc.constantFrom('bad_format', 'not_found', 'not_owner'))
    .map(([number, why]) => ({ status: 'invalid', number, why }) as const),
);

describe('decide over arbitrary submissions', () => {
  it('never throws and always ends in one of OUTCOMES, with known rule ids and a one-line reason', () => {
    fc.assert(
      fc.property(submission, ticket, (s, check) => {
        const d = decide(s, check, localConfig);
        expect(OUTCOMES).toContain(d.outcome);
        expect(d.ruleIds.length).toBeGreaterThan(0);
        for (const id of d.ruleIds) expect(rulesById().has(id)).toBe(true);
        expect(rulesById().get(d.ruleIds.at(-1) as string)?.outcome).toBe(d.outcome);
        expect(d.reason.length).toBeGreaterThan(0);
        expect(d.reason).not.toMatch(/[\r\n]/);
        expect(d.ticket).toEqual(check);
      }),
      { numRuns: 400 },
    );
  });

  it('quarantines exactly the mail a quarantine signal fires on, whatever else it says', () => {
    fc.assert(
      fc.property(submission, ticket, (s, check) => {
        const quarantined = decide(s, check, localConfig).outcome === 'QUARANTINED';
        expect(quarantined).toBe(quarantineReason(s) !== null);
        if (s.parseProblem !== undefined || s.verdicts?.virus === 'FAIL' || s.verdicts?.spam === 'FAIL') {
          expect(quarantined).toBe(true);
        }
        if (s.verdicts?.dmarc === 'FAIL') expect(quarantined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts only with a held ticket, and never with none', () => {
    fc.assert(
      fc.property(submission, ticket, (s, check) => {
        const { outcome } = decide(s, check, localConfig);
        if (outcome === 'ACCEPTED') expect(['valid', 'unverified']).toContain(check.status);
        if (outcome === 'TICKET_INVALID') expect(check.status).toBe('invalid');
        // The form's "not a client yet" box decides, unless the directory gives the ticket to the sender.
        if (s.isClient === false && !quarantineReason(s) && check.status !== 'valid') {
          expect(outcome).toBe('NOT_A_CLIENT');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the auto-reply policy over arbitrary submissions', () => {
  it('never throws, never allows a reply to quarantined mail, and builds one-line headers', () => {
    fc.assert(
      fc.property(submission, fc.constantFrom(...OUTCOMES), (s, outcome) => {
        const verdict = evaluateAutoReply(s, outcome, localConfig);
        if (outcome === 'QUARANTINED') expect(verdict.allowed).toBe(false);
        if (!verdict.allowed) {
          expect(verdict.ruleId.length).toBeGreaterThan(0);
          return;
        }
        const { to, headers: built } = replyHeaders(s, 'ack-1@ouvidoria.example.com.br', localConfig);
        // An allowed reply goes to a plausible mailbox, never to our own domain.
        expect(to).toMatch(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/);
        expect(to.endsWith('@ouvidoria.example.com.br')).toBe(false);
        expect(built['Auto-Submitted']).toBe('auto-replied');
        for (const value of [to, ...Object.values(built)]) expect(value).not.toMatch(/[\r\n\0]/);
      }),
      { numRuns: 400 },
    );
  });
});
