/**
 * The console's "Somente atrasados" on dynalite, with the real index adapter: a case past its own
 * due date, and a case still waiting for its analyst past the date its acknowledgement promised
 * (it has no due date of its own yet), are listed; cases within their dates are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { DynamoConsoleCaseIndex } from '../../shared/adapters/dynamo/console-case-index';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { officeCalendar } from '../../shared/domain/calendar';
import { localConfig } from '../../shared/domain/config';
import { promisedBefore } from '../../shared/domain/lifecycle/deadlines';
import { aCase } from '../support/builders';
import { type DynaliteClients, startDynaliteClients } from '../support/emulators';

let db: DynaliteClients;

beforeAll(async () => {
  db = await startDynaliteClients();
});

afterAll(async () => {
  await db?.stop();
});

const NOW = new Date('2026-03-25T15:00:00.000Z');

describe('DynamoConsoleCaseIndex — overdue cases, queued ones by their promised date', () => {
  it('lists the queued case past its promised date and the assigned one past its due date, and no other', async () => {
    const table = 'console-overdue';
    await createTableIfMissing(db.raw, table);
    const cases = new DynamoCaseRepository({ client: db.doc, tableName: table });
    const rows = [
      // id, status, created, due date of its own
      ['queued-late', 'QUEUED', '2026-03-02T12:00:00.000Z', undefined],
      ['queued-fresh', 'QUEUED', '2026-03-24T12:00:00.000Z', undefined],
      ['assigned-late', 'ASSIGNED', '2026-03-02T12:00:00.000Z', '2026-03-16T20:00:00.000Z'],
      ['assigned-fresh', 'ASSIGNED', '2026-03-02T12:00:00.000Z', '2026-04-01T20:00:00.000Z'],
    ] as const;
    for (const [id, status, createdAt, dueAt] of rows) {
      await cases.create(
        aCase({
          caseId: `email:${id}`,
          sourceId: id,
          protocol: `OUV-2026-00000${rows.findIndex((r) => r[0] === id) + 1}`,
          status,
          createdAt,
          updatedAt: createdAt,
          ...(dueAt ? { dueAt, assignee: 'ana' } : {}),
        }),
      );
    }
    const index = new DynamoConsoleCaseIndex(db.doc, table);
    const filter = {
      dueBefore: NOW.toISOString(),
      promisedBefore: promisedBefore(NOW, localConfig, officeCalendar(localConfig)).toISOString(),
    };
    const page = await index.byStatuses(['QUEUED', 'ASSIGNED'], filter, { limit: 25 });
    expect(page.items.map((c) => c.caseId).sort()).toEqual(['email:assigned-late', 'email:queued-late']);
    // Without promisedBefore (as before), a queued case is never listed as late.
    const dueOnly = await index.byStatuses(['QUEUED', 'ASSIGNED'], { dueBefore: NOW.toISOString() }, { limit: 25 });
    expect(dueOnly.items.map((c) => c.caseId)).toEqual(['email:assigned-late']);
  });
});

// Journey 50: Paulo's out-of-office, stored as automatic mail, read 'Orientado (resposta automática)'
// in the list (gsi2-sender projects no decision) while its page said 'Mensagem automática guardada'.
describe('DynamoConsoleCaseIndex — stored automatic mail is marked in both lists', () => {
  it('by sender and by status, on the real indexes', async () => {
    const table = 'console-automatic';
    await createTableIfMissing(db.raw, table);
    const cases = new DynamoCaseRepository({ client: db.doc, tableName: table });
    const sender = 'paulo@lojadopaulo.com.br';
    const rows = [
      ['auto', ['ticket.valid', 'auto.machine-generated']],
      ['hers', ['ticket.none']],
    ] as const;
    for (const [id, ruleIds] of rows) {
      await cases.create(
        aCase({
          caseId: `email:${id}`,
          sourceId: id,
          senderEmail: sender,
          status: 'REDIRECTED',
          outcome: 'NO_PRIOR_TICKET',
          decision: { ...aCase().decision, outcome: 'NO_PRIOR_TICKET', ruleIds: [...ruleIds] },
        }),
      );
    }
    const index = new DynamoConsoleCaseIndex(db.doc, table);
    const marks = (items: Array<{ caseId: string; automatic?: true }>) =>
      Object.fromEntries(items.map((i) => [i.caseId, i.automatic === true]));
    expect(marks((await index.bySender(sender, {}, { limit: 25 })).items)).toEqual({
      'email:auto': true,
      'email:hers': false,
    });
    expect(marks((await index.byStatus('REDIRECTED', {}, { limit: 25 })).items)).toEqual({
      'email:auto': true,
      'email:hers': false,
    });
  });
});
