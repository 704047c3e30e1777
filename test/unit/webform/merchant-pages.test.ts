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
        view: { protocol: 'OUV-2026-000123', status, createdAt: '2026-03-10T13:00:00.000Z', messages: [] },
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
        'Se precisar, responda ao último e-mail da Ouvidoria até 10/12/2026 às 11:05 mantendo o protocolo OUV-2026-000123 no assunto, e o caso será reaberto com a mesma pessoa da nossa equipe. Depois disso, uma nova mensagem abre um novo caso, ligado a este.',
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
        view: { protocol: 'OUV-2026-000123', createdAt: '2026-11-13T13:00:00.000Z', messages: [], ...fields },
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
});
