import { consoleCaseLink } from '../../../../shared/domain/console-link';
import { describe, expect, it } from 'vitest';
import { renderAnalystNotice } from '../../../../shared/domain/assignment';
import { type CaseRecord, REPLY_TO_BOUNCED } from '../../../../shared/domain/case';
import { localConfig } from '../../../../shared/domain/config';
import type { Analyst } from '../../../../shared/domain/staff';
import {
  greetsMerchant,
  letterParts,
  renderAnswerToMerchant,
  renderClosingMail,
  renderEscalation,
  renderExtensionNotice,
  renderMerchantMessageToAnalyst,
  renderReminder,
  renderReopenNotice,
  renderStaffExplanation,
  staffMayRetry,
  renderTransferNotice,
  renderTransferredAway,
  renderUndeliverableNotice,
} from '../../../../shared/domain/lifecycle/messages';
import { merchantReplied } from '../../../../shared/domain/lifecycle/machine';
import { reopenUntilText } from '../../../../shared/domain/lifecycle/merchant-words';
import { publicCaseView } from '../../../../shared/domain/lifecycle/status-page';
import { surveyLinks } from '../../../../shared/domain/lifecycle/survey';
import { type RenderedMail, renderReply, threadTopic } from '../../../../shared/domain/replies';
import type { WorkCase } from '../../../../shared/domain/lifecycle/types';
import { aDecision } from '../../../support/builders';
import { ctxAt, PROTOCOL, SECRET, workCase, ANSWERS_UNDER_QUESTIONS } from '../../../support/lifecycle-fakes';

/** When the staff mails are sent: a week before the case's due date (workCase: 24/03/2026 às 10:00). */
const NOW = new Date('2026-03-17T13:00:00.000Z');

/** Every mail to the merchant goes under the case's one subject (her mail's, with the protocol). */
const THREAD = `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`;
const XSS = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const hostile = workCase({ senderName: `Maria ${XSS}`, subject: `Fatura ${XSS}` });
/** Closed by the analyst on Thu 19/03/2026 at 12:00 (São Paulo). */
const closedCase = (fields: Parameters<typeof workCase>[0] = {}) =>
  workCase({ status: 'CLOSED', closedAt: '2026-03-19T15:00:00.000Z', ...fields });
const merchantMessage = {
  sourceId: 'merchant-2',
  channel: 'email' as const,
  receivedAt: '2026-03-12T14:00:00.000Z',
  subject: `Re: [${PROTOCOL}] Resposta ${XSS}`,
  text: `Segue o comprovante ${XSS}.\n\nEm qui., 12 de mar. de 2026 às 10:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:\n> Olá, Maria.`,
  attachments: [{ filename: `comprovante${XSS}.pdf`, contentType: 'application/pdf', size: 1000, inline: false }],
};
const ana = { id: 'ana', name: 'Ana Lima' };

function assertSafe(mail: RenderedMail): void {
  expect(mail.html).not.toContain('<script>');
  expect(mail.html).not.toContain('<img src=x');
  expect(mail.subject).toContain(`[${PROTOCOL}]`);
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.html).toContain('<html lang="pt-BR">');
}

const links = surveyLinks(PROTOCOL, new Date('2026-03-20T15:00:00.000Z'), SECRET, localConfig);

const ALL: Array<[string, () => RenderedMail]> = [
  ['answer to merchant', () => renderAnswerToMerchant(hostile, `Olá.\n\nTexto do analista ${XSS}`, localConfig)],
  [
    'merchant message to analyst',
    () => renderMerchantMessageToAnalyst(hostile, merchantMessage, ana, localConfig, NOW),
  ],
  [
    'released merchant message to analyst',
    () =>
      renderMerchantMessageToAnalyst(
        hostile,
        { ...merchantMessage, released: { by: 'sofia', at: '2026-03-12T14:20:00.000Z' } },
        ana,
        localConfig,
        NOW,
        { releasedBy: `Sofia ${XSS}` },
      ),
  ],
  [
    'closing',
    () => renderClosingMail(hostile, { category: 'parcial', summary: XSS, message: XSS }, links, localConfig),
  ],
  [
    'extension',
    () =>
      renderExtensionNotice(hostile, { businessDays: 5, reason: XSS, dueAt: '2026-03-31T13:00:00.000Z' }, localConfig),
  ],
  [
    'reopen notice',
    () => renderReopenNotice(hostile, '2026-03-26T14:00:00.000Z', localConfig, { analystAvailable: true }),
  ],
  ['reminder', () => renderReminder(hostile, ana, localConfig, NOW)],
  ['escalation', () => renderEscalation(hostile, { name: 'Sofia' }, ana, localConfig, NOW)],
  ['transfer', () => renderTransferNotice(hostile, { id: 'carla', name: 'Carla' }, 'Ana Lima', XSS, localConfig, NOW)],
  [
    'transfer with files',
    () =>
      renderTransferNotice(
        hostile,
        { id: 'carla', name: 'Carla' },
        'Ana Lima',
        undefined,
        localConfig,
        NOW,
        new Map(),
        undefined,
        {
          parts: [{ filename: XSS, contentType: 'application/pdf', size: 10, inline: false }],
          leftOut: [{ filename: XSS, why: 'format' }],
        },
      ),
  ],
  [
    'explanation',
    () =>
      renderStaffExplanation(
        hostile,
        ana,
        [{ code: 'unknown-command', message: 'Comando desconhecido', line: `#x ${XSS}` }],
        localConfig,
      ),
  ],
];

describe('lifecycle mails', () => {
  it.each(ALL)('%s: protocol in the subject, merchant and staff text escaped', (_what, render) => {
    assertSafe(render());
  });

  const TO_MERCHANT = new Set(['answer to merchant', 'extension', 'reopen notice']);
  it.each(ALL.filter(([what]) => TO_MERCHANT.has(what)))(
    '%s: the footer says how to add information once, in plain words',
    (_what, render) => {
      const mail = render();
      const footer = `Para acrescentar informações, basta responder a este e-mail mantendo o protocolo ${PROTOCOL} no assunto.`;
      expect(mail.text).toContain(footer);
      expect(mail.html).toContain(`basta responder a este e-mail mantendo o protocolo <strong>${PROTOCOL}</strong>`);
      expect(mail.text).not.toMatch(/Para responder, responda/);
    },
  );

  const TO_STAFF = new Set([
    'merchant message to analyst',
    'released merchant message to analyst',
    'reminder',
    'escalation',
    'transfer',
    'transfer with files',
    'explanation',
  ]);
  it.each(ALL)('%s: a console link only in mail to the staff', (what, render) => {
    const mail = render();
    const link = `${localConfig.webformOrigin}/equipe?caso=${encodeURIComponent(hostile.caseId)}`;
    if (TO_STAFF.has(what) && what !== 'explanation') {
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(link.replace(/&/g, '&amp;'));
    } else if (!TO_STAFF.has(what)) {
      expect(mail.text).not.toContain('/equipe');
      expect(mail.html).not.toContain('/equipe');
    }
  });

  it('the answer: the analyst text, greeted and signed by the office, with the due date; no analyst address', () => {
    const mail = renderAnswerToMerchant(workCase(), 'O estorno foi pedido e sai em até 5 dias úteis.', localConfig);
    expect(mail.subject).toBe(THREAD);
    expect(mail.text).toContain(
      'Olá, Maria Aparecida,\n\nO estorno foi pedido e sai em até 5 dias úteis.\n\nAtenciosamente,\nOuvidoria\n\n-- \nPrazo de resposta: até 24/03/2026.',
    );
    expect(mail.html).toContain('Prazo de resposta: até <strong>24/03/2026</strong>');
    expect(mail.text).not.toContain('ana@');
  });

  it('the answer sent with #prorrogar: the new date and the reason instead of the plain due date', () => {
    const extension = {
      businessDays: 3,
      reason: 'aguardando o laudo do financeiro',
      dueAt: '2026-03-27T20:59:00.000Z',
    };
    const mail = renderAnswerToMerchant(workCase(), 'Pedimos o estorno ao financeiro.', localConfig, extension);
    // The news under the greeting, above the "-- " that mail clients fold away as a signature.
    expect(mail.text).toContain(
      'Olá, Maria Aparecida,\n\nO prazo de resposta do seu caso OUV-2026-000123 foi prorrogado em 3 dias úteis. Novo prazo: até 27/03/2026.\n\nMotivo: aguardando o laudo do financeiro\n\nPedimos o estorno ao financeiro.\n\nAtenciosamente,\nOuvidoria\n\n-- \n',
    );
    expect(mail.text).not.toContain('Prazo de resposta: até');
    expect(mail.html).toContain('Novo prazo: até <strong>27/03/2026</strong>');
    const footer = mail.text.slice(mail.text.indexOf('\n-- \n'));
    expect(footer).not.toContain('27/03/2026');
  });

  it('the answer sent with #prorrogar, greeted and signed by the analyst: the news after her text, above the footer', () => {
    const extension = { businessDays: 3, reason: 'aguardando o banco', dueAt: '2026-03-27T20:59:00.000Z' };
    const mail = renderAnswerToMerchant(
      workCase(),
      'Olá, Maria.\nPedimos o estorno.\n\nAbraço,\nAna',
      localConfig,
      extension,
    );
    expect(mail.text.startsWith('Olá, Maria.\nPedimos o estorno.\n\nAbraço,\nAna\n\nO prazo de resposta')).toBe(true);
    expect(mail.text.indexOf('Motivo: aguardando o banco')).toBeLessThan(mail.text.indexOf('\n-- \n'));
  });

  it('the answer: an analyst who greets and signs is not greeted or signed over', () => {
    const mail = renderAnswerToMerchant(workCase(), 'Olá, Maria.\nO estorno foi pedido.\n\nAbraço,\nAna', localConfig);
    expect(mail.text.startsWith('Olá, Maria.\nO estorno foi pedido.\n\nAbraço,\nAna\n\n-- \n')).toBe(true);
    expect(mail.text.match(/Olá/g)).toHaveLength(1);
    expect(mail.text).not.toContain('Atenciosamente');
    expect(mail.html.match(/Olá/g)).toHaveLength(1);
  });

  it.each([
    ['Olá, Maria.\nO estorno foi pedido.', true, false],
    ['Bom dia, Fernanda!\n\nVerifiquei a cobrança.', true, false],
    ['Prezada Sra. Fernanda,\nsegue a posição do financeiro.', true, false],
    ['Oi Maria, tudo bem?\nJá resolvi.', true, false],
    // One long line (the console's textarea is not wrapped like a mail): the greeting still opens it.
    [
      'Olá, Renata! Verificamos a cobrança em dobro da fatura de novembro e o estorno já foi pedido ao financeiro, com crédito em até 5 dias úteis.',
      true,
      false,
    ],
    [
      'Boa tarde, Renata, conferimos o pedido 10234 com a transportadora e a entrega foi reagendada para segunda-feira pela manhã.',
      true,
      false,
    ],
    ['Hola Juan,\nya lo revisamos.\n\nSaludos,\nAna', true, true],
    ['O estorno foi pedido.\n\nAtenciosamente,\nAna Souza\nOuvidoria', false, true],
    ['O estorno foi pedido.\n\nAtt.\nAna', false, true],
    ['O estorno foi pedido.\n\nAna\nOuvidoria', false, true],
    ['O estorno foi pedido.\n\nAna Souza - Ouvidoria\n(11) 4000-1234', false, true],
    ['O estorno foi pedido.\n\nEquipe da Ouvidoria', false, true],
    ['O estorno foi pedido.\nObrigada pela paciência!', false, true],
    ['O estorno foi pedido.\nMuito obrigada pela paciência e pela compreensão, Maria!', false, true],
    // A sentence of the answer that opens with thanks is no sign-off: the office still signs.
    [
      'Olá, Mariana!\n\nObrigada pelo contato. Já acionei a equipe de integrações para verificar a sincronização com o seu ERP.',
      true,
      false,
    ],
    ['Obrigado por aguardar: o estorno foi pedido ao financeiro e sai na próxima fatura.', false, false],
    // Not greetings or sign-offs: a first line about the case, a last line that only mentions the office.
    ['Olhei o seu caso com o financeiro.\nO estorno sai amanhã.', false, false],
    ['O estorno foi pedido.\nA Ouvidoria acompanha até o crédito aparecer.', false, false],
    ['Caro é o plano anual, mas o valor cobrado está certo.', false, false],
    ['', false, false],
    // A numbered or bulleted first line still opens with the analyst's greeting.
    ['1. Olá! Verifiquei a integração da sua loja.\n2. O estoque volta a sincronizar hoje.', true, false],
    ['1) Bom dia, Fernanda! Seguem os pontos:\n2) o estorno foi pedido.', true, false],
    ['- Oi, Maria, tudo bem?\n- Já pedi o estorno.', true, false],
    ['1. Olhei o seu caso com o financeiro.\n2. O estorno sai amanhã.', false, false],
    ['10. Hola Juan, ya lo revisamos.', true, false],
  ])('letterParts(%j) → greets %s, signs %s', (body, greets, signs) => {
    expect(letterParts(body, localConfig)).toMatchObject({ greets, signs });
  });

  // An answer that opens by calling her by name is greeted already: "Olá, Mariana Bella," above
  // "Mariana, o print chegou sem anexo." called her twice. Another name, or her name inside a
  // sentence, is no greeting.
  it.each([
    ['Mariana, o print chegou sem anexo. Pode reenviar o arquivo, por favor?', 'Mariana Bella', true],
    ['Mariana Bella: seguem os dados do repasse.', 'Mariana Bella', true],
    ['MARIANA, bom dia! O estorno foi pedido.', 'Mariana Bella', true],
    ['Fernanda!\n\nO estorno sai amanhã.', 'Fernanda Lima', true],
    ['Mariana, o print chegou sem anexo.', undefined, false],
    ['Marina, o print chegou sem anexo.', 'Mariana Bella', false],
    ['Mariana Bella informou o CNPJ errado no cadastro.', 'Mariana Bella', false],
    ['Marianas, lojas e marcas: o repasse sai amanhã.', 'Mariana Bella', false],
    ['Maria, o estorno foi pedido.', 'Maria. Seu PIX foi bloqueado, regularize em https://golpe.example', false],
    // A namesake in apposition is someone else: the office still greets her.
    ['Ana, a analista do suporte, confirmou o estorno.', 'Ana Paula', false],
    ['Ana, o atendente que cuidou do chamado, já respondeu.', 'Ana Paula Souza', false],
    ['Carla, nossa gerente, aprovou o repasse.', 'Carla Dias', false],
    ['Ana Paula, a analista do suporte confirmou o estorno.', 'Ana Paula', true],
    ['Ana Paula, o estorno foi pedido.', 'Ana Paula', true],
    ['Ana, o estorno foi pedido.', 'Ana Paula', true],
  ] as const)('letterParts(%j) with the merchant %j → greets %s', (body, name, greets) => {
    expect(letterParts(body, localConfig, name).greets).toBe(greets);
  });

  it.each([
    // Her, by her first name after a greeting, or her name opening the line.
    ['Olá Maria, a integração foi corrigida pela equipe de produto.', 'Maria Souza', true],
    ['Olá, Maria! Tudo bem?', 'Maria Souza', true],
    ['Bom dia Maria. Pedimos o estorno.', 'Maria Souza', true],
    ['boa tarde, maria aparecida, o repasse sai amanhã', 'Maria Aparecida', true],
    ['Oi Maria tudo bem? Seguem os dados.', 'Maria Souza', true],
    ['1. Olá, João! Verifiquei o pedido.', 'João Pedro', true],
    ['Maria, o estorno foi pedido.', 'Maria Souza', true],
    ['Hola Lucía, ya hicimos el reembolso.', 'Lucía Gómez', true],
    ['\n\nHi Sarah, your refund was issued.', 'Sarah Jones', true],
    // A formal salutation the office writes only to a merchant, with or without her name.
    ['Prezada Sra. Fernanda,', undefined, true],
    ['Prezado cliente,', 'Maria Souza', true],
    ['Estimada Lucía:', undefined, true],
    // A greeting that may be to a colleague: not her.
    ['Oi Carla, pode assumir este caso amanhã?', 'Maria Souza', false],
    ['Bom dia, pessoal! Lojista ligou de novo.', 'Maria Souza', false],
    ['Olá, tudo bem? Lojista ligou.', 'Maria Souza', false],
    ['Olá equipe, ERP aplicou o hotfix.', undefined, false],
    ['Olá Mariana, a fatura segue.', 'Maria Souza', false],
    ['Cara Carla, veja a fatura.', 'Maria Souza', false],
    ['Lojista ligou, pediu retorno hoje.', 'Maria Souza', false],
    ['Maria ligou de novo, pediu retorno.', 'Maria Souza', false],
  ] as const)('greetsMerchant(%j, %j) → %s', (body, name, expected) => {
    expect(greetsMerchant(body, name)).toBe(expected);
  });

  it('an answer calling her by name is relayed without the office’s "Olá, <name>," above it', () => {
    const c = workCase({ senderName: 'Mariana Bella' });
    const mail = renderAnswerToMerchant(c, 'Mariana, o print chegou sem anexo. Pode reenviar o arquivo?', localConfig);
    expect(mail.text.startsWith('Mariana, o print chegou sem anexo.')).toBe(true);
    expect(mail.text).not.toContain('Olá');
    const closing = renderClosingMail(
      c,
      { category: 'resolvido', summary: 'repasse liberado', message: 'Mariana, o repasse foi liberado hoje.' },
      [],
      localConfig,
    );
    expect(closing.text.startsWith('Mariana, o repasse foi liberado hoje.')).toBe(true);
    expect(closing.text).not.toContain('Olá');
  });

  // Her name (or "Pessoal", "Sr. João") and then the greeting: "Mariana, bom dia!" opens the letter
  // whether or not her name is on the case (a role address — lojista@, financeiro@ — has none).
  // Read as no greeting, the office put "Olá," above it and the #prorrogar news between the two.
  it.each([
    ['Mariana, bom dia!\n\nRecebemos os prints.', true],
    ['Mariana, boa tarde. O estorno foi pedido.', true],
    ['MARIANA COSTA, BOA NOITE!', true],
    ['Sr. João, boa tarde!\nO repasse sai amanhã.', true],
    ['Pessoal da Modas Bella, bom dia!', true],
    ['Mariana, tudo bem? Seguem os dados.', true],
    ['Juan, buenos días. Ya lo revisamos.', true],
    ['Sarah, good morning! Your refund was issued.', true],
    // No greeting: a sentence that only goes on past a comma, or more than a name before it.
    ['Mariana, o print chegou sem anexo.', false],
    ['O pedido 1042 foi entregue, bom dia para conferir é segunda.', false],
    ['Conferimos o pedido com a transportadora e o financeiro, tudo bem resolvido.', false],
  ] as const)('letterParts(%j) with no name on the case → greets %s', (body, greets) => {
    expect(letterParts(body, localConfig, undefined).greets).toBe(greets);
  });

  it('an answer opening "Mariana, bom dia!" with #prorrogar: one greeting, hers, and the news after her text', () => {
    const extension = { businessDays: 5, reason: 'aguardando o conector do ERP', dueAt: '2026-03-31T13:00:00.000Z' };
    const c = workCase({ senderName: undefined });
    const body = 'Mariana, bom dia!\n\nRecebemos os prints e a relação dos pedidos 1042 e 1043.';
    const mail = renderAnswerToMerchant(c, body, localConfig, extension);
    expect(mail.text.startsWith(body)).toBe(true);
    expect(mail.text).not.toContain('Olá');
    expect(mail.html).not.toContain('Olá');
    expect(mail.text).toContain('Novo prazo: até 31/03/2026.');
    const plain = renderAnswerToMerchant(c, body, localConfig);
    expect(plain.text.startsWith(body)).toBe(true);
    expect(plain.text).not.toContain('Olá');
  });

  it('an answer opening with a numbered greeting ("1. Olá!") is not greeted again', () => {
    const mail = renderAnswerToMerchant(
      workCase(),
      '1. Olá! Verifiquei a integração da sua loja.\n2. O estoque volta a sincronizar hoje.\n\nPode confirmar se os pedidos aparecem?',
      localConfig,
    );
    expect(mail.text.startsWith('1. Olá! Verifiquei a integração da sua loja.')).toBe(true);
    expect(mail.text.match(/Olá/g)).toHaveLength(1);
    expect(mail.html.match(/Olá/g)).toHaveLength(1);
  });

  it.each([
    ['O estorno foi pedido.\n\nAtenciosamente,', true],
    ['O estorno foi pedido.\nAbraços,', true],
    ['O estorno foi pedido.\n\nAtenciosamente,\nAna Souza\nOuvidoria', false],
    ['O estorno foi pedido.', false],
  ])('letterParts(%j) → a bare closing at the end: %s', (body, closingOnly) => {
    expect(letterParts(body, localConfig).closingOnly).toBe(closingOnly);
  });

  it('an answer whose own signature was cut ends with the office’s name under its closing', () => {
    const mail = renderAnswerToMerchant(
      workCase(),
      'Olá, Maria. O estorno foi feito hoje.\n\nAtenciosamente,',
      localConfig,
    );
    expect(mail.text).toMatch(/Atenciosamente,\s+Ouvidoria/);
    expect(mail.text.match(/Atenciosamente/g)).toHaveLength(1);
  });

  it('the closing mail: category, summary, text and five survey links in both parts', () => {
    const mail = renderClosingMail(
      closedCase(),
      { category: 'nao-resolvido', summary: 'sem retorno', message: 'Tentamos contato.' },
      links,
      localConfig,
    );
    expect(mail.text).toContain('Resultado: Não resolvido.');
    expect(mail.text).toContain('Resumo: sem retorno');
    expect(mail.text).toContain('Tentamos contato.');
    for (const link of links) {
      expect(mail.text).toContain(link.url);
      expect(mail.html).toContain(link.url.replace(/&/g, '&amp;'));
    }
    expect(mail.text).toContain('5 — Muito satisfeito(a)');
    expect(mail.text).toContain('responda a este e-mail até 26/03/2026 às 12:00 e o caso será reaberto');
  });

  // The window's last day and time, not "em até 7 dias" (read as business days over the holidays).
  it.each([
    { days: 1, closedAt: '2026-03-19T15:00:00.000Z', says: 'até 20/03/2026 às 12:00 e o caso será reaberto' },
    { days: 7, closedAt: '2026-03-19T15:00:00.000Z', says: 'até 26/03/2026 às 12:00 e o caso será reaberto' },
    // Closed on 31/12 at 17:40 (São Paulo): the window ends on 07/01 at 17:40, whatever the holidays.
    { days: 7, closedAt: '2026-12-31T20:40:27.512Z', says: 'até 07/01/2027 às 17:40 e o caso será reaberto' },
  ])(
    'the closing mail names the reopen window’s last minute ($days days from $closedAt)',
    ({ days, closedAt, says }) => {
      const config = { ...localConfig, threading: { ...localConfig.threading, reopenWindowDays: days } };
      const mail = renderClosingMail(
        closedCase({ closedAt }),
        { category: 'resolvido', summary: 'estorno feito' },
        links,
        config,
      );
      expect(mail.text).toContain(`Se precisar, responda a este e-mail ${says}`);
      expect(mail.text).not.toMatch(/em até \d+ dias?/);
    },
  );

  // Closed on 31/12/2026 at 17:40:27 (São Paulo), the eve of the holiday: the mail says "até 07/01/2027
  // às 17:40"; her page says the same until then, and a reply in that minute reopens the case.
  it.each([
    { at: '2027-01-07T20:40:00.000Z', reopens: true },
    { at: '2027-01-07T20:40:59.000Z', reopens: true },
    { at: '2027-01-07T20:41:00.000Z', reopens: false },
  ])(
    'closed on 31/12 late afternoon: mail, status page and a reply at $at agree (reopens: $reopens)',
    ({ at, reopens }) => {
      const closed = closedCase({ closedAt: '2026-12-31T20:40:27.512Z' });
      const mail = renderClosingMail(closed, { category: 'resolvido', summary: 'estorno feito' }, links, localConfig);
      expect(mail.text).toContain('responda a este e-mail até 07/01/2027 às 17:40 e');
      const view = publicCaseView(closed, { now: new Date(at), config: localConfig });
      const reply = merchantReplied(closed, { sourceId: 'merchant-3' }, ctxAt(at));
      expect(reply.ok).toBe(reopens);
      if (reopens) {
        const reopen = view?.reopen;
        const until = typeof reopen === 'object' ? reopen.until : '';
        expect(reopenUntilText(until, localConfig.timeZone, 'pt-BR')).toBe('07/01/2027 às 17:40');
      } else {
        expect(view?.reopen).toBe('passed');
      }
    },
  );

  it.each([
    // The analyst greets: her text opens the mail, one greeting, then the resolution.
    [
      'Olá, Mariana. O webhook foi corrigido e o pedido 10234 já aparece no Bling.',
      [
        'Olá, Mariana. O webhook',
        'Seu caso',
        'Resultado: Procedente.',
        'Resumo: webhook corrigido',
        'Escolha uma nota',
      ],
    ],
    // No greeting of her own: the office greets, the resolution, then her text.
    [
      'O webhook foi corrigido e o pedido 10234 já aparece no Bling.',
      ['Olá, Maria Aparecida,', 'Seu caso', 'Resultado: Procedente.', 'Resumo: webhook corrigido', 'O webhook foi'],
    ],
  ])('the closing mail with %j reads in order, greeting once: %j', (message, order) => {
    const mail = renderClosingMail(
      closedCase(),
      { category: 'procedente', summary: 'webhook corrigido', message },
      links,
      localConfig,
    );
    const at = order.map((text) => mail.text.indexOf(text));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(mail.text.match(/Olá/g)).toHaveLength(1);
    expect(mail.html.match(/Olá/g)).toHaveLength(1);
  });

  it('the closing mail after the survey was answered: no survey links, a thank-you instead', () => {
    const mail = renderClosingMail(
      closedCase(),
      { category: 'procedente', summary: 'estorno da cobrança em duplicidade concluído' },
      links,
      localConfig,
      { surveyAnswered: true },
    );
    for (const part of [mail.text, mail.html]) {
      expect(part).not.toContain('/pesquisa');
      expect(part).not.toContain('Como foi o atendimento');
      expect(part).toContain('Obrigado por já ter avaliado o atendimento deste caso');
    }
    expect(mail.text).toContain('Resultado: Procedente.');
  });

  describe('the transfer notice', () => {
    const ana = { kind: 'staff' as const, id: 'ana', role: 'analyst' as const };
    const carla = { id: 'carla', name: 'Carla Souza' };
    const [first] = workCase().messages;
    const handedOver = workCase({
      status: 'IN_PROGRESS',
      messages: [
        first!,
        {
          sourceId: 'ses-staff-1',
          channel: 'email',
          receivedAt: '2026-03-11T14:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Novo caso atribuído a você`,
          text: 'Olá, Maria. Pedimos ao financeiro o estorno da segunda cobrança.',
          attachments: [],
          direction: 'out',
          author: 'ana',
        },
        {
          sourceId: 'ses-merchant-2',
          channel: 'email',
          receivedAt: '2026-03-12T12:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Resposta da Ouvidoria`,
          text: 'O estorno ainda não apareceu.\n\nEm qua., 11 de mar. de 2026, Ouvidoria escreveu:\n> Olá, Maria.',
          attachments: [],
        },
      ],
      history: [
        { type: 'answered', messageSourceId: 'ses-staff-1', at: '2026-03-11T14:00:00.000Z', actor: ana },
        {
          type: 'note',
          text: 'Financeiro prometeu o estorno até sexta.',
          at: '2026-03-11T16:00:00.000Z',
          actor: ana,
          sourceId: 'ses-staff-2',
        },
        {
          type: 'note',
          text: 'Estou de férias a partir de amanhã.',
          at: '2026-03-12T14:00:00.000Z',
          actor: ana,
          sourceId: 'ses-staff-3',
        },
        {
          type: 'transferred',
          from: 'ana',
          to: 'carla',
          at: '2026-03-12T14:00:00.000Z',
          actor: ana,
          sourceId: 'ses-staff-3',
        },
      ],
    });

    it.each([
      ['by the analyst who had it', undefined, 'foi transferido para você por Ana Lima.'],
      ['by the same person, named twice', 'Ana Lima', 'foi transferido para você por Ana Lima.'],
      [
        'by a supervisor while the analyst is on leave',
        'Sofia Ramos',
        'foi transferido para você por Sofia Ramos; estava com Ana Lima.',
      ],
    ])('says who transferred it: %s', (_who, byName, sentence) => {
      const mail = renderTransferNotice(handedOver, carla, 'Ana Lima', undefined, localConfig, NOW, new Map(), byName);
      expect(mail.text).toContain(sentence);
      expect(mail.html).toContain(sentence);
    });

    it('lists the merchant’s messages, the office’s answers and the internal notes (labelled), in order', () => {
      const mail = renderTransferNotice(
        handedOver,
        carla,
        'Ana Lima',
        'Estou de férias a partir de amanhã.',
        localConfig,
        NOW,
        new Map([['ana', 'Ana Lima']]),
      );
      const order = [
        'Fui cobrada duas vezes',
        'Resposta da Ouvidoria ao lojista (Ana Lima)',
        'Pedimos ao financeiro o estorno',
        'Nota interna — não enviada ao lojista (Ana Lima)',
        'Financeiro prometeu o estorno até sexta.',
        'O estorno ainda não apareceu.',
      ].map((text) => mail.text.indexOf(text));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(mail.html).toContain('Nota interna — não enviada ao lojista');
      expect(mail.html).toContain('Financeiro prometeu o estorno até sexta.');
      // The note sent with this transfer is shown once, in its own section; quoted history is cut.
      expect(mail.text.split('Estou de férias a partir de amanhã.')).toHaveLength(2);
      expect(mail.text).not.toContain('> Olá, Maria.');
    });

    const photo = { filename: 'IMG_0042.jpeg', contentType: 'image/jpeg', size: 2_600, inline: false, partId: '2' };
    const pdf = { filename: 'fatura-marco.pdf', contentType: 'application/pdf', size: 90_000, inline: false };
    const logo = { filename: 'image001.png', contentType: 'image/png', size: 4_000, inline: true, contentId: 'x' };
    const prints = Array.from({ length: 12 }, (_, i) => ({ ...photo, filename: `print-${i + 1}.png` }));
    it.each([
      [
        'an iPhone photo and a PDF, beside a signature logo',
        [logo, photo, pdf],
        'Arquivos enviados (estão na página do caso no console, em “abrir o caso”): IMG_0042.jpeg, fatura-marco.pdf.',
      ],
      [
        'twelve prints',
        prints,
        'Arquivos enviados (estão na página do caso no console, em “abrir o caso”): print-1.png, print-2.png, print-3.png, print-4.png, print-5.png, print-6.png, print-7.png, print-8.png, print-9.png, print-10.png e mais 2 arquivos.',
      ],
      [
        'a file without a name',
        [{ ...pdf, filename: undefined }],
        'Arquivos enviados (estão na página do caso no console, em “abrir o caso”): anexo-1.',
      ],
      ['only a signature logo', [logo], undefined],
    ])('names the files of her messages (%s), the images of their bodies aside', (_what, attachments, line) => {
      const withFiles = {
        ...handedOver,
        messages: handedOver.messages.map((m, i) => (i === 2 ? { ...m, attachments } : m)),
      };
      const mail = renderTransferNotice(withFiles, carla, 'Ana Lima', undefined, localConfig, NOW);
      if (line === undefined) expect(mail.text).not.toContain('Arquivos enviados');
      else {
        expect(mail.text).toContain(`${line}\n\nO estorno ainda não apareceu.`);
        expect(mail.html).toContain(line);
        // The link the line points to is the notice's own.
        expect(mail.text).toContain(consoleCaseLink(localConfig, withFiles.caseId));
      }
      expect(mail.text).not.toContain('image001.png');
    });

    it('her answers under the quoted questions: the new analyst reads the mail as she wrote it', () => {
      const text = ANSWERS_UNDER_QUESTIONS;
      const inline = { ...handedOver, messages: handedOver.messages.map((m, i) => (i === 2 ? { ...m, text } : m)) };
      const mail = renderTransferNotice(
        inline,
        carla,
        'Ana Lima',
        undefined,
        localConfig,
        NOW,
        new Map([['ana', 'Ana Lima']]),
      );
      expect(mail.text).toContain('Mensagem do lojista (respondida dentro do histórico citado: na íntegra)');
      expect(mail.text).toMatch(/> 1\) Qual o número de um pedido afetado\?\s+Pedido 100234\./);
    });

    it.each([
      ['on the roster', new Map([['ana', 'Ana Lima']]), '(Ana Lima)'],
      ['no longer on the roster', new Map<string, string>(), '(ana)'],
    ])('names the staff from the roster (%s): %s', (_who, names, shown) => {
      const mail = renderTransferNotice(handedOver, carla, 'Ana Lima', undefined, localConfig, NOW, names);
      expect(mail.text).toContain(`Resposta da Ouvidoria ao lojista ${shown} — `);
      expect(mail.text).toContain(`Nota interna — não enviada ao lojista ${shown} — `);
    });

    // Bruno extended the deadline (the merchant was told the new date and why), then went on leave.
    it('shows the extensions the merchant was told of, in order, with the dates and the reason', () => {
      const extended = {
        type: 'extended' as const,
        businessDays: 5,
        reason: 'Aguardando retorno da equipe de integrações',
        previousDueAt: '2026-03-24T13:00:00.000Z',
        dueAt: '2026-03-31T13:00:00.000Z',
        at: '2026-03-11T18:00:00.000Z',
        actor: ana,
      };
      const c = { ...handedOver, history: [...(handedOver.history ?? []), extended] };
      const mail = renderTransferNotice(
        c,
        carla,
        'Ana Lima',
        undefined,
        localConfig,
        NOW,
        new Map([['ana', 'Ana Lima']]),
      );
      expect(mail.text).toContain('Prazo prorrogado — aviso enviado ao lojista (Ana Lima) — 11/03/2026 às 15:00');
      expect(mail.text).toContain(
        '5 dias úteis: de 24/03/2026 para 31/03/2026. Motivo: Aguardando retorno da equipe de integrações',
      );
      const order = ['Financeiro prometeu', 'Prazo prorrogado', 'O estorno ainda não apareceu'].map((t) =>
        mail.text.indexOf(t),
      );
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    it('names the merchant apart from her address, in text and HTML', () => {
      const mail = renderTransferNotice(handedOver, carla, 'Ana Lima', undefined, localConfig, NOW);
      expect(mail.text).toMatch(
        new RegExp(`Lojista: ${handedOver.senderName} · \\S*${handedOver.senderEmail.replace('.', '\\.')}`),
      );
      expect(mail.html).toContain(`${handedOver.senderName} · <a href="mailto:${handedOver.senderEmail}"`);
    });

    it('says the case answers guidance she got before, whose message the console links', () => {
      const answering = { ...handedOver, answersSubmissionId: 'email:ses-0000' };
      const mail = renderTransferNotice(answering, carla, 'Ana Lima', undefined, localConfig, NOW);
      expect(mail.text).toContain('Mensagem anterior do lojista (respondida com orientação): no console');
      expect(renderTransferNotice(handedOver, carla, 'Ana Lima', undefined, localConfig, NOW).text).not.toContain(
        'Mensagem anterior do lojista',
      );
    });

    it('stays bounded: the latest entries only, each cut, the rest left to the console', () => {
      const notes = Array.from({ length: 10 }, (_, i) => ({
        type: 'note' as const,
        text: `Ligação ${i + 1} com a lojista. ${'Detalhes da conversa. '.repeat(i === 9 ? 400 : 1)}`,
        at: `2026-03-12T1${i % 10}:30:00.000Z`,
        actor: ana,
      }));
      const c = { ...handedOver, history: [...(handedOver.history ?? []), ...notes] };
      const mail = renderTransferNotice(c, carla, 'Ana Lima', undefined, localConfig, NOW);
      expect(mail.text.match(/^(?:Mensagem do lojista|Resposta da Ouvidoria ao lojista|Nota interna) /gm)).toHaveLength(
        8,
      );
      expect(mail.text).toContain('(as 8 mais recentes; mais 6 registros no console)');
      expect(mail.text).not.toContain('Fui cobrada duas vezes');
      expect(mail.text).toContain('Ligação 10 com a lojista.');
      expect(mail.text).toContain('(texto cortado: a íntegra está no console)');
      expect(mail.text.length).toBeLessThan(60_000);
    });
  });

  it.each([
    { analystAvailable: true, says: 'continua com a mesma pessoa da nossa equipe', never: 'A nossa equipe já recebeu' },
    { analystAvailable: false, says: 'A nossa equipe já recebeu o que você escreveu', never: 'mesma pessoa' },
  ])(
    'the reopen notice (analyst available: $analystAvailable): open again, who answers, the due date',
    ({ analystAvailable, says, never }) => {
      const mail = renderReopenNotice(workCase(), '2026-12-18T20:00:00.000Z', localConfig, { analystAvailable });
      expect(mail.subject).toBe(THREAD);
      expect(mail.text).toContain('Olá, Maria Aparecida,');
      expect(mail.text).toContain(says);
      expect(mail.text).not.toContain(never);
      expect(mail.text).toContain('Prazo de resposta: até 18/12/2026.');
      expect(mail.html).toContain('<strong>18/12/2026</strong>');
    },
  );

  it('the extension notice: new date and reason', () => {
    const mail = renderExtensionNotice(
      workCase(),
      { businessDays: 5, reason: 'aguardando o financeiro', dueAt: '2026-03-31T13:00:00.000Z' },
      localConfig,
    );
    expect(mail.text).toContain('prorrogado em 5 dias úteis. Novo prazo: até 31/03/2026.');
    expect(mail.text).toContain('Motivo: aguardando o financeiro');
  });

  it('staff mails list the commands', () => {
    const mail = renderReminder(workCase(), ana, localConfig, NOW);
    expect(mail.subject).toBe(`[${PROTOCOL}] Lembrete: prazo em 24/03/2026`);
    for (const command of ['#encerrar', '#aguardar', '#nota', '#transferir', '#prorrogar'])
      expect(mail.text).toContain(command);
  });

  it('the forwarded merchant message: fresh text, quoted history collapsed, attachments', () => {
    const mail = renderMerchantMessageToAnalyst(
      workCase(),
      {
        ...merchantMessage,
        text: 'Segue o comprovante.\n\nEm qui., 12 de mar. de 2026 às 10:00, X <x@y> escreveu:\n> antigo',
      },
      ana,
      localConfig,
      NOW,
      { reopened: true },
    );
    expect(mail.subject).toBe(`[${PROTOCOL}] Caso reaberto: nova mensagem do lojista`);
    expect(mail.text).toContain('Segue o comprovante.');
    expect(mail.html).toContain('<details');
    expect(mail.text).toContain('application/pdf');
  });

  it('her thanks on a closed case: the analyst is told when a score counts as the survey answer', () => {
    const mail = renderMerchantMessageToAnalyst(
      closedCase(),
      { ...merchantMessage, text: 'Nota 4, obrigada.', attachments: [] },
      ana,
      localConfig,
      NOW,
    );
    const said = mail.text.replace(/\s+/g, ' ');
    expect(said).toContain('O caso segue encerrado');
    // A score mailed after the survey closed, or after it was answered, is recorded nowhere: the
    // notice must not promise that every score is an answer (journey J17).
    expect(said).toContain(
      `só enquanto a pesquisa está aberta, ${localConfig.lifecycle.surveyLinkDays} dias após o encerramento, e ainda sem resposta`,
    );
  });

  // Journeys 48: a mail released from quarantine into her case keeps the checks that held it; the
  // analyst's forward says so and who vouched for it, as a released case's assignment notice does.
  it.each<[string, Record<string, string>, string]>([
    ['by name', { releasedBy: 'Sofia Martins' }, 'Liberado da quarentena por Sofia Martins em 12/03/2026 às 11:20'],
    ['by id when the name is not known', {}, 'Liberado da quarentena por sofia em 12/03/2026 às 11:20'],
  ])('a mail released from quarantine says who vouched for it, %s', (_how, options, shown) => {
    const released = { by: 'sofia', at: '2026-03-12T14:20:00.000Z' };
    for (const c of [workCase(), closedCase()]) {
      const mail = renderMerchantMessageToAnalyst(c, { ...merchantMessage, released }, ana, localConfig, NOW, options);
      expect(mail.text.replace(/\s+/g, ' ')).toContain(
        `Esta mensagem ficou retida na quarentena. ${shown}: a supervisão respondeu pelo remetente`,
      );
    }
    const plain = renderMerchantMessageToAnalyst(workCase(), merchantMessage, ana, localConfig, NOW, options);
    expect(plain.text).not.toContain('quarentena');
  });

  it('her answers under the quoted questions: the analyst reads the mail as she wrote it', () => {
    const text = ANSWERS_UNDER_QUESTIONS;
    const mail = renderMerchantMessageToAnalyst(workCase(), { ...merchantMessage, text }, ana, localConfig, NOW);
    expect(mail.text).toContain('respondida dentro do histórico citado');
    expect(mail.text).toMatch(/> 1\) Qual o número de um pedido afetado\?\s+Pedido 100234\./);
    expect(mail.html).not.toContain('<details');
  });

  it.each([
    ['to the analyst', {}, 'foi reaberto com você.', 'não está mais ativo'],
    [
      'to a supervisor, the analyst inactive',
      { inactiveAnalyst: 'Eduardo Reis' },
      'O caso estava encerrado e foi reaberto. O caso está com Eduardo Reis, que não está mais ativo(a) na equipe: transfira-o a outra pessoa',
      'reaberto com você',
    ],
  ])('a reopening message %s says who has the case', (_to, options, shown, hidden) => {
    const mail = renderMerchantMessageToAnalyst(
      workCase(),
      merchantMessage,
      { name: 'Sofia Martins' },
      localConfig,
      NOW,
      {
        reopened: true,
        ...options,
      },
    );
    expect(mail.text.replace(/\n\n/g, ' ')).toContain(shown);
    expect(mail.text).not.toContain(hidden);
  });

  it('the explanation says nothing was sent and why', () => {
    const mail = renderStaffExplanation(
      workCase(),
      ana,
      [{ code: 'invalid-days', message: 'A prorrogação deve ser de 1 a 30 dias úteis.', line: '#prorrogar 99 x' }],
      localConfig,
    );
    expect(mail.text).toContain('nada foi enviado ao lojista e o caso não mudou');
    expect(mail.text).toContain('#prorrogar 99 x — A prorrogação deve ser de 1 a 30 dias úteis.');
    expect(mail.text).toContain('Corrija e envie de novo');
  });

  it('a refusal for a case that is not hers (transferred away) asks her to correct nothing and offers no commands', () => {
    const mail = renderStaffExplanation(
      workCase(),
      ana,
      [{ code: 'not-allowed', message: 'O caso OUV-2026-000001 está atribuído a outra pessoa.' }],
      localConfig,
    );
    expect(mail.text).toContain('nada foi enviado ao lojista e o caso não mudou');
    expect(mail.text).not.toContain('Corrija e envie de novo');
    expect(mail.text).not.toContain('Responda a este e-mail para falar com o lojista');
    expect(mail.text).not.toContain('#encerrar');
    expect(mail.text).toContain('fale com o(a) analista responsável ou com a supervisão');
    expect(staffMayRetry([{ code: 'not-allowed' }])).toBe(false);
    expect(staffMayRetry([{ code: 'not-allowed' }, { code: 'invalid-days' }])).toBe(true);
  });
});

describe('the merchant is greeted by a name only when it reads as one (replies.ts greetingName)', () => {
  const phishing = 'Maria. URGENTE: seu PIX foi bloqueado, regularize em https://golpe.example/pix hoje';
  const at = '2026-03-20T13:00:00.000Z';
  it.each<[string, (name: string) => RenderedMail]>([
    [
      'the relayed answer',
      (name) => renderAnswerToMerchant(workCase({ senderName: name }), 'Já verificamos.', localConfig),
    ],
    [
      'the extension notice',
      (name) =>
        renderExtensionNotice(
          workCase({ senderName: name }),
          { businessDays: 5, reason: 'financeiro', dueAt: at },
          localConfig,
        ),
    ],
    [
      'the reopen notice',
      (name) => renderReopenNotice(workCase({ senderName: name }), at, localConfig, { analystAvailable: true }),
    ],
  ])('%s', (_what, render) => {
    expect(render(phishing).text).not.toContain('golpe.example');
    expect(render(phishing).text.split('\n')[0]).toBe('Olá,');
    expect(render('Maria Souza').text.split('\n')[0]).toBe('Olá, Maria Souza,');
  });
});

// Gmail joins a conversation only under one subject ("Re:" aside) and Outlook by its topic: every
// mail to the merchant goes under the acknowledgement's subject, so that the case is one
// conversation with her mail (a form's case: the acknowledgement starts it).
describe('every mail to the merchant threads with her mail and the acknowledgement', () => {
  const extension = {
    businessDays: 5,
    reason: 'Aguardando a equipe de integrações',
    dueAt: '2026-03-31T13:00:00.000Z',
  };
  const mails: [string, (c: WorkCase) => RenderedMail][] = [
    ['answer', (c) => renderAnswerToMerchant(c, 'O estorno sai em até 5 dias úteis.', localConfig)],
    ['extension', (c) => renderExtensionNotice(c, extension, localConfig)],
    ['closing', (c) => renderClosingMail(c, { category: 'resolvido', summary: 'estorno feito' }, [], localConfig)],
    ['reopening', (c) => renderReopenNotice(c, '2026-03-26T14:00:00.000Z', localConfig, { analystAvailable: true })],
  ];
  it.each<[string, Partial<WorkCase>, string, string]>([
    [
      'her mail',
      { subject: 'Cobrança em duplicidade — chamado #48213' },
      `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`,
      'Cobrança em duplicidade — chamado #48213',
    ],
    [
      'her mail sent from Outlook in Portuguese',
      { subject: 'RES: ENC: repasse bloqueado' },
      `Re: repasse bloqueado [${PROTOCOL}]`,
      'repasse bloqueado',
    ],
    [
      'her mail without a subject',
      { subject: '' },
      `Re: [${PROTOCOL}] Recebemos sua manifestação`,
      `[${PROTOCOL}] Recebemos sua manifestação`,
    ],
    [
      'the webform',
      { channel: 'webform', subject: 'Formulário: Pagamentos e repasses' },
      `Re: [${PROTOCOL}] Recebemos sua manifestação`,
      `[${PROTOCOL}] Recebemos sua manifestação`,
    ],
    [
      'the webform, in English',
      { channel: 'webform', subject: 'Formulário: Payments', decision: { ...aDecision('ACCEPTED'), language: 'en' } },
      `Re: [${PROTOCOL}] We have received your complaint`,
      `[${PROTOCOL}] We have received your complaint`,
    ],
  ])(
    'a case from %s: one subject and topic for the acknowledgement and every later mail',
    (_from, fields, subject, topic) => {
      const c = workCase({ dueAt: '2026-03-24T13:00:00.000Z', ...fields });
      const ack = renderReply(
        'ACCEPTED',
        {
          protocol: PROTOCOL,
          subject: c.subject,
          receivedAt: c.createdAt,
          channel: c.channel,
          ...(c.decision.language ? { language: c.decision.language } : {}),
        },
        localConfig,
      );
      expect(threadTopic(ack.subject)).toBe(topic);
      for (const [, render] of mails) {
        const mail = render(c);
        expect(mail.subject).toBe(subject);
        expect(threadTopic(mail.subject)).toBe(topic);
        // Gmail's rule: the same subject once "Re:" is set aside.
        expect(mail.subject.replace(/^Re: /, '')).toBe(ack.subject.replace(/^Re: /, ''));
      }
    },
  );
});

// Journey 47: the closing mail promised "será reaberto com a mesma pessoa da nossa equipe" — a
// promise about days ahead, when the analyst may be on leave or gone (or closed it on leaving). The
// reopen notice says who has the case when it reopens (analystAvailable); the closing mail does not.
describe('the closing mail promises the reopening, not a person', () => {
  it.each([
    ['pt-BR', undefined, 'e o caso será reaberto.'],
    ['es', 'es', 'y el caso se reabrirá.'],
    ['en', 'en', 'and the case will be reopened.'],
  ] as const)('%s', (_label, language, says) => {
    const c = closedCase(language ? { decision: { ...aDecision('ACCEPTED'), language } } : {});
    const mail = renderClosingMail(c, { category: 'resolvido', summary: 'estorno feito' }, links, localConfig);
    expect(mail.text).toContain(says);
    expect(mail.text).not.toMatch(/mesma pessoa|misma persona|same person/);
  });
});

describe('lifecycle mails to the merchant follow the case’s language', () => {
  const inLanguage = (language: 'es' | 'en', senderName: string) =>
    workCase({
      senderName,
      decision: { ...aDecision('ACCEPTED'), language },
      dueAt: '2026-03-24T13:00:00.000Z',
      closedAt: '2026-12-31T20:40:00.000Z',
    });
  const es = inLanguage('es', 'Carla Méndez');
  const en = inLanguage('en', 'John Smith');
  const extension = {
    businessDays: 5,
    reason: 'Aguardando a equipe de integrações',
    dueAt: '2026-03-31T13:00:00.000Z',
  };
  /** Words of the pt-BR texts that must not reach a Spanish or English reader. */
  const PT_ONLY =
    /Olá|Atenciosamente|Prazo de resposta|Para acrescentar|Tratamos os seus|Seu caso|Resumo:|Escolha uma nota|Recebemos a sua|Seguimos trabalhando|dias úteis|Muito satisf/;

  it.each<[string, () => RenderedMail, string, string[]]>([
    [
      'es answer',
      () => renderAnswerToMerchant(es, '¿Puede enviarnos una captura de pantalla del error?', localConfig),
      THREAD,
      [
        'Hola, Carla Méndez,',
        'Atentamente,\nOuvidoria',
        'Plazo de respuesta: hasta el 24/03/2026.',
        'Para agregar información, responda a este correo',
        'Tratamos sus datos personales',
      ],
    ],
    [
      'en answer',
      () => renderAnswerToMerchant(en, 'Could you send us a screenshot of the error?', localConfig),
      THREAD,
      [
        'Hello, John Smith,',
        'Kind regards,\nOuvidoria',
        'Answer due by 24/03/2026 (dd/mm/yyyy).',
        'To add information, reply to this email',
        'We process your personal data',
      ],
    ],
    [
      'es extension',
      () => renderExtensionNotice(es, extension, localConfig),
      THREAD,
      [
        'Hola, Carla Méndez,',
        `El plazo de respuesta de su caso ${PROTOCOL} se prorrogó 5 días hábiles. Nuevo plazo: hasta el 31/03/2026.`,
        'Motivo: Aguardando',
        'Seguimos trabajando en su caso',
      ],
    ],
    [
      'en extension, one day',
      () => renderExtensionNotice(en, { ...extension, businessDays: 1 }, localConfig),
      THREAD,
      [
        `The answer deadline of your case ${PROTOCOL} has been extended by 1 business day. New deadline: 31/03/2026 (dd/mm/yyyy).`,
        'Reason: Aguardando',
      ],
    ],
    [
      'es reopening',
      () => renderReopenNotice(es, '2026-03-26T14:00:00.000Z', localConfig, { analystAvailable: true }),
      THREAD,
      [
        `Recibimos su mensaje y reabrimos el caso ${PROTOCOL}. Sigue con la misma persona`,
        'Plazo de respuesta: hasta el 26/03/2026.',
      ],
    ],
    [
      'en reopening, the team',
      () => renderReopenNotice(en, '2026-03-26T14:00:00.000Z', localConfig, { analystAvailable: false }),
      THREAD,
      [
        `We have received your message and reopened case ${PROTOCOL}. Our team has already received`,
        'Answer due by 26/03/2026 (dd/mm/yyyy).',
      ],
    ],
    [
      'es closing with the survey',
      () => renderClosingMail(es, { category: 'resolvido', summary: 'sincronización corregida' }, links, localConfig),
      THREAD,
      [
        `Su caso ${PROTOCOL} fue cerrado por la Ouvidoria.`,
        'Resultado: Resuelto.',
        'Resumen: sincronización corregida',
        '¿CÓMO FUE LA ATENCIÓN DE LA OUVIDORIA?',
        'El enlace abre una página con la nota elegida',
        '5 — Muy satisfecho(a)',
        'responda a este correo hasta el 07/01/2027 a las 17:40 (hora de Brasilia) y el caso se reabrirá',
      ],
    ],
    [
      'en closing, survey already answered',
      () =>
        renderClosingMail(en, { category: 'nao-resolvido', summary: 'no fix yet' }, [], localConfig, {
          surveyAnswered: true,
        }),
      THREAD,
      [
        `Your case ${PROTOCOL} has been closed by the Ombudsman.`,
        'Outcome: Not resolved.',
        'Summary: no fix yet',
        'Thank you for having already rated',
        'reply to this email by 07/01/2027 at 17:40 (Brasília time) and the case will be reopened',
      ],
    ],
  ])('%s: subject, words and lang in the case’s language', (name, render, subject, says) => {
    const mail = render();
    expect(mail.subject).toBe(subject);
    for (const text of says) expect(mail.text).toContain(text);
    expect(mail.text).not.toMatch(PT_ONLY);
    expect(mail.html).toContain(`<html lang="${name.slice(0, 2)}">`);
  });

  it('an analyst who greets in Spanish is not greeted again, and the office signs in Spanish', () => {
    const mail = renderAnswerToMerchant(
      es,
      'Hola Carla, ¿puede enviarnos una captura de pantalla del error?',
      localConfig,
    );
    expect(mail.text.startsWith('Hola Carla, ¿puede')).toBe(true);
    expect(mail.text.match(/Hola/g)).toHaveLength(1);
    expect(mail.text).toContain('Atentamente,\nOuvidoria');
  });

  // The staff mails stay in pt-BR, and tell the analyst which language her answer goes out in.
  it.each<[string, (c: ReturnType<typeof workCase>) => RenderedMail]>([
    ['reminder', (c) => renderReminder(c, ana, localConfig, NOW)],
    ['escalation', (c) => renderEscalation(c, { name: 'Sofia Ramos' }, ana, localConfig, NOW)],
    ['transfer', (c) => renderTransferNotice(c, { id: 'carla', name: 'Carla' }, 'Bruno', undefined, localConfig, NOW)],
    ['merchant message', (c) => renderMerchantMessageToAnalyst(c, merchantMessage, ana, localConfig, NOW)],
  ])('the %s names the merchant’s language when it is not pt-BR', (_name, render) => {
    expect(render(es).text).toContain(
      'Idioma do lojista: espanhol — a Ouvidoria escreve a este lojista em espanhol; escreva a resposta em espanhol',
    );
    expect(render(en).text).toContain('Idioma do lojista: inglês — a Ouvidoria escreve a este lojista em inglês');
    expect(render(es).text).toMatch(/^Olá, /);
    expect(render(workCase()).text).not.toContain('Idioma do lojista');
  });

  it('a case without a language (before language detection, or pt-BR) keeps the pt-BR mails', () => {
    const mail = renderExtensionNotice(workCase({ decision: aDecision('ACCEPTED') }), extension, localConfig);
    expect(mail.subject).toBe(THREAD);
    expect(mail.text).toContain('foi prorrogado em 5 dias úteis');
    expect(mail.html).toContain('<html lang="pt-BR">');
  });
});

describe('the closing mail says one thing about answering it: the reopening window, no open-ended invitation', () => {
  const inLanguage = (language: 'pt-BR' | 'es' | 'en') =>
    workCase({
      status: 'CLOSED',
      closedAt: '2026-12-31T20:40:00.000Z',
      decision: { ...aDecision('ACCEPTED'), language },
    });
  it.each([
    {
      language: 'pt-BR',
      reopen: 'responda a este e-mail até 07/01/2027 às 17:40 e o caso será reaberto',
      invite: 'basta responder a este e-mail',
    },
    {
      language: 'es',
      reopen: 'responda a este correo hasta el 07/01/2027 a las 17:40 (hora de Brasilia) y el caso se reabrirá',
      invite: 'Para agregar información',
    },
    { language: 'en', reopen: 'and the case will be reopened', invite: 'To add information' },
  ] as const)(
    '$language: the reopening sentence, no "just answer to add information" footer',
    ({ language, reopen, invite }) => {
      const mail = renderClosingMail(
        inLanguage(language),
        { category: 'resolvido', summary: 'estorno feito' },
        links,
        localConfig,
      );
      expect(mail.text).toContain(reopen);
      expect(mail.text).not.toContain(invite);
      expect(mail.html).not.toContain(invite);
    },
  );
});

describe('staff mails mark a due date already past, as the console does (OVERDUE_MARK_PT)', () => {
  /** The case is due 24/03/2026 às 10:00 (São Paulo); the mails are sent at these instants. */
  const BEFORE = new Date('2026-03-23T13:00:00.000Z');
  const AFTER = new Date('2026-03-25T13:00:00.000Z');
  const DUE = 'Prazo: 24/03/2026 às 10:00';
  const staffMails: Array<[string, (c: WorkCase, now: Date) => RenderedMail]> = [
    ['the reminder', (c, now) => renderReminder(c, ana, localConfig, now)],
    [
      'the reminder to a supervisor, the analyst on leave',
      (c, now) => renderReminder(c, { name: 'Sofia' }, localConfig, now, { name: 'Ana Lima', until: '2026-03-31' }),
    ],
    ['the escalation', (c, now) => renderEscalation(c, { name: 'Sofia' }, ana, localConfig, now)],
    [
      'the transfer notice',
      (c, now) => renderTransferNotice(c, { id: 'carla', name: 'Carla' }, 'Ana Lima', undefined, localConfig, now),
    ],
    [
      'the notice that the case was moved away',
      (c, now) => renderTransferredAway(c, ana, 'Carla', 'Sofia', localConfig, now),
    ],
    [
      'the merchant’s new message',
      (c, now) => renderMerchantMessageToAnalyst(c, merchantMessage, ana, localConfig, now),
    ],
    [
      'the undeliverable assignment notice',
      (c, now) => renderUndeliverableNotice(c, { name: 'Sofia' }, ana, localConfig, now),
    ],
  ];

  it.each(staffMails)('%s: past the due date, the date says "(atrasado)"', (_, render) => {
    const mail = render(workCase({ status: 'IN_PROGRESS' }), AFTER);
    expect(mail.text).toContain(`${DUE} (atrasado)`);
    expect(mail.html).toContain('(atrasado)');
  });

  // Journey 50: Mariana's Gmail cited her case on Friday night, while it waited for an analyst;
  // citation.ts tells the assignee only, so no one learned it by mail — not Ana, assigned on
  // Tuesday, nor Bruno, to whom she transferred it, nor Sofia when it went overdue.
  it.each(staffMails)('%s: a case that mail cited without joining says so, and where to read it', (_, render) => {
    const one = render(workCase({ status: 'IN_PROGRESS', citedBy: ['email:gmail-1'] }), BEFORE);
    expect(one.text).toContain(
      'Citado por: 1 mensagem cita este caso sem ter sido juntada a ele (outro endereço ou remetente sem verificação): leia-a no console antes de considerar o que diz.',
    );
    const two = render(workCase({ status: 'IN_PROGRESS', citedBy: ['email:gmail-1', 'email:joana-1'] }), BEFORE);
    expect(two.html).toContain('2 mensagens citam este caso sem terem sido juntadas a ele');
    expect(render(workCase({ status: 'IN_PROGRESS' }), BEFORE).text).not.toContain('Citado por');
  });

  it.each(staffMails)('%s: before the due date, or once the case is closed, no mark', (_, render) => {
    expect(render(workCase({ status: 'IN_PROGRESS' }), BEFORE).text).not.toContain('(atrasado)');
    expect(render(closedCase(), AFTER).text).not.toContain('(atrasado)');
  });

  it.each(staffMails)('%s: a closed case shows when it was closed, not a deadline it no longer has', (_, render) => {
    const mail = render(closedCase(), AFTER);
    expect(mail.text).not.toContain(DUE);
    expect(mail.text).toContain('Encerrado em: 19/03/2026 às 12:00');
  });

  it('a reminder sent after the date says the deadline ended, in its subject too', () => {
    const late = renderReminder(workCase({ status: 'IN_PROGRESS' }), ana, localConfig, AFTER);
    expect(late.subject).toContain('Lembrete: prazo em 24/03/2026 (atrasado)');
    expect(late.text).toContain('terminou em 24/03/2026 às 10:00 (atrasado)');
    const onTime = renderReminder(workCase({ status: 'IN_PROGRESS' }), ana, localConfig, BEFORE);
    expect(onTime.text).toContain('termina em 24/03/2026 às 10:00.');
  });
});

describe('her address bounces, as the case records it: the staff mails built from the case warn before she is answered', () => {
  const WARNING = 'Atenção: as mensagens da Ouvidoria para o endereço do lojista';
  const bouncedAck = { status: 'suppressed' as const, reason: REPLY_TO_BOUNCED, at: '2026-03-13T20:00:00.000Z' };
  const states: Array<[string, Parameters<typeof workCase>[0], boolean]> = [
    ['marked by the bounce memory until a later day', { merchantBounceUntil: '2026-05-11T20:00:00.000Z' }, true],
    ['marked, but the memory lapsed', { merchantBounceUntil: '2026-03-16T20:00:00.000Z' }, false],
    ['acknowledgement withheld: the address was bouncing at acceptance', { reply: bouncedAck }, true],
    [
      'acknowledgement withheld long ago (past bounceSuppressionDays)',
      { reply: { ...bouncedAck, at: '2025-11-01T12:00:00.000Z' } },
      false,
    ],
    ['acknowledgement withheld for the daily limit', { reply: { ...bouncedAck, reason: 'throttled' } }, false],
    ['nothing recorded', {}, false],
  ];
  const mails: Array<[string, (c: WorkCase) => RenderedMail]> = [
    ['assignment notice', (c) => renderAnalystNotice(c as CaseRecord, ana as Analyst, localConfig, NOW)],
    [
      'transfer notice',
      (c) => renderTransferNotice(c, { id: 'carla', name: 'Carla' }, 'Ana Lima', undefined, localConfig, NOW),
    ],
    ['forward of her message', (c) => renderMerchantMessageToAnalyst(c, merchantMessage, ana, localConfig, NOW)],
  ];
  for (const [mail, render] of mails) {
    it.each(states)(`${mail}: %s`, (_, fields, warned) => {
      const out = render(workCase({ senderEmail: 'maria@lojadamaria.com.br', ...fields }));
      expect(out.text.includes(WARNING)).toBe(warned);
      if (warned) expect(out.text).toContain('(maria@lojadamaria.com.br)');
    });
  }
});
