import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { type Guidance, guidanceFor } from '../../../shared/domain/guidance';
import type { MessageLanguage } from '../../../shared/domain/text';
import { renderPage } from '../../../shared/webform/page';
import { PAGE_WORDS } from '../../../shared/webform/page-words';
import { confirmTokenOf, submitConfirmed as handleFormPost, withoutConfirmations } from '../../support/confirm';
import { confirmSubmission } from '../../../shared/webform/confirm';
import { type InMemorySenderOpenCases, InMemoryTicketDirectory } from '../../support/fakes';
import { webformDeps } from '../../support/reliability-harness';
import { aSubmission } from '../../support/builders';
import { processSubmission } from '../../../shared/app/intake';

const post = (fields: Record<string, string>) => ({
  body: new URLSearchParams({ consentimento: 'on', website: '', ...fields }).toString(),
  contentType: 'application/x-www-form-urlencoded',
  sourceIp: '203.0.113.9',
});

/** Rafael's post citing his own ticket 48215 (the fake directory's), with his description. */
const rafaelsPost = (descricao: string) =>
  post({
    nome: 'Rafael Lima',
    email: 'contato@eletroponto.com.br',
    chamado: '48215',
    assunto: 'atendimento',
    descricao,
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
    expect(withoutConfirmations(deps.mailer.sent)[0]?.subject.toLowerCase()).toBe(`ouvidoria: ${title.toLowerCase()}`);
  });
});

const mailText = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('handleFormPost — the guidance page speaks the language of its mail', () => {
  it.each([
    {
      language: 'es',
      descricao:
        'Hola, tengo una tienda en la plataforma y desde hace una semana los pagos con tarjeta no se aprueban. Necesito una solución urgente porque estoy perdiendo ventas todos los días.',
      title: 'Hable primero con la Central de Atención',
      back: 'Volver al formulario de la Ouvidoria (en portugués)',
    },
    {
      language: 'en',
      descricao:
        'Hello, I run a store on your platform and for a week now card payments have not been approved. I need this fixed urgently because I am losing sales every day.',
      title: 'Please contact our Support Centre first',
      back: 'Back to the Ombudsman form (in Portuguese)',
    },
    {
      language: 'pt-BR',
      descricao:
        'Olá, tenho uma loja na plataforma e há uma semana os pagamentos com cartão não são aprovados. Preciso de uma solução urgente porque estou perdendo vendas todos os dias.',
      title: 'Fale primeiro com a Central de Atendimento',
      back: 'Voltar ao formulário da Ouvidoria',
    },
  ])('$language: the page has the mail’s title, language and words', async ({ language, descricao, title, back }) => {
    const deps = webformDeps();
    const result = await handleFormPost(
      post({ nome: 'Lucía Fernández', email: 'lucia@tienda.com', assunto: 'atendimento', descricao }),
      deps,
    );
    expect(result.json).toMatchObject({ outcome: 'NO_PRIOR_TICKET' });
    const mail = withoutConfirmations(deps.mailer.sent)[0];
    expect(mail?.html).toContain(`<html lang="${language}">`);
    expect(mail?.subject.slice(mail.subject.indexOf(': ') + 2).toLowerCase()).toBe(title.toLowerCase());
    const page = renderPage(result.view, { config: localConfig });
    expect(page).toContain(`<html lang="${language}">`);
    expect(page).toContain(`<h1>${title}</h1>`);
    // Once: the mail's heading of the same words is not repeated under it.
    expect(page.split(`>${title}<`)).toHaveLength(2);
    expect(page).toContain(PAGE_WORDS[language as MessageLanguage].guidance.mailedUnlessHeld);
    expect(page).toContain(back);
    if (language !== 'pt-BR') {
      // Every paragraph of the mail's guidance (between the greeting and the sign-off) is on the page.
      const paragraphs = [...(mail?.html ?? '').matchAll(/<p style="[^"]*">([\s\S]*?)<\/p>/g)].map((m) =>
        mailText(m[1] ?? ''),
      );
      const guidance = paragraphs.slice(1, -3);
      expect(guidance.length).toBeGreaterThan(3);
      for (const p of guidance) expect(mailText(page)).toContain(p);
      expect(page).not.toContain('Recebemos a sua mensagem');
    }
  });
});

describe('handleFormPost — the JSON answer speaks the language of its mail and page', () => {
  const stores =
    'Hola, tengo una tienda en la plataforma y desde hace una semana los pagos con tarjeta no se aprueban. Necesito una solución urgente porque estoy perdiendo ventas todos los días.';
  it.each([
    {
      language: 'es',
      descricao: stores,
      chamado: '',
      outcome: 'NO_PRIOR_TICKET',
      title: 'Hable primero con la Central de Atención',
      says: 'atiende de lunes a viernes',
      link: 'https://ajuda.example.com.br/abrir-chamado',
    },
    {
      language: 'en',
      descricao:
        'Hello, I run a store on your platform and for a week now card payments have not been approved. I need this fixed urgently because I am losing sales every day.',
      chamado: '',
      outcome: 'NO_PRIOR_TICKET',
      title: 'Please contact our Support Centre first',
      says: 'Support Centre',
      link: 'https://ajuda.example.com.br/base-de-conhecimento',
    },
    {
      language: 'es',
      descricao:
        'Compré unas zapatillas en una tienda que usa su plataforma y el pedido nunca llegó. Quiero que me devuelvan el dinero.',
      chamado: '',
      outcome: 'NOT_A_CLIENT',
      title: 'Hable directamente con la tienda donde compró',
      says: 'tienda',
      link: undefined,
    },
  ])(
    '$language $outcome: the JSON guidance has the page’s title and the mail’s words, none in pt-BR',
    async ({ language, descricao, chamado, outcome, title, says, link }) => {
      const deps = webformDeps();
      const result = await handleFormPost(
        post({ nome: 'Lucía Fernández', email: 'lucia@tienda.com', assunto: 'atendimento', chamado, descricao }),
        deps,
      );
      const page = renderPage(result.view, { config: localConfig });
      expect(page).toContain(`<h1>${title}</h1>`);
      const json = result.json as { outcome: string; language: string; guidance: Guidance };
      expect(json).toMatchObject({ outcome, language, guidance: { title } });
      const words = [...json.guidance.paragraphs, ...json.guidance.items].join(' ');
      expect(words).toContain(says);
      expect(mailText(withoutConfirmations(deps.mailer.sent)[0]?.text ?? '')).toContain(
        mailText(json.guidance.paragraphs[0] ?? '-'),
      );
      for (const p of json.guidance.paragraphs)
        expect(mailText(withoutConfirmations(deps.mailer.sent)[0]?.text ?? '')).toContain(mailText(p));
      if (link) expect(json.guidance.links.map((l) => l.href)).toContain(link);
      // No pt-BR guidance left in the answer.
      expect(JSON.stringify(json)).not.toMatch(/Fale |Central de Atendimento|Não localizamos|chamado anterior/);
    },
  );

  it('pt-BR: the JSON guidance is the page’s (guidance.ts), without a language field', async () => {
    const deps = webformDeps();
    const result = await handleFormPost(
      post({
        nome: 'Pedro Alves',
        email: 'pedro@lojadopedro.com.br',
        assunto: 'atendimento',
        descricao:
          'Olá, tenho uma loja na plataforma e há uma semana os pagamentos com cartão não são aprovados. Preciso de uma solução urgente.',
      }),
      deps,
    );
    expect(result.json).toEqual({ outcome: 'NO_PRIOR_TICKET', guidance: guidanceFor('NO_PRIOR_TICKET', localConfig) });
  });
});

describe('handleFormPost — an accepted case', () => {
  it('the confirmation page and the JSON state the answer deadline the acknowledgement mail promises', async () => {
    const deps = webformDeps();
    const form = rafaelsPost(
      'O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.',
    );
    const result = await handleFormPost(form, deps);
    expect(result.status).toBe(201);
    expect(result.json).toMatchObject({ outcome: 'ACCEPTED', dueDate: '08/12/2026' });
    expect(withoutConfirmations(deps.mailer.sent)[0]?.text).toContain('Prazo de resposta: até 08/12/2026.');
    const page = renderPage(result.view, { config: localConfig });
    expect(page).toContain('<strong>Prazo de resposta: até 08/12/2026</strong>');
    // The same post again (a double click): the same protocol and the same date.
    const again = await handleFormPost(form, deps);
    expect(again.json).toMatchObject({ dueDate: '08/12/2026' });
  });
});

// Her text said "segue o print" and the form sent no file: the mail told her how to send it, the
// confirmation page she reads first did not.
describe('handleFormPost — a text that announces a file the form did not send', () => {
  it.each([
    {
      language: 'pt-BR',
      descricao:
        'O repasse de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu. Segue o print do extrato.',
      says: 'A sua mensagem menciona um anexo, mas nenhum arquivo veio com o formulário.',
    },
    {
      language: 'es',
      descricao:
        'Hola, el pago de las ventas de noviembre no llegó a mi cuenta. Abrí el ticket 48215 hace una semana y nadie me respondió. Te adjunto el comprobante.',
      says: 'Su mensaje menciona un archivo adjunto, pero el formulario no trajo ningún archivo.',
    },
    {
      language: 'en',
      descricao:
        'Hello, the payout for my November sales never reached my bank account. I opened ticket 48215 a week ago and nobody has answered. Please find attached the bank statement.',
      says: 'Your message mentions an attachment, but no file came with the form.',
    },
  ])('$language: the page says what the acknowledgement says, in its language', async ({ descricao, says }) => {
    const deps = webformDeps();
    const form = rafaelsPost(descricao);
    const result = await handleFormPost(form, deps);
    expect(result.status).toBe(201);
    const page = renderPage(result.view, { config: localConfig });
    expect(page).toContain(`<p class="aviso" role="note">${says}`);
    expect((result.json as { missingAttachment?: string }).missingAttachment).toContain(says);
    // The acknowledgement told her too; a double click shows the same page.
    expect(withoutConfirmations(deps.mailer.sent)).toHaveLength(1);
    expect(renderPage((await handleFormPost(form, deps)).view, { config: localConfig })).toContain(says);
  });

  it('no note when her text announces nothing, or names a file of someone else', async () => {
    for (const descricao of [
      'O repasse de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.',
      'O repasse de novembro não caiu na conta, chamado 48215. O cliente disse que mandou o comprovante em anexo.',
    ]) {
      const deps = webformDeps();
      const result = await handleFormPost(rafaelsPost(descricao), deps);
      expect(result.status, descricao).toBe(201);
      expect(renderPage(result.view, { config: localConfig }), descricao).not.toContain('role="note"');
    }
  });
});

describe('handleFormPost — the confirmation of an accepted case speaks the language of its acknowledgement', () => {
  it.each([
    {
      language: 'es',
      descricao:
        'Hola, el pago de las ventas de noviembre no llegó a mi cuenta. Abrí el ticket 48215 hace una semana y nadie me respondió. Necesito una solución urgente.',
      title: 'Recibimos su reclamo',
      message: 'Recibimos su reclamo. Protocolo: ',
      says: ['Próximos pasos', 'Plazo de respuesta: hasta el 08/12/2026', 'La Ouvidoria atiende de lunes a viernes'],
    },
    {
      language: 'en',
      descricao:
        'Hello, the payout for my November sales never reached my bank account. I opened ticket 48215 a week ago and nobody has answered. I need this fixed urgently.',
      title: 'We have received your complaint',
      message: 'We have received your complaint. Protocol: ',
      says: ['Next steps', 'Answer due by 08/12/2026 (dd/mm/yyyy)', 'The Ombudsman works Monday to Friday'],
    },
    {
      language: 'pt-BR',
      descricao: 'O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.',
      title: 'Recebemos a sua manifestação',
      message: 'Recebemos a sua manifestação. Protocolo: ',
      says: ['Próximos passos', 'Prazo de resposta: até 08/12/2026', 'A Ouvidoria atua de segunda a sexta'],
    },
  ])(
    '$language: the page and the JSON say the mail’s words in its language',
    async ({ language, descricao, title, message, says }) => {
      const deps = webformDeps();
      const result = await handleFormPost(rafaelsPost(descricao), deps);
      expect(result.status).toBe(201);
      const json = result.json as { protocol: string; message: string; language?: string };
      expect(json.message).toBe(`${message}${json.protocol}.`);
      expect(json.language).toBe(language === 'pt-BR' ? undefined : language);
      const mail = withoutConfirmations(deps.mailer.sent)[0];
      expect(mail?.html).toContain(`<html lang="${language}">`);
      const page = renderPage(result.view, { config: localConfig });
      expect(page).toContain(`<html lang="${language}">`);
      expect(page).toContain(`<h1>${title}</h1>`);
      expect(page).toContain(`<p class="protocolo">${json.protocol}</p>`);
      for (const phrase of says) {
        expect(page).toContain(phrase);
        expect(mailText(mail?.html ?? '')).toContain(phrase);
      }
      if (language !== 'pt-BR') {
        // The mail's next steps, word for word, and nothing of the pt-BR confirmation.
        const steps = [...(mail?.html ?? '').matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => mailText(m[1] ?? ''));
        expect(steps).toHaveLength(3);
        for (const step of steps) expect(mailText(page)).toContain(step);
        expect(page).not.toMatch(/Recebemos|Próximos passos|ele identifica|atua de/);
      }
    },
  );
});

// ROUND23: two tickets in the field are both looked up, in her order, as two in a mail's text are.
describe('handleFormPost — two tickets in the ticket field', () => {
  it.each([
    ['48215 e 48213', 201, 'ACCEPTED'],
    ['48213/48215', 201, 'ACCEPTED'],
    ['#48213, #48215', 201, 'ACCEPTED'],
    ['48213 e 48214', 200, 'TICKET_INVALID'],
  ])('%j from the owner of 48215 → %i %s', async (chamado, status, outcome) => {
    const result = await handleFormPost(
      post({
        nome: 'Rafael Lima',
        email: 'contato@eletroponto.com.br',
        chamado,
        assunto: 'atendimento',
        descricao: 'O repasse das vendas de novembro não caiu na conta e ninguém do suporte respondeu.',
      }),
      webformDeps(),
    );
    expect(result.status, JSON.stringify(result.json)).toBe(status);
    expect(result.json).toMatchObject({ outcome });
  });
});

const caseIdOf = (r: Awaited<ReturnType<typeof handleFormPost>>) =>
  r.event.kind === 'submitted' ? r.event.caseId : undefined;

describe('handleFormPost — her second post naming the ticket of her open case', () => {
  // Local stack, round 46: Juliana's mail opened OUV-…-000001 (ticket 48213, with Ana); her form
  // post on the same ticket then opened OUV-…-000002 with Bruno, unlinked: two analysts on one
  // complaint. Her proven mail naming the ticket joins the open case; her confirmed post now does too.
  it('joins her open case (one case, her text on it) and the page says which case, and that no other was opened', async () => {
    const deps = webformDeps();
    const form = rafaelsPost;
    const first = await handleFormPost(
      form('O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.'),
      deps,
    );
    const second = await handleFormPost(
      form('Reforçando o chamado 48215: o repasse de novembro continua sem cair e a loja está sem caixa.'),
      deps,
    );
    expect(first.json).toMatchObject({ outcome: 'ACCEPTED' });
    const [only, ...others] = [...deps.cases.records.values()];
    expect(others).toEqual([]);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ outcome: 'JOINED', protocol: only?.protocol });
    expect(second.event).toMatchObject({ kind: 'submitted', caseId: caseIdOf(first), duplicate: false, joined: true });
    expect(only?.messages.map((m) => m.text)).toEqual([
      expect.stringContaining('ninguém respondeu'),
      expect.stringContaining('loja está sem caixa'),
    ]);
    const page = renderPage(second.view, { config: localConfig });
    expect(page).toContain('Mensagem acrescentada ao seu caso');
    expect(page).toContain(`<p class="protocolo">${only?.protocol}</p>`);
    expect(page).toContain('sobre o chamado 48215');
    // No promise of a person: her case's analyst may be on leave or gone (journeys 46).
    expect(page).not.toMatch(/mesma pessoa/);
    expect(page).toMatch(/Prazo de resposta do caso: até \d{2}\/\d{2}\/\d{4}/);
    // Her open-case count is the one case; the ticket stays with it.
    const openCases = deps.openCases as InMemorySenderOpenCases;
    expect([...openCases.ticketHolders.values()].map((h) => h.caseId)).toEqual([caseIdOf(first)]);
    expect(await openCases.count('contato@eletroponto.com.br')).toBe(1);
    // Only the first post was acknowledged by mail: the page is the second's answer.
    expect(withoutConfirmations(deps.mailer.sent)).toHaveLength(1);
  });

  it('her link confirmed twice adds her text once, and answers the same page', async () => {
    const deps = webformDeps();
    await handleFormPost(rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'), deps);
    const again = rafaelsPost('Reforçando: chamado 48215, repasse de novembro ainda não caiu, preciso de retorno.');
    const joined = await handleFormPost(again, deps);
    const token = confirmTokenOf(deps.mailer.sent, 'contato@eletroponto.com.br');
    const twice = await confirmSubmission(token, deps);
    expect(twice).toMatchObject({ status: 200, json: { outcome: 'JOINED' }, event: { duplicate: true } });
    expect(joined.json).toMatchObject({ outcome: 'JOINED' });
    expect([...deps.cases.records.values()].map((c) => c.messages.length)).toEqual([2]);
  });

  // Red team 47: her link stays good past its expiry once confirmed (confirm.ts openLink); a post
  // that joined her case has no case of its own, so the link POSTed again (a replayed form, the back
  // button) after that case closed past its reopen window decided afresh and opened a second case.
  it('her joined post’s link again after her case closed long ago: the same case, nothing new opened', async () => {
    const deps = webformDeps();
    const first = await handleFormPost(
      rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'),
      deps,
    );
    await handleFormPost(
      rafaelsPost('Reforçando: chamado 48215, repasse de novembro ainda não caiu, preciso de retorno.'),
      deps,
    );
    const token = confirmTokenOf(deps.mailer.sent, 'contato@eletroponto.com.br');
    const old = deps.cases.records.get(caseIdOf(first) ?? '');
    if (!old) throw new Error('no first case');
    const closedAt = new Date(deps.clock.now().getTime() - 40 * 24 * 3600 * 1000).toISOString();
    deps.cases.records.set(old.caseId, { ...old, status: 'CLOSED', closedAt });
    const sent = withoutConfirmations(deps.mailer.sent).length;
    const again = await confirmSubmission(token, deps);
    expect(again).toMatchObject({ json: { outcome: 'JOINED', protocol: old.protocol }, event: { duplicate: true } });
    expect(deps.cases.records.size).toBe(1);
    expect(withoutConfirmations(deps.mailer.sent)).toHaveLength(sent);
  });

  // Red team 47: ticket claims live on the inbox's item (Gmail's dots, "+tags"): her post typed as
  // "ana.souza@gmail.com" on the ticket of her open case of "anasouza@gmail.com" opened a case of its
  // own and took the ticket from the open case. Mend 55: one Gmail inbox is one merchant — the post
  // (confirmed from that inbox, as every post citing a ticket is) joins her open case, which keeps the ticket.
  it('her post from another spelling of her Gmail joins her open case, which keeps the ticket', async () => {
    const deps = webformDeps();
    deps.tickets = new InMemoryTicketDirectory([{ id: '60001', requesterEmail: 'anasouza@gmail.com' }]);
    const as = (email: string, descricao: string) =>
      post({ nome: 'Ana Souza', email, chamado: '60001', assunto: 'atendimento', descricao });
    const first = await handleFormPost(
      as('anasouza@gmail.com', 'O repasse de novembro não caiu, chamado 60001.'),
      deps,
    );
    const variant = await handleFormPost(
      as('ana.souza@gmail.com', 'Também não recebi o repasse da loja 2, chamado 60001.'),
      deps,
    );
    expect(variant.json).toMatchObject({ outcome: 'JOINED' });
    const holders = (deps.openCases as InMemorySenderOpenCases).ticketHolders;
    expect([...holders.values()].map((h) => h.caseId)).toEqual([caseIdOf(first)]);
    const third = await handleFormPost(
      as('anasouza@gmail.com', 'Reforçando o chamado 60001: o repasse de novembro segue sem cair.'),
      deps,
    );
    expect(third.json).toMatchObject({ outcome: 'JOINED' });
    expect(deps.cases.records.size).toBe(1);
    // Another mailbox is another person, however alike: a case of its own (the ticket is not hers).
    const other = await handleFormPost(
      as('ana.souza@gmai1.com', 'Reforçando o chamado 60001: o repasse de novembro segue sem cair.'),
      deps,
    );
    expect(other.json).not.toMatchObject({ outcome: 'JOINED' });
    expect([...holders.values()].map((h) => h.caseId)).toEqual([caseIdOf(first)]);
  });

  it('a case of hers on that ticket closed past the reopen window: the post is a case of its own, which holds the ticket', async () => {
    const deps = webformDeps();
    const first = await handleFormPost(
      rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'),
      deps,
    );
    const old = deps.cases.records.get(caseIdOf(first) ?? '');
    if (!old) throw new Error('no first case');
    const closedAt = new Date(deps.clock.now().getTime() - 40 * 24 * 3600 * 1000).toISOString();
    deps.cases.records.set(old.caseId, { ...old, status: 'CLOSED', closedAt });
    const second = await handleFormPost(
      rafaelsPost('O repasse de dezembro também não caiu, o chamado 48215 foi reaberto e nada.'),
      deps,
    );
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ outcome: 'ACCEPTED' });
    expect(deps.cases.records.size).toBe(2);
    const holders = (deps.openCases as InMemorySenderOpenCases).ticketHolders;
    expect([...holders.values()].map((h) => h.caseId)).toEqual([caseIdOf(second)]);
  });

  // Red team 48: the lifecycle may refuse her post on the holder (a closed case with no analyst, at
  // its record's ceiling, erased meanwhile): the post is a case of its own, but the ticket stayed
  // with the refused case, so her next post on it could not join the new one (another case each time).
  it('a join the lifecycle refuses: the post’s own case takes the ticket, and her next post joins it', async () => {
    const deps = webformDeps();
    const first = await handleFormPost(
      rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'),
      deps,
    );
    const firstId = caseIdOf(first);
    deps.caseLifecycle = async () => ({
      merchantReply: async (parent, message) => {
        if (parent.caseId === firstId) return { kind: 'open-linked-case', linkedProtocol: parent.protocol ?? '' };
        await deps.cases.appendMessage(parent.caseId, message);
        return { kind: 'applied', status: 'IN_PROGRESS', reopened: false, forwarded: true };
      },
    });
    const second = await handleFormPost(
      rafaelsPost('O repasse de dezembro também não caiu, o chamado 48215 segue sem resposta.'),
      deps,
    );
    expect(second.json).toMatchObject({ outcome: 'ACCEPTED' });
    const holders = (deps.openCases as InMemorySenderOpenCases).ticketHolders;
    expect([...holders.values()].map((h) => h.caseId)).toEqual([caseIdOf(second)]);
    const third = await handleFormPost(
      rafaelsPost('Reforçando o chamado 48215: nenhum dos dois repasses caiu até agora.'),
      deps,
    );
    expect(third.json).toMatchObject({ outcome: 'JOINED', protocol: (second.json as { protocol: string }).protocol });
    expect(deps.cases.records.size).toBe(2);
  });

  it.each([
    ['another ticket of hers', { chamado: '48213', email: 'lojista@modasbella.com.br', nome: 'Juliana Bella' }],
    [
      'the same ticket typed by someone else',
      { chamado: '48215', email: 'outra@eletroponto.com.br', nome: 'Outra Pessoa' },
    ],
  ])('%s: a case of its own', async (_label, who) => {
    const deps = webformDeps();
    await handleFormPost(rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'), deps);
    const other = await handleFormPost(
      post({
        ...who,
        assunto: 'atendimento',
        descricao: 'O suporte encerrou o meu chamado sem resolver o problema do repasse.',
      }),
      deps,
    );
    expect(other.json).not.toMatchObject({ outcome: 'JOINED' });
    expect(deps.cases.records.size).toBe(2);
  });

  // Journey 44 (local stack): Renata's case came from the form; 15 days later, overdue, she wrote by
  // mail naming the same ticket, and it opened a parallel case with another analyst — her form's
  // case held no ticket, so her proven mail had nothing to join (a post proved no address before
  // the confirmation link; it does since).
  it('her proven mail naming that ticket afterwards joins the post’s case instead of opening another', async () => {
    const deps = webformDeps();
    const posted = await handleFormPost(
      rafaelsPost('O repasse das vendas de novembro não caiu na conta. Abri o chamado 48215 e ninguém respondeu.'),
      deps,
    );
    expect(posted.json).toMatchObject({ outcome: 'ACCEPTED' });
    const mail = aSubmission({
      sourceId: 'ses-rafael-2',
      sender: { name: 'Rafael Lima', address: 'contato@eletroponto.com.br' },
      returnPath: 'contato@eletroponto.com.br',
      messageId: 'rafael-2@eletroponto.com.br',
      subject: 'Repasse de novembro - chamado 48215',
      text: 'Olá, o repasse continua sem cair. Chamado 48215, ainda sem resposta.',
    });
    const result = await processSubmission(mail, deps);
    expect(result).toMatchObject({ kind: 'follow-up', caseId: caseIdOf(posted), appended: true });
    expect([...deps.cases.records.values()].filter((c) => c.outcome === 'ACCEPTED')).toHaveLength(1);
  });
});

// Her open-case cap stops new cases only: at the cap, her confirmed post naming the ticket of her open
// case was refused with a 409 ("Você já tem 5 casos abertos…"), though it opens nothing — it joins.
describe('handleFormPost — at her open-case cap', () => {
  const LIMIT = localConfig.limits.maxOpenCasesPerSender;
  const RAFAEL = 'contato@eletroponto.com.br';
  /** Rafael's case on ticket 48215, then his cap filled by other open cases of his. */
  const atCap = async () => {
    const deps = webformDeps();
    const first = await handleFormPost(
      rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'),
      deps,
    );
    const openCases = deps.openCases as InMemorySenderOpenCases;
    for (let i = 1; (await openCases.count(RAFAEL)) < LIMIT; i++) await openCases.add(RAFAEL, `other-case-${i}`);
    return { deps, first, openCases };
  };

  it('her confirmed post naming the ticket of her open case joins it: nothing opened, nothing counted', async () => {
    const { deps, first, openCases } = await atCap();
    const second = await handleFormPost(
      rafaelsPost('Reforçando o chamado 48215: o repasse de novembro continua sem cair e a loja está sem caixa.'),
      deps,
    );
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({
      outcome: 'JOINED',
      protocol: deps.cases.records.get(caseIdOf(first) ?? '')?.protocol,
    });
    expect(deps.cases.records.size).toBe(1);
    expect(deps.cases.records.get(caseIdOf(first) ?? '')?.messages).toHaveLength(2);
    expect(await openCases.count(RAFAEL)).toBe(LIMIT);
    expect([...openCases.ticketHolders.values()].map((h) => h.caseId)).toEqual([caseIdOf(first)]);
  });

  it('her case of that ticket closed within the reopen window: the post reopens it, still nothing new', async () => {
    const { deps, first } = await atCap();
    const old = deps.cases.records.get(caseIdOf(first) ?? '');
    if (!old) throw new Error('no first case');
    const closedAt = new Date(deps.clock.now().getTime() - 2 * 24 * 3600 * 1000).toISOString();
    deps.cases.records.set(old.caseId, { ...old, status: 'CLOSED', closedAt });
    const second = await handleFormPost(
      rafaelsPost('O chamado 48215 foi encerrado, mas o repasse de novembro ainda não caiu na conta.'),
      deps,
    );
    expect(second.json).toMatchObject({ outcome: 'JOINED', protocol: old.protocol });
    expect(deps.cases.records.size).toBe(1);
  });

  it.each([
    [
      'another ticket of hers, held by no case',
      { chamado: '48216' },
      'O suporte encerrou o chamado 48216 sem resolver o frete.',
    ],
    [
      'no ticket held: her case of 48215 closed long ago',
      { closedLongAgo: true },
      'O repasse de dezembro não caiu, chamado 48215 sem resposta.',
    ],
  ])('%s: still refused at the cap (409), and no ticket claimed for the refused post', async (_label, change, text) => {
    const { deps, first, openCases } = await atCap();
    if ('closedLongAgo' in change) {
      const old = deps.cases.records.get(caseIdOf(first) ?? '');
      if (!old) throw new Error('no first case');
      const closedAt = new Date(deps.clock.now().getTime() - 40 * 24 * 3600 * 1000).toISOString();
      deps.cases.records.set(old.caseId, { ...old, status: 'CLOSED', closedAt });
    }
    if ('chamado' in change) {
      deps.tickets = new InMemoryTicketDirectory([{ id: '48216', requesterEmail: RAFAEL }]);
    }
    const holdersBefore = JSON.stringify([...openCases.ticketHolders]);
    const refused = await handleFormPost(
      post({
        nome: 'Rafael Lima',
        email: RAFAEL,
        chamado: 'chamado' in change ? change.chamado : '48215',
        assunto: 'atendimento',
        descricao: text,
      }),
      deps,
    );
    expect(refused.status).toBe(409);
    expect(refused.event).toMatchObject({ kind: 'rejected', reason: 'open_cases' });
    expect(deps.cases.records.size).toBe(1);
    expect(await openCases.count(RAFAEL)).toBe(LIMIT);
    expect(JSON.stringify([...openCases.ticketHolders])).toBe(holdersBefore);
  });

  // Her inbox joins (mend 55: one Gmail inbox is one merchant): at the cap, the post that joins her open
  // case opens nothing, so it is not refused; another mailbox at the cap would be.
  it('the ticket of her open case typed from another spelling of her Gmail: joins it, even at the cap', async () => {
    const deps = webformDeps();
    deps.tickets = new InMemoryTicketDirectory([{ id: '60001', requesterEmail: 'anasouza@gmail.com' }]);
    const as = (email: string, descricao: string) =>
      post({ nome: 'Ana Souza', email, chamado: '60001', assunto: 'atendimento', descricao });
    await handleFormPost(as('anasouza@gmail.com', 'O repasse de novembro não caiu, chamado 60001.'), deps);
    const openCases = deps.openCases as InMemorySenderOpenCases;
    for (let i = 1; (await openCases.count('anasouza@gmail.com')) < LIMIT; i++) {
      await openCases.add('anasouza@gmail.com', `other-case-${i}`);
    }
    const variant = await handleFormPost(
      as('ana.souza@gmail.com', 'Reforçando o chamado 60001, o repasse de novembro não caiu.'),
      deps,
    );
    expect(variant.status).toBe(200);
    expect(variant.json).toMatchObject({ outcome: 'JOINED' });
    expect(deps.cases.records.size).toBe(1);
    expect([...deps.cases.records.values()][0]?.messages).toHaveLength(2);
  });
});

// Red-team round 5 (C4): the guidance page answers whoever typed the address. "Enviamos … para o seu
// e-mail" only when the mail went told him whether the address bounces (bounce memory) or had
// already been guided today (the daily limit): the page is now the same bytes either way.
describe('the guidance page says the same whether or not its mail went', () => {
  const descricao =
    'Oi, sou lojista e estou tentando falar com alguém sobre uma cobrança que não reconheço na fatura deste mês.';
  it.each([
    ['the address already had today’s guidance', 'ana@papelariaestrela.com.br', 'ana@papelariaestrela.com.br'],
    ['the address is in bounce memory', 'carla@docesdacarla.com.br', 'quica@docesdacarla.com.br'],
    ['a no-reply mailbox', 'joao@lojadojoao.com.br', 'no-reply@lojadojoao.com.br'],
  ])('%s: the page is the one a delivered mail gets', async (_label, delivered, held) => {
    const deps = webformDeps();
    await deps.bounces.markBouncing('quica@docesdacarla.com.br', new Date('2030-01-01T00:00:00Z'), 'hard bounce');
    const pageFor = async (email: string, text: string) => {
      const result = await handleFormPost(
        post({ nome: 'Rafael Souza', email, assunto: 'cobranca', descricao: text }),
        deps,
      );
      return { page: renderPage(result.view, { config: localConfig }), json: JSON.stringify(result.json) };
    };
    const first = await pageFor(delivered, descricao);
    const sentBefore = withoutConfirmations(deps.mailer.sent).length;
    // Another text, so it is a second post and not the same one sent twice.
    const second = await pageFor(held, `${descricao} Já escrevi antes.`);
    expect(sentBefore).toBe(1);
    expect(withoutConfirmations(deps.mailer.sent)).toHaveLength(1);
    expect(second).toEqual(first);
    expect(first.page).toContain(PAGE_WORDS['pt-BR'].guidance.mailedUnlessHeld);
  });
});

// Journey 46 (local stack, after a00822b4): her confirmed post joined her case by the intake's raw
// append, not the lifecycle — a case waiting for her stayed WAITING_MERCHANT, a closed one stayed
// closed (the page said her message "será lida junto com o restante do caso"), and the analyst's
// notice had her address as Reply-To. The join now goes through the lifecycle's merchantReply.
describe('handleFormPost — her post joining her case moves it as her mail would (the lifecycle)', () => {
  type Moved = { status: 'IN_PROGRESS'; reopened: boolean; dueAt?: string };
  const joinedWith = async (before: { status: 'WAITING_MERCHANT' | 'CLOSED' }, moved: Moved) => {
    const deps = webformDeps();
    const first = await handleFormPost(
      rafaelsPost('O repasse de novembro não caiu. Chamado 48215 sem resposta.'),
      deps,
    );
    const caseId = caseIdOf(first) ?? '';
    const held = deps.cases.records.get(caseId);
    if (!held) throw new Error('no first case');
    // Closed the day before: within the reopen window.
    const closedAt = new Date(deps.clock.now().getTime() - 24 * 3600 * 1000).toISOString();
    deps.cases.records.set(caseId, {
      ...held,
      status: before.status,
      ...(before.status === 'CLOSED' ? { closedAt } : {}),
      assignee: 'ana',
    });
    const calls: { caseId: string; text: string; attachments: number }[] = [];
    deps.caseLifecycle = async () => ({
      merchantReply: async (parent, message) => {
        calls.push({ caseId: parent.caseId, text: message.text, attachments: message.attachments.length });
        const now = deps.cases.records.get(parent.caseId);
        if (now) {
          const { closedAt: _closed, ...open } = now;
          deps.cases.records.set(parent.caseId, {
            ...open,
            status: moved.status,
            ...(moved.dueAt ? { dueAt: moved.dueAt } : {}),
            messages: [...now.messages, message],
          });
        }
        return { kind: 'applied', status: moved.status, reopened: moved.reopened, forwarded: true };
      },
    });
    const before_ = deps.mailer.sent.length;
    const second = await handleFormPost(
      rafaelsPost('Segue o extrato: o repasse de novembro (chamado 48215) continua sem aparecer na conta.'),
      deps,
    );
    const mailed = withoutConfirmations(deps.mailer.sent.slice(before_));
    return { second, calls, mailed, caseId, page: renderPage(second.view, { config: localConfig }) };
  };

  it('a case waiting for her: her text goes to the lifecycle (which moves it), and no raw notice with her Reply-To', async () => {
    const { second, calls, mailed, caseId, page } = await joinedWith(
      { status: 'WAITING_MERCHANT' },
      { status: 'IN_PROGRESS', reopened: false },
    );
    expect(second.json).toMatchObject({ outcome: 'JOINED' });
    expect(calls).toEqual([{ caseId, text: expect.stringContaining('continua sem aparecer'), attachments: 0 }]);
    expect(mailed.filter((m) => (m.replyTo ?? []).includes('contato@eletroponto.com.br'))).toEqual([]);
    expect(page).toMatch(/Prazo de resposta do caso: até \d{2}\/\d{2}\/\d{4}/);
    expect(page).not.toContain('reaberto');
  });

  it('a case closed within the window: reopened — the page says so and gives the deadline the reopening set', async () => {
    const { second, calls, page } = await joinedWith(
      { status: 'CLOSED' },
      { status: 'IN_PROGRESS', reopened: true, dueAt: '2026-03-31T20:00:00.000Z' },
    );
    expect(second.json).toMatchObject({ outcome: 'JOINED' });
    expect(calls).toHaveLength(1);
    expect(page).toContain('O caso estava encerrado e foi reaberto com a sua mensagem');
    expect(page).toContain('Prazo de resposta do caso: até 31/03/2026');
  });
});
