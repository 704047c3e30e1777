import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

  it('derives openCases from the open-case markers and lists the roster partition', async () => {
    ddb.on(QueryCommand, { KeyConditionExpression: 'pk = :pk' }).resolves({
      Items: [{ analystId: 'ana' }, { analystId: 'ana' }],
    });
    ddb.on(QueryCommand, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)' }).resolves({
      Items: [
        {
          id: 'ana',
          name: 'Ana',
          email: 'ana@x.com',
          active: true,
          lastAssignedAt: '2026-03-02T12:00:00.000Z',
        },
        { id: 'bea', name: 'Bea', email: 'bea@x.com', active: false },
      ],
    });
    expect(await staff.list()).toEqual([
      {
        id: 'ana',
        name: 'Ana',
        email: 'ana@x.com',
        active: true,
        openCases: 2,
        lastAssignedAt: '2026-03-02T12:00:00.000Z',
      },
      { id: 'bea', name: 'Bea', email: 'bea@x.com', active: false, openCases: 0 },
    ]);
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExpressionAttributeValues)).toContainEqual({
      ':pk': 'STAFF',
      ':prefix': 'STAFF#',
    });
  });

  it('put only sets profile fields (never the counters) and removes a past leave', async () => {
    ddb.on(UpdateCommand).resolves({});
    await staff.put({ id: 'ana', name: 'Ana', email: 'ana@x.com', active: true });
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toContain('REMOVE #leave');
    expect(input.UpdateExpression).not.toMatch(/openCase|lastAssignedAt/);
  });

  it('remove deletes the item; errors propagate', async () => {
    ddb.on(DeleteCommand).resolvesOnce({}).rejectsOnce(throttled());
    await staff.remove('ana');
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({ pk: 'STAFF', sk: 'STAFF#ana' });
    await expect(staff.remove('ana')).rejects.toThrow('throttled');
  });
});
