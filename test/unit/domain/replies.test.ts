import { describe, expect, it } from 'vitest';
import { localConfig, localConfigInput, parseConfig } from '../../../shared/domain/config';
import type { TicketCheck } from '../../../shared/domain/decision';
import type { MessageLanguage } from '../../../shared/domain/text';
import {
  describeHours,
  greetingName,
  type MailBlock,
  type ReplyContext,
  type ReplyOutcome,
  renderMail,
  renderReply,
  replySubject,
  taggedProtocol,
  threadTopic,
} from '../../../shared/domain/replies';

const links = localConfig.links;
const XSS_NAME = 'João <script>alert("nome")</script>';
const XSS_SUBJECT = 'Loja fora do ar <img src=x onerror=alert(1)> & "aspas"';

function ctx(overrides: Partial<ReplyContext> = {}): ReplyContext {
  return {
    protocol: 'OUV-2026-000123',
    senderName: 'Maria Souza',
    subject: 'Reclamação sobre cobrança indevida',
    receivedAt: '2026-03-10T13:05:00.000Z',
    ticket: { status: 'valid', number: '48213' },
    ...overrides,
  };
}

/** Visible text of the HTML part, roughly: tags dropped, entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const ALL: ReplyOutcome[] = [
  'ACCEPTED',
  'NO_PRIOR_TICKET',
  'TICKET_INVALID',
  'ACCESS_ISSUE',
  'BILLING_QUESTION',
  'NOT_A_CLIENT',
  'OUT_OF_SCOPE_FEATURE',
  'OUT_OF_SCOPE_COMMERCIAL',
];

/** What each reply must contain (SPEC.md table), in both parts. */
const EXPECTED: Record<ReplyOutcome, { phrases: string[]; links: string[] }> = {
  ACCEPTED: {
    phrases: [
      'OUV-2026-000123',
      'segunda a sexta-feira, das 09:00 às 17:00, exceto feriados',
      'registros de atendimento anteriores',
      'áreas responsáveis',
      'analista da Ouvidoria entrará em contato',
      'nº 48213',
    ],
    links: [links.statusPage, links.privacyPolicy],
  },
  NO_PRIOR_TICKET: {
    phrases: [
      'número de um chamado anterior',
      'segunda a sexta-feira, das 08:00 às 18:00',
      'Resolvemos mais de 99% das solicitações',
      'responda a este e-mail informando o número do chamado anterior',
    ],
    links: [links.supportCentre, links.openTicket, links.knowledgeBase, links.statusPage, links.privacyPolicy],
  },
  TICKET_INVALID: {
    phrases: ['Não localizamos o chamado nº 48213', 'número correto', 'Central de Atendimento'],
    links: [links.supportCentre, links.openTicket, links.privacyPolicy],
  },
  ACCESS_ISSUE: {
    phrases: [
      'sem acesso ao painel administrativo',
      'longo período de inatividade',
      'congelado no registro.br',
      'Alteração incorreta do domínio',
      'Outros tipos de bloqueio',
      'suporte técnico',
      'abrindo um chamado',
    ],
    links: [links.openTicket, links.statusPage, links.privacyPolicy],
  },
  BILLING_QUESTION: {
    phrases: ['planos, faturas, cobrança e migração de plano', 'Base de Conhecimento'],
    links: [links.billingKnowledgeBase, links.privacyPolicy],
  },
  NOT_A_CLIENT: {
    phrases: ['ainda não é cliente', 'Comercial', 'preencha o formulário ou inicie um chat'],
    links: [links.sales, links.privacyPolicy],
  },
  OUT_OF_SCOPE_FEATURE: {
    phrases: ['não pode atuar', 'funcionalidades e/ou integrações que não existem', 'Base de Conhecimento'],
    links: [links.knowledgeBase, links.privacyPolicy],
  },
  OUT_OF_SCOPE_COMMERCIAL: {
    phrases: ['não pode atuar', 'negociações comerciais ou pedidos de condições especiais', 'Comercial'],
    links: [links.sales, links.privacyPolicy],
  },
};

describe('renderReply — content per outcome', () => {
  it.each(ALL)('%s: text and HTML say the same, in pt-BR, with the links', (outcome) => {
    const ticket: TicketCheck =
      outcome === 'TICKET_INVALID'
        ? { status: 'invalid', number: '48213', why: 'not_found' }
        : { status: 'valid', number: '48213' };
    const r = renderReply(outcome, ctx({ ticket }), localConfig);
    const visible = htmlText(r.html);
    for (const phrase of [...EXPECTED[outcome].phrases, 'Olá, Maria Souza,', 'Atenciosamente', '10/03/2026 às 10:05']) {
      expect(r.text, phrase).toContain(phrase);
      expect(visible, phrase).toContain(phrase);
    }
    for (const link of EXPECTED[outcome].links) {
      expect(r.text).toContain(link);
      expect(r.html).toContain(`href="${link}"`);
    }
    expect(r.html).toMatch(/^<!DOCTYPE html>\n<html lang="pt-BR">/);
    expect(r.html).toContain('<meta charset="utf-8">');
    expect(r.text).not.toMatch(/<[a-z]/i);
    expect(r.text.endsWith('\n')).toBe(true);
  });

  // The acknowledgement answers her mail under its subject ("Re:" it), so that Gmail (same subject),
  // Outlook (Thread-Topic) and Apple Mail keep it with her mail; the protocol goes after it. A form
  // (its subject is ours) or a mail without a subject starts the case's own thread.
  it.each<[string, Partial<ReplyContext>, string, string]>([
    ['a mail', {}, 'Re: Reclamação sobre cobrança indevida [OUV-2026-000123]', 'Reclamação sobre cobrança indevida'],
    [
      'a mail already forwarded or answered ("ENC:", "RES: Re:")',
      { subject: 'RES: Re: ENC: Repasse bloqueado há 10 dias - chamado 48213' },
      'Re: Repasse bloqueado há 10 dias - chamado 48213 [OUV-2026-000123]',
      'Repasse bloqueado há 10 dias - chamado 48213',
    ],
    [
      'a mail that already names the protocol',
      { subject: 'Re: Caso OUV-2026-000123 ainda sem resposta' },
      'Re: Caso OUV-2026-000123 ainda sem resposta',
      'Caso OUV-2026-000123 ainda sem resposta',
    ],
    ['a mail without a subject', { subject: '' }, '[OUV-2026-000123] Recebemos sua manifestação', ''],
    // A reply to an old case's mail that opened this one: this case's tag alone, never two cases'.
    [
      'a reply to another case’s mail',
      { subject: 'Re: [OUV-2026-000099] Pedido parado no checkout' },
      'Re: Pedido parado no checkout [OUV-2026-000123]',
      'Pedido parado no checkout',
    ],
    [
      'a reply to another case’s tagged acknowledgement',
      { subject: 'RES: Re: Loja fora do ar [ouv-2026-000099]' },
      'Re: Loja fora do ar [OUV-2026-000123]',
      'Loja fora do ar',
    ],
    [
      'a reply to another case’s form acknowledgement',
      { subject: 'Re: [OUV-2026-000099] Recebemos sua manifestação' },
      'Re: Recebemos sua manifestação [OUV-2026-000123]',
      'Recebemos sua manifestação',
    ],
    [
      'the webform',
      { channel: 'webform', subject: 'Formulário: Pagamentos e repasses' },
      '[OUV-2026-000123] Recebemos sua manifestação',
      '[OUV-2026-000123] Recebemos sua manifestação',
    ],
    [
      'the webform, in Spanish',
      { channel: 'webform', subject: 'Formulário: Pagos', language: 'es' },
      '[OUV-2026-000123] Recibimos su reclamo',
      '[OUV-2026-000123] Recibimos su reclamo',
    ],
  ])('ACCEPTED: %s — the subject threads with her mail and carries the protocol', (_what, over, subject, topic) => {
    const reply = renderReply('ACCEPTED', ctx(over), localConfig);
    expect(reply.subject).toBe(subject);
    expect(threadTopic(reply.subject)).toBe(topic || reply.subject);
    expect(reply.subject).toContain('OUV-2026-000123');
  });

  it.each([
    ['her subject names the protocol past the cut', `${'Reclamação '.repeat(20)}OUV-2026-000123`],
    ['her subject names another case', 'Sobre o caso OUV-2026-000099'],
    ['her subject names another case and this one', 'Casos OUV-2026-000099 e OUV-2026-000123'],
  ])('ACCEPTED: %s — the tag of this case ends the subject, where her reply is read first', (_what, subject) => {
    const reply = renderReply('ACCEPTED', ctx({ subject }), localConfig).subject;
    expect(reply.endsWith(' [OUV-2026-000123]')).toBe(true);
    expect(reply.length).toBeLessThanOrEqual(150);
    expect(taggedProtocol(`RES: ${reply}`)).toBe('OUV-2026-000123');
  });

  it('taggedProtocol reads only the tag at the end of a subject', () => {
    expect(taggedProtocol('Re: Pedido [OUV-2026-000123]')).toBe('OUV-2026-000123');
    expect(taggedProtocol('Re: [OUV-2026-000123] Recebemos sua manifestação')).toBeUndefined();
    expect(taggedProtocol('Re: Caso OUV-2026-000123 ainda sem resposta')).toBeUndefined();
    expect(taggedProtocol('')).toBeUndefined();
  });

  it('a subject too long to carry the protocol is cut, never the protocol', () => {
    const subject = renderReply(
      'ACCEPTED',
      ctx({ subject: `Cobrança ${'indevida '.repeat(40)}` }),
      localConfig,
    ).subject;
    expect(subject.length).toBeLessThanOrEqual(150);
    expect(subject.endsWith(' [OUV-2026-000123]')).toBe(true);
  });

  it.each([
    ['pt-BR', 'consulta de casos da Ouvidoria'],
    ['es', 'consulta de casos de la Ouvidoria'],
    ['en', 'Ombudsman case status page'],
  ] as const)('ACCEPTED (%s) points to the status page, where the merchant asks for a link', (language, label) => {
    const r = renderReply('ACCEPTED', ctx({ language }), localConfig);
    expect(r.text).toContain(`${label} (http://127.0.0.1:3000/consulta)`);
    expect(r.html).toContain(`<a href="http://127.0.0.1:3000/consulta"`);
    // Only the accepted case has something to follow: the guidance replies do not point there.
    expect(renderReply('NO_PRIOR_TICKET', ctx({ language }), localConfig).text).not.toContain('/consulta');
  });

  it.each([
    ['pt-BR', 'O caso OUV-2026-000001 foi encerrado há mais de 7 dias; por isso, a sua mensagem abriu este novo caso'],
    ['es', 'El caso OUV-2026-000001 se cerró hace más de 7 días; por eso su mensaje abrió este nuevo caso'],
    ['en', 'Case OUV-2026-000001 was closed more than 7 days ago, so your message opened this new case'],
  ] as const)(
    'ACCEPTED (%s) for a case linked to one closed long ago says why it is a new case',
    (language, phrase) => {
      const r = renderReply('ACCEPTED', ctx({ language, linkedProtocol: 'OUV-2026-000001' }), localConfig);
      expect(r.text).toContain(phrase);
      expect(htmlText(r.html)).toContain(phrase);
      expect(renderReply('ACCEPTED', ctx({ language }), localConfig).text).not.toContain('OUV-2026-000001');
    },
  );

  it.each([
    ['pt-BR', 'foi encerrado há mais de 1 dia; por isso'],
    ['es', 'se cerró hace más de 1 día; por eso'],
    ['en', 'was closed more than 1 day ago, so'],
  ] as const)('ACCEPTED (%s) says a one-day reopen window in the singular', (language, phrase) => {
    const config = { ...localConfig, threading: { ...localConfig.threading, reopenWindowDays: 1 } };
    const r = renderReply('ACCEPTED', ctx({ language, linkedProtocol: 'OUV-2026-000001' }), config);
    expect(r.text).toContain(phrase);
  });

  // ROUND24: her message says "Segue em anexo" and no file arrived: the acknowledgement tells her how to send it.
  it.each([
    [
      'pt-BR',
      'Sua mensagem menciona um anexo, mas nenhum arquivo chegou até nós. Para enviá-lo, responda a este e-mail',
    ],
    [
      'es',
      'Su mensaje menciona un archivo adjunto, pero no nos llegó ningún archivo. Para enviarlo, responda a este correo',
    ],
    ['en', 'Your message mentions an attachment, but no file reached us. To send it, reply to this email'],
  ] as const)(
    'ACCEPTED (%s) for a message whose announced file did not arrive says how to send it',
    (language, phrase) => {
      for (const channel of ['email', 'webform'] as const) {
        const r = renderReply('ACCEPTED', ctx({ language, channel, missingAttachment: true }), localConfig);
        expect(r.text).toContain(phrase);
        expect(htmlText(r.html)).toContain(phrase);
        expect(renderReply('ACCEPTED', ctx({ language, channel }), localConfig).text).not.toContain(phrase);
      }
    },
  );

  // Journey 45: her S/MIME-encrypted mail was acknowledged as if read.
  it.each([
    ['pt-BR', 'Sua mensagem chegou criptografada (S/MIME) e não conseguimos ler o conteúdo'],
    ['es', 'Su mensaje llegó cifrado (S/MIME) y no podemos leer su contenido'],
    ['en', 'Your message arrived encrypted (S/MIME) and we cannot read it'],
  ] as const)('ACCEPTED (%s) for an encrypted mail asks her to send it again unencrypted', (language, phrase) => {
    const r = renderReply('ACCEPTED', ctx({ language, encrypted: 'S/MIME' }), localConfig);
    expect(r.text).toContain(phrase);
    expect(htmlText(r.html)).toContain(phrase);
    expect(renderReply('ACCEPTED', ctx({ language }), localConfig).text).not.toContain(phrase);
  });

  // Journey 44 left: a file of hers the office does not take was never mentioned to her.
  it.each([
    ['pt-BR', 'Não pudemos aceitar este arquivo: IMG_0042.HEIC. Aceitamos PDF, JPEG'],
    ['es', 'No pudimos aceptar este archivo: IMG_0042.HEIC. Aceptamos PDF, JPEG'],
    ['en', 'We could not accept this file: IMG_0042.HEIC. We accept PDF, JPEG'],
  ] as const)('ACCEPTED (%s) names the files not taken and the formats to send them in', (language, phrase) => {
    const r = renderReply(
      'ACCEPTED',
      ctx({ language, filesNotTaken: ['IMG_0042.HEIC'], acceptedKinds: 'PDF, JPEG' }),
      localConfig,
    );
    expect(r.text).toContain(phrase);
    expect(htmlText(r.html)).toContain(phrase);
  });

  // Journey 45: a guidance reply to a merchant who holds an open case leads with it.
  it.each([
    ['pt-BR', 'Você já tem um caso aberto na Ouvidoria, e esta mensagem não foi juntada a ele.'],
    ['es', 'Usted ya tiene un caso abierto en la Ouvidoria, y este mensaje no se añadió a él.'],
    ['en', 'You already have an open case with the Ombudsman, and this message was not added to it.'],
  ] as const)(
    'guidance (%s) to a sender with an open case leads with it; a cited protocol’s lead wins',
    (language, lead) => {
      const r = renderReply('BILLING_QUESTION', ctx({ language, hasOpenCase: true }), localConfig);
      expect(r.text.split('\n\n')[1]).toBe(lead + r.text.split('\n\n')[1]!.slice(lead.length));
      expect(htmlText(r.html)).toContain(lead);
      expect(renderReply('BILLING_QUESTION', ctx({ language }), localConfig).text).not.toContain(lead);
      const cited = renderReply(
        'BILLING_QUESTION',
        ctx({ language, hasOpenCase: true, citedProtocol: 'OUV-2026-000001' }),
        localConfig,
      );
      expect(cited.text).not.toContain(lead);
    },
  );

  it('ACCEPTED without a protocol is a programming error', () => {
    expect(() => renderReply('ACCEPTED', ctx({ protocol: undefined }), localConfig)).toThrow(/protocol/);
  });

  it('ACCEPTED flags a ticket the directory could not verify', () => {
    const r = renderReply(
      'ACCEPTED',
      ctx({ ticket: { status: 'unverified', number: '777', why: 'timeout' } }),
      localConfig,
    );
    expect(r.text).toContain('Não foi possível confirmá-lo automaticamente');
    expect(r.text).not.toContain('timeout');
  });

  it('ACCEPTED with no ticket information says nothing about it', () => {
    const r = renderReply('ACCEPTED', ctx({ ticket: { status: 'none' } }), localConfig);
    expect(r.text).not.toContain('Chamado anterior informado');
  });

  it.each<[TicketCheck | undefined, string]>([
    [{ status: 'invalid', number: '48213', why: 'not_owner' }, 'Não localizamos o chamado nº 48213 vinculado'],
    [{ status: 'invalid', number: 'ABC-1', why: 'bad_format' }, 'não está no formato'],
    [undefined, 'Não conseguimos localizar o chamado anterior informado'],
  ])('TICKET_INVALID explains %o without revealing whose ticket it is', (ticket, phrase) => {
    const r = renderReply('TICKET_INVALID', ctx({ ticket }), localConfig);
    expect(r.text).toContain(phrase);
    expect(r.text).not.toMatch(/outro (cliente|lojista|solicitante)/);
  });

  it('greets without a name when there is none', () => {
    const r = renderReply('NO_PRIOR_TICKET', ctx({ senderName: '  \r\n ' }), localConfig);
    expect(r.text.startsWith('Olá,\n')).toBe(true);
  });

  // The form's name goes to an address nobody proved: the office must not mail anyone's sentence.
  it.each<[string, string | undefined]>([
    ['Maria Souza', 'Maria Souza'],
    ["Ana D'Ávila-Santos", "Ana D'Ávila-Santos"],
    ['José M. de Oliveira Filho', 'José M. de Oliveira Filho'],
    ['Maria. URGENTE: seu PIX foi bloqueado, regularize em https://golpe.example/pix hoje', undefined],
    ['Maria acesse golpe.example.com', undefined],
    ['Maria wa.me/5511999999999', undefined],
    ['Ligue 0800 123 4567', undefined],
    ['suporte@golpe.example', undefined],
    ['Seu pedido foi cancelado e o estorno depende de confirmar seus dados', undefined],
    ['João <script>alert("nome")</script>', undefined],
    // A mailbox's display name that names a department, not a person: "Olá, Financeiro Casa dos
    // Aromas," greeted the department as if it were her (seen on the local stack: financeiro@).
    ['Financeiro Casa dos Aromas', undefined],
    ['Contato Eletro Ponto', undefined],
    ['SAC Modas Bella', undefined],
    ['Atendimento', undefined],
    ['Suporte - Loja do João', undefined],
    ['Equipe Doces da Carla', undefined],
    ['Faturamento', undefined],
    ['Cobrança Papelaria Estrela', undefined],
    ['Billing Team', undefined],
    ['Ventas Tienda Sol', undefined],
    // People whose names start like no department, and a store's own name, are still greeted.
    ['Renata Lima', 'Renata Lima'],
    ['Tiago Vendramini', 'Tiago Vendramini'],
    ['Sacha Ribeiro', 'Sacha Ribeiro'],
    ['Loja do João', 'Loja do João'],
  ])('greets by %j only when it reads as a name', (name, greeted) => {
    const r = renderReply('NO_PRIOR_TICKET', ctx({ senderName: name, channel: 'webform' }), localConfig);
    expect(r.text.split('\n')[0]).toBe(greeted ? `Olá, ${greeted},` : 'Olá,');
    expect(greetingName(name)).toBe(greeted);
  });
});

describe('renderReply — subjects', () => {
  it.each<[string, string]>([
    ['Reclamação sobre cobrança', 'Re: Reclamação sobre cobrança'],
    ['RES: Reclamação', 'RES: Reclamação'],
    ['Re: Reclamação', 'Re: Reclamação'],
    ['Assunto\r\nBcc: vitima@example.com', 'Re: Assunto Bcc: vitima@example.com'],
    ['', 'Ouvidoria: fale primeiro com a Central de Atendimento'],
    ['   ', 'Ouvidoria: fale primeiro com a Central de Atendimento'],
  ])('%j → %j', (subject, expected) => {
    expect(renderReply('NO_PRIOR_TICKET', ctx({ subject }), localConfig).subject).toBe(expected);
  });

  it('caps a long subject', () => {
    const s = renderReply('BILLING_QUESTION', ctx({ subject: 'fatura '.repeat(200) }), localConfig).subject;
    expect(s.length).toBeLessThanOrEqual(160);
    expect(s.endsWith('…')).toBe(true);
  });

  it.each(ALL.filter((o) => o !== 'ACCEPTED'))('%s has a clear subject when the original is empty', (outcome) => {
    const s = renderReply(outcome, ctx({ subject: '' }), localConfig).subject;
    expect(s).toMatch(/^Ouvidoria: /);
  });

  it('replySubject keeps a fallback for empty input', () => {
    expect(replySubject('\u0000', 'X')).toBe('X');
  });
});

describe('renderReply — a webform submission is answered about the form', () => {
  const FORM = localConfig.webformOrigin;
  const GUIDANCE = ALL.filter((o) => o !== 'ACCEPTED');
  const webform = (overrides: Partial<ReplyContext> = {}) =>
    ctx({ channel: 'webform', subject: 'Formulário: Cobrança/faturas', ...overrides });
  const invalid: TicketCheck = { status: 'invalid', number: '48213', why: 'not_found' };

  /** Every outcome, the shopper's answer too, in the three languages. */
  const CASES = (['pt-BR', 'es', 'en'] as const).flatMap((language) => [
    ...ALL.map((outcome) => [language, outcome, undefined] as const),
    [language, 'NOT_A_CLIENT', 'shopper'] as const,
  ]);

  /** What only fits a mail the merchant wrote: its subject, "the address you wrote from", "reply to this email". */
  const MAIL_ONLY =
    /Formulário: Cobrança|nos escreveu|nos escribió|wrote from|escreva a partir dele|escríbanos desde|write from that/;
  const REPLY_TO_MAIL = /responda a este e-mail|responda a este correo|reply to this email/;

  it.each(CASES)(
    '%s %s %s: no wording of an e-mail sender; the footer names the form and when it was sent',
    (language, outcome, variant) => {
      const r = renderReply(outcome, webform({ language, variant, ticket: invalid }), localConfig);
      for (const part of [r.subject, r.text, htmlText(r.html)]) expect(part).not.toMatch(MAIL_ONLY);
      // The acknowledgement may say so: answering it is how a case gets more information.
      if (outcome !== 'ACCEPTED') expect(r.text).not.toMatch(REPLY_TO_MAIL);
      expect(r.subject).not.toMatch(/^Re:/);
      const footer = {
        'pt-BR': 'Esta é uma resposta automática ao formulário enviado em 10/03/2026 às 10:05.',
        es: 'Esta es una respuesta automática al formulario enviado el 10/03/2026',
        en: 'This is an automatic reply to the form you sent on 10/03/2026',
      }[language];
      expect(r.text).toContain(footer);
      expect(htmlText(r.html)).toContain(footer);
    },
  );

  it.each<[ReplyOutcome, string]>([
    ['ACCEPTED', '[OUV-2026-000123] Recebemos sua manifestação'],
    ['NO_PRIOR_TICKET', 'Ouvidoria: fale primeiro com a Central de Atendimento'],
    ['TICKET_INVALID', 'Ouvidoria: confira o número do seu chamado'],
    ['ACCESS_ISSUE', 'Ouvidoria: sem acesso ao painel administrativo'],
    ['BILLING_QUESTION', 'Ouvidoria: planos, faturas e cobrança'],
    ['NOT_A_CLIENT', 'Ouvidoria: fale com o nosso time Comercial'],
    ['OUT_OF_SCOPE_FEATURE', 'Ouvidoria: funcionalidades e integrações'],
    ['OUT_OF_SCOPE_COMMERCIAL', 'Ouvidoria: negociações comerciais'],
  ])('%s is titled %j, not after the form’s own subject', (outcome, subject) => {
    expect(renderReply(outcome, webform(), localConfig).subject).toBe(subject);
  });

  it.each<[ReplyContext['language'], string]>([
    ['pt-BR', 'Ouvidoria: fale diretamente com a loja onde você comprou'],
    ['es', 'Ouvidoria: hable directamente con la tienda donde compró'],
    ['en', 'Ombudsman: please contact the store you bought from'],
  ])(
    'the shopper (%s) is sent to the store in the subject too, from the form or from an empty mail subject',
    (language, subject) => {
      expect(renderReply('NOT_A_CLIENT', webform({ language, variant: 'shopper' }), localConfig).subject).toBe(subject);
      expect(renderReply('NOT_A_CLIENT', ctx({ language, variant: 'shopper', subject: '' }), localConfig).subject).toBe(
        subject,
      );
    },
  );

  it('TICKET_INVALID speaks of the address given in the form and of sending the form again', () => {
    const r = renderReply('TICKET_INVALID', webform({ ticket: invalid }), localConfig);
    expect(r.text).toContain(
      'Recebemos sua mensagem. Não localizamos o chamado nº 48213 vinculado ao endereço de e-mail informado no formulário.\n\n' +
        'Por favor, confira o número na confirmação que você recebeu ao abrir o chamado e envie novamente o formulário da Ouvidoria ' +
        `(${FORM}) com o número correto. Se o chamado foi aberto com outro endereço de e-mail, informe esse mesmo e-mail no formulário.`,
    );
    expect(r.html).toContain(`<a href="${FORM}"`);
  });

  it.each<[ReplyContext['language'], string]>([
    [
      'es',
      'No encontramos el ticket #48213 vinculado a la dirección de correo informada en el formulario.\n\n' +
        'Por favor, verifique el número en la confirmación que recibió al abrir el ticket y envíe de nuevo el formulario de la Ouvidoria ' +
        `(en portugués: ${FORM}) con el número correcto. Si el ticket se abrió con otra dirección de correo, indique esa misma dirección en el formulario.`,
    ],
    [
      'en',
      'We could not find ticket #48213 under the email address given in the form.\n\n' +
        'Please check the ticket number in the confirmation you received when you opened the ticket and send the Ombudsman form ' +
        `(in Portuguese: ${FORM}) again with the right one. If the ticket was opened from another email address, please enter that address in the form.`,
    ],
  ])('TICKET_INVALID (%s) says the same', (language, expected) => {
    expect(renderReply('TICKET_INVALID', webform({ language, ticket: invalid }), localConfig).text).toContain(expected);
  });

  it.each(GUIDANCE.filter((o) => !['TICKET_INVALID', 'NOT_A_CLIENT'].includes(o)))(
    '%s: to come back, the merchant sends the form again (its link), in the three languages',
    (outcome) => {
      const expected = {
        'pt-BR': `envie novamente o formulário da Ouvidoria (${FORM}) informando o número do chamado anterior`,
        es: `envíe de nuevo el formulario de la Ouvidoria (en portugués: ${FORM}) con el número del ticket anterior`,
        en: `send the Ombudsman form (in Portuguese: ${FORM}) again with the number of your previous ticket`,
      } as const;
      for (const language of ['pt-BR', 'es', 'en'] as const) {
        const r = renderReply(outcome, webform({ language }), localConfig);
        expect(r.text).toContain(expected[language]);
        expect(r.html).toContain(`<a href="${FORM}"`);
      }
    },
  );

  it.each<[ReplyContext['language'], string]>([
    ['pt-BR', 'Não encontramos no formulário o número de um chamado anterior'],
    ['es', 'No encontramos en el formulario el número de un ticket anterior'],
    ['en', 'We did not find the number of a previous ticket in the form you sent'],
  ])('NO_PRIOR_TICKET (%s) looked in the form', (language, expected) => {
    expect(renderReply('NO_PRIOR_TICKET', webform({ language }), localConfig).text).toContain(expected);
  });

  it.each(CASES)(
    '%s %s %s: an e-mail is still answered as a mail (channel email = no channel)',
    (language, outcome, variant) => {
      const base = { language, variant, ticket: invalid } as const;
      expect(renderReply(outcome, ctx({ ...base, channel: 'email' }), localConfig)).toEqual(
        renderReply(outcome, ctx(base), localConfig),
      );
      if (outcome !== 'ACCEPTED') {
        expect(renderReply(outcome, ctx(base), localConfig).subject).toBe('Re: Reclamação sobre cobrança indevida');
      }
    },
  );
});

describe('renderReply — the time received, in the reply’s language', () => {
  it.each<[ReplyContext['language'], ReplyContext['channel'], string]>([
    ['pt-BR', 'email', 'recebida em 10/03/2026 às 10:05.'],
    ['es', 'email', 'recibido el 10/03/2026 a las 10:05.'],
    ['en', 'email', 'received on 10/03/2026 at 10:05.'],
    ['pt-BR', 'webform', 'ao formulário enviado em 10/03/2026 às 10:05.'],
    ['es', 'webform', 'al formulario enviado el 10/03/2026 a las 10:05.'],
    ['en', 'webform', 'to the form you sent on 10/03/2026 at 10:05.'],
  ])('%s, %s: %j', (language, channel, expected) => {
    for (const outcome of ALL) {
      const r = renderReply(outcome, ctx({ language, channel }), localConfig);
      expect(r.text).toContain(expected);
      if (language !== 'pt-BR') expect(r.text).not.toContain(' às ');
    }
  });
});

describe('renderReply — escaping', () => {
  it.each(ALL)('%s escapes the name and subject in HTML', (outcome) => {
    const r = renderReply(outcome, ctx({ senderName: XSS_NAME, subject: XSS_SUBJECT }), localConfig);
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).not.toMatch(/<img/i);
    // A name with markup is no name to greet by (greetingName): left out, never rendered.
    expect(r.html).not.toContain('alert(&quot;nome&quot;)');
    expect(r.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;aspas&quot;');
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it('escapes a merchant-provided ticket number', () => {
    const r = renderReply(
      'TICKET_INVALID',
      ctx({ ticket: { status: 'invalid', number: '<b>1</b>', why: 'bad_format' } }),
      localConfig,
    );
    expect(r.html).toContain('&lt;b&gt;1&lt;/b&gt;');
    expect(r.html).not.toContain('<b>1</b>');
  });

  it('never puts a javascript: link in href, even from configuration', () => {
    const config = { ...localConfig, links: { ...localConfig.links, sales: 'javascript:alert(1)' } };
    const r = renderReply('NOT_A_CLIENT', ctx(), config);
    expect(r.html).not.toContain('href="javascript:');
    expect(r.html).toContain('href="#"');
  });
});

describe('describeHours', () => {
  it.each<[number[], string, string, boolean, string]>([
    [[1, 2, 3, 4, 5], '09:00', '17:00', true, 'segunda a sexta-feira, das 09:00 às 17:00, exceto feriados'],
    [[1, 2, 3, 4, 5], '08:00', '18:00', false, 'segunda a sexta-feira, das 08:00 às 18:00'],
    [[1, 2, 3, 4, 5, 6], '08:00', '12:00', false, 'segunda a sábado, das 08:00 às 12:00'],
    [[2, 3, 4], '10:00', '16:00', false, 'terça a quinta-feira, das 10:00 às 16:00'],
    [[1, 3, 5], '09:00', '17:00', false, 'segunda-feira, quarta-feira e sexta-feira, das 09:00 às 17:00'],
    [[6], '09:00', '13:00', false, 'sábado, das 09:00 às 13:00'],
    [[1, 2], '09:00', '13:00', false, 'segunda-feira e terça-feira, das 09:00 às 13:00'],
    [[7, 1, 2, 3, 4, 5, 6], '00:00', '23:59', false, 'segunda a domingo, das 00:00 às 23:59'],
  ])('%o %s–%s', (days, open, close, exceptHolidays, expected) => {
    expect(describeHours({ days, open, close }, { exceptHolidays })).toBe(expected);
  });

  it('follows the configuration in the replies', () => {
    const config = parseConfig({
      ...localConfigInput,
      officeHours: { days: [1, 2, 3, 4], open: '10:00', close: '16:00' },
    });
    expect(renderReply('ACCEPTED', ctx(), config).text).toContain(
      'A Ouvidoria atua de segunda a quinta-feira, das 10:00 às 16:00, exceto feriados.',
    );
  });
});

describe('a reply to a message that names a case protocol (ReplyContext.citedProtocol)', () => {
  // Ana answers "Re: [OUV-2026-000001] Resposta da Ouvidoria" from her personal address: the mail
  // cannot join the case, and she is not someone who skipped support.
  const cited = (language: MessageLanguage, channel?: 'webform') =>
    ctx({
      citedProtocol: 'OUV-2026-000001',
      subject: 'Re: [OUV-2026-000001] Resposta da Ouvidoria',
      language,
      ticket: { status: 'none' },
      ...(channel ? { channel } : {}),
    });
  const LEAD: Record<MessageLanguage, string> = {
    'pt-BR':
      'Recebemos sua mensagem, mas ela não foi adicionada ao caso OUV-2026-000001. Por segurança, só juntamos a um caso da Ouvidoria as mensagens enviadas do endereço de e-mail usado para abri-lo',
    es: 'Recibimos su mensaje, pero no se añadió al caso OUV-2026-000001. Por seguridad, solo añadimos a un caso de la Ouvidoria los mensajes enviados desde la dirección de correo con la que se abrió',
    en: 'We have received your message, but it was not added to case OUV-2026-000001. For your security, we only add to an Ombudsman case the messages sent from the email address the case was opened with',
  };
  /** What a sender who skipped support is told: not her. */
  const SKIPPED: Record<MessageLanguage, string[]> = {
    'pt-BR': [
      'por isso ainda não podemos abrir um caso',
      'FALE PRIMEIRO COM A CENTRAL',
      'Não encontramos na sua mensagem',
    ],
    es: ['por eso todavía no podemos abrir un caso', 'HABLE PRIMERO CON LA CENTRAL'],
    en: ['so we cannot open an Ombudsman case yet', 'PLEASE CONTACT OUR SUPPORT CENTRE FIRST'],
  };
  const STILL_APPLIES: Record<MessageLanguage, Record<'NO_PRIOR_TICKET' | 'BILLING_QUESTION', string>> = {
    'pt-BR': { NO_PRIOR_TICKET: 'SE FOR UM ASSUNTO NOVO', BILLING_QUESTION: 'Para dúvidas sobre planos, faturas' },
    es: { NO_PRIOR_TICKET: 'SI SE TRATA DE UN ASUNTO NUEVO', BILLING_QUESTION: 'Para dudas sobre planes, facturas' },
    en: { NO_PRIOR_TICKET: 'IF THIS IS A NEW MATTER', BILLING_QUESTION: 'For questions about plans, invoices' },
  };
  const RECEIVED: Record<MessageLanguage, string> = {
    'pt-BR': 'Recebemos sua mensagem',
    es: 'Recibimos su mensaje',
    en: 'We have received your message',
  };

  it.each<[MessageLanguage, 'NO_PRIOR_TICKET' | 'BILLING_QUESTION']>([
    ['pt-BR', 'NO_PRIOR_TICKET'],
    ['es', 'NO_PRIOR_TICKET'],
    ['en', 'NO_PRIOR_TICKET'],
    ['pt-BR', 'BILLING_QUESTION'],
    ['es', 'BILLING_QUESTION'],
    ['en', 'BILLING_QUESTION'],
  ])('%s %s: opens with "not added to the case", then the guidance that still applies', (language, outcome) => {
    const mail = renderReply(outcome, cited(language), localConfig);
    const [, firstParagraph = ''] = mail.text.split('\n\n');
    expect(firstParagraph.startsWith(LEAD[language])).toBe(true);
    expect(htmlText(mail.html).replace(/ \./g, '.')).toContain(LEAD[language]);
    expect(mail.html).toMatch(/OUV-2026-000001[\s\S]*?href="http:\/\/127\.0\.0\.1:3000\/consulta"/);
    expect(mail.text.indexOf(STILL_APPLIES[language][outcome])).toBeGreaterThan(mail.text.indexOf(LEAD[language]));
    expect(mail.text.split(RECEIVED[language]).length - 1).toBe(1);
    for (const wrong of SKIPPED[language]) expect(mail.text).not.toContain(wrong);
  });

  it.each<[MessageLanguage, string]>([
    ['pt-BR', 'Ouvidoria: sua mensagem não foi adicionada ao caso'],
    ['es', 'Ouvidoria: su mensaje no se añadió al caso'],
    ['en', 'Ombudsman: your message was not added to the case'],
  ])('%s webform: the subject says so too (%s)', (language, subject) => {
    expect(renderReply('NO_PRIOR_TICKET', cited(language, 'webform'), localConfig).subject).toBe(subject);
  });

  it.each<ReplyOutcome>(['TICKET_INVALID', 'ACCESS_ISSUE'])('%s keeps its own guidance after the lead', (outcome) => {
    const mail = renderReply(
      outcome,
      { ...cited('pt-BR'), ticket: { status: 'invalid', number: '48213', why: 'not_found' } },
      localConfig,
    );
    expect(mail.text.split('\n\n')[1]?.startsWith(LEAD['pt-BR'])).toBe(true);
    expect(mail.text).toContain(outcome === 'TICKET_INVALID' ? 'Não localizamos o chamado' : 'sem acesso ao painel');
  });

  // Journey 50: Mariana answered from Gmail with her right ticket number; TICKET_INVALID's "confira o
  // número… responda com o número correto" right after the lead read as a second, contradicting mail.
  const NEW_MATTER: Record<MessageLanguage, string> = {
    'pt-BR': 'SE FOR UM ASSUNTO NOVO',
    es: 'SI SE TRATA DE UN ASUNTO NUEVO',
    en: 'IF THIS IS A NEW MATTER',
  };
  const guided: Array<[ReplyOutcome, Partial<ReplyContext>]> = [
    ['NO_PRIOR_TICKET', {}],
    ['NO_PRIOR_TICKET', { ticket: { status: 'invalid', number: '88231', why: 'not_found' }, variant: 'disowned' }],
    ['TICKET_INVALID', { ticket: { status: 'invalid', number: '48213', why: 'not_owner' } }],
    ['TICKET_INVALID', { ticket: { status: 'invalid', number: '48213', why: 'not_found' }, variant: 'on-behalf' }],
    ['ACCESS_ISSUE', {}],
    ['BILLING_QUESTION', {}],
    ['NOT_A_CLIENT', {}],
    ['NOT_A_CLIENT', { variant: 'shopper' }],
    ['OUT_OF_SCOPE_FEATURE', {}],
    ['OUT_OF_SCOPE_COMMERCIAL', {}],
  ];
  it.each(
    (['pt-BR', 'es', 'en'] as const).flatMap((language) =>
      guided.map(([outcome, extra]) => [language, outcome, extra] as const),
    ),
  )('%s %s %j: one message — the lead, then the guidance under the new-matter heading', (language, outcome, extra) => {
    const mail = renderReply(outcome, { ...cited(language), ...extra }, localConfig);
    const paragraphs = mail.text.split('\n\n');
    expect(paragraphs[1]?.startsWith(LEAD[language])).toBe(true);
    expect(paragraphs[2]).toBe(NEW_MATTER[language]);
    expect(mail.text.split(NEW_MATTER[language]).length - 1).toBe(1);
    expect(mail.text.split(RECEIVED[language]).length - 1).toBe(1);
  });

  it('ACCEPTED: no lead (the case she opened is the one the acknowledgement names)', () => {
    expect(renderReply('ACCEPTED', cited('pt-BR'), localConfig).text).not.toContain('não foi adicionada ao caso');
  });
});

// Journey 47: a mail without a footer (the webform's confirmation link) ended "-- " over nothing.
describe('renderMail — the footer and its separator go together', () => {
  it.each<[string, MailBlock[], boolean]>([
    ['with a footer', [{ p: ['Esta é uma resposta automática.'] }], true],
    ['without one', [], false],
  ])('%s', (_label, footer, separated) => {
    const mail = renderMail('Assunto', [{ p: ['Olá, Maria,'] }], footer);
    expect(/^-- $/m.test(mail.text)).toBe(separated);
    expect(mail.html.includes('<hr')).toBe(separated);
    expect(mail.text.endsWith(separated ? 'Esta é uma resposta automática.\n' : 'Olá, Maria,\n')).toBe(true);
  });
});

// Triage 57 answers a number she cites and disowns ("é de vocês? não abri chamado nenhum", a forwarded
// phishing mail's "chamado #88231") as with no ticket; its reply said no number was in her message.
describe('NO_PRIOR_TICKET to a number she disowns (variant disowned)', () => {
  const disowned = (language: MessageLanguage, channel: 'email' | 'webform' = 'email') =>
    renderReply(
      'NO_PRIOR_TICKET',
      {
        subject: 'Fwd: Seu chamado #88231 foi atualizado',
        receivedAt: '2026-11-25T13:00:00.000Z',
        language,
        channel,
        variant: 'disowned',
        ticket: { status: 'invalid', number: '88231', why: 'not_found' },
      },
      localConfig,
    ).text;
  it.each([
    [
      'pt-BR',
      'Não localizamos o chamado nº 88231',
      'você nos conta que não abriu chamado',
      'não clique nos links',
      'número de um chamado anterior',
    ],
    [
      'es',
      'No localizamos el ticket nº 88231',
      'no abrió ningún ticket',
      'no haga clic en los enlaces',
      'número de un ticket anterior',
    ],
    [
      'en',
      'We could not find ticket no. 88231',
      'you opened no ticket',
      'do not click its links',
      'number of a previous ticket',
    ],
  ] as const)(
    '%s: names the number as none of hers, warns about the mail, never says she gave none',
    (language, found, hers, warn, none) => {
      const text = disowned(language);
      expect(text).toContain(found);
      expect(text).toContain(hers);
      expect(text).toContain(warn);
      expect(text).not.toContain(none);
    },
  );

  it("on the webform, the number is the form's address's", () => {
    expect(disowned('pt-BR', 'webform')).toContain('vinculado ao endereço de e-mail informado no formulário');
  });

  it('without the variant the reply is as before', () => {
    const text = renderReply(
      'NO_PRIOR_TICKET',
      {
        subject: 's',
        receivedAt: '2026-11-25T13:00:00.000Z',
        ticket: { status: 'invalid', number: '88231', why: 'not_found' },
      },
      localConfig,
    ).text;
    expect(text).toContain('número de um chamado anterior');
    expect(text).not.toContain('88231');
  });
});

// Journeys 62: "ja abri 3 chamados sobre o frete … e ngm resolve nada" got "Não encontramos … o número de um chamado
// anterior" and "Fale primeiro com a Central de Atendimento": it contradicted her, as if nobody read her mail.
describe('NO_PRIOR_TICKET to her who says she already opened a ticket (variant already-opened)', () => {
  const opened = (language: MessageLanguage, channel: 'email' | 'webform' = 'email', citedProtocol?: string) =>
    renderReply(
      'NO_PRIOR_TICKET',
      {
        subject: 'frete some do checkout',
        receivedAt: '2026-11-25T13:00:00.000Z',
        language,
        channel,
        variant: 'already-opened',
        ticket: { status: 'none' },
        ...(citedProtocol ? { citedProtocol } : {}),
      },
      localConfig,
    );
  it.each([
    [
      'pt-BR',
      'email',
      'você já procurou a nossa Central de Atendimento',
      'no e-mail de confirmação que a Central de Atendimento enviou',
      'responda a este e-mail informando o número',
      'AINDA NÃO ABRIU UM CHAMADO?',
      ['número de um chamado anterior', 'FALE PRIMEIRO COM A CENTRAL'],
    ],
    [
      'pt-BR',
      'webform',
      'você já procurou a nossa Central de Atendimento',
      'não o encontramos no formulário',
      'envie novamente o formulário da Ouvidoria',
      'AINDA NÃO ABRIU UM CHAMADO?',
      ['número de um chamado anterior', 'FALE PRIMEIRO COM A CENTRAL'],
    ],
    [
      'es',
      'email',
      'usted ya acudió a nuestra Central de Atención',
      'en el correo de confirmación que la Central de Atención le envió',
      'responda a este correo indicando ese número',
      '¿TODAVÍA NO ABRIÓ UN TICKET?',
      ['número de un ticket anterior', 'HABLE PRIMERO CON LA CENTRAL'],
    ],
    [
      'en',
      'email',
      'you have already been to our Support Centre',
      'in the confirmation email our Support Centre sent',
      'reply to this email giving that number',
      'HAVE NOT OPENED A TICKET YET?',
      ['number of a previous ticket', 'PLEASE CONTACT OUR SUPPORT CENTRE FIRST'],
    ],
  ] as const)(
    '%s %s: answers what she said, tells where the number is and how to send it, then the support centre',
    (language, channel, read, where, send, notYet, never) => {
      const { text } = opened(language, channel);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(read);
      expect(flat).toContain(where);
      expect(flat).toContain(send);
      // Her answer first; the support centre and how to open a ticket after, under the "not yet" heading.
      expect(text.indexOf(send)).toBeLessThan(text.indexOf(notYet));
      expect(text.indexOf(notYet)).toBeLessThan(text.indexOf(localConfig.links.openTicket));
      for (const words of never) expect(text).not.toContain(words);
    },
  );

  it.each([
    ['pt-BR', 'Ouvidoria: informe o número do seu chamado'],
    ['es', 'Ouvidoria: indíquenos el número de su ticket'],
    ['en', 'Ombudsman: please send us your ticket number'],
  ] as const)('%s: the form is answered under a subject that asks for the number', (language, subject) => {
    expect(opened(language, 'webform').subject).toBe(subject);
    expect(opened(language).subject).toBe('Re: frete some do checkout');
  });

  it('under a cited protocol, the guidance after the lead is the new matter’s, once', () => {
    const { text } = opened('pt-BR', 'email', 'OUV-2026-000123');
    expect(text).toContain('não foi adicionada ao caso OUV-2026-000123');
    expect(text.split('SE FOR UM ASSUNTO NOVO').length - 1).toBe(1);
    expect(text).not.toContain('você já procurou');
  });
});

// Journeys 62: "já abri 3 chamados e continuo sem acesso ao painel da loja" was told "fale com o suporte técnico
// abrindo um chamado"; "já falei com o suporte e a mensalidade continua vindo cobrada em dobro", pointed to the
// knowledge base as if she had not been to support. Her reply opens by asking for that ticket's number.
describe('ACCESS_ISSUE and BILLING_QUESTION to her who says she already opened a ticket (variant already-opened)', () => {
  const render = (
    outcome: 'ACCESS_ISSUE' | 'BILLING_QUESTION',
    language: MessageLanguage,
    variant?: 'already-opened',
    channel: 'email' | 'webform' = 'email',
  ) =>
    renderReply(
      outcome,
      {
        subject: 'painel',
        receivedAt: '2026-11-25T13:00:00.000Z',
        language,
        channel,
        ticket: { status: 'none' },
        ...(variant ? { variant } : {}),
      },
      localConfig,
    ).text.replace(/\s+/g, ' ');
  // Per language: her answer, where the number is, how to send it; the outcome's own guidance; "open a ticket"
  // and "if you already went to support, send the number" (both said to her already), never.
  const WORDS = {
    'pt-BR': {
      read: 'você já procurou a nossa Central de Atendimento',
      where: 'no e-mail de confirmação que a Central de Atendimento enviou',
      send: 'responda a este e-mail informando o número',
      access: 'Entendemos que você está sem acesso ao painel administrativo',
      billing: 'Base de Conhecimento tem o direcionamento',
      openAgain: 'abrindo um chamado',
      comeBack: 'Se você já passou pelos canais de atendimento',
    },
    es: {
      read: 'usted ya acudió a nuestra Central de Atención',
      where: 'en el correo de confirmación que la Central de Atención le envió',
      send: 'responda a este correo indicando ese número',
      access: 'Entendemos que está sin acceso al panel de administración',
      billing: 'Base de Conocimiento tiene la orientación',
      openAgain: 'abriendo un ticket',
      comeBack: 'Si ya pasó por los canales de atención',
    },
    en: {
      read: 'you have already been to our Support Centre',
      where: 'in the confirmation email our Support Centre sent',
      send: 'reply to this email giving that number',
      access: 'We understand you cannot access your store’s admin panel',
      billing: 'our Knowledge Base has the guidance you need',
      openAgain: 'by opening a ticket',
      comeBack: 'If you have already been through our support channels',
    },
  } as const;
  it.each([
    ['ACCESS_ISSUE', 'pt-BR'],
    ['ACCESS_ISSUE', 'es'],
    ['ACCESS_ISSUE', 'en'],
    ['BILLING_QUESTION', 'pt-BR'],
    ['BILLING_QUESTION', 'es'],
    ['BILLING_QUESTION', 'en'],
  ] as const)(
    '%s %s: asks for her ticket’s number first, then its own guidance, not "open a ticket"',
    (outcome, language) => {
      const w = WORDS[language];
      const own = outcome === 'ACCESS_ISSUE' ? w.access : w.billing;
      const text = render(outcome, language, 'already-opened');
      for (const words of [w.read, w.where, w.send, own]) expect(text).toContain(words);
      expect(text.indexOf(w.send)).toBeLessThan(text.indexOf(own));
      expect(text).not.toContain(w.openAgain);
      expect(text).not.toContain(w.comeBack);
      // Said once: the lead's "received" opens the mail, the guidance does not say it again.
      expect(text.split(CITED_RECEIVED[language]).length - 1).toBe(1);
    },
  );

  it.each([
    ['ACCESS_ISSUE', 'pt-BR'],
    ['ACCESS_ISSUE', 'en'],
    ['BILLING_QUESTION', 'pt-BR'],
    ['BILLING_QUESTION', 'es'],
  ] as const)('%s %s without the variant: as before', (outcome, language) => {
    const w = WORDS[language];
    const text = render(outcome, language);
    expect(text).not.toContain(w.read);
    expect(text).toContain(outcome === 'ACCESS_ISSUE' ? w.access : w.billing);
    expect(text).toContain(w.comeBack);
    if (outcome === 'ACCESS_ISSUE') expect(text).toContain(w.openAgain);
  });

  it('the form: asks her to send the form again with the number, in its field', () => {
    const text = render('ACCESS_ISSUE', 'pt-BR', 'already-opened', 'webform');
    expect(text).toContain('não o encontramos no formulário');
    expect(text).toContain('envie novamente o formulário da Ouvidoria');
    expect(text).not.toContain('abrindo um chamado');
  });
});

const CITED_RECEIVED: Record<MessageLanguage, string> = {
  'pt-BR': 'Recebemos sua mensagem.',
  es: 'Recibimos su mensaje.',
  en: 'We have received your message.',
};
