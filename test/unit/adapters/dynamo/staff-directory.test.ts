import { describe, expect, it } from 'vitest';
import { RosterStaffDirectory } from '../../../../shared/adapters/dynamo/staff-directory';
import { anAnalyst } from '../../../support/builders';
import { InMemoryStaffRepository } from '../../../support/fakes';

const ANA = 'ana.souza@ouvidoria.example.com.br';

// Red team 55: byEmail took the first roster entry with the address. Ana re-added under a new id (the
// old entry kept, inactive) had every answer of hers read as the old entry's: 'inactive-sender', or
// 'bad-token' for the case's address issued to her new id — set aside, nothing sent to the merchant.
describe('RosterStaffDirectory.byEmail', () => {
  const directory = (...entries: Array<[id: string, active: boolean]>) =>
    new RosterStaffDirectory({
      staff: new InMemoryStaffRepository(entries.map(([id, active]) => anAnalyst({ id, email: ANA, active }))),
      supervisorIds: ['sofia'],
    });

  it.each<[string, Array<[string, boolean]>, string | null]>([
    ['one entry', [['ana', true]], 'ana'],
    ['one entry, inactive: found, to be refused as inactive', [['ana', false]], 'ana'],
    [
      'the old entry inactive and sorted first',
      [
        ['ana', false],
        ['ana.souza', true],
      ],
      'ana.souza',
    ],
    [
      'the old entry inactive and sorted last',
      [
        ['ana.souza', true],
        ['ana.velha', false],
      ],
      'ana.souza',
    ],
    [
      'both inactive: refused as inactive either way',
      [
        ['ana', false],
        ['ana.souza', false],
      ],
      'ana',
    ],
    [
      'both active: no one (which of them wrote is a guess)',
      [
        ['ana', true],
        ['ana.souza', true],
      ],
      null,
    ],
  ])('%s → %s', async (_what, entries, id) => {
    expect((await directory(...entries).byEmail(' Ana.Souza@Ouvidoria.Example.com.br '))?.id ?? null).toBe(id);
  });

  it('an address on no entry, or none at all: no one', async () => {
    const d = directory(['ana', true]);
    expect(await d.byEmail('bruno@ouvidoria.example.com.br')).toBeNull();
    expect(await d.byEmail('  ')).toBeNull();
  });
});

// Red team 55: the role went by id alone: "sofia" removed and someone else added as "sofia" was a
// supervisor by mail (#transferir, any case) at once.
describe('RosterStaffDirectory: the supervisor role is the configured id with its configured address', () => {
  const SOFIA = 'sofia.ramos@ouvidoria.example.com.br';
  it.each([
    ['the configured supervisor', SOFIA, 'supervisor'],
    ['someone else under her id', 'sofia.lima@empresa.com.br', 'analyst'],
  ])('%s: %s', async (_, email, role) => {
    const directory = new RosterStaffDirectory({
      staff: new InMemoryStaffRepository([anAnalyst({ id: 'sofia', email })]),
      supervisorIds: ['sofia'],
      supervisorAddresses: { sofia: SOFIA },
    });
    expect((await directory.byEmail(email))?.role).toBe(role);
    expect((await directory.byId('sofia'))?.role).toBe(role);
    expect((await directory.supervisors()).map((m) => m.id)).toEqual(role === 'supervisor' ? ['sofia'] : []);
  });
});
