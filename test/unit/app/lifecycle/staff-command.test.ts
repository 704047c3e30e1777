import { describe, expect, it } from 'vitest';
import { resolveDeps } from '../../../../shared/app/lifecycle/commit';
import { applyStaffCommand, type StaffActor } from '../../../../shared/app/lifecycle/staff-command';
import { localConfig } from '../../../../shared/domain/config';
import { parseStaffCommands } from '../../../../shared/domain/lifecycle/commands';
import { staffReplyAddress } from '../../../../shared/domain/lifecycle/reply-address';
import { CASE_ID, lifecycleWorld, MERCHANT, PROTOCOL, SECRET } from '../../../support/lifecycle-fakes';

const ana: StaffActor = { kind: 'staff', id: 'ana', role: 'analyst' };
const bruno: StaffActor = { kind: 'staff', id: 'bruno', role: 'analyst' };
const sofia: StaffActor = { kind: 'staff', id: 'sofia', role: 'supervisor' };
const source = (sourceId: string, origin: 'mail' | 'console' = 'console') => ({
  sourceId,
  origin,
  channel: 'webform' as const,
  receivedAt: '2026-03-12T14:00:00.000Z',
  subject: 'Resposta pelo console',
});

describe('applyStaffCommand — the path the mail and the console share', () => {
  it('an answer is relayed to the merchant and kept as an outgoing message', async () => {
    const w = lifecycleWorld();
    const result = await applyStaffCommand(
      CASE_ID,
      ana,
      { ok: true, commands: [], body: 'Olá, Maria. O estorno foi pedido.' },
      'Olá, Maria. O estorno foi pedido.',
      resolveDeps(w.deps),
      source('console-1'),
    );
    expect(result).toEqual({ kind: 'applied', caseId: CASE_ID, events: ['answered'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([[MERCHANT]]);
    const stored = await w.cases.get(CASE_ID);
    expect(stored?.messages?.at(-1)).toMatchObject({ direction: 'out', author: 'ana', channel: 'webform' });
  });

  it.each([
    ['an answer', (a: string) => ({ ok: true as const, commands: [], body: `Olá, Maria. Pode escrever para ${a}.` })],
    [
      'a closing summary',
      (a: string) => ({
        ok: true as const,
        commands: [{ kind: 'close' as const, category: 'resolvido' as const, summary: `ver ${a}`, line: '#encerrar' }],
        body: '',
      }),
    ],
    [
      'an extension reason',
      (a: string) => ({
        ok: true as const,
        commands: [{ kind: 'extend' as const, businessDays: 3, reason: `retorno por ${a}`, line: '#prorrogar' }],
        body: '',
      }),
    ],
  ])(
    'a staff reply address pasted into %s in the console reaches the merchant as the ombudsman address',
    async (_, typed) => {
      const w = lifecycleWorld();
      const address = staffReplyAddress(PROTOCOL, 'ana', SECRET, localConfig);
      const parsed = typed(address);
      await applyStaffCommand(CASE_ID, ana, parsed, parsed.body, resolveDeps(w.deps), source('console-9'));
      const toMerchant = w.mailer.sent.filter((m) => m.to.includes(MERCHANT));
      expect(toMerchant).toHaveLength(1);
      expect(JSON.stringify(toMerchant)).not.toMatch(/caso\+/i);
      expect(toMerchant[0]?.text).toContain('ouvidoria@ouvidoria.example.com.br');
      expect(JSON.stringify(await w.cases.get(CASE_ID))).not.toMatch(/caso\+/i);
    },
  );

  // Her signature and her or a colleague's own address never reach the merchant, from the console as
  // by mail: the office answers from its address and signs its own mail.
  const answer = 'Olá, Maria. O estorno da cobrança em duplicidade foi aprovado e cai na fatura de janeiro.';
  const signed = `${answer}\n\nAtenciosamente,\nAna Lima\nana@empresa.com.br`;
  it.each([
    ['an answer', { ok: true as const, commands: [], body: signed }],
    [
      'an answer that waits for her',
      { ok: true as const, commands: [{ kind: 'wait' as const, line: '#aguardar' }], body: signed },
    ],
    [
      'a closing text and its summary',
      {
        ok: true as const,
        commands: [
          {
            kind: 'close' as const,
            category: 'resolvido' as const,
            summary: 'Estorno aprovado; dúvidas com carla@empresa.com.br',
            line: '#encerrar resolvido',
          },
        ],
        body: signed,
      },
    ],
    [
      'an extension reason and its text',
      {
        ok: true as const,
        commands: [
          {
            kind: 'extend' as const,
            businessDays: 3,
            reason: 'retorno do banco a ana@empresa.com.br',
            line: '#prorrogar 3',
          },
        ],
        body: signed,
      },
    ],
  ])('%s from the console goes without her signature or a staff address', async (_, parsed) => {
    const w = lifecycleWorld();
    await applyStaffCommand(CASE_ID, ana, parsed, parsed.body, resolveDeps(w.deps), source('console-sign'));
    const toMerchant = w.mailer.sent.filter((m) => m.to.includes(MERCHANT));
    expect(toMerchant).toHaveLength(1);
    const text = toMerchant[0]?.text ?? '';
    expect(text).toContain(answer);
    expect(text).not.toMatch(/Ana Lima|@empresa\.com\.br/);
    // One sign-off, the office's: hers is cut.
    expect(text.match(/Atenciosamente/g)).toHaveLength(1);
    const stored = JSON.stringify((await w.cases.get(CASE_ID))?.messages ?? []);
    expect(stored).toContain('Olá, Maria.');
    expect(stored).not.toMatch(/Ana Lima|@empresa\.com\.br/);
  });

  it('a note keeps the writer’s text whole: it goes to staff only', async () => {
    const w = lifecycleWorld();
    const body = 'Falei com a carla@empresa.com.br sobre o estorno.\n\nAna Lima';
    const parsed = { ok: true as const, commands: [{ kind: 'note' as const, text: '', line: '#nota' }], body };
    await applyStaffCommand(CASE_ID, ana, parsed, body, resolveDeps(w.deps), source('console-note'));
    expect(w.mailer.sent).toEqual([]);
    expect((await w.cases.get(CASE_ID))?.history?.at(-1)).toMatchObject({ type: 'note', text: body });
  });

  it('the same source twice changes the case once', async () => {
    const w = lifecycleWorld();
    const deps = resolveDeps(w.deps);
    const cmd = {
      ok: true as const,
      commands: [{ kind: 'wait' as const, line: '#aguardar' }],
      body: 'Pode enviar o print?',
    };
    await applyStaffCommand(CASE_ID, ana, cmd, cmd.body, deps, source('console-2'));
    const again = await applyStaffCommand(CASE_ID, ana, cmd, cmd.body, deps, source('console-2'));
    expect(again).toEqual({ kind: 'duplicate', caseId: CASE_ID });
    expect(w.mailer.sent).toHaveLength(1);
  });

  // A double click on the console (or one mail delivered twice at once): the second request finds
  // the first one's commit with its effects still pending and must not carry them out too.
  it.each([
    [
      'encerrar',
      {
        kind: 'close' as const,
        category: 'resolvido' as const,
        summary: 'Repasse liberado.',
        line: '#encerrar resolvido',
      },
      1,
    ],
    ['transferir', { kind: 'transfer' as const, to: 'carla', line: '#transferir carla' }, 1],
    [
      'prorrogar',
      { kind: 'extend' as const, businessDays: 5, reason: 'Aguardando o financeiro.', line: '#prorrogar 5' },
      1,
    ],
  ])('the same %s submitted twice at once sends its mail once', async (_name, command, mails) => {
    const w = lifecycleWorld();
    const deps = resolveDeps(w.deps);
    const cmd = { ok: true as const, commands: [command], body: '' };
    const results = await Promise.all(
      [0, 1, 2].map(() => applyStaffCommand(CASE_ID, ana, cmd, '', deps, source('console-double'))),
    );
    expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(2);
    expect(w.mailer.sent).toHaveLength(mails);
    expect(w.cases.must().pendingEffects ?? {}).toEqual({});
  });

  it('another analyst is refused and the refusal is on the history', async () => {
    const w = lifecycleWorld();
    const result = await applyStaffCommand(
      CASE_ID,
      bruno,
      { ok: true, commands: [{ kind: 'note', text: 'nota', line: '#nota nota' }], body: '' },
      '',
      resolveDeps(w.deps),
      source('console-3'),
    );
    expect(result.kind).toBe('refused');
    expect((await w.cases.get(CASE_ID))?.history?.at(-1)?.type).toBe('refused');
  });

  it.each([
    ['console', 0],
    ['mail', 1],
  ] as const)(
    'a refusal from the %s: pt-BR reasons in the result and the history, %i explanation mail(s)',
    async (origin, mails) => {
      const w = lifecycleWorld();
      const transfer = {
        ok: true as const,
        commands: [{ kind: 'transfer' as const, to: 'zeca', line: '#transferir zeca' }],
        body: '',
      };
      const result = await applyStaffCommand(
        CASE_ID,
        sofia,
        transfer,
        '',
        resolveDeps(w.deps),
        source('src-6', origin),
      );
      const reason =
        'Não há ninguém na equipe com o identificador ou o nome “zeca”. Pessoas da equipe: ana (Ana Lima), bruno (Bruno Costa), carla (Carla Souza), davi (Davi Rocha), sofia (Sofia Martins).';
      expect(result).toEqual({
        kind: 'refused',
        caseId: CASE_ID,
        codes: ['unknown-analyst'],
        problems: [{ code: 'unknown-analyst', message: reason, line: '#transferir zeca' }],
      });
      expect((await w.cases.get(CASE_ID))?.history?.at(-1)).toMatchObject({
        type: 'refused',
        code: 'unknown-analyst',
        commands: ['#transferir zeca'],
        reasons: [reason],
      });
      expect(w.mailer.sent).toHaveLength(mails);
      if (mails) expect(w.mailer.sent[0]?.to).toEqual(['sofia@empresa.com.br']);
    },
  );

  it.each([
    ['davi', '“davi” está em afastamento até 31/03/2026: escolha outra pessoa.'],
    ['edu', '“edu” está inativo(a) na equipe e não recebe casos: escolha outra pessoa.'],
  ])(
    'a transfer to %s is refused with the roster’s reason (leave and its last day, or inactive)',
    async (to, reason) => {
      const w = lifecycleWorld();
      const transfer = {
        ok: true as const,
        commands: [{ kind: 'transfer' as const, to, line: `#transferir ${to}` }],
        body: '',
      };
      const result = await applyStaffCommand(CASE_ID, sofia, transfer, '', resolveDeps(w.deps), source('src-7'));
      expect(result).toMatchObject({ kind: 'refused', problems: [{ code: 'inactive-analyst', message: reason }] });
    },
  );

  // Analysts name a colleague the way they know her, not by roster id (Carla Souza is `carla`).
  it.each([
    ['#transferir Carla Souza', 'carla'],
    ['#transferir para a Carla', 'carla'],
    ['#transferir souza', 'carla'],
    ['#transferir Bruno.', 'bruno'],
    ['#transferir @Bruno', 'bruno'],
    ['#transferir bruno@empresa.com.br', 'bruno'],
  ])('“%s” moves the case to %s', async (line, to) => {
    const w = lifecycleWorld();
    const written = parseStaffCommands(`${line}\nCaso de estoque, é com você.`, { maxExtensionBusinessDays: 30 });
    if (!written.ok) throw new Error(`not parsed: ${line}`);
    const result = await applyStaffCommand(
      CASE_ID,
      sofia,
      written,
      written.body,
      resolveDeps(w.deps),
      source('by-name'),
    );
    expect(result).toMatchObject({ kind: 'applied', events: expect.arrayContaining(['transferred']) });
    expect((await w.cases.get(CASE_ID))?.assignee).toBe(to);
  });

  it('a name two people answer to is refused with both and their ids; the case stays', async () => {
    const w = lifecycleWorld();
    w.staff.members.push({
      id: 'ricardo',
      name: 'Ricardo Souza',
      email: 'ricardo@empresa.com.br',
      role: 'analyst',
      active: true,
    });
    const written = parseStaffCommands('#transferir Souza', { maxExtensionBusinessDays: 30 });
    if (!written.ok) throw new Error('not parsed');
    const result = await applyStaffCommand(CASE_ID, sofia, written, '', resolveDeps(w.deps), source('ambiguous'));
    expect(result).toMatchObject({
      kind: 'refused',
      problems: [
        {
          code: 'ambiguous-analyst',
          message:
            'Há mais de uma pessoa na equipe com o nome “souza”: carla (Carla Souza), ricardo (Ricardo Souza). Use o identificador, por exemplo: #transferir carla.',
          line: '#transferir Souza',
        },
      ],
    });
    expect((await w.cases.get(CASE_ID))?.assignee).toBe('ana');
  });

  it('a supervisor closes the case; an unknown case is not-found', async () => {
    const w = lifecycleWorld();
    const deps = resolveDeps(w.deps);
    const close = {
      ok: true as const,
      commands: [
        { kind: 'close' as const, category: 'procedente' as const, summary: 'estorno feito', line: '#encerrar' },
      ],
      body: '',
    };
    expect(await applyStaffCommand(CASE_ID, sofia, close, '', deps, source('console-4'))).toEqual({
      kind: 'applied',
      caseId: CASE_ID,
      events: ['closed'],
    });
    expect((await w.cases.get(CASE_ID))?.status).toBe('CLOSED');
    // Ana, whose case it was, is told who closed it and how; no reply address (nothing to do by mail).
    const toAna = w.mailer.sent.filter((m) => m.to.includes('ana@empresa.com.br'));
    expect(toAna.map((m) => m.subject)).toEqual([expect.stringContaining('Caso encerrado por outra pessoa')]);
    expect(toAna[0]?.text.replace(/\s+/g, ' ')).toContain('foi encerrado por Sofia Martins em');
    expect(toAna[0]?.text).toContain('Procedente — estorno feito');
    expect(toAna[0]?.replyTo ?? []).toEqual([]);
    expect(await applyStaffCommand('nope', sofia, close, '', deps, source('console-5'))).toEqual({
      kind: 'not-found',
      caseId: 'nope',
    });
  });
});
