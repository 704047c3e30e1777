import { describe, expect, it } from 'vitest';
import { changeRoster, rosterNotice, rosterPage } from '../../../shared/console/roster';
import { anAnalyst } from '../../support/builders';
import { InMemoryStaffRepository } from '../../support/fakes';
import { growth } from '../../support/growth';
import { MAX_ADDRESS_CHARS } from '../../../shared/domain/mailbox';
import { localConfig } from '../../../shared/domain/config';

const NOW = new Date('2026-03-12T14:00:00.000Z');
const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const frame = {
  basePath: '',
  timeZone: 'America/Sao_Paulo',
  user: { staffId: 'sofia', role: 'supervisor' as const, subject: 's' },
  csrf: 't',
};

describe('roster page', () => {
  it('lists people with their leave and open cases, escaped, with the CSRF token in every form', () => {
    const page = rosterPage(
      frame,
      [anAnalyst({ id: 'ana', name: '<b>Ana</b>', openCases: 3, leave: { from: '2026-03-01', to: '2026-03-31' } })],
      '2026-03-12',
    );
    expect(page).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    // Dates and people as the team reads them: dd/mm/aaaa, the person's name.
    expect(page).toContain('01/03/2026 a 31/03/2026 (em afastamento)');
    expect(page).toContain('Registrar afastamento de &lt;b&gt;Ana&lt;/b&gt;</button>');
    expect(page).not.toContain('2026-03-01');
    // Sign-out, leave, end of leave, deactivate, end sessions, add.
    expect(page.match(/name="csrf" value="t"/g)?.length).toBe(6);
  });

  // Journey 47: after registering a leave the title stayed "Equipe · …": the page after a post is a
  // new load, announced by its title, so what the action did (or that it failed) goes first there.
  it.each([
    ['nothing done', undefined, 'Equipe · Ouvidoria · Equipe'],
    [
      'a leave registered',
      { ok: true, text: 'Afastamento de Ana Souza registrado (24/12/2026 a 08/01/2027).' },
      'Afastamento de Ana Souza registrado (24/12/2026 a 08/01/2027). · Equipe · Ouvidoria · Equipe',
    ],
    ['refused', { ok: false, text: 'A data final vem antes da inicial.' }, 'Erro: Equipe · Ouvidoria · Equipe'],
  ])('the title after %s', (_label, message, title) => {
    const page = rosterPage(frame, [anAnalyst({ id: 'ana', name: 'Ana Souza' })], '2026-03-12', message);
    expect(/<title>([^<]*)<\/title>/.exec(page)?.[1]).toBe(title);
  });
});

describe('roster page — the open cases of someone who stops taking cases', () => {
  // Journey 48: "transfira-os … (lista de casos, filtro Analista)" left the supervisor to find the
  // list and set its filter by hand; the notice links to that person's open cases.
  it.each([
    ['leave', 2, true],
    ['deactivate', 1, true],
    ['leave', 0, false],
    ['return', 2, false],
  ])('after %s with %i open case(s), a link to them: %s', (op, openCases, linked) => {
    const ana = anAnalyst({ id: 'ana', name: 'Ana Souza', openCases, leave: { from: '2026-03-10', to: '2026-03-20' } });
    const notice = rosterNotice(op, ana);
    expect(notice).toBeDefined();
    const page = rosterPage(frame, [ana], '2026-03-12', { ok: true, ...(notice ?? { text: '' }) });
    const link = '<a href="/equipe/casos?status=abertos&amp;analista=ana">Ver os casos em aberto de Ana Souza</a>';
    expect(page.includes(link)).toBe(linked);
  });
});

// Journeys 62: the only supervisor's leave was registered as any other — 'Afastamento de Sofia Ramos
// registrado' — and at the due date the overdue alert went to her mailbox, nobody present to read it.
describe('roster notice — a supervisor’s leave with no other supervisor present', () => {
  const team = (...others: ReturnType<typeof anAnalyst>[]) => ({
    roster: [
      anAnalyst({ id: 'sofia', name: 'Sofia Ramos', email: 'sofia.ramos@ouvidoria.example.com.br' }),
      anAnalyst({ id: 'ana', name: 'Ana Souza', email: 'ana.souza@ouvidoria.example.com.br' }),
      ...others,
    ],
    binding: { supervisorIds: ['sofia', 'paula'] },
  });
  const sofia = anAnalyst({
    id: 'sofia',
    name: 'Sofia Ramos',
    email: 'sofia.ramos@ouvidoria.example.com.br',
    leave: { from: '2026-12-14', to: '2026-12-16' },
  });
  const GAP = 'De 14/12/2026 a 16/12/2026, ninguém da supervisão estará presente';
  it.each([
    ['the only supervisor', sofia, team(), true],
    [
      'another supervisor present',
      sofia,
      team(anAnalyst({ id: 'paula', name: 'Paula Lima', email: 'paula.lima@ouvidoria.example.com.br' })),
      false,
    ],
    ['an analyst (no supervisor role)', anAnalyst({ id: 'ana', name: 'Ana Souza', leave: sofia.leave }), team(), false],
  ])('%s: said %s', (_label, member, context, said) => {
    const notice = rosterNotice('leave', member, context);
    expect(notice?.text.startsWith(`Afastamento de ${member.name} registrado`)).toBe(true);
    expect(notice?.text.includes(GAP)).toBe(said);
  });
});

describe('roster page — who is active', () => {
  // Bruno and Ana on one page: the situation agrees with either, as the page's notices and the other staff texts do ("ativo(a)", "adicionado(a)").
  it.each([
    [true, '<td>ativo(a)</td>'],
    [false, '<td>inativo(a)</td>'],
  ])('active %s reads %s', (active, cell) => {
    const page = rosterPage(frame, [anAnalyst({ id: 'bruno', name: 'Bruno Oliveira', active })], '2026-03-12');
    expect(page).toContain(cell);
  });
});

describe('roster page — ending a leave', () => {
  it.each([
    ['a leave going on', { from: '2026-03-01', to: '2026-03-31' }, true],
    ['a leave still to come', { from: '2026-04-01', to: '2026-04-10' }, true],
    ['a leave that ended', { from: '2026-02-01', to: '2026-02-28' }, false],
  ])('%s: “Encerrar afastamento” offered only while it goes on or is to come', (_label, leave, offered) => {
    const page = rosterPage(frame, [anAnalyst({ id: 'ana', name: 'Ana Souza', leave })], '2026-03-12');
    expect(page.includes('Encerrar afastamento de Ana Souza')).toBe(offered);
  });

  // On 05/01/2027 the year-end leave "21/12/2026 a 04/01/2027" is over: the column no longer lists it.
  it.each([
    ['over since yesterday', '—', { from: '2026-12-21', to: '2027-01-04' }, '21/12/2026'],
    ['ending today', '21/12/2026 a 05/01/2027 (em afastamento)', { from: '2026-12-21', to: '2027-01-05' }, ''],
    ['starting today', '05/01/2027 a 08/01/2027 (em afastamento)', { from: '2027-01-05', to: '2027-01-08' }, ''],
    ['still to come', '08/02/2027 a 19/02/2027 (programado)', { from: '2027-02-08', to: '2027-02-19' }, ''],
  ])('a leave %s: its cell on 05/01/2027 reads “%s”', (_label, cell, leave, absent) => {
    const page = rosterPage(frame, [anAnalyst({ id: 'ana', name: 'Ana Souza', leave })], '2027-01-05');
    const cells = [...page.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toContain(cell);
    if (absent) expect(page).not.toContain(absent);
  });
});

describe('changeRoster', () => {
  // Whoever stops taking cases keeps those they have: the supervisor is told how many, to move them.
  it.each([
    [
      'leave',
      0,
      { de: '2026-03-10', ate: '2026-03-20' },
      'Afastamento de Ana Souza registrado (10/03/2026 a 20/03/2026).',
    ],
    [
      'leave',
      1,
      { de: '2026-03-10', ate: '2026-03-20' },
      'Afastamento de Ana Souza registrado (10/03/2026 a 20/03/2026). Ana Souza tem 1 caso em aberto: transfira-o a outra pessoa.',
    ],
    ['deactivate', 0, {}, 'Ana Souza está inativo(a).'],
    ['deactivate', 3, {}, 'Ana Souza está inativo(a). Ana Souza tem 3 casos em aberto: transfira-os a outra pessoa.'],
  ])('%s with %i open case(s) says so', async (op, openCases, fields, text) => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana', name: 'Ana Souza', openCases })]);
    expect(await changeRoster(form({ op, pessoa: 'ana', ...fields }), staff, NOW, localConfig)).toEqual({
      ok: true,
      text,
      op,
      id: 'ana',
    });
  });

  it('records and ends a leave, deactivates, adds; refuses bad input', async () => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana' })]);
    expect(
      await changeRoster(
        form({ op: 'leave', pessoa: 'ana', de: '2026-03-10', ate: '2026-03-20' }),
        staff,
        NOW,
        localConfig,
      ),
    ).toMatchObject({ ok: true, text: 'Afastamento de Ana Souza registrado (10/03/2026 a 20/03/2026).' });
    expect((await staff.get('ana'))?.leave).toEqual({ from: '2026-03-10', to: '2026-03-20' });
    expect(await changeRoster(form({ op: 'return', pessoa: 'ana' }), staff, NOW, localConfig)).toMatchObject({
      text: 'Afastamento de Ana Souza encerrado.',
    });
    expect((await staff.get('ana'))?.leave).toBeUndefined();
    await changeRoster(form({ op: 'deactivate', pessoa: 'ana' }), staff, NOW, localConfig);
    expect((await staff.get('ana'))?.active).toBe(false);
    expect(
      await changeRoster(
        form({ op: 'add', pessoa: 'dani', nome: 'Dani', email: 'dani@empresa.com.br' }),
        staff,
        NOW,
        localConfig,
      ),
    ).toMatchObject({ ok: true });
    expect((await staff.get('dani'))?.active).toBe(true);
    const bads: Array<Record<string, string>> = [
      { op: 'leave', pessoa: 'ana', de: '2026-03-20', ate: '2026-03-10' },
      { op: 'leave', pessoa: 'ninguem', de: '2026-03-10', ate: '2026-03-20' },
      { op: 'add', pessoa: 'dani', nome: 'Dani', email: 'dani@empresa.com.br' },
      { op: 'add', pessoa: 'X Y', nome: 'x', email: 'x@y.z' },
      // A name is one line of text: it is written into staff mail ("Olá, <nome>,") and pages.
      { op: 'add', pessoa: 'eva', nome: 'Eva Lima\r\nBcc: fraude@evil.example', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: 'Eva\nLima', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: 'Eva\u0000Lima', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: 'Eva\u2028Lima', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: 'E'.repeat(201), email: 'eva@empresa.com.br' },
      // Nor anything a reader cannot see: a bidi override turns the name around, a zero-width one is no name.
      { op: 'add', pessoa: 'eva', nome: 'Eva \u202eamiL', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: '\u200b\u2060', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: 'Ana\u200b Souza', email: 'eva@empresa.com.br' },
      { op: 'add', pessoa: 'eva', nome: '\u2800', email: 'eva@empresa.com.br' },
      // Dates that do not exist.
      { op: 'leave', pessoa: 'ana', de: '2026-02-30', ate: '2026-03-10' },
      { op: 'leave', pessoa: 'ana', de: '2026-03-10', ate: '2026-13-01' },
      { op: 'nada', pessoa: 'ana' },
    ];
    for (const bad of bads) {
      expect((await changeRoster(form(bad), staff, NOW, localConfig)).ok, JSON.stringify(bad)).toBe(false);
    }
    expect(await staff.get('eva')).toBeNull();
    expect((await staff.get('ana'))?.leave).toBeUndefined();
  });

  // What `npm run staff` accepts the console manages too (one rule for both).
  it.each([
    ['an id with an underscore', 'ana_souza'],
    ['an id of 40 characters (the longest a console sign-in carries)', `a${'b'.repeat(39)}`],
  ])('accepts %s, as the CLI does', async (_label, id) => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id })]);
    const leave = { op: 'leave', pessoa: id, de: '2026-03-10', ate: '2026-03-20' };
    expect(await changeRoster(form(leave), staff, NOW, localConfig)).toMatchObject({ ok: true });
    expect((await staff.get(id))?.leave).toEqual({ from: '2026-03-10', to: '2026-03-20' });
  });

  // The id is also the sign-in's custom:staff_id (Cognito: at most 40): a longer one could never sign in.
  it.each([
    ['an id of 41 characters', `a${'b'.repeat(40)}`],
    ['an id of 63 characters', `a${'b'.repeat(62)}`],
  ])('refuses to add %s, as the CLI does', async (_label, id) => {
    const staff = new InMemoryStaffRepository([]);
    const add = { op: 'add', pessoa: id, nome: 'Beatriz Lima', email: 'beatriz.lima@empresa.com.br' };
    expect(await changeRoster(form(add), staff, NOW, localConfig)).toMatchObject({ ok: false, text: 'Id inválido.' });
    expect(await staff.get(id)).toBeNull();
  });

  // Two supervisors at once: each change writes only its own field, so neither undoes the other
  // (a concurrent leave must not bring a deactivated member back).
  it.each<[string, Record<string, string>, Record<string, string>, { active: boolean; leave?: object }]>([
    [
      'deactivate + leave',
      { op: 'deactivate', pessoa: 'ana' },
      { op: 'leave', pessoa: 'ana', de: '2026-03-10', ate: '2026-03-20' },
      { active: false, leave: { from: '2026-03-10', to: '2026-03-20' } },
    ],
    [
      'leave + deactivate',
      { op: 'leave', pessoa: 'ana', de: '2026-03-10', ate: '2026-03-20' },
      { op: 'deactivate', pessoa: 'ana' },
      { active: false, leave: { from: '2026-03-10', to: '2026-03-20' } },
    ],
    ['deactivate + return', { op: 'deactivate', pessoa: 'ana' }, { op: 'return', pessoa: 'ana' }, { active: false }],
  ])('%s at the same time: both stick', async (_label, first, second, expected) => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana' })]);
    const results = await Promise.all([
      changeRoster(form(first), staff, NOW, localConfig),
      changeRoster(form(second), staff, NOW, localConfig),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const ana = await staff.get('ana');
    expect({ active: ana?.active, ...(ana?.leave ? { leave: ana.leave } : {}) }).toEqual(expected);
  });

  it('two supervisors adding the same id at once: one is added, the other told the id is taken', async () => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana' })]);
    const results = await Promise.all([
      changeRoster(
        form({ op: 'add', pessoa: 'dani', nome: 'Daniela Souza', email: 'daniela@empresa.com.br' }),
        staff,
        NOW,
        localConfig,
      ),
      changeRoster(
        form({ op: 'add', pessoa: 'dani', nome: 'Danilo Reis', email: 'danilo@empresa.com.br' }),
        staff,
        NOW,
        localConfig,
      ),
    ]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)?.text).toBe('Já existe alguém com o id dani.');
    const added = results.find((r) => r.ok)?.text ?? '';
    expect(added).toContain((await staff.get('dani'))?.name ?? '—');
  });

  it('a change for someone removed in the meantime is refused, not a new half-empty member', async () => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana' })]);
    const [result] = await Promise.all([
      changeRoster(form({ op: 'deactivate', pessoa: 'ana' }), staff, NOW, localConfig),
      staff.remove('ana'),
    ]);
    expect(result?.ok).toBe(false);
    expect(await staff.get('ana')).toBeNull();
  });
});

describe("changeRoster: the new member's address", () => {
  // An address of n characters: 'dani@' + the domain's name + '.com.br'.
  const ofLength = (n: number) => `dani@${'e'.repeat(n - 12)}.com.br`;
  const add = (email: string) => form({ op: 'add', pessoa: 'dani', nome: 'Dani Rocha', email });

  it.each([
    [MAX_ADDRESS_CHARS, true],
    [MAX_ADDRESS_CHARS + 1, false],
  ])('an address of %i characters: ok %s', async (n, ok) => {
    const staff = new InMemoryStaffRepository([]);
    expect((await changeRoster(add(ofLength(n)), staff, NOW, localConfig)).ok).toBe(ok);
  });

  // The form's field reached the pattern uncut: the domain's two runs around its dot traded a run of
  // dots, quadratic.
  it('refuses a long run of dots in linear time', async () => {
    const staff = new InMemoryStaffRepository([]);
    expect((await changeRoster(add(`dani@${'.'.repeat(2_000)}@`), staff, NOW, localConfig)).ok).toBe(false);
    expect(
      growth(
        (n) => add(`dani@${'.'.repeat(n)}@`),
        (f) => changeRoster(f, staff, NOW, localConfig),
        2_000,
      ),
    ).toBeLessThan(30);
  }, 60_000);
});

// Red team 55: the roster took a second active member with an address already on it (Ana re-added
// as "ana.souza"); the staff directory then took whichever entry sorted first as the author of her
// mail, and every answer of the new entry was set aside as "bad-token", nothing sent to the merchant.
describe('changeRoster: one active member per address', () => {
  const ANA = 'ana.souza@ouvidoria.example.com.br';
  const addAna = (email: string) => form({ op: 'add', pessoa: 'ana.souza', nome: 'Ana Souza', email });

  it.each([
    ['the same address', ANA, true, false],
    ['the same address in other letter case', ' Ana.Souza@Ouvidoria.Example.com.br', true, false],
    ['the address of a member who left (inactive)', ANA, false, true],
    ['another address', 'ana.lima@ouvidoria.example.com.br', true, true],
  ])('adding a member with %s: ok %s', async (_, email, oldActive, ok) => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana', email: ANA, active: oldActive })]);
    const result = await changeRoster(addAna(email), staff, NOW, localConfig);
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.text).toContain('Ana Souza (ana)');
    expect((await staff.get('ana.souza')) !== null).toBe(ok);
  });

  it.each([
    ['another active member holds it', true, false],
    ['the other holder is inactive too', false, true],
  ])('activating a member whose address %s: ok %s', async (_, otherActive, ok) => {
    const staff = new InMemoryStaffRepository([
      anAnalyst({ id: 'ana', email: ANA, active: false }),
      anAnalyst({ id: 'ana.souza', name: 'Ana Souza', email: ANA, active: otherActive }),
    ]);
    expect((await changeRoster(form({ op: 'activate', pessoa: 'ana' }), staff, NOW, localConfig)).ok).toBe(ok);
    expect((await staff.get('ana'))?.active).toBe(ok);
  });
});

// Red team 55: the roster took the office's own addresses as a member's (the office's notices to her
// came back in as intake mail), and a supervisor's id, once freed, for anyone (who then acted as
// supervisor by mail at once).
describe('changeRoster: the office’s own addresses and the supervisors’ ids', () => {
  const add = (pessoa: string, email: string) => form({ op: 'add', pessoa, nome: 'Nova Pessoa', email });

  it.each([
    ['the ombudsman address', 'dani', 'ouvidoria@ouvidoria.example.com.br', 'endereço da própria Ouvidoria'],
    [
      'the ombudsman address in other letter case',
      'dani',
      'Ouvidoria@Ouvidoria.Example.com.br',
      'endereço da própria Ouvidoria',
    ],
    [
      'the ombudsman address with a +tag',
      'dani',
      'ouvidoria+equipe@ouvidoria.example.com.br',
      'endereço da própria Ouvidoria',
    ],
    ['the case reply mailbox', 'dani', 'caso@ouvidoria.example.com.br', 'endereço da própria Ouvidoria'],
    [
      'a case reply address',
      'dani',
      'caso+OUV-2026-000123.abcdefghijklmnop@ouvidoria.example.com.br',
      'endereço da própria Ouvidoria',
    ],
    ['the supervisor id with another address', 'sofia', 'sofia@gmail.com', 'O id sofia é de uma pessoa da supervisão'],
    ['the supervisor id with her configured address', 'sofia', 'Sofia.Ramos@ouvidoria.example.com.br', undefined],
    ['a colleague on the office domain', 'dani', 'daniela.souza@ouvidoria.example.com.br', undefined],
    ['a look-alike local part on the office domain', 'dani', 'ouvidoria.sp@ouvidoria.example.com.br', undefined],
  ])('adding %s', async (_, id, email, refusal) => {
    const staff = new InMemoryStaffRepository([anAnalyst({ id: 'ana' })]);
    const result = await changeRoster(add(id, email), staff, NOW, localConfig);
    expect(result.ok).toBe(refusal === undefined);
    if (refusal) expect(result.text).toContain(refusal);
    expect((await staff.get(id)) !== null).toBe(refusal === undefined);
  });
});
