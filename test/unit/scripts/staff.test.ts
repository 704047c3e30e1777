import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../shared/domain/case';
import {
  formatRoster,
  main,
  parseStaffArgs,
  runStaffCommand,
  type StaffCliDeps,
  StaffInputError,
  UsageError,
} from '../../../scripts/staff';
import { InMemoryCaseRepository, InMemoryStaffRepository, RecordingQueue } from '../../support/fakes';
import { aDecision, aCase } from '../../support/builders';
import { localConfig } from '../../../shared/domain/config';

describe('parseStaffArgs: good input', () => {
  it.each<[string, string[], unknown]>([
    ['no command → help', [], { kind: 'help' }],
    ['--help', ['--help'], { kind: 'help' }],
    ['list', ['list'], { kind: 'list', json: false }],
    ['list --json', ['list', '--json'], { kind: 'list', json: true }],
    ['migrate-open-cases', ['migrate-open-cases'], { kind: 'migrate-open-cases' }],
    [
      'add with a name that has spaces and accents',
      ['add', 'joao.conceicao', '--name', 'João da Conceição', '--email', 'Joao.Conceicao@Ouvidoria.Example.com.br'],
      {
        kind: 'add',
        id: 'joao.conceicao',
        name: 'João da Conceição',
        email: 'joao.conceicao@ouvidoria.example.com.br',
        active: true,
      },
    ],
    [
      'add --name=… --email=… --inactive',
      ['add', 'ana', '--name=Ana Souza', '--email=ana@example.com', '--inactive'],
      { kind: 'add', id: 'ana', name: 'Ana Souza', email: 'ana@example.com', active: false },
    ],
    [
      'options before the id',
      ['add', '--email', 'bia@example.com', '--name', 'Beatriz', 'bia'],
      { kind: 'add', id: 'bia', name: 'Beatriz', email: 'bia@example.com', active: true },
    ],
    [
      'leave of one day',
      ['leave', 'ana', '--from', '2026-12-24', '--to', '2026-12-24'],
      { kind: 'leave', id: 'ana', from: '2026-12-24', to: '2026-12-24' },
    ],
    [
      'leave across the new year',
      ['leave', 'ana', '--from', '2026-12-21', '--to', '2027-01-08'],
      { kind: 'leave', id: 'ana', from: '2026-12-21', to: '2027-01-08' },
    ],
    [
      'leave on 29 February of a leap year',
      ['leave', 'ana', '--from', '2028-02-29', '--to', '2028-03-01'],
      {
        kind: 'leave',
        id: 'ana',
        from: '2028-02-29',
        to: '2028-03-01',
      },
    ],
    ['return', ['return', 'ana'], { kind: 'return', id: 'ana' }],
    ['activate', ['activate', 'ana'], { kind: 'activate', id: 'ana' }],
    ['deactivate', ['deactivate', 'ana'], { kind: 'deactivate', id: 'ana' }],
    ['remove', ['remove', 'ana'], { kind: 'remove', id: 'ana', force: false }],
    ['remove --force', ['remove', 'ana', '--force'], { kind: 'remove', id: 'ana', force: true }],
  ])('%s', (_name, argv, expected) => {
    expect(parseStaffArgs(argv)).toEqual(expected);
  });
});

describe('parseStaffArgs: bad input', () => {
  it.each<[string, string[], RegExp]>([
    ['unknown command', ['hire', 'ana'], /unknown command "hire"/],
    ['migrate-open-cases with an argument', ['migrate-open-cases', 'ana'], /unexpected argument "ana"/],
    ['add without id', ['add', '--name', 'Ana', '--email', 'ana@example.com'], /add: missing <id>/],
    ['add without name', ['add', 'ana', '--email', 'ana@example.com'], /--name is required/],
    ['add with a blank name', ['add', 'ana', '--name', '   ', '--email', 'ana@example.com'], /--name is required/],
    ['add without email', ['add', 'ana', '--name', 'Ana'], /--email is required/],
    ['add with a bad email', ['add', 'ana', '--name', 'Ana', '--email', 'ana@'], /not a valid email address/],
    ['add with an email with spaces', ['add', 'ana', '--name', 'Ana', '--email', 'ana souza@x.com'], /not a valid/],
    [
      'add with a header injection in the name',
      ['add', 'ana', '--name', 'Ana\r\nBcc: x@evil.example', '--email', 'ana@example.com'],
      /line breaks/,
    ],
    [
      'add with an unquoted name (extra word)',
      ['add', 'ana', '--name', 'Ana', 'Souza', '--email', 'ana@example.com'],
      /unexpected argument "Souza".*quote/,
    ],
    ['id with upper case', ['return', 'Ana'], /invalid id "Ana"/],
    ['id with spaces', ['return', 'ana souza'], /invalid id/],
    ['id with accents', ['return', 'joão'], /invalid id/],
    ['id too long', ['return', 'a'.repeat(64)], /invalid id/],
    [
      'add with an id longer than a console sign-in carries',
      ['add', `ana.${'souza'.repeat(8)}`, '--name', 'Ana Souza', '--email', 'ana@example.com'],
      /add: invalid id "ana\.(souza)+" \(1-40 characters/,
    ],
    ['unknown option', ['list', '--all'], /list: .*--all/],
    ['option without value', ['leave', 'ana', '--from'], /leave: .*--from/],
    ['leave without dates', ['leave', 'ana'], /--from YYYY-MM-DD is required/],
    ['leave without --to', ['leave', 'ana', '--from', '2026-12-01'], /--to YYYY-MM-DD is required/],
    ['leave with a Brazilian date', ['leave', 'ana', '--from', '01/12/2026', '--to', '2026-12-05'], /not a date/],
    [
      'leave on a day that does not exist',
      ['leave', 'ana', '--from', '2026-02-29', '--to', '2026-03-01'],
      /not a date/,
    ],
    ['leave in month 13', ['leave', 'ana', '--from', '2026-13-01', '--to', '2026-13-02'], /not a date/],
    [
      'leave from after to',
      ['leave', 'ana', '--from', '2026-12-10', '--to', '2026-12-01'],
      /--from 2026-12-10 is after --to 2026-12-01/,
    ],
    ['two ids', ['remove', 'ana', 'bia'], /unexpected argument "bia"/],
    ['list with an argument', ['list', 'ana'], /unexpected argument "ana"/],
  ])('%s', (_name, argv, message) => {
    expect(() => parseStaffArgs(argv)).toThrow(UsageError);
    expect(() => parseStaffArgs(argv)).toThrow(message);
  });
});

const ana = { id: 'ana', name: 'Ana Souza', email: 'ana@ouvidoria.example.com.br', active: true };

function waitingCase(n: number, status: CaseRecord['status'] = 'QUEUED'): CaseRecord {
  return aCase({
    caseId: `webform:k${n}`,
    protocol: `OUV-2026-${String(n).padStart(6, '0')}`,
    channel: 'webform',
    sourceId: `k${n}`,
    status,
    outcome: 'ACCEPTED',
    decision: aDecision('ACCEPTED', { ticket: { status: 'valid', number: '1' } }),
    ticketCandidates: [],
    senderEmail: `lojista${n}@example.com`,
    subject: 'Reclamação',
    createdAt: `2026-11-2${n}T12:00:00.000Z`,
    updatedAt: `2026-11-2${n}T12:00:00.000Z`,
    messages: [],
    messageIds: [],
  });
}

function cli(opts: { queue?: boolean } = {}) {
  const staff = new InMemoryStaffRepository();
  const cases = new InMemoryCaseRepository(staff);
  const queue = new RecordingQueue();
  const lines: string[] = [];
  const deps: StaffCliDeps = {
    staff,
    cases,
    rules: localConfig,
    ...(opts.queue === false ? {} : { queue }),
    out: (l) => lines.push(l),
  };
  const run = (...argv: string[]) => runStaffCommand(parseStaffArgs(argv), deps);
  return { staff, cases, queue, lines, run };
}

describe('runStaffCommand', () => {
  it('add, list, leave, return, deactivate, activate, remove', async () => {
    const c = cli();
    await c.run('add', 'ana', '--name', 'Ana Souza', '--email', 'ana@ouvidoria.example.com.br');
    expect(await c.staff.get('ana')).toEqual({ ...ana, openCases: 0, lastAssignedAt: undefined });

    await c.run('leave', 'ana', '--from', '2026-12-21', '--to', '2027-01-08');
    expect((await c.staff.get('ana'))?.leave).toEqual({ from: '2026-12-21', to: '2027-01-08' });

    await c.run('return', 'ana');
    expect((await c.staff.get('ana'))?.leave).toBeUndefined();

    await c.run('deactivate', 'ana');
    expect((await c.staff.get('ana'))?.active).toBe(false);
    await c.run('activate', 'ana');
    expect((await c.staff.get('ana'))?.active).toBe(true);

    c.lines.length = 0;
    await c.run('list');
    expect(c.lines[0]).toMatch(/^ID\s+NAME\s+EMAIL\s+ACTIVE\s+LEAVE\s+OPEN\s+LAST ASSIGNED$/);
    expect(c.lines[1]).toMatch(/^ana\s+Ana Souza\s+ana@ouvidoria\.example\.com\.br\s+yes\s+-\s+0\s+-$/);

    await c.run('remove', 'ana');
    expect(await c.staff.get('ana')).toBeNull();
  });

  it('a roster edit keeps the open cases and last assignment', async () => {
    const c = cli();
    await c.staff.put(ana);
    c.staff.recordAssignment('ana', new Date('2026-11-30T13:00:00Z'));
    await c.run('leave', 'ana', '--from', '2026-12-01', '--to', '2026-12-05');
    expect(await c.staff.get('ana')).toMatchObject({ openCases: 1, lastAssignedAt: '2026-11-30T13:00:00.000Z' });
  });

  // Sofia puts Bruno on leave (or out of the team) with cases still open: she learns how many to move.
  it.each([
    [
      0,
      ['leave', 'ana', '--from', '2026-11-05', '--to', '2026-11-20'],
      'ana is on leave from 2026-11-05 to 2026-11-20 (inclusive).',
    ],
    [
      1,
      ['leave', 'ana', '--from', '2026-11-05', '--to', '2026-11-20'],
      'ana is on leave from 2026-11-05 to 2026-11-20 (inclusive). ana keeps 1 open case: transfer it to someone else (staff console, case list filtered by analyst).',
    ],
    [
      3,
      ['deactivate', 'ana'],
      'ana is inactive. ana keeps 3 open cases: transfer them to someone else (staff console, case list filtered by analyst).',
    ],
    [2, ['activate', 'ana'], 'ana is active.'],
  ])('with %i open case(s), `%j` says: %s', async (open, argv, says) => {
    const c = cli({ queue: false });
    await c.staff.put(ana);
    for (let i = 0; i < open; i++) c.staff.recordAssignment('ana', new Date('2026-11-03T13:00:00Z'));
    await c.run(...argv);
    expect(c.lines).toEqual([says]);
  });

  it.each([
    [1, /ana has 1 open case: use "deactivate ana"/],
    [2, /ana has 2 open cases: use "deactivate ana"/],
  ])('remove with %i open case(s) is refused, in agreement', async (open, message) => {
    const c = cli();
    await c.staff.put(ana);
    for (let i = 0; i < open; i++) c.staff.recordAssignment('ana', new Date('2026-11-03T13:00:00Z'));
    await expect(c.run('remove', 'ana')).rejects.toThrow(message);
  });

  it.each([
    ['leave', ['leave', 'nobody', '--from', '2026-12-01', '--to', '2026-12-02']],
    ['return', ['return', 'nobody']],
    ['activate', ['activate', 'nobody']],
    ['deactivate', ['deactivate', 'nobody']],
    ['remove', ['remove', 'nobody']],
  ])('%s of an unknown id is an input error', async (_name, argv) => {
    const c = cli();
    await expect(c.run(...argv)).rejects.toThrow(StaffInputError);
    await expect(c.run(...argv)).rejects.toThrow(/no analyst with id "nobody"/);
  });

  it('add of an existing id is refused (the profile is not silently overwritten)', async () => {
    const c = cli();
    await c.staff.put(ana);
    await expect(c.run('add', 'ana', '--name', 'Outra Ana', '--email', 'outra@example.com')).rejects.toThrow(
      /already exists/,
    );
    expect((await c.staff.get('ana'))?.name).toBe('Ana Souza');
  });

  it.each([
    [
      'leave',
      ['leave', 'ana', '--from', '2026-12-02', '--to', '2026-12-10'],
      { active: false, leave: { from: '2026-12-02', to: '2026-12-10' } },
    ],
    ['activate', ['activate', 'ana'], { active: true, leave: { from: '2026-12-02', to: '2026-12-10' } }],
  ])('%s while the console changes another field of the same member: both stick', async (_label, argv, expected) => {
    const c = cli();
    await c.staff.put({ ...ana, active: argv[0] !== 'activate' });
    const other = argv[0] === 'activate' ? { leave: { from: '2026-12-02', to: '2026-12-10' } } : { active: false };
    await Promise.all([c.run(...argv), c.staff.update('ana', other)]);
    const after = await c.staff.get('ana');
    expect({ active: after?.active, leave: after?.leave }).toEqual(expected);
  });

  // Red team 55: a second active entry with an address already on the roster left mail from it to
  // whichever entry sorted first (her answers set aside as someone else's). One active holder only.
  it.each([
    [
      'add, the address of an active member',
      true,
      ['add', 'ana.souza', '--name', 'Ana Souza', '--email', 'Ana@Ouvidoria.Example.com.br'],
      false,
    ],
    [
      'add, the address of an inactive member',
      false,
      ['add', 'ana.souza', '--name', 'Ana Souza', '--email', 'ana@ouvidoria.example.com.br'],
      true,
    ],
    [
      'add inactive, the address of an active member',
      true,
      ['add', 'ana.souza', '--name', 'Ana Souza', '--email', 'ana@ouvidoria.example.com.br', '--inactive'],
      true,
    ],
  ])('%s: ok %s', async (_label, anaActive, argv, ok) => {
    const c = cli();
    await c.staff.put({ ...ana, email: 'ana@ouvidoria.example.com.br', active: anaActive });
    if (ok) await c.run(...argv);
    else await expect(c.run(...argv)).rejects.toThrow(/already the address of "ana", who is active/);
    expect((await c.staff.get('ana.souza')) !== null).toBe(ok);
  });

  it('activate, when another active member has the address, is refused', async () => {
    const c = cli();
    await c.staff.put({ ...ana, email: 'ana@ouvidoria.example.com.br', active: true });
    await c.staff.put({ ...ana, id: 'ana.velha', email: 'ana@ouvidoria.example.com.br', active: false });
    await expect(c.run('activate', 'ana.velha')).rejects.toThrow(/already the address of "ana"/);
    expect((await c.staff.get('ana.velha'))?.active).toBe(false);
  });

  it('remove of someone with open cases needs --force', async () => {
    const c = cli();
    await c.staff.put(ana);
    c.staff.recordAssignment('ana', new Date('2026-11-30T13:00:00Z'));
    await expect(c.run('remove', 'ana')).rejects.toThrow(/1 open case: .*deactivate ana/);
    expect(await c.staff.get('ana')).not.toBeNull();
    await c.run('remove', 'ana', '--force');
    expect(await c.staff.get('ana')).toBeNull();
  });

  it('add re-queues the cases waiting for an analyst (QUEUED only)', async () => {
    const c = cli();
    await c.cases.create(waitingCase(1));
    await c.cases.create(waitingCase(2));
    await c.cases.create(waitingCase(3, 'ASSIGNED'));
    await c.run('add', 'ana', '--name', 'Ana Souza', '--email', 'ana@ouvidoria.example.com.br');
    expect(c.queue.messages).toEqual(
      expect.arrayContaining([
        { caseId: 'webform:k1', protocol: 'OUV-2026-000001' },
        { caseId: 'webform:k2', protocol: 'OUV-2026-000002' },
      ]),
    );
    expect(c.queue.messages).toHaveLength(2);
    expect(c.lines).toContain('Re-queued 2 waiting case(s) for assignment.');
  });

  it('return and activate re-queue too; an inactive add, leave and deactivate do not', async () => {
    const c = cli();
    await c.cases.create(waitingCase(1));
    await c.run('add', 'bia', '--name', 'Beatriz', '--email', 'bia@example.com', '--inactive');
    await c.run('leave', 'bia', '--from', '2026-12-01', '--to', '2026-12-02');
    await c.run('deactivate', 'bia');
    expect(c.queue.messages).toHaveLength(0);
    await c.run('activate', 'bia');
    expect(c.queue.messages).toHaveLength(1);
    await c.run('return', 'bia');
    expect(c.queue.messages).toHaveLength(2);
  });

  it('without ASSIGNMENT_QUEUE_URL: prints a note instead of re-queueing', async () => {
    const c = cli({ queue: false });
    await c.cases.create(waitingCase(1));
    await c.run('add', 'ana', '--name', 'Ana Souza', '--email', 'ana@ouvidoria.example.com.br');
    expect(c.lines.join('\n')).toMatch(/1 case\(s\) wait for an analyst, but ASSIGNMENT_QUEUE_URL is not set/);
  });

  it('migrate-open-cases runs the marker move and says what it did', async () => {
    const c = cli();
    let runs = 0;
    const deps: StaffCliDeps = {
      staff: c.staff,
      rules: localConfig,
      out: (l) => c.lines.push(l),
      migrateOpenCases: async () => {
        runs++;
        return { moved: 3, dropped: 1 };
      },
    };
    await runStaffCommand(parseStaffArgs(['migrate-open-cases']), deps);
    expect(runs).toBe(1);
    expect(c.lines).toEqual(['Open-case markers: 3 moved, 1 of cases no longer open dropped.']);
    await expect(
      runStaffCommand({ kind: 'migrate-open-cases' }, { staff: c.staff, rules: localConfig, out: () => {} }),
    ).rejects.toThrow(/needs the DynamoDB table/);
  });

  it('list of an empty roster says how to add someone', () => {
    expect(formatRoster([])).toEqual([expect.stringMatching(/roster is empty.*add <id>/)]);
  });
});

// Red team 55: `npm run staff -- add` took the office's own addresses (its notices to that member
// came back in as intake mail) and a removed supervisor's id for anyone, who then acted as supervisor.
describe('runStaffCommand add: the office’s own addresses and the supervisors’ ids', () => {
  it.each([
    ['the ombudsman address', 'dani', 'ouvidoria@ouvidoria.example.com.br', /office's own addresses/],
    [
      'the case reply mailbox with a label',
      'dani',
      'caso+ouv-2026-000001@ouvidoria.example.com.br',
      /office's own addresses/,
    ],
    ['a removed supervisor id, for someone else', 'sofia', 'sofia.lima@empresa.com.br', /supervisor's id/],
    ['the supervisor id, for her configured address', 'sofia', 'sofia.ramos@ouvidoria.example.com.br', undefined],
    ['a colleague on the office domain', 'dani', 'dani@ouvidoria.example.com.br', undefined],
  ])('%s', async (_, id, email, refusal) => {
    const c = cli();
    const added = c.run('add', id, '--name', 'Nova Pessoa', '--email', email);
    if (refusal) await expect(added).rejects.toThrow(refusal);
    else await added;
    expect((await c.staff.get(id)) !== null).toBe(refusal === undefined);
  });
});

describe('main: exit codes', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('bad input → exit 2 with the usage', async () => {
    const t = io();
    expect(await main(['add', 'ana', '--name', 'Ana', '--email', 'nope'], {}, t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/not a valid email address[\s\S]*Usage: npm run staff/);
  });

  it('help → exit 0', async () => {
    const t = io();
    expect(await main(['help'], {}, t.io)).toBe(0);
    expect(t.out.join('\n')).toContain('Usage: npm run staff');
  });

  it('missing TABLE_NAME → exit 2 saying which variable', async () => {
    const t = io();
    expect(await main(['list'], {}, t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/set TABLE_NAME/);
  });
});
