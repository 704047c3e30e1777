import { describe, expect, it } from 'vitest';
import { CASE_PAGE_MESSAGES, casePage, casesPage, errorPage, formatInstant } from '../../../shared/console/pages';
import { workCase } from '../../support/lifecycle-fakes';

const EVIL = '<img src=x onerror=alert(1)>"\'`';
const frame = {
  basePath: '',
  timeZone: 'America/Sao_Paulo',
  user: { staffId: 'ana', role: 'analyst' as const, subject: 's' },
  csrf: 'tok"en',
};
const now = new Date('2026-03-30T12:00:00Z');

describe('console pages — escaping every merchant- and staff-controlled field', () => {
  const c = workCase({
    senderName: EVIL,
    storeName: EVIL,
    subject: EVIL,
    messages: [
      {
        ...workCase().messages[0]!,
        subject: EVIL,
        text: EVIL,
        attachments: [{ filename: EVIL, contentType: 'text/plain', size: 1 } as never],
      },
    ],
    history: [
      { type: 'note', text: EVIL, at: '2026-03-11T10:00:00Z', actor: { kind: 'staff', id: 'ana', role: 'analyst' } },
      {
        type: 'extended',
        businessDays: 2,
        reason: EVIL,
        previousDueAt: '',
        dueAt: '',
        at: '2026-03-11T11:00:00Z',
        actor: { kind: 'staff', id: 'ana', role: 'analyst' },
      },
    ],
  });

  it('the case page shows trail, messages, notes, deadline, history, survey, escaped', () => {
    const page = casePage(
      frame,
      {
        c,
        survey: { protocol: 'p', score: 4, comment: EVIL, answeredAt: '2026-03-20T10:00:00Z' },
        actions: new Set(['answer', 'close']),
      },
      now,
    );
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&#96;');
    expect(page).toContain('lang="pt-BR"');
    for (const heading of [
      'Decisão da triagem',
      'Mensagens',
      'Notas internas',
      'Pesquisa de satisfação',
      'Histórico',
      'Ações',
    ]) {
      expect(page).toContain(heading);
    }
    expect(page).toContain('(atrasado)');
    expect(page).toContain('value="tok&quot;en"');
    expect(page).toContain('Enviar resposta');
    expect(page).not.toContain('Transferir');
  });

  it('a survey answer given by replying to the closing mail says so', () => {
    const answeredAt = '2026-03-20T10:00:00Z';
    const mailed = casePage(
      frame,
      { c, survey: { protocol: 'p', score: 5, answeredAt, via: 'email' }, actions: new Set() },
      now,
    );
    expect(mailed).toMatch(/Nota 5 de 5 \(respondida por e-mail, 20\/03\/2026/);
    const clicked = casePage(frame, { c, survey: { protocol: 'p', score: 5, answeredAt }, actions: new Set() }, now);
    expect(clicked).toMatch(/Nota 5 de 5 \(20\/03\/2026/);
  });

  const sofia = { kind: 'staff' as const, id: 'sofia', role: 'supervisor' as const };
  const names = new Map([
    ['ana', 'Ana Lima'],
    ['bruno', 'Bruno Costa'],
    ['sofia', 'Sofia Martins'],
  ]);
  it.each([
    {
      name: 'assigned by the assignment function before it wrote its event: read from assignee/assignedAt',
      c: { status: 'ASSIGNED', assignee: 'ana', assignedAt: '2026-03-12T13:05:00Z', history: [] },
      lines: ['12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima'],
    },
    {
      name: 'the same, with a merchant message before and after: the entry in its place',
      c: {
        status: 'IN_PROGRESS',
        assignee: 'ana',
        assignedAt: '2026-03-12T13:05:00Z',
        history: [
          { type: 'merchant-replied', messageSourceId: 'm1', at: '2026-03-12T11:00:00Z', actor: { kind: 'merchant' } },
          { type: 'merchant-replied', messageSourceId: 'm2', at: '2026-03-13T11:00:00Z', actor: { kind: 'merchant' } },
        ],
      },
      lines: [
        '12/03/2026, 08:00</time> — lojista: o lojista respondeu',
        '12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima',
        '13/03/2026, 08:00</time> — lojista: o lojista respondeu',
      ],
    },
    {
      name: 'assigned (event written), transferred, extended, reopened: each once, in São Paulo time',
      c: {
        status: 'IN_PROGRESS',
        assignee: 'bruno',
        assignedAt: '2026-03-13T17:30:00Z',
        history: [
          {
            type: 'assigned',
            analystId: 'ana',
            dueAt: '2026-03-26T20:59:00Z',
            at: '2026-03-12T13:05:00Z',
            actor: { kind: 'system' },
          },
          { type: 'transferred', from: 'ana', to: 'bruno', at: '2026-03-13T17:30:00Z', actor: sofia },
          {
            type: 'extended',
            businessDays: 3,
            reason: 'aguardando o banco',
            previousDueAt: '2026-03-26T20:59:00Z',
            dueAt: '2026-03-31T20:59:00Z',
            at: '2026-03-16T12:00:00Z',
            actor: { kind: 'staff', id: 'bruno', role: 'analyst' },
          },
          {
            type: 'reopened',
            messageSourceId: 'm3',
            dueAt: '2026-04-06T20:59:00Z',
            at: '2026-03-30T15:00:00Z',
            actor: { kind: 'merchant' },
          },
        ],
      },
      lines: [
        '12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima',
        '13/03/2026, 14:30</time> — Sofia Martins: transferido de Ana Lima para Bruno Costa',
        '16/03/2026, 09:00</time> — Bruno Costa: prazo prorrogado em 3 dias úteis: aguardando o banco',
        '30/03/2026, 12:00</time> — lojista: reaberto',
      ],
    },
    {
      name: 'transferred before the event was written: the first instant is unknown, no invented entry',
      c: {
        status: 'IN_PROGRESS',
        assignee: 'bruno',
        assignedAt: '2026-03-13T17:30:00Z',
        history: [{ type: 'transferred', from: 'ana', to: 'bruno', at: '2026-03-13T17:30:00Z', actor: sofia }],
      },
      lines: ['13/03/2026, 14:30</time> — Sofia Martins: transferido de Ana Lima para Bruno Costa'],
    },
    {
      name: 'escalations: told, told only to supervisors on leave, told to nobody',
      c: {
        status: 'IN_PROGRESS',
        assignee: 'ana',
        assignedAt: '2026-03-12T13:05:00Z',
        history: [
          { type: 'escalated', dueAt: '2026-03-24T13:00:00Z', at: '2026-03-24T13:00:00Z', actor: { kind: 'system' } },
          {
            type: 'escalated',
            dueAt: '2026-03-25T13:00:00Z',
            unattended: 'on-leave',
            at: '2026-03-25T13:00:00Z',
            actor: { kind: 'system' },
          },
          {
            type: 'escalated',
            dueAt: '2026-03-26T13:00:00Z',
            unattended: 'none',
            at: '2026-03-26T13:00:00Z',
            actor: { kind: 'system' },
          },
        ],
      },
      lines: [
        '12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima',
        '24/03/2026, 10:00</time> — sistema: prazo vencido: supervisão avisada',
        '25/03/2026, 10:00</time> — sistema: prazo vencido: supervisão avisada, mas toda de licença hoje',
        '26/03/2026, 10:00</time> — sistema: prazo vencido: nenhuma supervisão ativa no cadastro, ninguém foi avisado',
      ],
    },
    {
      name: 'survey answers: on the page with a comment, by mail without (the comment is on the survey’s own line)',
      c: {
        status: 'CLOSED',
        assignee: 'ana',
        assignedAt: '2026-03-12T13:05:00Z',
        history: [
          {
            type: 'survey-answered',
            score: 2,
            via: 'web',
            commented: true,
            at: '2026-03-20T13:00:00Z',
            actor: { kind: 'merchant' },
          },
          { type: 'survey-answered', score: 5, via: 'email', at: '2026-03-21T13:00:00Z', actor: { kind: 'merchant' } },
        ],
      },
      lines: [
        '12/03/2026, 10:05</time> — sistema: atribuído a Ana Lima',
        '20/03/2026, 10:00</time> — lojista: pesquisa de satisfação respondida na página da pesquisa: nota 2 de 5, com comentário',
        '21/03/2026, 10:00</time> — lojista: pesquisa de satisfação respondida por e-mail: nota 5 de 5',
      ],
    },
  ] as const)('the history shows the assignment and what moved the case: $name', ({ c, lines }) => {
    const page = casePage(frame, { c: workCase(c as never), survey: null, actions: new Set(), staffNames: names }, now);
    const history = page.slice(page.indexOf('<h2>Histórico</h2>'));
    const items = [...history.matchAll(/<li><time datetime="[^"]*">(.*?)<\/li>/g)].map((m) => `${m[1]}`);
    expect(items).toEqual(lines);
  });

  it('the history reads every refusal in pt-BR: the reasons given, or the code’s meaning for older events', () => {
    const staff = { kind: 'staff' as const, id: 'bruno', role: 'analyst' as const };
    const page = casePage(
      frame,
      {
        c: workCase({
          history: [
            {
              type: 'refused',
              code: 'unknown-command',
              commands: ['#fechar'],
              at: '2026-03-11T10:00:00Z',
              actor: staff,
            },
            { type: 'refused', code: 'not-allowed', commands: [], at: '2026-03-11T11:00:00Z', actor: staff },
            {
              type: 'refused',
              code: 'unknown-analyst',
              commands: ['#transferir zeca'],
              reasons: ['Não há ninguém com o identificador “zeca” na equipe.'],
              at: '2026-03-11T12:00:00Z',
              actor: staff,
            },
          ],
        }),
        survey: null,
        actions: new Set(),
      },
      now,
    );
    expect(page).toContain('ação recusada (#fechar): comando desconhecido');
    expect(page).toContain('ação recusada: só o(a) analista responsável ou a supervisão podem atuar no caso');
    expect(page).toContain('ação recusada (#transferir zeca): Não há ninguém com o identificador “zeca” na equipe.');
    for (const code of ['unknown-command', 'not-allowed', 'unknown-analyst']) expect(page).not.toContain(code);
  });

  it.each([
    [{ status: 'valid', number: '48213' }, 'nº 48213 — verificado: existe e pertence ao remetente'],
    [{ status: 'invalid', number: '48213', why: 'not_found' }, 'nº 48213 — inválido (não encontrado)'],
    [{ status: 'invalid', number: '52310', why: 'not_owner' }, 'nº 52310 — inválido (pertence a outro solicitante)'],
    [
      { status: 'unverified', number: '48213', why: 'timeout' },
      'nº 48213 — não verificado (o diretório de chamados não respondeu): confirme manualmente',
    ],
    [{ status: 'none' }, 'nenhum'],
  ] as const)('the prior ticket %j reads in pt-BR', (ticket, expected) => {
    const c = workCase({ decision: { ...workCase().decision, ticket } });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    expect(page).toContain(`Chamado anterior: ${expected}</p>`);
    expect(page).not.toMatch(/\((valid|invalid|unverified|not_found|not_owner)\)/);
  });

  it('says what became of the automatic reply, its reason id escaped beside the words', () => {
    const sent = workCase({ reply: { status: 'sent', messageId: 'a@x', at: '2026-03-30T12:00:00.000Z' } });
    expect(casePage(frame, { c: sent, survey: null, actions: new Set() }, now)).toContain(
      '<p>Resposta automática: enviada em 30/03/2026, 09:00 (confirmação com o protocolo e o prazo)</p>',
    );
    const held = workCase({
      outcome: 'NO_PRIOR_TICKET',
      reply: { status: 'suppressed', reason: EVIL, at: '2026-03-30T12:00:00.000Z' },
    });
    const page = casePage(frame, { c: held, survey: null, actions: new Set() }, now);
    expect(page).toContain('Resposta automática: não enviada (30/03/2026, 09:00): mensagem automática');
    expect(page).not.toContain(EVIL);
  });

  it.each([
    [
      'her earlier submission, answered with guidance',
      { answersSubmissionId: 'email:ses-0001' },
      '<dt>Mensagem anterior</dt><dd>O lojista respondeu à orientação que recebeu: <a href="/equipe/caso/email%3Ases-0001">ver o que ele escreveu antes</a></dd>',
    ],
    [
      'her earlier submission, its id escaped in the link',
      { answersSubmissionId: 'email:ses-"0099' },
      '<a href="/equipe/caso/email%3Ases-%220099">ver o que ele escreveu antes</a>',
    ],
  ] as const)('the case page shows %s', (_label, fields, expected) => {
    const page = casePage(frame, { c: workCase(fields), survey: null, actions: new Set() }, now);
    expect(page).toContain(expected);
    const plain = casePage(frame, { c: workCase(), survey: null, actions: new Set() }, now);
    expect(plain).not.toContain('Mensagem anterior');
  });

  it('an office answer is shown under the subject the merchant read, not the staff mail’s “RE: [OUV-…]”', () => {
    const base = workCase();
    const c = workCase({
      messages: [
        ...base.messages,
        {
          ...base.messages[0]!,
          sourceId: 'ses-staff-1',
          direction: 'out',
          subject: `RE: [${base.protocol}] Nova mensagem do lojista`,
          text: 'Olá, Maria. O estorno foi feito.',
        },
      ],
      history: [
        {
          type: 'answered',
          messageSourceId: 'ses-staff-1',
          at: '2026-03-12T14:00:00Z',
          actor: { kind: 'staff', id: 'ana', role: 'analyst' },
        },
      ],
    });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    expect(page).toContain(`<p>Re: ${base.subject} [${base.protocol}]</p><pre>Olá, Maria. O estorno foi feito.</pre>`);
    expect(page).not.toContain('RE: [');
  });

  it('the header names the signed-in person from the roster, with the role in pt-BR', () => {
    const page = casePage({ ...frame, userName: 'Ana Lima' }, { c: workCase(), survey: null, actions: new Set() }, now);
    expect(page).toContain('<span>Ana Lima (analista)</span>');
    expect(page).not.toContain('<span>ana (analista)</span>');
  });

  it('the list and the error page escape too; formatInstant is pt-BR in the office time zone', () => {
    const list = casesPage(frame, { status: 'ASSIGNED', q: EVIL }, { items: [{ ...c, senderEmail: EVIL }] }, now);
    expect(list).not.toContain('<img');
    expect(list).toContain('<caption>');
    expect(errorPage(frame, 'Sem acesso', EVIL)).not.toContain('<img');
    expect(formatInstant('2026-03-24T13:00:00.000Z', 'America/Sao_Paulo')).toBe('24/03/2026, 10:00');
    expect(formatInstant(undefined, 'America/Sao_Paulo')).toBe('—');
  });
});

describe('console case page — the cases a record points at', () => {
  // The merchant wrote from another address of hers citing her case: the team sees which case, with a link.
  it.each([
    [
      'a mail that cited another case without joining it',
      { referencedCaseId: 'email:ses-0001', referencedProtocol: 'OUV-2026-000001' },
      '<dt>Caso citado</dt><dd><a href="/equipe/caso/email%3Ases-0001">OUV-2026-000001</a> — a mensagem cita este caso, mas não foi juntada a ele',
    ],
    [
      'a record kept from before the protocol was stored with the link',
      { referencedCaseId: 'email:ses-0001' },
      '<a href="/equipe/caso/email%3Ases-0001">abrir o caso citado</a>',
    ],
    [
      'a new case linked to one closed long ago',
      { linkedProtocol: 'OUV-2026-000001' },
      '<dt>Caso anterior relacionado</dt><dd><a href="/equipe/casos?status=todos&amp;busca=OUV-2026-000001">OUV-2026-000001</a></dd>',
    ],
  ])('%s', (_what, fields, shown) => {
    const page = casePage(
      frame,
      { c: workCase({ status: 'REDIRECTED' as never, ...fields }), survey: null, actions: new Set() },
      now,
    );
    expect(page).toContain(shown);
  });

  const citing = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      caseId: `email:ses-010${i + 1}`,
      ...(i === 0 ? {} : { protocol: `OUV-2026-00010${i + 1}` }),
      senderEmail: `contato${i + 1}@outraloja.com.br`,
      subject: i === 0 ? '' : `Sobre o caso OUV-2026-000001 (${i + 1})`,
      createdAt: '2026-03-12T13:30:00.000Z',
    }));
  it.each([
    { n: 0, shown: [], absent: ['Citado por'] },
    {
      n: 1,
      shown: [
        '<dt>Citado por</dt><dd>1 mensagem cita este caso sem ter sido juntada a ele',
        '<a href="/equipe/caso/email%3Ases-0101">mensagem de 12/03/2026, 10:30</a> — contato1@outraloja.com.br: (sem assunto)',
      ],
      absent: ['mensagens citam'],
    },
    {
      n: 3,
      shown: [
        '3 mensagens citam este caso sem terem sido juntadas a ele',
        '<a href="/equipe/caso/email%3Ases-0103">OUV-2026-000103</a> — contato3@outraloja.com.br: Sobre o caso OUV-2026-000001 (3)',
      ],
      absent: ['1 mensagem cita'],
    },
  ])('a case cited by $n record(s) lists them', ({ n, shown, absent }) => {
    const page = casePage(frame, { c: workCase(), survey: null, actions: new Set(), citedBy: citing(n) }, now);
    for (const s of shown) expect(page).toContain(s);
    for (const s of absent) expect(page).not.toContain(s);
  });

  it('a record that points at nothing shows neither', () => {
    const page = casePage(frame, { c: workCase(), survey: null, actions: new Set() }, now);
    expect(page).not.toMatch(/Caso citado|Caso anterior relacionado/);
  });
});

describe('console case page — the decision trail', () => {
  it.each([
    ['ticket.valid', 'Chamado anterior encontrado e aberto pelo próprio remetente <code>ticket.valid</code>'],
    [
      'topic.billing.complaint',
      'Reclamação de cobrança (indevida, em duplicidade, valor errado, estorno) <code>topic.billing.complaint</code>',
    ],
    ['regra.que.nao.existe', '<li>regra.que.nao.existe <code>regra.que.nao.existe</code></li>'],
  ])('names rule %s by its description, the id beside it', (ruleId, shown) => {
    const c = workCase();
    const page = casePage(
      frame,
      { c: { ...c, decision: { ...c.decision, ruleIds: [ruleId] } }, survey: null, actions: new Set() },
      now,
    );
    expect(page).toContain(shown);
  });
});

describe('console pages — counts agree in number', () => {
  const extended = (businessDays: number) => ({
    type: 'extended' as const,
    businessDays,
    reason: 'aguardando a área financeira',
    previousDueAt: '2026-03-20T21:00:00Z',
    dueAt: '2026-03-24T21:00:00Z',
    at: '2026-03-18T14:00:00Z',
    actor: { kind: 'staff' as const, id: 'ana', role: 'analyst' as const },
  });

  it.each([
    { days: 1, says: 'prazo prorrogado em 1 dia útil: aguardando a área financeira' },
    { days: 3, says: 'prazo prorrogado em 3 dias úteis: aguardando a área financeira' },
  ])('the history says "$says"', ({ days, says }) => {
    const page = casePage(frame, { c: workCase({ history: [extended(days)] }), survey: null, actions: new Set() }, now);
    expect(page).toContain(says);
  });

  it.each([
    { awaiting: undefined, says: 'aguardando o lojista</li>' },
    { awaiting: 'retorno do lojista', says: 'aguardando o lojista: retorno do lojista</li>' },
    { awaiting: '<b>prints</b>', says: 'aguardando o lojista: &lt;b&gt;prints&lt;/b&gt;</li>' },
  ])('the history says what the case waits for: $says', ({ awaiting, says }) => {
    const waiting = {
      type: 'waiting-merchant' as const,
      ...(awaiting ? { awaiting } : {}),
      at: '2026-03-18T14:00:00Z',
      actor: { kind: 'staff' as const, id: 'ana', role: 'analyst' as const },
    };
    const page = casePage(frame, { c: workCase({ history: [waiting] }), survey: null, actions: new Set() }, now);
    expect(page).toContain(says);
  });

  // A closing with no summary (a mail's bare "#encerrar resolvido") leaves no dangling dash or colon.
  it.each([
    {
      summary: 'Estorno aprovado',
      closure: 'Resolvido — Estorno aprovado (',
      history: 'encerrado (Resolvido): Estorno aprovado</li>',
    },
    { summary: '', closure: 'Resolvido (', history: 'encerrado (Resolvido)</li>' },
  ])('a closing summarised "$summary" reads "$closure…" and "$history"', ({ summary, closure, history }) => {
    const at = '2026-03-20T14:00:00Z';
    const closed = {
      type: 'closed' as const,
      category: 'resolvido' as const,
      summary,
      at,
      actor: { kind: 'staff' as const, id: 'bruno', role: 'analyst' as const },
    };
    const c = workCase({
      status: 'CLOSED',
      closure: { category: 'resolvido', summary, at, by: 'bruno' },
      history: [closed],
    });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    expect(page).toContain(`<dt>Encerramento</dt><dd>${closure}`);
    expect(page).toContain(history);
  });

  it('the wait form asks what is awaited, optional and labelled, for the history only', () => {
    const page = casePage(frame, { c: workCase(), survey: null, actions: new Set(['wait' as const]) }, now);
    expect(page).toContain('<label for="w-aguardando">O que se aguarda (opcional; fica só no histórico)</label>');
    expect(page).toMatch(/<input id="w-aguardando" name="aguardando" maxlength="160">/);
  });

  // What the merchant receives says so, in every form that sends it (an internal summary written
  // there would reach her).
  it.each([
    ['extend' as const, '<label for="e-motivo">Motivo (enviado ao lojista)</label>'],
    ['close' as const, '<label for="c-resumo">Resumo (enviado ao lojista)</label>'],
  ])('the %s form labels what goes to the merchant', (action, label) => {
    const page = casePage(frame, { c: workCase(), survey: null, actions: new Set([action]) }, now);
    expect(page).toContain(label);
  });

  it.each([
    { max: 1, label: 'Dias úteis (1 dia útil)' },
    { max: 30, label: 'Dias úteis (1 a 30 dias úteis)' },
  ])('the extension form of a limit of $max names its range and stops at it', ({ max, label }) => {
    const page = casePage(
      frame,
      { c: workCase(), survey: null, actions: new Set(['extend' as const]), maxExtensionBusinessDays: max },
      now,
    );
    expect(page).toContain(`<label for="e-dias">${label}</label>`);
    expect(page).toContain(`min="1" max="${max}"`);
  });

  it.each([
    { n: 1, caption: '<caption>1 caso nesta página</caption>' },
    { n: 2, caption: '<caption>2 casos nesta página</caption>' },
  ])('the list caption says "$caption"', ({ n, caption }) => {
    const items = Array.from({ length: n }, (_, i) => workCase({ caseId: `email:ses-000${i}` }));
    const page = casesPage(frame, { status: 'ASSIGNED' }, { items }, now);
    expect(page).toContain(caption);
    // On a phone the table scrolls in its own named region, which the keyboard reaches.
    expect(page).toContain('<div class="tabela" role="region" aria-label="Casos" tabindex="0"><table>');
  });

  // Held mail is the supervisors' to review (canViewCase): an analyst's status filter never offers it.
  it.each([
    ['analyst' as const, false],
    ['supervisor' as const, true],
  ])('%s: the status filter offers "Em quarentena": %s', (role, offered) => {
    const page = casesPage({ ...frame, user: { ...frame.user, role } }, { status: 'ASSIGNED' }, { items: [] }, now);
    const statusFilter = page.slice(
      page.indexOf('id="f-status"'),
      page.indexOf('</select>', page.indexOf('id="f-status"')),
    );
    expect(statusFilter).toContain('<option value="CLOSED">');
    expect(statusFilter.includes('<option value="QUARANTINED">')).toBe(offered);
  });

  it.each([
    ['signed out: the way back is the sign-in', '/equipe/entrar', 'Entrar', false],
    ['signed in: back to the list', undefined, 'Voltar à lista de casos', true],
  ])('an error page %s', (_, signIn, link, toList) => {
    const page = errorPage(
      { basePath: '', timeZone: 'America/Sao_Paulo' },
      'Sessão encerrada',
      'Sua sessão foi encerrada. Entre de novo.',
      signIn,
    );
    expect(page).toContain(link);
    expect(page.includes('Voltar à lista de casos')).toBe(toList);
  });

  // A supervisor's month end (journey 48): Ana is away until 31/12 and her cases wait on her; the
  // list said only "Ana Souza", so whose cases to transfer had to be read off the roster page.
  it.each([
    ['on leave', new Map([['ana', '2026-12-31']]), true],
    ['at work', undefined, false],
  ])('an analyst %s: the list and the analyst filter say it', (_label, away, shown) => {
    const items = [workCase({ caseId: 'email:ses-0001', assignee: 'ana' })];
    const page = casesPage(
      { ...frame, user: { ...frame.user, role: 'supervisor' as const } },
      { status: 'ASSIGNED' },
      { items },
      now,
      {
        staffNames: new Map([['ana', 'Ana Souza']]),
        team: [{ id: 'ana', name: 'Ana Souza' }],
        ...(away ? { away } : {}),
      },
    );
    expect(page.includes('<td>Ana Souza<br><small>em afastamento até 31/12/2026</small></td>')).toBe(shown);
    expect(page.includes('<option value="ana">Ana Souza (em afastamento até 31/12/2026)</option>')).toBe(shown);
    expect(page.includes('<option value="ana">Ana Souza</option>')).toBe(!shown);
  });

  // Journey 48: a held mail released onto her open case on the same ticket; its own page says where it went.
  it.each([
    ['a case of its own', undefined, 'quarentena: liberado para a triagem (novo resultado: Aceito (caso aberto))'],
    [
      'her open case',
      { caseId: 'email:ses-open', protocol: 'OUV-2026-000001' },
      'quarentena: liberado e juntado ao caso OUV-2026-000001, aberto do mesmo remetente sobre o mesmo chamado',
    ],
    // Mend 51: joined by its thread (her reply without the ticket), not "sobre o mesmo chamado".
    [
      'her case whose conversation it continues',
      { caseId: 'email:ses-open', protocol: 'OUV-2026-000001', via: 'thread' as const },
      'quarentena: liberado e juntado ao caso OUV-2026-000001, do mesmo remetente, cuja conversa a mensagem continua',
    ],
  ])('a release into %s: its history line says so', (_label, joined, line) => {
    const released = {
      type: 'quarantine-released' as const,
      outcome: 'ACCEPTED' as const,
      ruleIds: ['ticket.valid'],
      at: '2026-03-12T13:20:00Z',
      actor: { kind: 'staff' as const, id: 'sofia', role: 'supervisor' as const },
      ...(joined ? { joined } : {}),
    };
    const page = casePage(frame, { c: workCase({ history: [released] }), survey: null, actions: new Set() }, now);
    expect(page).toContain(line);
  });

  it('a release the triage refused: its history line says who asked and why, escaped', () => {
    const refused = {
      type: 'quarantine-release-refused' as const,
      reason: 'still-quarantined' as const,
      requestedBy: 'sofia',
      at: '2026-03-12T13:20:05Z',
      actor: { kind: 'system' as const },
    };
    const page = casePage(frame, { c: workCase({ history: [refused] }), survey: null, actions: new Set() }, now);
    expect(page).toContain('sistema: quarentena: liberação pedida por sofia recusada pela triagem: lida de novo, ');
    expect(page).toContain('a triagem reteve a mensagem outra vez');
  });

  // Mend 51: the mails told the analyst a message came out of quarantine and who vouched for it;
  // the case page did not. Both kinds: her mail released into this case, and the case a release opened.
  const first = workCase().messages[0]!;
  const releasedReply = {
    ...first,
    sourceId: 'ses-held',
    receivedAt: '2026-03-11T12:00:00.000Z',
    text: 'Segue o print da tela de sincronização.',
    released: { by: 'sofia', at: '2026-03-11T13:20:00.000Z' },
  };
  const AT = '2026-03-11T13:20:00.000Z';
  it.each([
    [
      'her reply released into her open case',
      workCase({ messages: [first, releasedReply] }),
      'Liberado da quarentena por Sofia Ramos em 11/03/2026 às 10:20',
    ],
    [
      'the first message of a case the release opened',
      workCase({ reviewOutcome: 'released', reviewedBy: 'sofia', reviewedAt: AT }),
      'Liberado da quarentena por Sofia Ramos em 11/03/2026 às 10:20',
    ],
    // A supervisor gone from the roster: her id, as the mails say.
    [
      'released by someone gone from the roster',
      workCase({ messages: [first, { ...releasedReply, released: { by: 'ex-sup', at: AT } }] }),
      'Liberado da quarentena por ex-sup em 11/03/2026 às 10:20',
    ],
    [
      'a case with no released message',
      workCase({ messages: [first, { ...releasedReply, released: undefined }] }),
      null,
    ],
  ])('%s: the message says it was released, by whom and when', (_label, c, line) => {
    const staffNames = new Map([['sofia', 'Sofia Ramos']]);
    const page = casePage(frame, { c, survey: null, actions: new Set(), staffNames }, now);
    const marked = page
      .split('<article>')
      .slice(1)
      .filter((article) => article.includes('Liberado da quarentena'));
    // On the released message only, once.
    expect(marked).toHaveLength(line ? 1 : 0);
    if (line) expect(marked[0]).toContain(line);
  });

  it('an empty list says so in a sentence, with no empty table', () => {
    const page = casesPage(frame, { status: 'ASSIGNED' }, { items: [] }, now);
    expect(page).toContain('<p>Nenhum caso encontrado.</p>');
    expect(page).not.toContain('<table');
  });

  // Refused on a phone: the alert is at the top, the form screens below; the reason must reach the form.
  const ALL_ACTIONS = new Set(['answer', 'note', 'extend', 'transfer', 'close'] as const);
  it.each([
    ['extend', { dias: '3', motivo: ' ' }, 'Informe o motivo da prorrogação.'],
    ['close', { categoria: 'procedente', resumo: '' }, 'Escreva um resumo do encerramento.'],
    ['answer', { texto: ' ' }, 'Escreva a resposta antes de enviar.'],
  ] as const)(
    'a refused %s form says why inside itself, tied to its fields, linked from the alert',
    (action, fields, problem) => {
      const page = casePage(
        frame,
        { c: workCase(), survey: null, actions: ALL_ACTIONS, problem, draft: { action, fields } },
        now,
      );
      expect(page).toContain('<title>Erro: OUV-2026-000123 · Ouvidoria · Equipe</title>');
      expect(page).toContain(
        `<p class="problem" role="alert">${problem} <a href="#acao-${action}">Ir para o formulário</a></p>`,
      );
      const form = new RegExp(
        `<form [^>]*id="acao-${action}"><fieldset aria-describedby="problema-acao"><legend>[^<]+</legend><p class="problem" id="problema-acao">${problem}</p>`,
      );
      expect(page).toMatch(form);
      expect(page.match(/aria-describedby="problema-acao"/g)).toHaveLength(1);
    },
  );

  it('a refusal the machine gave after the redirect (no draft): the alert and the title, no form to point at', () => {
    const problem = 'A ação foi recusada: O caso já está encerrado. Nada foi enviado ao lojista e o caso não mudou.';
    const page = casePage(frame, { c: workCase(), survey: null, actions: ALL_ACTIONS, problem }, now);
    expect(page).toContain('<title>Erro: OUV-2026-000123 · Ouvidoria · Equipe</title>');
    expect(page).toContain(`<p class="problem" role="alert">${problem}</p>`);
    expect(page).not.toContain('problema-acao');
  });
});

// A year-long case: the merchant and the analysts wrote hundreds of long messages. The page listed
// them all (300 of 20,000 characters: 6 MB, past what a Lambda function may answer: the analyst got
// an error); it lists 50 at a time, the newest first, with links to the older and newer ones.
describe('the case page of a case with hundreds of messages', () => {
  const base = workCase({ status: 'IN_PROGRESS' });
  const first = base.messages[0]!;
  const messages = Array.from({ length: 300 }, (_, i) => ({
    ...first,
    sourceId: `ses-${i + 1}`,
    direction: i % 2 ? ('out' as const) : ('in' as const),
    receivedAt: new Date(Date.parse('2026-03-01T12:00:00Z') + i * 3_600_000).toISOString(),
    text: `Mensagem número ${i + 1}. ${'Ainda aguardo o estorno da fatura de fevereiro. '.repeat(400)}`,
  }));
  const c = workCase({ status: 'IN_PROGRESS', messages } as never);
  it.each([
    { before: undefined, first: 251, last: 300, says: 'Mensagens 251 a 300 de 300.', older: 250, newer: false },
    { before: 250, first: 201, last: 250, says: 'Mensagens 201 a 250 de 300.', older: 200, newer: true },
    { before: 30, first: 1, last: 30, says: 'Mensagens 1 a 30 de 300.', older: 0, newer: true },
    { before: 9999, first: 251, last: 300, says: 'Mensagens 251 a 300 de 300.', older: 250, newer: false },
  ])('before $before: messages $first to $last, with links', ({ before, first: from, last, says, older, newer }) => {
    const page = casePage(
      frame,
      { c, survey: null, actions: new Set(['answer']), ...(before === undefined ? {} : { messagesBefore: before }) },
      now,
    );
    expect(Buffer.byteLength(page)).toBeLessThan(2 * 1024 * 1024);
    expect(page).toContain(says);
    expect(page).toContain(`Mensagem número ${from}.`);
    expect(page).toContain(`Mensagem número ${last}.`);
    expect(page).not.toContain(`Mensagem número ${from - 1}.`);
    expect(page).not.toContain(`Mensagem número ${last + 1}.`);
    if (older) expect(page).toContain(`?anteriores=${older}">Mensagens anteriores</a>`);
    else expect(page).not.toContain('Mensagens anteriores');
    expect(page.includes('Mensagens mais recentes</a>')).toBe(newer);
  });

  it(`a case of up to ${CASE_PAGE_MESSAGES} messages lists them all, with no links`, () => {
    const page = casePage(
      frame,
      { c: workCase({ messages: messages.slice(0, CASE_PAGE_MESSAGES) } as never), survey: null, actions: new Set() },
      now,
    );
    expect(page).toContain('Mensagem número 1.');
    expect(page).not.toContain('Mensagens anteriores');
    expect(page).not.toContain(' de 50.');
  });
});

// ROUND24: a merchant's message that announces a file and carries none says so under it.
describe('console case page — a file announced and missing', () => {
  it.each([
    ['announced, none arrived', 'Conforme print anexo, o checkout trava no Pix.', [], true],
    [
      'announced and arrived',
      'Conforme print anexo, o checkout trava no Pix.',
      [{ filename: 'erro.png', contentType: 'image/png', size: 10 }],
      false,
    ],
    ['not announced', 'O checkout trava no Pix e o suporte não responde.', [], false],
  ])('%s', (_label, text, attachments, missing) => {
    const c = workCase({ messages: [{ ...workCase().messages[0]!, text, attachments: attachments as never }] });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    expect(page.includes('mas nenhum arquivo chegou com ela')).toBe(missing);
  });
});

// Journey 47: a form post was headed "Recebida do lojista" like a mail — the analyst looked for it
// in the mail thread. Each message says how it came; the office's answers keep their heading.
describe('console case page — how each message came', () => {
  it.each([
    ['a form post', { channel: 'webform' }, 'Recebida do lojista pelo formulário — <time'],
    ['a mail', { channel: 'email' }, 'Recebida do lojista por e-mail — <time'],
    ['an office answer', { channel: 'email', direction: 'out', author: 'ana' }, 'Enviada pela Ouvidoria (ana) — <time'],
  ] as const)('%s', (_label, fields, heading) => {
    const c = workCase({ messages: [{ ...workCase().messages[0]!, ...fields }] });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    expect(page).toContain(`<h3>${heading}`);
  });
});

describe('console case page — a message with no text of its own', () => {
  it.each([
    ['empty (a file only, or an encrypted mail)', '', true],
    ['blank lines only', '\n \n\t', true],
    ['a word', 'Obrigada.', false],
  ])('%s', (_label, text, placeholder) => {
    const c = workCase({ messages: [{ ...workCase().messages[0]!, text }] });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    // The same words as the analyst's assignment mail, not an empty box.
    expect(page.includes('<em>(mensagem sem texto)</em>')).toBe(placeholder);
    expect(/<pre>\s*<\/pre>/.test(page)).toBe(false);
  });
});

describe('console pages — what an action did is in the title (a new page load announces its title, not its status line)', () => {
  const titleOf = (page: string) => /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '';

  it('the case page after an action', () => {
    const page = casePage(
      frame,
      { c: workCase(), survey: null, actions: new Set(), notice: 'Resposta enviada ao lojista.' },
      now,
    );
    expect(titleOf(page)).toMatch(/^Resposta enviada ao lojista\. · /);
    expect(titleOf(casePage(frame, { c: workCase(), survey: null, actions: new Set() }, now))).not.toContain(
      'Resposta',
    );
  });

  it('the list after an action', () => {
    const page = casesPage(frame, { status: 'ASSIGNED' } as never, { items: [] } as never, now, {
      done: 'Mensagem descartada.',
    });
    expect(titleOf(page)).toBe('Mensagem descartada. · Casos · Ouvidoria · Equipe');
  });
});

// Journey 50: a merchant's out-of-office answering our acknowledgement was stored as automatic mail
// (no case, no reply), yet its page said 'Situação: Orientado (resposta automática)'.
describe('console case page — the situation of a record that is not a case', () => {
  const decided = (ruleIds: string[]) => ({ ...workCase().decision, outcome: 'NO_PRIOR_TICKET' as const, ruleIds });
  it.each([
    [['ticket.valid', 'auto.machine-generated'], 'Mensagem automática guardada (sem caso nem resposta)'],
    [['auto.machine-generated.text'], 'Mensagem automática guardada (sem caso nem resposta)'],
    [['ticket.none'], 'Orientado (resposta automática)'],
    // Her own words under a notice's subject: the automatic sign fired, another rule decided.
    [['auto.machine-generated', 'topic.billing.charge'], 'Orientado (resposta automática)'],
  ])('%j: %s', (ruleIds, says) => {
    const c = workCase({ status: 'REDIRECTED' as never, outcome: 'NO_PRIOR_TICKET', decision: decided(ruleIds) });
    const page = casePage(frame, { c, survey: null, actions: new Set() }, now);
    expect(page).toContain(`<dt>Situação</dt><dd>${says}</dd>`);
  });
  // The list says what the page says (journey 50: the list still read 'Orientado' for the out-of-office).
  it.each([
    [
      { status: 'REDIRECTED' as const, automatic: true as const },
      'Mensagem automática guardada (sem caso nem resposta)',
    ],
    [{ status: 'REDIRECTED' as const }, 'Orientado (resposta automática)'],
    [{ status: 'ASSIGNED' as const, automatic: true as const }, 'Atribuído'],
  ])('the list row of %j: %s', (fields, says) => {
    const row = {
      caseId: 'email:auto-1',
      outcome: 'NO_PRIOR_TICKET' as const,
      senderEmail: 'paulo@lojadopaulo.com.br',
      subject: 'Resposta automática: estamos em recesso',
      createdAt: '2026-11-23T13:00:00.000Z',
      ...fields,
    };
    const list = casesPage(frame, { status: 'REDIRECTED' }, { items: [row] }, now);
    expect(list).toContain(`<td>${says}</td>`);
  });
});
