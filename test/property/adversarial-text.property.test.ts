/**
 * Adversarial text shapes (issue 12 item 3): long digit runs with separators, runs of "1.111.",
 * long quoted chains, nested forwards, long whitespace runs, HTML tables of numbers. Properties:
 * no crash, a sane decision, and no ticket read out of numbers no keyword announced. Timings live
 * in the benchmark (bench/text-work.ts), not here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localConfig } from '../../shared/domain/config';
import { decide } from '../../shared/domain/eligibility/engine';
import { OUTCOMES } from '../../shared/domain/outcome';
import { SubmissionSchema } from '../../shared/domain/submission';
import { splitQuoted } from '../../shared/domain/text';
import { extractTicketCandidates } from '../../shared/domain/tickets';
import { htmlToPlainText } from '../../shared/domain/html-to-text';

const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: 1, maxLength: 6 });
const separator = fc.constantFrom('.', ',', '-', '/', ' ', '.', ':', '\t', '  ', ', ', ' - ');

/** Numbers glued by separators: "1.111.111,1", "12 345-678/90", "1/1/1/1". */
const digitRun = fc
  .array(fc.tuple(digits, separator), { minLength: 1, maxLength: 400 })
  .map((parts) => parts.map(([d, s]) => d + s).join(''));
const oneElevenRun = fc.integer({ min: 1, max: 3000 }).map((n) => `1${'.111'.repeat(n)}`);
const quotedChain = fc
  .tuple(fc.integer({ min: 1, max: 2000 }), digitRun)
  .map(([depth, tail]) => `${'> '.repeat(depth)}${tail}`);
const nestedForwards = fc
  .tuple(fc.integer({ min: 1, max: 60 }), digitRun)
  .map(([n, tail]) =>
    Array.from(
      { length: n },
      (_, i) =>
        `${'> '.repeat(i)}---------- Forwarded message ---------\n${'> '.repeat(i)}De: x <x@y.com>\n${'> '.repeat(i)}Date: 1/1/2026\n${'> '.repeat(i)}Subject: ${tail.slice(0, 40)}\n${'> '.repeat(i)}To: a@b.c\n`,
    ).join('\n'),
  );
const whitespaceRuns = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(' ', '\t', '\n', '\r\n', '\u00a0'), digitRun)
  .map(([n, ws, tail]) => `${ws.repeat(n)}${tail}${ws.repeat(n)}`);

/** Text in which no keyword, '#' or helpdesk link announces a number. */
const unannounced = fc.oneof(digitRun, oneElevenRun, quotedChain, nestedForwards, whitespaceRuns);

describe('adversarial text shapes', () => {
  it('never invent a ticket from numbers nobody announced', () => {
    fc.assert(
      fc.property(unannounced, (text) => {
        const candidates = extractTicketCandidates({ subject: '', text });
        // Only bare 5–8 digit numbers standing alone may be guesses; never a keyword-led score.
        for (const c of candidates) {
          expect(c.score).toBeLessThan(30);
          expect(c.number).toMatch(/^[1-9]\d{4,7}$/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('"1.111." runs and digit runs with separators yield no candidate at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          oneElevenRun,
          digitRun.filter((t) => !/(?:^|[^\d.,/:-])\d{5,8}(?:$|[^\d])/.test(t)),
        ),
        (text) => {
          expect(extractTicketCandidates({ subject: text.slice(0, 200), text })).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('decide stays sane on every shape, as subject, body and quoted history', () => {
    fc.assert(
      fc.property(unannounced, fc.constantFrom('subject', 'body', 'quoted'), (text, where) => {
        const s = SubmissionSchema.parse({
          channel: 'email',
          sourceId: 'prop',
          receivedAt: '2026-11-25T13:00:00.000Z',
          sender: { address: 'a@b.com.br' },
          subject: where === 'subject' ? text.slice(0, 2000) : 'Reclamação',
          text: where === 'quoted' ? `Oi.\n\nEm 1/1/2026, X <x@y.com> escreveu:\n> ${text}` : text,
        });
        const decision = decide(s, { status: 'none' }, localConfig);
        expect(OUTCOMES).toContain(decision.outcome);
        expect(decision.outcome).not.toBe('ACCEPTED');
        expect(decision.reason).not.toMatch(/\n/);
        expect(decision.ruleIds.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('splitQuoted loses no line of a quoted chain or nested forward', () => {
    fc.assert(
      fc.property(fc.oneof(quotedChain, nestedForwards), (text) => {
        const { fresh, quoted } = splitQuoted(text);
        expect(fresh.length + quoted.length).toBeLessThanOrEqual(text.length);
        expect(typeof quoted).toBe('string');
      }),
      { numRuns: 100 },
    );
  });

  it('HTML tables of numbers keep their cells apart and invent no ticket', () => {
    const cell = fc.oneof(
      digitRun,
      oneElevenRun.map((t) => t.slice(0, 200)),
    );
    const table = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 })
      .map(
        (rows) => `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`,
      );
    fc.assert(
      fc.property(table, (html) => {
        const text = htmlToPlainText(html);
        for (const c of extractTicketCandidates({ subject: '', text })) expect(c.score).toBeLessThan(30);
      }),
      { numRuns: 100 },
    );
  });
});
