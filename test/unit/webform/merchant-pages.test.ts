import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import { renderMerchantPage } from '../../../shared/webform/merchant-pages';

const ctx = { config: localConfig, basePath: '' };
const EVIL = '<img src=x onerror=alert(1)>"\'`';

describe('merchant pages', () => {
  it('escapes every merchant- or staff-typed field of the status page', () => {
    const body = renderMerchantPage(
      {
        kind: 'status-case',
        view: {
          protocol: 'OUV-2026-000123',
          language: 'pt-BR',
          status: 'CLOSED',
          createdAt: '2026-03-10T13:00:00.000Z',
          closedAt: '2026-03-19T13:00:00.000Z',
          closure: { category: 'parcial', summary: EVIL },
          messages: [
            { from: 'merchant', at: '2026-03-10T13:00:00.000Z', subject: EVIL, text: EVIL },
            { from: 'office', at: '2026-03-11T13:00:00.000Z', subject: EVIL, text: EVIL },
          ],
        },
      },
      ctx,
    );
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&#96;');
    expect(body).toContain('Parcialmente procedente');
    expect(body).toContain('Ouvidoria, em 11/03/2026');
    expect(body).toContain('Você, em 10/03/2026');
  });

  it.each([
    [undefined, '<p>Assunto: Reclamo</p>\n<div class="texto">Hola, Carla.</div>'],
    ['es', '<p>Assunto: <span lang="es">Reclamo</span></p>\n<div class="texto" lang="es">Hola, Carla.</div>'],
    ['en', '<p>Assunto: <span lang="en">Reclamo</span></p>\n<div class="texto" lang="en">Hola, Carla.</div>'],
  ] as const)('marks a message in %s with its language on the pt-BR page', (lang, expected) => {
    const message = {
      from: 'office' as const,
      at: '2026-03-11T13:00:00.000Z',
      subject: 'Reclamo',
      text: 'Hola, Carla.',
    };
    const view = {
      protocol: 'OUV-2026-000123',
      language: 'pt-BR' as const,
      status: 'IN_PROGRESS' as const,
      createdAt: '2026-03-10T13:00:00.000Z',
      messages: [lang ? { ...message, lang } : message],
    };
    expect(renderMerchantPage({ kind: 'status-case', view }, ctx)).toContain(expected);
  });

  it('lists the files she sent and how each stands, names escaped', () => {
    const body = renderMerchantPage(
      {
        kind: 'status-case',
        view: {
          protocol: 'OUV-2026-000123',
          language: 'pt-BR',
          status: 'IN_PROGRESS',
          createdAt: '2026-03-10T13:00:00.000Z',
          messages: [
            {
              from: 'merchant',
              at: '2026-03-10T13:00:00.000Z',
              subject: 'Formulário: cobrança',
              text: 'Fui cobrada duas vezes.',
              files: [
                { name: 'fatura-fevereiro.pdf', size: 120_000, state: 'received' },
                { name: 'boleto.pdf', size: 90_000, state: 'verified' },
                { name: 'extrato.pdf', size: 2_500_000, state: 'checking' },
                { name: `${EVIL}.pdf`, size: 1_000, state: 'quarantined' },
              ],
            },
            { from: 'merchant', at: '2026-03-11T13:00:00.000Z', subject: 'Re: cobrança', text: 'Alguma novidade?' },
          ],
        },
      },
      ctx,
    );
    expect(body).toContain('<p>Arquivos enviados:</p>');
    expect(body).toContain('<li><strong>fatura-fevereiro.pdf</strong> (117,2 KB): recebido</li>');
    // A file the antivirus cleared reads as the form's confirmation page said it.
    expect(body).toContain('<li><strong>boleto.pdf</strong> (87,9 KB): recebido e verificado, sem ameaças</li>');
    expect(body).toContain('<li><strong>extrato.pdf</strong> (2,4 MB): recebido, em verificação antivírus</li>');
    expect(body).toContain('em quarentena: o antivírus encontrou uma ameaça');
    expect(body).not.toContain('<img');
    expect(body.match(/Arquivos? enviados?:/g)).toHaveLength(1);
  });

  it.each([
    ['QUEUED', 'Recebido: aguardando análise'],
    ['ASSIGNED', 'Em análise pela Ouvidoria'],
    ['IN_PROGRESS', 'Em andamento'],
    ['WAITING_MERCHANT', 'Aguardando a sua resposta'],
    ['CLOSED', 'Encerrado'],
  ] as const)('the status page tells the merchant a %s case in their own words: %s', (status, label) => {
    const body = renderMerchantPage(
      {
        kind: 'status-case',
        view: {
          protocol: 'OUV-2026-000123',
          language: 'pt-BR',
          status,
          createdAt: '2026-03-10T13:00:00.000Z',
          messages: [],
        },
      },
      ctx,
    );
    expect(body).toContain(`<dt>Situação</dt><dd>${label}</dd>`);
    // The office's internal words: the merchant is "you", never "o lojista"; no queue or assignment.
    expect(body).not.toMatch(/lojista|fila de atribuição|Atribuído/);
  });

  // Maria opens /consulta at every step of her case: the last paragraph says what her next mail does.
  it.each([
    [
      'open, on time',
      { status: 'IN_PROGRESS', dueAt: '2026-12-03T13:00:00.000Z' },
      [
        '<dd>até 03/12/2026</dd>',
        'Para acrescentar informações, responda ao último e-mail da Ouvidoria mantendo o protocolo OUV-2026-000123 no assunto.',
      ],
      ['vencido', 'reaberto'],
    ],
    [
      'open, past its due date',
      { status: 'IN_PROGRESS', dueAt: '2026-12-03T13:00:00.000Z', overdue: true },
      ['<dd>até 03/12/2026 — prazo vencido; seguimos trabalhando no seu caso</dd>'],
      ['reaberto'],
    ],
    [
      'closed, within the reopen window',
      { status: 'CLOSED', closedAt: '2026-12-03T14:05:00.000Z', reopen: { until: '2026-12-10T14:05:00.000Z' } },
      [
        'Se precisar, responda ao último e-mail da Ouvidoria até 10/12/2026 às 11:05 mantendo o protocolo OUV-2026-000123 no assunto, e o caso será reaberto. Depois disso, uma nova mensagem abre um novo caso, ligado a este.',
      ],
      ['Para acrescentar informações', 'Prazo de resposta'],
    ],
    [
      'closed, past the reopen window',
      { status: 'CLOSED', closedAt: '2026-12-03T14:05:00.000Z', reopen: 'passed' },
      [
        'Este caso foi encerrado há mais de 7 dias: se você escrever de novo à Ouvidoria, a mensagem abre um novo caso, ligado a este.',
      ],
      ['Para acrescentar informações', 'será reaberto'],
    ],
  ] as const)('the status page of a case %s tells the truth about what comes next', (_what, fields, shown, absent) => {
    const body = renderMerchantPage(
      {
        kind: 'status-case',
        view: {
          protocol: 'OUV-2026-000123',
          language: 'pt-BR',
          createdAt: '2026-11-13T13:00:00.000Z',
          messages: [],
          ...fields,
        },
      },
      ctx,
    );
    for (const s of shown) expect(body).toContain(s);
    for (const s of absent) expect(body).not.toContain(s);
  });

  it('escapes the link fields echoed into hidden inputs and the typed form values', () => {
    const survey = renderMerchantPage(
      {
        kind: 'survey-confirm',
        protocol: 'OUV-2026-000123',
        score: 3,
        link: { p: EVIL, n: '3', x: '1', sig: EVIL },
        maxComment: 2000,
      },
      ctx,
    );
    expect(survey).not.toContain('<img');
    expect(survey).toContain('3 — Neutro');
    expect(survey).toContain('<html lang="pt-BR">');
    const form = renderMerchantPage({ kind: 'status-form', values: { protocolo: EVIL, email: EVIL } }, ctx);
    expect(form).not.toContain('<img');
    expect(form).toContain('<label for="protocolo">');
  });

  // A phone, screen reader on: she sends "abc" as the protocol; the page must say so as it loads.
  it.each([
    [
      'both fields wrong',
      {
        protocolo: 'Informe o número do protocolo no formato OUV-AAAA-NNNNNN, como no e-mail de confirmação.',
        email: 'Informe um endereço de e-mail válido, como nome@exemplo.com.br.',
      },
      '<title>Erro: acompanhe o seu caso – Ouvidoria</title>',
    ],
    [
      'the e-mail missing',
      { email: 'Informe o e-mail usado para falar com a Ouvidoria.' },
      '<title>Erro: acompanhe o seu caso – Ouvidoria</title>',
    ],
    ['no error', {}, '<title>Acompanhe o seu caso – Ouvidoria</title>'],
  ])('the request form with %s: title, focus on the summary, each error tied to its field', (_what, errors, title) => {
    const form = renderMerchantPage(
      { kind: 'status-form', values: { protocolo: 'abc', email: 'lojista@modasbella' }, errors },
      ctx,
    );
    expect(form).toContain(title);
    const entries = Object.entries(errors);
    expect(form.includes('aria-labelledby="resumo-erros-titulo" autofocus>')).toBe(entries.length > 0);
    for (const [name, message] of entries) {
      expect(form).toContain(`<li><a href="#${name}">${message}</a></li>`);
      expect(form).toContain(`<p class="erro" id="${name}-erro"><span class="sr">Erro: </span>${message}</p>`);
      expect(form).toMatch(
        new RegExp(`id="${name}"[^>]*aria-describedby="${name}-dica ${name}-erro" aria-invalid="true"`),
      );
    }
  });

  // Tab titles that say where she is: the page her link opens is not the form she asked it from.
  it.each([
    ['pt-BR', '<title>Abrir o caso OUV-2026-000123 – Ouvidoria</title>'],
    ['es', '<title>Abrir el caso OUV-2026-000123 – Ouvidoria</title>'],
    ['en', '<title>Open case OUV-2026-000123 – Ombudsman</title>'],
  ] as const)('the page a status link opens (%s) is titled after the case, not the request form', (language, title) => {
    const link = { p: 'OUV-2026-000123', x: '1', k: 'k', sig: 'abc' };
    const page = renderMerchantPage({ kind: 'status-open', protocol: 'OUV-2026-000123', link, language }, ctx);
    expect(page).toContain(title);
    expect(renderMerchantPage({ kind: 'status-form' }, ctx)).not.toContain(title);
  });

  it('says nothing about existence on the request page', () => {
    const body = renderMerchantPage({ kind: 'status-requested' }, ctx);
    expect(body).toContain('Se o protocolo e o e-mail informados corresponderem');
  });

  it.each([
    { hours: 24, says: 'O link vale por 24 horas e pode ser aberto uma vez.' },
    { hours: 1, says: 'O link vale por 1 hora e pode ser aberto uma vez.' },
    { hours: 72, says: 'O link vale por 72 horas e pode ser aberto uma vez.' },
  ])('the request page says the configured link validity, as the mail does ($hours h)', ({ hours, says }) => {
    const config = { ...localConfig, lifecycle: { ...localConfig.lifecycle, statusLinkHours: hours } };
    expect(renderMerchantPage({ kind: 'status-requested' }, { ...ctx, config })).toContain(says);
  });

  // A second answer (another tab, a later click) is told which score counts, and, when it brought a
  // comment, that those words were not kept and where to send them: in the case's language.
  it.each([
    [
      'pt-BR',
      'Nota registrada: <strong>5 — Muito satisfeito(a)</strong>.',
      'O comentário que você escreveu agora não foi registrado. Se quiser que a Ouvidoria o leia, responda ao e-mail do caso.',
    ],
    [
      'es',
      'Nota registrada: <strong>5 — Muy satisfecho(a)</strong>.',
      'El comentario que acaba de escribir no fue registrado. Si quiere que la Ouvidoria lo lea, responda al correo del caso.',
    ],
    [
      'en',
      'Rating on record: <strong>5 — Very satisfied</strong>.',
      'The comment you just wrote was not recorded. If you want the Ombudsman to read it, reply to the case’s email.',
    ],
  ] as const)(
    'a second answer in %s says the score on record and that her comment was dropped',
    (language, score, lost) => {
      const view = { kind: 'survey-answered', protocol: 'OUV-2026-000123', language } as const;
      const told = renderMerchantPage({ ...view, score: 5, commentLost: true }, ctx);
      expect(told).toContain(score);
      expect(told).toContain(lost);
      // Opened again (a GET) or posted with no words: the score only.
      const quiet = renderMerchantPage({ ...view, score: 5 }, ctx);
      expect(quiet).toContain(score);
      expect(quiet).not.toContain(lost);
    },
  );

  // Carmen wrote in Spanish: every mail she got was in Spanish, and the pages her links open are too.
  describe.each([
    {
      language: 'es' as const,
      htmlLang: '<html lang="es">',
      frame: ['Saltar al contenido', 'La Ouvidoria atiende ', 'Política de Privacidad'],
      survey: [
        'Evaluación de la atención',
        'Nota elegida:',
        '4 — Satisfecho(a)',
        'Confirmar evaluación',
        'Comentario <span class="opcional">(opcional)</span>',
      ],
      thanks: [
        'Gracias por su evaluación',
        'Registramos la nota 4 — Satisfecho(a) para el caso <strong>OUV-2026-000123</strong>.',
      ],
      answered: [
        'Encuesta ya respondida',
        'La encuesta de satisfacción del caso <strong>OUV-2026-000123</strong> ya fue respondida.',
      ],
      open: ['Siga su caso', 'Este enlace puede abrirse una sola vez.', 'Ver el estado del caso'],
      status: [
        '<h1>Caso OUV-2026-000123</h1>',
        '<dt>Situación</dt><dd>Cerrado</dd>',
        '<dt>Abierto el</dt><dd>10/03/2026</dd>',
        '<dt>Resultado</dt><dd>Parcialmente procedente</dd>',
        '<h3>Ouvidoria, el 11/03/2026</h3>',
        '<h3>Usted, el 10/03/2026</h3>',
        '<p>Asunto: Reclamo</p>',
        '<p>Archivo enviado:</p>',
        'recibido y verificado, sin amenazas',
        'hasta el 10/12/2026 a las 11:05 (hora de Brasilia) manteniendo el protocolo OUV-2026-000123',
        'Seguir otro caso (página en portugués)',
      ],
    },
    {
      language: 'en' as const,
      htmlLang: '<html lang="en">',
      frame: ['Skip to content', 'The Ombudsman works ', 'Privacy Policy'],
      survey: [
        'Rate our service',
        'Score chosen:',
        '4 — Satisfied',
        'Confirm rating',
        'Comment <span class="opcional">(optional)</span>',
      ],
      thanks: [
        'Thank you for your rating',
        'We recorded the score 4 — Satisfied for case <strong>OUV-2026-000123</strong>.',
      ],
      answered: [
        'Survey already answered',
        'The satisfaction survey of case <strong>OUV-2026-000123</strong> has already been answered.',
      ],
      open: ['Follow your case', 'This link can be opened once.', 'See where your case stands'],
      status: [
        '<h1>Case OUV-2026-000123</h1>',
        '<dt>Status</dt><dd>Closed</dd>',
        '<dt>Opened on</dt><dd>10/03/2026 (dd/mm/yyyy)</dd>',
        '<dt>Outcome</dt><dd>Partly upheld</dd>',
        '<h3>Ombudsman, on 11/03/2026 (dd/mm/yyyy)</h3>',
        '<h3>You, on 10/03/2026 (dd/mm/yyyy)</h3>',
        '<p>Subject: Reclamo</p>',
        '<p>File sent:</p>',
        'received and checked, no threats found',
        'by 10/12/2026 at 11:05 (Brasília time) keeping the protocol OUV-2026-000123',
        'Follow another case (page in Portuguese)',
      ],
    },
  ])('a case in $language', ({ language, htmlLang, frame, survey, thanks, answered, open, status }) => {
    const PT_WORDS =
      /Caso encerrado|Nota escolhida|Avaliação|Acompanhe|Situação|Mensagens|Você|Assunto|Arquivo enviado|Pular para|atua de/;
    const expectAll = (body: string, words: string[]) => {
      expect(body).toContain(htmlLang);
      for (const w of [...frame, ...words]) expect(body).toContain(w);
      expect(body).not.toMatch(PT_WORDS);
    };
    const link = { p: 'OUV-2026-000123', n: '4', x: '1', sig: 'abc' };

    it('the survey page, its thanks and its second answer speak her language', () => {
      expectAll(
        renderMerchantPage(
          { kind: 'survey-confirm', protocol: 'OUV-2026-000123', score: 4, link, maxComment: 2000, language },
          ctx,
        ),
        survey,
      );
      expectAll(
        renderMerchantPage({ kind: 'survey-thanks', protocol: 'OUV-2026-000123', score: 4, language }, ctx),
        thanks,
      );
      expectAll(renderMerchantPage({ kind: 'survey-answered', protocol: 'OUV-2026-000123', language }, ctx), answered);
    });

    it("the status link's page and her case speak her language, her messages unmarked on her page", () => {
      const openLink = { p: 'OUV-2026-000123', x: '1', k: 'k', sig: 'abc' };
      expectAll(
        renderMerchantPage({ kind: 'status-open', protocol: 'OUV-2026-000123', link: openLink, language }, ctx),
        open,
      );
      const body = renderMerchantPage(
        {
          kind: 'status-case',
          view: {
            protocol: 'OUV-2026-000123',
            language,
            status: 'CLOSED',
            createdAt: '2026-03-10T13:00:00.000Z',
            closedAt: '2026-12-03T14:05:00.000Z',
            closure: { category: 'parcial', summary: 'Reembolso parcial.' },
            reopen: { until: '2026-12-10T14:05:00.000Z' },
            messages: [
              {
                from: 'merchant',
                at: '2026-03-10T13:00:00.000Z',
                subject: 'Reclamo',
                text: 'Me cobraron dos veces.',
                files: [{ name: 'factura.pdf', size: 1000, state: 'verified' }],
                lang: language,
              },
              { from: 'office', at: '2026-03-11T13:00:00.000Z', subject: 'Reclamo', text: 'Hola.', lang: language },
            ],
          },
        },
        ctx,
      );
      expectAll(body, status);
      // Journey 47: the reopening is promised, not a person (the analyst may be away by then).
      expect(body).toMatch(/y el caso se reabrirá\. |and the case will be reopened\. /);
      expect(body).not.toMatch(/misma persona|same person/);
      // The page is in her language: her messages need no lang attribute of their own.
      expect(body).not.toContain(`<span lang="${language}">`);
    });
  });
});

// Journey 50: Paulo's acknowledgement named his earlier case ("Caso anterior relacionado:
// OUV-2026-000002"); the status page, whose link only his mailbox gets, did not.
describe('status page — the earlier case this one follows', () => {
  const view = (language: 'pt-BR' | 'es' | 'en', linkedProtocol?: string) => ({
    protocol: 'OUV-2026-000003',
    language,
    status: 'IN_PROGRESS' as const,
    createdAt: '2026-11-23T13:00:00.000Z',
    messages: [],
    ...(linkedProtocol ? { linkedProtocol } : {}),
  });
  it.each([
    ['pt-BR', '<dt>Caso anterior relacionado</dt><dd>OUV-2026-000002</dd>'],
    ['es', '<dt>Caso anterior relacionado</dt><dd>OUV-2026-000002</dd>'],
    ['en', '<dt>Related earlier case</dt><dd>OUV-2026-000002</dd>'],
  ] as const)('%s: %s', (language, expected) => {
    expect(renderMerchantPage({ kind: 'status-case', view: view(language, 'OUV-2026-000002') }, ctx)).toContain(
      expected,
    );
    expect(renderMerchantPage({ kind: 'status-case', view: view(language) }, ctx)).not.toMatch(
      /Caso anterior relacionado|Related earlier case/,
    );
  });
});
