/**
 * Issue 16 on dynalite: an assignment (with the lifecycle, as deployed) makes at most five
 * DynamoDB requests, however many cases were handled before, and chooses exactly as the rule
 * (fewest open cases, then least recently assigned) says over a history of assignments, closes
 * and transfers — the last assignment now lives on the open-case markers until their case closes.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseRepository } from '../../shared/adapters/dynamo/case-repository';
import { createTableIfMissing } from '../../shared/adapters/dynamo/create-table';
import { DynamoOpenCaseCounter } from '../../shared/adapters/dynamo/open-case-counter';
import { DynamoStaffRepository } from '../../shared/adapters/dynamo/staff-repository';
import { assignCase } from '../../shared/app/assign-case';
import { chooseAnalyst } from '../../shared/domain/assignment';
import { localConfig } from '../../shared/domain/config';
import type { Analyst } from '../../shared/domain/staff';
import { aCase } from '../support/builders';
import {
  type DynaliteClients,
  startDynaliteClients,
  EMULATOR_REGION,
  countingDocumentClient,
} from '../support/emulators';
import { FixedClock, RecordingMailer, RecordingScheduler } from '../support/fakes';
import { RecordingTimerScheduler, SECRET } from '../support/lifecycle-fakes';

let db: DynaliteClients;
let raw: DynamoDBClient;

beforeAll(async () => {
  db = await startDynaliteClients();
  ({ raw } = db);
});

afterAll(async () => {
  await db?.stop();
});

/** A client whose DynamoDB requests are listed by command name. */
function countingClient(requests: string[]): DynamoDBDocumentClient {
  return countingDocumentClient(db.endpoint, requests, EMULATOR_REGION);
}

const ROSTER = ['ana', 'bia', 'caio', 'davi'].map((id) => ({
  id,
  name: id,
  email: `${id}@ouvidoria.example.com.br`,
  active: true,
}));

/** The rule as it was before issue 16: a count and a lastAssignedAt per analyst, moved on assignment and on transfer. */
class ReferenceRoster {
  readonly open = new Map<string, Set<string>>(ROSTER.map((a) => [a.id, new Set<string>()]));
  readonly last = new Map<string, string>();
  analysts(): Analyst[] {
    return ROSTER.map((a) => ({
      ...a,
      openCases: this.open.get(a.id)?.size ?? 0,
      ...(this.last.has(a.id) ? { lastAssignedAt: this.last.get(a.id) as string } : {}),
    }));
  }
}

/** A small deterministic generator (the same history on every run). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('assignment requests and fair choice on dynalite', () => {
  it('≤ 5 requests per assignment, constant over 60 steps of assignments, closes and transfers; the same choices as the rule', async () => {
    const table = 'assignment-fairness';
    await createTableIfMissing(raw, table);
    const requests: string[] = [];
    const client = countingClient(requests);
    const cases = new DynamoCaseRepository({ client, tableName: table });
    const staff = new DynamoStaffRepository(client, table);
    for (const a of ROSTER) await staff.put(a);
    const counter = new DynamoOpenCaseCounter(client, table);
    const clock = new FixedClock(new Date('2026-11-30T10:00:00-03:00'));
    const deps = {
      cases,
      staff,
      mailer: new RecordingMailer(),
      scheduler: new RecordingScheduler(),
      clock,
      config: localConfig,
      lifecycle: { secret: SECRET, timers: new RecordingTimerScheduler() },
    };
    const reference = new ReferenceRoster();
    const openCases = new Map<string, string>(); // caseId → analyst
    const perAssignment: string[][] = [];
    const random = lcg(16);
    let n = 0;

    for (let step = 0; step < 60; step++) {
      clock.advance(60_000);
      const open = [...openCases.keys()];
      const roll = random();
      if (open.length > 0 && roll < 0.3) {
        // Close (the same marker release the lifecycle's close effect runs).
        const caseId = open[Math.floor(random() * open.length)] as string;
        expect(await cases.close(caseId, clock.now())).toBe(true);
        reference.open.get(openCases.get(caseId) as string)?.delete(caseId);
        openCases.delete(caseId);
        continue;
      }
      if (open.length > 0 && roll < 0.45) {
        // Transfer (the lifecycle's effects: the old marker closed, the new one opened as her turn).
        const caseId = open[Math.floor(random() * open.length)] as string;
        const from = openCases.get(caseId) as string;
        const to = ROSTER.map((a) => a.id).filter((id) => id !== from)[Math.floor(random() * 3)] as string;
        await client.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
            UpdateExpression: 'SET assignee = :to',
            ExpressionAttributeValues: { ':to': to },
          }),
        );
        await counter.closed(from, caseId);
        await counter.opened(to, caseId, clock.now().toISOString());
        reference.open.get(from)?.delete(caseId);
        reference.open.get(to)?.add(caseId);
        reference.last.set(to, clock.now().toISOString());
        openCases.set(caseId, to);
        continue;
      }
      n++;
      const record = aCase({
        caseId: `email:fair-${n}`,
        protocol: `OUV-2026-${String(n).padStart(6, '0')}`,
        status: 'QUEUED',
        outcome: 'ACCEPTED',
        createdAt: clock.now().toISOString(),
      });
      await cases.create(record);
      const expected = chooseAnalyst(reference.analysts(), '2026-11-30');
      const mark = requests.length;
      const result = await assignCase({ caseId: record.caseId, protocol: record.protocol as string }, deps);
      perAssignment.push(requests.slice(mark));
      expect(result).toMatchObject({ kind: 'assigned', analystId: expected?.id });
      reference.open.get(expected?.id as string)?.add(record.caseId);
      reference.last.set(expected?.id as string, clock.now().toISOString());
      openCases.set(record.caseId, expected?.id as string);
      // What the next choice reads: the same counts and last assignments as the rule's.
      const listed = (await staff.list()).map((a) => [a.id, a.openCases, a.lastAssignedAt]);
      expect(listed).toEqual(reference.analysts().map((a) => [a.id, a.openCases, a.lastAssignedAt]));
    }

    expect(perAssignment.length).toBeGreaterThan(25);
    // The same five requests for the first assignment and for the last, after every close and transfer.
    for (const made of perAssignment) {
      expect(made).toEqual([
        'QueryCommand',
        'QueryCommand',
        'UpdateItemCommand',
        'PutItemCommand',
        'UpdateItemCommand',
      ]);
    }
    client.destroy();
  }, 60_000);
});
