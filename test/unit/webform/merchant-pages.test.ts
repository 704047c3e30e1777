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
