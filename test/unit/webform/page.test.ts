import { describe, expect, it } from 'vitest';
import { localConfig, type OuvidoriaConfig, parseConfig, localConfigInput } from '../../../shared/domain/config';
import { FIELD_NAMES, type FieldErrors, MESSAGES } from '../../../shared/webform/form';
import { type GuidanceOutcome, guidanceFor } from '../../../shared/domain/guidance';
import { renderPage, type WebformView } from '../../../shared/webform/page';
import { PAGE_WORDS } from '../../../shared/webform/page-words';
import { APP_JS } from '../../../shared/webform/script';
import { PAGE_CSS } from '../../../shared/webform/styles';

const render = (view: WebformView, config: OuvidoriaConfig = localConfig) => renderPage(view, { config });

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  '`${alert(1)}`',
  '&lt;script&gt;',
];

/** Every <tag …> of a kind, with its attribute text. */
function tags(page: string, name: string): string[] {
  return [...page.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))].map((m) => m[0]);
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Markup that could run script: any <script> with content, on* handlers, javascript: URLs. */
function activeContent(page: string): string[] {
  const found: string[] = [];
  for (const m of page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) if (m[1]?.trim()) found.push(m[0]);
  for (const tag of page.matchAll(/<[a-z][^>]*>/gi)) {
    // Attribute values are data: only look at what is outside the quotes.
    const outsideValues = tag[0].replace(/"[^"]*"/g, '""');
    if (/\son[a-z]+\s*=/i.test(outsideValues)) found.push(tag[0]);
    if (/\s(href|src|action)="\s*javascript:/i.test(tag[0])) found.push(tag[0]);
  }
  return found;
}

const ALL_ERRORS: FieldErrors = {
  nome: MESSAGES.nome.required,
  email: MESSAGES.email.invalid,
  chamado: MESSAGES.chamado.invalid,
  assunto: MESSAGES.assunto.required,
  descricao: MESSAGES.descricao.tooShort,
  naoCliente: MESSAGES.naoCliente.invalid,
  consentimento: MESSAGES.consentimento.required,
};

describe('form page', () => {
  const page = render({ kind: 'form' });

  it('is a pt-BR document that explains the office as the article does', () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="pt-BR">/);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('segunda a sexta-feira, das 09:00 às 17:00, exceto feriados');
    expect(page).toContain('segunda a sexta-feira, das 08:00 às 18:00');
    expect(page).toContain('Resolvemos mais de 99% das solicitações');
    expect(page).toContain('Número do chamado anterior');
    expect(page).toContain('Descrição detalhada');
    expect(page).toContain('Quando acionar a Ouvidoria');
    expect(page).toContain('Situações em que a Ouvidoria não poderá atuar');
    for (const cause of ['inatividade', 'registro.br', 'Alteração incorreta do domínio', 'Outros tipos de bloqueio']) {
      expect(page.toLowerCase()).toContain(cause.toLowerCase());
    }
  });

  it('links every place to go first, from the configuration', () => {
    const hrefs = tags(page, 'a').map((a) => attr(a, 'href'));
    for (const link of Object.values(localConfig.links)) expect(hrefs).toContain(link);
  });

  it('takes the hours from the configuration', () => {
    const config = parseConfig({
      ...localConfigInput,
      officeHours: { days: [1, 2, 3, 4], open: '10:00', close: '16:00' },
      supportHours: { days: [1, 2, 3, 4, 5, 6], open: '07:00', close: '20:00' },
    });
    const custom = render({ kind: 'form' }, config);
    expect(custom).toContain('segunda a quinta-feira, das 10:00 às 16:00, exceto feriados');
    expect(custom).toContain('segunda a sábado, das 07:00 às 20:00');
    expect(custom).not.toContain('09:00');
  });

  it.each([
    { maxFiles: 1, says: 'até 1 arquivo (PDF' },
    { maxFiles: 3, says: 'até 3 arquivos (PDF' },
  ])('says the file limit in the singular and plural ($maxFiles)', ({ maxFiles, says }) => {
    const config = { ...localConfig, attachments: { ...localConfig.attachments, maxFiles } };
    expect(renderPage({ kind: 'form' }, { config, attachments: true })).toContain(says);
  });

  it('posts to /casos (with the stage prefix when there is one), without JavaScript', () => {
    expect(tags(page, 'form')[0]).toContain('method="post" action="/casos"');
    const staged = renderPage({ kind: 'form' }, { config: localConfig, basePath: '/prod' });
    expect(tags(staged, 'form')[0]).toContain('action="/prod/casos"');
    expect(tags(staged, 'script')[0]).toContain('src="/prod/app.js"');
  });

  it('gives every input, select and textarea a label', () => {
    const controls = [...tags(page, 'input'), ...tags(page, 'select'), ...tags(page, 'textarea')];
    expect(controls.length).toBe(FIELD_NAMES.length + 1); // + the honeypot
    for (const control of controls) {
      const id = attr(control, 'id');
      expect(id, control).toBeTruthy();
      expect(page).toContain(`<label for="${id}">`);
      expect(tags(page, '[a-z]+').filter((t) => attr(t, 'id') === id)).toHaveLength(1);
    }
  });

  it('groups the checkboxes in fieldsets with a legend', () => {
    const fieldsets = page.match(/<fieldset[\s\S]*?<\/fieldset>/g) ?? [];
    expect(fieldsets).toHaveLength(2);
    expect(fieldsets[0]).toContain('<legend>Vínculo com a plataforma</legend>');
    expect(fieldsets[0]).toContain('id="naoCliente" name="naoCliente" type="checkbox"');
    expect(fieldsets[1]).toContain('<legend>Consentimento (LGPD)</legend>');
    expect(fieldsets[1]).toContain('id="consentimento" name="consentimento" type="checkbox"');
    expect(fieldsets[1]).toContain(`href="${localConfig.links.privacyPolicy}"`);
  });

  it('points every aria-describedby at an element of the page', () => {
    const described = [...page.matchAll(/aria-describedby="([^"]+)"/g)].flatMap((m) => m[1]!.split(' '));
    expect(described.length).toBeGreaterThan(3);
    for (const id of described) expect(page).toContain(`id="${id}"`);
  });

  it('hides the honeypot from people and assistive technology', () => {
    const honeypot = /<div class="hp" aria-hidden="true">[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    expect(honeypot).toContain('name="website"');
    expect(honeypot).toContain('tabindex="-1"');
    expect(honeypot).toContain('autocomplete="off"');
    expect(PAGE_CSS).toMatch(/\.hp\{position:absolute;left:-10000px/);
  });

  it('sets the limits on the inputs', () => {
    expect(tags(page, 'textarea')[0]).toContain('maxlength="5000"');
    expect(tags(page, 'input').find((t) => attr(t, 'id') === 'nome')).toContain('maxlength="120"');
    expect(tags(page, 'input').find((t) => attr(t, 'id') === 'email')).toContain('maxlength="254"');
    // Room for the support link a merchant pastes instead of the number.
    expect(tags(page, 'input').find((t) => attr(t, 'id') === 'chamado')).toContain('maxlength="300"');
  });

  it('shows no error markup when there is no error', () => {
    expect(page).not.toContain('aria-invalid');
    expect(page).not.toContain('role="alert"');
    expect(page).toContain('<title>Fale com a Ouvidoria – Ouvidoria</title>');
  });

  it('has no inline script, no inline style attribute and no event handler', () => {
    expect(activeContent(page)).toEqual([]);
    expect(page).not.toMatch(/\sstyle="/);
    expect(tags(page, 'script')).toEqual(['<script src="/app.js" defer>']);
  });
});

describe('form page after errors', () => {
  const values = {
    nome: 'Mariana',
    email: 'lojista@modasbella',
    loja: 'Modas Bella',
    chamado: 'abc',
    assunto: 'cobranca',
    descricao: 'Linha 1\nLinha 2',
    naoCliente: 'on',
    consentimento: 'on',
  };
  const page = render({ kind: 'form', values, errors: ALL_ERRORS });

  it('opens with an error summary that is announced and focused', () => {
    const summary = tags(page, 'div').find((t) => attr(t, 'id') === 'resumo-erros') ?? '';
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('tabindex="-1"');
    expect(summary).toContain('autofocus');
    expect(page.indexOf('id="resumo-erros"')).toBeLessThan(page.indexOf('<h1>'));
    expect(page).toContain('<title>Erro: corrija o formulário – Ouvidoria</title>');
    expect(page).toContain('Corrija 7 campos para enviar');
    expect(APP_JS).toContain("getElementById('resumo-erros')");
  });

  it('links each error of the summary to its field', () => {
    const summary = /<div class="resumo-erros"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links.map(([id]) => id)).toEqual(Object.keys(ALL_ERRORS));
    for (const [id] of links) expect(page).toMatch(new RegExp(`<(input|select|textarea) id="${id}"`));
  });

  it('marks each bad field invalid, with its message linked and not by colour alone', () => {
    for (const [field, message] of Object.entries(ALL_ERRORS)) {
      const control = [...tags(page, 'input'), ...tags(page, 'select'), ...tags(page, 'textarea')].find(
        (t) => attr(t, 'id') === field,
      );
      expect(control, field).toContain('aria-invalid="true"');
      // Checkbox groups carry the description on their fieldset (GOV.UK pattern), fields on themselves.
      const described =
        field === 'naoCliente' || field === 'consentimento'
          ? tags(page, 'fieldset').find(
              (t) => page.indexOf(t) < page.indexOf(`id="${field}" name`) && t.includes(`${field}-`),
            )
          : control;
      expect((attr(described ?? '', 'aria-describedby') ?? '').split(' '), field).toContain(`${field}-erro`);
      expect(page).toContain(
        `<p class="erro" id="${field}-erro"><span class="sr">Erro: </span>${escapeLikeThePage(message!)}</p>`,
      );
    }
  });

  it('keeps every value typed', () => {
    expect(page).toContain('id="nome" name="nome" type="text" value="Mariana"');
    expect(page).toContain('value="lojista@modasbella"');
    expect(page).toContain('value="Modas Bella"');
    expect(page).toContain('value="abc"');
    expect(page).toContain('<option value="cobranca" selected>');
    expect(page).not.toContain('<option value="" selected>');
    expect(page).toMatch(/<textarea[^>]*>Linha 1\nLinha 2<\/textarea>/);
    expect(tags(page, 'input').find((t) => attr(t, 'id') === 'naoCliente')).toContain(' checked');
    expect(tags(page, 'input').find((t) => attr(t, 'id') === 'consentimento')).toContain(' checked');
  });

  it('leaves unchecked boxes unchecked and an unknown topic unselected', () => {
    const other = render({ kind: 'form', values: { assunto: 'xyz', consentimento: '' }, errors: {} });
    expect(tags(other, 'input').find((t) => attr(t, 'id') === 'consentimento')).not.toContain(' checked');
    expect(other).toContain('<option value="" selected>');
  });

  it('keeps the typed text after a temporary failure, with a notice', () => {
    const notice = render({ kind: 'form', values: { descricao: 'Meu relato' }, notice: 'Tente novamente.' });
    expect(notice).toContain('role="alert"');
    expect(notice).toContain('Tente novamente.');
    expect(notice).toContain('>Meu relato</textarea>');
  });
});

function escapeLikeThePage(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

describe('escaping merchant text', () => {
  it.each(XSS)('escapes %j in every field of the form', (payload) => {
    const values = Object.fromEntries(FIELD_NAMES.map((f) => [f, payload]));
    const page = render({ kind: 'form', values, errors: { nome: payload } });
    expect(activeContent(page)).toEqual([]);
    expect(tags(page, 'script')).toHaveLength(1);
    expect(tags(page, 'img')).toEqual([]);
    expect(tags(page, 'svg')).toEqual([]);
    expect(page.match(/<\/textarea>/g)).toHaveLength(1);
    expect(page.match(/<\/title>/g)).toHaveLength(1);
    if (/[<>"']/.test(payload)) expect(page).not.toContain(payload);
  });

  it.each(XSS)('escapes %j in the protocol and the ticket number', (payload) => {
    const accepted = render({ kind: 'accepted', protocol: payload, emailed: true });
    const guidance = render({
      kind: 'guidance',
      outcome: 'TICKET_INVALID',
      ticket: { status: 'invalid', number: payload, why: 'not_found' },
    });
    const problem = render({ kind: 'problem', title: payload, message: payload });
    for (const page of [accepted, guidance, problem]) {
      expect(activeContent(page)).toEqual([]);
      expect(tags(page, 'img')).toEqual([]);
      if (/[<>"']/.test(payload)) expect(page).not.toContain(payload);
    }
  });

  it('never puts a javascript: link from the configuration into an href', () => {
    const config = { ...localConfig, links: { ...localConfig.links, sales: 'javascript:alert(1)' } };
    const pages = [render({ kind: 'form' }, config), render({ kind: 'guidance', outcome: 'NOT_A_CLIENT' }, config)];
    for (const page of pages) {
      expect(activeContent(page)).toEqual([]);
      expect(page).not.toContain('javascript:');
    }
  });
});

describe('result pages', () => {
  it('confirms an accepted case with the protocol, next steps and office hours', () => {
    const page = render({ kind: 'accepted', protocol: 'OUV-2026-000123', emailed: true });
    expect(page).toContain('<p class="protocolo">OUV-2026-000123</p>');
    expect(page).toContain('Recebemos a sua manifestação');
    expect(page).toContain('Próximos passos');
    expect(page).toContain('segunda a sexta-feira, das 09:00 às 17:00, exceto feriados');
    expect(page).toContain('Enviamos uma confirmação');
    expect(page).toContain('<a href="/consulta">consulta de casos da Ouvidoria</a>');
    expect(render({ kind: 'accepted', protocol: 'OUV-2026-000123', emailed: false })).not.toContain(
      'Enviamos uma confirmação',
    );
  });

  // The confirmation of a form written in Spanish or English speaks its language (9bb5b74): its list
  // of files too, in the status page's words for each file's state.
  const files: NonNullable<(WebformView & { kind: 'accepted' })['attachments']> = [
    { name: 'fatura-outubro.pdf', size: 90_000, type: 'application/pdf', scan: 'NO_THREATS_FOUND' },
    { name: 'print-painel.png', size: 300_000, type: 'image/png', scan: 'PENDING' },
    { name: 'planilha.xlsx', size: 20_000, type: 'application/vnd.ms-excel', scan: 'THREATS_FOUND' },
    {
      name: 'pedidos.xlsx',
      size: 12_000,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      scan: 'NO_THREATS_FOUND',
    },
  ];
  it.each([
    [
      'pt-BR',
      [
        'Arquivos recebidos',
        'fatura-outubro.pdf</strong> (87,9 KB, PDF): recebido e verificado, sem ameaças',
        'recebido, em verificação antivírus',
        'em quarentena: o antivírus encontrou uma ameaça',
        'Um arquivo com ameaça fica em quarentena',
      ],
    ],
    [
      'es',
      [
        'Archivos recibidos',
        'fatura-outubro.pdf</strong> (87,9 KB, PDF): recibido y verificado, sin amenazas',
        'recibido, en verificación antivirus',
        'en cuarentena: el antivirus encontró una amenaza',
        'Un archivo con una amenaza queda en cuarentena',
      ],
    ],
    [
      'en',
      [
        'Files received',
        'fatura-outubro.pdf</strong> (87,9 KB, PDF): received and checked, no threats found',
        'received, antivirus check in progress',
        'quarantined: the antivirus found a threat',
        'A file with a threat is kept in quarantine',
      ],
    ],
  ] as const)('the confirmation (%s) lists the files in its language', (language, says) => {
    const page = render({ kind: 'accepted', protocol: 'OUV-2026-000123', emailed: true, attachments: files, language });
    for (const text of says) expect(page).toContain(text);
    // Journey 47: each file's kind in the form's words, never its MIME type; one not of ours, none.
    expect(page).toContain('pedidos.xlsx</strong> (11,7 KB, XLSX):');
    expect(page).toContain('planilha.xlsx</strong> (19,5 KB):');
    const list = /<ul class="anexos-recebidos">[\s\S]*?<\/ul>/.exec(page)?.[0] ?? '';
    expect(list).not.toMatch(/application\/|image\//);
    if (language !== 'pt-BR') {
      expect(page).not.toMatch(
        /Arquivos recebidos|verificado, sem ameaças|verificação antivírus|AMEAÇA|quarentena|Enviamos/,
      );
    }
  });

  const outcomes: [GuidanceOutcome, string, string][] = [
    ['NO_PRIOR_TICKET', 'Fale primeiro com a Central de Atendimento', localConfig.links.supportCentre],
    ['TICKET_INVALID', 'Confira o número do seu chamado', localConfig.links.openTicket],
    ['ACCESS_ISSUE', 'Sem acesso ao painel administrativo', localConfig.links.openTicket],
    ['BILLING_QUESTION', 'Planos, faturas e cobrança', localConfig.links.billingKnowledgeBase],
    ['NOT_A_CLIENT', 'Fale com o nosso time Comercial', localConfig.links.sales],
    ['OUT_OF_SCOPE_FEATURE', 'Funcionalidades e integrações', localConfig.links.knowledgeBase],
    ['OUT_OF_SCOPE_COMMERCIAL', 'Negociações comerciais', localConfig.links.sales],
  ];

  it.each(outcomes)('guides %s right on the page: "%s" with %s', (outcome, title, link) => {
    const page = render({ kind: 'guidance', outcome });
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toContain(`href="${link}"`);
    expect(page).toContain(PAGE_WORDS['pt-BR'].guidance.mailedUnlessHeld);
    expect(page).toContain('href="/"');
    const guidance = guidanceFor(outcome, localConfig);
    expect(guidance.links.map((l) => l.href)).toContain(link);
  });

  it.each([
    {
      name: 'a store’s customer writing in English',
      view: { kind: 'guidance', outcome: 'NOT_A_CLIENT', variant: 'shopper', language: 'en' },
      lang: 'en',
      title: 'Please contact the store you bought from',
      phrase: 'contact the store',
    },
    {
      name: 'an accountant writing in Spanish for the ticket’s owner',
      view: {
        kind: 'guidance',
        outcome: 'TICKET_INVALID',
        ticket: { status: 'invalid', number: '48213', why: 'not_found' },
        variant: 'on-behalf',
        language: 'es',
      },
      lang: 'es',
      title: 'Verifique el número de su ticket',
      phrase: 'Como usted escribe en nombre de otra persona o empresa',
    },
  ] as const)('$name: the page is the mail’s guidance, variant included', ({ view, lang, title, phrase }) => {
    const page = render(view as WebformView);
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toContain(phrase);
    expect(page).toContain(PAGE_WORDS[lang].guidance.mailedUnlessHeld);
    expect(page).not.toContain(PAGE_WORDS['pt-BR'].guidance.mailedUnlessHeld);
  });

  it('explains the hourly limit with the time to wait', () => {
    const page = render({ kind: 'rate-limited', retryAfterSeconds: 1500 });
    expect(page).toContain('Muitos envios em pouco tempo');
    expect(page).toContain('Tente novamente em 25 minutos.');
    expect(render({ kind: 'rate-limited', retryAfterSeconds: 20 })).toContain('Tente novamente em 1 minuto.');
  });

  it.each([
    { limit: 5, says: 'Este e-mail já tem 5 casos em andamento na Ouvidoria, o máximo permitido' },
    { limit: 1, says: 'Este e-mail já tem 1 caso em andamento na Ouvidoria, o máximo permitido' },
  ])('explains the open-cases cap ($limit)', ({ limit, says }) => {
    expect(render({ kind: 'open-cases', limit })).toContain(says);
  });
});
