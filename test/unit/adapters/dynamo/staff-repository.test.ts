import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoStaffRepository } from '../../../../shared/adapters/dynamo/staff-repository';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('DynamoStaffRepository', () => {
  const staff = new DynamoStaffRepository(doc, 't');

  it('lists the roster and its open-case markers with one Query of the STAFF partition', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        { sk: 'OPENCASE#ana#c-1', analystId: 'ana', caseId: 'c-1', assignedAt: '2026-03-03T12:00:00.000Z' },
        { sk: 'OPENCASE#ana#c-2', analystId: 'ana', caseId: 'c-2' },
        { sk: 'OPENCASE#bea#c-3', analystId: 'bea', caseId: 'c-3', assignedAt: '2026-03-01T12:00:00.000Z' },
        {
          sk: 'STAFF#ana',
          id: 'ana',
          name: 'Ana',
          email: 'ana@x.com',
          active: true,
          lastAssignedAt: '2026-03-02T12:00:00.000Z',
        },
        {
          sk: 'STAFF#bea',
          id: 'bea',
          name: 'Bea',
          email: 'bea@x.com',
          active: false,
          lastAssignedAt: '2026-03-02T12:00:00.000Z',
        },
        { sk: 'STAFF#caio', id: 'caio', name: 'Caio', email: 'caio@x.com', active: true },
      ],
    });
    expect(await staff.list()).toEqual([
      // The later of the staff item's instant and the open markers' (the assignment writes only the marker).
      {
        id: 'ana',
        name: 'Ana',
        email: 'ana@x.com',
        active: true,
        openCases: 2,
        lastAssignedAt: '2026-03-03T12:00:00.000Z',
      },
      {
        id: 'bea',
        name: 'Bea',
        email: 'bea@x.com',
        active: false,
        openCases: 1,
        lastAssignedAt: '2026-03-02T12:00:00.000Z',
      },
      { id: 'caio', name: 'Caio', email: 'caio@x.com', active: true, openCases: 0 },
    ]);
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'STAFF' },
        ConsistentRead: true,
      }),
    ]);
  });

  it("get: the staff item and that analyst's markers", async () => {
    ddb
      .on(GetCommand)
      .resolves({ Item: { sk: 'STAFF#ana', id: 'ana', name: 'Ana', email: 'ana@x.com', active: true } });
    ddb.on(QueryCommand).resolves({
      Items: [{ sk: 'OPENCASE#ana#c-1', analystId: 'ana', assignedAt: '2026-03-03T12:00:00.000Z' }],
    });
    expect(await staff.get('ana')).toMatchObject({ openCases: 1, lastAssignedAt: '2026-03-03T12:00:00.000Z' });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'STAFF',
      ':prefix': 'OPENCASE#ana#',
    });
  });

  it('put only sets profile fields (never the counters) and removes a past leave', async () => {
    ddb.on(UpdateCommand).resolves({});
    await staff.put({ id: 'ana', name: 'Ana', email: 'ana@x.com', active: true });
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toContain('REMOVE #leave');
    expect(input.UpdateExpression).not.toMatch(/openCase|lastAssignedAt/);
  });

  it.each([
    ['deactivate', { active: false }, 'SET active = :active', { ':active': false }],
    [
      'leave',
      { leave: { from: '2026-12-02', to: '2026-12-10' } },
      'SET #leave = :leave',
      { ':leave': { from: '2026-12-02', to: '2026-12-10' } },
    ],
    ['return', { leave: null }, 'REMOVE #leave', undefined],
  ])('update (%s) writes only its own field, on an existing member', async (_label, change, expression, values) => {
    ddb.on(UpdateCommand).resolves({});
    expect(await staff.update('ana', change)).toBe(true);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect([input.UpdateExpression, input.ExpressionAttributeValues, input.ConditionExpression]).toEqual([
      expression,
      values,
      'attribute_exists(#pk)',
    ]);
    expect(input.UpdateExpression).not.toMatch(/name|email|openCase|lastAssignedAt/);
  });

  it('update of someone not on the roster is false; other errors propagate', async () => {
    const missing = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
    });
    ddb.on(UpdateCommand).rejectsOnce(missing).rejectsOnce(throttled());
    expect(await staff.update('ninguem', { active: false })).toBe(false);
    await expect(staff.update('ana', { active: false })).rejects.toThrow('throttled');
  });

  it('add writes the profile only where no one has the id; a taken id is false; other errors propagate', async () => {
    const taken = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
    });
    ddb.on(PutCommand).resolvesOnce({}).rejectsOnce(taken).rejectsOnce(throttled());
    const dani = { id: 'dani', name: 'Daniela Souza', email: 'daniela@empresa.com.br', active: true };
    expect(await staff.add(dani)).toBe(true);
    const input = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(input?.Item).toMatchObject({
      sk: 'STAFF#dani',
      type: 'STAFF',
      id: 'dani',
      name: 'Daniela Souza',
      active: true,
    });
    expect(input?.Item).not.toHaveProperty('openCases');
    expect(await staff.add(dani)).toBe(false);
    await expect(staff.add(dani)).rejects.toThrow('throttled');
  });

  it('remove deletes the item; errors propagate', async () => {
    ddb.on(DeleteCommand).resolvesOnce({}).rejectsOnce(throttled());
    await staff.remove('ana');
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({ pk: 'STAFF', sk: 'STAFF#ana' });
    await expect(staff.remove('ana')).rejects.toThrow('throttled');
  });
});
