/**
 * Properties of prior-ticket extraction and verification beyond test/unit/domain/tickets.test.ts:
 * full Unicode and binary input, very long single lines, numbers written with thousands
 * separators, and the verifier against a directory that answers anything (or fails).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketCandidate } from '../../shared/domain/decision';
import { verifyTicket } from '../../shared/domain/ticket-verification';
import { extractTicketCandidates, isSupportProtocolFormat, isValidTicketFormat } from '../../shared/domain/tickets';
import { TicketDirectoryUnavailable, type TicketRecord } from '../../shared/ports';

const anyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom('0', '1', '9', '#', 'º', '°', '.', ' ', '\n', '>', 'n', 'chamado '),
    maxLength: 200,
  }),
);

/** Evidence is "the few words around the match": radius 20 each side, plus the number and two ellipses. */
const MAX_EVIDENCE = 20 + 10 + 20 + 2 + 20;

function checkCandidates(candidates: TicketCandidate[]): void {
  const numbers = candidates.map((c) => c.number);
  expect(new Set(numbers).size).toBe(numbers.length);
  for (const [i, c] of candidates.entries()) {
    expect(c.number).toMatch(/^\d*$/);
    expect(['form', 'subject', 'body', 'quoted']).toContain(c.source);
    if (c.source !== 'form') {
      expect(isValidTicketFormat(c.number) || isSupportProtocolFormat(c.number)).toBe(true);
      expect(c.evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE);
      expect(c.evidence).not.toMatch(/[\r\n]/);
    }
    if (i > 0) expect((candidates[i - 1] as TicketCandidate).score).toBeGreaterThanOrEqual(c.score);
  }
}

describe('extractTicketCandidates over arbitrary text', () => {
  it('never throws; candidates are unique, well-formed, sorted, with bounded evidence', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.option(anyText, { nil: undefined }), (subject, text, formTicket) => {
        checkCandidates(extractTicketCandidates({ subject, text, formTicket }));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps evidence short even inside one very long line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 9_999_999 }), fc.nat({ max: 50_000 }), (n, pad) => {
        const text = `${'x'.repeat(pad)} chamado ${n} ${'y'.repeat(50_000 - pad)}`;
        const candidates = extractTicketCandidates({ subject: '', text });
        expect(candidates.map((c) => c.number)).toContain(String(n));
        checkCandidates(candidates);
      }),
      { numRuns: 25 },
    );
  });

  it('reads "chamado nº 12.345" with a thousands separator as the same ticket', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), (thousands, units) => {
        const written = `${thousands}.${String(units).padStart(3, '0')}`;
        const expected = String(thousands * 1000 + units);
        const candidates = extractTicketCandidates({ subject: `Reclamação - chamado nº ${written}`, text: '' });
        expect(candidates[0]?.number).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('verifyTicket against any directory', () => {
  const directoryAnswer = fc.oneof(
    fc.constant<'down'>('down'),
    fc.constant<'error'>('error'),
    fc.constant(null),
    fc.record({
      id: fc.string({ maxLength: 10 }),
      requesterEmail: fc.constantFrom('lojista@modasbella.com.br', 'outra@x.com', ''),
    }),
  );

  it('never throws and answers one of the four statuses; a failing directory never rejects', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText,
        anyText,
        fc.array(directoryAnswer, { minLength: 1, maxLength: 4 }),
        async (subject, text, answers) => {
          const candidates = extractTicketCandidates({ subject, text });
          let call = 0;
          const directory = {
            async find(): Promise<TicketRecord | null> {
              const answer = answers[call++ % answers.length];
              if (answer === 'down') throw new TicketDirectoryUnavailable('timeout');
              if (answer === 'error') throw new Error('HTTP 500');
              return answer ?? null;
            },
          };
          const check = await verifyTicket(candidates, 'lojista@modasbella.com.br', directory);
          expect(['none', 'valid', 'invalid', 'unverified']).toContain(check.status);
          if (candidates.length === 0) expect(check.status).toBe('none');
          if (check.status === 'valid') expect(candidates.map((c) => c.number)).toContain(check.number);
          // At most three look-ups per submission, whatever the text.
          expect(call).toBeLessThanOrEqual(3);
        },
      ),
      { numRuns: 300 },
    );
  });
});
