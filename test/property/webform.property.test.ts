/**
 * Properties of webform validation and the POST /casos service over arbitrary bodies: nothing
 * throws; invalid input gets pt-BR messages per known field; valid input always yields a stored
 * submission whose outcome is one of OUTCOMES. Complements the handler-level property in
 * test/unit/functions/webform/handler.test.ts (which checks status codes only).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../shared/domain/outcome';
import {
  FIELD_NAMES,
  FORM_LIMITS,
  MESSAGES,
  parseFormBody,
  REQUEST_MESSAGES,
  TOPICS,
  validateFields,
  visibleLength,
} from '../../shared/webform/form';
import { handleFormPost } from '../../shared/webform/submit';
import { webformDeps } from '../support/reliability-harness';
import { confirmationsIn, submitConfirmed, withoutConfirmations } from '../support/confirm';

/** Every message the form can show, flattened. */
const KNOWN_MESSAGES = new Set<string>(
  Object.values(MESSAGES).flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m))),
);

const value = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom(
    '',
    ' ',
    'on',
    'true',
    'false',
    'sim',
    '48213',
    '#48.213',
    'atendimento',
    'a@b.com',
    '\u0000',
    '\r\n',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

const fields = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...FIELD_NAMES, 'website', '__proto__', 'constructor', 'toString'),
    fc.string({ maxLength: 10 }),
  ),
  value,
  { maxKeys: 12 },
);

/**
 * Addresses people type (fast-check's emailAddress also yields RFC-legal oddities such as
 * "!@a.aa" that the form refuses on purpose, with a pt-BR message).
 */
const typedEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,12}([._-][a-z0-9]{1,8}){0,2}$/),
    fc.stringMatching(/^[a-z0-9]{1,15}(-[a-z0-9]{1,8})?$/),
    fc.constantFrom('com', 'com.br', 'net', 'org.br', 'io'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/** A form a person could really submit: every field within its limits. */
const validForm = fc.record({
  nome: fc.string({ minLength: 1, maxLength: FORM_LIMITS.nome }).filter((s) => /\p{L}/u.test(s)),
  email: typedEmail,
  loja: fc.option(fc.string({ maxLength: 50 }), { nil: undefined }),
  chamado: fc.option(fc.integer({ min: 100, max: 9_999_999 }).map(String), { nil: undefined }),
  assunto: fc.constantFrom(...TOPICS.map((t) => t.value)),
  descricao: fc
    .array(
      fc.constantFrom(
        'Olá,',
        'meu chamado',
        'não foi resolvido',
        'a fatura veio errada',
        'preciso de ajuda',
        'ção',
        '😡',
        '<b>x</b>',
      ),
      {
        minLength: 6,
        maxLength: 40,
      },
    )
    .map((w) => w.join(' '))
    // Six short words ("ção", "😡") can fall under the minimum: a form a person could submit meets it.
    .filter((text) => visibleLength(text) >= FORM_LIMITS.descricaoMin),
  naoCliente: fc.boolean(),
});

describe('validateFields over arbitrary objects', () => {
  it('never throws; errors name known fields with known pt-BR messages; data respects the limits', () => {
    fc.assert(
      fc.property(fields, (input) => {
        const result = validateFields(input);
        if (!result.ok) {
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          for (const [field, message] of Object.entries(result.errors)) {
            expect(FIELD_NAMES as readonly string[]).toContain(field);
            expect(KNOWN_MESSAGES.has(message as string)).toBe(true);
          }
          return;
        }
        const d = result.data;
        expect(d.nome.length).toBeGreaterThan(0);
        expect(d.nome.length).toBeLessThanOrEqual(FORM_LIMITS.nome);
        expect(d.nome).not.toMatch(/[\r\n\0]/);
        expect(d.email).toBe(d.email.toLowerCase());
        expect(d.descricao.length).toBeGreaterThanOrEqual(FORM_LIMITS.descricaoMin);
        expect(d.descricao.length).toBeLessThanOrEqual(FORM_LIMITS.descricaoMax);
        expect(d.consentimento).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every form a person could submit with consent', () => {
    fc.assert(
      fc.property(validForm, (form) => {
        const result = validateFields({ ...form, consentimento: 'on', naoCliente: form.naoCliente ? 'on' : undefined });
        expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseFormBody over arbitrary bodies', () => {
  const contentType = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-8',
      'application/problem+json',
      'text/plain',
      'multipart/form-data; boundary=x',
      '',
    ),
    fc.string({ maxLength: 30 }),
  );
  const body = fc.oneof(
    fc.string({ maxLength: 1000 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.json(),
    fields.map((f) => JSON.stringify(f) ?? ''),
    fields.map((f) =>
      new URLSearchParams(Object.entries(f).map(([k, v]): [string, string] => [k, asFormValue(v)])).toString(),
    ),
  );

  it('never throws; a refusal has a 4xx status and one of the pt-BR request messages', () => {
    const requestMessages = new Set<string>(Object.values(REQUEST_MESSAGES));
    fc.assert(
      fc.property(body, contentType, fc.boolean(), (b, type, base64) => {
        const parsed = parseFormBody({
          body: base64 ? Buffer.from(b).toString('base64') : b,
          contentType: type,
          isBase64Encoded: base64,
        });
        if (parsed.ok) {
          expect(typeof parsed.fields).toBe('object');
          expect(Object.getPrototypeOf(parsed.fields)).toBeNull();
        } else {
          expect([400, 413, 415]).toContain(parsed.status);
          expect(requestMessages.has(parsed.message)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** What a browser would send for a value: strings as they are, anything else as its JSON text. */
function asFormValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

describe('handleFormPost over arbitrary and valid posts', () => {
  it('answers a known status for anything; a stored submission has one of OUTCOMES', async () => {
    await fc.assert(
      fc.asyncProperty(fields, fc.constantFrom('json', 'urlencoded'), async (input, format) => {
        const deps = webformDeps();
        const body =
          format === 'json'
            ? (JSON.stringify(input) ?? '{}')
            : new URLSearchParams(
                Object.entries(input).map(([k, v]): [string, string] => [k, asFormValue(v)]),
              ).toString();
        const result = await handleFormPost(
          {
            body,
            contentType: format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
            sourceIp: '203.0.113.7',
          },
          deps,
        );
        expect([200, 201, 400, 409, 413, 415, 429]).toContain(result.status);
        const stored = [...deps.cases.records.values()];
        expect(stored.length).toBeLessThanOrEqual(1);
        for (const record of stored) expect(OUTCOMES).toContain(record.outcome);
        if (result.event.kind === 'submitted') expect(OUTCOMES).toContain(result.event.outcome);
      }),
      { numRuns: 200 },
    );
  });

  it('stores every valid post exactly once, even when it is sent twice', async () => {
    await fc.assert(
      fc.asyncProperty(validForm, async (form) => {
        const deps = webformDeps();
        const body = new URLSearchParams({
          ...Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined && typeof v !== 'boolean')),
          ...(form.naoCliente ? { naoCliente: 'on' } : {}),
          consentimento: 'on',
        } as Record<string, string>).toString();
        const post = { body, contentType: 'application/x-www-form-urlencoded', sourceIp: '198.51.100.3' };
        // A post that cites a ticket is registered on its confirmation (F1), as the merchant would.
        const first = await submitConfirmed(post, deps);
        const second = await submitConfirmed(post, deps);
        expect([200, 201]).toContain(first.status);
        expect(second.status).toBe(first.status);
        expect(deps.cases.records.size).toBe(1);
        const record = [...deps.cases.records.values()][0];
        expect(OUTCOMES).toContain(record?.outcome);
        expect(withoutConfirmations(deps.mailer.sent).length).toBeLessThanOrEqual(1);
        expect(confirmationsIn(deps.mailer.sent).length).toBeLessThanOrEqual(1);
        if (second.event.kind === 'submitted') expect(second.event.duplicate).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
