import { describe, expect, it } from 'vitest';
import {
  chooseAnalyst,
  MISSING_ATTACHMENT_STAFF_PT,
  NOTICE_MESSAGES,
  renderAnalystNotice,
} from '../../../shared/domain/assignment';
import type { CaseRecord } from '../../../shared/domain/case';
import { localConfig } from '../../../shared/domain/config';
import { OUTCOME_LABELS_PT, OUTCOMES } from '../../../shared/domain/outcome';
import type { Analyst } from '../../../shared/domain/staff';
import { hasLoneSurrogate } from '../../../shared/domain/text';
import { aDecision, aCase } from '../../support/builders';

/** When the notices are sent: five minutes after the cases arrived, long before their due dates. */
const NOW = new Date('2026-03-10T13:05:00.000Z');

function analyst(id: string, overrides: Partial<Analyst> = {}): Analyst {
  return {
    id,
    name: id.toUpperCase(),
    email: `${id}@ouvidoria.example.com.br`,
    active: true,
    openCases: 0,
    ...overrides,
  };
}

describe('chooseAnalyst', () => {
  const today = '2026-03-10';

  it.each<[string, Analyst[], string | null]>([
    ['empty roster', [], null],
    ['everyone inactive', [analyst('ana', { active: false })], null],
    ['everyone on leave', [analyst('ana', { leave: { from: '2026-03-01', to: '2026-03-31' } })], null],
    [
      'fewest open cases wins',
      [analyst('ana', { openCases: 3 }), analyst('bia', { openCases: 1 }), analyst('caio', { openCases: 2 })],
      'bia',
    ],
    [
      'tie: least recently assigned wins',
      [
        analyst('ana', { openCases: 1, lastAssignedAt: '2026-03-09T15:00:00.000Z' }),
        analyst('bia', { openCases: 1, lastAssignedAt: '2026-03-09T12:00:00.000Z' }),
      ],
      'bia',
    ],
    [
      'tie: never assigned beats assigned',
      [analyst('ana', { openCases: 0, lastAssignedAt: '2026-01-01T00:00:00Z' }), analyst('zeca', { openCases: 0 })],
      'zeca',
    ],
    [
      'tie: instants compared as instants, not strings',
      [
        analyst('ana', { openCases: 1, lastAssignedAt: '2026-03-09T10:00:00-03:00' }), // 13:00Z
        analyst('bia', { openCases: 1, lastAssignedAt: '2026-03-09T12:00:00Z' }),
      ],
      'bia',
    ],
    ['full tie: by id', [analyst('caio'), analyst('ana'), analyst('bia')], 'ana'],
    [
      'fewer cases beats never assigned',
      [analyst('ana', { openCases: 2 }), analyst('bia', { openCases: 1, lastAssignedAt: '2026-03-10T12:00:00Z' })],
      'bia',
    ],
    [
      'inactive skipped even with fewer cases',
      [analyst('ana', { active: false, openCases: 0 }), analyst('bia', { openCases: 5 })],
      'bia',
    ],
    [
      'leave is inclusive: first day',
      [analyst('ana', { leave: { from: today, to: '2026-03-20' } }), analyst('bia', { openCases: 9 })],
      'bia',
    ],
    [
      'leave is inclusive: last day',
      [analyst('ana', { leave: { from: '2026-03-01', to: today } }), analyst('bia', { openCases: 9 })],
      'bia',
    ],
    [
      'leave ended yesterday',
      [analyst('ana', { leave: { from: '2026-03-01', to: '2026-03-09' } }), analyst('bia', { openCases: 9 })],
      'ana',
    ],
    [
      'leave starts tomorrow',
      [analyst('ana', { leave: { from: '2026-03-11', to: '2026-03-20' } }), analyst('bia', { openCases: 9 })],
      'ana',
    ],
    [
      'an unreadable lastAssignedAt counts as never assigned',
      [analyst('ana', { lastAssignedAt: '2026-03-01T00:00:00Z' }), analyst('bia', { lastAssignedAt: 'ontem' })],
      'bia',
    ],
  ])('%s', (_what, staff, expected) => {
    expect(chooseAnalyst(staff, today)?.id ?? null).toBe(expected);
  });

  it('does not depend on roster order', () => {
    const staff = [
      analyst('ana', { openCases: 1, lastAssignedAt: '2026-03-09T15:00:00Z' }),
      analyst('bia', { openCases: 1 }),
      analyst('caio', { openCases: 1 }),
      analyst('duda', { openCases: 0, active: false }),
    ];
    const picks = new Set(
      [staff, [...staff].reverse(), [staff[2], staff[0], staff[3], staff[1]] as Analyst[]].map(
        (s) => chooseAnalyst(s, '2026-03-10')?.id,
      ),
    );
    expect([...picks]).toEqual(['bia']);
  });

  it.each(['10/03/2026', '2026-3-10', '', '2026-03-10T10:00'])('rejects today = %j', (bad) => {
    expect(() => chooseAnalyst([analyst('ana')], bad)).toThrow(RangeError);
  });
});

describe('OUTCOME_LABELS_PT', () => {
  it('names every outcome', () => {
    for (const o of OUTCOMES) expect(OUTCOME_LABELS_PT[o]).toMatch(/\S/);
  });
});

function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return aCase({
    caseId: 'email:ses-0001',
    protocol: 'OUV-2026-000123',
    channel: 'email',
    sourceId: 'ses-0001',
    status: 'ASSIGNED',
    outcome: 'ACCEPTED',
    ticketCandidates: [
      { number: '48213', source: 'subject', score: 90, evidence: 'chamado 48213' },
      { number: '2026', source: 'body', score: 10, evidence: 'desde 2026' },
    ],
    senderName: 'Maria Souza',
    senderEmail: 'maria@lojadamaria.com.br',
    storeName: 'Loja da Maria',
    subject: 'Cobrança em dobro — chamado 48213',
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    createdAt: '2026-11-26T17:00:00.000Z',
    updatedAt: '2026-11-26T17:00:00.000Z',
    messages: [
      {
        sourceId: 'ses-0001',
        channel: 'email',
        receivedAt: '2026-11-26T17:00:00.000Z',
        subject: 'Cobrança em dobro — chamado 48213',
        text: [
          'Olá, fui cobrada duas vezes na fatura de novembro.',
          'O chamado 48213 foi encerrado sem solução.',
          '',
          'Em 20/11/2026 10:32, Suporte <suporte@example.com.br> escreveu:',
          '> Olá Maria, seu chamado foi encerrado.',
          '> Atenciosamente, Suporte',
        ].join('\n'),
        attachments: [
          { filename: 'fatura-novembro.pdf', contentType: 'application/pdf', size: 1.5 * 1024 * 1024, inline: false },
          { contentType: 'image/png', size: 820, inline: true },
        ],
      },
    ],
    messageIds: ['abc@mail.gmail.com'],
    assignee: 'ana',
    assignedAt: '2026-11-26T17:00:05.000Z',
    dueAt: '2026-12-10T20:00:00.000Z',
    ...overrides,
  });
}

const ana = analyst('ana', { name: 'Ana Lima' });

describe('renderAnalystNotice', () => {
  it.each([
    {
      quoted: ['> Olá Maria, seu chamado foi encerrado.'],
      sla: 1,
      says: ['Histórico citado (1 linha)', '(1 dia útil da Ouvidoria'],
    },
    {
      quoted: ['> Olá Maria, seu chamado foi encerrado.', '> Atenciosamente, Suporte'],
      sla: 10,
      says: ['Histórico citado (2 linhas)', '(10 dias úteis da Ouvidoria'],
    },
  ])('counts in the singular and plural ($says.0)', ({ quoted, sla, says }) => {
    const base = caseRecord();
    const message = {
      ...base.messages[0]!,
      text: ['Fui cobrada duas vezes.', '', ...quoted].join('\n'),
    };
    const n = renderAnalystNotice({ ...base, messages: [message] }, ana, { ...localConfig, slaBusinessDays: sla }, NOW);
    for (const phrase of says) expect(n.html).toContain(phrase);
  });

  // Journey 47: a mail a supervisor released reached its analyst with "SPF FAIL, DKIM FAIL, DMARC
  // FAIL" and no word that someone vouched for the sender.
  it.each([
    [
      'released, the name given',
      { releasedBy: 'Sofia Ramos' },
      'Liberado da quarentena por Sofia Ramos em 21/12/2026 às 10:00',
    ],
    ['released, the name gone from the roster', {}, 'Liberado da quarentena por sofia em 21/12/2026 às 10:00'],
  ])('a mail released from quarantine says who vouched for it (%s)', (_label, options, says) => {
    const base = caseRecord();
    const released = {
      ...base,
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } as const,
      reviewOutcome: 'released' as const,
      reviewedBy: 'sofia',
      reviewedAt: '2026-12-21T13:00:00.000Z',
    };
    const n = renderAnalystNotice(released, ana, localConfig, NOW, options);
    expect(n.text).toContain(`${says}: a supervisão respondeu pelo remetente`);
    expect(renderAnalystNotice(base, ana, localConfig, NOW).text).not.toContain('Liberado da quarentena');
  });

  // Journey 50: her Gmail cited the case on Friday night, before any analyst had it: citation.ts
  // told no one, and Ana's notice on Tuesday said nothing of it.
  it.each([
    [
      ['email:gmail-1'],
      '1 mensagem cita este caso sem ter sido juntada a ele (outro endereço ou remetente sem verificação): leia-a no console antes de considerar o que diz.',
    ],
    [
      ['email:gmail-1', 'email:joana-1'],
      '2 mensagens citam este caso sem terem sido juntadas a ele (outro endereço ou remetente sem verificação): leia-as no console antes de considerar o que dizem.',
    ],
  ])('a case cited while it waited says so (%j)', (citedBy, says) => {
    const n = renderAnalystNotice({ ...caseRecord(), citedBy }, ana, localConfig, NOW);
    expect(n.text).toContain(`Citado por: ${says}`);
    expect(renderAnalystNotice(caseRecord(), ana, localConfig, NOW).text).not.toContain('Citado por');
  });

  it.each([
    [
      'es',
      'Idioma do lojista: espanhol — a Ouvidoria escreve a este lojista em espanhol; escreva a resposta em espanhol',
    ],
    ['en', 'Idioma do lojista: inglês — a Ouvidoria escreve a este lojista em inglês; escreva a resposta em inglês'],
  ] as const)('a case written in %s tells the analyst which language her answers go out in', (language, says) => {
    const base = caseRecord();
    const n = renderAnalystNotice({ ...base, decision: { ...base.decision, language } }, ana, localConfig, NOW);
    expect(n.text).toContain(`- ${says}`);
    expect(renderAnalystNotice(base, ana, localConfig, NOW).text).not.toContain('Idioma do lojista');
  });

  it.each([
    ['the day it came in', '2026-11-26T17:00:05.000Z', 'Prazo: 10/12/2026 às 17:00 (10 dias úteis'],
    [
      'after its due date (it waited for an analyst over a long leave; the date counts from receipt)',
      '2026-12-11T12:00:00.000Z',
      'Prazo: 10/12/2026 às 17:00 (atrasado) (10 dias úteis',
    ],
  ])('assigned %s, the notice marks a due date already past as the console does', (_, at, says) => {
    const n = renderAnalystNotice(caseRecord(), ana, localConfig, new Date(at));
    expect(n.text).toContain(says);
  });

  it('has everything the analyst needs, in text and HTML', () => {
    const n = renderAnalystNotice(caseRecord(), ana, localConfig, NOW);
    expect(n.subject).toBe('[OUV-2026-000123] Novo caso atribuído a você: Cobrança em dobro — chamado 48213');
    for (const part of [n.text, n.html]) {
      for (const phrase of [
        'Olá, Ana Lima,',
        'OUV-2026-000123',
        '10/12/2026 às 17:00',
        '10 dias úteis',
        'Maria Souza',
        'maria@lojadamaria.com.br',
        'Loja da Maria',
        'nº 48213',
        'verificado',
        'Aceito (caso aberto)',
        'topic.billing.complaint, topic.billing.invoice, topic.billing.charge, ticket.valid',
        'Chamado anterior nº 48213 verificado (aberto pelo remetente); caso aceito',
        'SPF PASS',
        'fatura-novembro.pdf',
        'application/pdf, 1,5 MB',
        '(sem nome)',
        'image/png, 820 bytes, em linha',
        'nº 2026 (mensagem)',
        '26/11/2026 às 14:00',
        'fui cobrada duas vezes',
        'Histórico citado',
        'seu chamado foi encerrado',
        'Política de Privacidade',
      ]) {
        expect(part, phrase).toContain(phrase);
      }
    }
    expect(n.html).toContain('href="mailto:maria@lojadamaria.com.br"');
    expect(n.html).toMatch(/<details[^>]*><summary[^>]*>Histórico citado \(\d+ linhas\)<\/summary>/);
    expect(n.html).toContain('lang="pt-BR"');
  });

  it('shows the merchant’s earlier submission first when the case answers the guidance she got for it', () => {
    const c = caseRecord({
      messages: [
        {
          sourceId: 'ses-0002',
          channel: 'email',
          receivedAt: '2026-11-27T12:00:00.000Z',
          subject: 'Re: Cobrança em dobro',
          text: 'O número certo do chamado é 48213.',
          attachments: [],
        },
      ],
    });
    const earlier = {
      outcome: 'TICKET_INVALID' as const,
      messages: [
        {
          sourceId: 'ses-0001',
          channel: 'email' as const,
          receivedAt: '2026-11-26T17:00:00.000Z',
          subject: 'Cobrança em dobro <b>urgente</b>',
          text: 'Fui cobrada duas vezes pela mensalidade de novembro, chamado 48231.',
          attachments: [],
        },
      ],
    };
    const n = renderAnalystNotice(c, ana, localConfig, NOW, { earlier });
    for (const part of [n.text, n.html]) {
      expect(part).toContain('Responde à orientação que recebeu antes (Chamado anterior inválido)');
      const first = part.indexOf('Mensagem anterior (respondida com orientação, fora do caso) — 26/11/2026 às 14:00');
      const answer = part.indexOf('Mensagem 1 — 27/11/2026 às 09:00');
      expect(first, part).toBeGreaterThan(0);
      expect(answer).toBeGreaterThan(first);
      expect(part.indexOf('Fui cobrada duas vezes')).toBeGreaterThan(first);
      expect(part.indexOf('Fui cobrada duas vezes')).toBeLessThan(answer);
    }
    expect(n.html).not.toContain('<b>urgente</b>');
    // Without it, the notice reads as before: one message, no earlier one.
    const alone = renderAnalystNotice(c, ana, localConfig, NOW);
    expect(alone.text).not.toContain('Mensagem anterior');
    expect(alone.text).toContain('Mensagem — 27/11/2026 às 09:00');
  });

  it('keeps the fresh text apart from the quoted history', () => {
    const n = renderAnalystNotice(caseRecord(), ana, localConfig, NOW);
    const fresh = n.html.indexOf('fui cobrada duas vezes');
    const details = n.html.indexOf('<details');
    const quoted = n.html.indexOf('seu chamado foi encerrado');
    expect(fresh).toBeGreaterThan(0);
    expect(fresh).toBeLessThan(details);
    expect(quoted).toBeGreaterThan(details);
  });

  it.each<[CaseRecord['decision']['ticket'], string]>([
    [{ status: 'unverified', number: '777', why: 'timeout' }, 'NÃO VERIFICADO'],
    [{ status: 'unverified', number: '777', why: '' }, 'Confirme manualmente'],
    [{ status: 'none' }, 'Nenhum chamado anterior informado.'],
    [{ status: 'invalid', number: '9', why: 'not_owner' }, 'pertence a outro solicitante'],
    [{ status: 'invalid', number: '9', why: 'not_found' }, 'não encontrado'],
    [{ status: 'invalid', number: 'x', why: 'bad_format' }, 'formato inválido'],
  ])('states the prior ticket: %o', (ticket, phrase) => {
    const c = caseRecord();
    const n = renderAnalystNotice({ ...c, decision: { ...c.decision, ticket } }, ana, localConfig, NOW);
    expect(n.text).toContain(phrase);
    // The directory's failure code is for the logs: the analyst reads what to do.
    expect(n.text).not.toContain('(timeout)');
  });

  it('escapes merchant text everywhere in the HTML', () => {
    const evil = '<script>alert(1)</script>';
    const c = caseRecord({
      senderName: `Maria ${evil}`,
      storeName: `<img src=x onerror=alert(2)>`,
      subject: `Assunto ${evil}\r\nBcc: x@y.com`,
      messages: [
        {
          sourceId: 'ses-0001',
          channel: 'email',
          receivedAt: '2026-11-26T17:00:00.000Z',
          subject: evil,
          text: `Texto ${evil}\n\nEm 20/11/2026, X escreveu:\n> citado ${evil}`,
          attachments: [{ filename: `${evil}.pdf`, contentType: 'text/html"><script>', size: 10, inline: false }],
        },
      ],
      ticketCandidates: [{ number: '1', source: 'body', score: 1, evidence: evil }],
    });
    const n = renderAnalystNotice(c, analyst('ana', { name: `Ana ${evil}` }), localConfig, NOW);
    expect(n.html).not.toMatch(/<script/i);
    expect(n.html).not.toMatch(/<img/i);
    expect(n.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(n.subject).not.toMatch(/[\r\n]/);
  });

  // Journey 45: an S/MIME-encrypted mail read "(mensagem sem texto)" and its envelope "recusado".
  it('an encrypted mail: the analyst is told why there is no text and what to ask', () => {
    const c = caseRecord({
      messages: [
        {
          sourceId: 'ses-enc',
          channel: 'email',
          receivedAt: '2026-11-26T17:00:00.000Z',
          subject: 'Pedidos não sincronizam - chamado #48213',
          text: '',
          attachments: [{ filename: 'smime.p7m', contentType: 'application/pkcs7-mime', size: 1800, inline: false }],
        },
      ],
    });
    const n = renderAnalystNotice(c, ana, localConfig, NOW);
    expect(n.text).toContain('mensagem criptografada com S/MIME');
    expect(n.text).toContain('reenvie sem criptografia');
    expect(n.text).not.toContain('(mensagem sem texto)');
  });

  it('handles a webform case without protocol details, due date, attachments or name', () => {
    const c = caseRecord({
      channel: 'webform',
      protocol: undefined,
      dueAt: undefined,
      senderName: undefined,
      storeName: undefined,
      verdicts: undefined,
      subject: '',
      ticketCandidates: [],
      linkedProtocol: 'OUV-2025-000999',
      decision: aDecision('ACCEPTED', { ruleIds: [], ticket: { status: 'valid', number: '5' } }),
      messages: [
        {
          sourceId: 'w1',
          channel: 'webform',
          receivedAt: '2026-11-26T17:00:00.000Z',
          subject: '',
          text: '',
          attachments: [],
        },
      ],
    });
    const n = renderAnalystNotice(c, ana, localConfig, NOW);
    expect(n.subject).toBe('[email:ses-0001] Novo caso atribuído a você');
    for (const phrase of [
      'Prazo: não definido.',
      'formulário da Ouvidoria',
      '(não informado)',
      '(não informada)',
      'Nenhum anexo.',
      '(nenhuma)',
      '(mensagem sem texto)',
      '(sem assunto)',
      'OUV-2025-000999',
    ]) {
      expect(n.text, phrase).toContain(phrase);
    }
    expect(n.text).not.toContain('Outros números');
    expect(n.html).not.toContain('<details');
  });

  // ROUND24: the analyst sees that the file her message announces did not arrive.
  it.each([
    ['announced, none arrived', 'Segue em anexo o print do checkout travado. Chamado 48213.', [], true],
    ['announced and arrived', 'Segue em anexo o print do checkout travado. Chamado 48213.', ['file'], false],
    ['not announced', 'O checkout trava no Pix. Chamado 48213 sem resposta.', [], false],
  ])('the attachments section when %s', (_label, text, files, missing) => {
    const first = caseRecord().messages[0]!;
    const c = caseRecord({
      messages: [{ ...first, text, attachments: files.length > 0 ? first.attachments : [] }],
    });
    const n = renderAnalystNotice(c, ana, localConfig, NOW);
    expect(n.text.includes(MISSING_ATTACHMENT_STAFF_PT)).toBe(missing);
    if (missing) expect(n.text).not.toContain('Nenhum anexo.');
  });

  // A mailed file copied for the console (mail-file-copies.ts): a key and a MIME part.
  it.each([
    ['attached to the notice', true, 'PENDING', 'anexado a este e-mail'],
    ['being scanned, not attached', false, 'PENDING', 'baixe pelo console, após a verificação antivírus'],
    ['clean, not attached', false, 'NO_THREATS_FOUND', 'baixar pelo console'],
  ] as const)("a mailed file's copy %s says where it is", (_what, sent, scan, says) => {
    const first = caseRecord().messages[0]!;
    const file = {
      filename: 'fatura.pdf',
      contentType: 'application/pdf',
      size: 2048,
      inline: false,
      partId: '2',
      kind: 'pdf' as const,
      key: `${scan === 'PENDING' ? 'uploads' : 'claimed'}/${'e'.repeat(32)}/01`,
      scan,
    };
    const c = caseRecord({ messages: [{ ...first, attachments: [file] }] });
    const n = renderAnalystNotice(c, ana, localConfig, NOW, sent ? { attached: [file] } : {});
    expect(n.text).toContain(says);
    expect(n.text).not.toContain('arquivo do formulário');
  });

  it('numbers the messages of a thread and cuts a huge body', () => {
    const base = caseRecord();
    const first = base.messages[0]!;
    const n = renderAnalystNotice(
      {
        ...base,
        messages: [
          first,
          {
            ...first,
            sourceId: 'ses-0002',
            text: `${'a'.repeat(30_000)}`,
            attachments: [{ filename: 'b.txt', contentType: 'text/plain', size: 5, inline: false }],
          },
        ],
      },
      ana,
      localConfig,
      NOW,
    );
    expect(n.text).toContain('Mensagem 1 — ');
    expect(n.text).toContain('Mensagem 2 — ');
    expect(n.text).toContain('b.txt (text/plain, 5 bytes) — mensagem 2');
    expect(n.text).toContain('texto cortado');
    expect(n.text.length).toBeLessThan(25_000);
  });

  it('cuts a huge body between characters: an emoji at the cut never goes as half a pair ("�")', () => {
    const base = caseRecord();
    const first = base.messages[0]!;
    const n = renderAnalystNotice(
      { ...base, messages: [{ ...first, text: `${'a'.repeat(19_999)}😀${'b'.repeat(30_000)}` }] },
      ana,
      localConfig,
      NOW,
    );
    expect(n.text).toContain('texto cortado');
    expect(hasLoneSurrogate(n.text)).toBe(false);
    expect(hasLoneSurrogate(n.html)).toBe(false);
  });

  // A case that waited for an analyst over Carnaval while the merchant (or her auto-responder)
  // kept writing: every mail went into the notice, 300 of 40,000 characters making ~25 MB of text
  // and HTML, past SES's 40 MB once encoded with the opening mail's files.
  it.each([
    { name: '300 long mails', count: 300, chars: 40_000, left: 290 },
    { name: '11 mails: one over the limit', count: 11, chars: 500, left: 1 },
    { name: '10 mails: all shown', count: 10, chars: 500, left: 0 },
  ])(
    'a case with many mails: the first and the newest, the rest named with the console link ($name)',
    ({ count, chars, left }) => {
      const base = caseRecord();
      const first = base.messages[0]!;
      const text = (i: number) =>
        `Mensagem ${i}: ainda aguardo o estorno da cobrança em dobro. ${'Sigo sem resposta. '.repeat(chars / 2 / 19)}\n\n${'> Em 20/11/2026, Suporte escreveu: aguarde.\n'.repeat(chars / 2 / 44)}`;
      const messages = Array.from({ length: count }, (_, i) => ({
        ...first,
        sourceId: `ses-${i + 1}`,
        text: text(i + 1),
      }));
      const n = renderAnalystNotice({ ...base, messages }, ana, localConfig, NOW);
      expect(Buffer.byteLength(n.text) + Buffer.byteLength(n.html)).toBeLessThan(2 * 1024 * 1024);
      for (const part of [n.text, n.html]) {
        expect(part).toContain('Mensagem 1 —');
        expect(part).toContain(`Mensagem ${count} —`);
        if (left > 0) {
          expect(part).toContain(left === 1 ? 'a outra mensagem está no' : `as outras ${left} mensagens estão no`);
          expect(part).not.toContain(`Mensagem ${count - NOTICE_MESSAGES + 1} —`);
        } else expect(part).not.toMatch(/outras? .*(estão|está) no/);
      }
      expect(n.html).toContain(`Mensagem ${count - NOTICE_MESSAGES + 2} —`);
    },
  );
});
