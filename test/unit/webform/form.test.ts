import { describe, expect, it } from 'vitest';
import {
  FORM_LIMITS,
  formValues,
  honeypotFilled,
  MESSAGES,
  parseFormBody,
  REQUEST_MESSAGES,
  TOPICS,
  validateFields,
} from '../../../shared/webform/form';
import { extractTicketCandidates } from '../../../shared/domain/tickets';

/** A complete, valid form as a browser posts it (strings only). */
const VALID: Record<string, string> = {
  nome: 'Mariana Costa',
  email: 'lojista@modasbella.com.br',
  loja: 'www.modasbella.com.br',
  chamado: '48213',
  assunto: 'atendimento',
  descricao: 'Os pedidos pagos por Pix não mudam de status desde o dia 3 e o chamado foi encerrado sem solução.',
  consentimento: 'on',
};

const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function validate(overrides: Record<string, unknown>, remove: string[] = []) {
  const fields: Record<string, unknown> = { ...VALID, ...overrides };
  for (const name of remove) delete fields[name];
  return validateFields(fields);
}

describe('webform fields', () => {
  it('accepts a local part of 64 characters, the longest SES takes', () => {
    expect(validate({ email: `${'a'.repeat(64)}@modasbella.com.br` }).ok).toBe(true);
  });

  // A store whose domain has an accent ("açaí.com.br", registro.br takes them) could not use the form,
  // and an address pasted with its name from a mail program was refused.
  it.each([
    ['an accented domain, in the form the DNS and SES use', 'joana@açaí.com.br', 'joana@xn--aa-4iaz.com.br'],
    ['an accented domain in capitals', 'Joana@AÇAÍ.com.br', 'joana@xn--aa-4iaz.com.br'],
    ['a domain already in its xn-- form', 'joana@xn--aa-4iaz.com.br', 'joana@xn--aa-4iaz.com.br'],
    ['pasted with its name', 'Joana Lima <joana@lojadajoana.com.br>', 'joana@lojadajoana.com.br'],
    ['pasted with a quoted name', '"Lima, Joana" <Joana@LojaDaJoana.com.br>', 'joana@lojadajoana.com.br'],
  ])('accepts %s', (_what, email, stored) => {
    const result = validate({ email });
    expect(result.ok && result.data.email).toBe(stored);
  });

  it.each([
    ['a local part with an accent (SES sends to none)', 'joão@loja.com.br'],
    ['two addresses in angle brackets', 'a <x@loja.com.br> <y@loja.com.br>'],
    ['a domain that is no domain name', 'joana@ç..com.br'],
  ])('still refuses %s', (_what, email) => {
    expect(validate({ email })).toMatchObject({ ok: false, errors: { email: MESSAGES.email.invalid } });
  });

  it('accepts the complete form and normalises it', () => {
    const result = validate({ email: '  Lojista@ModasBella.COM.br ', nome: '  Mariana \t Costa ' });
    expect(result).toEqual({
      ok: true,
      data: {
        nome: 'Mariana Costa',
        email: 'lojista@modasbella.com.br',
        loja: 'www.modasbella.com.br',
        chamado: '48213',
        assunto: 'atendimento',
        descricao: VALID.descricao,
        naoCliente: false,
        consentimento: true,
      },
    });
  });

  it.each([
    ['nome', { nome: '' }, MESSAGES.nome.required],
    ['nome', { nome: '   ' }, MESSAGES.nome.required],
    // A name of format characters alone (zero-width, joiners, word joiner, soft hyphen, bidi marks) reads as none.
    ['nome', { nome: '\u200b' }, MESSAGES.nome.required],
    ['nome', { nome: '\u200b\u200c\u200d \u2060' }, MESSAGES.nome.required],
    ['nome', { nome: '\u00ad\u061c\ufeff' }, MESSAGES.nome.required],
    // Nor one of blanks that are not format characters: Hangul fillers, the braille blank, ideographic space.
    ['nome', { nome: '\u3164' }, MESSAGES.nome.required],
    ['nome', { nome: '\u115f\u1160' }, MESSAGES.nome.required],
    ['nome', { nome: '\u2800\u2800\u2800' }, MESSAGES.nome.required],
    ['nome', { nome: '\uffa0' }, MESSAGES.nome.required],
    ['nome', { nome: '\u3164\u3000\u2800' }, MESSAGES.nome.required],
    ['nome', { nome: '\u200e\u200f\u061c' }, MESSAGES.nome.required],
    ['nome', { nome: 'a'.repeat(FORM_LIMITS.nome + 1) }, MESSAGES.nome.tooLong],
    ['nome', { nome: 42 }, MESSAGES.wrongType],
    ['email', { email: '' }, MESSAGES.email.required],
    ['email', { email: 'lojista@modasbella' }, MESSAGES.email.invalid],
    ['email', { email: 'lojista modasbella.com.br' }, MESSAGES.email.invalid],
    ['email', { email: 'lojista@@modasbella.com.br' }, MESSAGES.email.invalid],
    [
      'email',
      { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com` },
      MESSAGES.email.tooLong,
    ],
    ['email', { email: ['a@b.com'] }, MESSAGES.email.invalid],
    // A local part past RFC 5321's 64 characters: SES refuses it, so no mail of the case would ever reach her.
    ['email', { email: `${'a'.repeat(65)}@modasbella.com.br` }, MESSAGES.email.invalid],
    ['email', { email: `financeiro.${'x'.repeat(60)}@modasbella.com.br` }, MESSAGES.email.invalid],
    ['loja', { loja: 'x'.repeat(FORM_LIMITS.loja + 1) }, MESSAGES.loja.tooLong],
    ['loja', { loja: { url: 'x' } }, MESSAGES.wrongType],
    ['chamado', { chamado: 'abc' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '4821-3' }, MESSAGES.chamado.invalid],
    // ROUND24: a dash between digits is dictation only digit by digit; a channel note with a phone is no note.
    ['chamado', { chamado: '51-234' }, MESSAGES.chamado.invalid],
    // ROUND24: the office's own protocol where the support ticket goes (a merchant complaining about her case).
    ['chamado', { chamado: 'OUV-2026-000123' }, MESSAGES.chamado.ownProtocol],
    ['chamado', { chamado: 'ouv 2026 000123' }, MESSAGES.chamado.ownProtocol],
    ['chamado', { chamado: 'caso OUV-2026-000123' }, MESSAGES.chamado.ownProtocol],
    ['chamado', { chamado: '11-2-3-4' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '51234 (WhatsApp 11 98765-4321)' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '##48213' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'pedido 48213' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'NF 48213' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'rastreio 48213' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '48213 pedido' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'CPF 123.456.789-09' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '#48213#' }, MESSAGES.chamado.invalid],
    // A note does not carry another number: a second ticket, an order, a phone, a CPF.
    ['chamado', { chamado: '48213 (48214)' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '48213 - pedido 5555' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '48213 (pedido)' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '48213 tel 11 9876' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'pedido 48213 (ontem)' }, MESSAGES.chamado.invalid],
    // A list of tickets: set apart by a list word or sign, each a ticket, at most FORM_LIMITS.chamadoNumbers.
    ['chamado', { chamado: '48213 e 48214 e 48215 e 52310' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '51234 e pedido 7781' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '51234 - 51240' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '51234 51240#' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '51234e 51240' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '51234, NF 51240' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '123.456.789-09' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '12.345.678/0001-90' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '(11) 98765-4321' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '11 98765-4321' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'não, ٤٨٢١٣' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'chamado' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: 'ABC-48213' }, MESSAGES.chamado.invalid],
    ['chamado', { chamado: '1'.repeat(FORM_LIMITS.chamado + 1) }, MESSAGES.chamado.tooLong],
    ['assunto', { assunto: '' }, MESSAGES.assunto.required],
    ['assunto', { assunto: 'reclamacao' }, MESSAGES.assunto.invalid],
    ['assunto', { assunto: 'Atendimento do suporte' }, MESSAGES.assunto.invalid],
    ['descricao', { descricao: '' }, MESSAGES.descricao.required],
    ['descricao', { descricao: ' \n\t ' }, MESSAGES.descricao.required],
    ['descricao', { descricao: 'Não resolveram.' }, MESSAGES.descricao.tooShort],
    // Invisible characters do not make a description long enough: made of them alone, it is empty.
    ['descricao', { descricao: '\u200b'.repeat(25) }, MESSAGES.descricao.required],
    ['descricao', { descricao: '\u3164\u2800'.repeat(25) }, MESSAGES.descricao.required],
    ['descricao', { descricao: `ok${'\u200d\u2060\u00ad'.repeat(10)}` }, MESSAGES.descricao.tooShort],
    ['descricao', { descricao: `Não ${'\u200c'.repeat(30)}resolveram` }, MESSAGES.descricao.tooShort],
    ['descricao', { descricao: 'x'.repeat(FORM_LIMITS.descricaoMax + 1) }, MESSAGES.descricao.tooLong],
    ['naoCliente', { naoCliente: 'talvez' }, MESSAGES.naoCliente.invalid],
    ['consentimento', { consentimento: '' }, MESSAGES.consentimento.required],
    ['consentimento', { consentimento: 'false' }, MESSAGES.consentimento.required],
    ['consentimento', { consentimento: false }, MESSAGES.consentimento.required],
    ['consentimento', { consentimento: 'talvez' }, MESSAGES.consentimento.required],
  ])('%s %j → "%s"', (field, overrides, message) => {
    const result = validate(overrides);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ [field]: message });
  });

  it.each([
    ['nome', MESSAGES.nome.required],
    ['email', MESSAGES.email.required],
    ['assunto', MESSAGES.assunto.required],
    ['descricao', MESSAGES.descricao.required],
    ['consentimento', MESSAGES.consentimento.required],
  ])('missing %s is reported as required', (field, message) => {
    const result = validate({}, [field]);
    expect(result).toEqual({ ok: false, errors: { [field]: message } });
  });

  it('reports every field error at once, in field order', () => {
    const result = validateFields({ chamado: 'abc', assunto: 'x', descricao: 'curta' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['nome', 'email', 'chamado', 'assunto', 'descricao', 'consentimento']);
  });

  it.each([
    ['nome', 'a'.repeat(FORM_LIMITS.nome)],
    ['loja', 'x'.repeat(FORM_LIMITS.loja)],
    ['descricao', 'x'.repeat(FORM_LIMITS.descricaoMin)],
    ['descricao', 'x'.repeat(FORM_LIMITS.descricaoMax)],
    ['chamado', `#${'1'.repeat(FORM_LIMITS.chamado - 1)}`],
  ])('accepts %s exactly at its limit', (field, value) => {
    expect(validate({ [field]: value }).ok).toBe(true);
  });

  it.each([
    ['48213', '48213'],
    ['#48213', '#48213'],
    ['#48.213', '#48.213'],
    ['# 48 213', '# 48 213'],
    ['  48213  ', '48213'],
    ['chamado 48213', 'chamado 48213'],
    ['Chamado nº 48.215', 'Chamado nº 48.215'],
    ['nº48215', 'nº48215'],
    ['Ticket: #48213', 'Ticket: #48213'],
    ['protocolo 52310', 'protocolo 52310'],
    ['TICKET-51000', 'TICKET-51000'],
    ['Chamado - 48213', 'Chamado - 48213'],
    ['tkt 52310', 'tkt 52310'],
    ['TKT#48215', 'TKT#48215'],
    ['prot. 51000', 'prot. 51000'],
    ['solic. 51000', 'solic. 51000'],
    ['Solic 52311', 'Solic 52311'],
    ['cham. 48213', 'cham. 48213'],
    ['CHMD 52310', 'CHMD 52310'],
    ['atendimento 48213', 'atendimento 48213'],
    ['Atend. nº 48.213', 'Atend. nº 48.213'],
    ['Caso #52310', 'Caso #52310'],
    ['Request #48213', 'Request #48213'],
    ['req 51000', 'req 51000'],
    ['Zendesk 48213', 'Zendesk 48213'],
    ['ticket zendesk #48215', 'ticket zendesk #48215'],
    ['48213!!', '48213!!'],
    ['Ticket #48213.', 'Ticket #48213.'],
    ['Nº do chamado: 48213', 'Nº do chamado: 48213'],
    ['número do chamado 48213', 'número do chamado 48213'],
    ['o número é 48213', 'o número é 48213'],
    ['meu chamado é 48213', 'meu chamado é 48213'],
    ['48213 (Zendesk)', '48213 (Zendesk)'],
    ['48213 ✅', '48213 ✅'],
    ['sol. 52311', 'sol. 52311'],
    ['ID 48213', 'ID 48213'],
    ['cód. 48213', 'cód. 48213'],
    ['ref. 48213', 'ref. 48213'],
    ['ticket n.º 48213', 'ticket n.º 48213'],
    ['ticket number 48213', 'ticket number 48213'],
    ['my ticket is 48213', 'my ticket is 48213'],
    // One number with a date or a short note: the field up to the number.
    ['48213 (aberto em 02/11)', '48213'],
    ['48213 - aberto dia 2', '48213'],
    ['48213 (aberto em 02/11/2026)', '48213'],
    ['chamado 48213, aberto 14h30', 'chamado 48213'],
    ['48213 aberto ontem às 10:00', '48213'],
    ['nº 48213 (pelo chat)', 'nº 48213'],
    ['48213 – fechado sem solução', '48213'],
    // ROUND24: what a person really types — the abbreviations "ch." and "nro.", digits dictated between
    // dashes, the channel as a note, and the ticket's whole name before it (longer than 30 characters).
    ['ch. 51234', 'ch. 51234'],
    ['ch 51234', 'ch 51234'],
    ['nro. 51234', 'nro. 51234'],
    ['5-1-2-3-4', '5-1-2-3-4'],
    ['51234 (WhatsApp)', '51234'],
    ['51234 pelo whats', '51234'],
    ['Protocolo de atendimento: 51234', 'Protocolo de atendimento: 51234'],
    ['Protocolo de atendimento nº 51234 (chat)', 'Protocolo de atendimento nº 51234'],
    // Dictated and spaced digits, grouped and marked ones (already read).
    ['5 1 2 3 4', '5 1 2 3 4'],
    ['51.234', '51.234'],
    ['n. 51234', 'n. 51234'],
    ['chamado 51234', 'chamado 51234'],
    // Compatibility digits read plain.
    ['４８２１３', '48213'],
    ['chamado ４８２１３', 'chamado 48213'],
    ['𝟒𝟖𝟐𝟏𝟑', '48213'],
  ])('accepts the ticket as merchants type it: %j', (typed, kept) => {
    const result = validate({ chamado: typed });
    expect(result.ok && result.data.chamado).toBe(kept);
  });

  // ROUND23: two or three tickets in the field, as the mail path takes two tickets in the text: each is a
  // candidate in the field's order (the first the best), the ticket check looks them up in turn.
  it.each([
    ['51234 e 51240', ['51234', '51240']],
    ['51234/51240', ['51234', '51240']],
    ['#51234, #51240', ['51234', '51240']],
    ['51234; 51240', ['51234', '51240']],
    ['51234 ou 51240', ['51234', '51240']],
    ['chamados 51234 e 51240', ['51234', '51240']],
    ['chamado 48213 e 48214', ['48213', '48214']],
    ['caso 48213 e 48214', ['48213', '48214']],
    ['48213, 48214', ['48213', '48214']],
    ['48213/48214', ['48213', '48214']],
    ['51240 e 51234', ['51240', '51234']],
    ['48213, 48214 e 48215', ['48213', '48214', '48215']],
    ['Nº 51234 e nº 51240', ['51234', '51240']],
    // The ticket's words as the mail reads them: typos and plurals.
    ['tiket 51234', ['51234']],
    ['chamdo 51234', ['51234']],
    ['tickets 51234 & 51240', ['51234', '51240']],
  ])("takes %j as the tickets %j, in the field's order", (typed, tickets) => {
    const result = validate({ chamado: typed });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const candidates = extractTicketCandidates({ subject: '', text: '', formTicket: result.data.chamado });
    expect(candidates.map((c) => c.number)).toEqual(tickets);
  });

  it.each([
    'não tenho',
    'Não sei.',
    'NAO TENHO',
    'nenhum',
    'Não lembro',
    'sem chamado',
    '-',
    'n/a',
    'não lembro o número',
    'esqueci',
    'Perdi o número',
    'Não tenho ainda',
    'nenhum chamado',
    'Não abri chamado',
    'não sei qual é',
    '?',
    'n/d',
    "I don't have one",
    'I don’t have one',
    'No tengo',
    'desconheço',
    'Desconheço o número.',
    'não tenho, foi pelo chat',
    'Não sei; abri pelo WhatsApp',
    'foi pelo WhatsApp, não tem número',
    'não sei o número, abri pelo chat',
    'não sei o número, abri pelo chat da loja',
  ])('reads %j in the ticket field as no ticket, not a malformed one', (typed) => {
    const result = validate({ chamado: typed });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (result.ok) expect(result.data.chamado).toBeUndefined();
  });

  it.each([
    ['https://bagy.zendesk.com/hc/pt-br/requests/52311', '52311'],
    ['  https://suporte.example.com.br/hc/pt-br/requests/48213?page=1  ', '48213'],
    ['bagy.zendesk.com/agent/tickets/48215', '48215'],
  ])('reads the support link pasted in the ticket field as its number: %j', (typed, ticket) => {
    const result = validate({ chamado: typed });
    expect(result.ok && result.data.chamado).toBe(ticket);
  });

  it.each([
    // Within the field's length the words are not a ticket's; longer, the field is too long.
    ['a link that carries no ticket', 'https://modasbella.com.br/produtos/12345', MESSAGES.chamado.invalid],
    ['a sentence with a link', 'veja https://bagy.zendesk.com/hc/pt-br/requests/52311', MESSAGES.chamado.invalid],
    [
      'a long link that carries no ticket',
      'https://modasbella.com.br/produtos/camiseta-basica-algodao-branca-12345',
      MESSAGES.chamado.tooLong,
    ],
  ])('still refuses %s', (_label, typed, message) => {
    const result = validate({ chamado: typed });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.chamado).toBe(message);
  });

  // ROUND20: one look-alike letter inside the number (I or l for 1, O for 0, Z for 2) is read as the
  // mail's text reads it, a guess the ticket check confirms; the field keeps what she typed.
  it.each(['482I4', '482l4', '#482I3', 'chamado 51O00', '48Z13'])(
    'takes %j, a look-alike letter inside the number',
    (typed) => {
      const result = validate({ chamado: typed });
      expect(result.ok && result.data.chamado).toBe(typed);
    },
  );

  // A letter glued to the number's end is not a word about it: she is asked again, not read as a shorter number.
  it.each(['5231O', '48213a', 'chamado 4821O'])('asks again for %j, a letter glued to the number', (typed) => {
    const result = validate({ chamado: typed });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.chamado).toBe(MESSAGES.chamado.invalid);
  });

  it.each(['nao 48213', 'abri pelo chat', 'Loja Bella'])('still asks for one number when %j says more', (typed) => {
    const result = validate({ chamado: typed });
    expect(result.ok).toBe(false);
  });

  // ROUND23: with files attached the description may only point to them; never empty.
  it.each([
    ['Ver anexo.', true, undefined],
    ['Segue em anexo', true, undefined],
    ['.', true, undefined],
    ['Ver anexo.', false, MESSAGES.descricao.tooShort],
    ['Segue em anexo', false, MESSAGES.descricao.tooShort],
    [' \u200b ', true, MESSAGES.descricao.required],
    ['', true, MESSAGES.descricao.required],
  ])('description %j, files attached: %s → %s', (descricao, attached, error) => {
    const result = validateFields({ ...VALID, descricao }, { attached });
    expect(result.ok ? undefined : result.errors.descricao).toBe(error);
  });

  it('treats an empty ticket and store as not given (non-clients have neither)', () => {
    const result = validate({ chamado: '  ', loja: '' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.chamado).toBeUndefined();
    expect(result.data.loja).toBeUndefined();
  });

  it('accepts a ticket sent as a JSON number', () => {
    const result = validate({ chamado: 48213 });
    expect(result.ok && result.data.chamado).toBe('48213');
  });

  it('accepts every topic of the list', () => {
    for (const topic of TOPICS) expect(validate({ assunto: topic.value }).ok).toBe(true);
  });

  it.each([
    ['on', true],
    ['true', true],
    [true, true],
    ['1', true],
    ['', false],
    [false, false],
    ['false', false],
    [undefined, false],
  ])('reads the "not a client" checkbox %j as %s', (value, expected) => {
    const result = validate({ naoCliente: value });
    expect(result.ok && result.data.naoCliente).toBe(expected);
  });

  it('cleans control characters and line breaks from one-line fields, keeps them in the description', () => {
    const result = validate({
      nome: 'Mariana\r\nBcc: vitima@exemplo.com',
      descricao: 'Primeira linha do relato\r\nSegunda linha\u0000 com detalhes\u202e.',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.nome).toBe('Mariana Bcc: vitima@exemplo.com');
    expect(result.data.descricao).toBe('Primeira linha do relato\nSegunda linha com detalhes.');
  });

  it.each([
    // [field, typed, kept]: one-line fields lose every format character (zero-width, joiners, bidi marks).
    ['nome', 'Mari\u200bana Cos\u00adta', 'Mariana Costa'],
    ['nome', 'Mariana\u3164 Costa\u2800', 'Mariana Costa'],
    ['nome', '\u3164Mariana\u3000Costa', 'Mariana Costa'],
    ['nome', '\u061cMariana \u2066Costa\u2069', 'Mariana Costa'],
    ['nome', 'Mariana\u2060 \u200dCosta', 'Mariana Costa'],
    ['loja', 'modas\u200bbella.com.br', 'modasbella.com.br'],
    ['loja', '\u200b\u2060', undefined],
    ['chamado', '48\u200b213', '48213'],
    // The description keeps the joiners of an emoji (👩‍💻), not a bidi mark or a stray invisible one.
    ['descricao', 'Primeira linha do relato\u061c\nSegunda', 'Primeira linha do relato\nSegunda'],
    ['descricao', 'Pedido\u200b 48213 não\u2060 chegou\u00ad 👩‍💻', 'Pedido 48213 não chegou 👩‍💻'],
    ['descricao', 'Estorno\u200d pendente há 🏳️‍🌈\u200d 3 semanas\ufe0f', 'Estorno pendente há 🏳️‍🌈 3 semanas'],
  ] as const)('%s %j is kept as %j', (field, typed, kept) => {
    const result = validate({ [field]: typed });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data[field]).toBe(kept);
  });

  it('counts the description after trimming (padding cannot reach the minimum)', () => {
    expect(validate({ descricao: `${' '.repeat(30)}curta${' '.repeat(30)}` })).toEqual({
      ok: false,
      errors: { descricao: MESSAGES.descricao.tooShort },
    });
  });

  it('ignores unknown fields', () => {
    const result = validate({ admin: 'true', status: 'CLOSED', protocolo: 'OUV-2026-000001' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.data).sort()).toEqual(
      ['assunto', 'chamado', 'consentimento', 'descricao', 'email', 'loja', 'naoCliente', 'nome'].sort(),
    );
  });
});

describe('parseFormBody', () => {
  it('parses application/x-www-form-urlencoded with accents, + as space and percent-encoding', () => {
    const parsed = parseFormBody({
      body: 'nome=Jo%C3%A3o+Ara%C3%BAjo&descricao=linha+1%0D%0Alinha+2&consentimento=on',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(parsed).toMatchObject({
      ok: true,
      format: 'urlencoded',
      fields: { nome: 'João Araújo', descricao: 'linha 1\r\nlinha 2', consentimento: 'on' },
    });
  });

  it('keeps the first value of a repeated field', () => {
    const parsed = parseFormBody({
      body: 'email=a%40b.com&email=c%40d.com',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(parsed.ok && parsed.fields['email']).toBe('a@b.com');
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/vnd.api+json'])(
    'parses JSON sent as %s',
    (contentType) => {
      const parsed = parseFormBody({ body: JSON.stringify(VALID), contentType });
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(validateFields(parsed.fields).ok).toBe(true);
    },
  );

  it('decodes a base64 body (API Gateway isBase64Encoded)', () => {
    const body = Buffer.from(urlencoded({ ...VALID, nome: 'João Araújo' }), 'utf8').toString('base64');
    const parsed = parseFormBody({ body, contentType: 'application/x-www-form-urlencoded', isBase64Encoded: true });
    expect(parsed.ok && parsed.fields['nome']).toBe('João Araújo');
  });

  it.each([
    ['{"nome": "Ana",', 'malformed_json', REQUEST_MESSAGES.malformedJson],
    ['', 'malformed_json', REQUEST_MESSAGES.malformedJson],
    ['[1,2,3]', 'not_an_object', REQUEST_MESSAGES.notAnObject],
    ['null', 'not_an_object', REQUEST_MESSAGES.notAnObject],
    ['"texto"', 'not_an_object', REQUEST_MESSAGES.notAnObject],
    // Escapes that decode to half a surrogate pair: no Unicode text (a file name of POST /anexos
    // made the upload policy's encodeURIComponent throw, and the merchant read "falha temporária").
    [
      '{"files":[{"name":"\\ud800.pdf","size":10,"type":"application/pdf"}]}',
      'bad_encoding',
      REQUEST_MESSAGES.badEncoding,
    ],
    [
      '{"nome":"Mariana \\udc00Costa","email":"lojista@modasbella.com.br"}',
      'bad_encoding',
      REQUEST_MESSAGES.badEncoding,
    ],
    ['{"descricao":"cobrança em dobro \\ud83d"}', 'bad_encoding', REQUEST_MESSAGES.badEncoding],
    ['{"\\udc00nome":"Ana"}', 'bad_encoding', REQUEST_MESSAGES.badEncoding],
  ])('answers 400 to the JSON body %j', (body, problem, message) => {
    expect(parseFormBody({ body, contentType: 'application/json' })).toEqual({
      ok: false,
      status: 400,
      problem,
      message,
    });
  });

  it.each([
    ['an emoji as escaped pair', '{"descricao":"Obrigada \\ud83d\\ude4f"}', 'Obrigada 🙏'],
    ['an emoji as it is', '{"descricao":"Obrigada 🙏"}', 'Obrigada 🙏'],
  ])('reads %s in a JSON body', (_label, body, descricao) => {
    const parsed = parseFormBody({ body, contentType: 'application/json' });
    expect(parsed.ok && parsed.fields['descricao']).toBe(descricao);
  });

  it('answers 400 to bytes that are not UTF-8', () => {
    const body = Buffer.from([0x6e, 0x6f, 0x6d, 0x65, 0x3d, 0xe3, 0x28]).toString('base64');
    expect(
      parseFormBody({ body, contentType: 'application/x-www-form-urlencoded', isBase64Encoded: true }),
    ).toMatchObject({
      ok: false,
      status: 400,
      problem: 'bad_encoding',
    });
  });

  it.each(['text/plain', 'multipart/form-data; boundary=----x', 'application/xml', '', 'application/jsonp'])(
    'answers 415 to the content type %j',
    (contentType) => {
      expect(parseFormBody({ body: 'nome=Ana', contentType })).toEqual({
        ok: false,
        status: 415,
        problem: 'unsupported_type',
        message: REQUEST_MESSAGES.unsupportedType,
      });
    },
  );

  it('answers 413 to a body over the limit, plain or base64, before parsing it', () => {
    const big = `descricao=${'a'.repeat(FORM_LIMITS.maxBodyBytes)}`;
    const expected = { ok: false, status: 413, problem: 'too_large', message: REQUEST_MESSAGES.tooLarge };
    expect(parseFormBody({ body: big, contentType: 'application/x-www-form-urlencoded' })).toEqual(expected);
    expect(
      parseFormBody({
        body: Buffer.from(big).toString('base64'),
        contentType: 'application/x-www-form-urlencoded',
        isBase64Encoded: true,
      }),
    ).toEqual(expected);
    // Size comes first: even a body we could not parse anyway is "too large".
    expect(parseFormBody({ body: big, contentType: 'text/plain' })).toEqual(expected);
  });

  it('counts bytes, not characters: multi-byte text over the limit is refused', () => {
    const body = `descricao=${'ç'.repeat(FORM_LIMITS.maxBodyBytes / 2)}`;
    expect(body.length).toBeLessThan(FORM_LIMITS.maxBodyBytes);
    expect(parseFormBody({ body, contentType: 'application/x-www-form-urlencoded' })).toMatchObject({ status: 413 });
  });

  it('accepts a body exactly at the limit', () => {
    const prefix = 'descricao=';
    const body = prefix + 'a'.repeat(FORM_LIMITS.maxBodyBytes - prefix.length);
    expect(parseFormBody({ body, contentType: 'application/x-www-form-urlencoded' }).ok).toBe(true);
  });

  it('fits the largest legitimate browser post under the limit', () => {
    // Every field at its maximum, accented text percent-encoded as a browser does.
    const body = urlencoded({
      nome: 'ã'.repeat(FORM_LIMITS.nome),
      email: `${'a'.repeat(240)}@loja.com.br`,
      loja: 'ç'.repeat(FORM_LIMITS.loja),
      chamado: '1'.repeat(FORM_LIMITS.chamadoLink),
      assunto: 'funcionalidade',
      descricao: 'é'.repeat(FORM_LIMITS.descricaoMax),
      naoCliente: 'on',
      consentimento: 'on',
      website: '',
    });
    const parsed = parseFormBody({ body, contentType: 'application/x-www-form-urlencoded' });
    expect(parsed.ok).toBe(true);
  });

  it('keeps "__proto__" in JSON as a plain ignored key', () => {
    const parsed = parseFormBody({
      body: '{"__proto__": {"consentimento": true}, "nome": "Ana"}',
      contentType: 'application/json',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.fields['consentimento']).toBeUndefined();
    expect(({} as Record<string, unknown>)['consentimento']).toBeUndefined();
  });
});

describe('honeypot', () => {
  it.each([
    [{}, false],
    [{ website: '' }, false],
    [{ website: '   ' }, false],
    [{ website: 'https://spam.example' }, true],
    [{ website: 1 }, true],
  ])('%j → filled: %s', (fields, expected) => {
    expect(honeypotFilled(fields)).toBe(expected);
  });
});

describe('formValues', () => {
  it('keeps what was typed for the known fields only, as strings', () => {
    expect(
      formValues({ nome: 'Ana', chamado: 48213, naoCliente: true, website: 'spam', extra: 'x', loja: {} }),
    ).toEqual({
      nome: 'Ana',
      chamado: '48213',
      naoCliente: 'true',
    });
  });
});
