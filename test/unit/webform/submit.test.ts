import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { statusRequestUrl } from '../../../shared/domain/lifecycle/survey';
import { renderPage } from '../../../shared/webform/page';
import { handleFormPost } from '../../../shared/webform/submit';
import type { InMemorySenderOpenCases } from '../../support/fakes';
import { webformDeps } from '../../support/reliability-harness';

const post = (fields: Record<string, string>) => ({
  body: new URLSearchParams({ consentimento: 'on', website: '', ...fields }).toString(),
  contentType: 'application/x-www-form-urlencoded',
  sourceIp: '203.0.113.9',
});

describe('handleFormPost — the guidance page says what the reply says', () => {
  it.each([
    [
      'a store’s customer about an order',
      'Comprei um tênis numa loja que usa a plataforma de vocês e o pedido não chegou. Quero meu dinheiro de volta.',
      'Fale diretamente com a loja onde você comprou',
      'falar diretamente com a loja',
    ],
    [
      'someone who is not a client yet',
      'Ainda não sou cliente de vocês e gostaria de saber quanto custa para abrir uma loja virtual com vocês.',
      'Fale com o nosso time Comercial',
      'Falar com o Comercial',
    ],
  ])('%s: one title on the page, in the JSON and in the mail subject', async (_who, descricao, title, phrase) => {
    const deps = webformDeps();
    const result = await handleFormPost(
      post({ nome: 'Pedro Alves', email: 'pedro@gmail.com', assunto: 'outro', descricao }),
      deps,
    );
    expect(result.json).toMatchObject({ outcome: 'NOT_A_CLIENT', guidance: { title } });
    const page = renderPage(result.view, { config: localConfig });
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toContain(phrase);
    expect(deps.mailer.sent[0]?.subject.toLowerCase()).toBe(`ouvidoria: ${title.toLowerCase()}`);
  });
});

describe('handleFormPost — an accepted case', () => {
  it('the confirmation page and the JSON state the answer deadline the acknowledgement mail promises', async () => {
    const deps = webformDeps();
    const form = post({
      nome: 'Rafael Lima',
      email: 'contato@eletroponto.com.br',
      chamado: '48215',
      assunto: 'atendimento',
      descricao: 'O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.',
    });
    const result = await handleFormPost(form, deps);
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({ outcome: 'ACCEPTED', dueDate: '08/12/2026' });
    expect(deps.mailer.sent[0]?.text).toContain('Prazo de resposta: até 08/12/2026.');
    const page = renderPage(result.view, { config: localConfig });
    expect(page).toContain('<strong>Prazo de resposta: até 08/12/2026</strong>');
    // The same post again (a double click): the same protocol and the same date.
    const again = await handleFormPost(form, deps);
    expect(again.json).toMatchObject({ dueDate: '08/12/2026' });
  });
});

describe('handleFormPost — her second post naming the ticket of her open case', () => {
  it('is a case of its own, within her open-case cap: a typed address proves no From, so a post neither joins her case nor holds her ticket for her mail', async () => {
    const deps = webformDeps();
    const form = (descricao: string) =>
      post({
        nome: 'Rafael Lima',
        email: 'contato@eletroponto.com.br',
        chamado: '48215',
        assunto: 'atendimento',
        descricao,
      });
    const first = await handleFormPost(
      form('O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.'),
      deps,
    );
    const second = await handleFormPost(
      form('Reforçando o chamado 48215: o repasse de novembro continua sem cair e a loja está sem caixa.'),
      deps,
    );
    expect(first.json).toMatchObject({ outcome: 'ACCEPTED' });
    expect(second.json).toMatchObject({ outcome: 'ACCEPTED' });
    const protocols = [...deps.cases.records.values()].map((c) => c.protocol);
    expect(new Set(protocols).size).toBe(2);
    expect((deps.openCases as InMemorySenderOpenCases).ticketHolders.size).toBe(0);
  });
});

describe('handleFormPost — a form citing a case protocol, sent from another address', () => {
  const opened = post({
    nome: 'Rafael Lima',
    email: 'contato@eletroponto.com.br',
    chamado: '48215',
    assunto: 'atendimento',
    descricao: 'O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.',
  });
  const citing = (descricao: string) =>
    post({ nome: 'Rafael Lima', email: 'rafael.lima@gmail.com', assunto: 'atendimento', descricao });

  it.each([
    {
      language: 'pt-BR',
      descricao:
        'Sobre o caso OUV-2026-000001: o repasse de novembro ainda não caiu e estou escrevendo do meu e-mail pessoal.',
      title: 'Sua mensagem não foi adicionada ao caso',
      lead: 'não foi adicionada ao caso OUV-2026-000001',
      heading: 'Se for um assunto novo',
    },
    {
      language: 'es',
      descricao:
        'Sobre el caso OUV-2026-000001: el pago de noviembre todavía no llegó a mi cuenta, le escribo desde mi correo personal.',
      title: 'Su mensaje no se añadió al caso',
      lead: 'no se añadió al caso OUV-2026-000001',
      heading: 'Si se trata de un asunto nuevo',
    },
    {
      language: 'en',
      descricao:
        'About case OUV-2026-000001: the November payout still has not arrived, I am writing from my personal email address.',
      title: 'Your message was not added to the case',
      lead: 'was not added to case OUV-2026-000001',
      heading: 'If this is a new matter',
    },
  ])(
    '$language: the page and the JSON lead with "$lead", as the mail does',
    async ({ language, descricao, title, lead, heading }) => {
      const deps = webformDeps();
      await handleFormPost(opened, deps);
      const result = await handleFormPost(citing(descricao), deps);
      expect(result.json).toMatchObject({
        outcome: 'NO_PRIOR_TICKET',
        citedProtocol: 'OUV-2026-000001',
        notice: { title, text: expect.stringContaining(lead) },
      });
      expect((result.json.notice as { text: string }).text).toContain(`(${statusRequestUrl(localConfig)})`);
      const page = renderPage(result.view, { config: localConfig });
      expect(page).toContain(`<h1 lang="${language}">${title}</h1>`);
      expect(page).toContain(`<strong>${lead}</strong>`);
      expect(page).toContain(`<h2 lang="${language}">${heading}</h2>`);
      expect(page).toContain('href="/consulta"');
      expect(page).not.toContain('Fale primeiro com a Central de Atendimento');
      const mail = deps.mailer.sent.at(-1);
      expect(mail?.to).toEqual(['rafael.lima@gmail.com']);
      expect(mail?.text).toContain(lead);
    },
  );

  it('answers the same whether the protocol is a case of someone else or none at all', async () => {
    const descricao =
      'Sobre o caso OUV-2026-000001: o repasse de novembro ainda não caiu e estou escrevendo do meu e-mail pessoal.';
    const withCase = webformDeps();
    await handleFormPost(opened, withCase);
    const answered = await handleFormPost(citing(descricao), withCase);
    const without = webformDeps();
    const blind = await handleFormPost(citing(descricao), without);
    expect(answered.json).toEqual(blind.json);
    expect(renderPage(answered.view, { config: localConfig })).toBe(renderPage(blind.view, { config: localConfig }));
  });
});
