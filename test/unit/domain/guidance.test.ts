import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../shared/domain/config';
import {
  ACCESS_REASONS,
  ALREADY_OPENED_PT,
  ALREADY_OPENED_TITLE,
  GUIDANCE_TITLES,
  type GuidanceOutcome,
  guidanceFor,
  guidanceSubject,
  SHOPPER_PARAGRAPHS,
  SHOPPER_TITLE,
} from '../../../shared/domain/guidance';
import { renderReply } from '../../../shared/domain/replies';
import { renderPage } from '../../../shared/webform/page';

const OUTCOMES = Object.keys(GUIDANCE_TITLES) as GuidanceOutcome[];

describe('guidance per outcome', () => {
  it('tells the four causes of a lost panel access', () => {
    expect(guidanceFor('ACCESS_ISSUE', localConfig).items).toHaveLength(4);
  });

  it('names the ticket that was not found without saying whose it is', () => {
    const g = guidanceFor('TICKET_INVALID', localConfig, { status: 'invalid', number: '99999', why: 'not_owner' });
    expect(g.paragraphs[0]).toBe('Não localizamos o chamado nº 99999 vinculado ao e-mail informado.');
  });

  it.each(OUTCOMES)('%s: the page and the pt-BR reply render the same title', (outcome) => {
    const title = GUIDANCE_TITLES[outcome];
    expect(renderPage({ kind: 'guidance', outcome }, { config: localConfig })).toContain(`<h1>${title}</h1>`);
    const reply = renderReply(outcome, { subject: '', receivedAt: '2026-03-10T13:05:00Z' }, localConfig);
    expect(reply.subject).toBe(guidanceSubject(outcome));
    expect(reply.subject.toLowerCase()).toBe(`ouvidoria: ${title.toLowerCase()}`);
  });

  it('a store’s customer: the page and the reply send them to the store, in the same words, not to Sales', () => {
    const page = renderPage({ kind: 'guidance', outcome: 'NOT_A_CLIENT', variant: 'shopper' }, { config: localConfig });
    const reply = renderReply(
      'NOT_A_CLIENT',
      { subject: '', receivedAt: '2026-03-10T13:05:00Z', variant: 'shopper' },
      localConfig,
    );
    expect(page).toContain(`<h1>${SHOPPER_TITLE}</h1>`);
    expect(reply.subject).toBe(guidanceSubject('NOT_A_CLIENT', 'shopper'));
    for (const paragraph of SHOPPER_PARAGRAPHS) {
      expect(page).toContain(paragraph);
      expect(reply.text.replace(/\s+/g, ' ')).toContain(paragraph);
    }
    expect(page).not.toContain(localConfig.links.sales);
    expect(page).not.toContain('Para onde seguir');
  });

  it('the page and the reply list the same causes of a lost access', () => {
    const reply = renderReply('ACCESS_ISSUE', { subject: 'x', receivedAt: '2026-03-10T13:05:00Z' }, localConfig);
    const page = renderPage({ kind: 'guidance', outcome: 'ACCESS_ISSUE' }, { config: localConfig });
    for (const reason of ACCESS_REASONS) {
      expect(reply.text).toContain(reason);
      expect(page).toContain(reason);
    }
  });
});

// Journeys 62: a form post with the ticket field empty and "já abri 3 chamados e nada" in its text.
describe('guidance to her who says she already opened a ticket (already-opened)', () => {
  it('the pt-BR page and the reply ask for the number under the same title, in the same words', () => {
    const view = { kind: 'guidance', outcome: 'NO_PRIOR_TICKET', variant: 'already-opened' } as const;
    const page = renderPage(view, { config: localConfig });
    const reply = renderReply(
      'NO_PRIOR_TICKET',
      { subject: '', receivedAt: '2026-03-10T13:05:00Z', variant: 'already-opened', channel: 'webform' },
      localConfig,
    );
    expect(page).toContain(`<h1>${ALREADY_OPENED_TITLE}</h1>`);
    expect(reply.subject).toBe(guidanceSubject('NO_PRIOR_TICKET', 'already-opened'));
    // The mail's text part writes its headings in capitals.
    const flat = reply.text.replace(/\s+/g, ' ').toLowerCase();
    for (const words of [ALREADY_OPENED_PT.read, ALREADY_OPENED_PT.where, ALREADY_OPENED_PT.notYet]) {
      expect(page).toContain(words);
      expect(flat).toContain(words.toLowerCase());
    }
    expect(page).not.toContain(GUIDANCE_TITLES.NO_PRIOR_TICKET);
    expect(page).not.toContain('número de um chamado anterior');
  });
});

// Journeys 62: "já abri 3 chamados e continuo sem acesso ao painel da loja" sent from the form, ticket field empty.
describe('access and billing guidance to her who says she already opened a ticket (already-opened)', () => {
  it.each([
    ['ACCESS_ISSUE', 'Entendemos que você está sem acesso ao painel administrativo'],
    ['BILLING_QUESTION', 'Base de Conhecimento tem o direcionamento'],
  ] as const)(
    '%s: the page opens by asking for the number, in the mail’s words, then its own guidance',
    (outcome, own) => {
      const page = renderPage({ kind: 'guidance', outcome, variant: 'already-opened' }, { config: localConfig });
      const reply = renderReply(
        outcome,
        { subject: '', receivedAt: '2026-03-10T13:05:00Z', variant: 'already-opened', channel: 'webform' },
        localConfig,
      );
      const flat = reply.text.replace(/\s+/g, ' ');
      expect(page).toContain(`<h1>${GUIDANCE_TITLES[outcome]}</h1>`);
      expect(reply.subject).toBe(guidanceSubject(outcome));
      for (const words of [ALREADY_OPENED_PT.read, ALREADY_OPENED_PT.where]) {
        expect(page).toContain(words);
        expect(flat).toContain(words);
      }
      expect(page.indexOf(ALREADY_OPENED_PT.where)).toBeLessThan(page.indexOf(own));
      // Not sent to open another ticket, nor told "if you already went to support…" after she said so.
      const g = guidanceFor(outcome, localConfig, { status: 'none' }, 'already-opened');
      expect(g.links.map((l) => l.href)).not.toContain(localConfig.links.openTicket);
      expect(g.paragraphs.join(' ')).not.toContain('Se você já passou pelos canais');
      expect(page).not.toContain('Abrir um chamado com o suporte técnico');
    },
  );

  it.each(['ACCESS_ISSUE', 'BILLING_QUESTION'] as const)('%s without the variant: as before', (outcome) => {
    const g = guidanceFor(outcome, localConfig, { status: 'none' });
    expect(g.paragraphs.join(' ')).not.toContain(ALREADY_OPENED_PT.read);
    if (outcome === 'ACCESS_ISSUE') expect(g.links.map((l) => l.href)).toContain(localConfig.links.openTicket);
    else expect(g.paragraphs.join(' ')).toContain('Se você já passou pelos canais');
  });
});
