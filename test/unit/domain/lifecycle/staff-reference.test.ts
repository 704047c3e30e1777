import { describe, expect, it } from 'vitest';
import {
  ambiguousStaffProblem,
  type StaffRef,
  staffByReference,
  unknownStaffProblem,
} from '../../../../shared/domain/lifecycle/staff-reference';

const member = (id: string, name: string, active = true): StaffRef => ({
  id,
  name,
  email: `${id}@ouvidoria.example.com.br`,
  active,
});

const TEAM: StaffRef[] = [
  member('ana', 'Ana Souza'),
  member('ana.lima', 'Ana Lima'),
  member('bruno.oliveira', 'Bruno Oliveira'),
  member('carla', 'Carla Nascimento'),
  member('joao', 'João da Silva'),
  member('maria.davila', "Maria D'Ávila"),
  member('p.alves', 'Pedro Alves', false),
  member('pedro.santos', 'Pedro Santos'),
  member('r.barbosa', 'Rui Barbosa', false),
  member('rui.costa', 'Rui Costa', false),
];

describe('staffByReference', () => {
  it.each([
    ['the roster id', 'bruno.oliveira', 'bruno.oliveira'],
    ['an id that is also a first name: the id wins', 'ana', 'ana'],
    ['the address, any case', 'Carla@Ouvidoria.Example.com.br', 'carla'],
    ['@ before the id, as in chat', '@carla', 'carla'],
    ['the whole name, folded', 'bruno oliveira', 'bruno.oliveira'],
    ['the whole name with accents and capitals', 'João da Silva', 'joao'],
    ['the first name, when one person has it', 'bruno', 'bruno.oliveira'],
    ['first and last name, skipping the middle', 'joao silva', 'joao'],
    ['a name with an apostrophe', "maria d'avila", 'maria.davila'],
    ['a first name shared with someone who left: the active one', 'pedro', 'pedro.santos'],
    ['the last name alone, when one person has it', 'nascimento', 'carla'],
  ])('%s: “%s” → %s', (_what, reference, id) => {
    const found = staffByReference(TEAM, reference);
    expect(found.kind === 'found' ? found.member.id : found.kind).toBe(id);
  });

  it.each([
    ['the whole name of one of two Anas', 'ana lima', 'found'],
    ['words of no one’s name in that order', 'Ana Maria', 'none'],
    ['a name no one has', 'zeca', 'none'],
    ['two words of two different people', 'bruno carla', 'none'],
    ['an address no one has', 'zeca@ouvidoria.example.com.br', 'none'],
    ['words out of order', 'silva joao', 'none'],
    ['nothing', '  ', 'none'],
  ])('%s: “%s” → %s', (_what, reference, kind) => {
    expect(staffByReference(TEAM, reference).kind).toBe(kind);
  });

  it('a name several people answer to is never guessed: the candidates come back', () => {
    const onlyAnas = TEAM.filter((m) => m.name.startsWith('Ana'));
    const found = staffByReference(onlyAnas.concat(member('ana.paula', 'Ana Paula')), 'Ana');
    expect(found.kind).toBe('found'); // the id “ana” is hers
    const anas = staffByReference([member('a1', 'Ana Souza'), member('a2', 'Ana Lima')], 'ana');
    expect(anas).toMatchObject({ kind: 'ambiguous', candidates: [{ id: 'a1' }, { id: 'a2' }] });
    // Both left: still two people, still not guessed (the refusal then says which is inactive).
    const gone = staffByReference(TEAM, 'rui');
    expect(gone).toMatchObject({ kind: 'ambiguous', candidates: [{ id: 'r.barbosa' }, { id: 'rui.costa' }] });
  });
});

// Red team 55: an address on two entries (Ana re-added under a new id, the old one inactive) went to
// whichever entry came first, so "#transferir ana.souza@…" could hand the case to the one who left.
describe('staffByReference: an address on two roster entries', () => {
  const ANA = 'ana.souza@ouvidoria.example.com.br';
  const entry = (id: string, active: boolean): StaffRef => ({ id, name: 'Ana Souza', email: ANA, active });
  it.each([
    ['the old entry inactive, sorted first', [entry('ana', false), entry('ana.souza', true)], 'ana.souza'],
    ['the old entry inactive, sorted last', [entry('ana.souza', true), entry('ana.velha', false)], 'ana.souza'],
    ['both active: never guessed', [entry('ana', true), entry('ana.souza', true)], 'ambiguous'],
  ])('%s → %s', (_what, team, id) => {
    const found = staffByReference(team, 'Ana.Souza@Ouvidoria.Example.com.br');
    expect(found.kind === 'found' ? found.member.id : found.kind).toBe(id);
  });
});

describe('the refusals', () => {
  it('no one by that name: lists the active team with their ids', () => {
    const problem = unknownStaffProblem('zeca', TEAM.slice(6, 8), '#transferir zeca');
    expect(problem).toEqual({
      code: 'unknown-analyst',
      message:
        'Não há ninguém na equipe com o identificador ou o nome “zeca”. Pessoas da equipe: pedro.santos (Pedro Santos).',
      line: '#transferir zeca',
    });
    expect(unknownStaffProblem('zeca', [], '#transferir zeca').message).toBe(
      'Não há ninguém na equipe com o identificador ou o nome “zeca”.',
    );
  });

  it('several people by that name: lists them and shows how to name one by id', () => {
    const problem = ambiguousStaffProblem('ana', TEAM.slice(0, 2), '#transferir Ana');
    expect(problem).toEqual({
      code: 'ambiguous-analyst',
      message:
        'Há mais de uma pessoa na equipe com o nome “ana”: ana (Ana Souza), ana.lima (Ana Lima). Use o identificador, por exemplo: #transferir ana.',
      line: '#transferir Ana',
    });
  });
});
