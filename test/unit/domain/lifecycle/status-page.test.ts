import { describe, expect, it } from 'vitest';
import { localConfig } from '../../../../shared/domain/config';
import {
  officeSubject,
  PUBLIC_PAGE_MESSAGES,
  PUBLIC_TEXT_MAX_CHARS,
  publicCaseView,
  renderStatusLinkMail,
  sameAddress,
  UNNAMED_FILE,
} from '../../../../shared/domain/lifecycle/status-page';
import { hasLoneSurrogate } from '../../../../shared/domain/text';
import { renderMerchantPage } from '../../../../shared/webform/merchant-pages';
import { MERCHANT, PROTOCOL, workCase, ANSWERS_UNDER_QUESTIONS } from '../../../support/lifecycle-fakes';

describe('publicCaseView', () => {
  // Closed on Thursday 03/12/2026 at 11:05 (São Paulo); the reopen window is 7 days.
  const closed = { status: 'CLOSED' as const, closedAt: '2026-12-03T14:05:00.000Z', dueAt: '2026-12-03T13:00:00.000Z' };
  it.each([
    ['open, before its due date', {}, '2026-03-12T14:00:00.000Z', {}],
    // She was told "Prazo de resposta: até 20/03/2026": the day, not the office's 10:00 due instant.
    [
      'open, a second past its due instant, same day',
      { dueAt: '2026-03-20T13:00:00.000Z' },
      '2026-03-20T13:00:01.000Z',
      {},
    ],
    ['open, 23:59 of its due day', { dueAt: '2026-03-20T13:00:00.000Z' }, '2026-03-21T02:59:59.000Z', {}],
    [
      'open, the day after its due date',
      { dueAt: '2026-03-20T13:00:00.000Z' },
      '2026-03-21T03:00:00.000Z',
      { overdue: true },
    ],
    // Case received 18/12/2026 10:00, due 05/01/2027 10:00 across Christmas and New Year: she looks on 05/01 afternoon.
    [
      'year-end case, on its due day after 10:00',
      { dueAt: '2027-01-05T13:00:00.000Z' },
      '2027-01-05T19:00:00.000Z',
      {},
    ],
    [
      'year-end case, the next morning',
      { dueAt: '2027-01-05T13:00:00.000Z' },
      '2027-01-06T12:00:00.000Z',
      { overdue: true },
    ],
    [
      'waiting for her, past its due date',
      { status: 'WAITING_MERCHANT' as const, dueAt: '2026-03-20T13:00:00.000Z' },
      '2026-03-23T12:00:00.000Z',
      { overdue: true },
    ],
    ['closed an hour ago', closed, '2026-12-03T15:05:00.000Z', { reopen: { until: '2026-12-10T14:05:59.999Z' } }],
    [
      'closed exactly 7 days ago',
      closed,
      '2026-12-10T14:05:00.000Z',
      { reopen: { until: '2026-12-10T14:05:59.999Z' } },
    ],
    // She read "até 10/12/2026 às 11:05": the whole of that minute.
    [
      'closed 7 days and 59 seconds ago',
      closed,
      '2026-12-10T14:05:59.000Z',
      { reopen: { until: '2026-12-10T14:05:59.999Z' } },
    ],
    ['closed 7 days and a minute ago', closed, '2026-12-10T14:06:00.000Z', { reopen: 'passed' }],
  ] as const)('%s: what holds at that moment', (_what, fields, now, expected) => {
    const view = publicCaseView(workCase(fields), { now: new Date(now), config: localConfig });
    expect({ overdue: view?.overdue, reopen: view?.reopen }).toEqual({
      overdue: undefined,
      reopen: undefined,
      ...expected,
    });
  });

  // Received Thu 24/12/2026 at 18:00: the queue waits for Mon 28/12 09:00; her acknowledgement said "até 11/01/2027".
  const christmasEve = {
    status: 'QUEUED' as const,
    createdAt: '2026-12-24T21:00:00.000Z',
    assignee: undefined,
    assignedAt: undefined,
    dueAt: undefined,
  };
  it.each([
    ['queued over Christmas, seen on 26/12', christmasEve, '2026-12-26T14:00:00.000Z', '2027-01-11T20:00:00.000Z'],
    // 23/12 19:30 → counted from 24/12 09:00 (an ordinary business day): 08/01/2027 17:00.
    [
      'queued on 23/12 evening, seen that night',
      { ...christmasEve, createdAt: '2026-12-23T22:30:00.000Z' },
      '2026-12-24T01:00:00.000Z',
      '2027-01-08T20:00:00.000Z',
    ],
    [
      'assigned: the due date on record',
      { dueAt: '2027-01-05T13:00:00.000Z' },
      '2026-12-26T14:00:00.000Z',
      '2027-01-05T13:00:00.000Z',
    ],
    [
      'redirected: no case, no due date',
      { ...christmasEve, status: 'REDIRECTED' as const, outcome: 'BILLING_QUESTION' as const },
      '2026-12-26T14:00:00.000Z',
      undefined,
    ],
  ] as const)('%s: the due date she was promised', (_what, fields, now, dueAt) => {
    const view = publicCaseView(workCase(fields), { now: new Date(now), config: localConfig });
    expect(view?.dueAt).toBe(dueAt);
    expect(view?.overdue).toBeUndefined();
  });

  // Maria sent four files with the form and one by mail; a supplier copied on the thread sent his own.
  it('lists the files of her own messages with how each stands, never another sender’s file', () => {
    const upload = (filename: string, scan: 'PENDING' | 'NO_THREATS_FOUND' | 'THREATS_FOUND' | 'FAILED') => ({
      filename,
      contentType: 'application/pdf',
      size: 120_000,
      inline: false,
      key: `uploads/2026/03/10/${filename}`,
      scan,
    });
    const c = workCase({
      messages: [
        {
          ...workCase().messages[0]!,
          channel: 'webform',
          attachments: [
            upload('fatura-fevereiro.pdf', 'NO_THREATS_FOUND'),
            upload('extrato-banco.pdf', 'PENDING'),
            upload('comprovante.pdf', 'THREATS_FOUND'),
            upload('print-painel.pdf', 'FAILED'),
          ],
        },
        {
          sourceId: 'merchant-2',
          channel: 'email',
          receivedAt: '2026-03-12T12:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Resposta da Ouvidoria`,
          text: 'Segue o print do pedido e a planilha.',
          from: { address: MERCHANT },
          attachments: [
            { filename: 'pedido-10234.png', contentType: 'image/png', size: 80_000, inline: false, kind: 'png' },
            {
              filename: 'planilha.xlsm',
              contentType: 'application/octet-stream',
              size: 9_000,
              inline: false,
              scan: 'REFUSED',
            },
            { contentType: 'image/jpeg', size: 4_000, inline: true },
          ],
        },
        {
          sourceId: 'supplier-1',
          channel: 'email',
          receivedAt: '2026-03-12T13:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Resposta da Ouvidoria`,
          text: 'Segue o contrato.',
          from: { address: 'comercial@fornecedor.com.br' },
          attachments: [
            { filename: 'contrato-fornecedor.pdf', contentType: 'application/pdf', size: 50_000, inline: false },
          ],
        },
        {
          sourceId: 'out-1',
          channel: 'email',
          receivedAt: '2026-03-12T14:00:00.000Z',
          subject: 'Resposta',
          text: 'Recebemos os arquivos.',
          attachments: [
            { filename: 'parecer-interno.pdf', contentType: 'application/pdf', size: 1_000, inline: false },
          ],
          direction: 'out',
          author: 'ana',
        },
      ],
    });
    const view = publicCaseView(c);
    expect(view?.messages.map((m) => m.files?.map((f) => [f.name, f.state]))).toEqual([
      [
        ['fatura-fevereiro.pdf', 'verified'],
        ['extrato-banco.pdf', 'checking'],
        ['comprovante.pdf', 'quarantined'],
        ['print-painel.pdf', 'unchecked'],
      ],
      [
        ['pedido-10234.png', 'received'],
        ['planilha.xlsm', 'refused'],
        ['(arquivo sem nome)', 'received'],
      ],
      undefined,
    ]);
    const json = JSON.stringify(view);
    expect(json).not.toContain('contrato-fornecedor');
    expect(json).not.toContain('parecer-interno');
    expect(json).not.toContain('uploads/');
  });

  it('keeps the merchant messages and relayed answers, drops staff mail, notes and authors', () => {
    const c = workCase({
      messages: [
        ...workCase().messages,
        {
          sourceId: 'staff-1',
          channel: 'email',
          receivedAt: '2026-03-11T13:00:00.000Z',
          subject: 'Re: caso',
          text: '#nota segredo interno',
          attachments: [],
          from: { address: 'ana@empresa.com.br', name: 'Ana' },
        },
        {
          sourceId: 'out-1',
          channel: 'email',
          receivedAt: '2026-03-11T14:00:00.000Z',
          subject: 'Resposta',
          text: 'Estornamos a cobrança.',
          attachments: [],
          direction: 'out',
          author: 'ana',
        },
      ],
      history: [
        {
          type: 'note',
          text: 'nota interna',
          at: '2026-03-11T13:00:00.000Z',
          actor: { kind: 'staff', id: 'ana', role: 'analyst' },
        },
      ],
    });
    const view = publicCaseView(c);
    expect(view?.messages.map((m) => m.from)).toEqual(['merchant', 'office']);
    const json = JSON.stringify(view);
    expect(json).not.toContain('segredo');
    expect(json).not.toContain('nota interna');
    expect(json).not.toContain('ana');
    expect(view?.dueAt).toBe('2026-03-24T13:00:00.000Z');
  });

  it('shows the office’s words under the subject the merchant received, and the merchant’s fresh text only', () => {
    const ana = { kind: 'staff' as const, id: 'ana', role: 'analyst' as const };
    const c = workCase({
      status: 'CLOSED',
      messages: [
        ...workCase().messages,
        {
          sourceId: 'ses-staff-1',
          channel: 'email',
          receivedAt: '2026-03-11T14:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Novo caso atribuído a você: Cobrança em duplicidade — chamado #48213`,
          text: 'Olá, Maria. Solicitamos o estorno da segunda cobrança ao financeiro.',
          attachments: [],
          direction: 'out',
          author: 'ana',
        },
        {
          sourceId: 'ses-merchant-2',
          channel: 'email',
          receivedAt: '2026-03-12T12:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Resposta da Ouvidoria`,
          text: [
            'Obrigada! O estorno apareceu hoje na fatura.',
            '',
            '-- ',
            'Maria Aparecida | Loja da Maria | (11) 98765-4321',
            '',
            'Em qua., 11 de mar. de 2026 às 11:00, Ouvidoria <ouvidoria@ouvidoria.example.com.br> escreveu:',
            '> Olá, Maria. Solicitamos o estorno da segunda cobrança ao financeiro.',
          ].join('\n'),
          attachments: [],
          messageId: 'CAF=merchant-2@mail.gmail.com',
        },
        {
          sourceId: 'ses-staff-2',
          channel: 'email',
          receivedAt: '2026-03-12T15:00:00.000Z',
          subject: `RE: [${PROTOCOL}] Nova mensagem do lojista`,
          text: 'Que bom, Maria! Encerramos o caso.',
          attachments: [],
          direction: 'out',
          author: 'ana',
        },
      ],
      history: [
        {
          type: 'answered',
          messageSourceId: 'ses-staff-1',
          at: '2026-03-11T14:00:00.000Z',
          actor: ana,
          sourceId: 'ses-staff-1',
        },
        {
          type: 'closed',
          category: 'resolvido',
          summary: 'estorno feito',
          at: '2026-03-12T15:00:00.000Z',
          actor: ana,
          sourceId: 'ses-staff-2',
        },
      ],
    });
    const view = publicCaseView(c);
    expect(view?.messages.map((m) => [m.from, m.subject])).toEqual([
      ['merchant', 'Cobrança em duplicidade — chamado #48213'],
      ['office', `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`],
      ['merchant', `RE: [${PROTOCOL}] Resposta da Ouvidoria`],
      ['office', `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`],
    ]);
    expect(view?.messages[2]?.text).toBe('Obrigada! O estorno apareceu hoje na fatura.');
    const json = JSON.stringify(view);
    expect(json).not.toContain('Novo caso atribuído');
    expect(json).not.toContain('Nova mensagem do lojista');
    expect(json).not.toContain('98765-4321');
    expect(json).not.toContain('escreveu:');
  });

  // Every mail of her case went under one subject (her mail's, answered, with the protocol): the page
  // shows that one, never a title she never received ("[OUV-…] Resposta da Ouvidoria").
  it.each([
    ['pt-BR', {}, `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`],
    ['es', {}, `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`],
    ['en', { channel: 'webform' as const }, `Re: [${PROTOCOL}] We have received your complaint`],
    ['pt-BR', { subject: '' }, `Re: [${PROTOCOL}] Recebemos sua manifestação`],
  ] as const)('a case in %s shows the office’s words under the subject she received', (language, fields, subject) => {
    const ana = { kind: 'staff' as const, id: 'ana', role: 'analyst' as const };
    const out = { ...workCase().messages[0]!, sourceId: 'ses-staff-9', direction: 'out' as const, author: 'ana' };
    const c = workCase({ decision: { ...workCase().decision, language }, messages: [out], ...fields });
    const answered = {
      ...c,
      history: [{ type: 'answered' as const, messageSourceId: 'ses-staff-9', at: out.receivedAt, actor: ana }],
    };
    const closed = {
      ...c,
      history: [
        {
          type: 'closed' as const,
          category: 'resolvido' as const,
          summary: 'ok',
          at: out.receivedAt,
          actor: ana,
          sourceId: 'ses-staff-9',
        },
      ],
    };
    expect(officeSubject(answered)).toBe(subject);
    expect(officeSubject(closed)).toBe(subject);
    expect(publicCaseView(closed)?.messages.map((m) => m.subject)).toEqual([subject]);
  });

  // Bruno extended the deadline: she got the notice by mail, and the page shows it among the office's messages.
  it.each([
    [
      'pt-BR',
      `O prazo de resposta do seu caso ${PROTOCOL} foi prorrogado em 5 dias úteis. Novo prazo: até 31/03/2026. Motivo: Aguardando retorno da equipe de integrações`,
    ],
    [
      'es',
      `El plazo de respuesta de su caso ${PROTOCOL} se prorrogó 5 días hábiles. Nuevo plazo: hasta el 31/03/2026. Motivo: Aguardando retorno da equipe de integrações`,
    ],
    [
      'en',
      `The answer deadline of your case ${PROTOCOL} has been extended by 5 business days. New deadline: 31/03/2026 (dd/mm/yyyy). Reason: Aguardando retorno da equipe de integrações`,
    ],
  ] as const)(
    'a case in %s lists the extension notice she got, in its words, in order, under its subject',
    (language, notice) => {
      const staff = { kind: 'staff' as const, id: 'bruno', role: 'analyst' as const };
      const c = workCase({
        decision: { ...workCase().decision, language },
        dueAt: '2026-03-31T13:00:00.000Z',
        messages: [
          ...workCase().messages,
          {
            ...workCase().messages[0]!,
            sourceId: 'm-2',
            receivedAt: '2026-03-13T12:00:00.000Z',
            text: 'Alguma novidade?',
          },
        ],
        history: [
          {
            type: 'extended',
            businessDays: 5,
            reason: 'Aguardando retorno da equipe de integrações',
            previousDueAt: '2026-03-24T13:00:00.000Z',
            dueAt: '2026-03-31T13:00:00.000Z',
            at: '2026-03-12T14:00:00.000Z',
            actor: staff,
            sourceId: 'ses-staff-5',
          },
        ],
      });
      const view = publicCaseView(c, { now: new Date('2026-03-16T12:00:00.000Z'), config: localConfig });
      expect(view?.messages.map((m) => [m.from, m.subject])).toEqual([
        ['merchant', workCase().messages[0]!.subject],
        ['office', `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`],
        ['merchant', workCase().messages[0]!.subject],
      ]);
      // The notice as her mail said it, in her language (merchant-words.ts), the analyst's reason as written.
      expect(view?.messages[1]?.text).toBe(notice);
      expect(view?.messages[1]?.lang).toBe(language === 'pt-BR' ? undefined : language);
      expect(JSON.stringify(view)).not.toContain('bruno');
    },
  );

  // Ana closed it on 10/03; Maria wrote back on 12/03 ("o estorno não caiu"), which reopened it: she got the
  // "Caso reaberto" mail with the new due date, and the page shows it after her message.
  it.each([
    ['pt-BR', `Recebemos a sua mensagem e reabrimos o caso ${PROTOCOL}. Prazo de resposta: até 26/03/2026.`],
    ['es', `Recibimos su mensaje y reabrimos el caso ${PROTOCOL}. Plazo de respuesta: hasta el 26/03/2026.`],
    ['en', `We have received your message and reopened case ${PROTOCOL}. Answer due by 26/03/2026 (dd/mm/yyyy).`],
  ] as const)(
    'a case in %s lists the reopening notice she got, in her language, after the message that reopened it',
    (language, notice) => {
      const c = workCase({
        decision: { ...workCase().decision, language },
        status: 'IN_PROGRESS',
        dueAt: '2026-03-26T13:00:00.000Z',
        messages: [
          ...workCase().messages,
          {
            ...workCase().messages[0]!,
            sourceId: 'm-2',
            receivedAt: '2026-03-12T12:00:00.000Z',
            text: 'O estorno ainda não caiu na conta da loja.',
          },
        ],
        history: [
          {
            type: 'reopened',
            messageSourceId: 'm-2',
            dueAt: '2026-03-26T13:00:00.000Z',
            at: '2026-03-12T12:00:01.000Z',
            actor: { kind: 'merchant' },
            sourceId: 'm-2',
          },
        ],
      });
      const view = publicCaseView(c, { now: new Date('2026-03-16T12:00:00.000Z'), config: localConfig });
      expect(view?.messages.map((m) => [m.from, m.subject])).toEqual([
        ['merchant', workCase().messages[0]!.subject],
        ['merchant', workCase().messages[0]!.subject],
        ['office', `Re: Cobrança em duplicidade — chamado #48213 [${PROTOCOL}]`],
      ]);
      expect(view?.messages[2]?.text).toBe(notice);
    },
  );

  // Ana closed it on 10/03 ("Estorno aprovado"); Maria wrote back on 12/03, which reopened it. Her page
  // showed "reabrimos o caso" with no closing before it: the closing mail's result and summary were
  // only in the header while the case stayed closed. A closing her answer undid is shown where it came;
  // the current one stays the header's alone (closed again on 16/03: only the first is a message).
  const closedOn10 = {
    type: 'closed' as const,
    category: 'procedente' as const,
    summary: 'Estorno aprovado',
    at: '2026-03-10T14:00:00.000Z',
    actor: { kind: 'staff' as const, id: 'ana', role: 'analyst' as const },
    sourceId: 'close-1',
  };
  const reopenedOn12 = {
    type: 'reopened' as const,
    messageSourceId: 'm-2',
    dueAt: '2026-03-26T13:00:00.000Z',
    at: '2026-03-12T12:00:01.000Z',
    actor: { kind: 'merchant' as const },
    sourceId: 'm-2',
  };
  const closedOn16 = {
    ...closedOn10,
    category: 'resolvido' as const,
    summary: 'Estorno creditado',
    at: '2026-03-16T14:00:00.000Z',
    sourceId: 'close-2',
  };
  it.each([
    [
      'pt-BR',
      'IN_PROGRESS',
      [closedOn10, reopenedOn12],
      `Seu caso ${PROTOCOL} foi encerrado pela Ouvidoria. Resultado: Procedente. Resumo: Estorno aprovado`,
      3,
    ],
    [
      'es',
      'IN_PROGRESS',
      [closedOn10, reopenedOn12],
      `Su caso ${PROTOCOL} fue cerrado por la Ouvidoria. Resultado: Procedente. Resumen: Estorno aprovado`,
      3,
    ],
    [
      'en',
      'WAITING_MERCHANT',
      [closedOn10, reopenedOn12],
      `Your case ${PROTOCOL} has been closed by the Ombudsman. Outcome: Upheld. Summary: Estorno aprovado`,
      3,
    ],
    [
      'pt-BR',
      'CLOSED',
      [closedOn10, reopenedOn12, closedOn16],
      `Seu caso ${PROTOCOL} foi encerrado pela Ouvidoria. Resultado: Procedente. Resumo: Estorno aprovado`,
      3,
    ],
    ['pt-BR', 'CLOSED', [closedOn10], undefined, 0],
  ] as const)(
    'a case in %s, now %s, shows the closing her answer undid before its reopening notice',
    (language, status, history, closing, reopenNoticeIndex) => {
      const c = workCase({
        decision: { ...workCase().decision, language },
        status,
        dueAt: '2026-03-26T13:00:00.000Z',
        messages: [
          ...workCase().messages,
          {
            ...workCase().messages[0]!,
            sourceId: 'm-2',
            receivedAt: '2026-03-12T12:00:00.000Z',
            text: 'O estorno não caiu.',
          },
        ],
        history: [...history],
      });
      const view = publicCaseView(c, { now: new Date('2026-03-17T12:00:00.000Z'), config: localConfig });
      const office = view?.messages.filter((m) => m.from === 'office').map((m) => m.text) ?? [];
      expect(office.filter((t) => /encerrad|cerrado|closed by/.test(t))).toEqual(closing ? [closing] : []);
      if (closing) {
        // In order: her first message, the closing, her answer, the reopening notice.
        expect(view?.messages.map((m) => m.from)).toEqual(['merchant', 'office', 'merchant', 'office']);
        expect(view?.messages[1]?.text).toBe(closing);
        expect(view?.messages[reopenNoticeIndex]?.text).toMatch(/reab|reopened/);
      }
    },
  );

  // Carla wrote in Spanish: the office answered her in Spanish, and the view says the case's
  // language (the page speaks it) and marks each part's, should a part sit on a page in another.
  it.each([
    ['pt-BR', 'Olá, abri o chamado 52310 e o problema continua.', undefined, '(mensagem sem texto novo)'],
    ['es', 'Hola, abrí el ticket 52310 y el problema sigue sin solución.', 'es', '(mensaje sin texto nuevo)'],
    ['en', 'Hello, I opened ticket 52310 and the problem is still there.', 'en', '(message with no new text)'],
  ] as const)('a case in %s says its language and marks its messages with it', (language, text, lang, noFresh) => {
    const inMsg = { ...workCase().messages[0]!, text };
    const out = { ...inMsg, sourceId: 'ses-staff-9', direction: 'out' as const, author: 'ana', text: 'Resposta.' };
    const quotedOnly = {
      ...inMsg,
      sourceId: 'ses-in-2',
      text: '> Resposta.',
      attachments: [{ filename: '', contentType: 'image/png', size: 2_000, inline: false, key: 'raw/ses-in-2/1' }],
    };
    const c = workCase({ decision: { ...workCase().decision, language }, messages: [inMsg, out, quotedOnly] });
    const view = publicCaseView(c);
    expect(view?.language).toBe(language);
    expect(view?.messages.map((m) => m.lang)).toEqual([lang, lang, lang]);
    // The page's own words for a message with no fresh text, and for a file without a name, in her language.
    expect(view?.messages[2]?.text).toBe(noFresh);
    expect(view?.messages[2]?.files?.[0]?.name).toBe(UNNAMED_FILE[language]);
  });

  it('a merchant message with no fresh text (only quoted history) says so', () => {
    const c = workCase({
      messages: [{ ...workCase().messages[0]!, text: '> Olá, Maria.\n> Solicitamos o estorno.' }],
    });
    expect(publicCaseView(c)?.messages[0]?.text).toBe('(mensagem sem texto novo)');
  });

  it('is null for a record without protocol', () => {
    expect(publicCaseView(workCase({ protocol: undefined as unknown as string }))).toBeNull();
  });
});

describe('sameAddress and the link mail', () => {
  it('compares addresses case-insensitively', () => {
    expect(sameAddress(MERCHANT.toUpperCase(), MERCHANT)).toBe(true);
    expect(sameAddress(`${MERCHANT}x`, MERCHANT)).toBe(false);
    expect(sameAddress('', MERCHANT)).toBe(false);
  });

  // Red team 55 note 3: as threading compares her mail, one Gmail inbox (dots, +tag, googlemail.com).
  it.each([
    ['maria.souza@gmail.com', 'MariaSouza@gmail.com', true],
    ['maria.souza@gmail.com', 'maria.souza+loja@googlemail.com', true],
    ['maria.souza@gmail.com', 'maria.souza@gmai1.com', false],
    ['maria.souza@lojadamaria.com.br', 'mariasouza@lojadamaria.com.br', false],
    ['maria@lojadamaria.com.br', 'maria+x@lojadamaria.com.br', false],
    ['', '', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameAddress(a, b)).toBe(same);
  });

  it('renders the pt-BR mail with the link and its validity', () => {
    const mail = renderStatusLinkMail('OUV-2026-000123', 'https://x.example/consulta/caso?p=1', 'Maria', localConfig);
    expect(mail.subject).toBe('[OUV-2026-000123] Link para acompanhar o seu caso');
    expect(mail.text).toContain('https://x.example/consulta/caso?p=1');
    expect(mail.text).toContain('O link vale por 24 horas e pode ser aberto uma vez.');
  });

  it.each([
    [
      'es',
      '[OUV-2026-000123] Enlace para seguir su caso',
      [
        'Hola, Carla Méndez,',
        'Ver el estado del caso (https://x.example/c)',
        'El enlace vale por 24 horas y puede abrirse una sola vez.',
        // The page the link opens speaks Spanish too (page-words.ts).
        'Recibimos un pedido para seguir el caso OUV-2026-000123 en la página de la Ouvidoria.',
        'Atentamente,\nOuvidoria',
        'Tratamos sus datos personales',
      ],
    ],
    [
      'en',
      '[OUV-2026-000123] Link to follow your case',
      [
        'Hello, Carla Méndez,',
        'See where your case stands (https://x.example/c)',
        'The link is valid for 24 hours and can be opened once.',
        'Kind regards,\nOuvidoria',
        'We process your personal data',
      ],
    ],
    ['pt-BR', '[OUV-2026-000123] Link para acompanhar o seu caso', ['Olá, Carla Méndez,', 'O link vale por 24 horas']],
  ] as const)('the status-link mail of a case in %s is in that language', (language, subject, says) => {
    const mail = renderStatusLinkMail('OUV-2026-000123', 'https://x.example/c', 'Carla Méndez', localConfig, language);
    expect(mail.subject).toBe(subject);
    for (const text of says) expect(mail.text).toContain(text);
    expect(mail.text).not.toMatch(/en portugués|in Portuguese/);
    expect(mail.html).toContain(`<html lang="${language}">`);
  });

  it.each([
    { hours: 1, says: 'O link vale por 1 hora e pode ser aberto uma vez.' },
    { hours: 48, says: 'O link vale por 48 horas e pode ser aberto uma vez.' },
  ])('says the configured validity in the singular and plural ($hours h)', ({ hours, says }) => {
    const config = { ...localConfig, lifecycle: { ...localConfig.lifecycle, statusLinkHours: hours } };
    expect(renderStatusLinkMail('OUV-2026-000123', 'https://x.example/c', 'Maria', config).text).toContain(says);
  });

  it('greets by the case’s name only when it reads as one (a form’s name is anyone’s text)', () => {
    const url = 'https://x.example/consulta/caso?p=1';
    const phishing = renderStatusLinkMail(
      'OUV-2026-000123',
      url,
      'Ana, confirme seu CPF em golpe.example',
      localConfig,
    );
    expect(phishing.text.split('\n')[0]).toBe('Olá,');
    expect(phishing.text).not.toContain('golpe');
    expect(renderStatusLinkMail('OUV-2026-000123', url, 'Ana Lima', localConfig).text.split('\n')[0]).toBe(
      'Olá, Ana Lima,',
    );
  });
});

// A year-long case: the merchant and the office wrote hundreds of long messages. The page listed
// them all (300 of 20,000 characters: 6 MB, past what a Lambda function may answer, so she got an
// error page); it lists the newest and says where the older ones are.
describe('publicCaseView of a case with hundreds of messages', () => {
  function longCase(pairs: number) {
    const base = workCase({ status: 'IN_PROGRESS' });
    const first = base.messages[0]!;
    const at = (i: number, minutes: number) =>
      new Date(Date.parse('2026-03-01T12:00:00Z') + i * 3_600_000 + minutes * 60_000).toISOString();
    const messages = Array.from({ length: pairs }, (_, i) => [
      {
        ...first,
        sourceId: `in-${i}`,
        direction: 'in' as const,
        receivedAt: at(i, 0),
        text: `Mensagem ${i + 1} da lojista. ${'Ainda aguardo o estorno da fatura. '.repeat(570)}`,
      },
      {
        ...first,
        sourceId: `out-${i}`,
        direction: 'out' as const,
        author: 'ana',
        receivedAt: at(i, 30),
        text: `Resposta ${i + 1}. ${'Prezada lojista, seguimos verificando. '.repeat(510)}`,
      },
    ]).flat();
    return workCase({ status: 'IN_PROGRESS', messages, senderEmail: MERCHANT });
  }
  it.each([
    {
      pairs: 150,
      earlier: 250,
      says: 'As 250 mensagens anteriores não aparecem nesta página: elas estão no seu e-mail.',
    },
    { pairs: 25, earlier: 0, says: '' },
    { pairs: 26, earlier: 2, says: 'As 2 mensagens anteriores não aparecem' },
  ])('$pairs exchanges: the newest messages, $earlier left out and said', ({ pairs, earlier, says }) => {
    const view = publicCaseView(longCase(pairs), { now: new Date('2026-03-30T12:00:00Z'), config: localConfig });
    expect(view?.messages).toHaveLength(Math.min(pairs * 2, PUBLIC_PAGE_MESSAGES));
    expect(view?.earlier).toBe(earlier || undefined);
    expect(view?.messages.at(-1)?.text).toMatch(new RegExp(`^Resposta ${pairs}\\.`));
    const page = renderMerchantPage({ kind: 'status-case', view: view! }, { config: localConfig, basePath: '' });
    expect(Buffer.byteLength(page)).toBeLessThan(2 * 1024 * 1024);
    if (says) expect(page).toContain(says);
    else expect(page).not.toContain('não aparecem');
  });
});

describe('publicCaseView of a long text', () => {
  it('cuts it between characters: an emoji at the cut is left out whole, never shown as "�"', () => {
    const base = workCase({ status: 'IN_PROGRESS' });
    const first = base.messages[0]!;
    const text = `${'a'.repeat(PUBLIC_TEXT_MAX_CHARS - 1)}😀${'b'.repeat(100)}`;
    const c = workCase({ status: 'IN_PROGRESS', senderEmail: MERCHANT, messages: [{ ...first, text }] });
    const shown = publicCaseView(c, { now: new Date('2026-03-30T12:00:00Z'), config: localConfig })?.messages[0]?.text;
    expect(shown).toMatch(/^a+ \[…\]$/);
    expect(hasLoneSurrogate(shown ?? '')).toBe(false);
  });
});

// She answered under the office's questions: the fresh lines alone were answers without questions.
describe('publicCaseView of her answers under the quoted questions', () => {
  it('shows her mail as she wrote it', () => {
    const base = workCase({ status: 'IN_PROGRESS', senderEmail: MERCHANT });
    const first = base.messages[0]!;
    const text = ANSWERS_UNDER_QUESTIONS;
    const c = workCase({
      status: 'IN_PROGRESS',
      senderEmail: MERCHANT,
      messages: [first, { ...first, sourceId: 'in-2', direction: 'in', text }],
    });
    expect(publicCaseView(c)?.messages.at(-1)?.text).toMatch(
      /> 1\) Qual o número de um pedido afetado\?\nPedido 100234\./,
    );
  });
});

// Journey 50: the acknowledgement named the earlier case the page left out.
describe('publicCaseView — the earlier case this one follows', () => {
  it.each([
    [{ linkedProtocol: 'OUV-2026-000002' }, 'OUV-2026-000002'],
    [{}, undefined],
  ])('%j → %s', (fields, linked) => {
    expect(publicCaseView(workCase(fields))?.linkedProtocol).toBe(linked);
  });
});

// Red team 62: threading joins her reply from any spelling of her mailbox (sameMailbox); the page
// showed only the spelling the case was opened with, so her own later messages were missing from it.
describe('publicCaseView — her replies from another spelling of her mailbox', () => {
  const reply = (from: string, text: string) => ({
    sourceId: `reply-${from}`,
    channel: 'email' as const,
    receivedAt: '2026-03-12T12:00:00.000Z',
    subject: `RE: [${PROTOCOL}] Resposta da Ouvidoria`,
    text,
    from: { address: from },
    attachments: [],
  });
  it.each([
    ['maria.souza@gmail.com', 'MariaSouza@gmail.com', true],
    ['maria.souza@gmail.com', 'mariasouza+loja@gmail.com', true],
    ['maria.souza@gmail.com', 'maria.souza@googlemail.com', true],
    ['contato@açaí.com.br', 'contato@xn--aa-4iaz.com.br', true],
    ['contato@xn--aa-4iaz.com.br', 'Contato@AÇAÍ.com.br', true],
    // Another mailbox is not hers: a dot or a "+tag" outside Gmail, another provider, a look-alike domain.
    ['maria.souza@lojadamaria.com.br', 'mariasouza@lojadamaria.com.br', false],
    ['maria@lojadamaria.com.br', 'maria+x@lojadamaria.com.br', false],
    ['maria.souza@gmail.com', 'maria.souza@hotmail.com', false],
    ['contato@açaí.com.br', 'contato@acai.com.br', false],
  ])('case of %s, reply from %s: on her page %s', (senderEmail, from, shown) => {
    const text = 'Segue o comprovante do estorno que o banco ainda não devolveu.';
    const c = workCase({
      status: 'IN_PROGRESS',
      senderEmail,
      messages: [{ ...workCase().messages[0]!, from: { address: senderEmail } }, reply(from, text)],
    });
    const view = publicCaseView(c, { now: new Date('2026-03-12T15:00:00.000Z'), config: localConfig });
    const texts = (view?.messages ?? []).filter((m) => m.from === 'merchant').map((m) => m.text);
    expect(texts.includes(text)).toBe(shown);
  });
});
