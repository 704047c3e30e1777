import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
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
import { DynamoBounceRegistry } from '../../../shared/adapters/dynamo/bounce-registry';
import { createTableIfMissing } from '../../../shared/adapters/dynamo/create-table';
import { DynamoRateLimiter } from '../../../shared/adapters/dynamo/rate-limiter';
import { DynamoReplyThrottle } from '../../../shared/adapters/dynamo/reply-throttle';
import { DynamoStaffRepository } from '../../../shared/adapters/dynamo/staff-repository';
import { GSI } from '../../../shared/adapters/dynamo/table-design';
import { putTicket, TableTicketDirectory } from '../../../shared/adapters/dynamo/ticket-table-directory';

const raw = new DynamoDBClient({ region: 'us-east-1' });
const doc = DynamoDBDocumentClient.from(raw);
const ddb = mockClient(doc);
const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: {} });

beforeEach(() => {
  ddb.reset();
});

describe('DynamoReplyThrottle', () => {
  const throttle = new DynamoReplyThrottle(doc, 't');

  it('adds the case to a capped set of consumers, expiring two days after the day', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await throttle.tryConsume('Lojista@Exemplo.com.br', 'NO_PRIOR_TICKET', '2026-03-02', 1, 'email:c1')).toBe(
      true,
    );
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'THROTTLE#lojista@exemplo.com.br#NO_PRIOR_TICKET#2026-03-02', sk: 'THROTTLE' });
    expect(input.ConditionExpression).toBe(
      'attribute_not_exists(#consumers) OR size(#consumers) < :max OR contains(#consumers, :id)',
    );
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':me': new Set(['email:c1']),
      ':id': 'email:c1',
      ':max': 1,
      ':ttl': Date.parse('2026-03-04T00:00:00Z') / 1000,
    });
  });

  it('is false at the cap, propagates throttling, and refuses a bad day', async () => {
    ddb.on(UpdateCommand).rejectsOnce(ccf()).rejectsOnce(throttled());
    expect(await throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-03-02', 1, 'c')).toBe(false);
    await expect(throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-03-02', 1, 'c')).rejects.toThrow('throttled');
    await expect(throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-13-45', 1, 'c')).rejects.toThrow(/day/);
    expect(await throttle.tryConsume('a@b.com', 'ACCESS_ISSUE', '2026-03-02', 0, 'c')).toBe(false);
  });
});

describe('DynamoBounceRegistry', () => {
  const bounces = new DynamoBounceRegistry(doc, 't');

  it('stores until and a TTL, and a shorter bounce does not shorten it', async () => {
    ddb.on(PutCommand).resolvesOnce({}).rejectsOnce(ccf());
    const until = new Date('2026-05-01T00:00:00Z');
    await bounces.markBouncing('X@Y.com', until, 'Permanent');
    await bounces.markBouncing('x@y.com', new Date('2026-04-01T00:00:00Z'), 'Transient');
    const item = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item;
    expect(item).toMatchObject({
      pk: 'BOUNCE#x@y.com',
      until: '2026-05-01T00:00:00.000Z',
      expiresAt: until.getTime() / 1000,
    });
  });

  it('compares until with now even when the item is still there (TTL is lazy)', async () => {
    ddb.on(GetCommand).resolves({ Item: { until: '2026-05-01T00:00:00.000Z' } });
    expect(await bounces.isSuppressed('x@y.com', new Date('2026-04-30T00:00:00Z'))).toBe(true);
    expect(await bounces.isSuppressed('x@y.com', new Date('2026-05-02T00:00:00Z'))).toBe(false);
    ddb.on(GetCommand).resolves({});
    expect(await bounces.isSuppressed('x@y.com', new Date())).toBe(false);
  });

  it('propagates read and write errors', async () => {
    ddb.on(GetCommand).rejects(throttled());
    ddb.on(PutCommand).rejects(throttled());
    await expect(bounces.isSuppressed('x@y.com', new Date())).rejects.toThrow('throttled');
    await expect(bounces.markBouncing('x@y.com', new Date(), 'r')).rejects.toThrow('throttled');
  });
});

describe('DynamoRateLimiter', () => {
  const limiter = new DynamoRateLimiter(doc, 't');

  it('returns the count after this hit, keyed by window start', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { hits: 7 } });
    expect(await limiter.hit('ip:203.0.113.9', new Date('2026-03-02T12:00:00Z'), 3600)).toBe(7);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key?.['pk']).toBe(`RATE#ip:203.0.113.9#${Date.parse('2026-03-02T12:00:00Z') / 1000}`);
  });

  it('fails on a missing count, a bad window, or a DynamoDB error', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(throttled());
    await expect(limiter.hit('k', new Date(), 60)).rejects.toThrow(/no count/);
    await expect(limiter.hit('k', new Date(), 60)).rejects.toThrow('throttled');
    await expect(limiter.hit('k', new Date(), 0)).rejects.toThrow(/window/);
  });
});

describe('TableTicketDirectory', () => {
  const directory = new TableTicketDirectory(doc, 't');

  it('maps an item and never queries for a non-numeric id', async () => {
    ddb.on(GetCommand).resolves({ Item: { requesterEmail: 'a@b.com', status: 'open' } });
    expect(await directory.find('123')).toEqual({ id: '123', requesterEmail: 'a@b.com', status: 'open' });
    expect(await directory.find('1 OR 1=1')).toBeNull();
    expect(ddb.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('propagates errors and validates seeds', async () => {
    ddb.on(GetCommand).rejects(throttled());
    await expect(directory.find('123')).rejects.toThrow('throttled');
    await expect(putTicket(doc, 't', { id: '12a', requesterEmail: 'a@b.com' })).rejects.toThrow(/digits/);
  });
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

describe('createTableIfMissing', () => {
  const dynamo = mockClient(raw);
  beforeEach(() => dynamo.reset());

  it('creates the table with the shared keys and indexes, then waits until ACTIVE', async () => {
    dynamo.on(CreateTableCommand).resolves({});
    dynamo.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
    await createTableIfMissing(raw, 'tbl');
    const input = dynamo.commandCalls(CreateTableCommand)[0]!.args[0].input;
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual([
      GSI.byStatus.indexName,
      GSI.bySender.indexName,
    ]);
  });

  it('treats an existing table as success, and other errors as failures', async () => {
    dynamo.on(CreateTableCommand).rejectsOnce(new ResourceInUseException({ message: 'exists', $metadata: {} }));
    dynamo.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
    await createTableIfMissing(raw, 'tbl');
    dynamo.on(CreateTableCommand).rejects(throttled());
    await expect(createTableIfMissing(raw, 'tbl')).rejects.toThrow('throttled');
  });
});
